"""Shared paths for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def seed_text() -> str:
    return (FIXTURES / "seed-page-text.txt").read_text(encoding="utf-8")

"""The command line, run as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import FIXTURES

SEED = FIXTURES / "seed-page-text.txt"


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "boilerstrip", *args], capture_output=True, input=stdin)


def test_clean_prints_the_article() -> None:
    result = _run("clean", str(SEED))
    assert result.returncode == 0
    out = result.stdout.decode("utf-8")
    assert out.startswith("Senior Iranian denies held") and "Latest news" not in out


def test_version_says_whether_the_compiled_parts_run() -> None:
    plain = _run("--version").stdout.decode()
    assert plain.startswith("boilerstrip ") and "compiled core " in plain and "compiled DOM walk " in plain
    pure = subprocess.run([sys.executable, "-m", "boilerstrip", "--version"], capture_output=True,
                          env={**os.environ, "BOILERSTRIP_PURE": "1"})  # fmt: skip
    assert "compiled core off, compiled DOM walk off" in pure.stdout.decode()


def test_clean_reads_standard_input() -> None:
    result = _run("clean", "-", stdin=SEED.read_bytes())
    assert result.returncode == 0 and b"TEHRAN (Reuters)" in result.stdout


def test_explain_shows_reasons_without_colour_when_piped() -> None:
    result = _run("explain", str(SEED))
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0 and "boilerplate section header" in out and "\033[" not in out


def test_unreadable_file_is_a_clear_error() -> None:
    result = _run("clean", str(FIXTURES / "no-such-page.txt"))
    assert result.returncode != 0
    assert b"cannot read" in result.stderr and b"Traceback" not in result.stderr

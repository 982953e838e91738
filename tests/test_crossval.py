"""The cross-validation report's snippet figure: summed over the pages, as trafilatura scores itself."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


@pytest.fixture(scope="module")
def crossval():
    sys.path.insert(0, str(SCRIPTS))
    try:
        spec = importlib.util.spec_from_file_location("crossval_under_test", SCRIPTS / "crossval.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(SCRIPTS))


def page(pid: str, with_n: int, with_found: int, leak_n: int, leak_found: int) -> dict:
    return {"id": pid, "with_n": with_n, "with_found": with_found, "leak_n": leak_n, "leak_found": leak_found}


def test_snippets_are_summed_over_pages_not_averaged(crossval) -> None:
    # Page a: 2 of 3 must-appear snippets, 1 of 2 must-not; page b: its one snippet, nothing leaked.
    # Summed: 3 true positives, 1 false negative, 1 false positive. (Averaged per page, recall would
    # be (2/3 + 1) / 2 = 0.833 instead of 0.75.)
    p, r, f = crossval.snippet_prf([page("a", 3, 2, 2, 1), page("b", 1, 1, 0, 0)])
    assert (p, r, f) == (0.75, 0.75, 0.75)


def test_pages_without_snippets_have_no_figure(crossval) -> None:
    assert crossval.snippet_prf([page("a", 0, 0, 0, 0)]) is None
    assert crossval.snippet_prf([page("a", 2, 0, 1, 1)]) == (0.0, 0.0, 0.0)


def test_snippet_line_puts_each_peer_beside_ours_and_counts_its_missing_pages(crossval) -> None:
    ours = [page("a", 4, 4, 2, 0), page("b", 4, 2, 2, 0)]
    peers = {"peer": {"a": page("a", 4, 1, 2, 2)}}  # the peer has no row for page b
    line = crossval.snippet_line("dev", ours, peers)
    assert line == "dev: P 1.000, R 0.750, F 0.857; peer 0.333, 0.250, 0.286 (on 1 of 2 pages)"

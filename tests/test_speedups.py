"""The compiled core against its pure-Python twin: the same counts, the same output.

Skipped where the extension was not built (no C compiler at install); CI builds it and runs these.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import boilerstrip
from boilerstrip import features, score
from boilerstrip.lexicon import function_words

from .conftest import FIXTURES

pytestmark = pytest.mark.skipif(features._compiled_counts is None, reason="the compiled core is not built")

# Characters that test the edges: white space of several kinds, digits of other scripts, title-case
# digraphs, cased and uncased letters, combining marks, CJK, emoji.
_EDGES = " \t\u00a0\u2003\u3000\u1680\u2028\x1c\x85Aaǅǈ1١५²ⅫßİŉΣσςÉé\u0301中文😀-_'.,"
_LINE = st.text(alphabet=st.sampled_from(_EDGES) | st.characters(blacklist_categories=["Cs"]), max_size=600)


def _pure(lines: list[str], low: list[str]) -> np.ndarray:
    compiled, features._compiled_counts = features._compiled_counts, None
    try:
        return features.token_counts(lines, low, function_words())
    finally:
        features._compiled_counts = compiled


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=20))
def test_counts_agree(lines: list[str]) -> None:
    lines = ["".join(line.splitlines()) for line in lines]
    low = [line.lower() for line in lines]
    stop = function_words()
    assert np.array_equal(features.token_counts(lines, low, stop), _pure(lines, low))


def test_counts_of_a_known_line() -> None:
    got = features.token_counts(["The 2 Rivers of Ǆurđevac and 1999 ¹"], ["the 2 rivers of ǆurđevac and 1999 ¹"],
                                frozenset({"the", "of", "and"}))  # fmt: skip
    # 8 tokens; title-cased: The, Rivers, Ǆurđevac; digits: 2, 1999, ¹ (str.isdigit() says so); stop: the, of, and
    assert got.tolist() == [[8, 3, 3, 3]]


def _pure_forest(forest: score.Forest, x: np.ndarray) -> np.ndarray:
    compiled, score._compiled_forest = score._compiled_forest, None
    try:
        return forest(x)
    finally:
        score._compiled_forest = compiled


@pytest.mark.parametrize("which", [0, 1], ids=["pass 1", "pass 2"])
@pytest.mark.parametrize("model", ["html", "text"])
def test_the_trees_give_the_same_scores(model: str, which: int) -> None:
    # 150 trees (html) and 75 (text): the compiled walk takes four trees at a time, then the rest.
    forest = getattr(score.models(), model)._forests[which]
    columns = int(forest.feature.max()) + 1
    rows = np.random.default_rng(which).normal(0.0, 2.0, size=(700, columns))
    rows[::5, ::3] = np.nan  # a missing value goes left, in both
    rows[1::7, ::4] = np.inf
    rows[2::9] = 0.0
    assert np.array_equal(forest(rows), _pure_forest(forest, rows))


def test_trees_whose_indices_leave_their_arrays_are_refused() -> None:
    from boilerstrip._speedups import forest_sum

    ids = np.array([0], dtype=np.intp)
    tables = (np.array([np.inf]), np.array([1.5]))
    assert np.frombuffer(forest_sum(np.zeros(10), 5, ids, ids, ids, *tables, 3), dtype=np.float64).tolist() == [
        1.5,
        1.5,
    ]
    with pytest.raises(ValueError, match="out of range"):
        forest_sum(np.zeros(10), 5, ids, np.array([5], dtype=np.intp), ids, *tables, 3)
    with pytest.raises(ValueError, match="out of range"):
        forest_sum(np.zeros(10), 5, ids, ids, np.array([7], dtype=np.intp), *tables, 3)
    with pytest.raises(ValueError, match="do not fit"):
        forest_sum(np.zeros(11), 5, ids, ids, ids, *tables, 3)


@pytest.mark.parametrize("path", sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".txt", ".html")),
                         ids=lambda p: p.name)  # fmt: skip
def test_same_output_without_the_core(path) -> None:
    page = path.read_text(encoding="utf-8")
    compiled = boilerstrip.clean(page)
    saved = features._compiled_counts, score._compiled_forest
    features._compiled_counts = score._compiled_forest = None
    try:
        assert boilerstrip.clean(page) == compiled
    finally:
        features._compiled_counts, score._compiled_forest = saved

"""The compiled core against its pure-Python twin: the same counts, the same output.

Skipped where the extension was not built (no C compiler at install); CI builds it and runs these.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import boilerstrip
from boilerstrip import features
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


@pytest.mark.parametrize("path", sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".txt", ".html")),
                         ids=lambda p: p.name)  # fmt: skip
def test_same_output_without_the_core(path) -> None:
    page = path.read_text(encoding="utf-8")
    compiled = boilerstrip.clean(page)
    saved, features._compiled_counts = features._compiled_counts, None
    try:
        assert boilerstrip.clean(page) == compiled
    finally:
        features._compiled_counts = saved

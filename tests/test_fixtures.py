"""The evaluation gate on our own pages: snippets that must and must not come out (fixtures/cases.json)."""

from __future__ import annotations

import json

import pytest

import boilerstrip
from boilerstrip.html import html_page
from boilerstrip.segment import segment

from .conftest import FIXTURES

CASES = {k: v for k, v in json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8")).items() if k[0] != "_"}
UNCHANGED = sorted((FIXTURES / "unchanged").glob("*.txt"))
# Known weaknesses, kept visible (strict xfail: a fix shows up as a failure to remove the entry).
KNOWN_MISSES: set[tuple[str, str]] = {
    # A specifications table of one-word cells under the description: the HTML model drops it.
    ("html/product.html", "28 litres"),
    ("html/product.html", "840 grams"),
    # An API reference as page text: the text model refitted with the cohesion feature (and so
    # would one refitted without it, on today's features) keeps the intro and doubts the entries
    # below the table of contents, outside the main region. Out of fold the refit raises page text
    # on documentation pages (0.902 to 0.909) and overall; these four lines are what it costs here.
    ("pages/api-reference.txt", "The number of messages the buffer holds."),
    ("pages/api-reference.txt", "Refuses further messages and wakes waiting consumers."),
    ("pages/api-reference.txt", "Listen for these events with on()"),
    ("pages/api-reference.txt", "Fired when the buffer has room again"),
    # A phpBB thread's last, short reply, on a page the text type model calls an article: the text
    # model fitted with leaves of 100 lines (out of fold WCXB +0.0009, WCEB +0.0003 over three seeds)
    # scores it 0.22 where the one before scored it 0.36, and the main region ends a post earlier.
    ("pages/forum-phpbb.txt", "Thanks, that was it!"),
}


def _pairs(kind: str) -> list[tuple[str, str]]:
    return [(page, snippet) for page, case in CASES.items() for snippet in case[kind]]


@pytest.fixture(scope="module")
def outputs() -> dict[str, str]:
    return {page: boilerstrip.clean((FIXTURES / page).read_text(encoding="utf-8")) for page in CASES}


@pytest.mark.parametrize(
    ("page", "snippet"),
    [
        pytest.param(p, s, marks=pytest.mark.xfail(strict=True, reason="known miss"))
        if (p, s) in KNOWN_MISSES
        else (p, s)
        for p, s in _pairs("must")
    ],
)
def test_must_keep(outputs: dict[str, str], page: str, snippet: str) -> None:
    assert snippet in outputs[page]


@pytest.mark.parametrize(("page", "snippet"), _pairs("must_not"))
def test_must_drop(outputs: dict[str, str], page: str, snippet: str) -> None:
    assert snippet not in outputs[page]


@pytest.mark.parametrize("path", UNCHANGED, ids=lambda p: p.name)
def test_clean_article_comes_back_whole(path) -> None:
    text = path.read_text(encoding="utf-8")
    assert boilerstrip.clean(text).splitlines() == [line for line in text.splitlines() if line.strip()]


def test_output_lines_are_input_lines_in_order(outputs: dict[str, str]) -> None:
    for page, out in outputs.items():  # a repaired line counts as its input line; HTML's lines are its blocks
        text = (FIXTURES / page).read_text(encoding="utf-8")
        source = segment(html_page(text).text if page.endswith(".html") else text).texts
        position = 0
        for line in out.splitlines():
            position = source.index(line, position) + 1  # raises if a line is not in the input, in order

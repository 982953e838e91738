"""The phrase data of every language compiles and matches what it is meant to."""

from __future__ import annotations

import importlib

import pytest

from boilerstrip.phrases import LANGUAGES, LINE_RE, LINE_SPACELESS_RE, NAVIGATION_RE, SECTION_RE


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_has_all_three_lists(code: str) -> None:
    module = importlib.import_module(f"boilerstrip.phrases.{code}")
    for kind in ("SECTION", "LINE", "NAVIGATION"):
        phrases = getattr(module, kind)
        assert phrases and all(p == p.strip() and p for p in phrases)


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_section_phrase_matches_as_a_header(code: str) -> None:
    module = importlib.import_module(f"boilerstrip.phrases.{code}")
    for phrase in module.SECTION:
        assert SECTION_RE.match(phrase.lower()), phrase
        assert SECTION_RE.match(phrase.lower() + ":"), phrase


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_line_phrase_is_found_inside_a_line(code: str) -> None:
    module = importlib.import_module(f"boilerstrip.phrases.{code}")
    for phrase in module.LINE:
        line = f"» {phrase.lower()} «"
        assert LINE_RE.search(line) or (LINE_SPACELESS_RE and LINE_SPACELESS_RE.search(line)), phrase


def test_phrases_respect_word_boundaries() -> None:
    assert not LINE_RE.search("the unsubscribed readers")  # "subscribe" inside a word
    assert not NAVIGATION_RE.match("homeless shelters open")
    assert not SECTION_RE.match("relatedness of the two species")


def test_patterns_do_not_cross_line_ends() -> None:
    assert not SECTION_RE.search("you might\nalso like")
    assert not LINE_RE.search("all rights\nreserved")

"""Odd but valid input gets a sensible result: never a crash, never a hang."""

from __future__ import annotations

import functools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import boilerstrip
from boilerstrip.html import html_page
from boilerstrip.limits import LINE_PIECE_CHARS, LONG_LINE_CHARS
from boilerstrip.segment import segment, split_long_line


def _allowed_lines(text: str) -> set[str]:
    page = segment(text)
    return set(page.raws) | set(page.texts)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_and_returns_lines_of_the_input(text: str) -> None:
    out = boilerstrip.clean(text, input_format="text")
    assert isinstance(out, str)
    allowed = _allowed_lines(text)
    assert all(line in allowed for line in out.split("\n") if out)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Home", "Related", "Share this", "© 2025", "Read more...", "Latest news", "", " "])
        | st.text(min_size=1, max_size=200).map(lambda s: s.replace("\n", " ")),
        max_size=60,
    )
)
def test_page_like_line_mixes(lines: list[str]) -> None:
    text = "\n".join(lines)
    out = boilerstrip.clean(text)
    assert all(line in _allowed_lines(text) for line in out.split("\n") if out)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=3000))
def test_binary_junk_as_bytes(data: bytes) -> None:
    assert isinstance(boilerstrip.clean(data), str)


def test_binary_junk_decoded_as_text() -> None:
    rng = random.Random(7)
    junk = bytes(rng.randrange(256) for _ in range(200_000)).decode("latin-1")
    assert isinstance(boilerstrip.clean(junk), str)


def test_every_script() -> None:
    samples = [
        "مرحبا بكم في موقعنا. هذه مقالة طويلة عن تاريخ المدينة القديمة وأسواقها وناسها الذين عاشوا فيها قرونا.",
        "שלום לכולם, זהו מאמר ארוך על ההיסטוריה של העיר העתיקה והשווקים שלה לאורך מאות שנים רבות מאוד.",
        "यह शहर के पुराने इतिहास और उसके बाज़ारों के बारे में एक लंबा लेख है जो कई सदियों पुराना है।",
        "นี่คือบทความยาวเกี่ยวกับประวัติศาสตร์ของเมืองเก่าและตลาดของเมืองที่มีอายุหลายร้อยปีมาแล้ว",
        "これは古い町の歴史と、何百年も続いてきた市場についての長い記事です。町の人々は今も市場に集まります。",
        "이것은 오래된 도시의 역사와 수백 년 동안 이어져 온 시장에 관한 긴 기사입니다. 사람들은 여전히 모입니다.",
        "Αυτό είναι ένα μεγάλο άρθρο για την ιστορία της παλιάς πόλης και τις αγορές της εδώ και αιώνες.",
    ]
    for sample in samples:
        page = "Home\nNews\n" + "\n".join([sample] * 3) + "\nShare\n© 2025"
        out = boilerstrip.clean(page)
        assert sample in out, sample[:20]
        assert "© 2025" not in out


def test_pathological_lines_finish() -> None:
    # Inputs that make naive patterns backtrack: long runs of one character, spaces, punctuation.
    lines = ["a" * 200_000, " " * 100_000 + "x", "." * 100_000, "related " * 20_000, "-" * 50_000 + "Share",
             "Image" + "A" * 100_000, "\t".join(["x"] * 50_000)]  # fmt: skip
    for line in lines:
        assert isinstance(boilerstrip.clean(line + "\nSome words here."), str)


def test_many_glued_placeholders_stay_linear() -> None:
    page = "\n".join(f"ImageNet{i} is a data set used by many people in research every day." for i in range(20_000))
    assert isinstance(boilerstrip.clean(page), str)


@functools.cache
def _twenty_megabyte_page_kept() -> tuple[str, ...]:
    """The kept lines of a 20 MB page, cleaned once for the tests that read them."""
    article = "\n".join(
        f"Paragraph {i}: the council met again on Tuesday and discussed the budget, the roads and the new school."
        for i in range(400)
    )
    page = ("Home\nNews\nSport\n" + article + "\nRelated\nShare\n") * 482  # about 20 MB
    assert len(page) > 20_000_000
    return tuple(boilerstrip.clean(page).splitlines())


def test_a_twenty_megabyte_page() -> None:
    kept = _twenty_megabyte_page_kept()
    paragraphs = [line for line in kept if line.startswith("Paragraph ")]
    assert len(paragraphs) == len(set(paragraphs)) == 400  # the whole article, each paragraph once


@pytest.mark.xfail(strict=True, reason="known miss: a one-word menu line above some copies scores as a heading")
def test_a_twenty_megabyte_page_keeps_no_menu_line() -> None:
    # The page-text model fitted with leaves of 100 lines (out of fold better on both dev files)
    # keeps the whole article where the one before doubted the tail of each copy, but it takes the
    # "Sport" right above 126 of the 482 copies, and 60 "Related" lines, for headings.
    assert all(line.startswith("Paragraph ") for line in _twenty_megabyte_page_kept())


def _article_sentences(count: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    subjects = ["The council", "Residents", "The mayor", "Engineers", "Local shops", "The harbour board", "Teachers"]
    verbs = ["discussed", "rejected", "approved", "questioned", "welcomed", "delayed", "examined", "praised"]
    objects = ["the new budget for the roads", "plans for a wider sea wall", "the cost of the school roof",
               "a study of the tides", "the bus timetable for winter", "repairs to the old pier"]  # fmt: skip
    endings = ["on Tuesday evening.", "after a long debate.", "in a packed hall.", "despite strong objections.",
               "for the third time this year.", "with little enthusiasm."]  # fmt: skip
    return [f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)} {rng.choice(endings)}"
            for _ in range(count)]  # fmt: skip


def test_an_article_on_one_line_is_scored_by_its_sentences() -> None:
    # About 4,000 words with their line breaks replaced by spaces: as one block it was scored as a
    # whole (its separators made it look like a menu) and came back "".
    line = "In short | the wall | the cost | the vote | the tides | the pier. " + " ".join(_article_sentences(330))
    out = boilerstrip.clean(line)
    assert len(out.split()) >= 0.9 * len(line.split())
    assert all(len(piece) <= LINE_PIECE_CHARS for piece in out.splitlines())
    page = segment(line)
    assert len(page) > 20 and set(page.line_nos) == {0}
    assert page.blank_before[0] and not page.blank_before[1] and page.blank_after[-1] and not page.blank_after[0]


def test_split_long_line_keeps_every_word_in_order() -> None:
    sentences = _article_sentences(200, seed=9)
    line = "   " + "  ".join(sentences) + " " + "x" * 2500 + " tail words here"
    pieces = split_long_line(line)
    assert pieces[0].startswith("   ") and not pieces[0][3].isspace()  # the first keeps its indentation
    assert "".join("".join(pieces).split()) == "".join(line.split())  # every character, in order
    assert all(0 < len(piece) <= LINE_PIECE_CHARS for piece in pieces)
    assert sum(piece.endswith(".") for piece in pieces) >= len(pieces) - 4  # cut at sentence ends
    assert split_long_line("日本語の文です。" * 300) == ["日本語の文です。" * 125] * 2 + ["日本語の文です。" * 50]


def test_an_over_long_line_that_is_no_prose_stays_one_block() -> None:
    # A list of 1,200 language names (or a build log, ZIP codes, JSON) on one line: cut into blocks
    # it would pass for running text, so it is scored whole as before.
    names = " ".join(f"Lang{i} Script" for i in range(1_200))
    assert len(names) > LONG_LINE_CHARS
    assert split_long_line(names) == [names]
    assert segment(f"Intro line\n{names}\nLast line").texts[1] == names
    html = f"<html><body><p>An opening paragraph of the page.</p><div>{names}</div></body></html>"
    assert names in html_page(html).text.splitlines()

"""The page the project was made from: its whole article kept once, all its boilerplate gone."""

from __future__ import annotations

import boilerstrip

PARAGRAPH_STARTS = [
    "TEHRAN (Reuters) – A senior aide",
    "But the official, Mojtaba Samareh-Hashemi",
    "He was asked to comment",
    "The report, published last Friday",
    '"I have had no official',
    "New U.S. President Barack Obama",
    "Ahmadinejad has set tough terms",
    "Analysts say the Islamic Republic",
    "The United States accuses Iran",
    "Samareh-Hashemi said meetings",
    '"In the current (year to March)',
    '"These meetings were a good opportunity',
    "His comments suggested",
    "The Cable (, a website",
    "It said they met under the auspices",
    "(Reporting by Parisa Hafezi",
]


def test_title_then_every_paragraph_once_in_order(seed_text: str) -> None:
    lines = boilerstrip.clean(seed_text).splitlines()
    assert lines[0] == "Senior Iranian denies held “back-channel” U.S. talks"
    assert len(lines) == 1 + len(PARAGRAPH_STARTS)
    for line, start in zip(lines[1:], PARAGRAPH_STARTS):
        assert line.startswith(start)


def test_glued_placeholder_repaired_and_teaser_copy_dropped(seed_text: str) -> None:
    out = boilerstrip.clean(seed_text)
    assert "ImageTEHRAN" not in out and "TEHRAN (Reuters)" in out
    assert "Reuters: A senior aide" not in out  # the teaser copy of the lede
    assert "Iran General News" not in out  # the category glued to the headline


def test_every_boilerplate_section_gone(seed_text: str) -> None:
    out = boilerstrip.clean(seed_text)
    for gone in ("Latest news", "Must read", "You might also like", "Recommended to you", "NCRI Hosts", "AFP: Iran"):
        assert gone not in out


def test_explain_gives_a_reason_for_each_block(seed_text: str) -> None:
    ex = boilerstrip.explain(seed_text)
    reasons = {b.text.strip(): b.reason for b in ex.blocks}
    assert reasons["Latest news"] == "boilerplate section header"
    assert reasons["Recommended to you"] == "boilerplate section header"
    assert reasons["Senior Iranian denies held “back-channel” U.S. talks"] == "title"
    glued = 'Iran General NewsSenior Iranian denies held "back-channel" U.S. talks'
    assert reasons[glued] in ("repeats another block", "low score")
    assert ex.text == boilerstrip.clean(seed_text)
    assert all(0.0 <= b.score <= 1.0 and b.features for b in ex.blocks)

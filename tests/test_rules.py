"""The named rules on small inputs: each does what its name says."""

from __future__ import annotations

import numpy as np

import boilerstrip
from boilerstrip.features import block_words, page_features
from boilerstrip.filter import Reason, flag, toc_entries, veto
from boilerstrip.segment import segment
from boilerstrip.select import duplicates, fill_gaps, main_region, region_anchors
from boilerstrip.thresholds import (
    GAP_MIN_PROBABILITY,
    REPEAT_KEEP_PROBABILITY,
    SENTENCE_PHRASE_OVERRIDE_PROBABILITY,
    VETO_OVERRIDE_PROBABILITY,
)

LEDE = "TEHRAN (Reuters) – A senior aide denied on Monday a report that he had held talks with envoys."


def test_teaser_copy_of_the_lede_goes_and_the_lede_stays() -> None:
    texts = ["Reuters: A senior aide denied on Monday a report that he had held talks with envoys.", LEDE]
    assert duplicates(texts, [True, True]) == {0: 1}


def test_headline_glued_to_its_category_goes() -> None:
    texts = ["World NewsSenior aide denies holding talks", "Senior aide denies holding talks", LEDE]
    assert duplicates(texts, [True, True, True]) == {0: 1}


def test_exact_repeat_of_a_sentence_goes_but_short_labels_may_repeat() -> None:
    sentence = "The council will publish a full breakdown of the repayments before work begins."
    texts = ["Pros", "It is quiet.", sentence, "Pros", "It is cheap.", sentence]
    assert duplicates(texts, [True] * 6) == {5: 2}


def test_a_sure_repeat_stays_but_a_second_copy_of_the_article_goes() -> None:
    chorus = "We will walk the long road home together when the harvest moon is high."
    verse = "The fields were cold and the river was wide, but nobody turned back that year."
    sure, doubtful = REPEAT_KEEP_PROBABILITY, REPEAT_KEEP_PROBABILITY - 0.2
    # a refrain the page prints twice, which the scorer is sure of, stays; a doubtful copy goes
    assert duplicates(["Song", chorus, verse, chorus], [True] * 4, [False] * 4, [sure] * 4) == {}
    assert duplicates(["Song", chorus, verse, chorus], [True] * 4, [False] * 4, [sure, sure, sure, doubtful]) == {3: 1}
    # without scores every repeat goes
    assert duplicates(["Song", chorus, verse, chorus], [True] * 4) == {3: 1}
    # the paragraphs of a second copy of the article (a tab, a mobile version) go, however sure
    texts = ["Story", verse, chorus, "Share", verse, chorus]
    assert duplicates(texts, [True] * 6, [False] * 6, [sure] * 6) == {4: 1, 5: 2}


def test_only_kept_blocks_count_as_duplicates() -> None:
    sentence = "The council will publish a full breakdown of the repayments before work begins."
    assert duplicates([sentence, sentence], [False, True]) == {}


def test_gap_between_kept_blocks_is_filled_only_for_low_scores() -> None:
    keep = [True, False, True, False, True]
    reasons = [Reason.CONTENT, Reason.LOW_SCORE, Reason.CONTENT, Reason.NAVIGATION, Reason.CONTENT]
    fill_gaps(keep, reasons, [0.9, GAP_MIN_PROBABILITY, 0.9, 0.3, 0.9])
    assert keep == [True, True, True, False, True]
    assert reasons[1] is Reason.GAP and reasons[3] is Reason.NAVIGATION
    # A line the score doubts more (a caption, a stray label between two paragraphs) stays out.
    keep, reasons = [True, False, True], [Reason.CONTENT, Reason.LOW_SCORE, Reason.CONTENT]
    fill_gaps(keep, reasons, [0.9, GAP_MIN_PROBABILITY - 0.01, 0.9])
    assert keep == [True, False, True]


def test_a_long_run_of_code_between_kept_blocks_is_kept() -> None:
    # Text, a tab label, eight doubted code lines, text: the example belongs to the text around it.
    n = 11
    keep = [True] + [False] * (n - 2) + [True]
    reasons = [Reason.CONTENT] + [Reason.LOW_SCORE] * (n - 2) + [Reason.CONTENT]
    p = [0.9, 0.1, 0.35, 0.3, 0.4, 0.25, 0.3, 0.35, 0.3, 0.4, 0.9]
    code = [False, False] + [True] * 8 + [False]
    words = [30.0, 4.0] + [3.0] * 8 + [30.0]
    fill_gaps(keep, reasons, p, code, words)
    assert keep == [True, False] + [True] * 8 + [True]  # the tab label (0.1) stays out
    # The same run as prose, or as code the scores doubt more, stays out.
    for p_run, mask in ((p, [False] * n), ([0.9, 0.1] + [0.2] * 8 + [0.9], code)):
        keep = [True] + [False] * (n - 2) + [True]
        reasons = [Reason.CONTENT] + [Reason.LOW_SCORE] * (n - 2) + [Reason.CONTENT]
        fill_gaps(keep, reasons, p_run, mask, words)
        assert keep == [True] + [False] * (n - 2) + [True]


def test_the_main_region_is_built_outside_the_menus() -> None:
    # A filter list in a <nav> scores like content line by line and holds more words than the text.
    keep = [True] * 12 + [False, True, True]
    chrome = [True] * 12 + [False] * 3
    words = [5.0] * 12 + [2.0, 40.0, 35.0]
    p = [0.6] * 12 + [0.2, 0.8, 0.8]
    assert main_region(keep, p, words) == (0, 15)
    assert main_region(region_anchors(keep, chrome, words), p, words) == (13, 15)
    # Where the lines outside the menus hold too few words, the kept menu lines count as before.
    assert region_anchors(keep, chrome, [5.0] * 12 + [2.0, 10.0, 10.0]) == keep


def test_a_main_region_spread_over_cards_spans_them() -> None:
    # Four cards of 20 words, each three low lines (a rating, a price, a "Compare" link) apart: at
    # the usual penalty one card is the region, a quarter of what the kept lines are worth, so the
    # search runs again with the gentler one and spans the grid.
    card, gap = ([True], [0.6], [20.0]), ([False] * 3, [0.1] * 3, [9.0] * 3)
    keep, p, words = ([*c, *g, *c, *g, *c, *g, *c] for c, g in zip(card, gap))
    assert main_region(keep, p, words) == (0, 13)
    # An article's region holding most of the page's worth stays as the usual penalty draws it: its
    # sidebar line beyond the low lines is not pulled in.
    keep = [True] * 5 + [False] * 3 + [True]
    p, words = [0.9] * 5 + [0.1] * 3 + [0.6], [40.0] * 5 + [9.0] * 3 + [20.0]
    assert main_region(keep, p, words) == (0, 5)


def test_glued_placeholder_repair_needs_a_one_off_token() -> None:
    page = segment("ImageLONDON (AP) – The river rose two metres overnight and flooded the lower town.")
    assert page.texts[0].startswith("LONDON (AP)") and page.repairs[0] == "Image"
    kept = segment("ImageNet is a data set of labelled pictures used to train models.\nWe used ImageNet too.")
    assert kept.texts[0].startswith("ImageNet") and not kept.repairs


def test_section_header_drops_the_teasers_under_it() -> None:
    article = "\n".join(
        f"Paragraph {i} of the story explains, in plain words, what the council decided and why it matters."
        for i in range(6)
    )
    page = f"Home\nNews\nCouncil approves the budget\n{article}\nRelated articles\nFerry suspended after fault\n© 2025"
    ex = boilerstrip.explain(page)
    reasons = {b.text: b.reason for b in ex.blocks}
    assert reasons["Related articles"] == Reason.SECTION_HEADER.value
    assert not any(b.keep for b in ex.blocks if b.text in ("Ferry suspended after fault", "© 2025", "Home"))
    assert "Paragraph 5 of the story" in ex.text


def _toc_headers(lines: list[str]) -> list[str]:
    x = page_features(segment("\n".join(lines)), full=False)
    low = [line.lower() for line in lines]
    return [lines[i] for i in sorted(toc_entries(x, block_words(x).tolist(), low))]


SECTIONS = ["Constructor", "Instance properties", "Instance methods", "Events", "See also"]
BODY = "Fired when the buffer has room again after it was full, so that a waiting producer may send again."
# A reference page: its contents list names its sections, which follow with their text between them.
CONTENTS_PAGE = ["Channel", BODY, "On this page", *SECTIONS, *(x for name in SECTIONS for x in (name, BODY, BODY))]


def test_a_see_also_entry_in_the_pages_contents_opens_no_teaser_run() -> None:
    page = CONTENTS_PAGE
    assert _toc_headers(page) == ["See also"]
    x = page_features(segment("\n".join(page)), full=False)
    words = block_words(x).tolist()
    contents = toc_entries(x, words, [line.lower() for line in page])
    reasons = veto(x, words, [0.3] * len(page), contents=contents)
    first, last = page.index("See also"), len(page) - 3
    assert reasons[first] is None and reasons[first + 1] is None  # the first section is no teaser
    assert reasons[last] is Reason.SECTION_HEADER  # the real "See also" header further down still is


def test_a_tab_bar_or_a_repeated_block_is_no_contents_list() -> None:
    article = [BODY] * 4
    tabs = ["Most read", "Latest", "Most shared", "Related", "Top ten", "Storm closes the coastal path"]
    assert _toc_headers([*article, *tabs, "Footer"]) == []
    # A contact form the footer repeats comes back as close together as it was: no contents list,
    # though the header ("Latest news") comes again further down too.
    form = ["First name", "Last name", "Phone", "Email", "Tell us more"]
    page = [*article, *form, "Latest news", "Storm closes the coastal path", *article, *form, *article, "Latest news"]
    assert _toc_headers(page) == []


def test_only_the_first_headers_are_asked_whether_they_are_contents_entries() -> None:
    # Each header asked may scan the page for its later copy: a page of thousands of headers asks
    # TOC_MAX_HEADERS of them, so its cost stays linear. A contents list after that many is not read.
    from boilerstrip.thresholds import TOC_MAX_HEADERS

    before = ["Related articles", BODY] * TOC_MAX_HEADERS
    assert _toc_headers(before + CONTENTS_PAGE) == []
    assert _toc_headers(before[2:] + CONTENTS_PAGE) == ["See also"]


GERMAN_ARTICLE = "\n".join(
    [
        "Der Stadtrat hat am Dienstagabend nach langer Debatte den Haushalt für das kommende Jahr beschlossen.",
        "Die größten Posten sind die Sanierung der Grundschulen und der Ausbau der Radwege in der Innenstadt.",
        "Die Opposition kritisierte, dass die Gebühren für Kindergärten trotz der Zusagen erneut steigen sollen.",
        "Der Kämmerer verwies auf gestiegene Energiekosten und sagte, ohne die Erhöhung fehle eine Million Euro.",
        "Eine Bürgerversammlung zu den geplanten Radwegen soll im kommenden Monat im Rathaus stattfinden.",
    ]
)


def test_menu_label_above_the_headline_does_not_veto_the_headline() -> None:
    # "Aktuelles" (news) is a section name above the article, not the header of a teaser list: the
    # headline under it, followed by running text, is the article's and no teaser.
    lines = ["Aktuelles", "Stadtrat beschließt Haushalt mit knapper Mehrheit", *GERMAN_ARTICLE.splitlines()]
    x = page_features(segment("\n".join(lines)), full=False)
    words = block_words(x).tolist()
    reasons = veto(x, words, [0.3, 0.6] + [0.9] * (len(lines) - 2))
    assert reasons[0] is Reason.SECTION_HEADER
    assert reasons[1] is None
    assert reasons[2:] == [None] * (len(lines) - 2)


def test_headline_under_a_menu_label_and_its_links_is_the_articles() -> None:
    # "Archives" opens a teaser run; a menu link and a date come before the headline, then the text.
    # The line right above the running text is the article's headline when it scores as possible
    # content; the lines between the label and it stay teasers.
    headline = "Stadtrat beschließt Haushalt mit knapper Mehrheit"
    lines = ["Archives", "Council and city hall", "8 November 2024", headline, *GERMAN_ARTICLE.splitlines()]
    x = page_features(segment("\n".join(lines)), full=False)
    words = block_words(x).tolist()
    scores = [0.1, 0.05, 0.2, 0.6] + [0.9] * (len(lines) - 4)
    reasons = veto(x, words, scores)
    assert reasons[0] is Reason.SECTION_HEADER
    assert reasons[1] is Reason.TEASER and reasons[2] is Reason.TEASER
    assert reasons[3] is None
    assert reasons[4:] == [None] * (len(lines) - 4)
    # a last title that scores as a teaser's stays one
    assert veto(x, words, [*scores[:3], 0.1, *scores[4:]])[3] is Reason.TEASER


def test_a_real_teaser_list_under_a_header_still_goes() -> None:
    teasers = "Weitere Nachrichten\nFähre fällt wegen Sturm aus\nNeue Buslinie ab März\nMarkt zieht auf den Domplatz"
    ex = boilerstrip.explain(f"Stadtrat beschließt Haushalt mit knapper Mehrheit\n{GERMAN_ARTICLE}\n{teasers}")
    kept = {b.text for b in ex.blocks if b.keep}
    assert not kept & {"Fähre fällt wegen Sturm aus", "Neue Buslinie ab März", "Markt zieht auf den Domplatz"}


def test_paywall_cut_last_paragraph_is_kept_but_teaser_excerpts_go() -> None:
    body = [
        f"Paragraph {i} of the story explains, in plain words, what the council decided and why it matters to you."
        for i in range(5)
    ]
    cut = (
        "The treasurer then turned to the question of the ferry subsidy, which several members of the council "
        "said had been promised to the islanders long before the …"
    )
    teasers = [
        "More from the coast",
        "Ferry suspended after fault",
        "The operator said the fault in the ramp would take a week to fix and that passengers …",
    ]
    page = "\n".join(["Council approves the budget", *body, cut, *teasers, "© 2025 Coast News"])
    ex = boilerstrip.explain(page)
    kept = {b.text for b in ex.blocks if b.keep}
    assert cut in kept
    assert teasers[2] not in kept


def test_a_confident_score_overrules_a_phrase_rule_and_the_match_is_still_reported() -> None:
    # "share" and "register" make a short line a share/account line; in a sentence of the article
    # that the score is sure of, the score wins. The excerpt cut with "…" likewise.
    lines = [
        "Once you register, our staff will share the timetable.",
        "The committee will publish the figures next week and then…",
        "Share this article",
    ]
    x, words = _rows(lines)
    sure, unsure = VETO_OVERRIDE_PROBABILITY + 0.01, VETO_OVERRIDE_PROBABILITY - 0.01
    vetoes, matched = flag(x, words, [sure, sure, unsure])
    assert matched == [Reason.BOILERPLATE_LINE, Reason.ELLIPSIS_TEASER, Reason.BOILERPLATE_LINE]
    assert vetoes == [None, None, Reason.BOILERPLATE_LINE]
    assert veto(x, words, [unsure] * 3) == matched


def _rows(lines: list[str]) -> tuple[np.ndarray, list[float]]:
    """A page's base feature rows and words per line, as the filter reads them."""
    x = page_features(segment("\n".join(lines)), full=False)
    return x, block_words(x).tolist()


def test_a_phrase_in_a_sentence_of_running_text_yields_to_a_lower_score() -> None:
    # A tutorial's step names the sign-up; a sign-up link or a long call to action without a sentence's
    # end is the site's, and a short sentence keeps the usual bar.
    lines = [
        "Sign up for a free account. When the form asks which plan you want, choose the trial plan.",
        "Sign up for a free account and choose the trial plan with every feature included",
        "Sign up for our newsletter.",
    ]
    x, words = _rows(lines)
    vetoes, matched = flag(x, words, [SENTENCE_PHRASE_OVERRIDE_PROBABILITY + 0.05] * 3)
    assert matched == [Reason.BOILERPLATE_LINE] * 3
    assert vetoes == [None, Reason.BOILERPLATE_LINE, Reason.BOILERPLATE_LINE]
    doubted = [SENTENCE_PHRASE_OVERRIDE_PROBABILITY - 0.05] * 3
    assert flag(x, words, doubted)[0] == [Reason.BOILERPLATE_LINE] * 3


def test_every_spaceless_character_lies_in_the_blocks_searched_first() -> None:
    # _spaceless_counts skips a page without a character of these blocks: none of the scripts' may lie outside
    from boilerstrip.features import _SPACELESS_BLOCKS, _SPACELESS_CHAR

    every = "".join(map(chr, range(0x110000)))
    found = "".join(_SPACELESS_CHAR.findall(every))
    assert len(found) > 100_000  # Han, kana and Thai, as the regex module knows them
    assert len(_SPACELESS_BLOCKS.findall(found)) == len(found)


def test_spaceless_characters_are_counted_per_line_on_a_page_with_any() -> None:
    import numpy as np

    from boilerstrip.features import _spaceless_counts

    lines = ["Plain words “quoted” — café", "東京の天気は晴れです。", "ภาษาไทย and ascii", "ascii only"]
    stop = np.zeros(4)
    assert _spaceless_counts(lines, stop) == [0, 10, 7, 0]
    assert stop[1] > 0 and stop[0] == stop[3] == 0
    assert _spaceless_counts(lines[:1] + lines[3:], np.zeros(2)) == [0, 0]


def test_a_dropped_code_line_weighs_nothing_in_the_main_region() -> None:
    # A tutorial: text, eighty code lines each doubted (a line-number gutter, a few tokens a line), text.
    keep = [True] * 3 + [False] * 80 + [True] * 3
    p = [0.9] * 3 + [0.35] * 80 + [0.9] * 3
    words = [30.0] * 3 + [3.0] * 80 + [25.0] * 3
    assert main_region(keep, p, words) == (0, 3)  # the code's doubt cuts the tutorial in two
    in_pre = np.array([False] * 3 + [True] * 80 + [False] * 3)
    assert main_region(keep, p, words, in_pre) == (0, 86)  # code is no evidence of boilerplate
    # Doubted lines outside a <pre> keep their weight.
    assert main_region(keep, p, words, np.zeros(86, dtype=bool)) == (0, 3)


def test_lines_inside_a_pre_are_marked_whatever_their_own_tag() -> None:
    from boilerstrip.html import html_page

    page = html_page(
        "<html><body><p>Save this as report.py and run it.</p><pre><code><div>import sys</div>"
        "<div>print(sys.argv)</div></code></pre><p>It prints its arguments.</p></body></html>"
    )
    lines = page.text.splitlines()
    assert page.in_pre is not None
    marked = [line for line, pre in zip(lines, page.in_pre.tolist()) if pre]
    assert marked == ["import sys", "print(sys.argv)"]


def test_page_text_comments_need_an_article_above_their_header() -> None:
    from boilerstrip.pipeline import _comments_to_the_end

    keep = [True, False, True, True, False, True]
    words = [60.0, 1.0, 50.0, 40.0, 8.0, 30.0]
    assert _comments_to_the_end(keep, 1, words) == []  # 60 words above: a menu's or a byline's "Comments"
    assert _comments_to_the_end(keep, 4, words) == [5]  # 150 above: every kept line after it goes
    assert _comments_to_the_end([*keep[:4], True, True], 4, words) == [4, 5]  # the header too, if kept


def test_only_a_notice_in_the_page_second_half_closes_the_page_text() -> None:
    from boilerstrip.pipeline import _after_closing_notice

    article = [
        "The new server broke the benchmark's record on Monday, its maker said in a statement.",
        "It did so with twice the throughput of the model it replaces, at the same power draw, the maker said.",
        "A second paragraph, with enough words to count as the article's running text, says what it costs.",
    ]
    signup = "Join our list and get ten percent off your first order when you sign up today."

    def cut(texts: list[str], keep: list[bool]) -> list[int]:
        page = segment("\n".join(texts))
        x = page_features(page, full=False)
        return _after_closing_notice(x, page.texts, keep, block_words(x).tolist())

    closing = ["Benchmarks", *article, "© 2026 Example Media. All rights reserved.", signup]
    assert cut(closing, [False, True, True, True, False, True]) == [5]
    assert cut(closing, [False, True, True, True, True, True]) == []  # a notice kept is no footer
    # A mark inside a name ("SPECweb©2005") is no notice; nor is a notice above the page's middle.
    named = ["Benchmarks", *article, "SPECweb©2005 results by vendor", signup]
    assert cut(named, [False, True, True, True, False, True]) == []
    early = ["Benchmarks", "© 2026 Example Media", *article, signup]
    assert cut(early, [False, False, True, True, True, True]) == []

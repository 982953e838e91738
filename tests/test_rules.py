"""The named rules on small inputs: each does what its name says."""

from __future__ import annotations

import boilerstrip
from boilerstrip.filter import Reason
from boilerstrip.segment import segment
from boilerstrip.select import duplicates, fill_gaps

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


def test_only_kept_blocks_count_as_duplicates() -> None:
    sentence = "The council will publish a full breakdown of the repayments before work begins."
    assert duplicates([sentence, sentence], [False, True]) == {}


def test_gap_between_kept_blocks_is_filled_only_for_low_scores() -> None:
    keep = [True, False, True, False, True]
    reasons = [Reason.CONTENT, Reason.LOW_SCORE, Reason.CONTENT, Reason.NAVIGATION, Reason.CONTENT]
    fill_gaps(keep, reasons, [0.9, 0.3, 0.9, 0.3, 0.9])
    assert keep == [True, True, True, False, True]
    assert reasons[1] is Reason.GAP and reasons[3] is Reason.NAVIGATION


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

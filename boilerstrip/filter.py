"""Step 3: named boilerplate rules. Each rule looks at one block and says why it is boilerplate.

The learned score already weighs these signals; a rule here is a veto for the cases where one
signal settles the matter whatever the score: a menu item, a share/cookie/legal line, a section
header such as "You might also like" and the teaser list under it.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Sequence
from enum import Enum

import numpy as np

from .features import COLUMN
from .thresholds import (
    CUT_PARAGRAPH_MIN_WORDS,
    LONG_LINE_WORDS,
    PROSE_PROBABILITY,
    SECTION_EXIT_PROBABILITY,
    SECTION_HEADLINE_PROBABILITY,
    SECTION_RUN_MAX_BLOCKS,
    SENTENCE_PHRASE_OVERRIDE_PROBABILITY,
    TEASER_HEADLINE_MAX_WORDS,
    TEASER_MAX_WORDS,
    TOC_ENTRY_MAX_WORDS,
    TOC_MAX_HEADERS,
    TOC_MIN_ENTRIES,
    TOC_MIN_SPREAD,
    TOC_WINDOW,
    VETO_OVERRIDE_PROBABILITY,
)


class Reason(str, Enum):
    """Why a block was dropped or kept; shown by ``explain()``."""

    CONTENT = "content"
    TITLE = "title"
    LOW_SCORE = "low score"
    NAVIGATION = "navigation item"
    BOILERPLATE_LINE = "share/cookie/legal/account line"
    SECTION_HEADER = "boilerplate section header"
    TEASER = "teaser under a boilerplate section header"
    ELLIPSIS_TEASER = "teaser excerpt ending in an ellipsis"
    DUPLICATE = "repeats another block"
    OUTSIDE_REGION = "outside the main region"
    AUTHOR_BOX = "in an author box"
    RELATED = "in a box of links to related pages"
    CONSENT = "in a cookie or consent dialog"
    REVIEWS = "in a shop's customer reviews"
    INLINE_SECTION = 'a section\'s name and its one link ("Related: ...")'
    GAP = "between kept blocks: a short run, or a run of code or of list items"
    CLEAN_PAGE_VETO = "flagged line on an already clean page"
    BEFORE_TITLE = "short line before the headline"
    TITLE_NOT_KEPT = "headline (keep_title is off)"
    TITLE_TAG = "the <title> of a bare document"
    NO_CONTENT = "the page has no main content"
    FALLBACK = "outside the menus and scores as possible content, on a page where no region held content"
    COMMENTS = "after the readers' comments header"
    AFTER_POST = "after the end of the post's container"
    OUTSIDE_POST = "outside the post's container, where the selection had missed the post"
    TEMPLATE = "another instance of a template the selection kept (a post, a card)"
    TABLE = "the rest of a data table whose head the selection kept"
    AFTER_FOOTER = "after the page's closing copyright line"


#: Vetoes no score overrules: a teaser under its header, and a section's name with its one link
#: ("Related: <headline>"), whose headline reads like the article's own sentences to the scorer.
_NOT_OVERRULED = frozenset({Reason.TEASER, Reason.INLINE_SECTION})


def veto(
    x: np.ndarray,
    words: Sequence[float],
    p: Sequence[float],
    inline: Sequence[bool] | None = None,
    contents: Collection[int] = (),
) -> list[Reason | None]:
    """The rule, if any, that marks each block as boilerplate regardless of its score."""
    return flag(x, words, p, inline, contents)[0]


def flag(
    x: np.ndarray,
    words: Sequence[float],
    p: Sequence[float],
    inline: Sequence[bool] | None = None,
    contents: Collection[int] = (),
) -> tuple[list[Reason | None], list[Reason | None]]:
    """Each block's veto (as :func:`veto`), and the rule that matched it, overruled by its score or not.

    ``inline`` marks the lines :func:`features.inline_sections` finds; a section header in
    ``contents`` is an entry of the page's table of contents (:func:`toc_entries`), and opens nothing.
    A list page counts its cards by the rules that matched (a card's excerpt may score high enough
    to overrule the ellipsis rule, and is a card all the same). Only the blocks a rule could match
    are visited: those a column or ``inline`` flags, and the run under each section header; every
    other block has neither.
    """
    n = len(p)
    named_links = np.asarray(inline if inline is not None else np.zeros(n), dtype=bool)
    out: list[Reason | None] = [None] * n
    matched: list[Reason | None] = [None] * n
    names = ("section_header", "navigation_item", "boiler_phrase", "ends_ellipsis", "ends_sentence")
    columns = x[:, [COLUMN[c] for c in names]]
    rows = columns.tolist()
    flagged = np.flatnonzero(columns[:, :4].any(axis=1) | named_links).tolist() if n else []
    linked = named_links.tolist()
    in_section = 0  # blocks left in the teaser run opened by the last section header
    run: list[int] = []  # the teasers of the current run so far
    i, k = -1, 0  # the block visited, and the next flagged block to visit
    while True:
        if in_section and i + 1 < n:
            i += 1
        else:
            while k < len(flagged) and flagged[k] <= i:
                k += 1
            if k == len(flagged):
                break
            i = flagged[k]
        reason: Reason | None = None
        section, navigation, phrase, ellipsis, sentence = rows[i]
        n_words, prob = words[i], p[i]
        if section and i not in contents:
            reason, in_section, run = Reason.SECTION_HEADER, SECTION_RUN_MAX_BLOCKS, []
        elif navigation:
            reason = Reason.NAVIGATION
        elif phrase:
            reason = Reason.BOILERPLATE_LINE
        elif linked[i]:
            reason = Reason.INLINE_SECTION
        elif ellipsis and n_words <= TEASER_MAX_WORDS and not _cut_paragraph(i, out, rows, words, p):
            # An excerpt cut with "…" is a teaser; the cut last paragraph of a paywalled article, right
            # after the article's running text, is not.
            reason = Reason.ELLIPSIS_TEASER
        elif in_section:
            in_section -= 1
            headline_like = n_words <= TEASER_HEADLINE_MAX_WORDS or not sentence
            if prob < SECTION_EXIT_PROBABILITY and headline_like:
                reason = Reason.TEASER
                run.append(i)
            else:
                in_section = 0  # real content again: the section is over
                if run and run[-1] == i - 1 and (len(run) == 1 or p[i - 1] >= SECTION_HEADLINE_PROBABILITY):
                    # Header, a headline, then running text: the "header" was a menu label or a
                    # section name ("News", "Archives") above the article, and the line right above
                    # its text is the article's headline, after whatever menu lines came between.
                    out[run[-1]] = None
        matched[i] = reason
        bar = VETO_OVERRIDE_PROBABILITY
        if reason is Reason.BOILERPLATE_LINE and sentence and n_words >= LONG_LINE_WORDS:
            bar = SENTENCE_PHRASE_OVERRIDE_PROBABILITY  # the phrase sits in a sentence of running text
        if reason is not None and reason not in _NOT_OVERRULED and prob >= bar:
            reason = None  # the score is sure enough to overrule the phrase
        out[i] = reason
    return out, matched


def toc_entries(x: np.ndarray, words: Sequence[float], lines: Sequence[str]) -> set[int]:
    """The section headers that are entries of the page's table of contents (``lines``: the page's
    lines, lower-cased).

    A contents list names the page's own sections, which follow it in the same order: the header's
    line comes again further down, and so do at least :data:`TOC_MIN_ENTRIES` of the short lines
    beside it, those above it before the header's later copy and those below it after, their copies
    spread over :data:`TOC_MIN_SPREAD` times the lines they take in the list: the sections' text lies
    between them. A tab bar ("Most read | Latest") names panels that seldom repeat it, and a block
    the footer repeats (a menu, a contact form) comes back as close together as it was. Only the
    page's first :data:`TOC_MAX_HEADERS` headers are asked, so a page of thousands stays linear.
    """
    headers = np.flatnonzero(x[:, COLUMN["section_header"]]).tolist()[:TOC_MAX_HEADERS] if len(x) else []
    if not headers:
        return set()
    places: dict[str, list[int]] = {}

    def next_place(line: str, after: int) -> int | None:
        if not places:
            for k, text in enumerate(lines):
                places.setdefault(text, []).append(k)
        found = places[line]
        k = bisect.bisect_right(found, after)
        return found[k] if k < len(found) else None

    found = set()
    for i in headers:
        try:
            again = lines.index(lines[i], i + 1)
        except ValueError:  # the common case: no second copy, and no index of the lines to build
            continue
        entries, copies = [], []
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(lines) and abs(j - i) <= TOC_WINDOW and 0 < words[j] <= TOC_ENTRY_MAX_WORDS:
                later = next_place(lines[j], max(i, j))
                if later is not None and (later < again if step < 0 else later > again):
                    entries.append(j)
                    copies.append(later)
                j += step
        spread = (max(copies) - min(copies)) / max(max(entries) - min(entries), 1) if entries else 0.0
        if len(entries) >= TOC_MIN_ENTRIES and spread >= TOC_MIN_SPREAD:
            found.add(i)
    return found


def _cut_paragraph(
    i: int, out: list[Reason | None], rows: list[list[float]], words: Sequence[float], p: Sequence[float]
) -> bool:
    """Whether block ``i`` is long enough to be a cut paragraph and follows running text that scores as
    content (no veto so far): the cut last paragraph of a paywalled article."""
    return (
        words[i] >= CUT_PARAGRAPH_MIN_WORDS
        and i > 0
        and out[i - 1] is None
        and p[i - 1] >= PROSE_PROBABILITY
        and words[i - 1] >= LONG_LINE_WORDS
        and bool(rows[i - 1][4])
    )

"""Step 4: choose the main content from the scores and the vetoes.

Three decisions, each with a named reason for ``explain()``:
the main region (the stretch of the page holding the most kept text, so that a good-looking block
far from the article stays out), near-duplicates (a teaser copy of the lede, a headline glued to its
category), and the title (the article's headline, once).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import compress, count
from operator import itemgetter
from typing import cast

import numpy as np

from .features import COLUMN, load_compiled
from .filter import Reason
from .limits import NORMALISE_BATCH_LINES
from .phrases import (
    COMMENT_COUNT_ALONE_RE,
    COMMENT_COUNT_RE,
    COMMENT_TOPIC_RE,
    COMMENTS_RE,
    CONSENT_MARKS,
    CONSENT_RE,
    REVIEWS_RE,
)
from .score import best_stretch
from .thresholds import (
    CODE_GAP_MIN_PROBABILITY,
    CODE_GAP_MIN_SHARE,
    COMMENT_COUNT_MIN_PARAGRAPHS,
    CONSENT_MIN_LINES,
    DUPLICATE_MIN_WORDS,
    GAP_MAX_BLOCKS,
    GAP_MIN_PROBABILITY,
    LIST_GAP_ITEM_LEVELS,
    LIST_GAP_MIN_SHARE,
    LIST_GAP_TEXT_LEVELS,
    LONG_LINE_WORDS,
    NEAR_DUPLICATE_MIN_CHARS,
    REGION_ANCHOR_MIN_WORDS,
    REGION_PENALTY,
    REGION_SPREAD_PENALTY,
    REGION_SPREAD_SHARE,
    REPEAT_KEEP_PROBABILITY,
    REVIEWS_HEADER_MAX_WORDS,
    REVIEWS_MENU_MAX_WORDS,
    REVIEWS_MIN_PARAGRAPHS,
    TABLE_CELL_MAX_WORDS,
    TABLE_HEAD_CELLS,
    TABLE_HEAD_KEPT_SHARE,
    TABLE_MIN_CELLS,
    TABLE_NUMERIC_SHARE,
    TITLE_LOOKBACK,
    TITLE_MAX_WORDS,
    TITLE_MIN_WORDS,
    TITLE_SHARE_OF_TAG,
)

_NON_ALNUM = re.compile(r"[\W_]+")
_NON_ALNUM_KEEPING_LINES = re.compile(r"[^\w\n]+")  # after "_" is gone
#: The compiled core's twin of ``_NON_ALNUM_KEEPING_LINES.sub("", text)`` on a text without "_" (None
#: without the core): a pattern matching between most words costs a replacement each.
_compiled_alnum = cast("Callable[[str], str] | None", load_compiled("alnum_only"))
_WORD = re.compile(r"[^\W_]+")  # "_" separates a <title>'s parts ("标题_频道_网站"): no word character here
_TITLE_BARS = ("ends_colon", "ends_ellipsis", "byline", "has_date")
_TITLE_BAR_COLUMNS = [COLUMN[c] for c in _TITLE_BARS]
_NOT_TITLES = frozenset({Reason.NAVIGATION, Reason.SECTION_HEADER, Reason.BOILERPLATE_LINE, Reason.ELLIPSIS_TEASER})


def main_region(
    keep: Sequence[bool],
    p: Sequence[float] | np.ndarray,
    words: Sequence[float] | np.ndarray,
    neutral: np.ndarray | None = None,
) -> tuple[int, int]:
    """The stretch ``[start, end)`` that maximises kept words minus a penalty for dropped blocks.

    Where that stretch holds less than :data:`REGION_SPREAD_SHARE` of what the kept blocks are worth,
    the page's content is spread out (cards, posts) and the search runs again with a gentler penalty.
    """
    kept = np.asarray(keep, dtype=bool)
    q, w = np.asarray(p, dtype=np.float64), np.asarray(words, dtype=np.float64)
    # Per element the same two products and sums as a Python loop would make: the same doubles.
    worth = w * q
    doubt = 1.0 + w * (1.0 - q)
    if neutral is not None and neutral.any():  # a dropped code line is no evidence either way
        doubt = np.where(neutral & ~kept, 0.0, doubt)
    region = best_stretch(np.where(kept, worth, -REGION_PENALTY * doubt))
    start, end = region
    total = float(worth[kept].sum())
    if total > 0 and float(worth[start:end][kept[start:end]].sum()) < REGION_SPREAD_SHARE * total:
        return best_stretch(np.where(kept, worth, -REGION_SPREAD_PENALTY * doubt))
    return region


def region_anchors(keep: Sequence[bool], chrome: Sequence[bool], words: Sequence[float]) -> Sequence[bool]:
    """The kept blocks the main region is built on: those outside the page's menus, header and footer
    (``chrome``) when they hold :data:`REGION_ANCHOR_MIN_WORDS`, else every kept block.

    A shop's filter list or a mega-menu can score like content line by line; built on them, the
    region lands in the menu and the article or the cards beside it go. Kept chrome blocks inside
    the region stay; outside it they are judged like any block outside it.
    """
    if not any(chrome):  # page text, or a page without menus: nothing to set apart
        return keep
    free = [k and not c for k, c in zip(keep, chrome)]
    return free if sum(w for w, f in zip(words, free) if f) >= REGION_ANCHOR_MIN_WORDS else keep


def counted_comments(texts: Sequence[str]) -> int | None:
    """The line that counts the page's comments ("12 Comments", "7 Responses to “Title”"), if it
    counts some; else ``None``. A page may state its one count several times (the byline, under the
    post, above the comments): the last heads them. Counts that differ are a list of posts' cards,
    and a byline may say "0 comments". Read once a page: :func:`comments_header` asks for it on each
    selection."""
    digit_led = compress(count(), map(str.isdigit, map(itemgetter(slice(None, 1)), texts)))  # (a C-level pass)
    counts = [(i, m) for i in digit_led if (m := COMMENT_COUNT_RE.match(texts[i].lower()))]
    if not counts or len({int(m[1]) for _, m in counts}) > 1 or int(counts[0][1][1]) == 0:
        return None
    return counts[-1][0]


def names_its_post(texts: Sequence[str], counted: int | None) -> bool:
    """Whether the comment count line (:func:`counted_comments`) names the post the comments are on
    ("3 thoughts on “Title”", "2 Gedanken zu „Titel“")."""
    return counted is not None and COMMENT_TOPIC_RE.match(texts[counted].lower()) is not None


def counts_alone(texts: Sequence[str], counted: int | None) -> bool:
    """Whether the comment count line (:func:`counted_comments`) is nothing but the count ("12
    Comments", "3 Kommentare:"): a heading over the comments, which a thread's reply count, amid
    its pages' links and views, seldom is."""
    return counted is not None and COMMENT_COUNT_ALONE_RE.match(texts[counted].lower()) is not None


def comments_header(
    texts: Sequence[str], x: np.ndarray, words: Sequence[float], keep: Sequence[bool], counted: int | None
) -> int | None:
    """The section header that opens the readers' comments after the article has begun ("Comments
    (12)", "Leave a reply"), or ``None``. The article begins at its first kept line of running text.

    The page's comment count (``counted``, from :func:`counted_comments`) heads them too where it
    follows COMMENT_COUNT_MIN_PARAGRAPHS kept paragraphs (a byline may say "21 comments" above the
    article).
    """
    kept = list(compress(range(len(keep)), keep))
    if not kept:
        return None
    start = next((i for i in kept if words[i] >= LONG_LINE_WORDS), kept[0])
    section = x[:, COLUMN["section_header"]]
    if (
        counted is not None
        and sum(words[i] >= LONG_LINE_WORDS for i in kept if i < counted) < COMMENT_COUNT_MIN_PARAGRAPHS
    ):
        counted = None
    for i in np.flatnonzero(section[start + 1 :] > 0).tolist():
        if counted is not None and counted < start + 1 + i:
            break
        if COMMENTS_RE.match(texts[start + 1 + i].lower()):
            return start + 1 + i
    return counted if counted is not None and counted > start else None


def reviews_header(texts: Sequence[str], words: Sequence[float], keep: Sequence[bool]) -> int | None:
    """The header that opens a product's customer reviews after its description ("Customer Reviews",
    "Reviews (212)"), or ``None``: a short line of a ``REVIEWS`` phrase after at least
    REVIEWS_MIN_PARAGRAPHS kept lines of running text, unless it stands in a run of lines as short as
    a menu's (REVIEWS_MENU_MAX_WORDS: the two before it, or those on either side), since a tab bar
    ("Description", "Specifications", "Reviews") or the site's menu names the reviews without opening
    them."""
    paragraphs, last = 0, len(texts) - 1
    for i, text in enumerate(texts):
        if (
            paragraphs >= REVIEWS_MIN_PARAGRAPHS
            and words[i] <= REVIEWS_HEADER_MAX_WORDS
            and REVIEWS_RE.match(text.lower())
        ):
            before = words[i - 1] <= REVIEWS_MENU_MAX_WORDS
            if not (
                before
                and (words[i - 2] <= REVIEWS_MENU_MAX_WORDS or i == last or words[i + 1] <= REVIEWS_MENU_MAX_WORDS)
            ):
                return i
        paragraphs += keep[i] and words[i] >= LONG_LINE_WORDS
    return None


def consent_span(texts: Sequence[str]) -> tuple[int, int] | None:
    """The lines of a consent dialog's list of purposes, as page text or a page's HTML holds it when
    the dialog's container goes unnamed: from the first line naming a purpose ("Measure content
    performance") to the line after the last (that purpose's description), where at least
    CONSENT_MIN_LINES lines name one; else ``None``."""
    joined = "\n".join(texts)
    if not any(mark in joined for mark in CONSENT_MARKS):
        return None
    named = [i for i, line in enumerate(joined.lower().split("\n")) if CONSENT_RE.search(line)]
    if len(named) < CONSENT_MIN_LINES:
        return None
    return named[0], min(named[-1] + 2, len(texts))


def fill_gaps(
    keep: list[bool],
    reasons: list[Reason],
    p: Sequence[float],
    code: Sequence[bool] | None = None,
    words: Sequence[float] | None = None,
    items: Sequence[bool] | None = None,
    containers: np.ndarray | None = None,
) -> None:
    """Keep short runs of low-score blocks that sit between kept blocks (headings, list items, captions),
    and on HTML runs of any length that are mostly code (``code``: the ``<pre>`` lines, with the
    blocks' ``words``) or mostly list items of the text (``items``, in the same ``containers`` as the
    kept text around them: a tutorial's lists of links to its topics).

    Only blocks dropped for their score qualify, never one a rule vetoed. A short run needs each
    block to score at least :data:`GAP_MIN_PROBABILITY`; a run of code needs
    :data:`CODE_GAP_MIN_SHARE` of its words in code lines scoring :data:`CODE_GAP_MIN_PROBABILITY`
    on average, and keeps its code and the blocks around it that reach GAP_MIN_PROBABILITY; a run of
    items (:func:`_item_run`) keeps its items and those blocks likewise.
    """
    last_kept = -1
    # Only the kept lines are visited: a gap filled lies before the kept line that closes it.
    for i in compress(range(len(keep)), keep):
        gap = range(last_kept + 1, i)
        short = len(gap) <= GAP_MAX_BLOCKS
        # A long gap can only be a run of code or list items (HTML): elsewhere it is not read line by line.
        if last_kept >= 0 and gap and (short or code is not None) and all(reasons[j] is Reason.LOW_SCORE for j in gap):
            if short and all(p[j] >= GAP_MIN_PROBABILITY for j in gap):
                for j in gap:
                    keep[j], reasons[j] = True, Reason.GAP
            elif (
                words is not None
                and (marked := _long_run(gap, p, words, code, items, containers, (last_kept, i))) is not None
            ):
                for j in gap:
                    if marked[j] or p[j] >= GAP_MIN_PROBABILITY:
                        keep[j], reasons[j] = True, Reason.GAP
        last_kept = i


#: A table cell that is a number, a score, a time, a share or a range ("3.5", "2-1", "12:30", "45%"):
#: these characters only (one linear pass, whatever the cell's length), a digit among them.
_NUMERIC_CELL = re.compile(r"[\d.,:%+\-–−/ ]+")
_DIGIT = re.compile(r"\d")


def table_rest(cells: Sequence[bool], texts: Sequence[str], words: np.ndarray, keep: Sequence[bool]) -> list[int]:
    """The dropped cells of each data table whose head the selection kept (TABLE_* thresholds).

    ``cells`` marks the table cells outside the page's menus, header and footer; a run of them in a
    row is one table (found by whole-array steps: most pages have no table, and none is walked).
    """
    marked = np.asarray(cells, dtype=np.int8)
    if not marked.any():
        return []
    edges = np.flatnonzero(np.diff(np.concatenate(([0], marked, [0])))).tolist()
    rest: list[int] = []
    for start, stop in zip(edges[::2], edges[1::2]):
        if stop - start >= TABLE_MIN_CELLS and _data_table(range(start, stop), texts, words, keep):
            rest.extend(k for k in range(start, stop) if not keep[k])
    return rest


def _data_table(run: range, texts: Sequence[str], words: np.ndarray, keep: Sequence[bool]) -> bool:
    """Whether a run of cells is a data table the selection began to keep: its head kept, its cells
    short, many of them numbers (a layout table's cells are long and seldom numbers)."""
    head = run[:TABLE_HEAD_CELLS]
    numbers = sum(1 for k in run if _NUMERIC_CELL.fullmatch(texts[k]) and _DIGIT.search(texts[k]))
    return (
        sum(keep[k] for k in head) >= TABLE_HEAD_KEPT_SHARE * len(head)
        and float(np.median(words[run.start : run.stop])) <= TABLE_CELL_MAX_WORDS
        and numbers >= TABLE_NUMERIC_SHARE * len(run)
    )


def _long_run(
    gap: range,
    p: Sequence[float],
    words: Sequence[float],
    code: Sequence[bool] | None,
    items: Sequence[bool] | None,
    containers: np.ndarray | None,
    ends: tuple[int, int],
) -> Sequence[bool] | None:
    """The lines that make a long gap worth keeping (its code, or the text's list items), or None."""
    if code is not None and _code_run(gap, p, code, words):
        return code
    if items is not None and containers is not None and _item_run(gap, items, words, containers, ends):
        return items
    return None


def _code_run(gap: range, p: Sequence[float], code: Sequence[bool], words: Sequence[float]) -> bool:
    """A run of blocks that is mostly code (by words), its code lines doubted only a little."""
    lines = [j for j in gap if code[j]]
    code_words = sum(words[j] for j in lines)
    return (
        bool(lines)
        and code_words >= CODE_GAP_MIN_SHARE * sum(words[j] for j in gap)
        and sum(p[j] for j in lines) / len(lines) >= CODE_GAP_MIN_PROBABILITY
    )


def _item_run(
    gap: range, items: Sequence[bool], words: Sequence[float], containers: np.ndarray, ends: tuple[int, int]
) -> bool:
    """A run of blocks most of whose words (by :data:`LIST_GAP_MIN_SHARE`) are list items of the page's
    body in the same container as the kept text on either side: a list the text introduces, not a
    column beside it."""
    around = set(containers[list(ends), :LIST_GAP_TEXT_LEVELS].ravel().tolist())
    near = sum(
        words[j] for j in gap if items[j] and not around.isdisjoint(containers[j, :LIST_GAP_ITEM_LEVELS].tolist())
    )
    return near > 0 and near >= LIST_GAP_MIN_SHARE * sum(words[j] for j in gap)


def _normal(text: str) -> str:
    return _NON_ALNUM.sub("", text.lower())


def _normal_lines(texts: list[str]) -> list[str]:
    """:func:`_normal` of each text (none holds a line break), a pass per batch of them rather than a
    call per text; batches keep a huge page's temporary strings small. Lower-cased a text at a time:
    ``str.lower()`` of a batch holding one non-ASCII character costs twice its texts' own (the same
    lower case: a line break stops the final sigma's look-around)."""
    out: list[str] = []
    for start in range(0, len(texts), NORMALISE_BATCH_LINES):
        joined = "\n".join(map(str.lower, texts[start : start + NORMALISE_BATCH_LINES]))
        if _compiled_alnum is not None:  # ("_" is no alphanumeric: the core drops it too)
            out.extend(_compiled_alnum(joined).split("\n"))
        else:
            out.extend(_NON_ALNUM_KEEPING_LINES.sub("", joined.replace("_", "")).split("\n"))
    return out


def duplicates(
    texts: Sequence[str],
    keep: Sequence[bool],
    headings: Sequence[bool] | None = None,
    scores: Sequence[float] | None = None,
) -> dict[int, int]:
    """Map each kept block that repeats another kept block to the block it repeats.

    Exact repeats (ignoring case and surrounding space) of lines of some length anywhere in the page
    (short ones such as "Pros" or "Step 2" are structure and may repeat); containment (one text a
    prefix or suffix of the other, ignoring punctuation) between consecutive kept blocks. Of a
    contained pair the shorter goes, unless the longer one is the shorter glued to a prefix with no
    space between (``NewsSenior Iranian ...``): that is a rendering artefact, and the longer goes.
    Only the ends of a line are normalised unless they match, so long paragraphs cost little. Of an
    exact repeat the later goes, unless it is a heading (``headings``, HTML input) and the earlier
    is not: the earlier is then a table of contents' or a teaser's copy, and the heading stays. With
    ``scores``, an exact repeat the scorer is sure of stays (:func:`_sure_repeat`).
    """
    seen: dict[str, int] = {}
    out: dict[int, int] = {}
    previous: tuple[int, str, str] | None = None
    span = NEAR_DUPLICATE_MIN_CHARS
    kept = list(compress(range(len(keep)), keep))
    picked = list(map(texts.__getitem__, kept))
    # Each kept line's ends, normalised from its first and its last 2 x span characters.
    heads = list(
        map(itemgetter(slice(None, span)), _normal_lines(list(map(itemgetter(slice(None, 2 * span)), picked))))
    )
    tails = list(
        map(itemgetter(slice(-span, None)), _normal_lines(list(map(itemgetter(slice(-2 * span, None)), picked))))
    )
    for k, i in enumerate(kept):
        text = picked[k]
        key = text.strip().lower()  # made here, not all at once: a page's repeated lines hold no copy
        if key in seen and len(key.split()) >= DUPLICATE_MIN_WORDS and not _sure_repeat(texts, i, seen[key], scores):
            first = seen[key]
            if headings is not None and headings[i] and not headings[first] and first not in out:
                out[first], seen[key] = i, i
            else:
                out[i] = first
            continue
        seen.setdefault(key, i)
        head, tail = heads[k], tails[k]
        if previous is not None:
            j, previous_head, previous_tail = previous
            if head == previous_head or tail.endswith(previous_tail) or previous_tail.endswith(tail):
                drop = _contained_pair(texts[j], text)
                if drop == "first":
                    out[j] = i
                elif drop == "second":
                    out[i] = j
                    continue
        previous = (i, head, tail)
    return out


def _sure_repeat(texts: Sequence[str], i: int, first: int, scores: Sequence[float] | None) -> bool:
    """True when block ``i``, a repeat of block ``first``, is one the page means to print twice: it
    scores at least REPEAT_KEEP_PROBABILITY and no neighbour of it (other than another copy of it)
    repeats the same neighbour of the first copy, as the paragraphs of a second copy of a whole
    article do (a tab or a mobile version the reader sees once)."""
    if scores is None or scores[i] < REPEAT_KEEP_PROBABILITY:
        return False
    line = texts[i].strip().lower()
    for step in (-1, 1):
        j, k = i + step, first + step
        if 0 <= j < len(texts) and 0 <= k < len(texts) and j != first and k != i:
            neighbour = texts[j].strip().lower()
            if neighbour and neighbour != line and neighbour == texts[k].strip().lower():
                return False
    return True


def _contained_pair(first_text: str, second_text: str) -> str:
    """Which of two neighbouring blocks repeats the other: "first", "second" or ""."""
    first, second = _normal(first_text), _normal(second_text)
    short, long_ = (first, second) if len(first) <= len(second) else (second, first)
    if len(short) < NEAR_DUPLICATE_MIN_CHARS // 2 or short == long_:
        return ""
    if not (long_.startswith(short) or long_.endswith(short)):
        return ""
    if len(short) < NEAR_DUPLICATE_MIN_CHARS and not long_.endswith(short):
        return ""
    shorter_is_first = short is first
    long_text = second_text if shorter_is_first else first_text
    if long_.endswith(short) and _glued_prefix(long_text, short):
        return "second" if shorter_is_first else "first"
    return "first" if shorter_is_first else "second"


def _glued_prefix(text: str, tail_norm: str) -> bool:
    """True when ``text`` ends with the words of ``tail_norm`` glued to a prefix (no space)."""
    letters = 0
    for pos in range(len(text) - 1, -1, -1):
        ch = text[pos]
        if ch.isalnum():
            letters += 1
            if letters == len(tail_norm):
                return pos > 0 and text[pos - 1].isalnum()
    return False


def _text_start(kept: list[int], words: Sequence[float], running: Callable[[int], bool] | None = None) -> int:
    """Where the article text starts: the first kept block of running text (of LONG_LINE_WORDS, and
    one ``running`` says is where given), else the first kept block."""
    return next((i for i in kept if words[i] >= LONG_LINE_WORDS and (running is None or running(i))), kept[0])


def find_title(
    texts: Sequence[str],
    x: np.ndarray,
    words: Sequence[float],
    keep: Sequence[bool],
    dropped: dict[int, Reason],
    page_title: str = "",
) -> int | None:
    """The headline: the nearest heading-like block before the start of the article text, or, where
    a heading-like block there says what the page's ``<title>`` says, that block.

    The text starts at the first kept block of running text (or the first kept block); a headline
    has a few words, no sentence end, and is not a byline, date, breadcrumb or a line a rule dropped.
    The nearest such block is often a byline or a "reviewed by" line the rules do not know; the
    headline is the one the ``<title>`` repeats ("Headline | Site").
    """
    kept = list(compress(range(len(keep)), keep))
    if not kept:
        return None
    sentence, colon = COLUMN["ends_sentence"], COLUMN["ends_colon"]

    # A long line that ends no sentence nor leads into one (a colon) may be the headline itself
    # ("What You Should Expect to Pay for Cleaning Services in San Diego"): the text starts after it.
    # (Asked of the first kept long lines only, as are the bars of the few lines above the text.)
    def running(i: int) -> bool:
        return bool(x[i, sentence] > 0 or x[i, colon] > 0 or words[i] > TITLE_MAX_WORDS)

    anchor = _text_start(kept, words, running)
    low = max(0, anchor - TITLE_LOOKBACK)
    above = x[low:anchor]
    bars = above[:, _TITLE_BAR_COLUMNS].any(axis=1) | (above[:, COLUMN["separator_count"]] > 0)
    title_words = _words(page_title)
    nearest = None
    for i in range(anchor - 1, max(-1, anchor - TITLE_LOOKBACK - 1), -1):
        if dropped.get(i) in _NOT_TITLES:
            continue
        if not TITLE_MIN_WORDS <= words[i] <= TITLE_MAX_WORDS or bars[i - low]:
            continue
        if x[i, sentence] and not texts[i].rstrip().endswith(("?", "!")):
            continue
        if not title_words:
            return i
        nearest = i if nearest is None else nearest
        if repeats_title(texts[i], page_title):
            return i
    return nearest


def drop_title_element(
    texts: Sequence[str], title_elements: np.ndarray, title: int, keep: list[bool], reasons: list[Reason]
) -> None:
    """On HTML, the ``<title>`` line ("Headline | Site") repeats the headline kept from the page: drop it."""
    headline = _words(texts[title])
    for i in title_elements.tolist():
        if i != title and keep[i] and headline <= _words(texts[i]):
            keep[i], reasons[i] = False, Reason.DUPLICATE


def find_heading(h1: np.ndarray, words: Sequence[float], keep: Sequence[bool]) -> int | None:
    """On HTML, the headline is the page's ``<h1>``: the last before the article text starts, else the
    first inside it (pages that also mark their logo as ``<h1>`` put it first)."""
    kept = list(compress(range(len(keep)), keep))
    if not kept or not len(h1):
        return None
    anchor = _text_start(kept, words)
    before = [int(i) for i in h1 if anchor - TITLE_LOOKBACK <= i <= anchor]
    if before:
        return before[-1]
    inside = [int(i) for i in h1 if kept[0] <= i <= kept[-1]]
    return inside[0] if inside else None


def far_heading(
    h1: np.ndarray, words: Sequence[float], keep: Sequence[bool], texts: Sequence[str], page_title: str
) -> int | None:
    """The last ``<h1>`` before the article text, however far, that holds most of the words of the
    ``<title>``: a summary box or a table of contents may stand between the headline and the text.
    (A logo's ``<h1>`` holds the site's name only.)"""
    kept = list(compress(range(len(keep)), keep))
    title_words = _words(page_title)
    if not kept or not title_words:
        return None
    anchor = _text_start(kept, words)
    for i in reversed([int(i) for i in h1 if i < anchor]):
        shared = title_words & _words(texts[i])
        if len(shared) >= max(TITLE_MIN_WORDS, len(title_words) * TITLE_SHARE_OF_TAG):
            return i
    return None


def _words(text: str) -> set[str]:
    """The distinct words of a line or a ``<title>``, lower-cased: what the title finders compare."""
    return set(_WORD.findall(text.lower()))


def repeats_title(text: str, page_title: str) -> bool:
    """True when every word of a line of a few words is in the page's ``<title>`` ("Headline | Site")."""
    line_words = _words(text)
    return len(line_words) >= TITLE_MIN_WORDS and line_words <= _words(page_title)

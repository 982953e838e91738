"""Per-block features: what a block looks like on its own, and where it stands in the page.

Speed matters here more than anywhere (a page has hundreds of lines), so nothing runs a Python
frame per line: each raw count is one column, made by mapping a C-level callable (a regex
``findall``, a ``str`` method, a set look-up) over the lines; the phrase and date patterns scan the
whole page once and only their matches cost Python work; everything derived (ratios, bins,
neighbourhood windows, position in the page) is numpy over all blocks at once. The feature
names are the keys of the learned weights in ``boilerstrip/models/text.json``.
"""

from __future__ import annotations

import importlib
import os
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from itertools import accumulate, chain, compress, count, repeat
from operator import not_
from types import ModuleType
from typing import cast

import numpy as np
import regex

from .lexicon import CJK_FUNCTION_CHARS, function_words
from .phrases import (
    INLINE_SECTION_RE,
    LINE_RE,
    LINE_SPACELESS_RE,
    LINE_TRIE,
    NAVIGATION_RE,
    NAVIGATION_TRIES,
    SECTION_RE,
    SECTION_TAIL_CHARS,
    SECTION_TRIES,
)
from .segment import Page
from .thresholds import (
    BOILER_LINE_MAX_WORDS,
    CJK_CHARS_PER_WORD,
    COHESION_MIN_CHARS,
    LONG_LINE_WORDS,
    NAV_MAX_WORDS,
    NEAR_WINDOW,
    PROSE_WORDS,
    RATIO_SAMPLE_CHARS,
    SECTION_DECAY_BLOCKS,
    SECTION_MAX_WORDS,
    WIDE_WINDOW,
)

_SPACELESS_CHAR = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")
#: The Unicode blocks those four scripts are written in (Thai; CJK radicals to unified ideographs, with
#: the kana; compatibility ideographs; half-width forms; the kana and ideograph supplements): every
#: character of _SPACELESS_CHAR is in one (a test reads every code point), not the reverse. As pairs
#: of first and last characters (what the compiled core's ``in_ranges`` reads), and as a pattern.
_SPACELESS_BOUNDS = (
    "\u0e00\u0e7f\u2e80\u9fff\uf900\ufaff\uff00\uffef\U00016f00\U0001b2ff\U0001f200\U0001f2ff\U00020000\U0003ffff"
)
_SPACELESS_BLOCKS = re.compile(
    "[" + "".join(f"{first}-{last}" for first, last in zip(_SPACELESS_BOUNDS[::2], _SPACELESS_BOUNDS[1::2])) + "]"
)
_SENTENCE_END = re.compile(r"[.!?。！？](?:[\"'”’»)\]]*)(?:\s|$)")
_SEPARATOR = re.compile(r"[|•·»›]")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
#: English month names and abbreviations, as whole words: after a day with a dot ("5. may") a prefix
#: is not enough, since a numbered list's items start so ("9. declutter first").
ENGLISH_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
)  # fmt: skip
#: Month names of German, French, Spanish, Italian, Portuguese and Dutch that _MONTH's English
#: prefixes miss, and their abbreviations where no English word reads the same (not "set", "out",
#: "ago", "gen"): matched as whole words. The compiled core holds the same two lists.
MONTH_NAMES = (
    "märz", "mär", "mai", "okt", "oktober", "dez", "dezember", "jänner",
    "février", "févr", "fév", "avril", "avr", "juin", "juillet", "juil", "août", "décembre", "déc",
    "enero", "abril", "abr", "agosto", "setiembre", "diciembre",
    "gennaio", "maggio", "giugno", "giu", "luglio", "lug", "settembre", "ottobre", "ott",
    "fevereiro", "fev", "março", "maio", "setembro", "outubro", "dezembro",
    "maart", "mrt", "mei",
)  # fmt: skip


def _whole_words(names: tuple[str, ...]) -> str:
    return "(?:" + "|".join(sorted(names, key=len, reverse=True)) + r")(?!\w)"


_OTHER_MONTH = _whole_words(MONTH_NAMES)
_WHOLE_MONTH = _whole_words(ENGLISH_MONTHS + MONTH_NAMES)
#: A date in a (lower-cased) line: "12.3.2024", "jan[uary][.] 5", "märz[.] 2021", "5 jan[uary]",
#: "14[.] [de] märz" (whole names only), "5 days ago" or "9:30". The look-ahead lets ``re`` skip fast
#: to a digit or the first letter of a month.
_DATE = re.compile(
    rf"(?=[\djfmasondegl])\b(?:\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}|{_MONTH}\.?[^\S\n]+\d{{1,2}}"
    rf"|{_OTHER_MONTH}\.?[^\S\n]+\d|\d{{1,2}}[^\S\n]+{_MONTH}|\d{{1,2}}\.?[^\S\n]+(?:de[^\S\n]+)?{_WHOLE_MONTH}"
    r"|\d+[^\S\n]+(?:minutes?|hours?|days?|weeks?|months?|years?)[^\S\n]+ago|\d{1,2}:\d{2})"
)
_BYLINE_WORDS = ("by", "von", "par", "por", "di", "door", "автор", "przez")
_BYLINE = re.compile(r"^(?:" + "|".join(_BYLINE_WORDS) + r")[^\S\n]+\S", re.MULTILINE)
_URL = re.compile(r"https?:|www\.|\.com\b")
_COPYRIGHT = re.compile(r"©|\(c\)")
_END_SENTENCE = frozenset(".!?。！？")
_END_QUOTES = "\"'”’»)]"
_ELLIPSES = ("...", "…")
_BULLETS = frozenset("•-*–—·►▶▸◦▪■+>→")
_COLONS = ":："
_INDENTS = " \t"
#: Counts of separators and sentence ends stop here: the features are these counts over their cap.
SEPARATORS_MAX, SENTENCE_ENDS_MAX = 5, 10

#: Names of the features of one block, in the order of the columns :func:`page_features` returns.
NAMES: tuple[str, ...] = (
    "log_chars", "log_words", "stop_density", "ends_sentence", "ends_ellipsis", "ends_colon", "sentence_count",
    "title_case", "numeric_share", "comma_rate", "all_caps", "separator_count", "indented", "bulleted",
    "has_url", "has_copyright", "has_date", "byline", "section_header", "navigation_item", "boiler_phrase",
    "short_1", "short_3", "short_6", "long_15", "long_30", "mean_word_len", "spaceless", "blank_before",
    "blank_after", "page_has_blanks",
    "rel_position", "rel_position_sq", "mass_before", "mass_after", "peak_distance", "relative_length", "duplicate",
    "near_words", "near_stop", "near_long_share", "wide_long_share", "prev_long", "next_long",
    "after_section", "after_section_no_long", "block_count_log", "page_long_share",
    "prose", "inside_long_span", "mid_length", "cohesion",
)  # fmt: skip
#: The features computed per block; the rest of NAMES are derived from them (see :func:`expand`).
BASE_NAMES = NAMES
#: Features that also enter multiplied by (1 - prose): on pages with little running text (listings,
#: collections, products) the same line shape means something else, and a linear model needs the
#: product to learn that.
LIST_PAGE_INTERACTIONS = (
    "log_words", "stop_density", "ends_sentence", "title_case", "short_3", "short_6", "rel_position",
    "mass_before", "mass_after", "near_long_share", "duplicate", "navigation_item", "section_header",
    "indented", "blank_before", "mid_length", "inside_long_span", "numeric_share", "peak_distance",
)  # fmt: skip
NAMES = NAMES + tuple("list_x_" + name for name in LIST_PAGE_INTERACTIONS)
#: Features that also enter as one-hot bins (edges below), so the linear model can weigh their
#: ranges unequally: a 3-word line is not "half" a 6-word line.
BINS: dict[str, tuple[float, ...]] = {
    "log_words": (0.7, 1.1, 1.6, 2.0, 2.4, 2.8, 3.4, 4.0),
    "stop_density": (0.05, 0.15, 0.25, 0.35, 0.45, 0.55),
    "rel_position": (0.1, 0.25, 0.5, 0.75, 0.9),
    "mass_before": (0.001, 0.1, 0.5, 0.9, 0.999),
    "mass_after": (0.001, 0.1, 0.5, 0.9, 0.999),
    "title_case": (0.2, 0.5, 0.8, 0.99),
    "near_long_share": (0.01, 0.3, 0.6, 0.99),
    "wide_long_share": (0.01, 0.2, 0.4, 0.7),
    "relative_length": (0.1, 0.25, 0.5, 0.8, 1.2),
    "peak_distance": (0.02, 0.1, 0.3, 0.6, 0.99),
    "prose": (0.1, 0.3, 0.6, 0.99),
}


def bin_names(bins: dict[str, tuple[float, ...]]) -> tuple[str, ...]:
    """Column names of one-hot bins: ``name_bin0`` to ``name_binK`` for K edges."""
    return tuple(f"{name}_bin{k}" for name, edges in bins.items() for k in range(len(edges) + 1))


NAMES = NAMES + bin_names(BINS)
COLUMN = {name: i for i, name in enumerate(NAMES)}
#: Base columns of LIST_PAGE_INTERACTIONS, and (name, base column, edges) of each binned feature:
#: shared by :func:`expand` and the scorer, which adds their weights without expanding.
INTERACTING_COLUMNS = np.array([COLUMN[name] for name in LIST_PAGE_INTERACTIONS], dtype=np.intp)
BIN_SOURCES = [(name, COLUMN[name], np.array(edges)) for name, edges in BINS.items()]


def _matcher(lines: list[str], selected: np.ndarray) -> Callable[..., np.ndarray]:
    """A function giving 1.0 for each selected line that a pattern matches somewhere, else 0.0.

    Where the compiled core has the pattern's test, it runs that. Otherwise the selected lines are
    joined into one string (once, at the first such pattern) and scanned once per pattern (the
    patterns are MULTILINE and never cross a line end); only the matches cost Python work.
    """
    n = len(lines)
    chosen = np.flatnonzero(selected)
    joined: list[tuple[str, list[int]]] = []

    def join() -> tuple[str, list[int]]:
        if not joined:
            picked = [lines[i] for i in chosen.tolist()] if len(chosen) < n else lines
            ends = [e + k for k, e in enumerate(accumulate(map(len, picked)), 1)]  # counting the newlines
            joined.append(("\n".join(picked), ends))
        return joined[0]

    def matching(pattern: re.Pattern[str] | None, count: bool = False) -> np.ndarray:
        compiled = None if count or pattern is None else _compiled_test(pattern)
        if compiled is not None:
            return _hits(compiled, lines, chosen)
        hit = np.zeros(n)
        if pattern is not None and len(chosen):
            text, ends = join()
            for match in pattern.finditer(text):
                line = chosen[bisect_right(ends, match.start())]
                hit[line] = hit[line] + 1.0 if count else 1.0
        return hit

    return matching


def inline_sections(lowered: list[str], asked: np.ndarray) -> list[bool]:
    """Of the lines ``asked`` (lower-cased: ``lowered``), those that name a boilerplate section and go
    on to its one link ("Related: <headline>", "See also » ...", "Lesen Sie auch: ..."): too long for
    a section header, and nothing follows them."""
    chosen = np.flatnonzero(asked).tolist()
    out = [False] * len(lowered)
    if chosen:
        low = [lowered[i] for i in chosen]
        compiled = _compiled_test(INLINE_SECTION_RE)
        hits = compiled(low) if compiled is not None else [INLINE_SECTION_RE.match(s) is not None for s in low]
        for i, hit in zip(chosen, hits):
            out[i] = bool(hit)
    return out


def _anchored(pattern: re.Pattern[str], low: list[str], selected: np.ndarray) -> np.ndarray:
    """1.0 for each selected line that ``pattern`` matches at its start (one C-level call a line)."""
    chosen = np.flatnonzero(selected)
    compiled = _compiled_test(pattern)
    if compiled is not None:
        return _hits(compiled, low, chosen)
    hit = np.zeros(len(low))
    if len(chosen):
        matched = map(pattern.match, [low[i] for i in chosen.tolist()])
        hit[chosen] = np.fromiter((m is not None for m in matched), dtype=float, count=len(chosen))
    return hit


def _hits(test: Callable[[list[str]], bytes], lines: list[str], chosen: np.ndarray) -> np.ndarray:
    """1.0 for each chosen line the compiled ``test`` finds something in (a byte per line from it)."""
    hit = np.zeros(len(lines))
    if len(chosen):
        hit[chosen] = np.frombuffer(test([lines[i] for i in chosen.tolist()]), dtype=np.uint8)
    return hit


def token_counts(lines: list[str], low: list[str], stop: frozenset[str]) -> np.ndarray:
    """Per line, over the white-space tokens of its head (``RATIO_SAMPLE_CHARS``): how many, how many
    title-cased, how many digits, and how many of the lower-cased line's tokens are in ``stop``.

    Ratios are read off a line's head, so a long paragraph costs no more than a short one; white-space
    tokens are 4x cheaper than a ``\\w+`` findall. The compiled core (:mod:`boilerstrip._speedups`,
    built at install where a C compiler is found) counts in one pass; the Python below gives the same
    numbers, one line's tokens at a time (a page's tokens never all sit in memory at once).
    """
    if _compiled_counts is not None:
        raw = _compiled_counts(lines, low, _word_table(stop), RATIO_SAMPLE_CHARS)
        return np.frombuffer(raw, dtype=np.int32).reshape(-1, 4).astype(float)
    heads = (s[:RATIO_SAMPLE_CHARS].split() for s in lines)
    low_heads = (s[:RATIO_SAMPLE_CHARS].split() for s in low)
    rows = [
        (len(t), sum(map(str.istitle, t)), sum(map(str.isdigit, t)), sum(map(stop.__contains__, u)))
        for t, u in zip(heads, low_heads)
    ]
    return np.array(rows, dtype=float).reshape(-1, 4)


def compiled_module(name: str) -> ModuleType | None:
    """A compiled module of the package (``_speedups``, ``_walk``), unless it was not built or
    ``BOILERSTRIP_PURE`` asks for pure Python."""
    if os.environ.get("BOILERSTRIP_PURE"):
        return None
    try:
        return importlib.import_module(f".{name}", __package__)
    except ImportError:
        return None


def load_compiled(name: str) -> Callable[..., bytes] | None:
    """A function of the compiled core, unless the core is not there (:func:`compiled_module`)."""
    core = compiled_module("_speedups")
    # None too where an older build of the core lacks the function (an editable install not rebuilt).
    return cast("Callable[..., bytes] | None", getattr(core, name, None))


_compiled_counts = load_compiled("token_counts")
_compiled_words = load_compiled("word_table")
_compiled_phrases = load_compiled("phrase_hits")
_compiled_dates = load_compiled("date_hits")
_compiled_marks = load_compiled("line_marks")
_compiled_window = load_compiled("windowed_mean")
_compiled_shapes = load_compiled("line_shapes")
_compiled_tests = load_compiled("line_tests")
_compiled_cohesion = load_compiled("cohesion")
_compiled_in_ranges = load_compiled("in_ranges")


@lru_cache(maxsize=4)
def _word_table(stop: frozenset[str]) -> object:
    """The compiled core's table of a word set, where it has one (built once per set): tokens are
    looked up where they stand, with no str made for each; else the set itself."""
    return stop if _compiled_words is None else _compiled_words(stop)


def _tables(*tables: bytes | None) -> tuple[object | None, ...]:
    """The compiled core's checked copies of phrase tries (None where a pattern has no such part, or
    where the core is not there)."""
    load = load_compiled("phrase_table") if _compiled_phrases is not None else None
    return tuple(None if table is None or load is None else load(table) for table in tables)


_line_trie = _tables(LINE_TRIE)[0]
#: The core's modes of phrase matching (``phrases._anywhere``, ``phrases._whole_line``): anywhere
#: between word boundaries; the whole line, the phrase then a mark and up to SECTION_TAIL_CHARS
#: characters; the whole line, the phrase then nothing but marks; at the line's start, the phrase
#: then a link mark and a word (``phrases.INLINE_SECTION_RE``).
_ANYWHERE, _SEPARATED_TAIL, _MARKS_TAIL, _LINKED = 0, 1, 2, 3
#: The phrase patterns the core matches: (spaced trie, spaceless trie, mode, tail's length), by the
#: pattern's id (hashing a compiled pattern hashes its whole program: about 20 µs for these).
_section_tables = _tables(*SECTION_TRIES)  # one copy for both patterns built from the section phrases
_PHRASE_PATTERNS = {
    id(LINE_RE): ((_line_trie, None), _ANYWHERE, 0),
    id(SECTION_RE): (_section_tables, _SEPARATED_TAIL, SECTION_TAIL_CHARS),
    id(NAVIGATION_RE): (_tables(*NAVIGATION_TRIES), _MARKS_TAIL, 0),
    id(INLINE_SECTION_RE): (_section_tables, _LINKED, 0),
}


def _compiled_test(pattern: re.Pattern[str]) -> Callable[[list[str]], bytes] | None:
    """The compiled core's test of lines that finds what ``pattern`` finds (a byte per line), where
    the core has one and is in use; None: run the pattern."""
    if pattern is _DATE:
        return _compiled_dates
    entry = _PHRASE_PATTERNS.get(id(pattern))
    if entry is None or _compiled_phrases is None:
        return None
    (spaced, spaceless), mode, tail = entry
    if spaced is None:
        return None
    phrases = _compiled_phrases
    return lambda lines: phrases(spaced, lines, mode, spaceless, tail)


#: The columns of :func:`_short_line_tests`, in order.
_DATE_HIT, _PHRASE, _SECTION, _NAVIGATION, _BYLINE_HIT = range(5)


def _short_line_tests(low: list[str], words: np.ndarray, short_lines: Callable[..., np.ndarray]) -> np.ndarray:
    """Per line: a date, a boilerplate phrase, a section header, a navigation item and a byline, each
    looked for only in lines short enough for it (``short_lines``: a :func:`_matcher` of the lines of
    at most BOILER_LINE_MAX_WORDS words). The compiled core runs the five in one pass, where its
    tests are all in use; else each pattern runs on its own lines."""
    compiled = _compiled_line_tests(low, words) if _compiled_line_tests is not None else None
    if compiled is not None:
        return np.frombuffer(compiled, dtype=np.uint8).reshape(-1, 5).astype(float)
    return np.column_stack(
        (
            short_lines(_DATE),
            short_lines(LINE_RE),
            _anchored(SECTION_RE, low, words <= SECTION_MAX_WORDS),
            _anchored(NAVIGATION_RE, low, words <= NAV_MAX_WORDS),
            _anchored(_BYLINE, low, words <= BOILER_LINE_MAX_WORDS),
        )
    ).reshape(-1, 5)


def _compiled_line_tests(low: list[str], words: np.ndarray) -> bytes | None:
    """:func:`_short_line_tests`'s five bytes per line from the compiled core, or None where the core
    or one of its tries is not in use."""
    section, _, section_tail = _PHRASE_PATTERNS[id(SECTION_RE)]
    navigation = _PHRASE_PATTERNS[id(NAVIGATION_RE)][0]
    if _compiled_tests is None or _compiled_phrases is None or _compiled_dates is None:
        return None
    if _line_trie is None or section[0] is None or navigation[0] is None:
        return None
    return _compiled_tests(low, np.ascontiguousarray(words, dtype=np.float64), BOILER_LINE_MAX_WORDS,
                           SECTION_MAX_WORDS, NAV_MAX_WORDS, _line_trie, *section, section_tail, *navigation,
                           _BYLINE_WORDS)  # fmt: skip


def line_marks(lines: list[str], low: list[str], every: Callable[..., np.ndarray]) -> np.ndarray:
    """Per line: separators (at most SEPARATORS_MAX) and whether a link and a copyright sign stand
    in the lower-cased line; sentence ends in the line itself (at most SENTENCE_ENDS_MAX).

    The compiled core counts all four in one pass over each line; ``every`` (a :func:`_matcher` of
    all of ``low``) runs the patterns where the core is not there, with the same numbers.
    """
    if _compiled_marks is not None:
        raw = _compiled_marks(lines, low, SEPARATORS_MAX, SENTENCE_ENDS_MAX)
        return np.frombuffer(raw, dtype=np.uint8).reshape(-1, 4).astype(float)
    ends = np.fromiter(map(len, map(_SENTENCE_END.findall, lines)), float, len(lines))
    return np.column_stack(
        (
            np.minimum(every(_SEPARATOR, count=True), SEPARATORS_MAX),
            every(_URL),
            every(_COPYRIGHT),
            np.minimum(ends, SENTENCE_ENDS_MAX),
        )
    ).reshape(-1, 4)


#: The columns of :func:`line_shapes`, in order.
SHAPE_NAMES = ("chars", "spaces", "commas", "ends_sentence", "ends_ellipsis", "ends_colon", "all_caps", "indented",
               "bulleted")  # fmt: skip
_SHAPE = {name: i for i, name in enumerate(SHAPE_NAMES)}


def line_shapes(lines: list[str], raws: list[str]) -> np.ndarray:
    """Per line, :data:`SHAPE_NAMES`: its length, spaces and commas, whether it ends a sentence, in an
    ellipsis (both read before its closing quotes) or a colon, is all capitals, is indented (its raw
    line) and starts with a bullet.

    The compiled core reads each line once; the str methods below give the same numbers, a Python
    call per line for each of them (about a twentieth of a WCEB page's run).
    """
    if _compiled_shapes is not None:
        raw = _compiled_shapes(lines, raws, _END_QUOTES, "".join(sorted(_END_SENTENCE)), _COLONS,
                               "".join(sorted(_BULLETS)), _INDENTS, _ELLIPSES)  # fmt: skip
        return np.frombuffer(raw, dtype=np.float64).reshape(-1, len(SHAPE_NAMES))
    cores = [s.rstrip(_END_QUOTES) or s for s in lines]
    ellipsis = list(map(str.endswith, cores, repeat(_ELLIPSES)))
    columns = (
        list(map(len, lines)),
        list(map(str.count, lines, repeat(" "))),
        list(map(str.count, lines, repeat(","))),
        [c[-1] in _END_SENTENCE and not e for c, e in zip(cores, ellipsis)],
        ellipsis,
        [s[-1] in _COLONS for s in lines],
        list(map(str.isupper, lines)),
        [r[:1] in _INDENTS for r in raws],
        [s[0] in _BULLETS for s in lines],
    )
    return np.array(columns, dtype=float).T.reshape(-1, len(SHAPE_NAMES))


def _spaceless_counts(lines: list[str], stop_counts: np.ndarray) -> list[int]:
    """CJK/Thai characters per line; adds CJK function characters to ``stop_counts`` in place.

    A page without a character of :data:`_SPACELESS_BLOCKS` has none (most pages whose only
    non-ASCII characters are quotes, dashes and accents): one ``re`` search of them says so, where
    the ``regex`` script classes cost several times more a character.
    """
    counts = [0] * len(lines)
    if not _holds_spaceless(lines):
        return counts
    for i in compress(count(), map(not_, map(str.isascii, lines))):  # the lines that may hold one
        line = lines[i]
        k = len(_SPACELESS_CHAR.findall(line))
        if k:
            counts[i] = k
            stop_counts[i] += sum(map(CJK_FUNCTION_CHARS.__contains__, line))
    return counts


def _holds_spaceless(lines: list[str]) -> bool:
    """Whether a line holds a character of :data:`_SPACELESS_BLOCKS`. The compiled core reads the lines
    where they stand, skipping those whose storage cannot hold one (a search of the non-ASCII lines,
    joined, costs a twentieth of a page's features); the search gives the same answer."""
    if _compiled_in_ranges is not None:
        return bool(_compiled_in_ranges(lines, _SPACELESS_BOUNDS))
    return _SPACELESS_BLOCKS.search("\n".join(compress(lines, map(not_, map(str.isascii, lines))))) is not None


def windowed_mean(values: np.ndarray, half: int, *, include_self: bool = False) -> np.ndarray:
    """Mean of each value's neighbours within ``half`` places, in linear time.

    The compiled core gives the same doubles in one call; the numpy below costs about ten calls of
    fixed overhead, on a page's few hundred values (a page takes a dozen such means).
    """
    if _compiled_window is not None and values.dtype == np.float64 and values.ndim == 1:
        raw = _compiled_window(np.ascontiguousarray(values), half, include_self)
        return np.frombuffer(raw, dtype=np.float64).copy()
    n = len(values)
    prefix = np.concatenate(([0.0], np.cumsum(values)))
    idx = np.arange(n)
    lo, hi = np.maximum(idx - half, 0), np.minimum(idx + half + 1, n)
    total = prefix[hi] - prefix[lo]
    count = (hi - lo).astype(float)
    if not include_self:
        total, count = total - values, count - 1
    return np.divide(total, count, out=np.zeros(n), where=count > 0)


def _since_section(section: np.ndarray, is_long: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Blocks since the last section header (-1 before any), and 1.0 where no long text came since."""
    idx = np.arange(len(section))
    last = np.maximum.accumulate(np.where(section, idx, -1))
    since = np.where(last >= 0, idx - last, -1).astype(float)
    long_through = np.cumsum(is_long)
    long_before = long_through - is_long
    long_between = long_before - long_through[np.maximum(last, 0)]
    no_long = ((last >= 0) & (idx > last) & (long_between <= 0)).astype(float)
    return since, no_long


def expand(base: np.ndarray) -> np.ndarray:
    """The full feature matrix (columns: NAMES) from the base one (columns: BASE_NAMES).

    Scoring does not need it (:mod:`boilerstrip.score` adds the bins' and interactions' weights
    straight from the base columns); fitting and ``explain()`` do.
    """
    n, k = base.shape
    # The bins' edges rise, so searchsorted(side="right") is np.digitize's answer without its checks.
    x = np.zeros((n, len(NAMES)))
    x[:, :k] = base
    if n:
        x[:, k : k + len(INTERACTING_COLUMNS)] = (
            base[:, INTERACTING_COLUMNS] * (1.0 - base[:, COLUMN["prose"]])[:, None]
        )
        rows = np.arange(n)
        for name, source, edges in BIN_SOURCES:
            x[rows, COLUMN[f"{name}_bin0"] + edges.searchsorted(base[:, source], side="right")] = 1.0
    return x


def page_features(page: Page, full: bool = True, cohesion: bool = True) -> np.ndarray:
    """Features of every block of a page: ``(n_blocks, len(NAMES))``, or only the BASE_NAMES columns.

    ``cohesion=False`` leaves the cohesion column 0 (HTML: its containers tell the trees what the
    words' overlap does on page text; out of fold the column moved 841 WCXB pages both ways there,
    for -0.0011, and gave page text +0.0028).
    """
    if full:
        return expand(page_features(page, full=False, cohesion=cohesion))
    n = len(page)
    if not n:
        return np.zeros((0, len(BASE_NAMES)))
    lines = page.stripped
    stop = function_words()
    low = page.lowered()
    tokens = token_counts(lines, low, stop)  # ratios per token (stop words, capitals, numbers)
    shape = tokens[:, :3]
    stop_counts = tokens[:, 3].copy()  # _spaceless_counts adds to it
    all_ascii = all(map(str.isascii, lines))
    spaceless = np.zeros(n) if all_ascii else np.array(_spaceless_counts(lines, stop_counts), dtype=float)
    shapes = line_shapes(lines, page.raws)
    sampled = shape[:, 0]
    n_tokens = shapes[:, _SHAPE["spaces"]] + 1.0
    chars = shapes[:, _SHAPE["chars"]]
    words = n_tokens + spaceless / CJK_CHARS_PER_WORD
    safe_words = np.maximum(words, 1.0)
    safe_tokens = np.maximum(sampled, 1.0)
    stop_density = np.array(stop_counts, dtype=float) / np.maximum(sampled + spaceless / CJK_CHARS_PER_WORD, 1.0)
    short = words <= BOILER_LINE_MAX_WORDS
    is_long = (words >= LONG_LINE_WORDS).astype(float)
    long_mass = words * is_long
    total_mass = long_mass.sum() or 1.0
    mass_before = (np.cumsum(long_mass) - long_mass) / total_mass
    position = np.arange(n) / max(n - 1, 1)
    all_lines = _matcher(low, np.ones(n, dtype=bool))
    short_lines = _matcher(low, short)
    tests = _short_line_tests(low, words, short_lines)
    section = tests[:, _SECTION]
    since, no_long = _since_section(section > 0, is_long)
    counts = Counter(low)
    marks = line_marks(lines, low, all_lines)
    blank_before = np.array(page.blank_before, dtype=float)

    x = np.empty((n, len(BASE_NAMES)))
    x[:, 0] = np.log1p(chars)
    x[:, 1] = np.log1p(words)
    x[:, 2] = stop_density
    x[:, 3] = shapes[:, _SHAPE["ends_sentence"]]
    x[:, 4] = shapes[:, _SHAPE["ends_ellipsis"]]
    x[:, 5] = shapes[:, _SHAPE["ends_colon"]]
    x[:, 6] = marks[:, 3] / SENTENCE_ENDS_MAX
    x[:, 7] = shape[:, 1] / safe_tokens
    x[:, 8] = shape[:, 2] / safe_tokens
    x[:, 9] = shapes[:, _SHAPE["commas"]] / safe_words
    x[:, 10] = shapes[:, _SHAPE["all_caps"]]
    x[:, 11] = marks[:, 0] / SEPARATORS_MAX
    x[:, 12] = shapes[:, _SHAPE["indented"]]
    x[:, 13] = shapes[:, _SHAPE["bulleted"]]
    x[:, 14] = marks[:, 1]
    x[:, 15] = marks[:, 2]
    x[:, 16] = tests[:, _DATE_HIT]
    x[:, 17] = tests[:, _BYLINE_HIT]
    x[:, 18] = section
    x[:, 19] = tests[:, _NAVIGATION]
    x[:, 20] = tests[:, _PHRASE]
    if spaceless.any():
        x[:, 20] = np.maximum(x[:, 20], short_lines(LINE_SPACELESS_RE))
    x[:, 21] = words <= 1
    x[:, 22] = words <= 3
    x[:, 23] = words <= 6
    x[:, 24] = words >= 15
    x[:, 25] = words >= 30
    x[:, 26] = np.minimum((chars - n_tokens + 1.0) / np.maximum(n_tokens, 1.0), 20) / 10
    x[:, 27] = spaceless > sampled
    x[:, 28] = blank_before
    x[:, 29] = page.blank_after
    x[:, 30] = blank_before[1:].sum() / (n - 1) if n > 1 else 0.0  # (the mean's doubles, without its checks)
    x[:, 31] = position
    x[:, 32] = position * position
    x[:, 33] = mass_before
    x[:, 34] = 1.0 - mass_before - long_mass / total_mass
    peak = int(np.argmax(windowed_mean(long_mass, WIDE_WINDOW, include_self=True)))
    x[:, 35] = np.minimum(np.abs(np.arange(n) - peak) / 50.0, 1.0)
    x[:, 36] = np.minimum(chars / max(float(np.sort(chars)[int(0.9 * (n - 1))]), 1.0), 2.0)
    if len(counts) < n:  # some line repeats: each line's count, read in one C-level pass
        x[:, 37] = np.fromiter(map(counts.__getitem__, low), dtype=np.intp, count=n) > 1
    else:
        x[:, 37] = 0.0
    x[:, 38] = windowed_mean(np.log1p(words), NEAR_WINDOW) / 4.0
    x[:, 39] = windowed_mean(stop_density, NEAR_WINDOW)
    x[:, 40] = windowed_mean(is_long, NEAR_WINDOW)
    x[:, 41] = windowed_mean(is_long, WIDE_WINDOW)
    x[:, 42] = np.concatenate(([0.0], is_long[:-1]))
    x[:, 43] = np.concatenate((is_long[1:], [0.0]))
    x[:, 44] = np.where(since > 0, np.exp(-np.maximum(since, 0) / SECTION_DECAY_BLOCKS), 0.0)
    x[:, 45] = no_long
    x[:, 46] = np.log1p(n) / 8.0
    x[:, 47] = is_long.sum() / n
    prose = min(float(long_mass.sum()) / PROSE_WORDS, 1.0)
    x[:, 48] = prose
    long_at = np.flatnonzero(is_long)
    idx = np.arange(n)
    x[:, 49] = (idx >= long_at[0]) & (idx <= long_at[-1]) if len(long_at) else 0.0
    x[:, 50] = (words >= 4) & (words <= 12)
    x[:, 51] = _cohesion(low, is_long, stop) if cohesion else 0.0
    return x


#: A content word, for :func:`_cohesion`: a run of letters (``[^\W\d_]``, as the compiled core reads
#: them too), at least COHESION_MIN_CHARS long, that is no function word.
_CONTENT_WORD = re.compile(rf"[^\W\d_]{{{COHESION_MIN_CHARS},}}")


def _cohesion(low: list[str], is_long: np.ndarray, stop: frozenset[str]) -> np.ndarray:
    """Each line's share of content words that a long line (other than itself) also uses.

    An article's lines share its topic's words; a teaser for another article, a shop's fine print or
    a newsletter box do not, though they may be as long and as well formed. The compiled core hashes
    the words where they stand; the pure twin maps C-level look-ups over each line's words.
    """
    if _compiled_cohesion is not None:
        raw = _compiled_cohesion(low, is_long.astype(np.uint8).tobytes(), _word_table(stop), COHESION_MIN_CHARS)
        return np.frombuffer(raw, dtype=np.float64).copy()
    found = list(map(_CONTENT_WORD.findall, low))
    longs = is_long.tolist()
    core = Counter(chain.from_iterable(set(words) for words, long in zip(found, longs) if long))
    once = core.keys() - stop
    twice = {w for w in once if core[w] > 1}  # a long line's own words count once in core
    out = np.zeros(len(found))
    for i, (words, long) in enumerate(zip(found, longs)):
        if words:
            content = len(words) - sum(map(stop.__contains__, words))
            if content:
                out[i] = sum(map((twice if long else once).__contains__, words)) / content
    return out


def block_words(x: np.ndarray) -> np.ndarray:
    """Words of each block (CJK characters counted at their rate), recovered from the features."""
    return np.expm1(x[:, COLUMN["log_words"]])

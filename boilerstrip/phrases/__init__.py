r"""Boilerplate phrase lists, one data module per language, compiled into three patterns.

Each language module defines ``SECTION``, ``LINE`` and ``NAVIGATION`` tuples of lower-case phrases,
and may define ``COMMENTS``: the section headers that open the readers' comments (section headers
too, so they join ``SECTION``), ``COMMENT_COUNTS``: the nouns that head them after a count,
``COMMENT_TOPIC``: the words after such a count that name the post ("on", "zu"), ``REVIEWS``: the
headers that open a product's customer reviews, and ``CONSENT``: what a consent dialog's settings
list names.
They are merged and compiled here into trie-shaped alternations (one branch per first character),
so matching costs one linear scan whatever the number of phrases, and no branch can backtrack
catastrophically. The patterns are MULTILINE and never cross a line end, so one scan of a whole
page finds every matching line. The patterns match the *lower-cased* line: case-insensitive matching
costs 3-8x more per line, and the caller lower-cases each line once anyway. They are compiled with
the standard ``re`` (its ``\w`` and ``\s`` are Unicode-aware), which runs these literal tries several
times faster than ``regex``; ``regex`` serves where Unicode properties are needed (scripts).
"""

from __future__ import annotations

import importlib
import re
from array import array
from collections.abc import Callable, Iterable
from typing import Any

import regex

LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "it", "pt", "nl", "ru", "pl", "zh", "ja",
                              "ar", "he", "tr", "ko", "vi", "id", "cs", "uk", "fa")  # fmt: skip

# Scripts written without spaces: their phrases match without word boundaries. Korean is written
# with spaces, so its phrases are bounded like the others (and the page-level spaceless check,
# which counts Han, kana and Thai, would never switch a Korean page's spaceless pattern on).
_SPACELESS = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")


def _load() -> dict[str, list[str]]:
    kinds = ("SECTION", "LINE", "NAVIGATION", "COMMENTS", "COMMENT_COUNTS", "COMMENT_TOPIC", "REVIEWS", "CONSENT")
    merged: dict[str, list[str]] = {kind: [] for kind in kinds}
    for code in LANGUAGES:
        module = importlib.import_module(f"{__name__}.{code}")
        for kind, phrases in merged.items():
            phrases.extend(p.lower() for p in getattr(module, kind, ()))
    merged["SECTION"].extend(merged["COMMENTS"])
    return merged


def _atom(char: str) -> str:
    if char == " ":
        return r"[^\S\n]+"  # never across a line end: patterns run over a whole page at once
    if char in "'’":
        return "['’]"
    if char in "-–":
        return r"(?:[-–]|[^\S\n])?"
    return re.escape(char)


def _trie(phrases: Iterable[str]) -> dict[str, Any]:
    """The phrases as nested dicts, one level per character; ``""`` marks a phrase's end."""
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return trie


def trie_source(phrases: Iterable[str], atom: Callable[[str], str] = re.escape) -> str:
    """A regex source matching any of ``phrases``, factored into a trie: ``re`` then tries one branch
    per character rather than every phrase. ``atom`` writes each character (:func:`_atom` here, for
    the phrases' loose spaces, dashes and apostrophes)."""

    def render(node: dict[str, Any]) -> str:
        branches = [atom(c) + render(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(_trie(phrases))


def _trie_source(phrases: Iterable[str]) -> str:
    return trie_source(phrases, _atom)


#: The kinds of :func:`trie_table`'s edges, one per atom of :func:`_atom` (the compiled core's codes).
_ATOM_KINDS = {" ": 1, "'": 2, "’": 2, "-": 3, "–": 3}


def trie_table(phrases: Iterable[str]) -> bytes:
    """The trie of ``phrases`` flattened for the compiled core (``_speedups.phrase_table``), which
    matches as :func:`_anywhere`'s spaced pattern does: node count, edge count, then per node
    terminal / first edge / edge count / character edges, then per edge kind / character / target
    (int32). Nodes are numbered in preorder, so every edge leads deeper; a node's character edges
    come first, by character."""
    nodes: list[list[int]] = []
    edges: list[list[int]] = []

    def number(node: dict[str, Any]) -> int:
        own = len(nodes)
        nodes.append([int("" in node), 0, 0, 0])
        children = [(char, child) for char, child in node.items() if char]
        children.sort(key=lambda item: (_ATOM_KINDS.get(item[0], 0), ord(item[0])))
        targets = [number(child) for _, child in children]
        nodes[own][1:] = [len(edges), len(children), sum(char not in _ATOM_KINDS for char, _ in children)]
        edges.extend([_ATOM_KINDS.get(char, 0), ord(char), target] for (char, _), target in zip(children, targets))
        return own

    number(_trie(phrases))
    flat = [len(nodes), len(edges), *(v for row in nodes for v in row), *(v for row in edges for v in row)]
    return array("i", flat).tobytes()


def _split(phrases: list[str]) -> tuple[list[str], list[str]]:
    spaced = sorted({p for p in phrases if not _SPACELESS.search(p)})
    spaceless = sorted({p for p in phrases if _SPACELESS.search(p)})
    return spaced, spaceless


def _compile(source: str) -> re.Pattern[str] | None:
    return re.compile(source, re.MULTILINE) if source else None


def _anywhere(phrases: list[str]) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """Patterns finding a phrase anywhere in a line: spaced scripts (word-bounded), then spaceless.

    Two patterns, not one alternation: the leading look-behind lets ``re`` skip ahead fast, and an
    alternation with the spaceless branch costs several times more per character.
    """
    spaced, spaceless = _split(phrases)
    words = re.compile(r"(?<!\w)" + _trie_source(spaced) + r"(?!\w)", re.MULTILINE)
    return words, _compile(_trie_source(spaceless))


def _whole_line(phrases: list[str], tail: str) -> re.Pattern[str]:
    spaced, spaceless = _split(phrases)
    alternatives = _trie_source(spaced) + r"(?!\w)"
    if spaceless:
        alternatives = "(?:" + alternatives + "|" + _trie_source(spaceless) + ")"
    return re.compile(r"^(?:[^\w\n]|_)*" + alternatives + tail + "$", re.MULTILINE)


_PHRASES = _load()

#: How many characters may follow a section header's phrase and the mark after it ("Comments (12)").
SECTION_TAIL_CHARS = 40
_SECTION_TAIL = rf"(?:[^\w\n].{{0,{SECTION_TAIL_CHARS}}})?"
#: A short line that opens a boilerplate section: "Related", "More from Reuters", "Comments (12)".
SECTION_RE = _whole_line(_PHRASES["SECTION"], _SECTION_TAIL)
#: A short line that names a boilerplate section and goes on to its one link, in the article's run:
#: "Related: <headline>", "See also » <headline>", "Lesen Sie auch: <Schlagzeile>".
INLINE_SECTION_RE = re.compile(
    r"^(?:[^\w\n]|_)*(?:"
    + "|".join(p for p in (_trie_source(part) for part in _split(_PHRASES["SECTION"])) if p)
    + r")[^\S\n]*[:：|»›>–—][^\S\n]*\w",
    re.MULTILINE,
)
#: A section header that opens the readers' comments: "Comments (12)", "Leave a reply".
COMMENTS_RE = _whole_line(_PHRASES["COMMENTS"], _SECTION_TAIL)
#: How many characters may follow a counted comments header ("7 Responses to “Why we moved”").
COMMENT_COUNT_TAIL_CHARS = 80
#: A count and a COMMENT_COUNTS noun at a line's start ("12 Comments"), the count captured: the
#: three patterns below go on from it.
_COUNT_NOUN = r"^(?:[^\w\n]|_)*(\d+)[^\S\n]+" + _trie_source(_split(_PHRASES["COMMENT_COUNTS"])[0])
#: The same header after its count: "12 Comments", "7 Responses to “Why we moved”", "3 Kommentare".
COMMENT_COUNT_RE = re.compile(_COUNT_NOUN + rf"(?!\w)(?:[^\w\n].{{0,{COMMENT_COUNT_TAIL_CHARS}}})?$")
#: Such a header that names the post the comments are on, in quotes: "3 thoughts on “Title”", "2
#: Gedanken zu „Titel“" (a listicle's heading "3 thoughts on leadership" quotes nothing).
COMMENT_TOPIC_RE = re.compile(
    _COUNT_NOUN + r"[^\S\n]+" + _trie_source(_split(_PHRASES["COMMENT_TOPIC"])[0]) + r"[^\S\n]+[\"“”„«»‘’‚'‹›]"
)
#: Such a header that is nothing but the count: "12 Comments", "3 Kommentare:" (a blog's comments
#: heading; a sentence that counts comments goes on to other words).
COMMENT_COUNT_ALONE_RE = re.compile(_COUNT_NOUN + r"(?!\w)[^\w\n]*$")
#: A header that opens a product's customer reviews, after a count or before one: "Customer Reviews",
#: "Reviews (212)", "212 Reviews", "Kundenbewertungen:" (spaced scripts only).
REVIEWS_RE = re.compile(
    r"^(?:[^\w\n]|_)*(?:\d[\d,.]*[^\S\n]+)?"
    + _trie_source(_split(_PHRASES["REVIEWS"])[0])
    + r"(?!\w)[^\w\n]*(?:\d[\d,.]*[^\w\n]*)?$"
)
#: A phrase that marks a short line as boilerplate on its own (share, cookie, legal, account);
#: LINE_SPACELESS_RE holds the phrases of scripts written without spaces.
LINE_RE, LINE_SPACELESS_RE = _anywhere(_PHRASES["LINE"])
#: LINE_RE's phrases as a trie for the compiled core (:func:`trie_table`).
LINE_TRIE = trie_table(_split(_PHRASES["LINE"])[0])
#: A whole line that is a single menu item.
NAVIGATION_RE = _whole_line(_PHRASES["NAVIGATION"], r"(?:[^\w\n]|_)*")
#: A purpose or feature a consent dialog's settings list names ("Measure advertising performance").
CONSENT_RE = _anywhere(_PHRASES["CONSENT"])[0]
#: The first purpose of every such list, storing information on a device, from its slashed word on
#: ("and/or access information on a device"), as each language writes it, in lower case as the
#: lists do: a page without one holds no list (a substring test, far cheaper than the pattern).
CONSENT_MARKS: tuple[str, ...] = tuple(
    sorted({p[p.index(w) :] for p in _PHRASES["CONSENT"] for w in p.split() if "/" in w})
)


def _tries(phrases: list[str]) -> tuple[bytes, bytes | None]:
    """A whole-line pattern's phrases as :func:`trie_table`'s tables: spaced, then spaceless (if any)."""
    spaced, spaceless = _split(phrases)
    return trie_table(spaced), trie_table(spaceless) if spaceless else None


#: SECTION_RE's and NAVIGATION_RE's phrases for the compiled core, which matches as they do.
SECTION_TRIES = _tries(_PHRASES["SECTION"])
NAVIGATION_TRIES = _tries(_PHRASES["NAVIGATION"])

__all__ = [
    "COMMENTS_RE", "COMMENT_COUNT_RE", "COMMENT_TOPIC_RE", "CONSENT_MARKS", "CONSENT_RE", "INLINE_SECTION_RE",
    "LANGUAGES", "LINE_RE",
    "LINE_SPACELESS_RE", "LINE_TRIE", "NAVIGATION_RE", "NAVIGATION_TRIES", "REVIEWS_RE", "SECTION_RE",
    "SECTION_TAIL_CHARS",
    "SECTION_TRIES",
]  # fmt: skip

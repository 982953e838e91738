"""Step 1: page text -> blocks, one per non-blank line, with their place in the page.

A block keeps the line as it was apart from three repairs, none of which changes what a reader
sees: invisible characters go (soft hyphens, zero-width spaces, stray byte-order marks) and the
text is put in Unicode's composed form (NFC), so words compare and count the same however they
were encoded; and a rendering artefact glued to the front of a sentence (an image or video
placeholder caption, ``ImageTEHRAN (Reuters) - ...``) is cut off when that is unambiguous. A line
longer than :data:`~boilerstrip.limits.LONG_LINE_CHARS` (an article pasted as one line) is cut
into blocks of whole sentences, so that it is scored like the paragraphs the models know rather
than kept or lost whole. The blocks are held as parallel columns (:class:`Page`) rather than one object
per line: a page has hundreds of lines, and the later steps work column-wise.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress, count, islice, repeat

import numpy as np
import regex

from .limits import HINT_END_CHARS, LINE_PIECE_CHARS, LONG_LINE_CHARS, SPLIT_MAX_CHARS_PER_SENTENCE
from .thresholds import GLUE_MIN_WORDS, MAX_REPAIRS_PER_PAGE

_PLACEHOLDERS = ("Image", "Photo", "Picture", "Video", "Advertisement", "Bild", "Foto", "Imagen", "Immagine",
                 "Изображение", "Фото")  # fmt: skip
# A placeholder word glued to the capitalised word or opening quote that starts the real sentence.
_GLUED_PLACEHOLDER = regex.compile("^(?:" + "|".join(_PLACEHOLDERS) + r")(?=(\p{Lu}[\p{L}\p{M}.'’-]*|[\"“„«(\[]))")

# Invisible characters that only hint at line breaking or are left-over byte-order marks: soft
# hyphen, zero-width space, word joiner, zero-width no-break space. Zero-width (non-)joiners stay
# inside words (Persian, Indic scripts and emoji need them) and go only at a line's ends.
_INVISIBLE = "\u00ad\u200b\u2060\ufeff"
_DROP_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE))
_JOINERS = "\u200c\u200d"
_INVISIBLE_CHAR = re.compile(f"[{_INVISIBLE}]")
_VISIBLE = re.compile(rf"[^\s{_INVISIBLE}{_JOINERS}]")
# Where a sentence ends: its mark (and closing quotes or brackets), then white space; the
# full-width marks of Chinese and Japanese need no space after them.
_SENTENCE_BREAK = re.compile(r"[.!?…؟۔।][\"'”’»)\]]*\s+|[。！？][」』”’）)]*\s*")


@dataclass(frozen=True, slots=True)
class Block:
    """One block, as shown by ``explain()``."""

    index: int  #: position among the page's blocks
    line_no: int  #: 0-based line number in the input
    text: str  #: the line as it is output (verbatim but for the repairs in the module's docstring)
    raw: str  #: the line exactly as in the input (its piece, for an over-long line cut into several)
    blank_before: bool  #: a blank line (or the page start) precedes it
    blank_after: bool  #: a blank line (or the page end) follows it
    repair: str = ""  #: what was cut off the front of ``raw``, if anything


@dataclass(frozen=True, slots=True)
class Page:
    """The blocks of a page as parallel columns: one entry per non-blank input line (several for a
    line cut into sentences). The columns are compact arrays, not lists of Python objects: a page
    of a million lines would otherwise spend more on the list entries than on its text."""

    texts: list[str]  #: output text of each block
    stripped: list[str]  #: the same without surrounding white space (what the features read)
    raws: list[str]  #: each line as in the input
    line_nos: Sequence[int]
    blank_before: np.ndarray  #: bool per block
    blank_after: np.ndarray  #: bool per block
    repairs: dict[int, str] = field(default_factory=dict)  #: block index -> text cut off its front
    _low: list[list[str]] = field(default_factory=list, repr=False, compare=False)  #: :meth:`lowered`, once made

    def __len__(self) -> int:
        return len(self.texts)

    def lowered(self) -> list[str]:
        """The stripped lines lower-cased, a line at a time: nearly every page holds a non-ASCII
        character, and ``str.lower()`` of a whole non-ASCII page costs twice its lines' (the same lower
        case: a line break stops the final sigma's look-around). Kept for the page type's text hints
        where they read the whole page (at most 2 x HINT_END_CHARS characters); a longer page's copy
        is not held, so its memory stays its text's."""
        if self._low:
            return self._low[0]
        low = list(map(str.lower, self.stripped))
        if sum(map(len, self.stripped)) + len(low) - 1 <= 2 * HINT_END_CHARS:
            self._low.append(low)
        return low

    def block(self, i: int) -> Block:
        return Block(i, int(self.line_nos[i]), self.texts[i], self.raws[i], bool(self.blank_before[i]),
                     bool(self.blank_after[i]), self.repairs.get(i, ""))  # fmt: skip


def segment(text: str) -> Page:
    """Split page text into blocks: one per non-blank line, blank lines recorded as boundaries."""
    lines = text.splitlines()
    line_of: array[int] | None = None  # input line of each entry of ``lines``, once long lines are cut
    if lines and max(map(len, lines)) > LONG_LINE_CHARS:
        line_of, lines = _cut_long_lines(lines)
    texts = _tidy(text, lines)
    stripped_all = list(map(str.strip, texts))
    if texts is not lines:  # joiners at a line's ends join nothing: they go with the white space
        stripped_all = [_strip_joiners(s) for s in stripped_all]
    entries = array("q", compress(range(len(lines)), stripped_all))  # the non-blank entries
    raws = list(map(lines.__getitem__, entries))
    texts = raws if texts is lines else list(map(texts.__getitem__, entries))
    stripped = list(map(stripped_all.__getitem__, entries))
    del stripped_all
    at = np.frombuffer(entries, dtype=np.int64) if len(entries) else np.zeros(0, dtype=np.int64)
    # The gaps between neighbouring entries, the page's start (line -2) and end (one past a blank line
    # after the last) included: a gap over one line holds a blank line.
    bounds = np.empty(len(at) + 2, dtype=np.int64)
    bounds[0], bounds[1:-1], bounds[-1] = -2, at, len(lines) + 1
    gap = bounds[1:] - bounds[:-1] > 1
    blank_before, blank_after = gap[:-1], gap[1:]
    line_nos: Sequence[int] = entries if line_of is None else array("q", map(line_of.__getitem__, entries))
    repairs: dict[int, str] = {}
    starts = map(str.startswith, stripped, repeat(_PLACEHOLDERS))
    candidates = list(islice(compress(count(), starts), MAX_REPAIRS_PER_PAGE))
    for k in candidates:  # each candidate scans the page once: the cap keeps the total linear
        cut = _glued_prefix(stripped[k], text)
        if cut:
            if texts is raws:
                texts = list(raws)  # the first repair: the output texts part from the input lines
            start = texts[k].index(cut)
            texts[k] = texts[k][:start] + texts[k][start + len(cut) :]
            stripped[k] = stripped[k][len(cut) :]
            repairs[k] = cut
    return Page(texts, stripped, raws, line_nos, blank_before, blank_after, repairs)


def has_text(line: str) -> bool:
    """False for a line :func:`segment` counts as blank: white space, invisible characters and joiners only."""
    return _VISIBLE.search(line) is not None


def _tidy(text: str, lines: list[str]) -> list[str]:
    """The lines without invisible characters and in NFC; ``lines`` itself when nothing needs it.

    The page is checked as a whole first (a few C-level scans), so a clean page pays no per-line work.
    """
    invisible = any(char in text for char in _INVISIBLE)
    joiners = any(char in text for char in _JOINERS)
    composed = text.isascii() or unicodedata.is_normalized("NFC", text)
    if not invisible and not joiners and composed:
        return lines
    tidy = _drop_invisible(lines, [char for char in _INVISIBLE if char in text]) if invisible else list(lines)
    if not composed:
        tidy = [line if line.isascii() else unicodedata.normalize("NFC", line) for line in tidy]
    return tidy


def _drop_invisible(lines: list[str], present: list[str]) -> list[str]:
    """The lines without the invisible characters ``present`` in the page: only non-ASCII lines can
    hold one, and ``str.replace`` of a few characters costs less than ``str.translate``'s look-up of
    every character (the same text)."""
    tidy = list(lines)
    for i, line in enumerate(lines):
        if not line.isascii():
            for char in present:
                line = line.replace(char, "")
            tidy[i] = line
    return tidy


def tidy_line(line: str) -> str:
    """One line as :func:`segment` tidies lines: without invisible characters, in NFC."""
    if line.isascii():
        return line
    if _INVISIBLE_CHAR.search(line):
        line = line.translate(_DROP_INVISIBLE)
    return line if unicodedata.is_normalized("NFC", line) else unicodedata.normalize("NFC", line)


def _strip_joiners(line: str) -> str:
    while line and (line[0] in _JOINERS or line[-1] in _JOINERS):
        line = line.strip(_JOINERS).strip()
    return line


def split_long_line(line: str, limit: int = LINE_PIECE_CHARS) -> list[str]:
    """``line`` cut into pieces of whole sentences, each at most ``limit`` characters (white space
    between pieces dropped); a longer sentence is cut at a space, or anywhere when it has none.

    A line that does not read as sentences (a menu, a word list, data pasted as one line: fewer
    sentence ends than one per :data:`~boilerstrip.limits.SPLIT_MAX_CHARS_PER_SENTENCE` characters)
    comes back whole: cut into blocks, it would pass for running text.
    """
    ends = [m.end() for m in _SENTENCE_BREAK.finditer(line)]
    if len(ends) * SPLIT_MAX_CHARS_PER_SENTENCE < len(line):
        return [line]
    ends.append(len(line))
    pieces: list[str] = []
    start = fits = 0  # the current piece's start, and the furthest sentence end that fits in it
    for end in ends:
        if end - start > limit and fits > start:
            pieces.append(line[start:fits])
            start = fits
        while end - start > limit:  # one sentence longer than a piece
            space = line.rfind(" ", start + 1, start + limit)
            cut = space + 1 if space > start else start + limit
            pieces.append(line[start:cut])
            start = cut
        fits = end
    pieces.append(line[start:])
    first = pieces[0].rstrip()  # the first keeps its indentation (a feature reads it)
    return [piece for piece in (first, *(p.strip() for p in pieces[1:])) if piece.strip()]


def _cut_long_lines(lines: list[str]) -> tuple[array[int], list[str]]:
    """Lines with every over-long one replaced by its pieces, and each entry's input line number."""
    line_of: array[int] = array("q")
    cut: list[str] = []
    for i, line in enumerate(lines):
        pieces = split_long_line(line) if len(line) > LONG_LINE_CHARS else (line,)
        cut.extend(pieces)
        line_of.extend([i] * len(pieces))
    return line_of, cut


def _glued_prefix(line: str, page: str) -> str:
    """The placeholder glued to the front of ``line``, if it is one: the glued token must not recur."""
    match = _GLUED_PLACEHOLDER.match(line)
    if match is None:
        return ""
    glued_token = line[: match.end() + len(match.group(1))]
    if len(line[match.end() :].split()) < GLUE_MIN_WORDS or page.count(glued_token) > 1:
        return ""  # "ImageNet" style words recur; a one-off glue does not
    return line[: match.end()]

"""Step 1: page text -> blocks, one per non-blank line, with their place in the page.

A block keeps the line verbatim apart from one repair: a rendering artefact glued to the front
of a sentence (an image or video placeholder caption, ``ImageTEHRAN (Reuters) - ...``) is cut
off when that is unambiguous. The blocks are held as parallel columns (:class:`Page`) rather
than one object per line: a page has hundreds of lines, and the later steps work column-wise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .thresholds import GLUE_MIN_WORDS, MAX_REPAIRS_PER_PAGE

_PLACEHOLDERS = ("Image", "Photo", "Picture", "Video", "Advertisement", "Bild", "Foto", "Imagen", "Immagine",
                 "Изображение", "Фото")  # fmt: skip
# A placeholder word glued to the capitalised word or opening quote that starts the real sentence.
_GLUED_PLACEHOLDER = regex.compile("^(?:" + "|".join(_PLACEHOLDERS) + r")(?=(\p{Lu}[\p{L}\p{M}.'’-]*|[\"“„«(\[]))")


@dataclass(frozen=True, slots=True)
class Block:
    """One block, as shown by ``explain()``."""

    index: int  #: position among the page's blocks
    line_no: int  #: 0-based line number in the input
    text: str  #: the line as it is output (verbatim, or with a glued artefact cut off)
    raw: str  #: the line exactly as in the input
    blank_before: bool  #: a blank line (or the page start) precedes it
    blank_after: bool  #: a blank line (or the page end) follows it
    repair: str = ""  #: what was cut off the front of ``raw``, if anything


@dataclass(frozen=True, slots=True)
class Page:
    """The blocks of a page as parallel columns, one entry per non-blank input line."""

    texts: list[str]  #: output text of each block
    stripped: list[str]  #: the same without surrounding white space (what the features read)
    raws: list[str]  #: each line as in the input
    line_nos: list[int]
    blank_before: list[bool]
    blank_after: list[bool]
    repairs: dict[int, str] = field(default_factory=dict)  #: block index -> text cut off its front

    def __len__(self) -> int:
        return len(self.texts)

    def block(self, i: int) -> Block:
        return Block(i, self.line_nos[i], self.texts[i], self.raws[i], self.blank_before[i], self.blank_after[i],
                     self.repairs.get(i, ""))  # fmt: skip


def segment(text: str) -> Page:
    """Split page text into blocks: one per non-blank line, blank lines recorded as boundaries."""
    lines = text.splitlines()
    stripped_all = list(map(str.strip, lines))
    line_nos = [i for i, s in enumerate(stripped_all) if s]
    raws = [lines[i] for i in line_nos]
    stripped = [stripped_all[i] for i in line_nos]
    previous = [-2, *line_nos[:-1]]
    following = [*line_nos[1:], len(lines) + 1]
    blank_before = [i - p > 1 or i == 0 for i, p in zip(line_nos, previous)]
    blank_after = [f - i > 1 for i, f in zip(line_nos, following)]
    texts = list(raws)
    repairs: dict[int, str] = {}
    candidates = [k for k, s in enumerate(stripped) if s.startswith(_PLACEHOLDERS)][:MAX_REPAIRS_PER_PAGE]
    for k in candidates:  # each candidate scans the page once: the cap keeps the total linear
        cut = _glued_prefix(stripped[k], text)
        if cut:
            start = raws[k].index(cut)
            texts[k] = raws[k][:start] + raws[k][start + len(cut) :]
            stripped[k] = stripped[k][len(cut) :]
            repairs[k] = cut
    return Page(texts, stripped, raws, line_nos, blank_before, blank_after, repairs)


def _glued_prefix(line: str, page: str) -> str:
    """The placeholder glued to the front of ``line``, if it is one: the glued token must not recur."""
    match = _GLUED_PLACEHOLDER.match(line)
    if match is None:
        return ""
    glued_token = line[: match.end() + len(match.group(1))]
    if len(line[match.end() :].split()) < GLUE_MIN_WORDS or page.count(glued_token) > 1:
        return ""  # "ImageNet" style words recur; a one-off glue does not
    return line[: match.end()]

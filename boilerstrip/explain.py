"""``explain()``: every block with its features, scores, decision and reason."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .features import NAMES, expand
from .options import Options, resolve
from .pipeline import Run, run

_GREEN, _RED, _YELLOW, _DIM, _RESET = "\033[32m", "\033[31m", "\033[33m", "\033[2m", "\033[0m"


@dataclass(frozen=True, slots=True)
class BlockReport:
    """One block's decision: what it is, how it scored, and why it was kept or dropped."""

    index: int
    line_no: int
    text: str
    keep: bool
    reason: str
    score: float  #: final probability of being main content
    first_pass: float  #: probability from the block's own features, before its neighbours count
    words: float
    features: dict[str, float]
    repaired: str  #: what was cut off the front of the line, if anything


@dataclass(frozen=True, slots=True)
class Explanation:
    """All blocks of a page with their decisions; ``text`` is exactly what ``clean`` returns."""

    source: str
    blocks: tuple[BlockReport, ...]
    title_index: int | None
    region: tuple[int, int]
    options: Options
    selection: str = ""  #: which way the selection went for the page as a whole (``Run.path``)

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks if b.keep)

    def header(self) -> str:
        """One line: how many blocks, the main region and the title (numbered by their line in the
        page, from 1, as the rows are) and which way the selection went."""
        blocks, (start, end) = self.blocks, self.region
        region = f"lines {blocks[start].line_no + 1}-{blocks[end - 1].line_no + 1}" if 0 <= start < end else "none"
        t = self.title_index
        title = f"line {blocks[t].line_no + 1}" if t is not None else "none"
        return f"# {len(blocks)} blocks from {self.source} input; main region {region}; title {title}; {self.selection}"

    def format(self, colour: bool = False, width: int = 100) -> str:
        """A table: line number, decision, score, words, reason and the start of the text."""
        out = [self.header()]
        for b in self.blocks:
            mark = "KEEP" if b.keep else "drop"
            line = f"{b.line_no + 1:5} {mark} {b.score:4.2f} ({b.first_pass:4.2f}) {b.words:5.0f}w  {b.reason:<42} "
            snippet = b.text.strip()
            snippet = snippet if len(snippet) <= width else snippet[: width - 1] + "…"
            if colour:
                tint = _GREEN if b.keep else (_YELLOW if b.score >= 0.5 else _RED)
                line = f"{tint}{line}{_RESET}{'' if b.keep else _DIM}{snippet}{_RESET}"
            else:
                line += snippet
            out.append(line)
        return "\n".join(out)

    def __str__(self) -> str:
        return self.format()


def _report(r: Run, i: int, features: np.ndarray) -> BlockReport:
    b = r.page.block(i)
    return BlockReport(
        index=i,
        line_no=b.line_no,
        text=b.text,
        keep=r.keep[i],
        reason=str(r.reasons[i].value),
        score=r.p2[i],
        first_pass=r.p1[i],
        words=r.words[i],
        features=dict(zip(NAMES + r.extra_names, features[i].tolist())),
        repaired=b.repair,
    )


def explain(text: object, options: Options | None = None, **overrides: Any) -> Explanation:
    """Every block of the page with its features, scores, decision and reason.

    The decisions are the ones ``clean`` makes: ``explain(x).text == clean(x)``.
    """
    opts = resolve(options, overrides)
    r = run(text, opts, "explain")
    full = expand(r.x) if r.extra is None else np.hstack((expand(r.x), r.extra))
    blocks = tuple(_report(r, i, full) for i in range(len(r.page)))
    return Explanation(r.source, blocks, r.title, r.region, opts, r.path.value)

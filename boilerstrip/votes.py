"""Votes of other extractors on HTML input: trafilatura's and readability's choice, as block features.

Each tool picks the main content its own way (trafilatura by DOM rules and fallbacks, readability by
scoring paragraphs' containers); where they agree with our features they add confidence, where
they miss (forums, listings) our features overrule them. A block gets, per tool, whether its whole
text is inside the tool's output, the share of its words that are, and whether the tool returned
nothing at all (then its vote says nothing). Text is compared as lower-cased word sequences, so the
tools' own line breaks and spacing do not matter. Both tools parse the page again: the votes cost
most of the accurate preset's time (see the README).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence

import numpy as np

VOTERS: tuple[str, ...] = ("trafilatura", "readability")
#: Names of the vote columns, in order (the keys of their learned weights).
VOTE_NAMES: tuple[str, ...] = tuple(
    f"v_{voter}_{what}" for voter in VOTERS for what in ("inside", "word_share", "empty")
)

_TOKEN = re.compile(r"\w+")
_LOG = logging.getLogger(__name__)


def _trafilatura(markup: str) -> str:
    import trafilatura

    return trafilatura.extract(markup) or ""  # its defaults: what it is measured with


def _readability(markup: str) -> str:
    from lxml import html as lxml_html
    from readability import Document

    summary = Document(markup).summary(html_partial=True)
    if not summary:
        return ""
    return "\n".join(lxml_html.fromstring(summary).itertext())


_EXTRACTORS: dict[str, Callable[[str], str]] = {"trafilatura": _trafilatura, "readability": _readability}


def voter_output(voter: str, markup: str) -> str:
    """What one tool keeps of the page; ``""`` when it fails (a vote is advice, never a crash)."""
    try:
        return _EXTRACTORS[voter](markup)
    except Exception as error:
        _LOG.debug("%s failed on a page: %s", voter, error)
        return ""


def _words(text: str) -> str:
    return " ".join(_TOKEN.findall(text.lower()))


def vote_columns(lines: Sequence[str], outputs: Sequence[str]) -> np.ndarray:
    """Columns :data:`VOTE_NAMES` for the page's lines, given each voter's output (in :data:`VOTERS` order)."""
    out = np.zeros((len(lines), len(VOTE_NAMES)))
    keys = [_words(line) for line in lines]
    for v, output in enumerate(outputs):
        chosen = " " + _words(output) + " "
        if not chosen.strip():
            out[:, 3 * v + 2] = 1.0
            continue
        vocabulary = set(chosen.split())
        for i, key in enumerate(keys):
            if not key:
                continue
            if " " + key + " " in chosen:
                out[i, 3 * v] = out[i, 3 * v + 1] = 1.0
            else:
                tokens = key.split()
                out[i, 3 * v + 1] = sum(t in vocabulary for t in tokens) / len(tokens)
    return out


def votes(markup: str, lines: Sequence[str]) -> np.ndarray:
    """Run every voter on ``markup`` and return their columns for ``lines``."""
    return vote_columns(lines, [voter_output(voter, markup) for voter in VOTERS])

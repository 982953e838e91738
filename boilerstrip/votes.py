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


def _words(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def vote_columns(lines: Sequence[str], outputs: Sequence[str]) -> np.ndarray:
    """Columns :data:`VOTE_NAMES` for the page's lines, given each voter's output (in :data:`VOTERS` order).

    A line is inside an output when its words occur there in a row. Most lines settle at once (a
    line of the output word for word, or a word the output lacks); the rest are found in one scan.
    """
    out = np.zeros((len(lines), len(VOTE_NAMES)))
    keys = [_words(line) for line in lines]
    joined = [" ".join(tokens) for tokens in keys]
    for v, output in enumerate(outputs):
        # \w+ never spans a line end: the words of the lines, in a row, are the words of the output.
        output_lines = [_TOKEN.findall(line) for line in output.lower().splitlines()]
        chosen = [token for tokens in output_lines for token in tokens]
        if not chosen:
            out[:, 3 * v + 2] = 1.0
            continue
        vocabulary = set(chosen)
        whole = {" ".join(tokens) for tokens in output_lines}
        pending = []
        for i, tokens in enumerate(keys):
            if not tokens:
                continue
            if joined[i] in whole:
                out[i, 3 * v] = out[i, 3 * v + 1] = 1.0
                continue
            share = sum(t in vocabulary for t in tokens) / len(tokens)
            if share < 1.0:
                out[i, 3 * v + 1] = share
            else:
                pending.append(i)
        if pending:
            found = _SequenceFinder([keys[i] for i in pending]).occurring(chosen)
            for i, inside in zip(pending, found):
                out[i, 3 * v] = float(inside)
                out[i, 3 * v + 1] = 1.0
    return out


class _SequenceFinder:
    """Which of many word sequences occur contiguously in a text's words: Aho-Corasick over words.

    The sequences (the page's lines) go into one trie with failure links, built once per page; each
    voter's output is then scanned once, and a state reached also proves every sequence ending in a
    suffix of it (marks flow down the failure links afterwards, deepest states first). Time is
    linear in the words of the page and of the outputs, where testing each line against the whole
    output was quadratic on pages of many lines.
    """

    def __init__(self, sequences: Sequence[Sequence[str]]) -> None:
        ids: dict[str, int] = {}
        for tokens in sequences:
            for token in tokens:
                ids.setdefault(token, len(ids))
        width = len(ids) or 1
        goto: dict[int, int] = {}  # state * width + word id -> next state
        depth = [0]
        terminal = [0] * len(sequences)
        for p, tokens in enumerate(sequences):
            state = 0
            for token in tokens:
                key = state * width + ids[token]
                nxt = goto.get(key)
                if nxt is None:
                    nxt = goto[key] = len(depth)
                    depth.append(depth[state] + 1)
                state = nxt
            terminal[p] = state
        # Failure links, shallow states first (a state's link is always shallower than the state).
        levels: list[list[tuple[int, int]]] = [[] for _ in range(max(depth) + 1)]
        for key, child in goto.items():
            levels[depth[child]].append((key, child))
        fail = [0] * len(depth)
        for level in levels[2:]:
            for key, child in level:
                parent, word = divmod(key, width)
                link = fail[parent]
                while link and link * width + word not in goto:
                    link = fail[link]
                fail[child] = goto.get(link * width + word, 0)
        self._ids, self._width, self._goto, self._fail, self._terminal = ids, width, goto, fail, terminal
        self._deepest_first = [child for level in reversed(levels) for _, child in level]

    def occurring(self, words: Sequence[str]) -> list[bool]:
        """Per sequence, whether it occurs contiguously in ``words``."""
        ids, width, goto, fail = self._ids, self._width, self._goto, self._fail
        reached = [False] * len(fail)
        state = 0
        for token in words:
            word = ids.get(token)
            if word is None:  # a word of no sequence: no match runs through it
                state = 0
                continue
            while state and state * width + word not in goto:
                state = fail[state]
            state = goto.get(state * width + word, 0)
            reached[state] = True
        for child in self._deepest_first:
            if reached[child]:
                reached[fail[child]] = True
        return [state != 0 and reached[state] for state in self._terminal]


def votes(markup: str, lines: Sequence[str]) -> np.ndarray:
    """Run every voter on ``markup`` and return their columns for ``lines``."""
    return vote_columns(lines, [voter_output(voter, markup) for voter in VOTERS])

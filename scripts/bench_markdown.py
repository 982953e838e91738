"""Extractors for the bench's scripts (``module:function``, html or text in, str out), with markdown output.

    PYTHONPATH=scripts python ../shared/bench/structure.py --extractor bench_markdown:markdown
    PYTHONPATH=scripts python ../shared/bench/evaluate.py --mode html --extractor bench_markdown:markdown

The second measures what markdown costs in accuracy: its words against the gold, as for text output.
"""

from __future__ import annotations

import boilerstrip


def markdown(page: str) -> str:
    """The default preset's markdown."""
    return boilerstrip.clean(page, output="markdown")


def markdown_accurate(page: str) -> str:
    return boilerstrip.clean(page, output="markdown", preset="accurate")

"""Extractors for the bench's scripts (``module:function``, html or text in, str out), with markdown output.

    PYTHONPATH=scripts python ../shared/bench/structure.py --extractor bench_markdown:markdown
    PYTHONPATH=scripts python ../shared/bench/evaluate.py --mode html --extractor bench_markdown:markdown
    FOLDS=DIR PYTHONPATH=scripts python ../shared/bench/structure.py --extractor bench_markdown:markdown_out_of_fold

The second measures what markdown costs in accuracy: its words against the gold, as for text output.
The third scores the markdown of each page with the models of the folds that left its site out
(``DIR`` is a ``crossval.py --fitted`` folder): the structure bench's pages are dev pages, so the
shipped models have seen them.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

import boilerstrip
from boilerstrip.score import use_models

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"


def markdown(page: str) -> str:
    """The default preset's markdown."""
    return boilerstrip.clean(page, output="markdown")


def markdown_accurate(page: str) -> str:
    return boilerstrip.clean(page, output="markdown", preset="accurate")


@cache
def _folds() -> dict[str, int]:
    """Each dev page's fold (by its site, as crossval.py splits them), keyed by a hash of its HTML."""
    import fit_weights  # (scripts/: needs the bench and the fit extra)

    return {
        hashlib.sha1(r["html"].encode()).hexdigest(): fit_weights.fold_of(fit_weights.host_of(r), 5)
        for r in fit_weights.read_records(BENCH)
    }


def markdown_out_of_fold(page: str) -> str:
    """The default preset's markdown with the models of the folds that did not see the page's site."""
    fold = _folds().get(hashlib.sha1(page.encode()).hexdigest())
    if fold is None:
        raise ValueError("not a dev page of the bench: no fold to leave it out of")
    with use_models(Path(os.environ["FOLDS"]) / f"fold{fold}"):
        return boilerstrip.clean(page, output="markdown")

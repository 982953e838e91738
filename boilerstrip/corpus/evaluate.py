"""``boilerstrip evaluate``: score boilerstrip on your own labelled pages.

Each JSON Lines record holds a page (HTML or text) and its gold main text. The score is the usual
one of main-content benchmarks: word-level precision, recall and F1 over lower-cased ``\\w+``
tokens taken as multisets, per page, then averaged over pages, overall and per group. The chart is
a self-contained HTML file (inline SVG, no scripts) with the distribution of the per-page F1.
"""

from __future__ import annotations

import html
import json
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..options import Options
from .readers import ReaderError, TruncatedInput, open_decompressed, read_problem

_TOKEN = re.compile(r"\w+")
_INPUT_FIELDS = ("html", "page_text", "text")
#: Bars of the per-page F1 histogram.
HISTOGRAM_BINS = 10


@dataclass(frozen=True, slots=True)
class PageScore:
    id: str
    group: str
    precision: float
    recall: float
    f1: float


def word_scores(predicted: str, gold: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the predicted words against the gold words (multisets)."""
    pred, ref = Counter(_TOKEN.findall(predicted.lower())), Counter(_TOKEN.findall(gold.lower()))
    if not ref:
        return (1.0, 1.0, 1.0) if not pred else (0.0, 0.0, 0.0)
    if not pred:
        return 0.0, 0.0, 0.0
    overlap = sum((pred & ref).values())
    p, r = overlap / sum(pred.values()), overlap / sum(ref.values())
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _records(path: Path) -> Iterator[dict[str, Any]]:
    if str(path).startswith(("http://", "https://")):
        raise ReaderError(f"{str(path)!r} is a URL: boilerstrip does not download; fetch the file first")
    if not path.is_file():
        raise ReaderError(f"no such file: {str(path)!r}")
    count = 0
    with open_decompressed(path) as stream:
        for number, line in enumerate(stream, 1):
            if not line.endswith(b"\n") and read_problem(stream):
                break
            if line.strip():
                try:
                    record = json.loads(line)
                except ValueError as error:
                    raise ReaderError(f"{path.name} line {number}: not JSON ({error})") from None
                if not isinstance(record, dict):
                    raise ReaderError(f"{path.name} line {number}: JSON but not an object")
                count += 1
                yield record
        problem = read_problem(stream)
    if problem:
        raise TruncatedInput(path, count, problem)


@dataclass
class Skipped:
    """Records ``evaluate`` could not score, counted rather than stopping the run."""

    no_gold: int = 0  #: no string gold field
    no_page: int = 0  #: no string page field


def check_group_field(path: str | Path, group_field: str) -> None:
    """Refuse, before any page is cleaned, a group field no record has (a typo would otherwise
    put every page in one silent group)."""
    names: set[str] = set()
    for record in _records(Path(path)):
        if group_field in record:
            return
        names.update(record)
    known = ", ".join(sorted(names)[:12]) or "none"
    raise ReaderError(f"no record has the field {group_field!r} (fields seen: {known})")


def evaluate(
    path: str | Path,
    *,
    input_field: str | None = None,
    gold_field: str = "gold",
    group_field: str | None = None,
    options: Options | None = None,
    skipped: Skipped | None = None,
) -> list[PageScore]:
    """Clean every page of ``path`` and score it against its gold text.

    Records without a string gold or page field are skipped (a labelled set often has a few
    unlabelled pages) and counted in ``skipped`` when given.
    """
    from .. import clean

    options = options or Options()
    skipped = skipped if skipped is not None else Skipped()
    scores = []
    for number, record in enumerate(_records(Path(path)), 1):
        field = input_field or next((f for f in _INPUT_FIELDS if isinstance(record.get(f), str)), None)
        gold = record.get(gold_field)
        if not isinstance(gold, str):
            skipped.no_gold += 1
            continue
        if field is None or not isinstance(record.get(field), str):
            skipped.no_page += 1
            continue
        fmt = "html" if field == "html" else "auto"
        out = clean(record[field], options.with_changes(input_format=fmt) if fmt == "html" else options)
        group = str(record.get(group_field, "")) if group_field else ""
        scores.append(PageScore(str(record.get("id", number)), group or "all", *word_scores(out, gold)))
    return scores


def table(scores: list[PageScore]) -> str:
    """A Markdown table: pages, P, R, F1 per group and overall."""
    groups: dict[str, list[PageScore]] = {}
    for s in scores:
        groups.setdefault(s.group, []).append(s)
    if len(groups) > 1:
        groups["(all)"] = scores
    lines = ["| group | pages | P | R | F1 |", "|---|---|---|---|---|"]
    for name, members in groups.items():
        p, r, f = (statistics.fmean(getattr(s, k) for s in members) for k in ("precision", "recall", "f1"))
        lines.append(f"| {name} | {len(members)} | {p:.3f} | {r:.3f} | {f:.3f} |")
    return "\n".join(lines)


def chart(scores: list[PageScore], title: str) -> str:
    """A self-contained HTML page: a histogram of per-page F1 for each group, as inline SVG."""
    groups: dict[str, list[float]] = {}
    for s in scores:
        groups.setdefault(s.group, []).append(s.f1)
    parts = [
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
        f"<body style='font-family:sans-serif'><h1>{html.escape(title)}</h1>"
    ]
    width, height, bar = 420, 160, 40
    for name, values in groups.items():
        counts = [0] * HISTOGRAM_BINS
        for v in values:
            counts[min(int(v * HISTOGRAM_BINS), HISTOGRAM_BINS - 1)] += 1
        top = max(counts) or 1
        svg = [f"<svg width='{width}' height='{height + 30}' role='img'>"]
        for i, c in enumerate(counts):
            h = c / top * height
            svg.append(
                f"<rect x='{i * bar + 10}' y='{height - h:.1f}' width='{bar - 4}' height='{h:.1f}' "
                f"fill='#3b7dd8'><title>F1 {i / HISTOGRAM_BINS:.1f}-{(i + 1) / HISTOGRAM_BINS:.1f}: {c} pages"
                f"</title></rect><text x='{i * bar + 12}' y='{height + 14}' font-size='10'>"
                f"{i / HISTOGRAM_BINS:.1f}</text>"
            )
        svg.append("</svg>")
        mean = statistics.fmean(values)
        parts.append(f"<h2>{html.escape(name)}: {len(values)} pages, mean F1 {mean:.3f}</h2>{''.join(svg)}")
    parts.append("</body></html>")
    return "".join(parts)

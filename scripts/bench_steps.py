"""What each step of a run costs, beside the floor: lxml's parse alone (HTML) or the C4 line rules (text).

    python scripts/bench_steps.py --mode html [--every 10] [--data dev.jsonl.gz wceb-dev.jsonl.gz]
    python scripts/bench_steps.py --mode text
    python scripts/bench_steps.py --mode html --output markdown

Each page of a spread-out slice runs through ``boilerstrip.clean`` with :mod:`boilerstrip.timing`
on, so the steps are timed inside the real run (decode, parse, walk, html features, segment,
features, pass 1, pass 2, filter, select, render); the floor runs on the same page right after, in
the same process. Prints, per file, the median and total time of each step, its share of the whole,
and MB/s, then the whole against the floor. Speed is measured here, never asserted in a test.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

import boilerstrip  # noqa: E402
from boilerstrip import timing  # noqa: E402

STEPS = ("decode", "parse", "walk", "html features", "votes", "segment", "features", "pass 1", "pass 2", "filter",
         "page type", "select", "render")  # fmt: skip


def _c4():
    spec = importlib.util.spec_from_file_location("evaluate", BENCH / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.c4_lines


def _lxml_parse(markup: str) -> None:
    etree.fromstring(markup.encode("utf-8", errors="replace"), etree.HTMLParser(huge_tree=True))


def pages(name: str, mode: str, every: int) -> list[str]:
    field = "html" if mode == "html" else "page_text"
    with gzip.open(BENCH / "data" / name, "rt", encoding="utf-8") as f:
        return [json.loads(line)[field] for i, line in enumerate(f) if i % every == 0]


def measure(docs: list[str], mode: str, output: str) -> tuple[dict[str, list[float]], list[float], list[float]]:
    floor = _lxml_parse if mode == "html" else _c4()
    options = boilerstrip.Options(input_format=mode, output=output)
    for doc in docs[:3]:  # warm up: models and patterns load on first use
        boilerstrip.clean(doc, options)
    steps: dict[str, list[float]] = {step: [] for step in STEPS}
    wholes, floors = [], []
    for doc in docs:
        start = time.perf_counter()
        with timing.record() as laps:
            boilerstrip.clean(doc, options)
        wholes.append(time.perf_counter() - start)
        for step in STEPS:
            steps[step].append(laps.get(step, 0.0))
        start = time.perf_counter()
        floor(doc)
        floors.append(time.perf_counter() - start)
    return steps, wholes, floors


def report(name: str, docs: list[str], mode: str, output: str) -> None:
    steps, wholes, floors = measure(docs, mode, output)
    megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    total = sum(wholes)
    floor_name = "lxml parse alone" if mode == "html" else "C4 line rules"
    print(f"\n{name}, {mode} input, {output} output: {len(docs)} pages, {megabytes:.1f} MB, one process\n")
    print("| step | median ms | total s | share |\n|---|---|---|---|")
    for step, times in steps.items():
        if any(times):
            print(f"| {step} | {statistics.median(times) * 1e3:.2f} | {sum(times):.2f} | {sum(times) / total:.1%} |")
    untimed = total - sum(map(sum, steps.values()))
    print(f"| (between steps) | | {untimed:.2f} | {untimed / total:.1%} |")
    print(f"| **whole run** | {statistics.median(wholes) * 1e3:.2f} | {total:.2f} | {megabytes / total:.1f} MB/s |")
    print(f"| {floor_name} | {statistics.median(floors) * 1e3:.2f} | {sum(floors):.2f} | "
          f"{megabytes / sum(floors):.1f} MB/s |")  # fmt: skip
    print(f"\nwhole run / {floor_name}: {total / sum(floors):.1f}x the time")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=("html", "text"), default="html")
    ap.add_argument("--output", choices=("text", "markdown"), default="text")
    ap.add_argument("--every", type=int, default=10)
    ap.add_argument("--data", nargs="+", default=["dev.jsonl.gz", "wceb-dev.jsonl.gz"])
    args = ap.parse_args()
    for name in args.data:
        report(name, pages(name, args.mode, args.every), args.mode, args.output)


if __name__ == "__main__":
    main()

"""HTML presets against trafilatura and readability: the same pages, in one process, in one run.

    python scripts/bench_html.py [--every 5] [--data dev.jsonl.gz]
    python scripts/bench_html.py --extractors fast markdown     # what markdown output costs
    /tmp/rs/bin/python scripts/bench_html.py --extractors fast rs-trafilatura trafilatura  # CPython 3.12

For each page of a spread-out slice of a bench dev file, every extractor runs in turn (so machine
load hits them alike); prints each one's word F1 (the bench's metric, from its evaluate.py), pages
per second and median milliseconds, and each one's pages per second against the first's. Speed is
measured here, never asserted in a test. rs-trafilatura's wheels are for CPython 3.12 only: run it
from a 3.12 venv with rs-trafilatura and this project installed (the bench's README says how).
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

import boilerstrip  # noqa: E402


def _bench_module():
    spec = importlib.util.spec_from_file_location("evaluate", BENCH / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--every", type=int, default=5)
    ap.add_argument("--data", default="dev.jsonl.gz")
    names = ("fast", "markdown", "accurate", "trafilatura", "rs-trafilatura", "readability")
    default = ["fast", "accurate", "trafilatura", "readability"]
    ap.add_argument("--extractors", nargs="+", choices=names, default=default)
    args = ap.parse_args()
    evaluate = _bench_module()
    known = {  # name -> (label, a function making the extractor)
        "fast": ("boilerstrip fast", lambda: lambda h: boilerstrip.clean_html(h, preset="fast")),
        "markdown": ("boilerstrip fast, markdown", lambda: lambda h: boilerstrip.clean_html(h, output="markdown")),
        "accurate": ("boilerstrip accurate", lambda: lambda h: boilerstrip.clean_html(h, preset="accurate")),
        "trafilatura": ("trafilatura", lambda: evaluate.load_extractor("trafilatura", "html")),
        "rs-trafilatura": ("rs-trafilatura", lambda: evaluate.load_extractor("rs-trafilatura", "html")),
        "readability": ("readability", lambda: evaluate.load_extractor("readability", "html")),
    }
    extractors = {known[name][0]: known[name][1]() for name in args.extractors}
    scores: dict[str, list[float]] = {name: [] for name in extractors}
    times: dict[str, list[float]] = {name: [] for name in extractors}
    with gzip.open(BENCH / "data" / args.data, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % args.every:
                continue
            record = json.loads(line)
            for name, extract in extractors.items():
                start = time.perf_counter()
                try:
                    out = extract(record["html"]) or ""
                except Exception:
                    out = ""
                times[name].append(time.perf_counter() - start)
                scores[name].append(evaluate.word_prf(out, record["gold"])[2])
    pages = len(next(iter(scores.values())))
    print(f"{args.data}, every {args.every}th page ({pages} pages), one process:\n")
    first = next(iter(extractors))
    print(f"| extractor | F1 | pages/s | median ms | {first}'s pages/s against it |\n|---|---|---|---|---|")
    for name in extractors:
        t = times[name]
        print(
            f"| {name} | {statistics.fmean(scores[name]):.3f} | {len(t) / sum(t):.1f} | "
            f"{statistics.median(t) * 1000:.1f} | {sum(t) / sum(times[first]):.2f}x |"
        )


if __name__ == "__main__":
    main()

"""The compiled core and the pure-Python path give the same output on a slice of the bench's dev files.

    python scripts/check_speedups.py [--every 10]

Both inputs (page text and HTML) of every K-th page of both dev files, cleaned with the compiled
counter, phrase tries, date test, trees and DOM walk and without them, in one process; prints the time of each
and exits 1 on any difference.
CI runs it after the tests (tests/test_speedups.py checks the same on the fixtures and random text).
Skips (exit 0) where the bench or the compiled core is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
sys.path.insert(0, str(ROOT))

import boilerstrip  # noqa: E402
from boilerstrip import features, html, pagetype, score, select  # noqa: E402


def _cores() -> tuple[object, ...]:
    """The compiled parts in use: the token counter, the phrase tries, the dates, the line marks, the
    windowed means, the line shapes, the markup scan, the trees, the DOM walk, the class and id names,
    the normal forms, the short lines' tests, the word tables, the best stretch, the character ranges."""
    return (features._compiled_counts, features._compiled_phrases, features._compiled_dates, features._compiled_marks,
            features._compiled_window, features._compiled_shapes, pagetype._compiled_scan, score._compiled_forest,
            html._compiled, html._compiled_names, select._compiled_alnum, features._compiled_tests,
            features._compiled_words, score._compiled_stretch, features._compiled_in_ranges)  # fmt: skip


def _set_cores(cores: tuple) -> None:
    (features._compiled_counts, features._compiled_phrases, features._compiled_dates, features._compiled_marks,
     features._compiled_window, features._compiled_shapes, pagetype._compiled_scan, score._compiled_forest,
     html._compiled, html._compiled_names, select._compiled_alnum, features._compiled_tests,
     features._compiled_words, score._compiled_stretch, features._compiled_in_ranges) = cores  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--every", type=int, default=10)
    args = ap.parse_args()
    compiled = _cores()
    if None in compiled or not BENCH.exists():
        print("check_speedups: skipped (no compiled core, or no ../shared/bench)")
        return 0
    differ, pages, seconds = [], 0, {"compiled": 0.0, "pure": 0.0}
    for name in ("dev.jsonl.gz", "wceb-dev.jsonl.gz"):
        with gzip.open(BENCH / "data" / name, "rt", encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i % args.every:
                    continue
                record = json.loads(line)
                for field, fmt in (("page_text", "text"), ("html", "html")):
                    outs = []
                    for kind, cores in (("compiled", compiled), ("pure", (None,) * len(compiled))):
                        _set_cores(cores)
                        start = time.perf_counter()
                        outs.append(boilerstrip.clean(record[field], input_format=fmt))
                        seconds[kind] += time.perf_counter() - start
                    _set_cores(compiled)
                    pages += 1
                    if outs[0] != outs[1]:
                        differ.append(f"{record['id']} ({fmt})")
    print(f"check_speedups: {pages} page runs, compiled {seconds['compiled']:.1f} s, pure {seconds['pure']:.1f} s; "
          f"{len(differ)} differ{': ' + ', '.join(differ[:10]) if differ else ''}")  # fmt: skip
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Feed already-clean articles (the bench's gold texts) to clean(): they should come back whole.

    python scripts/bench_clean_input.py [--every K]

Reports mean word recall (and precision) of clean(gold) against gold, per dev file; the target is
recall >= 0.98. Pages whose gold is empty are skipped.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import boilerstrip  # noqa: E402

TOKEN = re.compile(r"\w+")


def recall_precision(out: str, gold: str) -> tuple[float, float]:
    o, g = Counter(TOKEN.findall(out.lower())), Counter(TOKEN.findall(gold.lower()))
    common = sum((o & g).values())
    return common / max(sum(g.values()), 1), common / max(sum(o.values()), 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--every", type=int, default=1)
    args = ap.parse_args()
    for name in ("dev.jsonl.gz", "wceb-dev.jsonl.gz"):
        recalls, precisions, whole = [], [], 0
        by_type: dict[str, list[float]] = {}
        with gzip.open(args.bench / "data" / name, "rt", encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i % args.every:
                    continue
                record = json.loads(line)
                gold = record["gold"]
                if not TOKEN.search(gold):
                    continue
                r, p = recall_precision(boilerstrip.clean(gold), gold)
                recalls.append(r)
                by_type.setdefault(record.get("page_type") or record["dataset"], []).append(r)
                precisions.append(p)
                whole += r >= 0.999
        print(f"{name}: gold as input, {len(recalls)} pages: recall {statistics.fmean(recalls):.4f}, "
              f"precision {statistics.fmean(precisions):.4f}, returned whole {whole / len(recalls):.1%}")  # fmt: skip
        print("  recall by group: " + ", ".join(f"{k} {statistics.fmean(v):.3f}" for k, v in sorted(by_type.items())))


if __name__ == "__main__":
    main()

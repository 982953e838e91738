"""Time and peak memory of clean() as the input grows: both should grow linearly.

    python scripts/bench_scaling.py [--sizes 5 10 20 50] [--html]

Each size runs in a fresh process (so peak resident memory is that size's own). The page is the
seed fixture's lines, repeated with numbered variations, to the given number of megabytes; with
--html, the body of fixtures/html/news.html repeated the same way inside one document. Prints
seconds, MB/s and peak memory per size; nothing is asserted (speed is measured, never tested).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[3])
import boilerstrip
boilerstrip.clean("warm up the imports")
source = open(sys.argv[1], encoding="utf-8").read()
target = int(float(sys.argv[2]) * 1e6)
html = sys.argv[1].endswith(".html")
if html:
    source = source[source.index("<body>") + 6 : source.index("</body>")]
lines = source.splitlines()
parts, size, k = [], 0, 0
while size < target:
    for line in lines:
        piece = (line.replace("</p>", f" {k}</p>") if html else f"{line} {k}") if line.strip() else line
        parts.append(piece)
        size += len(piece) + 1
    k += 1
page = "\\n".join(parts)
if html:
    page = "<!DOCTYPE html><html><body>" + page + "</body></html>"
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
out = boilerstrip.clean(page)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"mb": len(page.encode()) / 1e6, "seconds": seconds, "peak_mb": peak / 1024,
                  "extra_mb": (peak - base) / 1024, "out_lines": out.count("\\n") + 1}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=float, nargs="*", default=[5, 10, 20, 50])
    ap.add_argument("--html", action="store_true", help="an HTML page instead of page text")
    args = ap.parse_args()
    seed = ROOT / "fixtures" / ("html/news.html" if args.html else "seed-page-text.txt")
    print("| input MB | seconds | MB/s | peak RSS MB | RSS added by clean() MB |\n|---|---|---|---|---|")
    for size in args.sizes:
        run = subprocess.run([sys.executable, "-c", CHILD, str(seed), str(size), str(ROOT)],
                             capture_output=True, text=True, check=True)  # fmt: skip
        r = json.loads(run.stdout)
        print(f"| {r['mb']:.1f} | {r['seconds']:.2f} | {r['mb'] / r['seconds']:.1f} | {r['peak_mb']:.0f} | "
              f"{r['extra_mb']:.0f} |")  # fmt: skip


if __name__ == "__main__":
    main()

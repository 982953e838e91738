"""The corpus job's scaling: workers, overhead over a plain loop, and memory over corpus length.

    python scripts/bench_corpus.py speedup      # the bench's WCXB page texts (3 times over): -j 1 against -j 2
    python scripts/bench_corpus.py overhead [--rounds 5]  # run_job(jobs=1) against clean() in a loop
    python scripts/bench_corpus.py memory [--sizes 1000 10000 100000]

speedup and overhead read ../shared/bench (dev only); memory builds its corpus from the fixture
pages. Each figure is printed, nothing asserted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
sys.path.insert(0, str(ROOT))


def bench_jsonl(folder: Path, repeat: int = 1) -> Path:
    path = folder / "pages.jsonl"
    with gzip.open(BENCH / "data" / "dev.jsonl.gz", "rt", encoding="utf-8") as f, path.open("w") as out:
        records = [json.loads(line) for line in f]
        for k in range(repeat):
            for r in records:
                out.write(json.dumps({"id": f"{r['id']}#{k}", "url": r["url"], "text": r["page_text"]}) + "\n")
    return path


def speedup(repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = bench_jsonl(Path(tmp), repeat)
        pages = 1497 * repeat
        for jobs in (1, 2):
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "boilerstrip",
                    "corpus",
                    str(data),
                    "-o",
                    f"{tmp}/out{jobs}.jsonl",
                    "-j",
                    str(jobs),
                    "--progress",
                    "never",
                ],
                check=True,
                capture_output=True,
            )
            seconds = time.perf_counter() - start
            print(
                f"-j {jobs}: {pages} pages in {seconds:.1f} s = {pages / seconds:.1f} pages/s (process start included)"
            )


def overhead(rounds: int) -> None:
    """``rounds`` alternations of clean() in a loop and run_job(jobs=1) on the same records; the
    fastest of each is compared (one run of each swung by 8-20% on the shared machine)."""
    import boilerstrip
    from boilerstrip.corpus import iter_records, run_job

    with tempfile.TemporaryDirectory() as tmp:
        data = bench_jsonl(Path(tmp))
        records = list(iter_records(data))
        boilerstrip.clean(records[0].content)
        loops, jobs = [], []
        for k in range(rounds):
            start = time.perf_counter()
            for r in records:
                boilerstrip.clean(r.content, input_format="text")
            loops.append(time.perf_counter() - start)
            start = time.perf_counter()
            run_job([data], Path(tmp) / f"out{k}.jsonl", jobs=1)
            jobs.append(time.perf_counter() - start)
            (Path(tmp) / f"out{k}.jsonl").unlink()
        loop, job = min(loops), min(jobs)
        print(
            f"clean() in a loop: {loop:.2f} s; run_job(jobs=1), reading and writing included: {job:.2f} s "
            f"(the fastest of {rounds} alternating rounds); overhead {100 * (job / loop - 1):.1f}%"
        )


CHILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[3])
from boilerstrip.corpus import run_job
start = time.perf_counter()
summary = run_job([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[4]))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"records": summary.records_in, "seconds": time.perf_counter() - start, "peak_mb": peak / 1024,
                  "worker_peak_mb": children / 1024}))
"""


def memory(sizes: list[int]) -> None:
    pages = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "pages").glob("*.txt"))]
    print("| records | seconds | main process peak MB | worker peak MB |\n|---|---|---|---|")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "corpus.jsonl"
            with data.open("w") as out:
                for i in range(n):
                    out.write(
                        json.dumps(
                            {
                                "id": str(i),
                                "url": f"https://h{i % 50}.example/{i}",
                                "text": pages[i % len(pages)] + f"\nPage {i}",
                            }
                        )
                        + "\n"
                    )
            run = subprocess.run(
                [sys.executable, "-c", CHILD, str(data), f"{tmp}/out.jsonl", str(ROOT), "2"],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(run.stdout)
            print(f"| {r['records']} | {r['seconds']:.1f} | {r['peak_mb']:.0f} | {r['worker_peak_mb']:.0f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("speedup", "overhead", "memory"))
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=3, help="speedup: the WCXB pages this many times over")
    ap.add_argument("--rounds", type=int, default=5, help="overhead: alternating rounds (the fastest of each counts)")
    args = ap.parse_args()
    {
        "speedup": lambda: speedup(args.repeat),
        "overhead": lambda: overhead(args.rounds),
        "memory": lambda: memory(args.sizes),
    }[args.what]()


if __name__ == "__main__":
    main()

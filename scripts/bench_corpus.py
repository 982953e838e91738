"""The corpus job's scaling: workers, overhead over a plain loop, and memory over corpus length.

    python scripts/bench_corpus.py speedup      # the bench's WCXB page texts (3 times over): -j 1 against -j 2
    python scripts/bench_corpus.py overhead [--rounds 5] [--slice 100]  # run_job(jobs=1) against clean() in a loop
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def overhead(rounds: int, slice_records: int) -> None:
    """run_job(jobs=1) against clean() in a loop on the same records, in slices of ``slice_records``.

    Each slice is timed ``rounds`` times both ways, alternating, and the fastest of each counts: on
    the shared machine one whole run of each swung by 8-20%, which hid a cost of a few per cent,
    while a slice's fastest round is rarely the one a neighbour slowed. The job's fixed work per
    record (reading the JSON line, the time limit, writing the row) is also timed on its own.
    """
    import boilerstrip
    from boilerstrip.corpus import iter_records, run_job
    from boilerstrip.corpus import job as corpus_job
    from boilerstrip.options import Options

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        lines = bench_jsonl(folder).read_text(encoding="utf-8").splitlines(keepends=True)
        slices = []
        for k in range(0, len(lines), slice_records):
            path = folder / f"slice{k}.jsonl"
            path.write_text("".join(lines[k : k + slice_records]), encoding="utf-8")
            slices.append(path)
        records = [list(iter_records(path)) for path in slices]
        boilerstrip.clean(records[0][0].content)
        loops = [float("inf")] * len(slices)
        jobs = [float("inf")] * len(slices)
        for _ in range(rounds):
            for k, path in enumerate(slices):
                start = time.perf_counter()
                for r in records[k]:
                    boilerstrip.clean(r.content, input_format="text")
                loops[k] = min(loops[k], time.perf_counter() - start)
                out = folder / "out.jsonl"
                start = time.perf_counter()
                run_job([path], out, jobs=1)
                jobs[k] = min(jobs[k], time.perf_counter() - start)
                out.unlink()
        loop, job = sum(loops), sum(jobs)
        count = sum(len(r) for r in records)
        print(
            f"{count} records in {len(slices)} slices: clean() in a loop {loop:.2f} s; run_job(jobs=1), reading "
            f"and writing included, {job:.2f} s (each slice's fastest of {rounds} alternating rounds); "
            f"overhead {100 * (job / loop - 1):.1f}%"
        )
        every = [r for rs in records for r in rs]
        rows = [corpus_job.clean_record(r, Options(), False, None) for r in every]
        parts = {
            "read the JSON lines": lambda: [list(iter_records(path)) for path in slices],
            "time limit (set and cleared)": lambda: [_limit_only(corpus_job) for _ in every],
            "write the rows (JSON, UTF-8, tally)": lambda: [corpus_job._finish(r, row) for r, row in zip(every, rows)],
        }
        fixed = 0.0
        for name, work in parts.items():
            best = min(_seconds(work) for _ in range(rounds)) / count
            fixed += best
            print(f"  {name}: {best * 1e6:.0f} µs a record")
        print(f"  together {fixed * 1e6:.0f} µs a record, {100 * fixed * count / loop:.1f}% of clean()'s time")


def _limit_only(corpus_job: Any) -> None:
    with corpus_job.time_limit(corpus_job.DEFAULT_RECORD_TIMEOUT):
        pass


def _seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


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
    ap.add_argument("--slice", type=int, default=100, help="overhead: records a slice")
    args = ap.parse_args()
    {
        "speedup": lambda: speedup(args.repeat),
        "overhead": lambda: overhead(args.rounds, args.slice),
        "memory": lambda: memory(args.sizes),
    }[args.what]()


if __name__ == "__main__":
    main()

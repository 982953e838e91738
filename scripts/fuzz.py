"""Fuzz boilerstrip: generated hostile inputs through ``clean`` (both presets) and a corpus job.

    python scripts/fuzz.py                 # 2,000 inputs
    python scripts/fuzz.py --n 100000 -j 8 --seed 7

Each input is made from its number and the seed alone (so a failure is reproduced with
``--only N``): random bytes, truncated and mutated real HTML (the fixture pages), deep nesting,
huge lines, many blocks, mixed encodings (UTF-16 with and without a byte-order mark, legacy code
pages with right, wrong or no declaration) and mixed scripts, lone surrogates, control characters.

Counts: crashes (an exception from ``clean`` on ``str``/``bytes``), hangs (over ``--time-limit``
seconds: the time limit of the corpus job), then the same inputs as one JSON Lines file and one
WARC through ``run_job``: every record must come out exactly once, in order. Prints the counts and
the slowest inputs. Not part of the test suite: it takes minutes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import multiprocessing
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from boilerstrip import clean  # noqa: E402
from boilerstrip.corpus import run_job  # noqa: E402
from boilerstrip.corpus.job import RecordTimeout, time_limit  # noqa: E402

PAGES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures").rglob("*.html"))]
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "pages").glob("*.txt"))] or [
    (ROOT / "fixtures" / "seed-page-text.txt").read_text(encoding="utf-8")
]
SCRIPTS = [
    "The quick brown fox jumps over the lazy dog.",
    "Съешь же ещё этих мягких французских булок.",
    "اقرأ أيضاً: الأخبار العاجلة من المنطقة اليوم",
    "כתבות נוספות על הנושא הזה",
    "敏捷的棕色狐狸跳过了懒狗。",
    "いろはにほへと ちりぬるを",
    "Zwölf Boxkämpfer jagen Viktor quer über den großen Sylter Deich.",
    "😀🎉 emoji 👩‍👩‍👧 and ZWJ",
    "Ελληνικά κείμενα εδώ",
    "ภาษาไทยไม่มีช่องว่าง",
]
ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252", "cp1251", "shift_jis", "gb18030"]
KINDS = [
    "random_bytes",
    "truncated_html",
    "mutated_html",
    "deep_nesting",
    "huge_line",
    "many_blocks",
    "repeated_lines",
    "encoded",
    "mixed_scripts",
    "surrogates_controls",
    "text_page",
    "empty_ish",
]


def make(seed: int, number: int) -> tuple[str, str | bytes]:
    """Input ``number``: its kind and the page (``str`` or ``bytes``), from the seed alone."""
    rng = random.Random(seed * 1_000_003 + number)
    kind = KINDS[number % len(KINDS)]
    page = rng.choice(PAGES)
    if kind == "random_bytes":
        return kind, rng.randbytes(rng.choice([0, 1, 10, 1000, 50_000]))
    if kind == "truncated_html":
        data = page.encode("utf-8")
        return kind, data[: rng.randrange(len(data) + 1)]
    if kind == "mutated_html":
        chars = list(page)
        for _ in range(rng.randrange(1, 200)):
            i = rng.randrange(len(chars) + 1)
            op = rng.random()
            if op < 0.3 and i < len(chars):
                del chars[i]
            elif op < 0.6:
                chars.insert(i, rng.choice(["<", ">", "</div>", "<p>", "<table>", "<!--", "&", "&#0;", '"', "\x00"]))
            elif i < len(chars):
                chars[i] = chr(rng.randrange(1, 0x2FFF))
        return kind, "".join(chars)
    if kind == "deep_nesting":
        depth = rng.choice([100, 1000, 2100, 5000])
        tag = rng.choice(["div", "span", "b", "table", "li"])
        nest = f"<{tag}>" * depth + "deep" + f"</{tag}>" * depth
        return kind, f"<html><body><p>Before the nest.</p>{nest}<p>After the nest.</p></body></html>"
    if kind == "huge_line":
        words = rng.choice(SCRIPTS).split() or ["x"]
        line = " ".join(rng.choice(words) for _ in range(rng.choice([10_000, 50_000, 150_000])))
        return kind, line if rng.random() < 0.5 else f"<html><body><p>{line}</p></body></html>"
    if kind == "many_blocks":
        n = rng.choice([1000, 5000, 20_000])
        return kind, "<html><body>" + "".join(f"<p>Line {i} of many.</p>" for i in range(n)) + "</body></html>"
    if kind == "repeated_lines":  # the rules that look for a line's later copies (contents, comment counts)
        lines = ["Related articles", "See also", "12 Comments", "Reply", "Home", "Short item", "Read more"]
        cycle = [rng.choice(lines) for _ in range(rng.randrange(1, 6))]
        text = "\n".join(cycle * (rng.choice([2000, 10_000, 20_000]) // len(cycle)))
        markup = "<html><body><p>" + text.replace("\n", "</p><p>") + "</p></body></html>"
        return kind, text if rng.random() < 0.5 else markup
    if kind == "encoded":
        encoding = rng.choice(ENCODINGS)
        text = page
        if rng.random() < 0.5:
            declared = rng.choice([*ENCODINGS, "no-such-charset"])
            text = text.replace("<head>", f'<head><meta charset="{declared}">', 1)
        return kind, text.encode(encoding, errors="replace")
    if kind == "mixed_scripts":
        lines = [" ".join(rng.choice(SCRIPTS) for _ in range(rng.randrange(1, 8))) for _ in range(rng.randrange(1, 80))]
        body = "\n".join(lines)
        return kind, body if rng.random() < 0.5 else "<html><body>" + "".join(f"<p>{x}</p>" for x in lines) + "</body>"
    if kind == "surrogates_controls":
        text = rng.choice(TEXTS)
        junk = ["\ud83d", "\udc00", "\x00", "\x1b[31m", "\u202e", "\ufeff", "\r", "\x0b", "\x85", "\u2028"]
        chars = list(text)
        for _ in range(rng.randrange(1, 50)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(junk))
        return kind, "".join(chars)
    if kind == "text_page":
        text = rng.choice(TEXTS)
        return kind, text[: rng.randrange(len(text) + 1)]
    tiny: list[str | bytes] = ["", " ", "\n\n\n", "<", "<html>", "<!DOCTYPE html>", "\ufeff"]
    tiny += [b"", b"\xff\xfe", b"\x1f\x8b"]
    return kind, rng.choice(tiny)


def _describe(kind: str, page: str | bytes) -> str:
    return f"{kind}, {len(page):,} {'bytes' if isinstance(page, bytes) else 'chars'}"


def _one(args: tuple[int, int, str, float]) -> tuple[int, str, str, float, str]:
    """(number, preset, "ok" | "crash" | "hang", seconds, detail)"""
    seed, number, preset, limit = args
    kind, page = make(seed, number)
    start = time.perf_counter()
    try:
        with time_limit(limit):
            clean(page, preset=preset)
        status, detail = "ok", ""
    except RecordTimeout:
        status, detail = "hang", ""
    except Exception as error:
        status = "crash"
        detail = (
            f"{type(error).__name__}: {error}"[:200] + " | " + traceback.format_exc(limit=-2).replace("\n", " ")[-300:]
        )
    return (
        number,
        preset,
        status,
        time.perf_counter() - start,
        _describe(kind, page) + (f": {detail}" if detail else ""),
    )


def _warc_record(number: int, body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:fuzz:{number}>\r\n"
        f"WARC-Target-URI: https://fuzz.example/{number}\r\nWARC-Date: 2025-01-01T00:00:00Z\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    )
    return head.encode() + http + b"\r\n\r\n"


def corpus_check(seed: int, numbers: list[int], jobs: int, limit: float) -> dict[str, Any]:
    """The inputs as JSON Lines (str: as is, bytes: as HTML decoded with surrogateescape, so that
    lone surrogates reach the job too) and as a gzipped WARC; each record must come out once, in order."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        jsonl, warc = folder / "fuzz.jsonl", folder / "fuzz.warc.gz"
        with jsonl.open("w", encoding="utf-8") as out, gzip.open(warc, "wb") as w:
            for number in numbers:
                _, page = make(seed, number)
                text = page if isinstance(page, str) else page.decode("utf-8", "surrogateescape")
                out.write(json.dumps({"id": f"j{number}", "html" if number % 2 else "text": text}) + "\n")
                w.write(_warc_record(number, page if isinstance(page, bytes) else page.encode("utf-8", "replace")))
        start = time.perf_counter()
        summary = run_job([jsonl, warc], folder / "out.jsonl", jobs=jobs, record_timeout=limit)
        seconds = time.perf_counter() - start
        ids = [json.loads(line)["id"] for line in (folder / "out.jsonl").open(encoding="utf-8")]
    want = [f"j{n}" for n in numbers] + [f"<urn:fuzz:{n}>" for n in numbers]
    errors = Counter(error.split(":")[0] for _, error in summary.failures)
    return {
        "records": len(want),
        "rows": len(ids),
        "exactly_once_in_order": ids == want,
        "failed_rows": summary.failed,
        "failure_kinds": dict(errors),
        "seconds": round(seconds, 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="generated inputs")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-j", "--jobs", type=int, default=multiprocessing.cpu_count())
    ap.add_argument("--time-limit", type=float, default=60.0, help="seconds an input may take (the job's default)")
    ap.add_argument("--presets", nargs="+", default=["fast", "accurate"], choices=["fast", "accurate"])
    ap.add_argument("--only", type=int, default=None, help="run input number N alone, in this process")
    ap.add_argument("--no-corpus", action="store_true", help="skip the corpus job")
    ap.add_argument("--slowest", type=int, default=10)
    args = ap.parse_args()
    logging.getLogger("boilerstrip").setLevel(logging.ERROR)  # the job logs each failed record: counted here
    if args.only is not None:
        for preset in args.presets:
            print(_one((args.seed, args.only, preset, args.time_limit)))
        return 0
    tasks = [(args.seed, n, preset, args.time_limit) for n in range(args.n) for preset in args.presets]
    start = time.perf_counter()
    results = []
    with multiprocessing.get_context("fork").Pool(args.jobs, maxtasksperchild=200) as pool:
        for i, result in enumerate(pool.imap_unordered(_one, tasks, chunksize=4), 1):
            results.append(result)
            if i % 500 == 0:
                print(
                    f"\r{i}/{len(tasks)} runs, {time.perf_counter() - start:.0f} s", end="", file=sys.stderr, flush=True
                )
    print(file=sys.stderr)
    counts = Counter((preset, status) for _, preset, status, _, _ in results)
    by_kind = Counter((make(args.seed, n)[0], status) for n, _, status, _, _ in results if status != "ok")
    print(f"clean(): {args.n} inputs x {len(args.presets)} presets in {time.perf_counter() - start:.0f} s")
    for preset in args.presets:
        ok, crash, hang = (counts[(preset, s)] for s in ("ok", "crash", "hang"))
        print(f"  {preset}: ok {ok}, crashes {crash}, hangs over {args.time_limit:g} s {hang}")
    for (kind, status), count in sorted(by_kind.items()):
        print(f"  {status} on {kind}: {count}")
    for number, preset, status, _, detail in results:
        if status == "crash":
            print(f"  crash #{number} ({preset}): {detail}")
    print(f"slowest {args.slowest}:")
    for number, preset, status, seconds, detail in sorted(results, key=lambda r: -r[3])[: args.slowest]:
        print(f"  {seconds:7.2f} s  #{number} {preset} {status}: {detail[:150]}")
    if not args.no_corpus:
        report = corpus_check(args.seed, list(range(args.n)), args.jobs, args.time_limit)
        print("corpus job (JSON Lines + WARC):", json.dumps(report))
        if not report["exactly_once_in_order"]:
            return 1
    return 1 if any(status == "crash" for _, _, status, _, _ in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Out-of-fold accuracy of the whole pipeline: the figure README, notes and commits quote.

    python scripts/crossval.py                                  # text and HTML (fast), both dev files
    python scripts/crossval.py --inputs html --every 3          # a third of the pages, quicker
    python scripts/crossval.py --presets fast accurate --votes-cache DIR
    python scripts/crossval.py --peers /tmp/peers --json /tmp/cv.jsonl
    python scripts/crossval.py --inputs html --fitted /tmp/cv_d6 --reuse /tmp/cvfit2 --refit html --trees max_depth=6

Both dev files are split into five folds by site (no host in two folds). For each fold, every learned
part (both scoring passes of each input kind, and every classifier the pipeline reads from
``boilerstrip/models``) is fitted on the other four by ``fit_weights.fit_models``, and the whole
public pipeline (``boilerstrip.clean``) runs on the held-out fold with those models
(``score.use_models``). Reported per file, per page type and per dataset: P, R, F1, with, leak, the
lost pages (gold of at least 50 words, F1 below 0.2) and the empty-gold pages answered ``""``; then,
per file with snippets (WCXB), the snippets summed over the pages as trafilatura scores its own
evaluation (a must-appear snippet found is a true positive, one missed a false negative, a
must-not-appear one found a false positive): the measure of a hidden set scored that way.
``--reuse DIR --refit MODE...`` tries another capacity cheaply: the per-fold models of an earlier
``--fitted DIR`` are copied into ``--fitted``, except those of the modes named, which are fitted
afresh (with ``--trees KEY=VALUE...`` over ``fit_weights.HTML_TREES``, ``TEXT_TREES`` and ``TREES``, or
``--text-model linear --c C`` for a linear text model).
``--peers DIR`` reads evaluate.py ``--json`` files named ``PEER.dev.jsonl`` / ``PEER.wceb-dev.jsonl``
and shows each peer on the same pages.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import fit_weights  # noqa: E402

from boilerstrip.options import Options  # noqa: E402
from boilerstrip.pipeline import run  # noqa: E402
from boilerstrip.score import use_models  # noqa: E402

FOLDS = 5
#: A page is lost when its gold has at least this many words and the output scores below LOST_F1.
LOST_MIN_GOLD_WORDS = 50
LOST_F1 = 0.2
#: Which model files each pipeline configuration needs fitted per fold.
CONFIGS = {
    ("text", "fast"): ("text",),
    ("html", "fast"): ("html",),
    ("html", "accurate"): ("html", "votes"),
}
#: Fitted whatever the configuration: ``extract()``'s page type.
ALWAYS = ("pagetype",)


def load_evaluate(bench: Path):
    spec = importlib.util.spec_from_file_location("bench_evaluate", bench / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_page(r: dict, source: str, preset: str) -> tuple[str, str]:
    """The page's output (``run(...).text()`` is what ``boilerstrip.clean`` returns) and its page type."""
    if source == "text":
        result = run(r["page_text"], Options(input_format="text"))
    else:
        result = run(r["html"], Options(input_format="html", preset=preset))
    kinds = result.page_type()
    return result.text(), max(kinds, key=kinds.__getitem__)


def score_page(ev, r: dict, out: str) -> dict:
    p, rec, f1 = ev.word_prf(out, r["gold"])
    gold_words = len(ev.TOKEN.findall(r["gold"].lower()))
    counts = snippet_counts(ev, out, r)  # (the shares below from the counts: each snippet looked for once)
    return {
        "id": r["id"],
        "file": r["file"],
        "group": r.get("page_type") or r["dataset"],
        "P": p,
        "R": rec,
        "F1": f1,
        "with": counts["with_found"] / counts["with_n"] if counts["with_n"] else None,
        "leak": counts["leak_found"] / counts["leak_n"] if counts["leak_n"] else None,
        **counts,
        "lost": gold_words >= LOST_MIN_GOLD_WORDS and f1 < LOST_F1,
        "empty_gold": gold_words == 0,
        "empty_out": not out.strip(),
    }


def snippet_counts(ev, out: str, r: dict) -> dict[str, int]:
    """How many of the page's must-appear snippets the output holds, and of its must-not-appear ones,
    with their numbers: what :func:`snippet_line` sums over the pages."""
    counts = {}
    for key, snippets in (("with", r.get("with") or []), ("leak", r.get("without") or [])):
        share = ev.snippet_share(out, snippets) if snippets else 0.0
        counts[f"{key}_n"], counts[f"{key}_found"] = len(snippets), round(share * len(snippets))
    return counts


def snippet_prf(rows: list[dict]) -> tuple[float, float, float] | None:
    """Precision, recall and F of the snippets summed over the pages, as trafilatura scores its own
    evaluation: a must-appear snippet found is a true positive, one missed a false negative, a
    must-not-appear snippet found a false positive. ``None`` where the pages have no snippets."""
    tp = sum(r["with_found"] for r in rows)
    fn = sum(r["with_n"] - r["with_found"] for r in rows)
    fp = sum(r["leak_found"] for r in rows)
    if not tp:
        return None if not (fn or fp) else (0.0, 0.0, 0.0)
    p, rec = tp / (tp + fp), tp / (tp + fn)
    return p, rec, 2 * p * rec / (p + rec)


def snippet_line(title: str, rows: list[dict], peers: dict[str, dict[str, dict]]) -> str | None:
    """One line: the snippet P/R/F of ``rows`` and of each peer on the same pages (``None``: no snippets)."""
    ours = snippet_prf(rows)
    if ours is None:
        return None
    cells = [f"{title}: P {ours[0]:.3f}, R {ours[1]:.3f}, F {ours[2]:.3f}"]
    for name, peer in peers.items():
        got = [peer[r["id"]] for r in rows if r["id"] in peer and "with_n" in peer[r["id"]]]
        theirs = snippet_prf(got) if got else None
        if theirs is not None:  # (as in the F1 columns: a peer's pages without a row are left out)
            fewer = f" (on {len(got)} of {len(rows)} pages)" if len(got) < len(rows) else ""
            cells.append(f"{name} {theirs[0]:.3f}, {theirs[1]:.3f}, {theirs[2]:.3f}{fewer}")
    return "; ".join(cells)


def mean(rows: list[dict], key: str) -> float | None:
    values = [r[key] for r in rows if r.get(key) is not None]
    return statistics.fmean(values) if values else None


def fmt(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


def summary_line(name: str, rows: list[dict], peers: dict[str, dict[str, dict]]) -> str:
    empty_gold = [r for r in rows if r["empty_gold"]]
    cells = [name, str(len(rows))] + [fmt(mean(rows, k)) for k in ("P", "R", "F1", "with", "leak")]
    cells += [str(sum(r["lost"] for r in rows)), f"{sum(r['empty_out'] for r in empty_gold)}/{len(empty_gold)}"]
    for peer in peers.values():
        got = [peer[r["id"]] for r in rows if r["id"] in peer]
        lost = sum(g["gold_long"] and g["F1"] < LOST_F1 for g in got)
        cells.append(f"{fmt(mean(got, 'F1'))} ({lost})" if got else "-")
    return "| " + " | ".join(cells) + " |"


def report(title: str, rows: list[dict], peers: dict[str, dict[str, dict]]) -> None:
    typed = [r for r in rows if r["file"] == "dev"]
    if typed and "page_type" in typed[0]:
        right = sum(r["page_type"] == r["group"] for r in typed)
        print(f"\n{title}: page type right on {right} of {len(typed)} WCXB pages ({right / len(typed):.3f})")
    head = ["", "pages", "P", "R", "F1", "with", "leak", "lost", 'empty gold -> ""']
    head += [f"{name} F1 (lost)" for name in peers]
    print(f"\n### {title}\n")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for file in sorted({r["file"] for r in rows}):
        in_file = [r for r in rows if r["file"] == file]
        print(summary_line(f"**{file}**", in_file, peers))
        for group in sorted({r["group"] for r in in_file}):
            print(summary_line(group, [r for r in in_file if r["group"] == group], peers))
    files = sorted({r["file"] for r in rows})
    lines = [snippet_line(f"**{file}**", [r for r in rows if r["file"] == file], peers) for file in files]
    if any(lines):
        print("\nSnippets summed over the pages, as trafilatura scores its own evaluation (P, R, F):\n")
        print("\n".join(f"- {line}" for line in lines if line))


def load_peers(folder: Path | None, source: str, records: dict[str, dict], ev) -> dict[str, dict[str, dict]]:
    """evaluate.py --json rows of each peer in ``folder`` for this input kind, by page id."""
    if folder is None:
        return {}
    wanted = {"text": ("c4",), "html": ("trafilatura", "rs-trafilatura", "readability")}[source]
    out: dict[str, dict[str, dict]] = {}
    for name in wanted:
        rows: dict[str, dict] = {}
        for path in sorted(folder.glob(f"{name}.*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:  # a file still being written ends in a torn line
                    continue
                r = records.get(row["id"])
                if r is not None:
                    gold_words = len(ev.TOKEN.findall(r["gold"].lower()))
                    rows[row["id"]] = {"id": row["id"], "F1": row["F1"], "gold_long": gold_words >= LOST_MIN_GOLD_WORDS}
                    if row.get("output") is not None:
                        rows[row["id"]].update(snippet_counts(ev, row["output"], r))
        if rows:
            out[name] = rows
    return out


def check_fitted(folder: Path, sample: dict) -> None:
    """Reused models must come from the same sample and folds."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / "sample.json"
    if manifest.exists() and json.loads(manifest.read_text()) != sample:
        raise SystemExit(f"{folder} holds models fitted on another sample: {manifest.read_text().strip()}")
    if not manifest.exists():  # rewriting it would race with a run reading it (--reuse)
        manifest.write_text(json.dumps(sample))


def check_reuse(source: Path, sample: dict) -> None:
    """Models to copy (``--reuse``) must come from the same sample and folds."""
    manifest = source / "sample.json"
    if not manifest.exists():
        raise SystemExit(f"{source} has no sample.json: not a --fitted folder")
    theirs = json.loads(manifest.read_text())
    if {k: theirs.get(k) for k in ("every", "folds")} != {k: sample[k] for k in ("every", "folds")}:
        raise SystemExit(f"{source} holds models fitted on another sample: {manifest.read_text().strip()}")


def reuse_models(source: Path, folder: Path, folds: int, refit: list[str]) -> None:
    """Copy ``source``'s per-fold models into ``folder``, but for the modes in ``refit`` and models already there."""
    skip = {f"{m}.json" for m in refit if m != "pagetype"}
    skip |= {f"pagetype-{s}.json" for s in ("text", "html")} if "pagetype" in refit else set()
    for k in range(folds):
        (folder / f"fold{k}").mkdir(parents=True, exist_ok=True)
        for path in sorted((source / f"fold{k}").glob("*.json")):
            target = folder / f"fold{k}" / path.name
            if path.name not in skip and not target.exists():
                shutil.copyfile(path, target)


def report_saved(args: argparse.Namespace) -> int:
    """The tables of an earlier run's ``--json`` file (peers may have been added since)."""
    ev = load_evaluate(args.bench)
    results: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for line in args.report.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        results[(row["input"], row["preset"])].append(row)
    ids = {r["id"] for rows in results.values() for r in rows}
    by_id = {r["id"]: r for r in fit_weights.read_records(args.bench) if r["id"] in ids}
    for row in (row for rows in results.values() for row in rows if "with_n" not in row):
        row.update(snippet_counts(ev, row["output"], by_id[row["id"]]))  # a run from before the counts
    print_tables(results, args, by_id, ev)
    return 0


def print_tables(results: dict[tuple[str, str], list[dict]], args: argparse.Namespace, by_id: dict, ev) -> None:
    print(f"# Out-of-fold accuracy ({args.folds} folds by site, every {args.every} page(s))")
    for (source, preset), rows in results.items():
        label = f"{source} input" + (f", {preset} preset" if source == "html" else "")
        report(label, rows, load_peers(args.peers, source, by_id, ev))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--every", type=int, default=1, help="only every K-th page of each file")
    ap.add_argument("--inputs", nargs="+", choices=("text", "html"), default=["text", "html"])
    ap.add_argument("--presets", nargs="+", choices=("fast", "accurate"), default=["fast"], help="for HTML input")
    ap.add_argument("--votes-cache", type=Path, help="voters' outputs by page id (fit_weights.py --votes-cache)")
    ap.add_argument("--peers", type=Path, help="folder of evaluate.py --json files (PEER.dev.jsonl ...)")
    ap.add_argument("--json", type=Path, help="write every page's scores and output here")
    ap.add_argument("--folds", type=int, default=FOLDS)
    ap.add_argument(
        "--fitted",
        type=Path,
        help="keep the per-fold models in this folder and reuse them on the next run (to measure a change "
        "that leaves features and labels alone without refitting; delete the folder after such a change)",
    )
    ap.add_argument("--report", type=Path, metavar="JSON", help="only print the tables of an earlier --json run")
    ap.add_argument("--reuse", type=Path, metavar="DIR", help="copy the per-fold models of this --fitted folder")
    ap.add_argument(
        "--refit", nargs="+", default=[], choices=("text", "html", "votes", "pagetype"), help="... but for these"
    )
    ap.add_argument(
        "--trees",
        nargs="+",
        default=[],
        metavar="KEY=VALUE",
        help="tree options over fit_weights.HTML_TREES, TEXT_TREES and TREES (votes), for the modes fitted",
    )
    ap.add_argument("--c", type=float, help="a linear text model's C (default 1.0)")
    ap.add_argument("--text-model", choices=("gbdt", "linear"), help="fit the text model so (default gbdt)")
    args = ap.parse_args()
    if args.report:
        return report_saved(args)
    if args.reuse and not args.fitted:
        ap.error("--reuse needs --fitted (the folder to copy into)")
    options = fit_weights.tree_options(args.trees)
    for trees in (fit_weights.TREES, fit_weights.HTML_TREES, fit_weights.TEXT_TREES):
        trees.update(options)
    fit_weights.TEXT_MODEL = args.text_model or fit_weights.TEXT_MODEL

    ev = load_evaluate(args.bench)
    records = list(fit_weights.read_records(args.bench, args.every))
    by_id = {r["id"]: r for r in records}
    fold = {r["id"]: fit_weights.fold_of(fit_weights.host_of(r), args.folds) for r in records}
    configs = [(s, p) for s in args.inputs for p in (args.presets if s == "html" else ["fast"])]
    modes = sorted({m for c in configs for m in CONFIGS[c]} | set(ALWAYS))
    print(f"{len(records)} pages, {args.folds} folds by site; fitting {', '.join(modes)}", file=sys.stderr)
    dump = args.json.open("w", encoding="utf-8") if args.json else None
    with tempfile.TemporaryDirectory(prefix="boilerstrip-cv-") as tmp:
        if args.fitted:
            tmp = str(args.fitted)
            sample: dict = {"every": args.every, "folds": args.folds}
            if args.trees:  # a folder fitted with other tree options is not reused by mistake
                sample["trees"] = {"html": fit_weights.HTML_TREES, "votes": fit_weights.TREES,
                                   "text": fit_weights.TEXT_TREES}  # fmt: skip
            if args.c is not None:
                sample["c"] = args.c
            if args.text_model:
                sample["text_model"] = args.text_model
            if args.reuse:
                check_reuse(args.reuse, sample)
            check_fitted(args.fitted, sample)
            if args.reuse:
                reuse_models(args.reuse, args.fitted, args.folds, args.refit)
        started = time.perf_counter()
        c = 1.0 if args.c is None else args.c
        fit_weights.fit_models(records, modes, fold, args.folds, Path(tmp), args.votes_cache, c)
        print(f"fitted in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        results: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for k in range(args.folds):
            with use_models(Path(tmp) / f"fold{k}"):
                for r in records:
                    if fold[r["id"]] != k:
                        continue
                    for source, preset in configs:
                        out, kind = run_page(r, source, preset)
                        row = {**score_page(ev, r, out), "page_type": kind}
                        results[(source, preset)].append(row)
                        if dump:
                            dump.write(json.dumps({**row, "input": source, "preset": preset, "output": out}) + "\n")
    if dump:
        dump.close()
    print_tables(results, args, by_id, ev)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Command line: ``boilerstrip clean FILE`` prints the article, ``boilerstrip explain FILE`` shows why."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__, clean, explain, extract
from .options import FOCUSES, FORMATS, PRESETS, Options


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise SystemExit(f"boilerstrip: cannot read {path!r}: {exc.strerror or exc}") from None


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="boilerstrip", description="Keep the main article of a web page.")
    ap.add_argument("--version", action="version", version=f"boilerstrip {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    for name, text in (("clean", "print the main article"), ("explain", "show every block's score and reason")):
        p = sub.add_parser(name, help=text, description=text)
        p.add_argument("file", nargs="?", default="-", help="page text or HTML file, or - for standard input")
        p.add_argument("--focus", choices=FOCUSES, default="balanced", help="precision/recall trade-off")
        p.add_argument("--format", choices=FORMATS, default="auto", dest="input_format", help="input kind")
        p.add_argument("--no-title", action="store_true", help="do not keep the headline")
        p.add_argument("--preset", choices=PRESETS, default=None, help="HTML only: fast, or accurate (with votes)")
        if name == "clean":
            p.add_argument("--json", action="store_true", help="print a JSON object: text, title and metadata")
        if name == "explain":
            p.add_argument("--colour", choices=("auto", "always", "never"), default="auto")
            p.add_argument("--width", type=int, default=100, help="characters of each block to show")
    c = sub.add_parser(
        "corpus",
        help="clean every record of WARC, WET or JSON Lines files",
        description="Clean every record of the inputs into one JSON Lines (or .parquet) file.",
    )
    c.add_argument("inputs", nargs="+", help=".warc/.wet/.jsonl files, optionally .gz or .zst")
    c.add_argument("-o", "--output", required=True, help="output file: .jsonl, or .parquet (needs pyarrow)")
    c.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: all cores)")
    c.add_argument("--resume", action="store_true", help="continue a killed job from its .partial output")
    c.add_argument("--keep-meta", action="store_true", help="keep the input's other JSON fields")
    c.add_argument("--site-templates", action="store_true", help="drop lines a host repeats on many pages")
    c.add_argument("--focus", choices=FOCUSES, default="balanced")
    c.add_argument("--preset", choices=PRESETS, default="fast", help="for HTML records")
    c.add_argument("--no-title", action="store_true")
    c.add_argument("--id-field", default="id")
    c.add_argument("--url-field", default="url")
    c.add_argument("--text-field", default="text")
    c.add_argument("--html-field", default="html")
    c.add_argument("--progress", choices=("auto", "always", "never"), default="auto")
    e = sub.add_parser(
        "evaluate",
        help="score boilerstrip on your own labelled pages",
        description="Word P/R/F1 of boilerstrip on JSON Lines pages with a gold main text.",
    )
    e.add_argument("data", help="JSON Lines (optionally .gz/.zst): a page field (html, page_text or text) and gold")
    e.add_argument("--input-field", default=None, help="the page's field (default: html, page_text or text)")
    e.add_argument("--gold-field", default="gold")
    e.add_argument("--group-field", default=None, help="report per value of this field (e.g. page_type)")
    e.add_argument("--chart", default=None, help="write a self-contained HTML chart of per-page F1 here")
    e.add_argument("--focus", choices=FOCUSES, default="balanced")
    e.add_argument("--preset", choices=PRESETS, default="fast")
    return ap


def _evaluate(args: argparse.Namespace) -> int:
    from .corpus.evaluate import chart, evaluate, table
    from .corpus.readers import ReaderError

    try:
        scores = evaluate(
            args.data,
            input_field=args.input_field,
            gold_field=args.gold_field,
            group_field=args.group_field,
            options=Options(focus=args.focus, preset=args.preset),
        )
    except ReaderError as error:
        raise SystemExit(f"boilerstrip: {error}") from None
    sys.stdout.write(table(scores) + "\n")
    if args.chart:
        Path(args.chart).write_text(chart(scores, f"boilerstrip on {Path(args.data).name}"), encoding="utf-8")
    return 0


def _corpus(args: argparse.Namespace) -> int:
    from .corpus import Fields, ReaderError, run_job
    from .corpus.job import write_progress

    options = Options(focus=args.focus, preset=args.preset, keep_title=not args.no_title)
    fields = Fields(args.id_field, args.url_field, args.text_field, args.html_field)
    show = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty())
    try:
        summary = run_job(
            args.inputs,
            args.output,
            options=options,
            jobs=args.jobs,
            keep_meta=args.keep_meta,
            resume=args.resume,
            fields=fields,
            progress=write_progress(sys.stderr) if show else None,
            site_templates=args.site_templates,
        )
    except (ReaderError, FileExistsError) as error:
        raise SystemExit(f"boilerstrip: {error}") from None
    sys.stderr.write(("\n" if show else "") + "boilerstrip corpus: " + summary.line() + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "corpus":
        return _corpus(args)
    if args.command == "evaluate":
        return _evaluate(args)
    options = Options(focus=args.focus, input_format=args.input_format, keep_title=not args.no_title)
    if args.preset:
        options = options.with_changes(preset=args.preset)
    data = _read(args.file)
    try:
        if args.command == "clean" and args.json:
            sys.stdout.write(json.dumps(extract(data, options).as_dict(), ensure_ascii=False) + "\n")
            return 0
        if args.command == "clean":
            out = clean(data, options)
            if out:
                sys.stdout.write(out + "\n")
            return 0
        colour = args.colour == "always" or (args.colour == "auto" and sys.stdout.isatty())
        sys.stdout.write(explain(data, options).format(colour=colour, width=args.width) + "\n")
        return 0
    except BrokenPipeError:  # `boilerstrip explain page | head`
        return 0


if __name__ == "__main__":
    raise SystemExit(main())

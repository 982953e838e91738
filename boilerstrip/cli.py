"""Command line: ``boilerstrip clean FILE`` prints the article, ``boilerstrip explain FILE`` shows why.

Bad input (a missing file, a URL, a folder where a file is needed, an output that cannot be
written) is one line on stderr and a non-zero exit, checked before any work starts: never a
traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import IO, Any

from . import __version__, clean, explain, extract, features, html
from .explain import Explanation
from .options import FOCUSES, FORMATS, PRESETS, Options

#: Exit code after Ctrl-C, as shells report a process ended by SIGINT.
EXIT_INTERRUPTED = 130


def _fail(message: str) -> SystemExit:
    return SystemExit(f"boilerstrip: {message}")


def _is_url(name: str) -> bool:
    return name.lower().startswith(("http://", "https://"))


def _no_download(name: str) -> SystemExit:
    return _fail(f"{name!r} is a URL: boilerstrip does not download pages; save it first (curl -L -o page.html URL)")


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise _fail(f"cannot read {path!r}: {exc.strerror or exc}") from None


def _page_files(names: list[str]) -> list[str]:
    """The pages to clean: files as given, a folder's files (not hidden ones) sorted, ``-`` for
    standard input; every one checked before the first is cleaned."""
    files: list[str] = []
    for name in names:
        if name == "-":
            files.append(name)
            continue
        if _is_url(name):
            raise _no_download(name)
        path = Path(name)
        if path.is_dir():
            found = sorted(
                str(p)
                for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise _fail(f"the folder {name!r} holds no files")
            files.extend(found)
        elif not path.is_file():
            raise _fail(f"cannot read {name!r}: No such file or directory")
        else:
            files.append(name)
    return files


def _version() -> str:
    """The version, and whether the compiled parts run (each has a Python twin giving the same output,
    only slower): the core needs a C compiler at install, the DOM walk also the lxml it was built against."""
    core = "on" if features._compiled_counts is not None else "off"
    walk = "on" if html._compiled is not None else "off"
    return f"boilerstrip {__version__} (compiled core {core}, compiled DOM walk {walk}; lxml {html.lxml.__version__})"


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="boilerstrip", description="Keep the main article of a web page.")
    ap.add_argument("--version", action="version", version=_version())
    sub = ap.add_subparsers(dest="command", required=True)
    for name, text in (("clean", "print the main article"), ("explain", "show every block's score and reason")):
        p = sub.add_parser(name, help=text, description=text)
        if name == "clean":
            p.add_argument(
                "files",
                nargs="*",
                default=["-"],
                help="page text or HTML files or folders (their files), or - for standard input (the default)",
            )
        else:
            p.add_argument("file", nargs="?", default="-", help="page text or HTML file, or - for standard input")
        p.add_argument("--focus", choices=FOCUSES, default="balanced", help="precision/recall trade-off")
        p.add_argument("--format", choices=FORMATS, default="auto", dest="input_format", help="input kind")
        p.add_argument("--no-title", action="store_true", help="do not keep the headline")
        p.add_argument("--preset", choices=PRESETS, default=None, help="HTML only: fast, or accurate (with votes)")
        if name == "clean":
            p.add_argument(
                "--output",
                choices=("text", "markdown", "json"),
                default="text",
                help="text (the kept lines), markdown, or a JSON object a file: text, markdown, blocks, metadata",
            )
            p.add_argument("--json", action="store_true", help="the same as --output json")
            p.add_argument("--links", action="store_true", help="markdown: keep links, as [text](absolute URL)")
            p.add_argument("--images", action="store_true", help="markdown: keep images")
            p.add_argument("--url", default=None, help="the page's URL, to make markdown links and images absolute")
        if name == "explain":
            p.add_argument(
                "--colour", choices=("auto", "always", "never"), default="auto", help="auto: a terminal, no NO_COLOR"
            )
            p.add_argument("--width", type=int, default=100, help="characters of each block to show")
    c = sub.add_parser(
        "corpus",
        help="clean every record of WARC, WET or JSON Lines files",
        description="Clean every record of the inputs into one JSON Lines (or .parquet) file.",
    )
    c.add_argument("inputs", nargs="+", help=".warc/.wet/.jsonl files (optionally .gz, .zst or .lz4), or folders")
    c.add_argument("-o", "--output", required=True, help="output file: .jsonl, or .parquet (needs pyarrow)")
    c.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: all cores)")
    c.add_argument("--resume", action="store_true", help="continue a killed job from its .partial output")
    c.add_argument(
        "--keep-meta", action="store_true", help="keep the input's other JSON fields; WARC date, HTTP status, type"
    )
    c.add_argument("--site-templates", action="store_true", help="drop lines a host repeats on many pages")
    c.add_argument("--focus", choices=FOCUSES, default="balanced")
    c.add_argument("--preset", choices=PRESETS, default="fast", help="for HTML records")
    c.add_argument("--no-title", action="store_true")
    c.add_argument(
        "--markdown", action="store_true", help="add a markdown field per row (HTML records: structure kept)"
    )
    c.add_argument("--id-field", default="id")
    c.add_argument("--url-field", default="url")
    c.add_argument("--text-field", default="text")
    c.add_argument("--html-field", default="html")
    c.add_argument("--progress", choices=("auto", "always", "never"), default="auto")
    c.add_argument(
        "--record-timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help="a record taking longer becomes an error row (default 60; 0 for no limit)",
    )
    c.add_argument(
        "--allow-truncated", action="store_true", help="accept inputs cut short: keep their readable rows, warn"
    )
    e = sub.add_parser(
        "evaluate",
        help="score boilerstrip on your own labelled pages",
        description="Word P/R/F1 of boilerstrip on JSON Lines pages with a gold main text.",
    )
    e.add_argument("data", help="JSON Lines (optionally .gz/.zst): a page field (html, page_text or text) and gold")
    e.add_argument("--input-field", default=None, help="the page's field (default: html, page_text or text)")
    e.add_argument("--gold-field", default="gold", help="records without it are skipped and counted")
    e.add_argument("--group-field", default=None, help="report per value of this field (e.g. page_type)")
    e.add_argument("--chart", default=None, help="write a self-contained HTML chart of per-page F1 here")
    e.add_argument("--focus", choices=FOCUSES, default="balanced")
    e.add_argument("--preset", choices=PRESETS, default="fast")
    return ap


def _writable_file(name: str) -> None:
    """Refuse an output path that cannot be written, before the work that fills it."""
    from .corpus.job import output_problem

    problem = output_problem(Path(name))
    if problem is not None:
        raise _fail(problem)


def _evaluate(args: argparse.Namespace) -> int:
    from .corpus.evaluate import Skipped, chart, check_group_field, evaluate, table
    from .corpus.readers import ReaderError

    if args.chart:
        _writable_file(args.chart)
    skipped = Skipped()
    try:
        if args.group_field:
            check_group_field(args.data, args.group_field)
        scores = evaluate(
            args.data,
            input_field=args.input_field,
            gold_field=args.gold_field,
            group_field=args.group_field,
            options=Options(focus=args.focus, preset=args.preset),
            skipped=skipped,
        )
    except ReaderError as error:
        raise _fail(str(error)) from None
    if skipped.no_gold or skipped.no_page:
        sys.stderr.write(
            f"boilerstrip evaluate: skipped {skipped.no_gold} records without a string {args.gold_field!r} "
            f"and {skipped.no_page} without a page field\n"
        )
    if not scores:
        raise _fail(f"no record of {args.data!r} has both a page and a string {args.gold_field!r}")
    sys.stdout.write(table(scores) + "\n")
    if args.chart:
        Path(args.chart).write_text(chart(scores, f"boilerstrip on {Path(args.data).name}"), encoding="utf-8")
    return 0


def _corpus(args: argparse.Namespace) -> int:
    from .corpus import Fields, ReaderError, run_job
    from .corpus.job import DEFAULT_RECORD_TIMEOUT, JobError, TruncatedInputs, write_progress

    for name in [*args.inputs, args.output]:
        if _is_url(name):
            raise _no_download(name)
    if args.jobs is not None and args.jobs < 1:
        raise _fail("--jobs must be at least 1")
    timeout = DEFAULT_RECORD_TIMEOUT if args.record_timeout is None else args.record_timeout
    options = Options(focus=args.focus, preset=args.preset, keep_title=not args.no_title)
    if args.markdown:
        options = options.with_changes(output="markdown")
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
            record_timeout=timeout if timeout > 0 else None,
            allow_truncated=args.allow_truncated,
        )
    except TruncatedInputs as error:
        sys.stderr.write(("\n" if show else "") + "boilerstrip corpus: " + error.summary.line() + "\n")
        raise _fail(str(error)) from None
    except (ReaderError, JobError, FileExistsError) as error:
        raise _fail(str(error)) from None
    except KeyboardInterrupt:
        partial = Path(args.output).name + ".partial"
        raise SystemExit(
            ("\n" if show else "")
            + f"boilerstrip: interrupted; the rows written so far are in {partial}: "
            + "run the same command with --resume to go on"
        ) from None
    if summary.already_complete:
        sys.stderr.write(f"boilerstrip: {args.output} is already complete; nothing to do\n")
        return 0
    for message in summary.truncated:
        sys.stderr.write(f"boilerstrip: warning: {message}; its readable rows are kept\n")
    sys.stderr.write(("\n" if show else "") + "boilerstrip corpus: " + summary.line() + "\n")
    return 0


def use_colour(choice: str, stream: IO[str], environ: dict[str, str] | None = None) -> bool:
    """Colour when asked, or in ``auto`` when the stream is a terminal and neither ``NO_COLOR``
    (https://no-color.org: any non-empty value) nor ``TERM=dumb`` says otherwise."""
    env = os.environ if environ is None else environ
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and not env.get("NO_COLOR") and env.get("TERM") != "dumb"


def format_explanation(explanation: Explanation, colour: bool, width: int) -> str:
    """The explanation's table (its header numbers blocks by their line in the page, as its rows do)."""
    return explanation.format(colour=colour, width=width)


def _clean_many(files: list[str], options: Options, as_json: bool) -> int:
    """Each file's article; with several, under a ``==> name <==`` line (as ``head`` does), or one
    JSON object a line with its ``file``."""
    several = len(files) > 1
    for number, name in enumerate(files):
        data = _read(name)
        if as_json:
            doc: dict[str, Any] = extract(data, options).as_dict()
            sys.stdout.write(json.dumps({"file": name, **doc} if several else doc, ensure_ascii=False) + "\n")
            continue
        out = clean(data, options)
        if several:
            sys.stdout.write(("\n" if number else "") + f"==> {name} <==\n")
        if out:
            sys.stdout.write(out + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "corpus":
        return _corpus(args)
    if args.command == "evaluate":
        if _is_url(args.data):
            raise _no_download(args.data)
        return _evaluate(args)
    options = Options(focus=args.focus, input_format=args.input_format, keep_title=not args.no_title)
    if args.preset:
        options = options.with_changes(preset=args.preset)
    try:
        if args.command == "clean":
            as_json = args.json or args.output == "json"
            output = "markdown" if args.output == "markdown" else "text"
            options = options.with_changes(output=output, links=args.links, images=args.images, url=args.url)
            return _clean_many(_page_files(args.files), options, as_json)
        if Path(args.file).is_dir():
            raise _fail(f"{args.file!r} is a folder: explain takes one page")
        (name,) = _page_files([args.file])
        explanation = explain(_read(name), options)
        colour = use_colour(args.colour, sys.stdout)
        sys.stdout.write(format_explanation(explanation, colour, args.width) + "\n")
        return 0
    except BrokenPipeError:  # `boilerstrip explain page | head`
        return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Command line: ``boilerstrip clean FILE`` prints the article, ``boilerstrip explain FILE`` shows why."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__, clean, explain
from .options import FOCUSES, FORMATS, Options


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
        if name == "explain":
            p.add_argument("--colour", choices=("auto", "always", "never"), default="auto")
            p.add_argument("--width", type=int, default=100, help="characters of each block to show")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    options = Options(focus=args.focus, input_format=args.input_format, keep_title=not args.no_title)
    data = _read(args.file)
    try:
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

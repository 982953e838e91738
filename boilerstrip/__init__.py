"""boilerstrip: keep the main article of a web page, drop the boilerplate.

    >>> import boilerstrip
    >>> article = boilerstrip.clean(page_text)          # text, HTML or bytes in; the article out
    >>> print(boilerstrip.explain(page_text))           # every block, its score and why

``clean`` is the one entry point; ``explain`` shows the same decisions block by block, and
``extract`` returns them as a :class:`Document` with the title and, for HTML, the metadata.
Options are an immutable :class:`Options` object, or its fields given as keywords.
"""

from __future__ import annotations

from typing import Any

from .document import Document, extract
from .explain import BlockReport, Explanation, explain
from .inputs import InputError
from .options import DEFAULT_OPTIONS, Options, resolve
from .pipeline import run

__all__ = ["BlockReport", "Document", "Explanation", "InputError", "Options", "__version__", "clean", "clean_html",
           "explain", "extract"]  # fmt: skip
__version__ = "0.1.0"


def clean(text: object, options: Options | None = None, **overrides: Any) -> str:
    """The main article of a page: its title and body blocks, in order, one a line.

    ``text`` is the page as plain text (one block a line, as in a WET record), as HTML, or as
    bytes of either. Each kept line is returned as it stood in the input (or, with
    ``output="markdown"``, as markdown). Empty or whitespace-only input gives ``""``; anything but
    ``str`` or ``bytes`` raises ``TypeError``.
    """
    opts = DEFAULT_OPTIONS if options is None and not overrides else resolve(options, overrides)
    return run(text, opts, "clean").output(opts)


def clean_html(markup: object, options: Options | None = None, **overrides: Any) -> str:
    """``clean`` for callers who know the input is HTML (``str`` or ``bytes``): no sniffing."""
    opts = resolve(options, {**overrides, "input_format": "html"})
    return run(markup, opts, "clean_html").output(opts)

"""``extract()``: the article with what is known about it, for callers who want more than text.

``clean`` returns ``str`` and stays the cheap path. ``extract`` makes the same decisions and adds
the headline it chose, the article as markdown and as blocks, and for HTML input the page's
metadata (author, date, site name, description, canonical URL) read by trafilatura's metadata
functions, which know the many places pages put them (JSON-LD, Open Graph, Dublin Core, bylines):
about 20 ms a page, only when asked.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from .inputs import as_text, sniff_binary
from .options import DEFAULT_OPTIONS, Options, resolve
from .pipeline import run
from .render import ArticleBlock, blocks, markdown

_LOG = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Document:
    """The main article of a page and its metadata; fields the page does not give are ``None``."""

    text: str  #: exactly what ``clean`` returns
    title: str | None  #: the article's headline (the kept title block, else the page's metadata title)
    source: str  #: how the input was read: "text", "html" or "html+votes"
    #: False for a page without main content (an app shell, a consent or login wall, an empty listing,
    #: bytes that are not text): ``text`` is then ``""`` and ``selection`` says why.
    has_main_content: bool = True
    selection: str = ""  #: which way the selection went, or why nothing was kept
    #: the most likely page type (article, collection, documentation, forum, listing, product or
    #: service) and its probability; ``None`` for input that is not text
    page_type: str | None = None
    page_type_probability: float | None = None
    author: str | None = None
    date: str | None = None  #: ISO 8601 date of publication, as the page states it
    sitename: str | None = None
    description: str | None = None
    url: str | None = None  #: the canonical URL the page declares
    #: the same article as markdown: headings, lists, tables, code and quotes kept (for HTML input)
    markdown: str = ""
    #: the kept lines as data: kind, heading level or list depth, text, score, reason, table position...
    blocks: tuple[ArticleBlock, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The fields as plain data (blocks as dicts), ready for ``json.dumps``."""
        out: dict[str, Any] = {name: getattr(self, name) for name in self.__slots__}
        out["blocks"] = [block.as_dict() for block in self.blocks]
        return out


def _metadata(markup: str) -> dict[str, str | None]:
    from trafilatura.metadata import extract_metadata

    try:
        found = extract_metadata(markup)
    except Exception as error:
        _LOG.debug("metadata extraction failed: %s", error)
        return {}
    names = ("title", "author", "date", "sitename", "description", "url")
    return {name: (getattr(found, name, None) or None) for name in names}


def extract(data: object, options: Options | None = None, *, metadata: bool = True, **overrides: Any) -> Document:
    """The main article as :class:`Document`: ``clean``'s text plus title, markdown, blocks and, for
    HTML, metadata (``metadata=False`` leaves it out: it is most of ``extract``'s extra cost)."""
    opts = DEFAULT_OPTIONS if options is None and not overrides else resolve(options, overrides)
    if isinstance(data, (bytes, bytearray, memoryview)):
        not_text = sniff_binary(bytes(data))
        if not_text is not None:
            return Document(
                text="", title=None, source="bytes", has_main_content=False, selection=f"not text: {not_text}"
            )
    text = as_text(data, who="extract")
    r = run(text, opts, "extract", structure=True)
    headline = r.page.texts[r.title].strip() if r.title is not None else None
    kinds = r.page_type()
    page_type = max(kinds, key=kinds.__getitem__)
    meta = _metadata(text) if metadata and r.source.startswith("html") and text.strip() else {}
    return Document(
        text=r.text(),
        title=headline or meta.get("title"),
        source=r.source,
        has_main_content=r.has_main_content,
        selection=r.path.value,
        page_type=page_type,
        page_type_probability=round(kinds[page_type], 4),
        author=meta.get("author"),
        date=meta.get("date"),
        sitename=meta.get("sitename"),
        description=meta.get("description"),
        url=meta.get("url"),
        markdown=markdown(r),
        blocks=blocks(r),
    )

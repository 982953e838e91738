"""HTML -> blocks: one walk over the DOM gives the lines the text pipeline scores, and what HTML adds.

Every block element, ``<br>`` and line of a ``<pre>`` ends a line, so the blocks are the lines a
text rendering of the page would have; each also gets the features only markup knows (columns
:data:`HTML_NAMES`): how much of it is link text, which element holds it (heading, paragraph, list
item, table cell, code), which containers it sits in (``<nav>``, ``<aside>``, ``<footer>``,
``<article>``/``<main>``, a form), what the class and id names around it say (navigation, sharing,
related, comments, content: :mod:`boilerstrip.phrases.markup`), and how deep it is. Scripts, styles,
templates, form controls and hidden elements (``hidden``, ``aria-hidden``, ``display:none``,
screen-reader classes) give no text. The scoring that follows is the text pipeline's: these
columns are extra features, not a second algorithm.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from lxml import etree

from .features import windowed_mean
from .phrases.markup import BOILER_FRAGMENTS, BOILER_WORDS, COMMENT_FRAGMENTS, CONTENT_FRAGMENTS, HIDDEN_CLASSES
from .thresholds import ALL_LINK_SHARE, ATTR_NEAR_LEVELS, CONTAINER_LEVELS, DEPTH_SCALE, SHAPE_LOG_SCALE

# <noscript> is walked: forum engines (Discourse) serve the whole thread there to crawlers.
_SKIP = frozenset({"script", "style", "template", "svg", "math", "head", "iframe", "object", "select",
                   "button", "canvas", "textarea", "input", "option", "datalist", "dialog"})  # fmt: skip
_BLOCK = frozenset({"p", "div", "section", "article", "main", "aside", "header", "footer", "nav", "li", "ul", "ol",
                    "dl", "dt", "dd", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "h1", "h2", "h3", "h4",
                    "h5", "h6", "blockquote", "pre", "figure", "figcaption", "address", "hr", "br", "body", "title",
                    "summary", "details", "caption", "fieldset", "legend", "center", "form", "menu", "hgroup",
                    "search", "picture", "video", "audio", "noframes", "frameset", "frame"})  # fmt: skip

# Container flags, inherited by everything inside.
NAV, ASIDE, FOOTER, HEADER, MAIN, LIST, TABLE, QUOTE, FIGURE, FORM, BOILER, CONTENT, COMMENT, PRE, NOSCRIPT = (
    1 << i for i in range(15)
)
_TAG_FLAGS = {
    "nav": NAV, "menu": NAV, "aside": ASIDE, "footer": FOOTER, "header": HEADER, "main": MAIN, "article": MAIN,
    "li": LIST, "dd": LIST, "dt": LIST, "td": TABLE, "th": TABLE, "blockquote": QUOTE, "figure": FIGURE,
    "figcaption": FIGURE, "form": FORM, "pre": PRE, "noscript": NOSCRIPT,
}  # fmt: skip
_ROLE_FLAGS = {"navigation": NAV, "menubar": NAV, "menu": NAV, "complementary": ASIDE, "contentinfo": FOOTER,
               "banner": HEADER, "main": MAIN, "article": MAIN, "search": FORM}  # fmt: skip
# What kind of element holds a line: the innermost block element's tag.
_KINDS = {"p": "p", "li": "li", "dt": "li", "dd": "li", "td": "cell", "th": "cell", "pre": "pre",
          "h1": "h1", **{f"h{n}": "heading" for n in range(2, 7)}}  # fmt: skip

#: Names of the HTML feature columns, in order (the keys of their learned weights).
HTML_NAMES: tuple[str, ...] = (
    "h_link_density", "h_link_density_near", "h_all_link", "h_heading", "h_h1", "h_kind_p", "h_kind_li",
    "h_kind_cell", "h_kind_pre", "h_in_nav", "h_in_aside", "h_in_footer", "h_in_header", "h_in_main",
    "h_in_list", "h_in_table", "h_in_quote", "h_in_figure", "h_in_form", "h_attr_boiler", "h_attr_boiler_near",
    "h_attr_content", "h_attr_comment", "h_depth", "h_depth_from_main", "h_title_tag", "h_in_noscript",
    "h_shape_repeats", "h_page_comment_share", "h_comment_x_share", "h_page_main_share",
)  # fmt: skip
_C = {name: i for i, name in enumerate(HTML_NAMES)}
_FLAG_COLUMNS = tuple(
    (flag, _C[name])
    for flag, name in (
        (NAV, "h_in_nav"), (ASIDE, "h_in_aside"), (FOOTER, "h_in_footer"), (HEADER, "h_in_header"),
        (MAIN, "h_in_main"), (LIST, "h_in_list"), (TABLE, "h_in_table"), (QUOTE, "h_in_quote"),
        (FIGURE, "h_in_figure"), (FORM, "h_in_form"), (BOILER, "h_attr_boiler"), (CONTENT, "h_attr_content"),
        (COMMENT, "h_attr_comment"), (NOSCRIPT, "h_in_noscript"),
    )
)  # fmt: skip
_KEEP_LEVELS = max(CONTAINER_LEVELS)
_KIND_COLUMNS = {"p": _C["h_kind_p"], "li": _C["h_kind_li"], "cell": _C["h_kind_cell"], "pre": _C["h_kind_pre"],
                 "heading": _C["h_heading"]}  # fmt: skip

_WORDS = "|".join(sorted(BOILER_WORDS, key=len, reverse=True))
_BOILER_ATTR = re.compile("|".join(map(re.escape, BOILER_FRAGMENTS)) + rf"|(?<![a-z0-9])(?:{_WORDS})(?![a-z0-9])")
_COMMENT_ATTR = re.compile("|".join(map(re.escape, COMMENT_FRAGMENTS)))
_CONTENT_ATTR = re.compile("|".join(map(re.escape, CONTENT_FRAGMENTS)))
# Headings' ids are slugs of their text and inline elements name styles: only containers' names count.
_UNNAMED = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "span", "b", "strong", "i", "em", "img", "small"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w")
# What str.splitlines() breaks at: a <pre> line must not hold one, or lines and rows would part.
_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """An HTML page as blocks: its text, a line per block, and a row of :data:`HTML_NAMES` per line."""

    text: str
    columns: np.ndarray
    title: str
    #: per line, the ids of its enclosing block elements at :data:`CONTAINER_LEVELS` levels up
    #: (a line without such an ancestor gets an id of its own): the DOM's neighbourhood for pass 2
    containers: np.ndarray


@lru_cache(maxsize=1 << 15)
def _attr_flags(names: str) -> int:
    """Flags the class and id names of an element carry (cached: a page repeats its class names)."""
    low = names.lower()
    flags = 0
    if _BOILER_ATTR.search(low):
        flags |= BOILER
    if _COMMENT_ATTR.search(low):
        flags |= COMMENT
    if _CONTENT_ATTR.search(low):
        flags |= CONTENT
    return flags


def _hidden(element: etree._Element, tag: str) -> bool:
    if not len(element.attrib):
        return False
    get = element.get
    if tag == "a" and (get("href") or "").startswith("#") and _is_mark(element.text):
        return True  # a heading's permalink mark ("¶", "#"): not text
    if get("hidden") is not None or get("aria-hidden") == "true":
        return True
    style = get("style")
    if style and _HIDDEN_STYLE.search(style.lower()):
        return True
    classes = get("class")
    return bool(classes) and not HIDDEN_CLASSES.isdisjoint(classes.lower().split())


def _is_mark(text: str | None) -> bool:
    mark = (text or "").strip()
    return 0 < len(mark) <= 2 and not _WORD.search(mark)


def parse(markup: str) -> etree._Element | None:
    """The document tree of ``markup``; ``None`` when there is nothing to parse."""
    if not markup.strip():
        return None
    # The text is already decoded: say so, or lxml would obey a <meta charset> and garble it. Plain
    # etree elements: lxml.html's element classes cost a Python look-up per element.
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True, encoding="utf-8")
    try:
        return etree.fromstring(markup.encode("utf-8", errors="replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


class _Context(NamedTuple):
    """What an open element passes to the text inside it."""

    flags: int
    boiler_depth: int  #: depth of the nearest boiler-named container, -1 for none
    kind: str  #: the innermost block element's kind (see _KINDS)
    shape: str  #: tag and class of the innermost block element and its two block ancestors
    link: bool  #: the element itself is a link
    blocks: tuple[int, ...]  #: ids of the enclosing block elements, innermost first
    block: bool = False  #: the element itself is a block element (its end ends a line)


class _Row(NamedTuple):
    blocks: tuple[int, ...]
    flags: int
    boiler_depth: int
    kind: str
    shape: str
    depth: int
    link_share: float
    chars: int


class _Walker:
    """The state of one walk: the lines so far and the one being gathered."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.rows: list[_Row] = []
        self.parts: list[str] = []
        self.chars = 0
        self.link_chars = 0
        self.start: tuple[_Context, int] | None = None  # context and depth where the line's text began

    def add(self, text: str, context: _Context, depth: int, in_link: bool) -> None:
        if context.flags & PRE and _LINE_BREAK.search(text):
            first, *rest = _LINE_BREAK.split(text)
            self.add(first, context, depth, in_link)
            for piece in rest:
                self.flush()
                self.add(piece, context, depth, in_link)
            return
        self.parts.append(text)
        size = len(text.strip())
        if size:
            self.chars += size
            if in_link:
                self.link_chars += size
            if self.start is None:
                self.start = (context, depth)

    def flush(self) -> None:
        if self.start is None:  # nothing but white space since the last line: the common case
            if self.parts:
                self.parts = []
            return
        context, depth = self.start
        joined = "".join(self.parts)
        line = joined.rstrip() if context.flags & PRE else _SPACE.sub(" ", joined).strip()
        if line.strip():
            self.lines.append(line)
            share = self.link_chars / max(self.chars, 1)
            self.rows.append(_Row(context.blocks, context.flags, context.boiler_depth, context.kind,
                                  context.shape, depth, share, self.chars))  # fmt: skip
        self.parts, self.chars, self.link_chars, self.start = [], 0, 0, None


def html_page(markup: str) -> HtmlPage:
    """Walk the DOM of ``markup`` once: its lines and their HTML features (empty when unparsable)."""
    root = parse(markup)
    if root is None:
        return HtmlPage("", np.zeros((0, len(HTML_NAMES))), "", np.zeros((0, len(CONTAINER_LEVELS)), dtype=np.intp))
    title = _SPACE.sub(" ", root.findtext(".//title") or "").strip()
    walker = _Walker()
    if title:
        walker.lines.append(title)
        walker.rows.append(_Row((), 0, -1, "title", "title", 0, 0.0, len(title)))
    _walk(root, walker)
    walker.flush()
    return HtmlPage("\n".join(walker.lines), _columns(walker.rows), title, _containers(walker.rows))


def _walk(root: etree._Element, walker: _Walker) -> None:
    stack = [_Context(0, -1, "other", "", False, ())]  # one entry per open element
    block_id = 0
    skipping = 0
    links = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            tag = element.tag.lower() if isinstance(element.tag, str) else ""
            if skipping or tag in _SKIP or _hidden(element, tag):
                skipping += 1
                continue
            parent = stack[-1]
            depth = len(stack)
            own = _TAG_FLAGS.get(tag, 0)
            role = element.get("role")
            if role:
                own |= _ROLE_FLAGS.get(role.lower(), 0)
            boiler_depth, kind, shape, blocks = parent.boiler_depth, parent.kind, parent.shape, parent.blocks
            classes = element.get("class", "")
            names = "" if tag in _UNNAMED else classes + " " + element.get("id", "")
            if len(names) > 1:
                own |= _attr_flags(names)
                if own & BOILER:
                    boiler_depth = depth
            block = tag in _BLOCK
            if block:
                walker.flush()
                kind = _KINDS.get(tag, "other")
                shape = "/".join((*shape.split("/")[-2:], tag + "." + classes))
                block_id += 1
                blocks = (block_id, *blocks[:_KEEP_LEVELS])
            link = tag == "a" and not (element.get("href") or "#").startswith("#")  # not an in-page anchor
            links += link
            context = _Context(parent.flags | own, boiler_depth, kind, shape, link, blocks, block)
            stack.append(context)
            if element.text:
                walker.add(element.text, context, depth, links > 0)
        else:
            if skipping:
                skipping -= 1
                if skipping == 0 and element.tail:
                    walker.add(element.tail, stack[-1], len(stack) - 1, links > 0)
                continue
            closed = stack.pop()
            links -= closed.link
            if closed.block:
                walker.flush()
            if element.tail:
                walker.add(element.tail, stack[-1], len(stack) - 1, links > 0)


def _containers(rows: list[_Row]) -> np.ndarray:
    out = np.zeros((len(rows), len(CONTAINER_LEVELS)), dtype=np.intp)
    own = -1  # ids of their own for lines without an ancestor that far up: negative, never shared
    for i, row in enumerate(rows):
        for j, level in enumerate(CONTAINER_LEVELS):
            if level < len(row.blocks):
                out[i, j] = row.blocks[level]
            else:
                out[i, j] = own
                own -= 1
    return out


def _columns(rows: list[_Row]) -> np.ndarray:
    out = np.zeros((len(rows), len(HTML_NAMES)))
    if not rows:
        return out
    flags = np.array([r.flags for r in rows], dtype=np.int64)
    for bit, column in _FLAG_COLUMNS:
        out[:, column] = (flags & bit) > 0
    depth = np.array([r.depth for r in rows], dtype=float)
    boiler_depth = np.array([r.boiler_depth for r in rows], dtype=float)
    out[:, _C["h_attr_boiler_near"]] = (boiler_depth >= 0) & (depth - boiler_depth <= ATTR_NEAR_LEVELS)
    for i, row in enumerate(rows):
        kind_column = _KIND_COLUMNS.get(row.kind)
        if kind_column is not None:
            out[i, kind_column] = 1.0
        if row.kind == "h1":
            out[i, _C["h_heading"]] = out[i, _C["h_h1"]] = 1.0
        elif row.kind == "title":
            out[i, _C["h_title_tag"]] = 1.0
    link = np.array([r.link_share for r in rows])
    out[:, _C["h_link_density"]] = link
    out[:, _C["h_link_density_near"]] = windowed_mean(link, 2, include_self=True)
    out[:, _C["h_all_link"]] = link >= ALL_LINK_SHARE
    out[:, _C["h_depth"]] = np.minimum(depth / DEPTH_SCALE, 2.0)
    main = out[:, _C["h_in_main"]] > 0
    anchor = float(np.median(depth[main])) if main.any() else float(np.median(depth))
    out[:, _C["h_depth_from_main"]] = np.clip((depth - anchor) / DEPTH_SCALE, -1.0, 1.0)
    # Repeated shapes: cards of a listing, posts of a thread, items of a menu.
    counts = Counter(r.shape for r in rows)
    out[:, _C["h_shape_repeats"]] = [np.log1p(counts[r.shape] - 1) / SHAPE_LOG_SCALE for r in rows]
    chars = np.array([r.chars for r in rows], dtype=float)
    total = chars.sum() or 1.0
    comment = out[:, _C["h_attr_comment"]] > 0
    comment_share = float(chars[comment].sum() / total)
    out[:, _C["h_page_comment_share"]] = comment_share
    out[:, _C["h_comment_x_share"]] = comment * comment_share
    out[:, _C["h_page_main_share"]] = float(chars[main].sum() / total)
    return out

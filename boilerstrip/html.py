"""HTML -> blocks: one walk over the DOM gives the lines the text pipeline scores, and what HTML adds.

Every block element, ``<br>`` and line of a ``<pre>`` ends a line, so the blocks are the lines a
text rendering of the page would have; each also gets the features only markup knows (columns
:data:`HTML_NAMES`): how much of it is link text, which element holds it (heading, paragraph, list
item, table cell, code), which containers it sits in (``<nav>``, ``<aside>``, ``<footer>``,
``<article>``/``<main>``, a form), what the class and id names around it say (navigation, sharing,
related, comments, content: :mod:`boilerstrip.phrases.markup`), and how deep it is. Scripts, styles,
templates, form controls and hidden elements (``hidden``, ``aria-hidden``, ``display:none``,
screen-reader classes) give no text, but for the collapsed panels a reader opens in place
(accordions, FAQ answers, tabs). The scoring that follows is the text pipeline's: these columns are
extra features, not a second algorithm.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from types import ModuleType
from typing import Any, NamedTuple, cast

import lxml
import numpy as np
from lxml import etree

from .features import compiled_module, load_compiled, windowed_mean
from .limits import LONG_LINE_CHARS, MAX_TAG_DEPTH
from .phrases import trie_source
from .phrases.markup import (
    AUTHOR_FRAGMENTS,
    BOILER_FRAGMENTS,
    BOILER_WORDS,
    COMMENT_FRAGMENTS,
    CONSENT_FRAGMENTS,
    CONTENT_FRAGMENTS,
    DISCLOSURE_FRAGMENTS,
    HIDDEN_CLASSES,
    POST_BODY_NAMES,
    POST_NAMES,
    RELATED_FRAGMENTS,
    REVIEW_FRAGMENTS,
    REVIEW_WORDS,
    UNDISCLOSED_FRAGMENTS,
    UNDISCLOSED_ROLES,
)
from .segment import has_text, split_long_line
from .structure import (
    LITERAL_OPEN,
    LITERAL_TOKEN,
    MARKER,
    MARKERS,
    STRUCTURAL,
    TITLE,
    TOKEN,
    Line,
    Node,
    Recorder,
    Structure,
)
from .thresholds import (
    ALL_LINK_SHARE,
    ATTR_NEAR_LEVELS,
    CONTAINER_LEVELS,
    CONTROL_MAX_CHARS,
    DEPTH_SCALE,
    SHAPE_LOG_SCALE,
    SKIP_CHECK_BUDGET,
    WRAPPER_MIN_CHARS,
    WRAPPER_MIN_SHARE,
)
from .timing import lap

# <noscript> is walked: forum engines (Discourse) serve the whole thread there to crawlers. Ruby
# annotations (<rt>, and the <rp> brackets around them) are skipped: a reader sees the reading above
# the word, and inline it would cut into the sentence (漢(かん)字(じ)).
_SKIP = frozenset({"script", "style", "template", "svg", "math", "head", "iframe", "object", "select",
                   "button", "canvas", "textarea", "input", "option", "datalist", "dialog", "rt", "rp"})  # fmt: skip
_BLOCK = frozenset({"p", "div", "section", "article", "main", "aside", "header", "footer", "nav", "li", "ul", "ol",
                    "dl", "dt", "dd", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "h1", "h2", "h3", "h4",
                    "h5", "h6", "blockquote", "pre", "figure", "figcaption", "address", "hr", "br", "body", "title",
                    "summary", "details", "caption", "fieldset", "legend", "center", "form", "menu", "hgroup",
                    "search", "picture", "video", "audio", "noframes", "frameset", "frame"})  # fmt: skip

# Container flags, inherited by everything inside.
(NAV, ASIDE, FOOTER, HEADER, MAIN, LIST, TABLE, QUOTE, FIGURE, FORM, BOILER, CONTENT, COMMENT, PRE, NOSCRIPT, AUTHOR,
 RELATED, CONSENT, POST_BODY, POST, REVIEW) = (1 << i for i in range(21))  # fmt: skip
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
# Kinds are stored per line as small codes (see _Lines).
_KIND_CODES = {kind: code for code, kind in enumerate(("other", "title", "h1", *_KIND_COLUMNS))}


def _whole_words(words: tuple[str, ...]) -> str:
    """A pattern for ``words`` standing as whole tokens of a name (``ad`` but not ``header``)."""
    return f"(?<![a-z0-9])(?:{trie_source(words)})(?![a-z0-9])"


_BOILER_WORDS_SOURCE = _whole_words(BOILER_WORDS)
_BOILER_ATTR = re.compile(trie_source(BOILER_FRAGMENTS) + "|" + _BOILER_WORDS_SOURCE)
_COMMENT_ATTR = re.compile(trie_source(COMMENT_FRAGMENTS))
_CONTENT_ATTR = re.compile(trie_source(CONTENT_FRAGMENTS))
_AUTHOR_ATTR = re.compile(trie_source(AUTHOR_FRAGMENTS))
_RELATED_ATTR = re.compile(trie_source(RELATED_FRAGMENTS))
_CONSENT_ATTR = re.compile(trie_source(CONSENT_FRAGMENTS))
_REVIEW_WORDS_SOURCE = _whole_words(REVIEW_WORDS)
_REVIEW_ATTR = re.compile(trie_source(REVIEW_FRAGMENTS) + "|" + _REVIEW_WORDS_SOURCE)
#: Any of the seven above: most names match none, and are read once.
_ANY_ATTR = re.compile(
    trie_source(
        (
            *BOILER_FRAGMENTS,
            *COMMENT_FRAGMENTS,
            *CONTENT_FRAGMENTS,
            *AUTHOR_FRAGMENTS,
            *RELATED_FRAGMENTS,
            *CONSENT_FRAGMENTS,
            *REVIEW_FRAGMENTS,
        )
    )
    + "|"
    + _BOILER_WORDS_SOURCE
    + "|"
    + _REVIEW_WORDS_SOURCE
)
# Headings' ids are slugs of their text and inline elements name styles: only containers' names count.
_UNNAMED = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "span", "b", "strong", "i", "em", "img", "small"})
# The page's own elements carry state classes ("tweak-blog-item-show-author-profile", "has-related-posts",
# "cookie-banner-visible") that name no part of it: they give no box (the rules' inputs, not model features).
_BOXES = AUTHOR | RELATED | CONSENT | REVIEW | POST_BODY | POST
_NAME_MASKS = {"html": _BOXES, "body": _BOXES}
# React's streamed server rendering sends each suspended part as <div hidden id="S:n">, moved into place by a
# script on arrival: the page's main content is often there, and a browser shows it.
# The ids are hexadecimal ("S:0", "S:2e").
_STREAMED_SEGMENT = re.compile(r"S:[0-9a-f]+\Z")
_DISCLOSURE = re.compile("|".join(map(re.escape, DISCLOSURE_FRAGMENTS)))
_UNDISCLOSED = re.compile("|".join(map(re.escape, UNDISCLOSED_FRAGMENTS)))
_SHOWN_FROM_WIDTH = re.compile(r"^[a-z0-9-]+:(?:block|flex|grid|inline|inline-block|inline-flex|table|contents)$"
                               r"|^d-(?:sm|md|lg|xl|xxl)-(?:block|flex|grid|inline|inline-block|table)$")  # fmt: skip
# Form controls: skipped, unless they hold much text (then the parser nested the page inside one).
_CONTROLS = frozenset({"button", "select", "textarea", "option", "datalist"})
# What an anti-flicker wrapper is: a generic container, never a dialog (which may hold a copy of the article).
_WRAPPERS = frozenset({"div", "main", "section", "article", "body"})
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
    #: each line's place in the page's structure, for markdown and block output (when asked for)
    structure: Structure | None = None
    #: per line, whether it sits in an author box (a rule's input, not a model feature)
    author_box: np.ndarray | None = None
    #: per line, whether it sits in a box of links to related pages (a rule's input, not a model feature)
    related_box: np.ndarray | None = None
    #: per line, whether it sits in a cookie or consent dialog (a rule's input, not a model feature)
    consent_box: np.ndarray | None = None
    #: per line, whether it sits in a box of customers' reviews (a rule's input, not a model feature)
    review_box: np.ndarray | None = None
    #: per line, whether it sits in the page's one post container, if it names one (see :func:`_post_body`)
    post_body: np.ndarray | None = None
    #: per line, the id of its shape: the tag and classes of its block element and two block ancestors
    shapes: np.ndarray | None = None
    #: the shapes themselves, by id (``div.post/div.body/p.``)
    shape_names: tuple[str, ...] = ()
    #: per line, whether it sits inside a ``<pre>`` (its own block may be a ``<div>`` per code line)
    in_pre: np.ndarray | None = None


@lru_cache(maxsize=1 << 15)
def _attr_flags(classes: str, ident: str) -> int:
    """Flags the class and id names of an element carry (cached: a page repeats its class names).

    A box of links to related pages (RELATED) is named by its classes only: an id is often a slug of a
    heading's words ("more-on-repairs-related-articles"). Each name is read on its own (no fragment
    holds white space, so none spans two names), and the names repeat across pages far more than
    their combinations do.
    """
    flags = 0
    for name in classes.split():
        flags |= _name_flags(name, True)
    for name in ident.split():
        flags |= _name_flags(name, False)
    return flags


@lru_cache(maxsize=1 << 16)
def _name_flags(name: str, is_class: bool) -> int:
    """The flags of one class or id name."""
    low = name.lower()
    flags = POST_BODY if low in POST_BODY_NAMES else POST if low in POST_NAMES else 0
    if not _ANY_ATTR.search(low):
        return flags
    if _BOILER_ATTR.search(low):
        flags |= BOILER
    if _COMMENT_ATTR.search(low):
        flags |= COMMENT
    if _CONTENT_ATTR.search(low):
        flags |= CONTENT
    if _AUTHOR_ATTR.search(low):
        flags |= AUTHOR
    if is_class and _RELATED_ATTR.search(low):
        flags |= RELATED
    if _CONSENT_ATTR.search(low):
        flags |= CONSENT
    if _REVIEW_ATTR.search(low):
        flags |= REVIEW
    return flags


def _name_table() -> bytes:
    """Every fragment of the six name patterns, and the post containers' whole names, as one trie for
    the compiled core (``_speedups.name_table``): node count, edge count, then per node the flags of a
    fragment ending there anywhere / as a whole token only / as the whole name only / first edge / edge
    count, then per edge character / target (int32). Nodes are numbered in preorder, so every edge
    leads deeper; a node's edges come by character."""
    root: dict[str, Any] = {}
    fragments = ((BOILER_FRAGMENTS, BOILER), (COMMENT_FRAGMENTS, COMMENT), (CONTENT_FRAGMENTS, CONTENT),
                 (AUTHOR_FRAGMENTS, AUTHOR), (RELATED_FRAGMENTS, RELATED), (CONSENT_FRAGMENTS, CONSENT),
                 (REVIEW_FRAGMENTS, REVIEW))  # fmt: skip
    entries = [(fragment, flag, 0, 0) for group, flag in fragments for fragment in group]
    entries += [(word, 0, BOILER, 0) for word in BOILER_WORDS]
    entries += [(word, 0, REVIEW, 0) for word in REVIEW_WORDS]
    entries += [(name, 0, 0, POST_BODY) for name in POST_BODY_NAMES]
    entries += [(name, 0, 0, POST) for name in POST_NAMES if name not in POST_BODY_NAMES]
    for fragment, anywhere, token, whole in entries:
        node = root
        for char in fragment:
            node = node.setdefault(char, {})
        known = node.get("", (0, 0, 0))
        node[""] = (known[0] | anywhere, known[1] | token, known[2] | whole)
    nodes: list[list[int]] = []
    edges: list[list[int]] = []

    def number(node: dict[str, Any]) -> int:
        own = len(nodes)
        nodes.append([*node.get("", (0, 0, 0)), 0, 0])
        children = sorted((char, child) for char, child in node.items() if char)
        targets = [number(child) for _, child in children]
        nodes[own][3:] = [len(edges), len(children)]
        edges.extend([ord(char), target] for (char, _), target in zip(children, targets))
        return own

    number(root)
    flat = [len(nodes), len(edges), *(v for row in nodes for v in row), *(v for row in edges for v in row)]
    return array("i", flat).tobytes()


def _load_compiled_names() -> Callable[[str, str], int] | None:
    """The compiled core's :func:`_attr_flags` (its ``name_flags`` over :func:`_name_table`), unless the
    core is not there. One pass over the names, not a pattern per flag: the names a page does not
    repeat (the cache's misses) were most of the names' cost, and uncached it is cheaper than a cache."""
    flags, table = load_compiled("name_flags"), load_compiled("name_table")
    if flags is None or table is None:
        return None
    return cast("Callable[[str, str], int]", partial(flags, table(_name_table()), RELATED))


_compiled_names = _load_compiled_names()


def _names_reader() -> Callable[[str, str], int]:
    """What reads an element's class and id names: the compiled core's, else :func:`_attr_flags`."""
    return _compiled_names if _compiled_names is not None else _attr_flags


def _surely_hidden(element: etree._Element, tag: str) -> bool:
    """Hidden by what the markup says outright: the ``hidden`` attribute, ``aria-hidden``, a permalink mark."""
    get = element.get
    if tag == "a" and (get("href") or "").startswith("#") and _is_mark(element.text):
        return True  # a heading's permalink mark ("¶", "#"): not text
    if get("hidden") is not None and not _STREAMED_SEGMENT.match(get("id") or ""):
        return True
    return get("aria-hidden") == "true"


def _dialog(element: etree._Element) -> bool:
    """A dialog, a menu or a navigation by its ARIA role (hidden until opened, never content)."""
    return (element.get("role") or "").lower() in UNDISCLOSED_ROLES or element.get("aria-modal") == "true"


def _collapsed_panel(element: etree._Element) -> bool:
    """A hidden element that is a collapsed panel (an accordion's, an FAQ's answer, a "show more"
    expander, a tab's panel, one labelled by its trigger): the page's content, opened in place by a
    click. (Older pages' tab widgets of most-read lists carry no ARIA role and stay out.)"""
    get = element.get
    names = f"{get('class') or ''} {get('id') or ''}".lower()
    if _UNDISCLOSED.search(names) or _dialog(element):
        return False
    if get("aria-labelledby") is not None or (get("role") or "").lower() == "tabpanel":
        return True
    return _DISCLOSURE.search(names) is not None


def _looks_hidden(element: etree._Element) -> bool:
    """Hidden by style or class: what a wrapper shown once the page's scripts run also looks like."""
    style = element.get("style")
    if style and _HIDDEN_STYLE.search(style.lower()):
        return True
    classes = element.get("class")
    return bool(classes) and _hiding_classes(classes)


@lru_cache(maxsize=1 << 15)
def _hiding_classes(classes: str) -> bool:
    """Whether a ``class`` attribute hides its element (cached: a page repeats its class names)."""
    names = classes.lower().split()
    # "hidden md:flex" (Tailwind), "d-none d-lg-block" (Bootstrap): hidden on phones, shown on a desktop.
    return not HIDDEN_CLASSES.isdisjoint(names) and not any(map(_SHOWN_FROM_WIDTH.search, names))


class _Skipper:
    """Which subtrees the walk leaves out: scripts and form controls, and what the page hides.

    Three exceptions keep content from vanishing. A form control holding much text is no control:
    an unclosed ``<button>`` in a header swallows the rest of the page when parsed. A container
    (not a dialog) hidden by style or class that holds most of the page's text, scripts and styles
    not counted, is an anti-flicker wrapper (the page is shown once its scripts run), not hidden
    content. Both checks read a subtree's text, so each page gets a budget of them. And a collapsed
    panel (an accordion, an FAQ answer: :func:`_collapsed_panel`) is content a reader opens in place.
    """

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.budget = SKIP_CHECK_BUDGET
        self._page_chars: int | None = None
        self._page_due = False  # the page's text is measured when first needed, its budget already spent

    def __call__(self, element: etree._Element, tag: str) -> bool:
        if tag in _SKIP:
            return tag not in _CONTROLS or self._text_chars(element) < CONTROL_MAX_CHARS
        if not len(element.attrib):
            return False
        if _surely_hidden(element, tag):  # a hidden link (a permalink mark, a duplicate) is never a panel
            return tag == "a" or not _collapsed_panel(element)
        if not _looks_hidden(element) or _collapsed_panel(element):
            return False
        if tag not in _WRAPPERS or _dialog(element):
            return True
        if self._page_chars is None and not self._page_due:
            # The page's measure takes its share of the budget here, where the first wrapper asks, but
            # is read only for a wrapper this large, which few are: it reads the whole page and its scripts.
            self._page_due = self.budget > 0
            self.budget = max(self.budget - 1, 0)
            if not self._page_due:  # no budget left: the page measures 0, as a measure past the budget does
                self._page_chars = 0
        chars = self._text_chars(element)
        return chars < WRAPPER_MIN_CHARS or chars < WRAPPER_MIN_SHARE * self._page_text()

    def _page_text(self) -> int:
        """Characters of the page's text less its scripts and styles (measured once, when first needed)."""
        if self._page_chars is None:
            self._page_chars = max(self._measure(self.root) - self._script_chars(), 0)
        return self._page_chars

    def _script_chars(self) -> int:
        """Characters of the page's scripts and styles, which the walk never reads (a page's JSON
        state can outweigh its text, and made a wrapper holding all the text look small)."""
        return sum(len(e.text.strip()) for e in self.root.iter("script", "style", "template") if e.text)

    def _text_chars(self, element: etree._Element) -> int:
        """A subtree's characters, while the page's budget lasts (0 after)."""
        if self.budget <= 0:
            return 0
        self.budget -= 1
        return self._measure(element)

    def _measure(self, element: etree._Element) -> int:
        if _compiled is not None:
            try:
                return int(_compiled.text_chars(element))
            except _compiled.Unsupported:
                pass
        return sum(len(t.strip()) for t in element.itertext(with_tail=False) if t is not None)


def _is_mark(text: str | None) -> bool:
    mark = (text or "").strip()
    return 0 < len(mark) <= 2 and not _WORD.search(mark)


def parse(markup: str) -> etree._Element | None:
    """The document tree of ``markup``; ``None`` when there is nothing to parse.

    libxml2 stops at 2,048 open elements, even with ``huge_tree``, and drops the rest of the page
    without an exception; such a page is parsed again with its deepest tags left out (:func:`_flatten`).
    """
    if not markup.strip():
        return None
    root, too_deep = _parse(markup)
    if too_deep:
        root, _ = _parse(_flatten(markup))
    if root is not None:
        _adopt_trailing(root)
    return root


def _adopt_trailing(root: etree._Element) -> None:
    """Move what follows a premature ``</html>`` into the page's body.

    libxml2 puts markup after ``</html>`` into a second top-level element beside the root, which a
    walk from the root never reaches; some themes close the document after their header and print
    the whole article after it.
    """
    trailing = [e for e in root.itersiblings() if isinstance(e.tag, str)]
    if not trailing:
        return
    body = root.find("body")
    home = body if body is not None else root
    for element in trailing:
        if element.text and element.text.strip():
            home.append(etree.Element("p"))
            home[-1].text = element.text
        for child in list(element):
            home.append(child)


def _parse(markup: str) -> tuple[etree._Element | None, bool]:
    # The text is already decoded: say so, or lxml would obey a <meta charset> and garble it. Plain
    # etree elements: lxml.html's element classes cost a Python look-up per element.
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True, encoding="utf-8")
    try:
        root = etree.fromstring(markup.encode("utf-8", errors="replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return None, False
    last = parser.error_log.last_error
    return root, last is not None and last.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT


# A tag, roughly (enough to count nesting): its end mark, its name, and a self-closing slash.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)(?:[^>]*?(/))?[^>]*>")
# Elements that never hold others, or whose end the parser implies: they add no depth.
_FLAT = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr", "param", "p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody", "tfoot",
                   "rt", "rp"})  # fmt: skip


def _flatten(markup: str) -> str:
    """``markup`` without the start and end tags nested deeper than :data:`MAX_TAG_DEPTH` (their text stays)."""
    kept: list[str] = []
    last = depth = 0
    for tag in _TAG.finditer(markup):
        closing, name, self_closing = tag.groups()
        if self_closing or name.lower() in _FLAT:
            continue
        if closing:
            depth = max(depth - 1, 0)
        deep = depth >= MAX_TAG_DEPTH
        if not closing:
            depth += 1
        if deep:
            kept.append(markup[last : tag.start()])
            last = tag.end()
    kept.append(markup[last:])
    return "".join(kept)


class _Context(NamedTuple):
    """What an open element passes to the text inside it."""

    flags: int
    boiler_depth: int  #: depth of the nearest boiler-named container, -1 for none
    kind: str  #: the innermost block element's kind (see _KINDS)
    shape: str  #: tag and class of the innermost block element and its two block ancestors
    link: bool  #: the element itself is a link
    blocks: tuple[int, ...]  #: ids of the enclosing block elements, innermost first
    block: bool = False  #: the element itself is a block element (its end ends a line)
    node: Node | None = None  #: its structure, when the walk records it (see :mod:`boilerstrip.structure`)
    close: str = ""  #: the inline markdown marker its end adds, when the walk records structure


_TITLE = _Context(0, -1, "title", "title", False, ())  # the <title> line: in no container


class _Lines:
    """The lines of a walk and, per line, what :func:`_columns` needs, in compact columns.

    One Python object per line (a tuple of eight fields, its numbers and ancestor ids) cost about
    350 bytes a line; the typed arrays here cost about 90, which is most of a large page's walk.
    """

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.flags = array("q")
        self.boiler_depth = array("q")
        self.depth = array("q")
        self.chars = array("q")
        self.kind = array("b")
        self.link_share = array("d")
        self.shape = array("q")  #: ids of the shapes, in order of first appearance
        self.containers = array("q")  #: len(CONTAINER_LEVELS) ids per line (see HtmlPage.containers)
        self._shapes: dict[str, int] = {}
        self._own = -1  # ids of their own for lines without an ancestor that far up: negative, never shared

    def __len__(self) -> int:
        return len(self.texts)

    def ancestors(self, blocks: tuple[int, ...]) -> tuple[int, ...]:
        """The ids of a line's block ancestors at :data:`CONTAINER_LEVELS` (shared by the pieces of a cut line)."""
        ids = []
        for level in CONTAINER_LEVELS:
            if level < len(blocks):
                ids.append(blocks[level])
            else:
                ids.append(self._own)
                self._own -= 1
        return tuple(ids)

    def extend(self, walked: tuple[list[str], bytes, bytes, bytes, bytes, bytes, bytes, bytes, bytes, int]) -> None:
        """The lines of the compiled walk: their texts, their columns as bytes, and the next id of its own."""
        texts, *columns, self._own = walked
        self.texts.extend(texts)
        arrays: tuple[array[int] | array[float], ...] = (
            self.flags, self.boiler_depth, self.depth, self.chars, self.kind, self.link_share, self.shape,
            self.containers,
        )  # fmt: skip
        for values, raw in zip(arrays, columns):
            values.frombytes(raw)

    def add(self, text: str, flags: int, boiler_depth: int, kind: str, shape: str, depth: int, link_share: float,
            chars: int, ancestors: tuple[int, ...]) -> None:  # fmt: skip
        self.texts.append(text)
        self.flags.append(flags)
        self.boiler_depth.append(boiler_depth)
        self.depth.append(depth)
        self.chars.append(chars)
        self.kind.append(_KIND_CODES.get(kind, 0))
        self.link_share.append(link_share)
        self.shape.append(self._shapes.setdefault(shape, len(self._shapes)))
        self.containers.extend(ancestors)


class _Walker:
    """The state of one walk: the lines so far and the one being gathered."""

    def __init__(self) -> None:
        self.lines = _Lines()
        self.parts: list[str] = []
        self.chars = 0
        self.link_chars = 0
        self.start: tuple[_Context, int] | None = None  # context and depth where the line's text began
        self.marked = False  # the parts hold inline markers (only a walk recording structure adds them)

    def add(self, text: str, context: _Context, depth: int, in_link: bool) -> None:
        if context.flags & PRE and _LINE_BREAK.search(text):
            first, *rest = _LINE_BREAK.split(text)
            self.add(first, context, depth, in_link)
            for piece in rest:
                self.pre_break(context)
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

    def mark(self, marker: str) -> None:
        """Inline markdown markers: only a walk that records structure keeps them."""

    def pre_break(self, context: _Context) -> None:
        """A line break inside a ``<pre>``: the line ends (a walk recording structure also counts it)."""
        self.flush()

    def flush(self) -> None:
        if self.start is None:  # nothing but white space since the last line: the common case
            if self.parts:
                if self.marked:
                    self.blank_marked()
                else:
                    self.parts = []
            return
        context, depth = self.start
        joined = marked = "".join(self.parts)
        if self.marked:  # the line's text is its parts without the markers
            joined = TOKEN.sub("", marked)
        before = len(self.lines.texts)
        self.line(joined, context.flags, context.boiler_depth, context.kind, context.shape, context.blocks, depth,
                  self.chars, self.link_chars)  # fmt: skip
        self.parts, self.chars, self.link_chars, self.start = [], 0, 0, None
        if self.recording:
            self.record(context, before, marked)

    def line(self, joined: str, flags: int, boiler_depth: int, kind: str, shape: str, blocks: tuple[int, ...],
             depth: int, chars: int, link_chars: int) -> None:  # fmt: skip
        """A gathered line's text and context -> its lines (none when blank; :mod:`boilerstrip._walk` does the same)."""
        line = joined.rstrip() if flags & PRE else _SPACE.sub(" ", joined).strip()
        if not has_text(line):  # as segment() judges it: a line of a lone zero-width joiner is blank
            return
        share = link_chars / max(chars, 1)
        ancestors = self.lines.ancestors(blocks)
        if len(line) > LONG_LINE_CHARS:  # cut as segment() would cut it, each piece with the line's features
            for piece in split_long_line(line):
                self.lines.add(piece, flags, boiler_depth, kind, shape, depth, share, len(piece.strip()), ancestors)
        else:
            self.lines.add(line, flags, boiler_depth, kind, shape, depth, share, chars, ancestors)

    #: whether :meth:`record` wants each line (a walk recording structure)
    recording = False

    def record(self, context: _Context, before: int, parts: str) -> None:
        """The lines from ``before`` on were just added (none, if the text was blank)."""

    def blank_marked(self) -> None:
        """Markers but no text since the last line: clear the parts (or keep what the next line takes)."""
        self.parts = []


def html_page(markup: str, structure: Recorder | None = None) -> HtmlPage:
    """Walk the DOM of ``markup`` once: its lines and their HTML features (empty when unparsable).

    With a :class:`~boilerstrip.structure.Recorder` the walk also records each line's structure
    (``HtmlPage.structure``); the lines and features are the same either way.
    """
    root = parse(markup)
    lap("parse")
    if root is None:
        empty = Structure() if structure is not None else None
        return HtmlPage("", np.zeros((0, len(HTML_NAMES))), "", np.zeros((0, len(CONTAINER_LEVELS)), dtype=np.intp),
                        empty)  # fmt: skip
    title = _SPACE.sub(" ", root.findtext(".//title") or "").strip()
    if structure is not None:
        structure.set_base(root)
        if MARKER.search(markup):  # marker characters in the page itself: take them out and walk again
            return html_page(markup.translate(MARKERS), structure)
    walker = _titled_walker(title, structure)
    if structure is None and _compiled is not None:
        lines = walker.lines
        try:
            walked = _compiled.walk(root, _Skipper(root), split_long_line, _names_reader(), _hiding_classes,
                                    lines._shapes, lines._own, _WALK_TABLES)  # fmt: skip
            lines.extend(walked)
        except _compiled.Unsupported:  # a node the compiled walk leaves to Python: walk again from the start
            walker = _titled_walker(title, None)
            _walk(root, walker)
            walker.flush()
    else:
        _walk(root, walker, structure)
        walker.flush()
    del root  # the tree is done with: free it before the columns are built
    lap("walk")
    lines = walker.lines
    containers = np.frombuffer(lines.containers, dtype=np.int64).reshape(-1, len(CONTAINER_LEVELS))
    flags = np.frombuffer(lines.flags, dtype=np.int64) if len(lines) else np.zeros(0, dtype=np.int64)
    shapes = np.frombuffer(lines.shape, dtype=np.int64) if len(lines) else np.zeros(0, dtype=np.int64)
    page = HtmlPage("\n".join(lines.texts), _columns(lines), title, containers.astype(np.intp),
                    structure.structure if structure is not None else None, (flags & AUTHOR) > 0,
                    (flags & RELATED) > 0, (flags & CONSENT) > 0, (flags & REVIEW) > 0, _post_body(flags),
                    shapes, tuple(lines._shapes), (flags & PRE) > 0)  # fmt: skip
    lap("html features")
    return page


def _post_body(flags: np.ndarray) -> np.ndarray | None:
    """Per line, whether it sits in the page's one post container: the body's (POST_BODY_NAMES) where
    the page names one, else the whole post's (POST_NAMES). ``None`` where the named lines do not form
    one unbroken run: a forum's posts, or a listing's cards with other lines between them, are many."""
    for bit in (POST_BODY, POST):
        inside = (flags & bit) > 0
        at = np.flatnonzero(inside)
        if len(at) and at[-1] - at[0] + 1 == len(at):
            return inside
    return None


def _titled_walker(title: str, structure: Recorder | None) -> _Walker:
    """A new walk whose first lines are the page's ``<title>``."""
    walker = _Walker() if structure is None else _StructureWalker(structure)
    if title:
        ancestors = walker.lines.ancestors(())
        for piece in split_long_line(title) if len(title) > LONG_LINE_CHARS else (title,):
            walker.lines.add(piece, _TITLE.flags, _TITLE.boiler_depth, _TITLE.kind, _TITLE.shape, 0, 0.0, len(piece),
                             ancestors)  # fmt: skip
            if structure is not None:
                structure.structure.lines.append(Line(_TITLE_NODE, -1, "", 0))
    return walker


def _load_compiled_walk() -> ModuleType | None:
    """The compiled walk (:mod:`boilerstrip._walk`) where it was built against the lxml that runs.

    It reads lxml's element struct and libxml2's nodes directly, so a build made against another
    lxml release is not trusted: the Python walk, which gives the same lines, runs instead.
    """
    core = compiled_module("_walk")
    return core if core is not None and lxml.__version__ == core.LXML_VERSION else None


#: html's tables, in the order the compiled walk reads them (its kinds as _Lines's codes).
_WALK_TABLES = (_TAG_FLAGS, _ROLE_FLAGS, {tag: _KIND_CODES[kind] for tag, kind in _KINDS.items()}, _SKIP, _CONTROLS,
                _BLOCK, _UNNAMED, PRE, BOILER, _KEEP_LEVELS, CONTAINER_LEVELS, LONG_LINE_CHARS,
                _NAME_MASKS, HIDDEN_CLASSES)  # fmt: skip


class _StructureWalker(_Walker):
    """The walk's lines plus each one's structure and markdown (see :mod:`boilerstrip.structure`).

    Inline markers go into the line's parts beside its text; a line's markdown is resolved from
    them and its text is the parts without them.
    """

    def __init__(self, recorder: Recorder) -> None:
        super().__init__()
        self.recorder = recorder
        self.out = recorder.structure.lines
        self.pre_breaks: dict[int, int] = {}  # line breaks seen so far in each <pre>
        self.literals = False  # the parts hold an image or a formula

    def mark(self, marker: str) -> None:
        if marker:
            self.parts.append(marker)
            self.marked = True
            self.literals |= marker[0] == LITERAL_OPEN

    def pre_break(self, context: _Context) -> None:
        """A line break inside a ``<pre>`` (a newline or a ``<br>``): count it, and keep a white-space
        line's white space, which the lines (blank ones are no blocks) leave out."""
        owner = context.node.owner if context.node is not None else -1
        if self.start is None and self.parts:
            space = "".join(self.parts)
            if space and not space.strip(" \t"):
                self.recorder.structure.pre_space[(owner, self.pre_breaks.get(owner, 0))] = space
        self.flush()
        self.pre_breaks[owner] = self.pre_breaks.get(owner, 0) + 1

    recording = True

    def blank_marked(self) -> None:
        parts, literals = "".join(self.parts), self.literals
        self.parts, self.marked, self.literals = [], False, False
        if literals:
            self._carry_literals(parts)

    def record(self, context: _Context, before: int, parts: str) -> None:
        marked = self.marked
        if marked:
            self.marked = self.literals = False
        lines = self.lines.texts
        added = len(lines) - before
        if not added:  # blank: no line, but an image or formula may join the one before
            if marked:
                self._carry_literals(parts)
            return
        node = context.node or _NO_NODE
        block = context.blocks[0] if context.blocks else -1
        # A line's markdown is resolved only if it is kept (Structure.markdown): here its parts are kept
        # when they hold inline markers. Code is verbatim; an over-long line cut into pieces is plain text.
        if added == 1 and not context.flags & PRE:
            self.out.append(Line(node, block, parts if marked else "", 0))
        else:
            pre_line = self.pre_breaks.get(node.owner, 0) if context.flags & PRE else 0
            self.out.extend(Line(node, block, "", pre_line) for _ in range(added))

    def _carry_literals(self, parts: str) -> None:
        """An image or formula on no line of text of its own joins the line before (or the next)."""
        if LITERAL_OPEN not in parts:
            return
        tokens = " ".join(LITERAL_TOKEN.findall(parts))
        lines = self.recorder.structure.lines
        if lines and lines[-1].node.kind != "code" and lines[-1].node.kind != TITLE:
            last = lines[-1]
            lines[-1] = last._replace(parts=f"{last.parts or self.lines.texts[-1]} {tokens}")
        else:  # no line yet: the next line starts with it
            literals = self.recorder.resolve(tokens)
            self.parts.append(self.recorder.literal(literals + " "))  # the space is markdown, not text
            self.marked = self.literals = True


_NO_NODE = Node()
_TITLE_NODE = Node(kind=TITLE, level=1)


def _walk(root: etree._Element, walker: _Walker, recorder: Recorder | None = None) -> None:
    skip = _Skipper(root)
    names = _names_reader()
    # The tags the structure recorder acts on (one look-up per element decides whether it does).
    noted = (STRUCTURAL | recorder.inline_tags | {"br"}) if recorder is not None else frozenset()
    inline_tags = recorder.inline_tags if recorder is not None else frozenset()
    # one entry per open element
    stack = [_Context(0, -1, "other", "", False, (), node=Node() if recorder is not None else None)]
    block_id = 0
    skipping = 0
    links = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            tag = element.tag.lower() if isinstance(element.tag, str) else ""
            if skipping or skip(element, tag):
                if recorder is not None and not skipping and (tag == "math" or tag == "script"):
                    walker.mark(recorder.math(element, tag))
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
            ident = "" if tag in _UNNAMED else element.get("id", "")
            if ident or (classes and tag not in _UNNAMED):
                own |= names(classes, ident) & ~_NAME_MASKS.get(tag, 0)
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
            node, close = parent.node, ""
            if tag in noted and recorder is not None and node is not None:
                if tag in STRUCTURAL:
                    node = recorder.enter(element, tag, node, block_id)
                if tag in inline_tags:
                    opening, close = recorder.inline_open(element, tag, bool(parent.flags & PRE))
                    if opening:
                        walker.mark(opening)
                if tag == "br" and parent.flags & PRE:
                    walker.pre_break(parent)
            context = _Context(parent.flags | own, boiler_depth, kind, shape, link, blocks, block, node, close)
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
            if closed.close:
                walker.mark(closed.close)
            if closed.block:
                walker.flush()
            if element.tail:
                walker.add(element.tail, stack[-1], len(stack) - 1, links > 0)


_compiled = _load_compiled_walk()


# The flag and kind columns, filled a whole block at a time (a numpy call each has a fixed cost that
# the few hundred lines of a page do not pay back): each flag's column and bit, and per kind code
# its row of the kind columns.
_FLAG_COLUMN_IDS = np.array([column for _, column in _FLAG_COLUMNS], dtype=np.intp)
_FLAG_BITS = np.array([flag for flag, _ in _FLAG_COLUMNS], dtype=np.int64)
_KIND_COLUMN_IDS = np.array([*_KIND_COLUMNS.values(), _C["h_h1"], _C["h_title_tag"]], dtype=np.intp)
_KIND_ROWS = np.zeros((len(_KIND_CODES), len(_KIND_COLUMN_IDS)))
for _name, _column in _KIND_COLUMNS.items():
    _KIND_ROWS[_KIND_CODES[_name], list(_KIND_COLUMN_IDS).index(_column)] = 1.0
_KIND_ROWS[_KIND_CODES["h1"], list(_KIND_COLUMN_IDS).index(_C["h_heading"])] = 1.0
_KIND_ROWS[_KIND_CODES["h1"], list(_KIND_COLUMN_IDS).index(_C["h_h1"])] = 1.0
_KIND_ROWS[_KIND_CODES["title"], list(_KIND_COLUMN_IDS).index(_C["h_title_tag"])] = 1.0


def _median(values: np.ndarray) -> float:
    """``np.median`` of a non-empty array without NaN: the middle value, or the mean of the middle
    two (their sum halved, as numpy's mean does), without its general machinery's cost."""
    middle = len(values) // 2
    ordered = np.partition(values, (middle - 1, middle)) if len(values) > 1 else values
    return float(ordered[middle]) if len(values) % 2 else float((ordered[middle - 1] + ordered[middle]) / 2.0)


def _columns(lines: _Lines) -> np.ndarray:
    n = len(lines)
    out = np.zeros((n, len(HTML_NAMES)))
    if not n:
        return out
    flags = np.frombuffer(lines.flags, dtype=np.int64)
    out[:, _FLAG_COLUMN_IDS] = (flags[:, None] & _FLAG_BITS) > 0
    depth = np.frombuffer(lines.depth, dtype=np.int64).astype(float)
    boiler_depth = np.frombuffer(lines.boiler_depth, dtype=np.int64).astype(float)
    out[:, _C["h_attr_boiler_near"]] = (boiler_depth >= 0) & (depth - boiler_depth <= ATTR_NEAR_LEVELS)
    out[:, _KIND_COLUMN_IDS] = _KIND_ROWS[np.frombuffer(lines.kind, dtype=np.int8)]
    link = np.frombuffer(lines.link_share, dtype=np.float64)
    out[:, _C["h_link_density"]] = link
    out[:, _C["h_link_density_near"]] = windowed_mean(link, 2, include_self=True)
    out[:, _C["h_all_link"]] = link >= ALL_LINK_SHARE
    out[:, _C["h_depth"]] = np.minimum(depth / DEPTH_SCALE, 2.0)
    main = (flags & MAIN) > 0
    anchor = _median(depth[main]) if main.any() else _median(depth)
    out[:, _C["h_depth_from_main"]] = np.clip((depth - anchor) / DEPTH_SCALE, -1.0, 1.0)
    # Repeated shapes: cards of a listing, posts of a thread, items of a menu.
    shape = np.frombuffer(lines.shape, dtype=np.int64)
    out[:, _C["h_shape_repeats"]] = np.log1p(np.bincount(shape)[shape] - 1) / SHAPE_LOG_SCALE
    chars = np.frombuffer(lines.chars, dtype=np.int64).astype(float)
    total = chars.sum() or 1.0
    comment = (flags & COMMENT) > 0
    comment_share = float(chars[comment].sum() / total)
    out[:, _C["h_page_comment_share"]] = comment_share
    out[:, _C["h_comment_x_share"]] = comment * comment_share
    out[:, _C["h_page_main_share"]] = float(chars[main].sum() / total)
    return out

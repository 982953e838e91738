"""What the HTML walk records for rendering: each line's place in the page's structure.

Scoring never reads this; markdown and block output do, so the walk records it only when asked
(:func:`boilerstrip.html.html_page` with ``structure=``). For every line it keeps the innermost
structural element holding it (heading and its level, list item with its depth, order and number,
table cell with its row and column, ``<pre>`` line with its language and line number), the
blockquote around it, and the line's text with its inline markup (code spans, and links, images and
math where asked) already written as markdown. Inline markup is gathered as marker characters
(Unicode noncharacters, which web text does not carry) and resolved once the line is complete,
because a code span's fence and a link's brackets depend on what ends up between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urljoin

from lxml import etree

from .limits import MARKDOWN_MAX_COVERED_CELLS, MARKDOWN_MAX_LANGUAGE_CHARS, MARKDOWN_MAX_SPAN

# Marker characters inside a line's markdown parts (noncharacters: never in text).
CODE_OPEN, CODE_CLOSE, LINK_OPEN, LINK_END, LINK_CLOSE, LITERAL_OPEN, LITERAL_END = (
    "\ufdd0", "\ufdd1", "\ufdd2", "\ufdd3", "\ufdd4", "\ufdd5", "\ufdd6",
)  # fmt: skip
MARKERS = dict.fromkeys(map(ord, "\ufdd0\ufdd1\ufdd2\ufdd3\ufdd4\ufdd5\ufdd6"))
#: one marker (with the index of its literal, for links, images and math)
TOKEN = re.compile("(\ufdd0|\ufdd1|\ufdd2\\d+\ufdd3|\ufdd4|\ufdd5\\d+\ufdd6)")

PARAGRAPH, HEADING, ITEM, CELL, CODE, TITLE = "paragraph", "heading", "list_item", "table_cell", "code", "title"
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_LISTS = frozenset({"ul", "ol", "menu"})
_INLINE_CODE = frozenset({"code", "kbd", "samp", "tt"})
#: The elements :meth:`Recorder.enter` gives a node of their own (the walk calls it for no other).
STRUCTURAL = frozenset({*_HEADINGS, "li", *_LISTS, "table", "tr", "td", "th", "pre", "blockquote", "dt", "dd",
                        "figcaption", "caption"})  # fmt: skip
#: any marker character; and a literal's marker (an image's or a formula's markdown, by index)
MARKER = re.compile("[\ufdd0-\ufdd6]")
LITERAL_TOKEN = re.compile("\ufdd5\\d+\ufdd6")
# Where pages name a code block's language: class names (language-x, lang-x, highlight-x,
# highlight-source-x, brush: x, "sourceCode x") and data attributes.
_LANGUAGE_CLASS = re.compile(
    r"(?:^|\s)(?:language|lang|highlight-source|highlight)-([\w+#.-]+)|brush:\s*([\w+#.-]+)|sourceCode\s+([\w+#.-]+)"
)
_NOT_LANGUAGES = frozenset({"none", "text", "plain", "plaintext", "nohighlight", "default", "notranslate", "txt"})


class Node(NamedTuple):
    """The structure an element passes to the lines inside it (its parent's, unless it is structural)."""

    kind: str = PARAGRAPH
    owner: int = -1  #: id of the element whose lines form one block (list item, heading, cell, <pre>), or -1
    level: int = 0  #: heading level, or a list item's depth (1 = top level)
    ordered: bool = False
    number: int = 0  #: an ordered list item's number
    list_id: int = -1  #: the innermost list element
    list_depth: int = 0
    table: int = -1  #: the innermost table
    row: int = -1
    col: int = -1
    span: int = 1
    header: bool = False
    language: str = ""
    quote: int = -1  #: the innermost blockquote
    quotes: int = 0  #: how many blockquotes hold the line


@dataclass(slots=True)
class Table:
    """What is known of a table once the walk is done: enough to tell a data table from a layout one."""

    rows: int = 0
    cols: int = 0
    header_cells: int = 0
    nested: bool = False  #: holds another table (a page laid out by tables)
    presentation: bool = False  #: role="presentation" or "none"
    row: int = -1  # during the walk: the current row and column
    col: int = 0
    taken: set[tuple[int, int]] = field(default_factory=set)  # cells covered by a rowspan from above


class Line(NamedTuple):
    """One line's structure: its node, its innermost block element, its inline markup, its line in a ``<pre>``."""

    node: Node
    block: int
    #: the line's text with its inline markers, to resolve (:meth:`Structure.markdown`) if it is kept;
    #: "" for a line without inline markup (its markdown is its text, escaped)
    parts: str
    pre_line: int


@dataclass(slots=True)
class Structure:
    """The structure of every line of a walk, in line order (see the module's docstring)."""

    lines: list[Line] = field(default_factory=list)
    tables: dict[int, Table] = field(default_factory=dict)
    literals: list[str] = field(default_factory=list)  #: link targets and verbatim markdown (images, math)
    #: the white space of a ``<pre>``'s white-space-only lines, by (its id, line number): no lines of their own
    pre_space: dict[tuple[int, int], str] = field(default_factory=dict)

    def markdown(self, i: int, text: str) -> str:
        """Line ``i`` as markdown, given its text: escaped, with its inline markup written out.

        Resolved only for the lines that are kept, so the walk pays nothing for the others.
        """
        parts = self.lines[i].parts
        return resolve(parts, self.literals) if parts else escape_inline(text)


class Recorder:
    """Builds the :class:`Structure` during the walk: the walk calls :meth:`enter` per element."""

    def __init__(self, links: bool = False, images: bool = False, base_url: str | None = None) -> None:
        self.links, self.images, self.base_url = links, images, base_url or ""
        #: the elements :meth:`inline_open` may mark (the walk calls it for no other)
        self.inline_tags = _INLINE_CODE | ({"a"} if links else set()) | ({"img"} if images else set())
        self.structure = Structure()
        self.literals = self.structure.literals  # link targets and verbatim markdown (images, math), by index
        self._next_number: dict[int, int] = {}

    def set_base(self, root: etree._Element) -> None:
        """Resolve links against the page's ``<base href>`` (itself resolved against the given URL)."""
        for base in root.iter("base"):
            href = (base.get("href") or "").strip()
            if href:
                self.base_url = urljoin(self.base_url, href)
                return

    def enter(self, element: etree._Element, tag: str, parent: Node, element_id: int) -> Node:
        """The node of ``element``: a new one for structural elements, else the parent's."""
        # Nodes are built from the parent's fields by position (``_replace`` costs several times more).
        if tag in _HEADINGS:
            return Node(HEADING, element_id, _HEADINGS[tag], *parent[3:])
        if tag == "li":
            number = 0
            ordered = parent.ordered if parent.list_id >= 0 else False
            if ordered:
                number = self._item_number(element, parent.list_id)
            return Node(ITEM, element_id, max(parent.list_depth, 1), ordered, number, *parent[5:])
        if tag in _LISTS:
            ordered = tag == "ol"
            if ordered:
                self._next_number[element_id] = _int(element.get("start"), 1)
            return parent._replace(list_id=element_id, list_depth=parent.list_depth + 1, ordered=ordered)
        if tag == "table":
            return self._enter_table(element, parent, element_id)
        if tag == "tr" and parent.table >= 0:
            table = self.structure.tables[parent.table]
            table.row += 1
            table.col = 0
            table.rows = max(table.rows, table.row + 1)
            return parent
        if tag in ("td", "th") and parent.table >= 0:
            return self._enter_cell(element, tag, parent, element_id)
        if tag == "pre":
            return Node(CODE, element_id, *parent[2:12], code_language(element), *parent[13:])
        if tag == "blockquote":
            return parent._replace(quote=element_id, quotes=parent.quotes + 1)
        if tag in ("dt", "dd", "figcaption", "caption"):  # read as paragraphs, each its own
            return parent._replace(kind=PARAGRAPH, owner=-1)
        return parent

    def _item_number(self, element: etree._Element, list_id: int) -> int:
        number = _int(element.get("value"), self._next_number.get(list_id, 1))
        self._next_number[list_id] = number + 1
        return number

    def _enter_table(self, element: etree._Element, parent: Node, element_id: int) -> Node:
        if parent.table >= 0:
            self.structure.tables[parent.table].nested = True
        role = (element.get("role") or "").lower()
        self.structure.tables[element_id] = Table(presentation=role in ("presentation", "none"))
        # A table starts no list item, heading or code block of its own: its cells do.
        return parent._replace(kind=PARAGRAPH, owner=-1, table=element_id, row=-1, col=-1, header=False)

    def _enter_cell(self, element: etree._Element, tag: str, parent: Node, element_id: int) -> Node:
        table = self.structure.tables[parent.table]
        if table.row < 0:  # cells without a <tr> (the parser adds one, but be safe)
            table.row, table.rows = 0, max(table.rows, 1)
        while (table.row, table.col) in table.taken:
            table.col += 1
        span = max(min(_int(element.get("colspan"), 1), MARKDOWN_MAX_SPAN), 1)
        rows = min(_int(element.get("rowspan"), 1), MARKDOWN_MAX_SPAN)
        if len(table.taken) < MARKDOWN_MAX_COVERED_CELLS:
            table.taken.update((table.row + r, table.col + c) for r in range(1, rows) for c in range(span))
        col = table.col
        table.col += span
        table.cols = max(table.cols, table.col)
        header = tag == "th"
        table.header_cells += header
        return parent._replace(kind=CELL, owner=element_id, row=table.row, col=col, span=span, header=header)

    # --- inline markup: marker strings the walk appends to the line's markdown parts -------------

    def inline_open(self, element: etree._Element, tag: str, in_pre: bool) -> tuple[str, str]:
        """Markers to add where ``element`` opens and closes ("" for none)."""
        if tag in _INLINE_CODE and not in_pre:
            return CODE_OPEN, CODE_CLOSE
        if tag == "a" and self.links and not in_pre:
            href = (element.get("href") or "").strip()
            if href and not href.startswith(("#", "javascript:")):
                return f"{LINK_OPEN}{self._literal(urljoin(self.base_url, href))}{LINK_END}", LINK_CLOSE
        if tag == "img" and self.images:
            src = (element.get("src") or element.get("data-src") or "").strip()
            if src and not src.startswith("data:"):
                alt = _escape_brackets(" ".join((element.get("alt") or "").split()))
                return self.literal(f"![{alt}]({_url(urljoin(self.base_url, src))})"), ""
        return "", ""

    def math(self, element: etree._Element, tag: str) -> str:
        """A marker for the TeX of a skipped ``<math>`` or MathJax ``<script type="math/tex">``, or ""."""
        if tag == "script":
            kind = (element.get("type") or "").lower()
            if not kind.startswith("math/tex"):
                return ""
            tex, display = element.text or "", "mode=display" in kind
        else:
            tex, display = _tex_of(element), (element.get("display") or "").lower() == "block"
        tex = " ".join(tex.split())
        if not tex:
            return ""
        return self.literal(f"$${tex}$$" if display else f"${tex}$")

    def literal(self, markdown: str) -> str:
        return f"{LITERAL_OPEN}{self._literal(markdown)}{LITERAL_END}"

    def _literal(self, value: str) -> int:
        self.literals.append(value)
        return len(self.literals) - 1

    def resolve(self, parts: str) -> str:
        return resolve(parts, self.literals)


def resolve(parts: str, literals: list[str]) -> str:
    """A line's markdown parts (text and markers) as markdown: text escaped, spans written out."""
    if not MARKER.search(parts):
        return escape_inline(" ".join(parts.split()))
    out: list[str] = []
    code: list[str] | None = None  # the text of an open code span
    links: list[tuple[int, int]] = []  # open links: (where their text starts in out, target index)
    for token in TOKEN.split(parts):
        if not token:
            continue
        first = token[0]
        if first == CODE_OPEN:
            code = code if code is not None else []
        elif first == CODE_CLOSE:
            if code is not None:
                out.append(code_span("".join(code)))
                code = None
        elif code is not None:
            if first != LINK_OPEN and first != LINK_CLOSE and first != LITERAL_OPEN:
                code.append(token)
        elif first == LINK_OPEN:
            links.append((len(out), int(token[1:-1])))
        elif first == LINK_CLOSE:
            if links:
                start, target = links.pop()
                text = "".join(out[start:]).strip()
                del out[start:]
                out.append(f"[{text}]({_url(literals[target])})" if text else "")
        elif first == LITERAL_OPEN:
            out.append(literals[int(token[1:-1])])
        else:
            out.append(escape_inline(token))
    if code:
        out.append(code_span("".join(code)))
    return " ".join("".join(out).split())


def code_language(pre: etree._Element) -> str:
    """The language a ``<pre>`` names for its code: on itself, its ``<code>``, or two ancestors up."""
    candidates: list[etree._Element] = [pre]
    candidates.extend(child for child in pre if child.tag == "code")
    parent = pre.getparent()
    for _ in range(2):
        if parent is None:
            break
        candidates.append(parent)
        parent = parent.getparent()
    for element in candidates:
        for name in ("data-lang", "data-language"):  # not "lang": that is the human language
            value = (element.get(name) or "").strip().lower()
            if value and value not in _NOT_LANGUAGES and len(value) <= MARKDOWN_MAX_LANGUAGE_CHARS:
                return value
        for match in _LANGUAGE_CLASS.finditer(element.get("class") or ""):
            value = next(g for g in match.groups() if g).lower()
            if value not in _NOT_LANGUAGES and len(value) <= MARKDOWN_MAX_LANGUAGE_CHARS:
                return value
    return ""


def _tex_of(math: etree._Element) -> str:
    alt = math.get("alttext")
    if alt:
        return alt
    for annotation in math.iter("annotation"):
        if "tex" in (annotation.get("encoding") or "").lower():
            return annotation.text or ""
    return ""


def _int(value: str | None, default: int) -> int:
    if not value:
        return default
    try:
        return int(value.strip())
    except ValueError:
        return default


# --- markdown escaping ------------------------------------------------------------------------------

# "|" too: two paragraph lines such as "a | b" and "--- | ---" would otherwise read as a GFM table.
_INLINE_SPECIAL = re.compile(r"([\\`*\[\]|])|(?<!\w)_|_(?!\w)|<(?=[A-Za-z/!?])|&(?=#?\w+;)")
# What would open a block at a line's start: heading, quote, list item, fence, setext line or break.
_BLOCK_START = re.compile(r"(#{1,6}(?:\s|$)|>|[-+](?:\s|$)|~~~|```)|(\d{1,9})([.)](?:\s|$))|([-=_]+\s*$)")


def escape_inline(text: str) -> str:
    """``text`` with the characters markdown would read as markup escaped."""
    return text if _SPECIAL_CHAR.search(text) is None else _INLINE_SPECIAL.sub(_backslash, text)


def _backslash(match: re.Match[str]) -> str:
    return "\\" + match.group(0)


_SPECIAL_CHAR = re.compile(r"[\\`*\[\]_<&|]")


def escape_line_start(line: str) -> str:
    """``line`` with a leading block marker (``#``, ``>``, ``-``, ``1.``, a fence) escaped."""
    match = _BLOCK_START.match(line)
    if match is None:
        return line
    if match.group(2) is not None:
        return f"{match.group(2)}\\{line[len(match.group(2)) :]}"
    return "\\" + line


def code_span(text: str) -> str:
    """``text`` as an inline code span, its fence longer than any backtick run inside."""
    text = " ".join(text.split())
    if not text:
        return ""
    runs = [len(r) for r in re.findall("`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _escape_brackets(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")

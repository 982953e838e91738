"""The last step: the kept blocks as text (the default), as markdown, or as data.

Selection decides *what* is kept; this module only writes it out. Text is the kept lines, one a
line, exactly as ``clean`` always returned them. Markdown (CommonMark with GFM tables) uses what
the HTML walk recorded of each line (:mod:`boilerstrip.structure`): headings keep their level, list
items their depth and number, data tables become pipe tables (layout tables stay paragraphs), code
keeps its lines, blank lines and language, quotes their ``>``. Text input has no markup, so its
markdown is the headline as a ``#`` heading and every other kept line a paragraph: nothing invented.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from .limits import MARKDOWN_MAX_DEPTH, MARKDOWN_MAX_TABLE_COLS
from .segment import tidy_line
from .structure import CELL, CODE, HEADING, ITEM, PARAGRAPH, TITLE, Line, Node, escape_inline
from .structure import escape_line_start as _escape_start
from .thresholds import TABLE_MAX_CELL_WORDS, TABLE_MIN_COLS, TABLE_MIN_ROWS, TABLE_MIN_ROWS_WITHOUT_HEADER

if TYPE_CHECKING:
    from .pipeline import Run


@dataclass(frozen=True, slots=True)
class ArticleBlock:
    """One kept line of the article, with what is known of its place (``Document.blocks``).

    Lines with the same ``group`` belong to one element of the page (a paragraph cut by ``<br>``,
    the paragraphs of one list item, the lines of one code block): join them to rebuild it.
    """

    kind: str  #: "heading", "paragraph", "list_item", "table_cell" or "code"
    text: str  #: the line as ``clean`` returns it
    level: int  #: heading level (1-6), a list item's depth (from 1), else 0
    score: float  #: the probability that it is main content
    reason: str  #: why it was kept
    group: int  #: lines of one element share it
    ordered: bool = False  #: a list item of an ordered list ...
    number: int = 0  #: ... and its number
    row: int = -1  #: a table cell's row and column (from 0, spans expanded)
    col: int = -1
    header: bool = False  #: a header cell (``<th>``)
    language: str = ""  #: a code block's language, where the page names it
    quote: int = 0  #: how many blockquotes hold it

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__}


def blocks(run: Run) -> tuple[ArticleBlock, ...]:
    """The kept lines as :class:`ArticleBlock` rows, in order."""
    lines = _lines_of(run)
    out = []
    for i in _kept(run):
        reason = run.reasons[i].value
        score = round(run.p2[i], 4)
        text = run.page.texts[i]
        if lines is None:
            kind = HEADING if i == run.title else PARAGRAPH
            out.append(ArticleBlock(kind, text, 1 if kind == HEADING else 0, score, reason, i))
            continue
        node = lines[i].node
        kind, level = node.kind, node.level
        if i == run.title:
            kind, level = HEADING, level if kind == HEADING else 1
        elif kind == TITLE:
            kind, level = PARAGRAPH, 0
        group = node.owner if node.owner >= 0 else lines[i].block
        out.append(ArticleBlock(kind, text, level if kind in (HEADING, ITEM) else 0, score, reason, group,
                                node.ordered and kind == ITEM, node.number if kind == ITEM else 0,
                                node.row if kind == CELL else -1, node.col if kind == CELL else -1,
                                node.header and kind == CELL, node.language if kind == CODE else "",
                                node.quotes))  # fmt: skip
    return tuple(out)


def markdown(run: Run) -> str:
    """The kept lines as markdown (see the module's docstring)."""
    lines = _lines_of(run)
    kept = _kept(run)
    if lines is None:
        return "\n\n".join(_text_line(run, i) for i in kept)
    units = _units(run, lines, kept)
    out: list[str] = []
    item_columns: list[int] = []  # content column of the last list item at each depth
    previous: _Unit | None = None
    tables: set[int] = set()
    for unit in units:
        if unit.kind == CELL:
            if unit.node.table in tables:
                continue  # written whole with its first kept part
            tables.add(unit.node.table)
        if unit.kind != ITEM:
            item_columns = []
        body = _render(unit, lines, run, item_columns)
        prefix = "> " * min(unit.node.quotes, MARKDOWN_MAX_DEPTH)
        if prefix:
            body = "\n".join((prefix + line).rstrip() for line in body.split("\n"))
        if previous is not None:
            same_quote = unit.node.quotes > 0 and unit.node.quote == previous.node.quote
            if unit.kind == ITEM and previous.kind == ITEM:
                out.append("\n")  # items of one list: a tight list
            elif same_quote:
                out.append("\n" + prefix.rstrip() + "\n")
            else:
                out.append("\n\n")
        out.append(body)
        previous = unit
    return "".join(out)


def _text_line(run: Run, i: int) -> str:
    text = escape_inline(run.page.texts[i].strip())
    return f"# {text}" if i == run.title else _escape_start(text)


def _kept(run: Run) -> list[int]:
    return [i for i, k in enumerate(run.keep) if k]


def _lines_of(run: Run) -> list[Line] | None:
    """The structure of each line, or None for text input (or a walk whose lines do not match)."""
    structure = run.structure
    if structure is None or len(structure.lines) != len(run.page):
        return None
    return structure.lines


class _Unit(NamedTuple):
    kind: str
    key: tuple[str, int]
    node: Node
    lines: list[int]


def _units(run: Run, lines: list[Line], kept: list[int]) -> list[_Unit]:
    """Consecutive kept lines of one element, grouped: a paragraph, a list item, a table, a code block."""
    data_tables = _data_tables(run, lines, kept)
    units: list[_Unit] = []
    for i in kept:
        node = lines[i].node
        kind = node.kind
        if i == run.title:
            kind, key = HEADING, ("title", i)
            node = node._replace(kind=HEADING, level=node.level if node.kind == HEADING else 1)
        elif node.table in data_tables and node.row >= 0:
            kind, key = CELL, ("table", node.table)
        elif kind in (CODE, ITEM, HEADING):
            key = (kind, node.owner)
        else:
            kind, key = PARAGRAPH, ("paragraph", lines[i].block if kind != TITLE else -2 - i)
        if units and units[-1].key == key:
            units[-1].lines.append(i)
        else:
            units.append(_Unit(kind, key, node, [i]))
    return units


def _data_tables(run: Run, lines: list[Line], kept: list[int]) -> set[int]:
    """The tables among the kept lines that hold data rather than lay out the page.

    A layout table nests other tables, says it is presentation, has a single row or column, is
    small without header cells, or has cells that hold several paragraphs, lists or long text.
    """
    structure = run.structure
    if structure is None:
        return set()
    cells: dict[int, dict[tuple[int, int], list[int]]] = {}
    for i in kept:
        node = lines[i].node
        if node.table >= 0 and node.row >= 0:
            cells.setdefault(node.table, {}).setdefault((node.row, node.col), []).append(i)
    data = set()
    for table_id, by_cell in cells.items():
        table = structure.tables.get(table_id)
        if table is None or table.nested or table.presentation:
            continue
        rows = TABLE_MIN_ROWS if table.header_cells else TABLE_MIN_ROWS_WITHOUT_HEADER
        if table.rows < rows or not TABLE_MIN_COLS <= table.cols <= MARKDOWN_MAX_TABLE_COLS:
            continue
        if all(_plain_cell(run, lines, members) for members in by_cell.values()):
            data.add(table_id)
    return data


def _plain_cell(run: Run, lines: list[Line], members: list[int]) -> bool:
    if len({lines[i].block for i in members}) > 1 or any(lines[i].node.kind != CELL for i in members):
        return False
    return sum(len(run.page.texts[i].split()) for i in members) <= TABLE_MAX_CELL_WORDS


def _render(unit: _Unit, lines: list[Line], run: Run, item_columns: list[int]) -> str:
    if unit.kind == CELL:
        return _table(unit, lines, run)
    texts = [_markdown_of(run, lines, i) for i in unit.lines]
    if unit.kind == HEADING:
        return "#" * min(max(unit.node.level, 1), 6) + " " + _heading_text(" ".join(texts))
    if unit.kind == CODE:
        return _code(unit, lines, run)
    if unit.kind == ITEM:
        return _item(unit.node, " ".join(texts), item_columns)
    return "\n".join(map(_escape_start, texts))


def _markdown_of(run: Run, lines: list[Line], i: int) -> str:
    """A line's markdown, tidied as :func:`~boilerstrip.segment.segment` tidies its text."""
    text = run.page.texts[i]
    if run.structure is None or not lines[i].parts:  # no inline markup: the line's text, escaped
        return escape_inline(text.strip())
    md = tidy_line(run.structure.markdown(i, text))
    repair = run.page.repairs.get(i)
    if repair and md.startswith(repair):
        md = md[len(repair) :]
    return md.strip()


_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_CLOSING_HASHES = re.compile(r"(\s)(#+)$")


def _heading_text(text: str) -> str:
    return _CLOSING_HASHES.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _item(node: Node, text: str, item_columns: list[int]) -> str:
    depth = min(max(node.level, 1), MARKDOWN_MAX_DEPTH)
    del item_columns[depth - 1 :]
    indent = item_columns[-1] if item_columns else 0
    while len(item_columns) < depth - 1:  # a parent item was not kept: indent as if it had been
        item_columns.append(indent + 2)
        indent += 2
    marker = f"{node.number}." if node.ordered else "-"
    item_columns.append(indent + len(marker) + 1)
    return f"{' ' * indent}{marker} {_escape_start(text)}".rstrip()


def _code(unit: _Unit, lines: list[Line], run: Run) -> str:
    """A fenced code block of the whole ``<pre>``: selection judges its lines one by one and drops
    the ones without words (a closing bracket, a repeated output line), which code cannot spare."""
    body: list[str] = []
    last = None
    space = run.structure.pre_space if run.structure is not None else {}
    for i in _element_lines(unit, lines, lambda node: node.kind == CODE and node.owner == unit.node.owner):
        line = lines[i]
        if last is not None and line.pre_line > last + 1:  # the blank lines the walk left out
            owner = unit.node.owner
            body.extend(space.get((owner, n), "") for n in range(last + 1, line.pre_line))
        body.append(run.page.texts[i])
        last = line.pre_line
    runs = [len(r) for line in body for r in re.findall("`{3,}", line)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    return "\n".join((fence + unit.node.language, *body, fence))


def _table(unit: _Unit, lines: list[Line], run: Run) -> str:
    """A GFM table of the rows that have a kept cell, whole, under the table's header row.

    Selection judges cells one by one and drops short ones (a number, a unit, a header word); a
    table with holes would misread, so a row with any kept cell is written whole.
    """
    table_id = unit.node.table
    members = _element_lines(unit, lines, lambda node: node.table == table_id and node.row >= 0)
    rows_kept = {lines[i].node.row for i in members if run.keep[i]}  # the table's other kept parts too
    header_rows = {lines[i].node.row for i in members if lines[i].node.header and lines[i].node.row == 0}
    cells: dict[int, dict[int, list[str]]] = {}
    width = 0
    for i in members:
        node = lines[i].node
        if node.row not in rows_kept and node.row not in header_rows:
            continue
        text = _UNESCAPED_PIPE.sub(r"\\|", _markdown_of(run, lines, i))  # in code spans too (GFM)
        cells.setdefault(node.row, {}).setdefault(node.col, []).append(text)
        width = max(width, node.col + node.span)
    table = run.structure.tables.get(unit.node.table) if run.structure is not None else None
    width = max(width, table.cols if table is not None else 0)
    rows = [[" ".join(cells[r].get(c, ())) for c in range(width)] for r in sorted(cells)]
    out = [_row(rows[0]), _row(["---"] * width)]
    out.extend(_row(row) for row in rows[1:])
    return "\n".join(out)


def _element_lines(unit: _Unit, lines: list[Line], inside: Callable[[Node], bool]) -> list[int]:
    """Every line of one element, kept or not: the unit's lines and their neighbours ``inside`` it."""
    first, last = unit.lines[0], unit.lines[-1]
    while first > 0 and inside(lines[first - 1].node):
        first -= 1
    while last + 1 < len(lines) and inside(lines[last + 1].node):
        last += 1
    return [i for i in range(first, last + 1) if inside(lines[i].node)]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"

"""Markdown and block output: must-render cases as data (fixtures/markdown/cases.json), the API and
CLI around them, and a property test that every markdown output is well-formed and keeps the text."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import boilerstrip
from boilerstrip import Options

from .conftest import FIXTURES

MARKDOWN = FIXTURES / "markdown"
CASES = {k: v for k, v in json.loads((MARKDOWN / "cases.json").read_text(encoding="utf-8")).items() if k[0] != "_"}


def _page(case: dict) -> str:
    return (MARKDOWN / case["page"]).read_text(encoding="utf-8") if "page" in case else case["html"]


def _markdown(case: dict) -> str:
    fmt = "text" if case.get("text") else "auto"
    return boilerstrip.clean(_page(case), output="markdown", input_format=fmt, **case["options"])


@pytest.mark.parametrize("name", sorted(CASES))
def test_must_render(name: str) -> None:
    case = CASES[name]
    md = _markdown(case)
    missing = [m for m in case["must"] if m not in md]
    present = [m for m in case["must_not"] if m in md]
    assert not missing and not present, f"{name}: missing {missing}, present {present}\n---\n{md}"
    assert check_markdown(md) == []


@pytest.mark.parametrize("path", [MARKDOWN / "tutorial.html", *sorted((FIXTURES / "html").glob("*.html"))],
                         ids=lambda p: p.name)  # fmt: skip
def test_recording_structure_changes_no_text(path) -> None:
    """The walk that records structure (markdown, extract) gives the same lines and decisions."""
    page = path.read_text(encoding="utf-8")
    text = boilerstrip.clean(page)
    assert boilerstrip.clean(page, output="text") == text
    assert boilerstrip.extract(page, metadata=False, links=True, images=True).text == text
    assert check_markdown(boilerstrip.clean(page, output="markdown", links=True, images=True)) == []


def test_markdown_keeps_the_same_article() -> None:
    """Markdown renders the selection; it adds no line selection dropped, except the rest of a kept
    table row or code block, and it leaves out none of the kept words."""
    page = (MARKDOWN / "tutorial.html").read_text(encoding="utf-8")
    text, md = boilerstrip.clean(page), boilerstrip.clean(page, output="markdown")
    assert _words(text) <= _words(md)
    assert "Related guides" in boilerstrip.explain(page).format()  # on the page, dropped by selection
    assert "Related" not in md


def test_document_markdown_and_blocks() -> None:
    page = (MARKDOWN / "tutorial.html").read_text(encoding="utf-8")
    doc = boilerstrip.extract(page, metadata=False)
    assert doc.markdown == boilerstrip.clean(page, output="markdown")
    kinds = {b.kind for b in doc.blocks}
    assert kinds == {"heading", "paragraph", "table_cell", "code", "list_item"}
    assert [b.text for b in doc.blocks] == doc.text.splitlines()
    heading = next(b for b in doc.blocks if b.text == "Checking a season")
    assert (heading.kind, heading.level) == ("heading", 3)
    nested = next(b for b in doc.blocks if b.text.startswith("A gap of days"))
    assert (nested.kind, nested.level, nested.ordered) == ("list_item", 2, False)
    item = next(b for b in doc.blocks if b.text.startswith("Compare each level"))
    assert (item.level, item.ordered, item.number) == (1, True, 4)
    cell = next(b for b in doc.blocks if b.text == "NO-0412")
    assert (cell.row, cell.col, cell.header) == (1, 2, False)
    code = [b for b in doc.blocks if b.kind == "code"]
    assert {b.language for b in code} == {"python"} and len({b.group for b in code}) == 1
    quote = next(b for b in doc.blocks if b.text.startswith("A gauge that has never"))
    assert quote.quote == 1
    assert all(0.0 <= b.score <= 1.0 and b.reason for b in doc.blocks)
    assert json.loads(json.dumps(doc.as_dict()))["blocks"][0]["kind"] == "heading"


def test_text_input_blocks_and_markdown() -> None:
    case = CASES["text input: headline and paragraphs, nothing invented"]
    doc = boilerstrip.extract(case["html"], input_format="text")
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].level == 1
    assert {b.kind for b in doc.blocks[1:]} == {"paragraph"}
    assert doc.markdown.count("\n\n") == len(doc.blocks) - 1


def test_empty_and_contentless_pages() -> None:
    assert boilerstrip.clean("", output="markdown") == ""
    assert boilerstrip.clean("<html><body></body></html>", output="markdown") == ""
    assert boilerstrip.extract(b"\x1f\x8b\x08\x00binary").markdown == ""


def test_options_are_checked() -> None:
    with pytest.raises(ValueError, match="output must be one of"):
        Options(output="pdf")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="links must be a bool"):
        Options(links="yes")  # type: ignore[arg-type]


def test_deterministic_across_processes() -> None:
    page = MARKDOWN / "tutorial.html"
    code = "import boilerstrip,sys; sys.stdout.write(boilerstrip.clean(open(sys.argv[1]).read(), output='markdown'))"
    runs = {subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, text=True,
                           check=True).stdout for _ in range(2)}  # fmt: skip
    assert runs == {boilerstrip.clean(page.read_text(encoding="utf-8"), output="markdown")}


def test_cli_output_markdown_and_json(tmp_path) -> None:
    page = MARKDOWN / "tutorial.html"
    run = [sys.executable, "-m", "boilerstrip", "clean", str(page)]
    md = subprocess.run([*run, "--output", "markdown"], capture_output=True, text=True, check=True).stdout
    assert md.rstrip("\n") == boilerstrip.clean(page.read_text(encoding="utf-8"), output="markdown")
    row = json.loads(subprocess.run([*run, "--output", "json"], capture_output=True, text=True, check=True).stdout)
    assert row["markdown"].startswith("# Parsing river gauge logs") and row["blocks"][0]["kind"] == "heading"


def test_corpus_markdown_field(tmp_path) -> None:
    page = (MARKDOWN / "tutorial.html").read_text(encoding="utf-8")
    records = tmp_path / "pages.jsonl"
    rows = [{"id": "a", "url": "https://hydronotes.example.org/guides/x.html", "html": page},
            {"id": "b", "html": 42}]  # fmt: skip
    records.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "boilerstrip", "corpus", str(records), "-o", str(out), "--markdown", "-j", "1"]
    subprocess.run(cmd, capture_output=True, text=True, check=True)
    got = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert got["a"]["markdown"] == boilerstrip.clean(page, output="markdown")
    assert got["a"]["text"] == boilerstrip.clean(page)
    assert got["b"]["markdown"] == "" and got["b"]["error"]


# --- well-formed markdown, on generated pages ------------------------------------------------------

_BLOCK_TAGS = re.compile(
    r"<(?:/?)(?:div|p|span|table|tr|td|th|tbody|thead|ul|ol|li|pre|code|h[1-6]|blockquote|script|style|section|"
    r"article|nav|img|a|br|math)\b",
    re.IGNORECASE,
)
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")


def check_markdown(md: str) -> list[str]:
    """Problems a CommonMark + GFM reader would have: unclosed fences, table rows narrower or wider
    than their header, raw HTML tags outside code."""
    problems: list[str] = []
    fence: str | None = None
    width: int | None = None
    for line in md.split("\n"):
        body = re.sub(r"^(?:> ?)+", "", line)
        if fence is not None:
            if body.strip().startswith(fence) and set(body.strip()) == {fence[0]}:
                fence = None
            continue
        opening = re.match(r"\s*(`{3,}|~{3,})", body)
        if opening:
            fence = opening.group(1)
            width = None
            continue
        if body.startswith("|"):
            cells = len(re.split(r"(?<!\\)\|", body.strip())) - 2
            if width is None:
                width = cells
            elif cells != width:
                problems.append(f"table row of {cells} cells under a header of {width}: {line!r}")
        else:
            width = None
        if _BLOCK_TAGS.search(re.sub(r"\\<", "", _CODE_SPAN.sub("", body))):
            problems.append(f"raw HTML: {line!r}")
    if fence is not None:
        problems.append("a code fence is never closed")
    return problems


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", text.lower()))


_WORDS = st.sampled_from(["river", "gauge", "level", "a|b", "*star*", "_under_", "&lt;div&gt;", "`tick`", "``",
                          "# hash", "1.", "- dash", "[x]", "\\", "&amp;", "~~~", "```", "|", "> q", "Ünïcödé",
                          "<a href='/x (1)'>a [link]</a>", "<code>c`o`de</code>",
                          "<math alttext='x^2'><mi>x</mi></math>",
                          "<img src='p.png' alt='a ]pic['>", "<b>bold <i>and</i></b>", "<br>"])  # fmt: skip
_TEXT = st.lists(_WORDS, min_size=3, max_size=12).map(" ".join)


def _blocks(depth: int) -> st.SearchStrategy[str]:
    paragraph = _TEXT.map(lambda t: f"<p>{t} the river rose through the night and the gauges kept count</p>")
    heading = st.tuples(st.integers(1, 6), _TEXT).map(lambda x: f"<h{x[0]}>{x[1]}</h{x[0]}>")
    code = st.lists(_WORDS, min_size=1, max_size=6).map(lambda ws: "<pre><code>" + "\n\n".join(ws) + "</code></pre>")
    cell = st.tuples(st.sampled_from(["td", "th"]), st.integers(1, 3), _TEXT).map(
        lambda x: f"<{x[0]} colspan='{x[1]}'>{x[2]}</{x[0]}>"
    )
    row = st.lists(cell, min_size=1, max_size=4).map(lambda cs: "<tr>" + "".join(cs) + "</tr>")
    table = st.lists(row, min_size=1, max_size=5).map(lambda rs: "<table>" + "".join(rs) + "</table>")
    leaves = [paragraph, heading, code, table]
    if depth <= 0:
        return st.one_of(leaves)
    inner = st.lists(_blocks(depth - 1), min_size=1, max_size=3).map("".join)
    items = st.lists(st.tuples(_TEXT, st.one_of(st.just(""), inner)), min_size=1, max_size=4)
    lists = st.tuples(st.sampled_from(["ul", "ol"]), items).map(
        lambda x: f"<{x[0]}>" + "".join(f"<li>{t}{sub}</li>" for t, sub in x[1]) + f"</{x[0]}>"
    )
    quote = inner.map(lambda b: f"<blockquote>{b}</blockquote>")
    return st.one_of(*leaves, lists, quote)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_blocks(2), min_size=1, max_size=6))
def test_generated_pages_give_well_formed_markdown(blocks: list[str]) -> None:
    page = "<html><head><title>Gauges</title></head><body><article>" + "".join(blocks) + "</article></body></html>"
    doc = boilerstrip.extract(page, metadata=False, links=True, images=True, url="https://example.org/a/")
    assert check_markdown(doc.markdown) == [], doc.markdown
    assert doc.text == boilerstrip.clean(page)
    assert _words(doc.text) <= _words(doc.markdown)


def test_hostile_structure_stays_bounded() -> None:
    """Spans, nesting and widths a page can claim do not blow up the markdown or its cost."""
    bomb = "".join("<tr>" + "<td colspan=1000 rowspan=65534>cell words</td>" * 20 + "</tr>" for _ in range(50))
    md = boilerstrip.clean(f"<html><body><table>{bomb}</table></body></html>", output="markdown")
    assert len(md) < 50_000 and check_markdown(md) == []
    lists = "<ul><li>item words here and there " * 2000 + "</li></ul>" * 2000
    md = boilerstrip.clean(f"<html><body>{lists}</body></html>", output="markdown")
    assert max(len(line) - len(line.lstrip()) for line in md.splitlines()) <= 2 * 8
    text = "<p>deep quote text with several words in it for the reader</p>"
    quotes = "<blockquote>" * 2000 + text + "</blockquote>" * 2000
    md = boilerstrip.clean(f"<html><body>{quotes}</body></html>", output="markdown")
    assert md.startswith("> " * 8 + "deep quote text")

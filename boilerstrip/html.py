"""HTML to page text: one line per block element, the same lines the text pipeline scores.

A plain fallback (issue: HTML input adds DOM features later): scripts, styles, templates and
hidden-by-markup elements yield no text; block elements and ``<br>`` end a line.
"""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object", "select",
                   "button", "canvas", "form"})  # fmt: skip
_BLOCK = frozenset({"p", "div", "section", "article", "main", "aside", "header", "footer", "nav", "li", "ul", "ol",
                    "dl", "dt", "dd", "table", "tr", "td", "th", "thead", "tbody", "h1", "h2", "h3", "h4", "h5",
                    "h6", "blockquote", "pre", "figure", "figcaption", "address", "hr", "br", "body", "title",
                    "summary", "details", "caption", "fieldset", "legend", "center"})  # fmt: skip


def html_to_text(markup: str) -> str:
    """The visible text of an HTML document, a line per block; ``""`` when it cannot be parsed."""
    if not markup.strip():
        return ""
    try:
        # The text is already decoded: say so, or lxml would obey a <meta charset> and garble it.
        parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True, encoding="utf-8")
        root = lxml_html.document_fromstring(markup.encode("utf-8", errors="replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return ""
    title = root.findtext(".//title") or ""
    parts: list[str] = [title.strip(), "\n"] if title.strip() else []
    skipping = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        hidden = tag in _SKIP or element.get("hidden") is not None or element.get("aria-hidden") == "true"
        if event == "start":
            if skipping or hidden:
                skipping += 1
                continue
            if tag in _BLOCK:
                parts.append("\n")
            if element.text:
                parts.append(element.text)
        else:
            if skipping:
                skipping -= 1
                if skipping or not element.tail:
                    continue
                parts.append(element.tail)
                continue
            if tag in _BLOCK:
                parts.append("\n")
            if element.tail:
                parts.append(element.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)

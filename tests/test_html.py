"""HTML input (plain fallback for now): detected, decoded and cleaned by the same pipeline."""

from __future__ import annotations

import boilerstrip
from boilerstrip.inputs import looks_like_html

ARTICLE = [
    "Residents of Port Alder voted on Tuesday to borrow twelve million pounds to rebuild the sea wall that failed.",
    "The old wall, built in the 1950s, gave way in two places in January, flooding more than two hundred homes.",
    "Engineers expect the new wall to be two metres higher than the old one and to last at least sixty years.",
]
HTML = (
    "<!DOCTYPE html><html><head><title>Sea wall vote</title><script>var x = 'Share this';</script>"
    "<style>p{color:red}</style></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    "<h1>Harbour town votes to rebuild its sea wall</h1>"
    + "".join(f"<p>{p}</p>" for p in ARTICLE)
    + "<aside><h3>Related stories</h3><ul><li><a href='/a'>Fishermen count the cost</a></li></ul></aside>"
    "<div hidden>Secret hidden text that must not appear anywhere</div>"
    "<footer>© 2025 Coastal Herald. All rights reserved.</footer></body></html>"
)


def test_html_is_detected_and_cleaned() -> None:
    out = boilerstrip.clean(HTML)
    for paragraph in ARTICLE:
        assert paragraph in out
    assert "<p>" not in out and "var x" not in out and "color:red" not in out
    assert "Secret hidden text" not in out
    assert "All rights reserved" not in out


def test_html_bytes_with_declared_charset() -> None:
    html = HTML.replace("<head>", '<head><meta charset="windows-1252">').replace("1950s", "1950s café")
    out = boilerstrip.clean(html.encode("windows-1252"))
    assert "1950s café" in out


def test_text_that_mentions_tags_stays_text() -> None:
    text = "How to make text bold\nWrap the words in <b> and </b> tags, and the browser shows them in bold type."
    assert not looks_like_html(text)
    assert boilerstrip.clean(text, input_format="text") == boilerstrip.clean(text)


def test_broken_and_deep_html_does_not_crash() -> None:
    assert isinstance(boilerstrip.clean("<html><body><p>unclosed <div><b>" * 100), str)
    deep = "<html><body>" + "<div>" * 10_000 + "<p>" + ARTICLE[0] + "</p>" + "</div>" * 10_000 + "</body></html>"
    assert isinstance(boilerstrip.clean(deep), str)

"""The compiled core against its pure-Python twin: the same counts, the same output.

Skipped where the extension was not built (no C compiler at install); CI builds it and runs these.
"""

from __future__ import annotations

from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import boilerstrip
from boilerstrip import features, html, pagetype, score, select
from boilerstrip.lexicon import function_words
from boilerstrip.phrases import markup

from .conftest import FIXTURES

pytestmark = pytest.mark.skipif(features._compiled_counts is None, reason="the compiled core is not built")

# Characters that test the edges: white space of several kinds, digits of other scripts, title-case
# digraphs, cased and uncased letters, combining marks, CJK, emoji.
_EDGES = " \t\u00a0\u2003\u3000\u1680\u2028\x1c\x85Aaǅǈ1١५²ⅫßİŉΣσςÉé\u0301中文😀-_'.,"
_LINE = st.text(alphabet=st.sampled_from(_EDGES) | st.characters(blacklist_categories=["Cs"]), max_size=600)


def _pure(lines: list[str], low: list[str]) -> np.ndarray:
    with patch.object(features, "_compiled_counts", None):  # the pure twin
        return features.token_counts(lines, low, function_words())


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=20))
def test_counts_agree(lines: list[str]) -> None:
    lines = ["".join(line.splitlines()) for line in lines]
    low = [line.lower() for line in lines]
    stop = function_words()
    assert np.array_equal(features.token_counts(lines, low, stop), _pure(lines, low))


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, max_size=10), st.data())
def test_counts_agree_for_any_word_set(lines: list[str], data: st.DataObject) -> None:
    # The compiled core looks tokens up in its own table of the set: words of the lines themselves
    # (any script, astral characters too), words that differ by one character, and the empty word.
    lines = ["".join(line.splitlines()) for line in lines]
    low = [line.lower() for line in lines]
    tokens = sorted({t for line in low for t in line[: features.RATIO_SAMPLE_CHARS].split()})
    picked = data.draw(st.lists(st.sampled_from(tokens), max_size=8)) if tokens else []
    stop = frozenset(picked + [t[:-1] + "x" for t in picked] + ["", "the"])
    compiled = features.token_counts(lines, low, stop)
    pure, features._compiled_counts = features._compiled_counts, None
    try:
        assert np.array_equal(compiled, features.token_counts(lines, low, stop))
    finally:
        features._compiled_counts = pure


def test_the_word_table_takes_only_a_frozenset_of_str() -> None:
    from boilerstrip._speedups import word_table

    with pytest.raises(TypeError):
        word_table({"the"})
    with pytest.raises(TypeError):
        word_table(frozenset({"the", 1}))


_SHORT = st.sampled_from(["by ", "von\u00a0", "di", "door  ", "автор ", "przez", "3 days ago", "jan 5", "12.3.2024",
                          "share", "privacy policy", "related posts", "home", "»", "x", " ", "\t"])  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_SHORT | _LINE, max_size=6).map("".join), max_size=12), st.data())
def test_the_short_lines_tests_agree(lines: list[str], data: st.DataObject) -> None:
    # Dates, phrases, section headers, navigation items and bylines, each within its line's word limit.
    low = ["".join(line.splitlines()).lower() for line in lines]
    words = np.array(data.draw(st.lists(st.sampled_from([1.0, 3.0, 4.0, 5.0, 6.0, 7.0, 20.0, 21.0]),
                                        min_size=len(low), max_size=len(low))))  # fmt: skip
    compiled = features._short_line_tests(low, words, features._matcher(low, words <= 20))
    core, features._compiled_tests = features._compiled_tests, None
    try:
        pure = features._short_line_tests(low, words, features._matcher(low, words <= 20))
    finally:
        features._compiled_tests = core
    assert np.array_equal(compiled, pure)


def test_counts_of_a_known_line() -> None:
    got = features.token_counts(["The 2 Rivers of Ǆurđevac and 1999 ¹"], ["the 2 rivers of ǆurđevac and 1999 ¹"],
                                frozenset({"the", "of", "and"}))  # fmt: skip
    # 8 tokens; title-cased: The, Rivers, Ǆurđevac; digits: 2, 1999, ¹ (str.isdigit() says so); stop: the, of, and
    assert got.tolist() == [[8, 3, 3, 3]]


def _pure_forest(forest: score.Forest, x: np.ndarray) -> np.ndarray:
    with patch.object(score, "_compiled_forest", None):  # the pure twin
        return forest(x)


@pytest.mark.parametrize("which", [0, 1], ids=["pass 1", "pass 2"])
@pytest.mark.parametrize("model", ["html", "text"])
def test_the_trees_give_the_same_scores(model: str, which: int) -> None:
    # 150 trees (html) and 75 (text); 700 rows: the compiled walk takes blocks of 64 rows, eight side by side,
    # then the block's rest one at a time.
    forest = getattr(score.models(), model)._forests[which]
    columns = int(forest.feature.max()) + 1
    rows = np.random.default_rng(which).normal(0.0, 2.0, size=(700, columns))
    rows[::5, ::3] = np.nan  # a missing value goes left, in both
    rows[1::7, ::4] = np.inf
    rows[2::9] = 0.0
    assert np.array_equal(forest(rows), _pure_forest(forest, rows))


@pytest.mark.parametrize("which", [0, 1], ids=["pass 1", "pass 2"])
@pytest.mark.parametrize("model", ["html", "text"])
def test_the_trees_expanding_rows_themselves_give_the_same_scores(model: str, which: int) -> None:
    # The compiled core expands each row from the base features as it walks it (Forest.from_base):
    # the same sums as the pure walk over features.expand's rows. Values right on the bins' edges,
    # NaN and infinities, prose of 0, 1 and between; 700 rows (blocks of 64 and a rest).
    forest = getattr(score.models(), model)._forests[which]
    rng = np.random.default_rng(which)
    base = rng.normal(0.5, 1.0, size=(700, len(features.BASE_NAMES)))
    edges = np.concatenate([e for _, _, e in features.BIN_SOURCES])
    for _, source, _ in features.BIN_SOURCES:
        base[::3, source] = rng.choice(edges, size=len(base[::3]))
    base[::5, ::3] = np.nan
    base[1::7, ::4] = np.inf
    base[2::11, features.COLUMN["prose"]] = 1.0
    tail = rng.normal(0.0, 2.0, size=(700, len(forest.names) - len(features.NAMES)))
    assert forest.compiled
    with np.errstate(invalid="ignore"):  # inf x 0 in an interaction: NaN in both
        full = np.hstack((features.expand(base), tail))
    assert np.array_equal(forest.from_base(base, tail), _pure_forest(forest, full))


def test_the_compiled_trees_refuse_rows_that_do_not_fit() -> None:
    forest = score.models().text._forests[0]
    with pytest.raises(ValueError):
        forest.from_base(np.zeros((3, len(features.BASE_NAMES) - 1)), np.zeros((3, 0)))
    with pytest.raises(ValueError):
        forest.from_base(np.zeros((3, len(features.BASE_NAMES))), np.zeros((2, 1)))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(-3.0, 3.0) | st.sampled_from([0.0, -0.0, 0.5, -0.5, 1e-17]), max_size=40))
def test_the_best_stretch_agrees(values: list[float]) -> None:
    array = np.array(values, dtype=np.float64)
    core, score._compiled_stretch = score._compiled_stretch, None
    try:
        pure = score.best_stretch(array)
    finally:
        score._compiled_stretch = core
    assert score.best_stretch(array) == pure == score.best_stretch(values)


def test_trees_whose_indices_leave_their_arrays_are_refused() -> None:
    from boilerstrip._speedups import forest_sum

    ids = np.array([0], dtype=np.intp)
    tables = (np.array([np.inf]), np.array([1.5]))
    assert np.frombuffer(forest_sum(np.zeros(10), 5, ids, ids, ids, *tables, 3), dtype=np.float64).tolist() == [
        1.5,
        1.5,
    ]
    with pytest.raises(ValueError, match="out of range"):
        forest_sum(np.zeros(10), 5, ids, np.array([5], dtype=np.intp), ids, *tables, 3)
    with pytest.raises(ValueError, match="out of range"):
        forest_sum(np.zeros(10), 5, ids, ids, np.array([7], dtype=np.intp), *tables, 3)
    with pytest.raises(ValueError, match="do not fit"):
        forest_sum(np.zeros(11), 5, ids, ids, ids, *tables, 3)


@pytest.mark.parametrize("path", sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".txt", ".html")),
                         ids=lambda p: p.name)  # fmt: skip
def test_same_output_without_the_core(path) -> None:
    page = path.read_text(encoding="utf-8")
    compiled = boilerstrip.clean(page)
    parts = [
        (features, "_compiled_counts"),
        (features, "_compiled_phrases"),
        (features, "_compiled_dates"),
        (features, "_compiled_marks"),
        (features, "_compiled_window"),
        (features, "_compiled_shapes"),
        (pagetype, "_compiled_scan"),
        (score, "_compiled_forest"),
        (html, "_compiled"),
        (html, "_compiled_names"),
        (select, "_compiled_alnum"),
    ]
    saved = [getattr(module, name) for module, name in parts]
    for module, name in parts:
        setattr(module, name, None)
    try:
        assert boilerstrip.clean(page) == compiled
    finally:
        for (module, name), value in zip(parts, saved):
            setattr(module, name, value)


def _walked(markup: str) -> html.HtmlPage:
    return html.html_page(markup)


def _walked_in_python(markup: str) -> html.HtmlPage:
    compiled, names = html._compiled, html._compiled_names
    html._compiled = html._compiled_names = None
    try:
        return html.html_page(markup)
    finally:
        html._compiled, html._compiled_names = compiled, names


def _same_page(a: html.HtmlPage, b: html.HtmlPage) -> bool:
    return (a.text == b.text and a.title == b.title and np.array_equal(a.columns, b.columns)
            and np.array_equal(a.containers, b.containers) and np.array_equal(a.author_box, b.author_box)
            and np.array_equal(a.related_box, b.related_box))  # fmt: skip


needs_walk = pytest.mark.skipif(html._compiled is None, reason="the compiled walk is not built")


@needs_walk
@pytest.mark.parametrize("path", sorted(FIXTURES.rglob("*.html")), ids=lambda p: p.name)
def test_the_walks_give_the_same_lines_on_the_fixtures(path) -> None:
    markup = path.read_text(encoding="utf-8")
    page = _walked(markup)
    assert page.text.count("\n") > 5
    assert _same_page(page, _walked_in_python(markup))


# Pieces of markup the two walks must read alike: containers, hidden and collapsed elements, links
# and in-page anchors, <pre> with every kind of line break, white space that is and is not ASCII,
# entities, comments, controls, class names that mean something, ruby, odd tags, invisible characters.
_OPEN = ["<div>", "<p>", "<li>", "<pre>", "<nav>", "<aside>", "<article>", "<section class='post-content'>",
         "<div class='share-buttons'>", "<div id='comments'>", "<span>", "<b>", "<a href='/x'>", "<a href='#top'>",
         "<a>", "<td>", "<h1>", "<h3>", "<div hidden>", "<div aria-hidden='true'>", "<div style='display: NONE'>",
         "<div class='hidden md:block'>", "<div class='faq-answer' hidden>", "<div role='navigation'>",
         "<div role='Main'>", "<div class='sr-only'>", "<button>", "<noscript>", "<blockquote>", "<figure>",
         "<div class='author-box'>", "<ul class='related-posts'>", "<Foo:Bar>", "<ruby>", "<rt>", "<form>",
         "<div class='Related-Links' id='x'>", "<div class='a/b c/d'>", "<em>"]  # fmt: skip
_TEXT = ["Hello world.", "  ", "\n\t", "\u00a0", "a\r\nb\nc\u2028d", "x\x0cy", "&amp; &lt;tag&gt; &#x2014;",
         "<!-- a comment -->", "<br>", "<br/>", "<hr>", "\u200b", "\u00ad", "漢字", "Σ word ΣΑΣ", "<img src=x>",
         "<script>var a = '<p>no</p>';</script>", "<style>p {}</style>", "¶", "#", "A line. " * 40]  # fmt: skip


@st.composite
def _markup(draw: st.DrawFn) -> str:
    parts, open_tags = [], []
    for _ in range(draw(st.integers(1, 60))):
        action = draw(st.integers(0, 2))
        if action == 0:
            tag = draw(st.sampled_from(_OPEN))
            parts.append(tag)
            open_tags.append(tag[1:].split()[0].rstrip(">"))
        elif action == 1 and open_tags:
            parts.append(f"</{open_tags.pop()}>")
        else:
            parts.append(draw(st.sampled_from(_TEXT)))
    title = draw(st.sampled_from(["", "<title>A  page</title>"]))
    return f"<html><head>{title}</head><body>{''.join(parts)}</body></html>"


@needs_walk
@settings(max_examples=400, deadline=None)
@given(_markup())
def test_the_walks_give_the_same_lines(markup: str) -> None:
    assert _same_page(_walked(markup), _walked_in_python(markup))


@needs_walk
def test_the_compiled_walk_reads_what_the_python_walk_reads() -> None:
    markup = ("<html><head><title>T</title></head><body><nav><a href='/a'>Home</a></nav>"
              "<article><h1>Head line</h1><p>One <b>two</b>\n three.</p><pre>x = 1\r\ny = 2</pre>"
              "<div hidden>gone</div><div class='faq-answer' hidden>kept</div></article></body></html>")  # fmt: skip
    page = _walked(markup)
    assert page.text.split("\n") == ["T", "Home", "Head line", "One two three.", "x = 1", "y = 2", "kept"]
    assert _same_page(page, _walked_in_python(markup))
    with pytest.raises(TypeError, match="lxml element"):
        html._compiled.walk("<p>", None, None, None, None, {}, -1, html._WALK_TABLES)


@needs_walk
def test_a_tree_the_compiled_walk_does_not_handle_is_walked_in_python(monkeypatch) -> None:
    from lxml import etree

    # The HTML parser drops comments; a tree from elsewhere may hold them (and namespaced elements).
    def tree() -> etree._Element:
        return etree.fromstring("<html><body><div><!-- note --><p>Kept text.</p><x:y xmlns:x='u'>Odd</x:y></div>"
                                "</body></html>")  # fmt: skip

    with pytest.raises(html._compiled.Unsupported):
        html._compiled.walk(tree(), html._Skipper(tree()), None, html._attr_flags, html._hiding_classes, {}, -1,
                            html._WALK_TABLES)  # fmt: skip
    monkeypatch.setattr(html, "parse", lambda markup: tree())
    page = _walked("<p>ignored</p>")
    assert page.text.split("\n") == ["Kept text.", "Odd"]
    assert _same_page(page, _walked_in_python("<p>ignored</p>"))


def _phrase_pieces() -> list[str]:
    from boilerstrip.phrases import _PHRASES, _split

    spaced = _split(_PHRASES["LINE"])[0]
    return spaced[:: max(1, len(spaced) // 300)]


# Lines made of boilerplate phrases (whole, cut, or with their spaces, hyphens and apostrophes
# swapped for the other forms the pattern accepts) among word characters, white space and marks.
_PIECE = st.sampled_from(_phrase_pieces()).flatmap(
    lambda p: st.sampled_from([p, p[:-1], p[1:], p.replace(" ", "  "), p.replace(" ", "\t"), p.replace("-", ""),
                               p.replace("-", " "), p.replace("-", "–"), p.replace("'", "’"), p.upper()])
)  # fmt: skip
_GLUE = st.sampled_from(["", " ", "x", "_", "1", "-", "(", ".", "\u00a0", "\u2028", "é", "中", "'", "’s", "\x0b"])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(st.one_of(_PIECE, _GLUE), max_size=6).map("".join), max_size=12))
def test_phrase_trie_finds_what_the_pattern_finds(lines: list[str]) -> None:
    from boilerstrip.phrases import LINE_RE

    lines = [line.replace("\n", " ") for line in lines]
    found = features._compiled_phrases(features._line_trie, lines)
    assert [bool(hit) for hit in found] == [LINE_RE.search(line) is not None for line in lines]


def test_a_broken_phrase_table_is_refused() -> None:
    from boilerstrip._speedups import phrase_table

    from boilerstrip.phrases import LINE_TRIE

    table = np.frombuffer(LINE_TRIE, dtype=np.int32).copy()
    phrase_table(table.tobytes())
    table[2 + 4 * int(table[0]) + 2] = 0  # the first edge leads back to the root
    with pytest.raises(ValueError, match="not a flattened trie"):
        phrase_table(table.tobytes())
    with pytest.raises(ValueError, match="not a flattened trie"):
        phrase_table(LINE_TRIE[:-4])


needs_names = pytest.mark.skipif(html._compiled_names is None, reason="the compiled name reader is not built")

# Class and id names built of the fragments (whole, cut, upper-cased) and what may stand beside them:
# token characters and others, white space of several kinds, letters whose lower case differs in length.
_NAME_PIECES = sorted({*markup.BOILER_FRAGMENTS, *markup.BOILER_WORDS, *markup.COMMENT_FRAGMENTS,
                       *markup.CONTENT_FRAGMENTS, *markup.AUTHOR_FRAGMENTS, *markup.RELATED_FRAGMENTS,
                       *markup.CONSENT_FRAGMENTS, *markup.POST_BODY_NAMES, *markup.POST_NAMES})  # fmt: skip
_NAME_PIECE = st.sampled_from(_NAME_PIECES).flatmap(lambda p: st.sampled_from([p, p[:-1], p[1:], p.upper(), p.title()]))
_NAME_GLUE = st.sampled_from(["", " ", "  ", "\t", "\n", "\u00a0", "\u2028", "\x1c", "-", "_", "x", "Q", "1", "é",
                              "İ", "Σ", "ẞ", "ﬀ", "中", ":", "/"])  # fmt: skip
_NAMES = st.lists(st.one_of(_NAME_PIECE, _NAME_GLUE), max_size=10).map("".join)


@needs_names
@settings(max_examples=500, deadline=None)
@given(_NAMES, _NAMES)
@example("nav ad-x x-ad ad1 bad ADS", "related Related-posts")
@example("ПОХОЖИЕ-статьи İnav\u00a0ad", "x\u0130ad ﬀooter ΣAD")
def test_name_flags_are_what_the_patterns_give(classes: str, ident: str) -> None:
    assert html._compiled_names(classes, ident) == html._attr_flags.__wrapped__(classes, ident)


@needs_names
def test_name_flags_of_known_names() -> None:
    # a whole-token word only as a token; a related box named by its classes, never by its id
    assert html._compiled_names("ad header-ad", "") == html.BOILER
    assert html._compiled_names("shadow", "") == 0
    assert html._compiled_names("Related-Posts", "") == html.BOILER | html.RELATED
    assert html._compiled_names("", "related-posts") == html.BOILER
    assert html._compiled_names("comment-list", "main-content") == html.COMMENT | html.CONTENT
    # a post container's name only as the whole name
    assert html._compiled_names("hentry Post", "") == html.POST | html.CONTENT  # ("entry" names content)
    assert html._compiled_names("post-title posts", "") == 0
    assert html._compiled_names("", "ENTRY-CONTENT") == html.POST_BODY | html.CONTENT
    assert html._compiled_names("single-entry-content", "") == html.CONTENT


def test_a_broken_name_table_is_refused() -> None:
    from boilerstrip._speedups import name_table

    table = np.frombuffer(html._name_table(), dtype=np.int32).copy()
    name_table(table.tobytes())
    table[2 + 5 * int(table[0]) + 1] = 0  # the first edge leads back to the root
    with pytest.raises(ValueError, match="not a flattened name trie"):
        name_table(table.tobytes())
    with pytest.raises(ValueError, match="not a flattened name trie"):
        name_table(html._name_table()[:-4])


_HOSTILE = {
    "deep": "<div>" * 20000 + "deep text" + "</div>" * 20000,
    "upper-case markup": "<HTML><BODY><DIV CLASS='Hidden'>gone</DIV><DIV Class='Content'>Kept <B>bold</B></DIV>",
    "odd tags": "<body><über class='x'>Odd tag</über><p>Word<o:p></o:p></p><st1:place>Place</st1:place></body>",
    "nul and surrogate": "<body><p class='a\x00b'>nul\x00 text, bad \ud800 surrogate</p></body>",
    "many attributes": "<body><div " + " ".join(f"a{i}='{i}'" for i in range(2000)) + " class='post'>Text</div>",
    "entities": "<p title='&amp;&lt;&#x1F600;' class='&quot;hidden&quot;'>A &amp; B &#169; &nbsp; &unknown;</p>",
    "pre and breaks": "<pre>line1\r\nline2\rline3\u2028line4<br>line5\n\n</pre><p>after</p>",
    "cdata": "<body><p><![CDATA[cdata text]]> after</p></body>",
    "after the end": "<html><body><p>in</p></body></html><p>after the end</p> trailing text",
    "a control full of text": "<body><button>" + "word " * 500 + "</button><select><option>o</option></select>",
    "in-page links": "<body><h2>Head<a href='#h'> ¶ </a></h2><a href='#x'>¶¶</a><a href='#x'>¶¶¶</a><a href='#x'>#1</a>"
    "<a href='#x'>_</a><a href='#x'>\u00a0§\u3000</a><a href='#x'>¶<b>x</b></a><a href='#x' class='hidden'>text</a>"
    "<a href='#x'><![CDATA[¶]]></a><a href='#x'></a><a href='#'>Top</a><a href='#x' aria-hidden='true'>A</a></body>",
}


@needs_walk
@pytest.mark.parametrize("name", _HOSTILE)
def test_the_walks_agree_on_hostile_markup(name: str) -> None:
    assert _same_page(_walked(_HOSTILE[name]), _walked_in_python(_HOSTILE[name]))


def _whole_line_pieces(kind: str) -> list[str]:
    from boilerstrip.phrases import _PHRASES

    phrases = sorted(set(_PHRASES[kind]))
    return phrases[:: max(1, len(phrases) // 200)]


_MARKS = st.sampled_from(["", " ", "-", "_", "(", ")", ":", "»", "•", "12", "x", "\u00a0", "'", "a" * 39, "a" * 41])


@pytest.mark.parametrize("pattern_name", ["SECTION_RE", "NAVIGATION_RE"])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_whole_line_tries_find_what_the_patterns_find(pattern_name: str, data: st.DataObject) -> None:
    from boilerstrip import phrases

    pattern = getattr(phrases, pattern_name)
    pieces = _whole_line_pieces("SECTION" if pattern_name == "SECTION_RE" else "NAVIGATION")
    piece = st.sampled_from(pieces).flatmap(lambda p: st.sampled_from([p, p[:-1], p.replace(" ", "  "), p + "s"]))
    line = st.tuples(_MARKS, piece, _MARKS, _MARKS).map("".join)
    lines = data.draw(st.lists(line, min_size=1, max_size=10))
    first = pieces[0]
    lines += [f"{first} {'z' * 40}", f"{first} {'z' * 41}", f"_{first}_", f"({first})", f"{first}x", f"x {first}"]
    got = features._anchored(pattern, lines, np.ones(len(lines), dtype=bool))
    assert got.tolist() == [float(pattern.match(s) is not None) for s in lines]


_LINK_MARKS = st.sampled_from(
    ["", " ", "  ", ":", "：", "|", "»", "›", ">", "–", "—", "-", "x", "é", "_", "\u00a0", "\t", "1"]
)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_inline_sections_found_where_the_pattern_finds_them(data: st.DataObject) -> None:
    from boilerstrip.phrases import INLINE_SECTION_RE

    piece = st.sampled_from(_whole_line_pieces("SECTION")).flatmap(lambda p: st.sampled_from([p, p + "s", p[:-1]]))
    line = st.tuples(_MARKS, piece, _LINK_MARKS, _LINK_MARKS, _LINK_MARKS).map("".join)
    lines = data.draw(st.lists(line, min_size=1, max_size=10))
    lines += ["related: x", "related : x", "related:", "related: -", "relatedx: y", "» see also › y", "x related: y"]
    got = features.inline_sections(lines, np.ones(len(lines), dtype=bool))
    assert got == [INLINE_SECTION_RE.match(s) is not None for s in lines]


_DATE_PIECES = ["1", "12", "2024", "12345", "٣", ".", "/", "-", ":", "30", " ", "  ", "\u00a0", "\t", "jan",
                "january", "sept", "dec.", "may", "mo", "day", "days", "hours", "month", "ago", "x", "_", "é", ",",
                "s", "de", "d", "märz", "mär", "mai", "déc", "décembre", "août", "juin", "jui", "mrt", "ä", "z",
                "e", "g", "l", "okt", "gennaio", "março", "ç", "march", "declutter", "sep"]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_DATE_PIECES), max_size=12).map("".join), max_size=10))
@example(["12.3.2024", "1/22/2024x", "12345.1.1", "jan 5", "january. 5", "5 jan", "5  days   ago", "5 dayss ago",
          "9:30", "123:30", "x9:30", "_9:30", "é9:30", "sep5", "١٢:٣٠", "14. märz 2021", "14 de marzo", "mai 2021",
          "okt. 3", "5 déc", "5 déce", "5. mai", "5 de mai", "5 dé", "märzen 5", "mais 5", "123 mai", "3.. mai",
          "le 3 juin", "de 5 mai", "xmai 5", "5 dez", "5 de dezember", "9. declutter first", "9. march 2020",
          "5. mayzlin", "11. jul, 2012"])  # fmt: skip
def test_dates_found_where_the_pattern_finds_them(lines: list[str]) -> None:
    from boilerstrip.features import _DATE

    found = features._compiled_dates(lines)
    assert [bool(hit) for hit in found] == [_DATE.search(line) is not None for line in lines]


@pytest.mark.parametrize("name", features.ENGLISH_MONTHS + features.MONTH_NAMES)
def test_the_core_knows_every_month_name(name: str) -> None:
    """The core holds its own copy of the lists: each name, as a date's month, is found by both."""
    from boilerstrip.features import _DATE

    lines = [f"5 {name}", f"5. {name} 2021", f"{name} 2021", f"5 de {name}", f"5 {name}x", f"x{name} 5"]
    found = list(features._compiled_dates(lines))
    assert found[:4] == [1, 1, 1, 1] and found[5] == 0
    assert found == [int(_DATE.search(line) is not None) for line in lines]


_MARK_PIECES = ["|", "•", "·", "»", "›", "http:", "https:", "http", "HTTP:", "www.", "WWW.", "ww.", ".com", ".COM",
                "com", "©", "(c)", "(C)", "(c", ".", "!", "?", "。", "！", "？", '"', "'", "”", "’", ")", "]", " ",
                "\t", "\u00a0", "\u3000", "\u2028", "x", "_", "é", "İ", "٣", "中"]  # fmt: skip


def _pure_marks(lines: list[str], low: list[str]) -> np.ndarray:
    with patch.object(features, "_compiled_marks", None):  # the pure twin
        return features.line_marks(lines, low, features._matcher(low, np.ones(len(low), dtype=bool)))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_MARK_PIECES), max_size=16).map("".join), max_size=10))
@example(["a.com", "a.com.", "a.comb", "a.com_", "a.com٣", "x. y", "end.", 'he said." ok', "?!?!?!?!?!?!", "a.)x",
          "|||||||", "(C) 2024", "HTTPS://x", "wwww.x"])  # fmt: skip
def test_line_marks_count_what_the_patterns_count(lines: list[str]) -> None:
    low = [line.lower() for line in lines]
    compiled = features.line_marks(lines, low, features._matcher(low, np.ones(len(low), dtype=bool)))
    assert compiled.tolist() == _pure_marks(lines, low).tolist()


def test_line_marks_refuse_what_they_cannot_count() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        features._compiled_marks(["a"], [], 5, 10)
    with pytest.raises(TypeError, match="must be str"):
        features._compiled_marks([b"a"], ["a"], 5, 10)


def _pure_cohesion(low: list[str], is_long: np.ndarray, stop: frozenset[str]) -> np.ndarray:
    with patch.object(features, "_compiled_cohesion", None):  # the pure twin
        return features._cohesion(low, is_long, stop)


_COHESION_WORDS = st.sampled_from(
    ["river", "rivers", "bridge", "the", "with", "their", "ßtraße", "straße", "½½½½", "ⅻⅻⅻⅻ", "٣٣٣٣", "under_score",
     "中文中文", "ǅǆǅǆ", "é\u0301toile", "abc", "abcd", "😀😀😀😀", "x1yz", "wörter", "İİİİ"]
)  # fmt: skip
_COHESION_LINE = st.lists(_COHESION_WORDS | _LINE, max_size=30).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_COHESION_LINE, st.booleans()), max_size=12))
@example([("river bridge river", True), ("the river", False), ("bridge", True), ("", True), ("½½½½ ⅻⅻⅻⅻ", True)])
def test_cohesion_is_the_same_doubles(lines: list[tuple[str, bool]]) -> None:
    low = ["".join(text.splitlines()).lower() for text, _ in lines]
    is_long = np.array([long for _, long in lines], dtype=float)
    stop = function_words()
    got = features._cohesion(low, is_long, stop)
    assert got.tobytes() == _pure_cohesion(low, is_long, stop).tobytes()
    got[:] = 0.0  # writable, as the pure twin's is


def test_cohesion_refuses_what_it_cannot_read() -> None:
    table = features._word_table(function_words())
    with pytest.raises(ValueError, match="a byte per line"):
        features._compiled_cohesion(["a", "b"], b"\x01", table, 4)
    with pytest.raises(ValueError, match="must be a word_table"):
        features._compiled_cohesion(["a"], b"\x01", frozenset(), 4)
    with pytest.raises(TypeError, match="must hold str"):
        features._compiled_cohesion([b"a"], b"\x01", table, 4)


def _pure_window(values: np.ndarray, half: int, include_self: bool) -> np.ndarray:
    # (the pure twin; infinities and NaN on purpose)
    with patch.object(features, "_compiled_window", None), np.errstate(all="ignore"):
        return features.windowed_mean(values, half, include_self=include_self)


_EDGE_VALUES = st.sampled_from([0.0, -0.0, 1.0, 1e308, 5e-324])
_VALUES = st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True), _EDGE_VALUES), max_size=40)


@settings(max_examples=500, deadline=None)
@given(_VALUES, st.integers(0, 45), st.booleans())
@example([-0.0, 0.0, -0.0], 1, False)
@example([0.1, 0.2, 0.3, 1e16, -1e16, 0.7], 2, True)
def test_windowed_means_are_the_same_doubles(values: list[float], half: int, include_self: bool) -> None:
    array = np.array(values, dtype=np.float64)
    got = features.windowed_mean(array, half, include_self=include_self)
    assert got.tobytes() == _pure_window(array, half, include_self).tobytes()
    got[:] = 0.0  # writable, as numpy's is


def test_windowed_means_refuse_what_they_cannot_read() -> None:
    with pytest.raises(ValueError, match="half at least 0"):
        features._compiled_window(np.zeros(3).tobytes(), -1, True)
    with pytest.raises(ValueError, match="must be doubles"):
        features._compiled_window(b"abc", 1, True)


def _pure_shapes(lines: list[str], raws: list[str]) -> np.ndarray:
    with patch.object(features, "_compiled_shapes", None):  # the pure twin
        return features.line_shapes(lines, raws)


# Ends and starts of lines: closing quotes before or after sentence ends and ellipses, colons, bullets,
# capitals and cased letters of other kinds (title-case digraphs, uncased letters), spaces and commas.
_SHAPE_PIECES = ["a", "A", "ǅ", "ß", "ΣΑΣ", "中", "1", " ", "  ", "\t", ",", ".", "...", "..", "…", "!", "?", "。",
                 "！", "？", ":", "：", '"', "'", "”", "’", "»", ")", "]", "•", "-", "*", "–", "→", "+", ">", "\u00a0",
                 "x.)", "İ", "Ⅻ", "ⅻ"]  # fmt: skip
_SHAPE_LINE = st.lists(st.sampled_from(_SHAPE_PIECES), min_size=1, max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(_SHAPE_LINE, st.sampled_from(["", " ", "\t", "x", "\u3000"])), max_size=12))
@example([("THE END.”", " "), ("Read more...)", "\t"), ("”’", ""), ("A", "x"), ("ǅ", "x"), ("Σ", "x")])
def test_line_shapes_are_what_the_str_methods_say(pairs: list[tuple[str, str]]) -> None:
    lines = [line for line, _ in pairs]
    raws = [indent + line for line, indent in pairs]
    got = features.line_shapes(lines, raws)
    assert got.shape == (len(lines), len(features.SHAPE_NAMES))
    assert got.tolist() == _pure_shapes(lines, raws).tolist()


def test_line_shapes_of_known_lines() -> None:
    lines, raws = ["Read more...”", "ALL CAPS: ", "• an item, and more", "”’"], ["", "\tALL CAPS: ", " • an", "”’"]
    got = features.line_shapes(lines, raws)
    assert got.tolist() == _pure_shapes(lines, raws).tolist()
    # chars, spaces, commas, sentence, ellipsis, colon, capitals, indented (an empty raw line counts), bullet
    assert got.tolist() == [[13, 1, 0, 0, 1, 0, 0, 1, 0], [10, 2, 0, 0, 0, 0, 1, 1, 0], [19, 4, 1, 0, 0, 0, 0, 1, 1],
                            [2, 0, 0, 0, 0, 0, 0, 0, 0]]  # fmt: skip


def test_line_shapes_refuse_what_they_cannot_read() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        features._compiled_shapes(["a"], [], "", "", "", "", "", ())
    with pytest.raises(TypeError, match="must be str"):
        features._compiled_shapes([b"a"], ["a"], "", "", "", "", "", ())


def _pure_normal(texts: list[str]) -> list[str]:
    with patch.object(select, "_compiled_alnum", None):  # the pure twin
        return select._normal_lines(texts)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=20))
@example(["A_b c-d", "x\u00adY", "Ǆ²½٣ Ⅻİŉ", "中文，日本語。", "😀 _ 😀", ""])
def test_normal_forms_keep_what_the_pattern_keeps(texts: list[str]) -> None:
    texts = ["".join(text.splitlines()) for text in texts]
    assert select._normal_lines(texts) == _pure_normal(texts)


def test_normal_form_is_the_alphanumerics_of_every_script() -> None:
    # (it keeps case: _normal_lines lowers the text first)
    assert select._compiled_alnum("Île-de-France, 2024_x!\n٣ ½ — “ok”") == "ÎledeFrance2024x\n٣½ok"
    with pytest.raises(TypeError, match="must be a str"):
        select._compiled_alnum(b"bytes")


def _pure_spaceless(lines: list[str]) -> bool:
    with patch.object(features, "_compiled_in_ranges", None):  # the pure twin
        return features._holds_spaceless(lines)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=20))
@example(["plain", "café “quoted” – dash", "中文", "ไทย", "\u0e7f", "\u0e80", "\u2e7f", "\U0003ffff", "\U00040000"])
def test_spaceless_lines_found_where_the_pattern_finds_them(lines: list[str]) -> None:
    lines = ["".join(line.splitlines()) for line in lines]
    assert features._holds_spaceless(lines) is _pure_spaceless(lines)


def test_the_ranges_are_the_patterns_at_every_code_point() -> None:
    ranges = features._compiled_in_ranges
    found = [chr(c) for c in range(0x110000) if ranges([chr(c)], features._SPACELESS_BOUNDS)]
    assert found == [chr(c) for c in range(0x110000) if features._SPACELESS_BLOCKS.match(chr(c))]
    assert ranges(["a", "é", "\u00ff"], "\u00e9\u00e9") and not ranges(["a", "\u00ff"], "\u00e9\u00e9")
    with pytest.raises(ValueError, match="pairs"):
        ranges(["x"], "abc")
    with pytest.raises(TypeError, match="must be a str"):
        ranges([b"bytes"], "ab")


_MARKUP_PIECES = ['class="', "class='", "class=", "post", "post-", "xpost", "replies", "grid-item", "card", "cards",
                  '"', "'", " ", "\t", "\u00a0", "_", "-", "/", '"article"', '/product"', "article", "review", "smf",
                  "discourse", "in stock", "<pre", "<code", "<time", "<form", "<table", ">", "x", "é", "٣", "中",
                  "canonical", "og:url", "og:type", "content=", "$", "€", "£", "₹", "eur", "zł", "kč", "1", "add ",
                  "add-", "to ", "cart", "product", "\n"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_MARKUP_PIECES), max_size=40).map("".join))
@example('class="post class="post" class=\'a"card-x\' class="tile')
@example('"article""product" /review" "Review" smfsmf <pre> <prex <code_ $1 €€ 5eur add add to cart')
@example('"article"product" "x"/offer"')
def test_markup_scan_reads_what_the_patterns_read(low: str) -> None:
    compiled = pagetype._scan(low)
    saved, pagetype._compiled_scan = pagetype._compiled_scan, None
    try:
        assert compiled == pagetype._scan(low)
    finally:
        pagetype._compiled_scan = saved


def test_markup_scan_counts_as_str_count_and_finds_as_str_find() -> None:
    text = "aaaaa <pre <prex <pre>"
    plain, bounded, _, _, places = pagetype._compiled_scan(text, ("aa",), ("<pre",), (), (), ("aa",))
    assert plain == ["aaaaa".count("aa")] and bounded == [2] and places == [[0, 1, 2, 3]]


def test_markup_scan_refuses_empty_needles() -> None:
    with pytest.raises(ValueError, match="non-empty"):
        pagetype._compiled_scan("abc", ("",), (), (), (), ())
    with pytest.raises(ValueError, match="groups"):
        pagetype._compiled_scan("abc", (), (), (), ("post",), ())


def test_month_names_fit_the_cores_index() -> None:
    """The core files the month names under their first letter, ASCII and at most 16 a letter."""
    from collections import Counter

    names = features.ENGLISH_MONTHS + features.MONTH_NAMES
    assert all(name[0].isascii() and name[0].isalpha() for name in names)
    assert max(Counter(name[0] for name in names).values()) <= 16


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_EDGES + '"\\\x00\x01\x08\x0c\n\r\t\x1f\x7f\ud83d\udc00') | st.characters()))
@example('"\\\n\x00 ü 😀 \ud83d')
@example("")
def test_json_strings_are_the_json_modules(text: str) -> None:
    # The corpus job writes a row's text with the compiled writer: every character, lone
    # surrogates and control characters too, as json.dumps(ensure_ascii=False) writes it.
    import json

    from boilerstrip.corpus import job

    assert job._JSON_STRING is not None
    assert job._JSON_STRING(text) == json.dumps(text, ensure_ascii=False)
    rows = [{"id": text, "url": None, "text": text}, {"id": "1", "text": text, "n": 3, "meta": {text: [text]}}]
    for row in rows:
        assert job._encode(row) == json.dumps(row, ensure_ascii=False)

"""Text hygiene: invisible characters, composed Unicode and ruby readings, in text and HTML input alike."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

import boilerstrip
from boilerstrip.segment import segment

PARAGRAPHS = [
    "Die Bundes\u00adregierung hat am Dienstag beschlossen, die Förder\u00admittel für den Nahverkehr deutlich "
    "zu erhöhen, wie ein Sprecher in Berlin sagte.",
    "Der Verkehrs\u00administer sprach von einem wichtigen Signal für die Länder, die seit Jahren mehr Geld für "
    "Busse und Bahnen fordern.",
    "Kritik kam von der Opposition, die den Plan für zu klein hält und eine dauerhafte Lösung für die "
    "Finanzierung verlangt.",
]
PAGE = "Startseite\nPolitik\n" + "\n".join(PARAGRAPHS) + "\nTeilen\n© 2025 Zeitung"


def test_soft_hyphens_are_removed_inside_words() -> None:
    out = boilerstrip.clean(PAGE)
    assert "\u00ad" not in out
    assert "Die Bundesregierung hat am Dienstag" in out and "Verkehrsminister" in out and "Fördermittel" in out


def test_soft_hyphens_in_html() -> None:
    html = "<html><body><h1>Mehr Geld für Busse</h1>" + "".join(
        "<p>" + p.replace("\u00ad", "&shy;") + "</p>" for p in PARAGRAPHS
    )
    out = boilerstrip.clean(html + "</body></html>")
    assert "\u00ad" not in out and "Die Bundesregierung hat am Dienstag" in out


def test_decomposed_unicode_comes_out_composed() -> None:
    decomposed = unicodedata.normalize("NFD", PAGE)
    assert decomposed != PAGE
    out = boilerstrip.clean(decomposed)
    assert unicodedata.is_normalized("NFC", out)
    assert out == boilerstrip.clean(PAGE)
    assert "Die Bundesregierung hat am Dienstag beschlossen, die Fördermittel" in out


def test_zero_width_spaces_go_and_joiners_stay_inside_words() -> None:
    english = "The zero\u200bwidth space and the word\u2060joiner hide in this sentence about the harbour wall."
    persian = "می\u200cخواهم این گزارش را تا آخر بخوانم، چون درباره‌ی آینده‌ی شهر ما نوشته شده است."
    page = segment(f"\ufeff{english}\n\u200b\n\u200d{persian}\u200c")
    assert page.texts[0].startswith("The zerowidth space and the wordjoiner hide")
    assert len(page) == 2  # the line of a lone zero-width space is blank
    assert page.blank_after[0] and page.blank_before[1]
    assert page.stripped[1] == persian  # inner joiners kept (Persian needs them), outer ones dropped
    assert "\u200c" in page.texts[1] and "\u200b" not in page.texts[1]


def test_clean_pages_are_left_as_they_are() -> None:
    text = "First line, plain.\n  Indented second line with café and 東京.\n"
    page = segment(text)
    assert page.texts is page.raws
    assert page.texts == ["First line, plain.", "  Indented second line with café and 東京."]


RUBY = (
    "<html><head><title>東京の天気</title></head><body><h1>東京で大雨</h1>"
    "<p>今日は<ruby>東京<rp>(</rp><rt>とうきょう</rt><rp>)</rp></ruby>で<ruby>大雨<rt>おおあめ</rt></ruby>が降り、"
    "多くの電車が止まりました。<ruby>気象庁<rt>きしょうちょう</rt></ruby>によると、明日も雨が続く見込みです。</p>"
    "<p>駅には帰宅できない人が集まり、<ruby>駅員<rt>えきいん</rt></ruby>が案内に追われました。"
    "週末には天気が回復する予報が出ています。</p></body></html>"
)


def test_ruby_readings_are_not_read_into_the_sentence() -> None:
    out = boilerstrip.clean(RUBY)
    assert "今日は東京で大雨が降り、多くの電車が止まりました。気象庁によると、明日も雨が続く見込みです。" in out
    assert "駅には帰宅できない人が集まり、駅員が案内に追われました。" in out
    assert "とうきょう" not in out and "(" not in out and "きしょうちょう" not in out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab é\u00ad\u200b\u2060\ufeff\u200c\u200de\u0301", max_size=12), max_size=6))
def test_the_invisible_characters_go_as_translate_drops_them(lines: list[str]) -> None:
    # segment drops them line by line with str.replace, where the page holds them: str.translate's text.
    from boilerstrip.segment import _INVISIBLE, _drop_invisible

    present = [char for char in _INVISIBLE if any(char in line for line in lines)]
    assert _drop_invisible(lines, present) == [line.translate(dict.fromkeys(map(ord, _INVISIBLE))) for line in lines]

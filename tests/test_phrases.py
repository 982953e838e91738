"""The phrase data of every language compiles and matches what it is meant to."""

from __future__ import annotations

import importlib

import pytest

from boilerstrip.phrases import LANGUAGES, LINE_RE, LINE_SPACELESS_RE, NAVIGATION_RE, SECTION_RE


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_has_all_three_lists(code: str) -> None:
    module = importlib.import_module(f"boilerstrip.phrases.{code}")
    for kind in ("SECTION", "LINE", "NAVIGATION"):
        phrases = getattr(module, kind)
        assert phrases and all(p == p.strip() and p for p in phrases)


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_section_phrase_matches_as_a_header(code: str) -> None:
    module = importlib.import_module(f"boilerstrip.phrases.{code}")
    for phrase in module.SECTION:
        assert SECTION_RE.match(phrase.lower()), phrase
        assert SECTION_RE.match(phrase.lower() + ":"), phrase


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_line_phrase_is_found_inside_a_line(code: str) -> None:
    module = importlib.import_module(f"boilerstrip.phrases.{code}")
    for phrase in module.LINE:
        line = f"» {phrase.lower()} «"
        assert LINE_RE.search(line) or (LINE_SPACELESS_RE and LINE_SPACELESS_RE.search(line)), phrase


def test_phrases_respect_word_boundaries() -> None:
    assert not LINE_RE.search("the unsubscribed readers")  # "subscribe" inside a word
    assert not NAVIGATION_RE.match("homeless shelters open")
    assert not SECTION_RE.match("relatedness of the two species")


def test_patterns_do_not_cross_line_ends() -> None:
    assert not SECTION_RE.search("you might\nalso like")
    assert not LINE_RE.search("all rights\nreserved")


@pytest.mark.parametrize(
    "line",
    ["اقرأ أيضاً", "اقرأ أيضا: البلدية تعلن مواعيد جديدة", "إقرأ أيضاً", "\u200fمقالات ذات صلة", "الأكثر قراءة",
     "כתבות נוספות", "עוד בנושא:", "הכי נקראים", "İlgili Haberler", "Benzer haberler", "관련 기사", "관련기사",
     "Tin liên quan", "Baca juga: Harga beras naik lagi", "Související články", "Читайте також", "مطالب مرتبط",
     "پربازدیدترین\u200cها", "پربازدیدترین ها"],
)  # fmt: skip
def test_new_languages_section_headers(line: str) -> None:
    assert SECTION_RE.match(line.lower()), line


@pytest.mark.parametrize(
    ("line", "kind"),
    [("جميع الحقوق محفوظة © 2025", "line"), ("شارك على فيسبوك", "line"), ("כל הזכויות שמורות", "line"),
     ("שתפו בוואטסאפ", "line"), ("Tüm hakları saklıdır.", "line"), ("무단 전재 및 재배포 금지", "line"),
     ("카카오톡 공유", "line"), ("Bản quyền thuộc về báo", "line"), ("Kebijakan Privasi", "line"),
     ("Všechna práva vyhrazena.", "line"), ("Усі права захищені", "line"), ("کد خبر: ۱۲۳۴۵۶", "line"),
     ("الرئيسية", "nav"), ("דף הבית", "nav"), ("Ana Sayfa", "nav"), ("홈", "nav"), ("Trang chủ", "nav"),
     ("Beranda", "nav"), ("Domů", "nav"), ("Головна", "nav"), ("صفحه اصلی", "nav")],
)  # fmt: skip
def test_new_languages_boilerplate_lines_and_menu_items(line: str, kind: str) -> None:
    if kind == "line":
        assert LINE_RE.search(line.lower()), line
    else:
        assert NAVIGATION_RE.match(line.lower()), line


@pytest.mark.parametrize(
    "sentence",
    ["Ông chia sẻ rằng dự án sẽ hoàn thành vào cuối năm nay.",  # "share" is everyday Vietnamese
     "Iklan politik dilarang selama masa tenang pemilu.",  # "advertisement"
     "Firmy chtějí sdílet data o zákaznících a posunout ceny nahoru.",  # "to share", "upwards"
     "Президент відмовився підписатися під заявою.",  # "to sign"
     "خروج آمریکا از توافق هسته‌ای بحث‌برانگیز بود.",  # "withdrawal"
     "شارك أكثر من ألف عداء في سباق المدينة.",  # "took part"
     "공유 경제가 빠르게 성장하고 있다."],  # "sharing economy": 공유 only as a whole line
)  # fmt: skip
def test_everyday_words_of_new_languages_do_not_make_a_line_boilerplate(sentence: str) -> None:
    assert not LINE_RE.search(sentence.lower()), sentence
    assert not NAVIGATION_RE.match(sentence.lower()) and not SECTION_RE.match(sentence.lower()), sentence


def test_korean_phrases_keep_word_boundaries() -> None:
    assert LINE_RE.search("기사 공유하기")
    assert not LINE_RE.search("데이터 공유하기가 쉬워졌다")  # a particle glued on makes another word

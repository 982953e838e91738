"""The public contract of clean(): what it accepts, refuses and guarantees."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys

import pytest

import boilerstrip
from boilerstrip import Options

from .conftest import FIXTURES


@pytest.mark.parametrize("bad", [None, 42, 3.5, ["a list"], {"text": "x"}, object()])
def test_wrong_type_is_a_clear_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match=r"clean\(\) takes the page as str .* or bytes, not "):
        boilerstrip.clean(bad)


@pytest.mark.parametrize("empty", ["", "   ", "\n\n\t\n", "\u3000\u00a0", b"", b"  \n"])
def test_empty_or_blank_gives_empty_string(empty: str | bytes) -> None:
    assert boilerstrip.clean(empty) == ""


def test_bytes_utf8_and_str_agree(seed_text: str) -> None:
    assert boilerstrip.clean(seed_text.encode("utf-8")) == boilerstrip.clean(seed_text)


def test_bytes_with_bom_utf16(seed_text: str) -> None:
    assert boilerstrip.clean(seed_text.encode("utf-16")) == boilerstrip.clean(seed_text)


def test_bytes_in_a_legacy_charset_are_detected() -> None:
    text = (FIXTURES / "pages" / "russian-news.txt").read_text(encoding="utf-8")
    out = boilerstrip.clean(text.encode("cp1251"))
    assert "В следующем месяце в центре города" in out


def test_options_are_immutable_and_validated() -> None:
    opts = Options(focus="precision")
    with pytest.raises(dataclasses.FrozenInstanceError):
        opts.focus = "recall"  # type: ignore[misc]
    assert opts.with_changes(focus="recall").focus == "recall" and opts.focus == "precision"
    with pytest.raises(ValueError, match="focus must be one of"):
        Options(focus="fast")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="unknown option"):
        boilerstrip.clean("text", focsu="recall")


def test_focus_trades_precision_for_recall() -> None:
    text = (FIXTURES / "pages" / "forum-thread.txt").read_text(encoding="utf-8")
    precise = boilerstrip.clean(text, focus="precision").splitlines()
    balanced = boilerstrip.clean(text).splitlines()
    generous = boilerstrip.clean(text, focus="recall").splitlines()
    assert len(precise) <= len(balanced) <= len(generous)
    assert len(precise) < len(generous)


def test_keep_title_option(seed_text: str) -> None:
    with_title = boilerstrip.clean(seed_text).splitlines()
    without = boilerstrip.clean(seed_text, keep_title=False).splitlines()
    assert with_title[0].startswith("Senior Iranian") and not without[0].startswith("Senior Iranian")


def test_explain_text_equals_clean_for_every_focus(seed_text: str) -> None:
    for focus in ("precision", "balanced", "recall"):
        assert boilerstrip.explain(seed_text, focus=focus).text == boilerstrip.clean(seed_text, focus=focus)


def test_same_output_in_another_process_with_another_hash_seed(seed_text: str) -> None:
    page = FIXTURES / "pages" / "news-related.txt"
    code = "import sys, boilerstrip; sys.stdout.write(boilerstrip.clean(open(sys.argv[1], encoding='utf-8').read()))"
    outs = {
        subprocess.run(
            [sys.executable, "-c", code, str(page)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONIOENCODING": "utf-8"},
        ).stdout
        for seed in ("1", "2", "12345")
    }
    assert outs == {boilerstrip.clean(page.read_text(encoding="utf-8"))}


def test_order_of_calls_does_not_matter(seed_text: str) -> None:
    pages = [(FIXTURES / "pages" / n).read_text(encoding="utf-8") for n in ("recipe.txt", "product.txt")]
    first = [boilerstrip.clean(p) for p in [seed_text, *pages]]
    second = [boilerstrip.clean(p) for p in reversed([seed_text, *pages])]
    assert first == list(reversed(second))

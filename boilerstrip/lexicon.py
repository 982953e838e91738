"""Word lists: function words of many languages, and the scripts written without spaces.

The function words come from jusText's stoplists (a dependency of trafilatura), which are ordered
by frequency: the head of each list is its language's function words. One union of the heads
keeps stop-word density comparable across languages without a language-identification pass;
whole lists would not (some hold thousands of content words).
"""

from __future__ import annotations

from functools import lru_cache

#: jusText stoplist names whose heads make up the function-word set.
STOPLIST_LANGUAGES: tuple[str, ...] = (
    "English", "German", "French", "Spanish", "Italian", "Portuguese", "Dutch", "Russian", "Polish",
    "Czech", "Slovak", "Swedish", "Danish", "Norwegian_Bokmal", "Finnish", "Hungarian", "Romanian",
    "Turkish", "Indonesian", "Ukrainian", "Greek", "Catalan", "Croatian", "Bulgarian", "Vietnamese",
)  # fmt: skip
#: How many of the most frequent words of each stoplist count as function words.
STOPLIST_HEAD = 200

#: Function characters of Chinese and Japanese (particles, copulas, pronouns): their density in a
#: line plays the part stop words play in spaced scripts. Our own short list.
CJK_FUNCTION_CHARS = frozenset(
    "的了是在和有也就都而及与着或这那我你他她们之其为以于被把从对但并很没不上下中个所可能会要说到"
    "のはがをにでともへやからまでよりですますたしてないこそあるいうこれそれ"
)


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """The union of the stoplist heads (loaded once per process)."""
    words: set[str] = set()
    for name in STOPLIST_LANGUAGES:
        ordered = _ordered_stoplist(name)
        words.update(w.lower() for w in ordered[:STOPLIST_HEAD])
    return frozenset(words)


def _ordered_stoplist(name: str) -> list[str]:
    """A stoplist in file order (frequency order); ``get_stoplist`` returns an unordered set."""
    from importlib.resources import files

    path = files("justext").joinpath("stoplists", f"{name}.txt")
    return [w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip()]

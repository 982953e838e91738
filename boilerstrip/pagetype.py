"""What kind of page this is: article, collection, documentation, forum, listing, product or service.

The seven kinds of today's web that call for different selections (a thread keeps every post, a
listing every card). A page is summed up as one vector: the mean of each block feature over its
blocks, by block and by word, and its size; a softmax model over that vector (fitted by
``scripts/fit_weights.py --mode pagetype``, one for page text and one for HTML, shipped as
``models/pagetype-text.json`` and ``models/pagetype-html.json``) gives a probability per kind.
Nothing learned feeds the vector, so the classifier never sees another model's in-sample output.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import repeat
from typing import Any

import numpy as np

from .limits import HINT_END_CHARS

PAGE_TYPES: tuple[str, ...] = ("article", "collection", "documentation", "forum", "listing", "product", "service")
#: The page-level columns that follow the per-feature means.
SIZE_NAMES: tuple[str, ...] = ("log_words", "log_blocks", "long_word_share")


# What the markup says of itself, by the web's shared conventions (schema.org types in JSON-LD and
# microdata, Open Graph, the generator, the canonical URL's path words, shop and thread furniture).
# Counted over the lower-cased markup; each enters as log(1 + count). Three kinds, each counted the
# cheapest way that gives the count of the plain pattern: a schema.org type is a quoted or slashed
# word (one scan finds them all: ``"Product"``, ``schema.org/Product"``); a generator or shop phrase is
# a literal (``str.count``); the rest are patterns, and a URL's path words are read only where a
# canonical or ``og:url`` link starts (a pattern scanning the whole page for them took 6 ms).
_SCHEMA_TYPES: dict[str, tuple[str, ...]] = {
    "schema_article": ("article", "newsarticle", "blogarticle", "techarticle", "scholarlyarticle", "blogposting",
                       "report"),
    "schema_product": ("product", "productgroup", "offer", "aggregateoffer", "individualproduct"),
    "schema_rating": ("aggregaterating", "review"),
    "schema_forum": ("discussionforumposting", "qapage", "question", "answer", "comment", "socialmediaposting"),
    "schema_list": ("itemlist", "collectionpage", "searchresultspage", "offercatalog", "listitem"),
    "schema_docs": ("techarticle", "apireference", "softwaresourcecode", "howto", "faqpage"),
    "schema_org": ("organization", "corporation", "localbusiness", "service", "softwareapplication", "webapplication"),
}  # fmt: skip
_LITERALS: dict[str, tuple[str, ...]] = {
    "gen_forum": ("discourse", "phpbb", "vbulletin", "xenforo", "invision", "flarum", "nodebb", "vanilla forums",
                  "mybb", "smf"),
    "gen_docs": ("sphinx", "mkdocs", "docusaurus", "gitbook", "readthedocs", "read the docs", "hugo-book", "vitepress",
                 "javadoc", "doxygen"),
    "gen_shop": ("shopify", "magento", "woocommerce", "bigcommerce", "prestashop", "salesforce commerce", "demandware"),
    "cart": ("in den warenkorb", "ajouter au panier", "buy now", "in stock"),
}  # fmt: skip
_URL_STARTS = r"canonical|og:url"  # (no overlap of one with the other, so str.find finds what re does)
#: A price's currency symbol before its number, or its unit after it.
_CURRENCIES = ("$", "€", "£", "¥", "₹")
_UNITS = ("€", "eur", "usd", "zł", "kč")
_URL = rf"(?:{_URL_STARTS})[^>]{{0,200}}/"
_PATTERNS: dict[str, str] = {
    "og_article": r"og:type[\"']\s+content=[\"']article",
    "og_product": r"og:type[\"']\s+content=[\"'](?:product|og:product)",
    "og_website": r"og:type[\"']\s+content=[\"']website",
    "path_product": _URL + r"(?:products?|p|dp|item|itm|pd|pdp|sku)/",
    "path_forum": _URL + r"(?:t|threads?|topics?|forums?|questions?|discussions?|community)/",
    "path_docs": _URL + r"(?:docs?|documentation|api|reference|manual|guides?|learn|wiki)/",
    "path_list": _URL + r"(?:c|category|categories|collections?|shop|tags?|search|browse|b|l)/",
    "path_article": _URL + r"(?:blog|news|articles?|posts?|stories|20\d\d)/",
    "price": rf"[{''.join(_CURRENCIES)}]\s?\d|\d\s?(?:{'|'.join(_UNITS)})\b",  # (counted from _found_at's starts)
    "cart": r"add[ -]to[ -](?:cart|bag|basket|wishlist)",  # plus the literals above
    "class_post": r"class=[\"'][^\"']*\b(?:post|reply|replies|message|topic|thread)[-_\s\"']",
    "class_product": r"class=[\"'][^\"']*\b(?:product|price|sku|variant|swatch)[-_\s\"']",
    "class_card": r"class=[\"'][^\"']*\b(?:card|tile|grid-item|teaser|result)[-_\s\"']",
    "code": r"<pre\b|<code\b",
    "time": r"<time\b",
    "article_tag": r"<article\b",
    "table": r"<table\b",
    "form": r"<form\b",
}
_ORDER: tuple[str, ...] = (
    *_SCHEMA_TYPES, "og_article", "og_product", "og_website", "gen_forum", "gen_docs", "gen_shop", "path_product",
    "path_forum", "path_docs", "path_list", "path_article", "price", "cart", "class_post", "class_product",
    "class_card", "code", "time", "article_tag", "table", "form",
)  # fmt: skip
_COMPILED = {name: re.compile(pattern) for name, pattern in _PATTERNS.items()}
_SCHEMA_WORD = re.compile(r"[\"/]([a-z]+)\"")
HINT_NAMES: tuple[str, ...] = tuple(f"hint_{name}" for name in _ORDER)


# What a page's text says of its kind where no markup is there to read (page text): shop furniture
# (prices, carts), a thread's (one-word action lines under each post, post numbers, "posted", "3 hours
# ago"), code, ratings, a listing's controls and a service page's calls to action. Counted the
# cheapest way, since page text is cleaned at tens of MB/s: a few marks inside lines by ``str.count``
# on the lower-cased text; the furniture that stands on a line of its own (a button's label) by one
# dictionary look-up a line; code by its lines' last character. Each enters as log(1 + count).
_TEXT_MARKS: dict[str, tuple[str, ...]] = {
    "price": ("$", "€", "£"),
    "ago": (" ago",),
    "post_meta": ("posted", "joined"),
    "rating": ("review", "★"),
}
_LINE_KINDS: dict[str, tuple[str, ...]] = {
    "cart": ("add to cart", "add to bag", "add to basket", "buy now", "in stock", "out of stock", "sold out",
             "in den warenkorb", "ajouter au panier"),
    "post_action": ("reply", "quote", "report", "like", "share", "permalink"),
    "list_controls": ("sort by", "sort", "filter", "filters", "load more", "show more", "view all", "results"),
    "calls_to_action": ("contact us", "get started", "learn more", "book now", "get a quote", "request a quote",
                        "book a demo", "request a demo"),
}  # fmt: skip
_LINE_KIND = {phrase: kind for kind, phrases in _LINE_KINDS.items() for phrase in phrases}
_CODE_ENDS = (";", "{", "}")
TEXT_HINT_NAMES: tuple[str, ...] = tuple(
    f"text_hint_{name}" for name in (*_TEXT_MARKS, *_LINE_KINDS, "post_number", "code")
)


def text_hints(lines: Sequence[str]) -> np.ndarray:
    """log(1 + count) of each kind in :data:`TEXT_HINT_NAMES` in a page's lines (a long page's two ends
    only, as :func:`markup_hints` reads markup)."""
    text = "\n".join(lines)
    if len(text) > 2 * HINT_END_CHARS:
        text = text[:HINT_END_CHARS] + "\n" + text[-HINT_END_CHARS:]
    low = text.lower()
    counts = [sum(map(low.count, marks)) for marks in _TEXT_MARKS.values()]
    stripped = low.split("\n")
    kinds = Counter(map(_LINE_KIND.get, stripped))
    counts += [kinds[kind] for kind in _LINE_KINDS]
    counts.append(sum(1 for line in stripped if line[:1] == "#" and line[1:].isdigit()))
    counts.append(sum(map(str.endswith, stripped, repeat(_CODE_ENDS))))
    return np.log1p(counts)


def markup_hints(markup: str) -> np.ndarray:
    """log(1 + count) of each markup convention in :data:`HINT_NAMES`.

    A long page is read at its two ends only (:data:`~boilerstrip.limits.HINT_END_CHARS` each: the
    head with its metadata, the end of the body with its JSON-LD and scripts' data), so the cost
    is bounded; the counts of its middle add nothing the ends do not say.
    """
    if len(markup) > 2 * HINT_END_CHARS:
        markup = markup[:HINT_END_CHARS] + "\n" + markup[-HINT_END_CHARS:]
    low = markup.lower()
    types = Counter(_SCHEMA_WORD.findall(low))
    url_starts = _found_at(low, _URL_STARTS.split("|"))
    counts: list[int] = []
    for name in _ORDER:
        if name in _SCHEMA_TYPES:
            counts.append(sum(types[t] for t in _SCHEMA_TYPES[name]))
        elif name in _LITERALS:
            found = sum(low.count(phrase) for phrase in _LITERALS[name])
            counts.append(found + len(_COMPILED[name].findall(low)) if name in _COMPILED else found)
        elif name.startswith("path_"):
            counts.append(_count_from(_COMPILED[name], low, url_starts))
        elif name == "price":
            counts.append(_count_from(_COMPILED[name], low, _price_starts(low)))
        else:
            counts.append(len(_COMPILED[name].findall(low)))
    return np.log1p(counts)


def _found_at(text: str, needles: Sequence[str], back: tuple[int, ...] = (0,)) -> list[int]:
    """Where each of ``needles`` occurs in ``text`` (``back`` characters before each), by ``str.find``:
    the places a pattern can start, found many times faster than the pattern scans for them."""
    found: list[int] = []
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            found.extend(at - b for b in back if at >= b)
            at = text.find(needle, at + 1)
    return sorted(found)


def _price_starts(text: str) -> list[int]:
    """Where a price can start: at a currency symbol, or at the digit one or two characters before a unit."""
    return sorted(set(_found_at(text, _CURRENCIES) + _found_at(text, _UNITS, back=(1, 2))))


def _count_from(pattern: re.Pattern[str], text: str, starts: list[int]) -> int:
    """Non-overlapping matches of ``pattern`` in ``text`` that start at one of ``starts`` (sorted)."""
    count = end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)):
            count, end = count + 1, match.end()
    return count


def vector_names(block_names: Sequence[str], hints: bool = False, text: bool = False) -> tuple[str, ...]:
    """Names of :func:`page_vector`'s columns for blocks with these feature columns (with the markup's
    hints, or the text's)."""
    return (
        *(f"mean_{n}" for n in block_names),
        *(f"word_mean_{n}" for n in block_names),
        *SIZE_NAMES,
        *(HINT_NAMES if hints else ()),
        *(TEXT_HINT_NAMES if text else ()),
    )


def page_vector(
    columns: np.ndarray | tuple[np.ndarray, ...],
    words: Sequence[float],
    markup: str | None = None,
    lines: Sequence[str] | None = None,
) -> np.ndarray:
    """One row for the page: each block column's mean by block and by word, the page's size, and for
    HTML its markup hints, for page text its text hints.

    ``columns`` may come in parts (the text features, then the HTML ones), read as if side by side:
    a page of a few hundred thousand blocks need not copy them into one matrix.
    """
    parts = columns if isinstance(columns, tuple) else (columns,)
    hints = np.zeros(0)
    if markup is not None:
        hints = markup_hints(markup)
    elif lines is not None:
        hints = text_hints(lines)
    n = len(parts[0])
    if not n:
        return np.concatenate((np.zeros(2 * sum(p.shape[1] for p in parts) + len(SIZE_NAMES)), hints))
    w = np.asarray(words, dtype=float)
    weight = (w + 1.0) / float(np.sum(w + 1.0))
    long_share = float(w[w >= 12].sum() / w.sum()) if w.sum() else 0.0
    size = np.array([np.log1p(w.sum()), np.log1p(n), long_share])
    return np.concatenate((*(p.mean(axis=0) for p in parts), *(weight @ p for p in parts), size, hints))


class PageTypeModel:
    """A softmax over the page vector: the probability of each of :data:`PAGE_TYPES`."""

    def __init__(self, table: dict[str, Any], names: tuple[str, ...]) -> None:
        if tuple(table["names"]) != names:
            raise ValueError("the page-type model's feature names differ from the package's: refit it")
        if tuple(table["classes"]) != PAGE_TYPES:
            raise ValueError("the page-type model's classes differ from the package's: refit it")
        self.mean = np.asarray(table["mean"], dtype=float)
        self.scale = np.asarray(table["scale"], dtype=float)
        self.coef = np.asarray(table["coef"], dtype=float)
        self.bias = np.asarray(table["bias"], dtype=float)

    def probabilities(self, vector: np.ndarray) -> dict[str, float]:
        z = self.coef @ ((vector - self.mean) / self.scale) + self.bias
        e = np.exp(z - z.max())
        p = e / e.sum()
        return {name: float(v) for name, v in zip(PAGE_TYPES, p)}

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
from collections.abc import Callable, Sequence
from itertools import compress, repeat
from operator import le
from typing import Any, cast

import numpy as np

from .features import load_compiled
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


def _class_pattern(words: tuple[str, ...]) -> str:
    """A class attribute holding one of ``words`` at a word start, then -, _, a space or the closing quote.

    Its matches are one per attribute at most: the value ``[^"']*`` holds no quote, so no other
    attribute can start inside a match, and a word is followed by a mark, never by "class=". So
    counting the attributes that hold a word counts the matches (``_speedups.markup_counts`` does).
    """
    return rf"class=[\"'][^\"']*\b(?:{'|'.join(words)})[-_\s\"']"


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
    "price": rf"[{''.join(_CURRENCIES)}]\s?\d|\d\s?(?:{'|'.join(_UNITS)})\b",  # (tried only where _starts puts a start)
    "cart": r"add[ -]to[ -](?:cart|bag|basket|wishlist)",  # plus the literals above
}
#: Class attributes that hold one of these words as a class name (or a name's first part: "post-body").
_CLASSES: dict[str, tuple[str, ...]] = {
    "class_post": ("post", "reply", "replies", "message", "topic", "thread"),
    "class_product": ("product", "price", "sku", "variant", "swatch"),
    "class_card": ("card", "tile", "grid-item", "teaser", "result"),
}
_PATTERNS.update({name: _class_pattern(words) for name, words in _CLASSES.items()})
#: Elements counted by their start tags (``<pre`` then no word character), by hint.
_TAGS: dict[str, tuple[str, ...]] = {
    "code": ("pre", "code"), "time": ("time",), "article_tag": ("article",), "table": ("table",), "form": ("form",)
}  # fmt: skip
_PATTERNS.update({name: "|".join(rf"<{tag}\b" for tag in tags) for name, tags in _TAGS.items()})
#: The literal each pattern's matches start with, where one does: the pattern is tried only there
#: (so are the URL paths', at a canonical link, and the price's, by its symbol or unit: :func:`_starts`).
_STARTS: dict[str, tuple[str, ...]] = {
    "og_article": ("og:type",), "og_product": ("og:type",), "og_website": ("og:type",), "cart": ("add ", "add-")
}  # fmt: skip
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
    "product_options": ("quantity", "qty", "qty:", "quantity:", "size", "size:", "select size", "select a size",
                        "size guide", "size chart", "color", "color:", "colour", "colour:", "select color",
                        "add to wishlist", "add to wish list", "add to favorites", "add to favourites", "wishlist",
                        "sku", "sku:", "item number", "model number", "in stock.", "only a few left",
                        "notify me when available", "pick up in store", "free shipping", "free delivery",
                        "free returns"),
    "product_tabs": ("description", "product description", "product details", "details", "specifications", "specs",
                     "features", "shipping & returns", "shipping and returns", "delivery & returns",
                     "delivery and returns", "ingredients", "how to use", "materials", "care"),
    "reviews": ("reviews", "customer reviews", "write a review", "was this review helpful?", "verified buyer",
                "verified purchase", "helpful", "recommends this product"),
}  # fmt: skip
_LINE_KIND = {phrase: kind for kind, phrases in _LINE_KINDS.items() for phrase in phrases}
_CODE_ENDS = (";", "{", "}")
#: A line of at most _PRICE_LINE_MAX_CHARS that is a price and nothing else ("$79.00", "24,90 €"): a
#: shop's, once per product or card.
_PRICE_LINE = re.compile(
    rf"\W*(?:[{''.join(_TEXT_MARKS['price'])}][^\S\n]?\d[\d.,]*|\d[\d.,]*[^\S\n]?(?:{'|'.join(_UNITS)}))\W*\Z"
)
_PRICE_LINE_MAX_CHARS = 24
TEXT_HINT_NAMES: tuple[str, ...] = tuple(
    f"text_hint_{name}" for name in (*_TEXT_MARKS, *_LINE_KINDS, "post_number", "code", "price_line")
)


def text_hints(lines: Sequence[str], low: list[str] | None = None) -> np.ndarray:
    """log(1 + count) of each kind in :data:`TEXT_HINT_NAMES` in a page's lines (a long page's two ends
    only, as :func:`markup_hints` reads markup); ``low``, where given, is the lines lower-cased."""
    if sum(map(len, lines)) + len(lines) - 1 > 2 * HINT_END_CHARS:
        text = "\n".join(lines)
        low = (text[:HINT_END_CHARS] + "\n" + text[-HINT_END_CHARS:]).lower().split("\n")
    elif low is None:
        low = "\n".join(lines).lower().split("\n")
    joined = "\n".join(low)
    counts = [sum(map(joined.count, marks)) for marks in _TEXT_MARKS.values()]
    kinds = Counter(filter(None, map(_LINE_KIND.get, low)))  # (the loops in C, not Python)
    counts += [kinds[kind] for kind in _LINE_KINDS]
    counts.append(sum(1 for line in low if line[:1] == "#" and line[1:].isdigit()))
    counts.append(sum(map(str.endswith, low, repeat(_CODE_ENDS))))
    short = compress(low, map(le, map(len, low), repeat(_PRICE_LINE_MAX_CHARS)))  # (loops in C, not Python)
    counts.append(sum(map(bool, map(_PRICE_LINE.match, short))))
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
    literal, tag, schema, classes, places = _scan(low)
    counts: list[int] = []
    for name in _ORDER:
        if name in _SCHEMA_TYPES:
            counts.append(sum(schema[t] for t in _SCHEMA_TYPES[name]))
        elif name in _TAGS:
            counts.append(sum(tag[f"<{t}"] for t in _TAGS[name]))
        elif name in _CLASSES:
            counts.append(classes[name])
        else:
            found = sum(literal[phrase] for phrase in _LITERALS.get(name, ()))
            counts.append(
                found + (_count_from(_COMPILED[name], low, _starts(name, places)) if name in _COMPILED else 0)
            )
    return np.log1p(counts)


def _starts(name: str, places: dict[str, list[int]]) -> list[int]:
    """Where the pattern of hint ``name`` can start, sorted, from where :func:`_scan` found its needles."""
    if name.startswith("path_"):
        return sorted(places["canonical"] + places["og:url"])
    if name == "price":  # at a currency symbol, or at the digit one or two characters before a unit
        symbols = [at for needle in _CURRENCIES for at in places[needle]]
        units = [at - back for needle in _UNITS for at in places[needle] for back in (1, 2) if at >= back]
        return sorted(set(symbols + units))
    return sorted(at for needle in _STARTS[name] for at in places[needle])


#: What :func:`_scan` reads: literals (``str.count``), start tags (``<pre`` then no word character),
#: schema.org types as quoted words, class names, and where each pattern's possible starts are.
_PLAIN = tuple(dict.fromkeys(phrase for phrases in _LITERALS.values() for phrase in phrases))
_BOUNDED = tuple(f"<{tag}" for tags in _TAGS.values() for tag in tags)
_WORDS = tuple(dict.fromkeys(word for words in _SCHEMA_TYPES.values() for word in words))
_LOCATED = tuple(
    dict.fromkeys((*_URL_STARTS.split("|"), *_CURRENCIES, *_UNITS, *(s for v in _STARTS.values() for s in v)))
)
_compiled_scan = cast("Callable[..., tuple[list[Any], ...]] | None", load_compiled("markup_counts"))
Counts = dict[str, int]


def _scan(low: str) -> tuple[Counts, Counts, Counts, Counts, dict[str, list[int]]]:
    """Each literal's count, each start tag's, each schema.org type's (a quoted word), each class hint's,
    and every place each of :data:`_LOCATED` stands: in one pass of the compiled core, else by ``str``
    and ``re`` (the same numbers)."""
    if _compiled_scan is not None:
        plain, bounded, words, classes, places = _compiled_scan(
            low, _PLAIN, _BOUNDED, _WORDS, tuple(_CLASSES.values()), _LOCATED
        )
        return (dict(zip(_PLAIN, plain)), dict(zip(_BOUNDED, bounded)), dict(zip(_WORDS, words)),
                dict(zip(_CLASSES, classes)), dict(zip(_LOCATED, places)))  # fmt: skip
    types = Counter(_SCHEMA_WORD.findall(low))
    return (
        {phrase: low.count(phrase) for phrase in _PLAIN},
        {tag: len(re.findall(rf"{tag}\b", low)) for tag in _BOUNDED},
        {word: types[word] for word in _WORDS},
        {name: len(_COMPILED[name].findall(low)) for name in _CLASSES},
        {needle: _found_at(low, needle) for needle in _LOCATED},
    )


def _found_at(text: str, needle: str) -> list[int]:
    """Every place ``needle`` stands in ``text``, overlapping ones too (by ``str.find``)."""
    found: list[int] = []
    at = text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


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
    low: list[str] | None = None,
) -> np.ndarray:
    """One row for the page: each block column's mean by block and by word, the page's size, and for
    HTML its markup hints, for page text its text hints (``low``: the lines lower-cased, if at hand).

    ``columns`` may come in parts (the text features, then the HTML ones), read as if side by side:
    a page of a few hundred thousand blocks need not copy them into one matrix.
    """
    parts = columns if isinstance(columns, tuple) else (columns,)
    hints = np.zeros(0)
    if markup is not None:
        hints = markup_hints(markup)
    elif lines is not None:
        hints = text_hints(lines, low)
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

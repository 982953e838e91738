"""Input checking and decoding: what ``clean`` accepts, and how bytes become text."""

from __future__ import annotations

import codecs
import re

from .thresholds import HTML_MIN_TAGS, HTML_SNIFF_CHARS

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_DOCUMENT_START = re.compile(r"\A(?:\ufeff)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_BLOCK_TAG = re.compile(
    r"<(?:p|div|body|head|title|meta|link|script|span|a|li|ul|table|section|article|br)\b[^>]*>", re.I
)


class InputError(TypeError):
    """Raised for input ``clean`` cannot take; the message says what was wrong."""


def describe(value: object) -> str:
    return type(value).__name__


def as_text(data: object, *, who: str = "clean") -> str:
    """The page as ``str``: text passes through, bytes are decoded, anything else is refused."""
    if isinstance(data, str):
        return data
    if isinstance(data, (bytes, bytearray, memoryview)):
        return decode(bytes(data))
    raise InputError(
        f"{who}() takes the page as str (text or HTML) or bytes, not {describe(data)}"
        + (" (did you mean to pass the text, not None?)" if data is None else "")
    )


def decode(raw: bytes) -> str:
    """Bytes to text: a byte-order mark, else UTF-8, else a declared meta charset, else a detector."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(encoding, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(raw[: HTML_SNIFF_CHARS * 4])
    if declared:
        try:
            return raw.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass  # an unknown charset name: fall through to detection
    return _detect(raw)


def _detect(raw: bytes) -> str:
    from charset_normalizer import from_bytes  # a dependency of trafilatura

    best = from_bytes(raw[: 1 << 20]).best()
    if best is not None:
        try:
            return raw.decode(best.encoding, errors="replace")
        except LookupError:
            pass
    return raw.decode("utf-8", errors="replace")


def looks_like_html(text: str) -> bool:
    """True for a document that opens like HTML, or whose head is dense with markup.

    A page of text that merely mentions a tag or two stays text.
    """
    head = text[:HTML_SNIFF_CHARS]
    if _DOCUMENT_START.match(head):
        return True
    if "<" not in head:
        return False
    tags = _BLOCK_TAG.findall(head)
    markup = sum(len(t) for t in tags)
    return len(tags) >= HTML_MIN_TAGS and markup * 10 >= len(head.strip())

"""Input checking and decoding: what ``clean`` accepts, and how bytes become text."""

from __future__ import annotations

import codecs
import re
import zlib
from typing import Any

from .limits import (
    BINARY_CONTROL_SHARE,
    CHARSET_CHECK_BYTES,
    DETECT_BYTES,
    SNIFF_BYTES,
    UTF16_MAX_LOW_NUL_SHARE,
    UTF16_MIN_NUL_SHARE,
    WESTERN_MAX_ACCENTED_SHARE,
)
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

#: Leading bytes of formats that are not text, and what to call them (the reason ``clean`` gives up).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"\x04\x22\x4d\x18", "lz4-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"BZh", "bzip2-compressed data"),  # confirmed by the block magic below
    (b"PK\x03\x04", "a zip archive"),
    (b"PK\x05\x06", "a zip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
    (b"\x7fELF", "an executable"),
)
# Control bytes that text does not hold (tab, line ends, form feed and escape are allowed).
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1b") + b"\x7f"

# Letters of the languages whose legacy pages are written in cp1252, cp1250 or ISO-8859-2, as the
# detector names them: a decoding that gives a language letters it does not have is the wrong one.
_WESTERN = "àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿßœšžªº"
_WESTERN_LANGUAGES = ("English", "English—", "German", "French", "Dutch", "Italian", "Spanish", "Portuguese",
                      "Swedish", "Norwegian", "Finnish", "Danish", "Indonesian")  # fmt: skip
_ALPHABETS: dict[str, frozenset[str]] = {
    **dict.fromkeys(_WESTERN_LANGUAGES, frozenset(_WESTERN)),
    "Polish": frozenset("ąćęłńóśźż"),
    "Czech": frozenset("áčďéěíňóřšťúůýž"),
    "Slovak": frozenset("áäčďéíĺľňóôŕšťúýž"),
    "Hungarian": frozenset("áéíóöőúüű"),
    "Slovene": frozenset("čćšž"),
    "Croatian": frozenset("čćđšž"),
    "Romanian": frozenset("ăâîșțşţ"),
    "Turkish": frozenset("çğıöşüâîû"),
    "Lithuanian": frozenset("ąčęėįšųūž"),
    "Estonian": frozenset("äõöüšž"),
}
#: The single-byte charsets a page without a declaration is weighed in, most common first (ties go first).
_SINGLE_BYTE = ("cp1252", "cp1250", "iso8859_2")
# Non-letters that sit between letters in real text: apostrophes, dashes and ellipses set without
# spaces, the Catalan middle dot, soft hyphen, no-break space.
_IN_WORD = frozenset("’‘–—…·\u00ad\u00a0")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SYMBOLS = re.compile(r"[^\x00-\x7f\w]+")


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
    """Bytes to text: a byte-order mark, else UTF-16 by its NUL bytes, else ``""`` for bytes that are
    not text (:func:`sniff_binary`), else UTF-8, else a declared meta charset, else a detector.

    Never mojibake on purpose: compressed data or an image read as cp1252 would be returned as an
    "article" of junk, so it gives nothing.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(encoding, errors="replace")
    utf16 = _bomless_utf16(raw)
    if utf16:
        return raw.decode(utf16, errors="replace")
    if _binary_reason(raw):
        return ""
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


def sniff_binary(raw: bytes) -> str | None:
    """Why ``raw`` is not text (``"gzip-compressed data"``, ``"a PNG image"``, ...), or ``None`` if it may be.

    Text in any charset (UTF-16 too, with or without a byte-order mark) gives ``None``.
    """
    if raw.startswith(tuple(bom for bom, _ in _BOMS)) or _bomless_utf16(raw):
        return None
    return _binary_reason(raw)


def _bomless_utf16(raw: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when the head's NUL bytes fall on one side of its code units."""
    head = raw[: SNIFF_BYTES - SNIFF_BYTES % 2]
    if len(head) < 2 or b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / max(len(odd), 1)
    if nul_odd >= UTF16_MIN_NUL_SHARE and nul_even <= UTF16_MAX_LOW_NUL_SHARE:
        return "utf-16-le"
    if nul_even >= UTF16_MIN_NUL_SHARE and nul_odd <= UTF16_MAX_LOW_NUL_SHARE:
        return "utf-16-be"
    return None


def _binary_reason(raw: bytes) -> str | None:
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            if magic == b"BZh" and raw[4:10] != b"1AY&SY":
                continue  # "BZh" is only a prefix; the block magic after the level digit says bzip2
            return what
    if _zlib_stream(raw):
        return "zlib-compressed data"
    head = raw[:SNIFF_BYTES]
    controls = len(head) - len(head.translate(None, _CONTROL))
    if head and controls >= BINARY_CONTROL_SHARE * len(head):
        return "binary data (control bytes)"
    return None


def _zlib_stream(raw: bytes) -> bool:
    """A zlib header (deflate, checksum valid, no preset dictionary) whose start inflates cleanly."""
    if len(raw) < 3 or raw[0] & 0x0F != 8 or (raw[0] << 8 | raw[1]) % 31 or raw[1] & 0x20:
        return False
    try:
        return bool(zlib.decompressobj().decompress(raw[:SNIFF_BYTES], 64))
    except zlib.error:
        return False


def _detect(raw: bytes) -> str:
    """A charset detector's answer, checked against the single-byte charsets legacy pages use most.

    The detector mistakes cp1252 for cp1257, cp1258, cp852 and the like on texts whose few accents
    and curly quotes prove little (``à`` read as ``ą``); it does name the language well. So the
    decodings are weighed by that language's alphabet: the one giving fewest letters the language
    lacks, stray symbols inside words and C1 control characters wins, cp1252 first on a tie.
    """
    from charset_normalizer import from_bytes  # a dependency of trafilatura

    best: Any = from_bytes(raw[:DETECT_BYTES]).best()
    head = raw[:CHARSET_CHECK_BYTES]
    language = best.language if best is not None else "Unknown"
    alphabet = _ALPHABETS.get(language)
    if alphabet is None and (best is None or not best.coherence):
        # No language recognised (a page of English with three curly quotes, say): Western
        # European text is the likeliest, if the cp1252 reading looks like it.
        alphabet = frozenset(_WESTERN) if _looks_western(head) else None
    if alphabet is None:
        encoding = best.encoding if best is not None else "utf-8"
    else:
        candidates = [*_SINGLE_BYTE, *([best.encoding] if best is not None else [])]
        scored = []
        for rank, candidate in enumerate(candidates):
            try:
                scored.append((_oddity(head.decode(candidate), alphabet), rank, candidate))
            except (UnicodeDecodeError, LookupError):
                continue
        encoding = min(scored)[2] if scored else "utf-8"
    try:
        return raw.decode(encoding, errors="replace")
    except LookupError:
        return raw.decode("utf-8", errors="replace")


def _looks_western(head: bytes) -> bool:
    try:
        text = head.decode("cp1252")
    except UnicodeDecodeError:
        return False
    letters = sum(map(str.isalpha, text))
    accented = sum(map(str.isalpha, _NON_ASCII.findall(text)))
    return accented <= WESTERN_MAX_ACCENTED_SHARE * letters and _oddity(text, frozenset(_WESTERN)) == 0


def _oddity(text: str, alphabet: frozenset[str]) -> int:
    """How wrong a decoding looks for a language with ``alphabet`` (its non-ASCII letters)."""
    odd = 0
    for match in _NON_ASCII.finditer(text):
        char = match.group()
        if char.isalpha():
            # A letter the language lacks, or a capital inside a lower-case word ("donÆt": cp850's ’).
            at = match.start()
            odd += char.lower() not in alphabet or (char.isupper() and at > 0 and text[at - 1].islower())
        elif "\x80" <= char <= "\x9f":
            odd += 10  # a C1 control: the bytes were meant for a charset with printable characters there
    for match in _SYMBOLS.finditer(text):  # symbols inside a word ("wiadomo¶ć"; a character read byte-wise)
        start, end = match.span()
        if start > 0 and end < len(text) and text[start - 1].isalpha() and text[end].isalpha():
            odd += sum(char not in _IN_WORD for char in match.group())
    return odd


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

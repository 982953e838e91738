"""Readers: one generator of :class:`Record` per input file, whatever its format, engine-free.

WARC files give their HTML responses (the HTTP ``Content-Type`` names the charset), WET files their
page-text conversions, JSON Lines their text or HTML field. Compression (gzip, zstd, lz4) is
detected from the bytes, not the file name. Every engine adapter (Ray, datatrove, Spark) and the
``boilerstrip corpus`` command read through :func:`iter_records`, so they see the same records.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_GZIP_MAGIC = b"\x1f\x8b"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


class ReaderError(ValueError):
    """An input file that cannot be read at all (missing, or not the format it claims)."""


@dataclass(frozen=True, slots=True)
class Fields:
    """Which JSON Lines fields hold what (the names differ from dump to dump)."""

    id: str = "id"
    url: str = "url"
    text: str = "text"
    html: str = "html"


@dataclass(frozen=True, slots=True)
class Record:
    """One page of a corpus: where it came from and its content (HTML or text, ``str`` or ``bytes``)."""

    id: str
    url: str | None
    content: str | bytes
    format: str  #: "html" or "text": how ``clean`` should read ``content``
    meta: dict[str, Any] = field(default_factory=dict)  #: the input's other fields (JSON Lines)
    error: str | None = None  #: set when the record itself could not be read


def file_format(path: str | Path) -> str:
    """ "warc", "wet" or "jsonl", from the file name (compression suffixes ignored)."""
    name = Path(path).name.lower()
    for suffix in (".gz", ".zst", ".zstd", ".lz4"):
        name = name.removesuffix(suffix)
    if name.endswith((".jsonl", ".json", ".ndjson")):
        return "jsonl"
    if name.endswith(".wet") or ".wet." in name or name.endswith("wet"):
        return "wet"
    if name.endswith((".warc", ".arc")):
        return "warc"
    raise ReaderError(f"cannot tell the format of {str(path)!r}: name it .warc, .wet or .jsonl (optionally .gz/.zst)")


def iter_records(path: str | Path, fields: Fields | None = None, fmt: str | None = None) -> Iterator[Record]:
    """Every page record of one input file, in file order."""
    path = Path(path)
    if not path.is_file():
        raise ReaderError(f"no such input file: {str(path)!r}")
    kind = fmt or file_format(path)
    if kind == "jsonl":
        yield from _jsonl(path, fields or Fields())
    elif kind in ("warc", "wet"):
        yield from _warc(path, kind)
    else:
        raise ReaderError(f"unknown input format {kind!r}: warc, wet or jsonl")


def open_decompressed(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed when they start with a gzip or zstd magic number."""
    raw = path.open("rb")
    head = raw.peek(4)[:4] if hasattr(raw, "peek") else b""
    if head.startswith(_GZIP_MAGIC):
        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    if head.startswith(_ZSTD_MAGIC):
        import zstandard

        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(raw, closefd=True))
    return raw


def _jsonl(path: Path, fields: Fields) -> Iterator[Record]:
    with open_decompressed(path) as stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            fallback_id = f"{path.name}:{number}"
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise ValueError(f"line {number} is JSON but not an object")
            except ValueError as error:
                yield Record(fallback_id, None, "", "text", error=f"unreadable JSON: {error}")
                continue
            record_id = str(obj.get(fields.id) or fallback_id)
            url = obj.get(fields.url)
            html, text = obj.get(fields.html), obj.get(fields.text)
            meta = {k: v for k, v in obj.items() if k not in (fields.id, fields.url, fields.html, fields.text)}
            if isinstance(html, str) and html:
                yield Record(record_id, url, html, "html", meta)
            elif isinstance(text, str):
                yield Record(record_id, url, text, "text", meta)
            else:
                yield Record(record_id, url, "", "text", meta, f"no {fields.text!r} or {fields.html!r} string field")


def _warc(path: Path, kind: str) -> Iterator[Record]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    wanted = WarcRecordType.conversion if kind == "wet" else WarcRecordType.response
    with path.open("rb") as stream:
        for number, rec in enumerate(ArchiveIterator(stream, record_types=wanted, parse_http=kind == "warc"), 1):
            record_id = rec.headers.get("WARC-Record-ID") or f"{path.name}:{number}"
            url = rec.headers.get("WARC-Target-URI")
            try:
                body = rec.reader.read()
            except Exception as error:
                yield Record(record_id, url, "", "text", error=f"unreadable WARC record: {error}")
                continue
            if kind == "wet":
                yield Record(record_id, url, body.decode("utf-8", errors="replace"), "text")
                continue
            content_type = (rec.http_headers.get("Content-Type") if rec.http_headers else None) or ""
            if content_type and "html" not in content_type.lower():
                continue  # images, PDFs, scripts: not pages
            yield Record(record_id, url, _decode_http(body, content_type), "html")


def _decode_http(body: bytes, content_type: str) -> str | bytes:
    """Decode by the HTTP charset when it is valid for the bytes; else leave it to ``clean``'s decoder."""
    match = _CHARSET.search(content_type)
    if match:
        try:
            return body.decode(match.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
    return body

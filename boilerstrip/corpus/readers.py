"""Readers: one generator of :class:`Record` per input file, whatever its format, engine-free.

WARC files give their HTML responses, WET files their page-text conversions, JSON Lines their text
or HTML field. Compression (gzip, zstd, lz4) is detected from the bytes, not the file name, and
decompressed here rather than inside fastwarc: only then does a file cut short (a crawl copied
half-way, a disk that filled up) raise :class:`TruncatedInput` after its readable records, instead
of ending early as if whole. Every engine adapter (Ray, datatrove, Spark) and the
``boilerstrip corpus`` command read through :func:`iter_records`, so they see the same records.
"""

from __future__ import annotations

import io
import json
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_MAGIC = {
    "gzip": b"\x1f\x8b",
    "zstd": b"\x28\xb5\x2f\xfd",
    "lz4": b"\x04\x22\x4d\x18",
}
_UNSUPPORTED_MAGIC = {b"BZh": "bzip2", b"\xfd7zXZ\x00": "xz", b"\x02\x21\x4c\x18": "legacy lz4"}
_SUFFIX_COMPRESSION = {".gz": "gzip", ".zst": "zstd", ".zstd": "zstd", ".lz4": "lz4"}
#: Compressed bytes fed to the decompressor at a time: what one read can inflate to stays bounded.
INPUT_CHUNK = 1 << 16
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


class ReaderError(ValueError):
    """An input file that cannot be read at all (missing, or not the format it claims)."""


class TruncatedInput(ReaderError):
    """An input file that ends inside a compressed stream or a record: the records before the cut
    were read; the rest of the file is missing or damaged."""

    def __init__(self, path: Path, records: int, reason: str) -> None:
        super().__init__(f"{path.name} is truncated or damaged after {records} records ({reason})")
        self.path, self.records, self.reason = path, records, reason


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
    meta: dict[str, Any] = field(default_factory=dict)  #: the input's other fields (JSON Lines; WARC date, status)
    error: str | None = None  #: set when the record itself could not be read


def file_format(path: str | Path) -> str:
    """ "warc", "wet" or "jsonl", from the file name (compression suffixes ignored)."""
    name = Path(path).name.lower()
    for suffix in _SUFFIX_COMPRESSION:
        name = name.removesuffix(suffix)
    if name.endswith((".jsonl", ".json", ".ndjson")):
        return "jsonl"
    if name.endswith(".wet") or ".wet." in name or name.endswith("wet"):
        return "wet"
    if name.endswith((".warc", ".arc")):
        return "warc"
    raise ReaderError(
        f"cannot tell the format of {str(path)!r}: name it .warc, .wet or .jsonl (optionally .gz/.zst/.lz4)"
    )


def check_input(path: Path) -> None:
    """Refuse, before any work starts, a file that is missing, a folder, unreadable, of unknown format
    or compressed in a way this reader cannot undo (or a different way than its name says)."""
    if str(path).startswith(("http://", "https://")):
        raise ReaderError(f"{str(path)!r} is a URL: boilerstrip does not download; fetch the file first")
    if path.is_dir():
        raise ReaderError(f"{str(path)!r} is a folder, not a file")
    if not path.is_file():
        raise ReaderError(f"no such input file: {str(path)!r}")
    file_format(path)
    try:
        with path.open("rb") as raw:
            _compression(path, raw.read(8))
    except OSError as error:
        raise ReaderError(f"cannot read {str(path)!r}: {error.strerror or error}") from None


def iter_records(path: str | Path, fields: Fields | None = None, fmt: str | None = None) -> Iterator[Record]:
    """Every page record of one input file, in file order; :class:`TruncatedInput` after the last
    readable one when the file was cut short."""
    path = Path(path)
    kind = fmt or file_format(path)
    if kind not in ("jsonl", "warc", "wet"):
        raise ReaderError(f"unknown input format {kind!r}: warc, wet or jsonl")
    check_input(path)
    if kind == "jsonl":
        yield from _jsonl(path, fields or Fields())
    else:
        yield from _warc(path, kind)


class _Decompressor(Protocol):
    @property
    def eof(self) -> bool: ...

    @property
    def unused_data(self) -> bytes: ...

    def decompress(self, data: bytes) -> bytes: ...


def _decompressor(kind: str) -> Callable[[], _Decompressor]:
    if kind == "gzip":
        return lambda: zlib.decompressobj(wbits=31)
    if kind == "zstd":
        import zstandard

        return lambda: zstandard.ZstdDecompressor().decompressobj()
    try:
        import lz4.frame
    except ImportError:
        raise ReaderError("lz4 input needs the lz4 package: pip install 'boilerstrip[corpus]'") from None
    return lambda: lz4.frame.LZ4FrameDecompressor()


def _compression(path: Path, head: bytes) -> str | None:
    """The compression the bytes start with; refuses a name that promises another one."""
    found = next((kind for kind, magic in _MAGIC.items() if head.startswith(magic)), None)
    if found is None:
        other = next((name for magic, name in _UNSUPPORTED_MAGIC.items() if head.startswith(magic)), None)
        if other:
            raise ReaderError(f"{path.name} is {other}-compressed: use gzip, zstd or lz4")
    named = _SUFFIX_COMPRESSION.get(path.suffix.lower())
    if named and found != named and head:
        raise ReaderError(f"{path.name} is named {path.suffix} but its bytes are not {named} data")
    if found is not None:
        _decompressor(found)  # an lz4 file without the lz4 package fails here, before any work
    return found


class Inflating(io.RawIOBase):
    """A file's decompressed bytes (gzip, zstd or lz4; several members or frames in a row).

    At the end of the file ``problem`` says whether it stopped inside a compressed stream
    (truncated) or held bytes the decompressor refused (damaged); the bytes before are all given.
    """

    def __init__(self, raw: IO[bytes], kind: str) -> None:
        self._raw, self._kind = raw, kind
        self._new = _decompressor(kind)
        self._d = self._new()
        self._buf, self._off, self._pos = b"", 0, 0
        self._started = False  #: the current member has had input
        self.problem: str | None = None

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos  # fastwarc asks where the stream starts

    def close(self) -> None:
        self._raw.close()
        super().close()

    def _inflate(self, data: bytes) -> bytes:
        out: list[bytes] = []
        while data:
            if self._d.eof:
                self._d, self._started = self._new(), False
                if not data.strip(b"\x00"):
                    return b"".join(out)  # zero padding after the last member, as some writers add
            self._started = True
            out.append(self._d.decompress(data))
            data = self._d.unused_data if self._d.eof else b""
        return b"".join(out)

    def readinto(self, buffer: Any) -> int:
        while self._off >= len(self._buf):
            if self.problem is not None:
                return 0
            chunk = self._raw.read(INPUT_CHUNK)
            if not chunk:
                if self._started and not self._d.eof:
                    self.problem = f"the {self._kind} stream ends early"
                return 0
            try:
                self._buf, self._off = self._inflate(chunk), 0
            except Exception as error:  # zlib.error, zstd.ZstdError, RuntimeError from lz4
                self.problem = f"damaged {self._kind} data: {error}"
                return 0
        n = min(len(buffer), len(self._buf) - self._off)
        buffer[:n] = memoryview(self._buf)[self._off : self._off + n]
        self._off += n
        self._pos += n
        return n


def _open(path: Path) -> IO[bytes]:
    raw = path.open("rb")
    try:
        kind = _compression(path, raw.peek(8)[:8])
    except ReaderError:
        raw.close()
        raise
    return raw if kind is None else Inflating(raw, kind)  # type: ignore[return-value]


def open_decompressed(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed when they start with a gzip, zstd or lz4 magic number.

    A compressed file gives an ``io.BufferedReader`` over :class:`Inflating`, whose ``problem``
    tells, once read to the end, whether the file was cut short (see :func:`read_problem`).
    """
    stream = _open(path)
    return io.BufferedReader(stream, 1 << 20) if isinstance(stream, Inflating) else stream


def read_problem(stream: IO[bytes]) -> str | None:
    """Why a stream from :func:`open_decompressed` ended early, or ``None`` when it ended whole."""
    raw = getattr(stream, "raw", stream)
    return raw.problem if isinstance(raw, Inflating) else None


def _jsonl(path: Path, fields: Fields) -> Iterator[Record]:
    count = 0
    with open_decompressed(path) as stream:
        for number, line in enumerate(stream, 1):
            if not line.endswith(b"\n") and read_problem(stream):
                break  # the line the cut went through: not a record
            if not line.strip():
                continue
            count += 1
            yield _json_record(line, number, path, fields)
        problem = read_problem(stream)
    if problem:
        raise TruncatedInput(path, count, problem)


def _json_record(line: bytes, number: int, path: Path, fields: Fields) -> Record:
    fallback_id = f"{path.name}:{number}"
    try:
        obj = json.loads(line)
        if not isinstance(obj, dict):
            raise ValueError(f"line {number} is JSON but not an object")
    except ValueError as error:
        return Record(fallback_id, None, "", "text", error=f"unreadable JSON: {error}")
    record_id = str(obj.get(fields.id) or fallback_id)
    url = obj.get(fields.url)
    html, text = obj.get(fields.html), obj.get(fields.text)
    meta = {k: v for k, v in obj.items() if k not in (fields.id, fields.url, fields.html, fields.text)}
    if isinstance(html, str) and (html or not isinstance(text, str)):
        return Record(record_id, url, html, "html", meta)  # an empty page is an empty row, not an error
    if isinstance(text, str):
        return Record(record_id, url, text, "text", meta)
    return Record(record_id, url, "", "text", meta, f"no {fields.text!r} or {fields.html!r} string field")


def _warc(path: Path, kind: str) -> Iterator[Record]:
    """Every record is looked at (not only the wanted type) so that a file cut inside any record,
    the last one included, is noticed: its block is shorter than its ``Content-Length``."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    wanted = WarcRecordType.conversion if kind == "wet" else WarcRecordType.response
    count = 0
    with _open(path) as stream:  # unbuffered: fastwarc reads 64 KB at a time
        number = 0
        try:
            for number, rec in enumerate(ArchiveIterator(stream, parse_http=False, stream_detect=False), 1):
                declared = rec.headers.get("Content-Length")
                if rec.record_type != wanted:
                    got = rec.reader.consume()
                    if declared is None or got < int(declared):
                        raise TruncatedInput(path, count, f"record {number} is cut")
                    continue
                block = rec.reader.read()
                if declared is None or len(block) < int(declared):
                    raise TruncatedInput(path, count, f"record {number} is cut")
                record = _warc_record(rec.headers, block, kind, f"{path.name}:{number}")
                if record is not None:
                    count += 1
                    yield record
        except TruncatedInput as cut:
            problem = read_problem(stream)
            raise TruncatedInput(path, count, problem or cut.reason) from None
        except (OSError, ValueError) as error:  # fastwarc: "Invalid WARC header" where the file was cut
            raise TruncatedInput(path, count, read_problem(stream) or f"after record {number}: {error}") from None
        problem = read_problem(stream)
    if problem:
        raise TruncatedInput(path, count, problem)


def _warc_record(headers: Any, block: bytes, kind: str, fallback_id: str) -> Record | None:
    record_id = headers.get("WARC-Record-ID") or fallback_id
    url = headers.get("WARC-Target-URI")
    meta: dict[str, Any] = {"warc_date": headers.get("WARC-Date")}
    if kind == "wet":
        return Record(record_id, url, block.decode("utf-8", errors="replace"), "text", meta)
    http = parse_http(block)
    if http is None:
        return None  # dns:, whois: and other non-HTTP responses: not pages
    status, http_headers, body = http
    content_type = http_headers.get("content-type", "")
    meta.update(http_status=status, content_type=content_type or None)
    if content_type and "html" not in content_type.lower():
        return None  # images, PDFs, scripts: not pages
    try:
        body = decode_body(body, http_headers)
    except ValueError as error:
        return Record(record_id, url, "", "html", meta, error=str(error))
    return Record(record_id, url, decode_http(body, content_type), "html", meta)


def parse_http(block: bytes) -> tuple[int | None, dict[str, str], bytes] | None:
    """Status, headers (lower-case names, repeats joined by ", ") and body of an HTTP response block."""
    if not block.startswith(b"HTTP/"):
        return None
    ends = [(i, len(sep)) for sep in (b"\r\n\r\n", b"\n\n") if (i := block.find(sep)) >= 0]
    cut, width = min(ends) if ends else (len(block), 0)
    lines = block[:cut].decode("latin-1").splitlines()
    parts = lines[0].split(None, 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if colon:
            key = name.strip().lower()
            headers[key] = f"{headers[key]}, {value.strip()}" if key in headers else value.strip()
    return status, headers, block[cut + width :]


def decode_body(body: bytes, headers: dict[str, str]) -> bytes:
    """The body as the server meant it: de-chunked, then its content codings undone (last applied
    first). A header that does not match the bytes (a crawler that stored the body already
    decoded but kept the header) is ignored; bytes that cannot be decoded raise ``ValueError``."""
    transfer = [t.strip().lower() for t in headers.get("transfer-encoding", "").split(",") if t.strip()]
    if "chunked" in transfer:
        body = _dechunk(body)
    codings = [c.strip().lower() for c in headers.get("content-encoding", "").split(",") if c.strip()]
    for coding in reversed(codings):
        body = _undo_coding(body, coding)
    return body


def _looks_decoded(body: bytes) -> bool:
    head = body[:64].lstrip()
    for bom in _BOMS:
        head = head.removeprefix(bom)
    return head.startswith(b"<") or not body.strip()


def _undo_coding(body: bytes, coding: str) -> bytes:
    try:
        if coding in ("identity", "none", "utf-8", "utf8", "text/html"):
            return body
        if coding in ("gzip", "x-gzip") and body.startswith(_MAGIC["gzip"]):
            return zlib.decompress(body, wbits=47)  # gzip or zlib header
        if coding == "deflate" and not _looks_decoded(body):
            try:
                return zlib.decompress(body)
            except zlib.error:
                return zlib.decompress(body, wbits=-15)  # raw deflate, as some servers send
        if coding == "br" and not _looks_decoded(body):
            import brotli  # a dependency of fastwarc

            return bytes(brotli.decompress(body))
        if coding == "zstd" and body.startswith(_MAGIC["zstd"]):
            import zstandard

            return bytes(zstandard.ZstdDecompressor().decompressobj().decompress(body))
    except Exception as error:
        raise ValueError(f"cannot undo Content-Encoding {coding}: {error}") from None
    if _looks_decoded(body):
        return body  # stored decoded, header kept
    raise ValueError(f"cannot undo Content-Encoding {coding}: the body is not {coding} data")


def _dechunk(body: bytes) -> bytes:
    """Chunked transfer coding undone; a body that is not chunked (stored de-chunked) is kept."""
    out: list[bytes] = []
    pos = 0
    while True:
        eol = body.find(b"\n", pos)
        size_text = body[pos:eol].split(b";")[0].strip() if eol >= 0 else b""
        if eol < 0 and pos and not body[pos:].strip():
            return b"".join(out)  # the final zero-size chunk missing: nothing lost
        try:
            size = int(size_text, 16)
        except ValueError:
            if pos == 0:
                return body  # not chunked after all
            raise ValueError(f"broken chunked body: chunk size {size_text[:20]!r}") from None
        if size == 0:
            return b"".join(out)
        start = eol + 1
        if start + size > len(body):
            raise ValueError("broken chunked body: the last chunk is cut")
        out.append(body[start : start + size])
        pos = start + size
        pos += 2 if body.startswith(b"\r\n", pos) else 1 if body.startswith(b"\n", pos) else 0


def decode_http(body: bytes, content_type: str) -> str | bytes:
    """The HTTP charset only where the bytes are not valid UTF-8 (nor start with a byte-order mark).

    Latin-1 and cp1252 decode any bytes, so a wrong ``charset=ISO-8859-1`` on a UTF-8 page would
    never be caught by trying it; valid UTF-8 is rarely anything else. The bytes go on to
    ``clean``'s own decoder (UTF-8, ``<meta charset>``, a detector) when the header names no
    charset or a wrong one.
    """
    if body.startswith(_BOMS):
        return body
    try:
        body.decode("utf-8")
        return body
    except UnicodeDecodeError:
        pass
    match = _CHARSET.search(content_type)
    if match:
        try:
            return body.decode(match.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
    return body

"""The corpus job: every record of the inputs cleaned on every core, written once, resumable.

Records flow in input order through a pool of worker processes, a bounded number of small chunks
in flight (so memory stays flat over a corpus of any length and no worker waits for a slow one),
and come back in the same order, serialised by the workers. The output is
written to ``<output>.partial`` line by line and renamed to ``<output>`` only when whole; a job
killed at any point and run again with ``resume=True`` truncates the partial file to its last
complete line, skips that many input records and goes on, so the output holds every input record
exactly once. A record that fails is written with its error (and logged with its id); nothing
else stops.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any, NamedTuple

from ..options import Options
from .readers import Fields, Record, iter_records
from .templates import SiteTemplates

_LOG = logging.getLogger("boilerstrip.corpus")
#: Records sent to a worker at a time (fewer, larger messages between processes) ...
CHUNK_RECORDS = 8
#: ... and chunks in flight per worker: enough that no worker waits, few enough that memory does
#: not depend on the corpus.
CHUNKS_IN_FLIGHT_PER_JOB = 4
#: Seconds between progress lines.
PROGRESS_EVERY = 1.0


@dataclass
class Summary:
    """What a corpus job did."""

    records_in: int = 0
    records_out: int = 0
    empty: int = 0
    failed: int = 0
    skipped_by_resume: int = 0
    input_bytes: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)  #: (id, error), the first hundred

    def line(self) -> str:
        rate = self.records_in / self.seconds if self.seconds else 0.0
        return (
            f"records in {self.records_in}, out {self.records_out}, empty {self.empty}, failed {self.failed}"
            + (f", resumed after {self.skipped_by_resume}" if self.skipped_by_resume else "")
            + f"; {self.seconds:.1f} s, {rate:.1f} pages/s, {self.input_bytes / 1e6 / max(self.seconds, 1e-9):.2f} MB/s"
        )


def clean_record(record: Record, options: Options, keep_meta: bool = False) -> dict[str, Any]:
    """One output row: id, url, text (``""`` when nothing was kept) and error (when it failed)."""
    from .. import clean

    row: dict[str, Any] = {"id": record.id, "url": record.url}
    if keep_meta:
        row.update({k: v for k, v in record.meta.items() if k not in row})
    if record.error is not None:
        row["text"], row["error"] = "", record.error
        return row
    try:
        row["text"] = clean(record.content, options.with_changes(input_format=record.format))
    except Exception as error:
        row["text"], row["error"] = "", f"{type(error).__name__}: {error}"
    return row


def clean_file(
    path: str | Path, fields: Fields | None = None, options: Options | None = None, keep_meta: bool = False
) -> Iterator[dict[str, Any]]:
    """Every record of one input file, cleaned: the engines' rows (``error`` is always present, ``None``
    when the record was fine, so every row has the same columns)."""
    opts = options or Options()
    for record in iter_records(path, fields):
        row = clean_record(record, opts, keep_meta)
        row.setdefault("error", None)
        yield row


def all_records(inputs: Sequence[str | Path], fields: Fields | None = None) -> Iterator[Record]:
    for path in inputs:
        yield from iter_records(path, fields)


def _size(record: Record) -> int:
    content = record.content
    return len(content) if isinstance(content, bytes) else len(content.encode("utf-8", errors="replace"))


class _Done(NamedTuple):
    """A cleaned record as the worker hands it back: its output line, serialised there, and a tally."""

    line: bytes
    id: str
    error: str | None
    empty: bool
    size: int


def _work(chunk: list[Record], options: Options, keep_meta: bool) -> list[_Done]:
    done = []
    for record in chunk:
        row = clean_record(record, options, keep_meta)
        line = json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n"
        done.append(_Done(line, str(row["id"]), row.get("error"), not row["text"], _size(record)))
    return done


def _resume_point(partial: Path) -> int:
    """Complete lines in a partial output; a torn last line (the kill's) is cut off."""
    if not partial.exists():
        return 0
    with partial.open("rb+") as f:
        data = f.read()
        end = data.rfind(b"\n") + 1
        f.truncate(end)
    return data[:end].count(b"\n")


def run_job(
    inputs: Sequence[str | Path],
    output: str | Path,
    *,
    options: Options | None = None,
    jobs: int | None = None,
    keep_meta: bool = False,
    resume: bool = False,
    fields: Fields | None = None,
    progress: Callable[[Summary], None] | None = None,
    site_templates: bool = False,
) -> Summary:
    """Clean every record of ``inputs`` into ``output`` (JSON Lines, or Parquet for ``.parquet``).

    ``site_templates`` adds a pass over the cleaned rows that drops the lines each host repeats on
    many of its pages (:mod:`boilerstrip.corpus.templates`).
    """
    options = options or Options()
    output = Path(output)
    partial = output.with_name(output.name + ".partial")
    if output.exists() and not resume:
        raise FileExistsError(f"{str(output)!r} exists: remove it, or name another output")
    summary = Summary()
    start = time.perf_counter()
    done = _resume_point(partial) if resume else 0
    summary.skipped_by_resume = done
    records = islice(all_records(inputs, fields), done, None)
    jobs = max(1, jobs or os.cpu_count() or 1)
    with partial.open("ab" if resume else "wb") as out:
        last = 0.0
        for done_record in _cleaned(records, options, keep_meta, jobs):
            _count(summary, done_record)
            out.write(done_record.line)
            now = time.perf_counter()
            if progress is not None and now - last >= PROGRESS_EVERY:
                summary.seconds, last = now - start, now
                out.flush()
                progress(summary)
    if site_templates:
        templates = SiteTemplates()
        templates.learn(_read_rows(partial))
        _rewrite(partial, templates.apply)
    summary.seconds = time.perf_counter() - start
    if output.suffix == ".parquet":
        _to_parquet(partial, output)
        partial.unlink()
    else:
        partial.replace(output)
    return summary


def _cleaned(records: Iterator[Record], options: Options, keep_meta: bool, jobs: int) -> Iterator[_Done]:
    """The records cleaned, in input order; with several jobs, a bounded number of chunks in flight."""
    if jobs == 1:
        for record in records:
            yield from _work([record], options, keep_meta)
        return
    context = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "fork")
    with context.Pool(jobs) as pool:
        pending: deque[Any] = deque()
        while True:
            while len(pending) < jobs * CHUNKS_IN_FLIGHT_PER_JOB:
                chunk = list(islice(records, CHUNK_RECORDS))
                if not chunk:
                    break
                pending.append(pool.apply_async(_work, (chunk, options, keep_meta)))
            if not pending:
                return
            yield from pending.popleft().get()


def _count(summary: Summary, done: _Done) -> None:
    summary.records_in += 1
    summary.input_bytes += done.size
    if done.error is not None:
        summary.failed += 1
        if len(summary.failures) < 100:
            summary.failures.append((done.id, done.error))
        _LOG.warning("record %s failed: %s", done.id, done.error)
    else:
        summary.records_out += 1
        summary.empty += done.empty


def _read_rows(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("rb") as src:
        for line in src:
            yield json.loads(line)


def _rewrite(partial: Path, transform: Callable[[Iterable[dict[str, Any]]], Iterable[dict[str, Any]]]) -> None:
    staged = partial.with_name(partial.name + ".rewrite")
    with staged.open("wb") as dst:
        for row in transform(_read_rows(partial)):
            dst.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
    staged.replace(partial)


def _to_parquet(partial: Path, output: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise SystemExit("Parquet output needs pyarrow: pip install 'boilerstrip[parquet]'") from None
    staged = output.with_name(output.name + ".staged")
    writer = None
    with partial.open("rb") as src:
        while True:
            lines = list(islice(src, 10_000))
            if not lines:
                break
            table = pa.Table.from_pylist([json.loads(line) for line in lines])
            if writer is None:
                writer = pq.ParquetWriter(staged, table.schema)
            writer.write_table(table.cast(writer.schema) if table.schema != writer.schema else table)
    if writer is None:
        pq.write_table(pa.table({"id": pa.array([], pa.string()), "text": pa.array([], pa.string())}), staged)
    else:
        writer.close()
    staged.replace(output)


def write_progress(stream: IO[str]) -> Callable[[Summary], None]:
    """A progress callback printing one updating line (pages/s, MB/s) to ``stream``."""

    def show(summary: Summary) -> None:
        rate = summary.records_in / max(summary.seconds, 1e-9)
        mbs = summary.input_bytes / 1e6 / max(summary.seconds, 1e-9)
        stream.write(f"\r{summary.records_in} records, {summary.failed} failed, {rate:.1f} pages/s, {mbs:.2f} MB/s ")
        stream.flush()

    return show

"""The corpus job: every record of the inputs cleaned on every core, written once, resumable.

Records flow in input order through a pool of worker processes, a bounded window at a time (so
memory stays flat over a corpus of any length), and come back in the same order. The output is
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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any

from ..options import Options
from .readers import Fields, Record, iter_records
from .templates import SiteTemplates

_LOG = logging.getLogger("boilerstrip.corpus")
#: Records handed to the pool at a time, per worker: big enough to keep every core busy between
#: window ends, small enough that memory does not depend on the corpus.
WINDOW_PER_JOB = 64
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


def all_records(inputs: Sequence[str | Path], fields: Fields | None = None) -> Iterator[Record]:
    for path in inputs:
        yield from iter_records(path, fields)


def _size(record: Record) -> int:
    content = record.content
    return len(content) if isinstance(content, bytes) else len(content.encode("utf-8", errors="replace"))


def _worker(task: tuple[Record, Options, bool]) -> tuple[dict[str, Any], int]:
    record, options, keep_meta = task
    return clean_record(record, options, keep_meta), _size(record)


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
        rows = _rows(records, options, keep_meta, jobs, summary)
        last = 0.0
        for row in rows:
            _count(summary, row)
            out.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
            now = time.perf_counter()
            if progress is not None and now - last >= PROGRESS_EVERY:
                summary.seconds, last = now - start, now
                out.flush()
                progress(summary)
    summary.seconds = time.perf_counter() - start
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


def _rows(
    records: Iterator[Record], options: Options, keep_meta: bool, jobs: int, summary: Summary
) -> Iterator[dict[str, Any]]:
    if jobs == 1:
        for record in records:
            row, size = _worker((record, options, keep_meta))
            summary.input_bytes += size
            yield row
        return
    context = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "fork")
    window = jobs * WINDOW_PER_JOB
    with context.Pool(jobs) as pool:
        while True:
            batch = [(record, options, keep_meta) for record in islice(records, window)]
            if not batch:
                return
            for row, size in pool.imap(_worker, batch, chunksize=max(1, len(batch) // (jobs * 4))):
                summary.input_bytes += size
                yield row


def _count(summary: Summary, row: dict[str, Any]) -> None:
    summary.records_in += 1
    if "error" in row:
        summary.failed += 1
        if len(summary.failures) < 100:
            summary.failures.append((str(row["id"]), str(row["error"])))
        _LOG.warning("record %s failed: %s", row["id"], row["error"])
    else:
        summary.records_out += 1
        summary.empty += not row["text"]


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

"""The corpus job: every record of the inputs cleaned on every core, written once, resumable.

Records flow in input order through a pool of worker processes, a bounded number of small chunks
in flight (so memory stays flat over a corpus of any length and no worker waits for a slow one),
and come back in the same order, serialised by the workers. The output is written to
``<output>.partial`` line by line and renamed to ``<output>`` only when whole. Beside it, a small
manifest (``<output>.partial.manifest``) names the inputs (path, size, modification time) and the
options that change the rows, and now and then a checkpoint (lines and bytes written so far). A job
killed at any point and run again with ``resume=True`` refuses if the inputs or options differ,
else cuts the partial file to its last complete line (reading only what follows the checkpoint),
skips that many input records and goes on, so the output holds every input record exactly once.

Everything that can fail for one record (reading it, cleaning it, a time limit, serialising its
line) fails inside that record's guard: the record becomes a row with its ``error``, nothing else
stops. An input file cut short keeps the rows read from it and is reported by name.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any, NamedTuple, cast

from ..features import load_compiled
from ..options import Options
from .readers import Fields, ReaderError, Record, TruncatedInput, check_input, file_format, iter_records
from .templates import SiteTemplates

_LOG = logging.getLogger("boilerstrip.corpus")
#: Records sent to a worker at a time (fewer, larger messages between processes) ...
CHUNK_RECORDS = 8
#: ... and chunks in flight per worker: enough that no worker waits, few enough that memory does
#: not depend on the corpus.
CHUNKS_IN_FLIGHT_PER_JOB = 4
#: Seconds between progress lines.
PROGRESS_EVERY = 1.0
#: Seconds between checkpoints in the manifest (lines and bytes written): resume reads from there.
CHECKPOINT_EVERY = 5.0
#: Seconds one record may take before it becomes an error row. Ordinary pages take milliseconds;
#: a pathological one (a huge table, markup nested thousands deep) should not hold a core for hours.
DEFAULT_RECORD_TIMEOUT = 60.0
#: Seconds a worker may stay silent past its chunk's time limits before the parent kills it (the
#: in-worker limit fires only when control comes back to Python from C code).
HARD_TIMEOUT_GRACE = 30.0
_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: One encoder for every row (``json.dumps`` with options builds one a call).
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
#: The compiled core's JSON string writer (``json.dumps(text, ensure_ascii=False)``, faster), or None.
_JSON_STRING = cast("Callable[[str], str] | None", load_compiled("json_string"))
_MANIFEST_VERSION = 1


class JobError(ValueError):
    """A job that cannot start or resume (bad paths, a partial output from other inputs); the
    message is one line for the user."""


class TruncatedInputs(JobError):
    """Some inputs were cut short: their readable rows are in the ``.partial`` output, which is
    not renamed unless ``allow_truncated`` was given."""

    def __init__(self, message: str, summary: Summary) -> None:
        super().__init__(message)
        self.summary = summary


class RecordTimeout(BaseException):
    """Raised by the alarm inside a record's guard. A ``BaseException``, like ``KeyboardInterrupt``,
    so that no ``except Exception`` in the cleaning code swallows it and runs on unbounded."""


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
    truncated: list[str] = field(default_factory=list)  #: one message per input file cut short
    already_complete: bool = False  #: resume found the output finished: nothing was done
    jobs: int = 1  #: worker processes the job ran

    def line(self) -> str:
        rate = self.records_in / self.seconds if self.seconds else 0.0
        megabytes = self.input_bytes / 1e6 / max(self.seconds, 1e-9)
        return (
            f"records in {self.records_in}, out {self.records_out}, empty {self.empty}, failed {self.failed}"
            + (f", resumed after {self.skipped_by_resume}" if self.skipped_by_resume else "")
            + f"; {self.seconds:.1f} s, {rate:.1f} pages/s, {megabytes:.2f} MB/s"
            + (f" ({megabytes / self.jobs:.2f} MB/s per worker)" if self.jobs > 1 else "")
        )


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`RecordTimeout` in this thread after ``seconds`` (Unix, main thread only).

    SIGALRM works in each worker's main thread (Linux and macOS alike). Elsewhere (Windows, or a
    job run from another thread) there is no limit. A long call in C (a parser) is interrupted when
    it returns to Python; the parent's hard limit covers one that never does.
    """
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise RecordTimeout(f"timed out after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, float(seconds or 0))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@functools.lru_cache(maxsize=16)
def _with_format(options: Options, input_format: str) -> Options:
    """The job's options for one record's format (made once per format, not once per record)."""
    return options.with_changes(input_format=input_format)


def clean_record(
    record: Record, options: Options, keep_meta: bool = False, timeout: float | None = None
) -> dict[str, Any]:
    """One output row: id, url, text (``""`` when nothing was kept) and error (when it failed); with
    ``options.output == "markdown"`` also the same article as markdown, in a ``markdown`` field."""
    from .. import clean, extract

    row: dict[str, Any] = {"id": record.id, "url": record.url}
    if keep_meta:
        row.update({k: v for k, v in record.meta.items() if k not in ("id", "url", "text", "markdown", "error")})
    markdown = options.output == "markdown"
    if markdown:
        row["markdown"] = ""
    if record.error is not None:
        row["text"], row["error"] = "", record.error
        return row
    failure = None
    try:
        with time_limit(timeout):
            if markdown:
                url = options.url if options.url is not None else (record.url or None)
                opts = options.with_changes(input_format=record.format, output="text", url=url)
                doc = extract(record.content, opts, metadata=False)
                row["text"], row["markdown"] = doc.text, doc.markdown
            else:
                row["text"] = clean(record.content, _with_format(options, record.format))
    except RecordTimeout as error:
        failure = f"RecordTimeout: {error}"
    except Exception as error:
        failure = f"{type(error).__name__}: {error}"
    if failure is not None:
        row["text"], row["error"] = "", failure
        if markdown:
            row["markdown"] = ""
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


def all_records(
    inputs: Sequence[str | Path], fields: Fields | None = None, truncated: list[str] | None = None
) -> Iterator[Record]:
    """The records of every input in turn. An input cut short gives its readable records and,
    when ``truncated`` is a list, adds its message there and the next input goes on; without one,
    :class:`TruncatedInput` is raised."""
    for path in inputs:
        try:
            yield from iter_records(path, fields)
        except TruncatedInput as error:
            if truncated is None:
                raise
            truncated.append(str(error))
            _LOG.warning("%s", error)


def expand_inputs(inputs: Sequence[str | Path]) -> list[Path]:
    """The input files, each checked before any work starts; a folder stands for the corpus files
    under it (names ending .warc, .wet, .jsonl and their compressed forms), sorted."""
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".") and _known(p))
            if not found:
                raise JobError(f"the folder {str(path)!r} holds no .warc, .wet or .jsonl files")
            files.extend(found)
            continue
        try:
            check_input(path)
        except ReaderError as error:
            raise JobError(str(error)) from None
        files.append(path)
    return files


def _known(path: Path) -> bool:
    try:
        file_format(path)
        return True
    except ReaderError:
        return False


def _size(record: Record) -> int:
    content = record.content
    if isinstance(content, bytes) or content.isascii():  # an ASCII str's length is its UTF-8 size
        return len(content)
    return len(content.encode("utf-8", errors="replace"))


class _Done(NamedTuple):
    """A cleaned record as the worker hands it back: its output line, serialised there, and a tally."""

    line: bytes
    id: str
    error: str | None
    empty: bool
    size: int


def _encode(row: dict[str, Any]) -> str:
    """``json.dumps(row, ensure_ascii=False)``: written by the compiled core where every value is a
    str or None (a row's usual kinds; its text is most of the time the job spends writing), else by
    the json module, byte for byte the same."""
    write = _JSON_STRING
    if write is None:
        return _ENCODE(row)
    parts = []
    for key, value in row.items():
        if value is None:
            parts.append(write(key) + ": null")
        elif type(value) is str and type(key) is str:
            parts.append(write(key) + ": " + write(value))
        else:
            return _ENCODE(row)
    return "{" + ", ".join(parts) + "}"


def _line(row: dict[str, Any]) -> bytes:
    """The row as one JSON line. Lone surrogates (valid in JSON text as ``"\\ud83d"``, not in UTF-8)
    become U+FFFD, as undecodable bytes do when text is decoded: the rest of the row is kept."""
    text = _encode(row)
    try:
        return text.encode("utf-8") + b"\n"
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text).encode("utf-8") + b"\n"


def _finish(record: Record, row: dict[str, Any]) -> _Done:
    try:
        line = _line(row)
    except Exception as error:  # a meta value JSON cannot hold: still one row, with its error
        row = {"id": record.id, "url": record.url, "text": "", "error": f"{type(error).__name__}: {error}"}
        line = _line({k: (v if isinstance(v, str) or v is None else str(v)) for k, v in row.items()})
    return _Done(line, str(row["id"]), row.get("error"), not row["text"], _size(record))


def _work(chunk: list[Record], options: Options, keep_meta: bool, timeout: float | None = None) -> list[_Done]:
    return [_finish(record, clean_record(record, options, keep_meta, timeout)) for record in chunk]


def _failed(record: Record, error: str) -> _Done:
    return _finish(record, {"id": record.id, "url": record.url, "text": "", "error": error})


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the parent, which stops the job with one line, not a traceback each."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


# -- the manifest beside the partial output ------------------------------------------------------


def _manifest_path(partial: Path) -> Path:
    return partial.with_name(partial.name + ".manifest")


def _identity(
    inputs: Sequence[Path], options: Options, keep_meta: bool, fields: Fields | None, site_templates: bool
) -> dict[str, Any]:
    """What made the output: each input's path, size and modification time, and the options that
    change the rows (not ``jobs``, the time limit or ``allow_truncated``)."""
    stats = []
    for path in inputs:
        st = path.stat()
        stats.append([str(path.resolve()), st.st_size, st.st_mtime_ns])
    return {
        "version": _MANIFEST_VERSION,
        "inputs": stats,
        "options": {
            **asdict(options),
            "keep_meta": keep_meta,
            "fields": asdict(fields or Fields()),
            "site_templates": site_templates,
        },
    }


def _write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    staged = path.with_name(path.name + ".tmp")
    staged.write_text(json.dumps(manifest), encoding="utf-8")
    staged.replace(path)


def _check_manifest(path: Path, want: dict[str, Any], output: Path) -> dict[str, Any]:
    """The stored manifest, when it names the same inputs and options; else a one-line refusal."""
    fix = f"remove {path.with_suffix('').name} to start over, or resume with the first run's inputs and options"
    try:
        have = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise JobError(f"cannot resume {output.name}: no readable manifest beside its .partial; {fix}") from None
    if have.get("inputs") != want["inputs"]:
        old = {p[0]: p for p in have.get("inputs", [])}
        new = {p[0]: p for p in want["inputs"]}
        changed = sorted(set(old) ^ set(new)) or sorted(p for p in new if old.get(p) != new[p])
        what = ", ".join(Path(p).name for p in changed[:3]) or "their order"
        raise JobError(f"cannot resume {output.name}: its .partial was made from other inputs ({what}); {fix}")
    if have.get("options") != want["options"]:
        old_options, new_options = have.get("options", {}), want["options"]
        names = sorted(k for k in set(old_options) | set(new_options) if old_options.get(k) != new_options.get(k))
        what = ", ".join(names)
        raise JobError(f"cannot resume {output.name}: its .partial was made with other options ({what}); {fix}")
    return dict(have)


def _resume_point(partial: Path, checkpoint: dict[str, Any] | None = None) -> int:
    """Complete lines in a partial output; a torn last line (the kill's) is cut off.

    Only what follows the checkpoint (lines and bytes known written) is read, 1 MB at a time, so
    resuming a large output costs neither its size in memory nor a read of all of it.
    """
    if not partial.exists():
        return 0
    lines, offset = 0, 0
    size = partial.stat().st_size
    with partial.open("rb+") as f:
        if checkpoint:
            at, count = int(checkpoint.get("bytes", 0)), int(checkpoint.get("lines", 0))
            if 0 < at <= size:
                f.seek(at - 1)
                if f.read(1) == b"\n":
                    lines, offset = count, at
        f.seek(offset)
        end = position = offset
        while chunk := f.read(1 << 20):
            newlines = chunk.count(b"\n")
            if newlines:
                lines += newlines
                end = position + chunk.rfind(b"\n") + 1
            position += len(chunk)
        f.truncate(end)
    return lines


# -- the job -------------------------------------------------------------------------------------


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
    record_timeout: float | None = DEFAULT_RECORD_TIMEOUT,
    allow_truncated: bool = False,
) -> Summary:
    """Clean every record of ``inputs`` into ``output`` (JSON Lines, or Parquet for ``.parquet``).

    Paths are checked before any work starts (:class:`JobError`). ``site_templates`` adds a pass
    over the cleaned rows that drops the lines each host repeats on many of its pages
    (:mod:`boilerstrip.corpus.templates`). ``record_timeout`` (seconds, ``None`` for none) turns a
    record that takes longer into an error row. An input cut short raises :class:`TruncatedInputs`
    after every readable record is written, the output left as ``.partial``; with
    ``allow_truncated`` the job finishes and the messages are in ``Summary.truncated``.
    """
    options = options or Options()
    output = Path(output)
    partial = output.with_name(output.name + ".partial")
    manifest_path = _manifest_path(partial)
    paths = expand_inputs(inputs)
    _check_output(output)
    if output.exists():
        if resume and not partial.exists():
            return Summary(already_complete=True)
        raise FileExistsError(f"{str(output)!r} exists: remove it, or name another output")
    if output.suffix == ".parquet":
        _need_pyarrow()
    manifest = _identity(paths, options, keep_meta, fields, site_templates)
    done = 0
    if resume and partial.exists():
        stored = _check_manifest(manifest_path, manifest, output)
        done = _resume_point(partial, stored.get("checkpoint"))
    else:
        try:
            _write_manifest(manifest_path, manifest)
        except OSError as error:
            raise JobError(f"cannot write beside {str(output)!r}: {error.strerror or error}") from None
    summary = Summary(skipped_by_resume=done)
    start = time.perf_counter()
    records = islice(all_records(paths, fields, summary.truncated), done, None)
    jobs = max(1, jobs or os.cpu_count() or 1)
    summary.jobs = jobs
    written = done
    try:
        cleaned = _cleaned(records, options, keep_meta, jobs, record_timeout)
        with partial.open("ab" if done else "wb") as out, contextlib.closing(cleaned):
            last = last_checkpoint = time.perf_counter()
            for done_record in cleaned:
                _count(summary, done_record)
                out.write(done_record.line)
                written += 1
                now = time.perf_counter()
                if now - last_checkpoint >= CHECKPOINT_EVERY:
                    out.flush()
                    _write_manifest(manifest_path, {**manifest, "checkpoint": {"lines": written, "bytes": out.tell()}})
                    last_checkpoint = now
                if progress is not None and now - last >= PROGRESS_EVERY:
                    summary.seconds, last = now - start, now
                    out.flush()
                    progress(summary)
    except BaseException:
        if written == 0:  # nothing to resume from: leave no empty .partial behind
            partial.unlink(missing_ok=True)
            manifest_path.unlink(missing_ok=True)
        raise
    summary.seconds = time.perf_counter() - start
    if summary.truncated and not allow_truncated:
        raise TruncatedInputs(
            "; ".join(summary.truncated)
            + f": the rows read are in {partial.name}; to accept them, run again with --resume --allow-truncated",
            summary,
        )
    if site_templates:
        templates = SiteTemplates()
        templates.learn(_read_rows(partial))
        _rewrite(partial, templates.apply)
    if output.suffix == ".parquet":
        to_parquet(partial, output)
        partial.unlink()
    else:
        partial.replace(output)
    manifest_path.unlink(missing_ok=True)
    summary.seconds = time.perf_counter() - start
    return summary


def output_problem(output: Path) -> str | None:
    """Why ``output`` cannot be written (a URL, a folder, a missing or read-only folder), or ``None``.

    Checked before any work, so a job never cleans a corpus it cannot write down.
    """
    name = str(output)
    if name.startswith(("http://", "https://")):
        return f"{name!r} is a URL: the output must be a local file"
    if output.is_dir():
        return f"{name!r} is a folder: name a file in it"
    folder = output.parent
    if not folder.is_dir():
        return f"no such folder for {name!r}: {str(folder)!r}"
    if not os.access(folder, os.W_OK) or (output.exists() and not os.access(output, os.W_OK)):
        return f"cannot write {name!r}: permission denied"
    return None


def _check_output(output: Path) -> None:
    problem = output_problem(output)
    if problem is not None:
        raise JobError(problem)


def _need_pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise JobError("Parquet output needs pyarrow: pip install 'boilerstrip[parquet]'") from None


def _cleaned(
    records: Iterator[Record], options: Options, keep_meta: bool, jobs: int, timeout: float | None
) -> Generator[_Done, None, None]:
    """The records cleaned, in input order; with several jobs, a bounded number of chunks in flight.

    A worker that gives no answer long past its chunk's time limits (stuck in C code the alarm
    cannot interrupt) is killed with the pool; its chunk is run again record by record, and the
    record that hangs again becomes an error row.
    """
    if jobs == 1:
        for record in records:
            yield from _work([record], options, keep_meta, timeout)
        return
    context = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "fork")
    hard = None if not timeout else timeout * CHUNK_RECORDS + HARD_TIMEOUT_GRACE
    pool = context.Pool(jobs, initializer=_ignore_sigint)
    try:
        pending: deque[tuple[list[Record], Any]] = deque()
        while True:
            while len(pending) < jobs * CHUNKS_IN_FLIGHT_PER_JOB:
                chunk = list(islice(records, CHUNK_RECORDS))
                if not chunk:
                    break
                pending.append((chunk, pool.apply_async(_work, (chunk, options, keep_meta, timeout))))
            if not pending:
                return
            chunk, result = pending.popleft()
            try:
                yield from result.get(hard)
                continue
            except multiprocessing.TimeoutError:
                pass
            pool.terminate()
            pool = context.Pool(jobs, initializer=_ignore_sigint)
            for record in chunk:
                single = pool.apply_async(_work, ([record], options, keep_meta, timeout))
                try:
                    yield from single.get((timeout or 0) + HARD_TIMEOUT_GRACE)
                except multiprocessing.TimeoutError:
                    pool.terminate()
                    pool = context.Pool(jobs, initializer=_ignore_sigint)
                    yield _failed(record, f"RecordTimeout: no answer within {timeout:g} s; its worker was killed")
            pending = deque((c, pool.apply_async(_work, (c, options, keep_meta, timeout))) for c, _ in pending)
    finally:
        pool.terminate()
        pool.join()


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
            dst.write(_line(row))
    staged.replace(partial)


# -- Parquet -------------------------------------------------------------------------------------

#: Columns every output has, in this order; ``error`` is null where the record was fine.
BASE_COLUMNS = ("id", "url", "text", "error")
#: Rows per Parquet write (a row group).
PARQUET_BATCH = 10_000


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    return "json"


def parquet_schema(partial: Path) -> tuple[Any, dict[str, str]]:
    """One schema for the whole output, from a first pass over every row (not the first 10,000):
    ``id``, ``url``, ``text`` and ``error`` always, as strings; each ``--keep-meta`` field typed
    by all its values (bool, int, float when ints and floats mix, string), or a JSON string when
    they disagree or are lists and objects. A late failure or a late type change cannot then
    drop a column or stop the conversion."""
    import pyarrow as pa

    kinds: dict[str, set[str]] = {}
    for row in _read_rows(partial):
        for key, value in row.items():
            if key not in BASE_COLUMNS:
                kinds.setdefault(key, set()).add(_kind(value))
    types = {"bool": pa.bool_(), "int": pa.int64(), "float": pa.float64(), "str": pa.string()}
    plan: dict[str, str] = {}
    for key, seen in kinds.items():
        seen.discard("null")
        if seen == {"int", "float"}:
            seen = {"float"}
        plan[key] = seen.pop() if len(seen) == 1 and next(iter(seen)) != "json" else "json"
    fields = [pa.field(name, pa.string()) for name in BASE_COLUMNS]
    fields += [pa.field(name, types.get(kind, pa.string())) for name, kind in plan.items()]
    return pa.schema(fields), plan


def _cell(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "json":
        return json.dumps(value, ensure_ascii=False)
    if kind == "float":
        return float(value)
    return value


def to_parquet(partial: Path, output: Path) -> None:
    """The JSON Lines partial output as one Parquet file, written under a staged name and renamed."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema, plan = parquet_schema(partial)
    staged = output.with_name(output.name + ".staged")
    with pq.ParquetWriter(staged, schema) as writer:
        rows = _read_rows(partial)
        while batch := list(islice(rows, PARQUET_BATCH)):
            columns = {name: [row.get(name) for row in batch] for name in BASE_COLUMNS}
            for name, kind in plan.items():
                columns[name] = [_cell(row.get(name), kind) for row in batch]
            writer.write_table(pa.table(columns, schema=schema))
    staged.replace(output)


def write_progress(stream: IO[str]) -> Callable[[Summary], None]:
    """A progress callback printing one updating line (pages/s, MB/s) to ``stream``."""

    def show(summary: Summary) -> None:
        rate = summary.records_in / max(summary.seconds, 1e-9)
        mbs = summary.input_bytes / 1e6 / max(summary.seconds, 1e-9)
        stream.write(f"\r{summary.records_in} records, {summary.failed} failed, {rate:.1f} pages/s, {mbs:.2f} MB/s ")
        stream.flush()

    return show

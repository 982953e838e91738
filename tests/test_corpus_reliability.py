"""Issue 11, corpus rows: no record lost or silently wrong, on WARCs and hostile inputs the tests build."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc
import zlib
from pathlib import Path
from typing import Any

import brotli
import pytest

import boilerstrip
from boilerstrip.corpus import ReaderError, iter_records, run_job
from boilerstrip.corpus import job as corpus_job
from boilerstrip.corpus.job import JobError, TruncatedInputs
from boilerstrip.corpus.readers import TruncatedInput

from .conftest import FIXTURES

NEWS = (FIXTURES / "html" / "news.html").read_text(encoding="utf-8")
SEED = (FIXTURES / "seed-page-text.txt").read_text(encoding="utf-8")
CAFE = (
    "<html><head><title>Café culture</title></head><body><article><h1>Café culture in Lyon</h1>"
    + "".join(
        f"<p>Paragraph {i}: the café on the corner of the square serves coffee to the whole street, "
        "and its owner has kept the same recipe for forty years, customers say.</p>"
        for i in range(12)
    )
    + "</article></body></html>"
)


LATIN1 = "text/html; charset=ISO-8859-1"


def cli(*args: str, **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "boilerstrip", *args], capture_output=True, text=True, **kw)


def rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def jsonl(path: Path, n: int, start: int = 0) -> list[str]:
    ids = [f"p{i}" for i in range(start, start + n)]
    noise = [os.urandom(600).hex() for _ in ids]  # so that half the compressed file is many records
    path.write_text(
        "".join(
            json.dumps({"id": i, "text": SEED, "url": f"https://c.example/{i}", "noise": x}) + "\n"
            for i, x in zip(ids, noise)
        )
    )
    return ids


def warc(path: Path, responses: list[tuple[str, list[tuple[str, str]], bytes]], gzip_records: bool = True) -> None:
    """A WARC written by warcio: one response per (url, HTTP headers, body as sent), plus a request
    record before each, as crawlers write them."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=gzip_records)
        for url, headers, body in responses:
            request = writer.create_warc_record(
                url,
                "request",
                payload=io.BytesIO(b""),
                http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True),
            )
            writer.write_record(request)
            status = "404 Not Found" if "missing" in url else "200 OK"
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))


def chunked(body: bytes, size: int = 300) -> bytes:
    parts = [
        f"{len(body[i : i + size]):x}\r\n".encode() + body[i : i + size] + b"\r\n" for i in range(0, len(body), size)
    ]
    return b"".join(parts) + b"0\r\n\r\n"


# -- row 1: a lone surrogate ---------------------------------------------------------------------


def test_lone_surrogate_becomes_replacement_character_and_neighbours_are_kept(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a", "text": SEED}),
        '{"id": "b\\ud83d", "text": "Heading\\n' + SEED.replace("\n", "\\n").replace('"', '\\"') + ' \\ud83d"}',
        json.dumps({"id": "c", "text": SEED}),
    ]
    source.write_text("\n".join(lines) + "\n")
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}.jsonl"
        summary = run_job([source], out, jobs=jobs)
        got = rows(out)
        assert [g["id"] for g in got] == ["a", "b\ufffd", "c"]
        assert got[0]["text"] == got[2]["text"] == boilerstrip.clean(SEED)
        assert "TEHRAN (Reuters)" in got[1]["text"] and summary.failed == 0


def interrupt_after_two(source: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run a job on ``source`` and stop it, as Ctrl-C would, once two records are in."""
    monkeypatch.setattr(corpus_job, "PROGRESS_EVERY", 0.0)

    def stop(summary: corpus_job.Summary) -> None:
        if summary.records_in == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_job([source], out, jobs=1, progress=stop)


def test_lone_surrogate_job_resumes_past_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "a", "text": SEED})
        + "\n"
        + '{"id": "b", "url": "https://x.example/\\udc00", "text": "x y"}\n'
        + json.dumps({"id": "c", "text": SEED})
        + "\n"
    )
    out = tmp_path / "out.jsonl"
    interrupt_after_two(source, out, monkeypatch)
    assert len(rows(tmp_path / "out.jsonl.partial")) == 2
    summary = run_job([source], out, jobs=1, resume=True)
    got = rows(out)
    assert [r["id"] for r in got] == ["a", "b", "c"] and summary.skipped_by_resume == 2
    assert got[1]["url"] == "https://x.example/\ufffd"


# -- rows 2 and 3: HTTP codings and the charset --------------------------------------------------


def test_warc_content_and_transfer_encodings_are_undone(tmp_path: Path) -> None:
    html = CAFE.encode()
    deflater = zlib.compressobj(wbits=-15)
    raw_deflate = deflater.compress(html) + deflater.flush()
    ct = ("Content-Type", "text/html; charset=utf-8")
    cases = {
        "plain": ([ct], html),
        "gzip": ([ct, ("Content-Encoding", "gzip")], gzip.compress(html)),
        "deflate": ([ct, ("Content-Encoding", "deflate")], zlib.compress(html)),
        "raw-deflate": ([ct, ("Content-Encoding", "deflate")], raw_deflate),
        "br": ([ct, ("Content-Encoding", "br")], brotli.compress(html)),
        "chunked": ([ct, ("Transfer-Encoding", "chunked")], chunked(html)),
        "chunked-gzip": (
            [ct, ("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")],
            chunked(gzip.compress(html)),
        ),
        "stored-decoded": ([ct, ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")], html),
        "not-gzip": ([ct, ("Content-Encoding", "gzip")], b"\x00\x01 binary junk" * 20),
    }
    path = tmp_path / "crawl.warc.gz"
    warc(path, [(f"https://a.example/{name}", headers, body) for name, (headers, body) in cases.items()])
    out = tmp_path / "out.jsonl"
    summary = run_job([path], out, jobs=1)
    got = {r["url"].rsplit("/", 1)[1]: r for r in rows(out)}
    expected = boilerstrip.clean(html, input_format="html")
    assert "Café culture in Lyon" in expected
    for name in cases:
        if name == "not-gzip":
            assert got[name]["text"] == "" and "Content-Encoding gzip" in got[name]["error"]
        else:
            assert got[name]["text"] == expected, name
            assert "error" not in got[name]
    assert summary.failed == 1 and summary.records_in == len(cases)


def test_http_charset_loses_to_valid_utf8(tmp_path: Path) -> None:
    latin = CAFE.replace("Lyon", "Lyon à la française").encode("latin-1")
    path = tmp_path / "crawl.warc.gz"
    warc(
        path,
        [
            (
                "https://a.example/utf8-declared-latin1",
                [("Content-Type", "text/html; charset=ISO-8859-1")],
                CAFE.encode(),
            ),
            ("https://a.example/latin1", [("Content-Type", "text/html; charset=ISO-8859-1")], latin),
        ],
    )
    first, second = (boilerstrip.clean(r.content, input_format="html") for r in iter_records(path))
    assert "Café culture in Lyon" in first and "Ã" not in first
    assert "Lyon à la française" in second


# -- row 4: Parquet ------------------------------------------------------------------------------


def test_parquet_schema_covers_late_failures_and_late_type_changes(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    partial = tmp_path / "out.parquet.partial"
    with partial.open("w") as f:
        for i in range(10_050):
            row: dict[str, Any] = {"id": f"r{i}", "url": None, "text": "kept", "lang": "en", "score": 1}
            if i >= 10_010:
                row["score"] = 2.5 if i % 2 else "high"  # a type change after the first 10,000 rows
                row["tags"] = ["a", "b"]
            if i == 10_049:
                row["text"], row["error"] = "", "ValueError: late failure"
            f.write(json.dumps(row) + "\n")
    out = tmp_path / "out.parquet"
    corpus_job.to_parquet(partial, out)
    table = pq.read_table(out)
    assert table.column_names[:4] == ["id", "url", "text", "error"]
    assert table.num_rows == 10_050
    errors = table.column("error").to_pylist()
    assert errors[-1] == "ValueError: late failure" and errors[:-1] == [None] * 10_049
    assert table.schema.field("lang").type == "string"
    scores = table.column("score").to_pylist()
    assert scores[0] == "1" and scores[10_011] == "2.5" and scores[10_010] == '"high"'  # mixed: JSON strings
    assert table.column("tags").to_pylist()[-1] == '["a", "b"]'


def test_parquet_job_has_error_column_and_typed_warc_meta(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "crawl.warc.gz"
    ct = [("Content-Type", "text/html; charset=utf-8")]
    warc(path, [("https://a.example/1", ct, CAFE.encode()), ("https://a.example/missing", ct, b"<p>Not found</p>")])
    run_job([path], tmp_path / "out.parquet", jobs=1, keep_meta=True)
    table = pq.read_table(tmp_path / "out.parquet")
    assert {"id", "url", "text", "error", "warc_date", "http_status", "content_type"} <= set(table.column_names)
    assert table.column("error").to_pylist() == [None, None]
    assert table.column("http_status").to_pylist() == [200, 404]
    assert str(table.schema.field("http_status").type) == "int64"


# -- rows 5 and 6: truncated inputs --------------------------------------------------------------


def test_truncated_jsonl_gz_keeps_readable_rows_and_is_reported(tmp_path: Path) -> None:
    whole = tmp_path / "whole.jsonl"
    ids = jsonl(whole, 30)
    data = gzip.compress(whole.read_bytes())
    cut = tmp_path / "dump.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    seen: list[str] = []
    with pytest.raises(TruncatedInput, match=r"dump\.jsonl\.gz is truncated"):
        seen.extend(r.id for r in iter_records(cut))
    assert seen and seen == ids[: len(seen)]
    out = tmp_path / "out.jsonl"
    with pytest.raises(TruncatedInputs) as caught:
        run_job([cut], out, jobs=1)
    assert "dump.jsonl.gz" in str(caught.value) and not out.exists()
    assert [r["id"] for r in rows(tmp_path / "out.jsonl.partial")] == seen
    result = cli("corpus", str(cut), "-o", str(out), "-j", "1", "--resume")
    assert result.returncode != 0 and "dump.jsonl.gz is truncated" in result.stderr and "Traceback" not in result.stderr
    result = cli("corpus", str(cut), "-o", str(out), "-j", "1", "--resume", "--allow-truncated")
    assert result.returncode == 0 and "warning" in result.stderr
    assert [r["id"] for r in rows(out)] == seen


@pytest.mark.parametrize("gzip_records", [True, False])
def test_truncated_warc_is_reported_not_silent(tmp_path: Path, gzip_records: bool) -> None:
    ct = [("Content-Type", "text/html; charset=utf-8")]
    whole = tmp_path / ("whole.warc.gz" if gzip_records else "whole.warc")
    warc(whole, [(f"https://a.example/{i}", ct, CAFE.encode()) for i in range(20)], gzip_records=gzip_records)
    data = whole.read_bytes()
    cut = tmp_path / ("crawl.warc.gz" if gzip_records else "crawl.warc")
    cut.write_bytes(data[: len(data) // 2])
    assert len(list(iter_records(whole))) == 20
    seen: list[str | None] = []
    with pytest.raises(TruncatedInput, match=r"crawl\.warc"):
        seen.extend(r.url for r in iter_records(cut))
    assert 5 < len(seen) < 20 and seen == [f"https://a.example/{i}" for i in range(len(seen))]
    result = cli("corpus", str(cut), "-o", str(tmp_path / "out.jsonl"), "-j", "1")
    assert result.returncode != 0 and "crawl.warc" in result.stderr and "truncated" in result.stderr


def test_whole_gzip_warc_in_one_member_and_the_other_inputs_go_on(tmp_path: Path) -> None:
    ct = [("Content-Type", "text/html; charset=utf-8")]
    plain = tmp_path / "plain.warc"
    warc(plain, [(f"https://a.example/{i}", ct, CAFE.encode()) for i in range(6)], gzip_records=False)
    one_member = gzip.compress(plain.read_bytes())
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(one_member[: len(one_member) * 2 // 3])
    after = tmp_path / "after.jsonl"
    ids = jsonl(after, 3)
    summary = run_job([cut, after], tmp_path / "out.jsonl", jobs=2, allow_truncated=True)
    got = rows(tmp_path / "out.jsonl")
    assert [r["id"] for r in got][-3:] == ids and len(summary.truncated) == 1 and "cut.warc.gz" in summary.truncated[0]


# -- rows 10 and 11: resume ----------------------------------------------------------------------


def test_resume_refuses_other_inputs_or_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    jsonl(a, 4)
    jsonl(b, 4, start=100)
    out = tmp_path / "out.jsonl"
    interrupt_after_two(a, out, monkeypatch)
    with pytest.raises(JobError, match=r"other inputs \(.*a\.jsonl"):
        run_job([b], out, jobs=1, resume=True)
    with pytest.raises(JobError, match=r"other options \(focus\)"):
        run_job([a], out, jobs=1, resume=True, options=boilerstrip.Options(focus="precision"))
    result = cli("corpus", str(b), "-o", str(out), "--resume", "-j", "1")
    assert result.returncode != 0 and "other inputs" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    a.write_text(a.read_text() + json.dumps({"id": "late", "text": SEED}) + "\n")  # the input changed since
    with pytest.raises(JobError, match="other inputs"):
        run_job([a], out, jobs=1, resume=True)


def test_resume_point_reads_only_the_tail(tmp_path: Path) -> None:
    partial = tmp_path / "out.jsonl.partial"
    line = json.dumps({"id": "x", "text": "y" * 300}).encode() + b"\n"
    with partial.open("wb") as f:
        for _ in range(100_000):  # about 31 MB
            f.write(line)
        f.write(b'{"id": "torn", "te')
    size = partial.stat().st_size
    tracemalloc.start()
    assert corpus_job._resume_point(partial) == 100_000
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 4_000_000 and partial.stat().st_size == size - len(b'{"id": "torn", "te')
    # with a checkpoint, the lines before it are taken as counted, not read again
    checkpoint = {"lines": 5, "bytes": len(line) * 99_990}
    assert corpus_job._resume_point(partial, checkpoint) == 5 + 10
    assert corpus_job._resume_point(partial, {"lines": 5, "bytes": 7}) == 100_000  # not a line end: ignored


def test_resume_of_a_finished_output_does_nothing(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    jsonl(source, 3)
    out = tmp_path / "out.jsonl"
    assert cli("corpus", str(source), "-o", str(out), "-j", "1").returncode == 0
    before = out.read_bytes()
    start = time.monotonic()
    result = cli("corpus", str(source), "-o", str(out), "-j", "1", "--resume")
    assert result.returncode == 0 and "already complete" in result.stderr and out.read_bytes() == before
    assert time.monotonic() - start < 30
    assert not list(tmp_path.glob("*.partial*"))


# -- row 12: lz4 ---------------------------------------------------------------------------------


def test_lz4_jsonl_is_read_and_a_mislabelled_file_refused(tmp_path: Path) -> None:
    import lz4.frame

    plain = tmp_path / "plain.jsonl"
    ids = jsonl(plain, 50)
    path = tmp_path / "dump.jsonl.lz4"
    path.write_bytes(lz4.frame.compress(plain.read_bytes()))
    assert [r.id for r in iter_records(path)] == ids
    fake = tmp_path / "fake.jsonl.lz4"
    fake.write_bytes(b"\x00\x01\x02 not lz4 at all\n" * 100)
    with pytest.raises(ReaderError, match="not lz4"):
        list(iter_records(fake))
    bz = tmp_path / "dump.jsonl"
    bz.write_bytes(b"BZh91AY&SY" + b"\x00" * 50)
    result = cli("corpus", str(bz), "-o", str(tmp_path / "o.jsonl"))
    assert result.returncode != 0 and "bzip2" in result.stderr and not (tmp_path / "o.jsonl.partial").exists()
    cut = tmp_path / "cut.jsonl.lz4"
    cut.write_bytes(path.read_bytes()[:-20])
    with pytest.raises(TruncatedInput, match="lz4 stream ends early"):
        list(iter_records(cut))


# -- row 14: paths -------------------------------------------------------------------------------


def test_bad_paths_are_one_line_errors_before_any_work(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    jsonl(source, 3)
    missing_folder = cli("corpus", str(source), "-o", str(tmp_path / "nope" / "out.jsonl"))
    assert missing_folder.returncode != 0 and "no such folder" in missing_folder.stderr
    second_missing = cli("corpus", str(source), str(tmp_path / "gone.jsonl"), "-o", str(tmp_path / "out.jsonl"))
    assert second_missing.returncode != 0 and "gone.jsonl" in second_missing.stderr
    if os.geteuid() == 0:
        read_only = Path("/proc/boilerstrip-out.jsonl")  # not even root can create files here
    else:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o555)
        read_only = folder / "out.jsonl"
    cannot_write = cli("corpus", str(source), "-o", str(read_only))
    assert cannot_write.returncode != 0 and "write" in cannot_write.stderr
    for result in (missing_folder, second_missing, cannot_write):
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"] + (["ro"] if os.geteuid() else [])


def test_folder_input_is_expanded_to_its_corpus_files(tmp_path: Path) -> None:
    folder = tmp_path / "dumps"
    (folder / "sub").mkdir(parents=True)
    first = jsonl(folder / "a.jsonl", 2)
    second = jsonl(folder / "sub" / "b.jsonl", 2, start=10)
    (folder / "notes.txt").write_text("not a corpus file")
    run_job([folder], tmp_path / "out.jsonl", jobs=1)
    assert [r["id"] for r in rows(tmp_path / "out.jsonl")] == first + second
    (tmp_path / "empty").mkdir()
    with pytest.raises(JobError, match="holds no"):
        run_job([tmp_path / "empty"], tmp_path / "o2.jsonl", jobs=1)


# -- row 19: Ctrl-C ------------------------------------------------------------------------------


def test_ctrl_c_names_resume_and_resume_finishes(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    ids = jsonl(source, 2000)  # enough that the job is still running when the interrupt comes
    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    command = [sys.executable, "-m", "boilerstrip", "corpus", str(source), "-o", str(out), "-j", "2"]
    # A job run from a terminal takes Ctrl-C; one started in the background of a script inherits it
    # ignored (as this test's runner may be), so the job gets the terminal's default back.
    job = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not partial.exists() or partial.stat().st_size < 5_000):
        assert job.poll() is None, "the job finished before it could be interrupted: give it more records"
        time.sleep(0.01)
    os.killpg(job.pid, signal.SIGINT)  # as a terminal's Ctrl-C does: the whole process group
    _, err = job.communicate(timeout=60)
    assert job.returncode != 0 and "Traceback" not in err
    assert "--resume" in err and len(err.strip().splitlines()) == 1
    result = subprocess.run([*command, "--resume"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and [r["id"] for r in rows(out)] == ids


# -- row 20: --keep-meta on WARC -----------------------------------------------------------------


def test_keep_meta_on_warc_keeps_date_status_and_content_type(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    warc(path, [("https://a.example/1", [("Content-Type", "text/html; charset=utf-8")], CAFE.encode())])
    run_job([path], tmp_path / "out.jsonl", jobs=1, keep_meta=True)
    (row,) = rows(tmp_path / "out.jsonl")
    assert row["http_status"] == 200 and row["content_type"] == "text/html; charset=utf-8"
    assert row["warc_date"].startswith("20") and "Café culture" in row["text"]


# -- the per-record time limit -------------------------------------------------------------------


def _slow_clean(real: Any) -> Any:
    def clean(content: Any, options: Any = None, **kw: Any) -> str:
        if isinstance(content, str) and "SLOW" in content:
            time.sleep(300)
        return str(real(content, options, **kw))

    return clean


@pytest.mark.parametrize("jobs", [1, 2])
def test_record_timeout_turns_a_stuck_record_into_an_error_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(boilerstrip, "clean", _slow_clean(boilerstrip.clean))  # the forked workers inherit it
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps({"id": i, "text": "SLOW" if i == "slow" else SEED}) + "\n" for i in ("a", "slow", "b"))
    )
    boilerstrip.clean(SEED)  # the models loaded before the workers fork: no record pays for that
    start = time.monotonic()
    summary = run_job([source], tmp_path / "out.jsonl", jobs=jobs, record_timeout=0.5)
    got = rows(tmp_path / "out.jsonl")
    assert time.monotonic() - start < 60
    assert [r["id"] for r in got] == ["a", "slow", "b"]
    assert got[1]["error"].startswith("RecordTimeout") and got[0]["text"] and got[2]["text"]
    assert summary.failed == 1


def _deaf_clean(real: Any) -> Any:
    """A record stuck where the alarm cannot reach it (SIGALRM blocked, as in a long C call)."""

    def clean(content: Any, options: Any = None, **kw: Any) -> str:
        if isinstance(content, str) and "DEAF" in content:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(300)
        return str(real(content, options, **kw))

    return clean


def test_a_worker_deaf_to_the_alarm_is_killed_and_its_record_is_an_error_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(boilerstrip, "clean", _deaf_clean(boilerstrip.clean))
    monkeypatch.setattr(corpus_job, "HARD_TIMEOUT_GRACE", 1.0)
    source = tmp_path / "in.jsonl"
    ids = [f"r{i}" for i in range(20)]
    source.write_text("".join(json.dumps({"id": i, "text": "DEAF" if i == "r3" else SEED}) + "\n" for i in ids))
    boilerstrip.clean(SEED)  # the models loaded before the workers fork: no record pays for that
    start = time.monotonic()
    run_job([source], tmp_path / "out.jsonl", jobs=2, record_timeout=0.2)
    got = rows(tmp_path / "out.jsonl")
    assert time.monotonic() - start < 60
    assert [r["id"] for r in got] == ids
    assert "worker was killed" in got[3]["error"] and all(r["text"] for i, r in enumerate(got) if i != 3)


def test_an_empty_html_field_is_an_empty_row_not_an_error(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = [{"id": "e", "html": ""}, {"id": "t", "html": "", "text": SEED}]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    records = list(iter_records(source))
    assert [(r.id, r.format, r.error) for r in records] == [("e", "html", None), ("t", "text", None)]

"""Corpus readers and the corpus job: WARC, WET and JSON Lines in, one row per record out, resumable."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip.corpus import Fields, ReaderError, iter_records, run_job

from .conftest import FIXTURES

NEWS = (FIXTURES / "html" / "news.html").read_text(encoding="utf-8")
SEED = (FIXTURES / "seed-page-text.txt").read_text(encoding="utf-8")


def _warc_record(kind: str, uri: str, block: bytes, number: int) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2025-05-02T00:00:00Z\r\nContent-Length: {len(block)}\r\n"
    )
    if kind == "response":
        head += "Content-Type: application/http; msgtype=response\r\n"
    return head.encode() + b"\r\n" + block + b"\r\n\r\n"


def _http(body: bytes, content_type: str) -> bytes:
    return f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body


def write_warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    with gzip.open(path, "wb") as f:  # one gzip member for the file: readers must not rely on per-record members
        for number, (uri, body, content_type) in enumerate(pages, 1):
            f.write(_warc_record("response", uri, _http(body, content_type), number))


def write_wet(path: Path, pages: list[tuple[str, str]]) -> None:
    with path.open("wb") as f:
        for number, (uri, text) in enumerate(pages, 1):
            f.write(_warc_record("conversion", uri, text.encode("utf-8"), number))


def test_warc_gives_html_responses_decoded_by_their_charset(tmp_path: Path) -> None:
    latin = NEWS.replace("Tickets go on sale", "Billets à vendre; Tickets go on sale").encode("latin-1", "replace")
    path = tmp_path / "crawl.warc.gz"
    write_warc(
        path,
        [
            ("https://a.example/1", NEWS.encode(), "text/html; charset=utf-8"),
            ("https://a.example/logo.png", b"\x89PNG...", "image/png"),
            ("https://a.example/2", latin, "text/html; charset=ISO-8859-1"),
        ],
    )
    records = list(iter_records(path))
    assert [r.url for r in records] == ["https://a.example/1", "https://a.example/2"]
    assert all(r.format == "html" and r.id.startswith("<urn:uuid:") for r in records)
    assert "Billets à vendre" in boilerstrip.clean(records[1].content, input_format="html")


def test_wet_gives_page_text(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.wet"
    write_wet(path, [("https://b.example/x", SEED)])
    (record,) = iter_records(path)
    assert record.format == "text" and record.content == SEED and record.url == "https://b.example/x"


def test_jsonl_fields_are_configurable_and_bad_lines_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    lines = [json.dumps({"doc_id": "a", "body": SEED, "lang": "en"}), "{not json", json.dumps({"doc_id": "c"})]
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    records = list(iter_records(path, Fields(id="doc_id", text="body")))
    assert [r.id for r in records] == ["a", "dump.jsonl.gz:2", "c"]
    assert records[0].meta == {"lang": "en"} and records[0].error is None
    assert "unreadable JSON" in (records[1].error or "") and "no 'body'" in (records[2].error or "")


def test_zstd_jsonl(tmp_path: Path) -> None:
    import zstandard

    path = tmp_path / "dump.jsonl.zst"
    path.write_bytes(zstandard.ZstdCompressor().compress(json.dumps({"id": "z", "text": SEED}).encode() + b"\n"))
    assert [r.id for r in iter_records(path)] == ["z"]


def test_unreadable_inputs_are_named(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="no such input file"):
        list(iter_records(tmp_path / "missing.jsonl"))
    (tmp_path / "pages.txt").write_text("x")
    with pytest.raises(ReaderError, match="cannot tell the format"):
        list(iter_records(tmp_path / "pages.txt"))


def _jsonl_corpus(path: Path, n: int) -> list[dict[str, str]]:
    rows = [
        {"id": f"p{i}", "url": f"https://c.example/{i}", "text": SEED.replace("Reuters", f"Reuters {i}")}
        for i in range(n)
    ]
    rows[3] = {"id": "p3", "url": "https://c.example/3", "html": NEWS}
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return rows


def test_corpus_job_one_row_per_record_in_order_with_errors_kept(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    rows = _jsonl_corpus(source, 12)
    with source.open("a") as f:
        f.write('{"id": "broken", "text": 5}\n')
    out = tmp_path / "out.jsonl"
    summary = run_job([source], out, jobs=2)
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [g["id"] for g in got] == [r["id"] for r in rows] + ["broken"]
    assert got[0]["text"] == boilerstrip.clean(rows[0]["text"])
    assert got[3]["text"] == boilerstrip.clean(NEWS)
    assert "error" in got[-1] and got[-1]["text"] == ""
    assert (summary.records_in, summary.failed, summary.records_out) == (13, 1, 12)
    assert not out.with_name("out.jsonl.partial").exists()


def test_one_worker_and_two_give_the_same_output(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    _jsonl_corpus(source, 10)
    run_job([source], tmp_path / "a.jsonl", jobs=1)
    run_job([source], tmp_path / "b.jsonl", jobs=2)
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_parquet_output(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    source = tmp_path / "in.jsonl"
    _jsonl_corpus(source, 5)
    run_job([source], tmp_path / "out.parquet", jobs=1)
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.column("id").to_pylist() == [f"p{i}" for i in range(5)]


def test_existing_output_is_not_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    _jsonl_corpus(source, 4)
    (tmp_path / "out.jsonl").write_text("keep me")
    with pytest.raises(FileExistsError):
        run_job([source], tmp_path / "out.jsonl", jobs=1)


def test_killed_job_resumes_with_nothing_lost_and_nothing_twice(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    rows = _jsonl_corpus(source, 400)
    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    command = [
        sys.executable,
        "-m",
        "boilerstrip",
        "corpus",
        str(source),
        "-o",
        str(out),
        "-j",
        "2",
        "--resume",
        "--progress",
        "never",
    ]
    job = subprocess.Popen(command, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not partial.exists() or partial.stat().st_size < 20_000):
        time.sleep(0.05)
    os.killpg(job.pid, signal.SIGKILL)  # the job and its workers, at once, mid-write
    job.wait()
    assert partial.exists() and not out.exists()
    subprocess.run(command, check=True, stderr=subprocess.DEVNULL, timeout=300)
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == [r["id"] for r in rows]


def test_cli_summary(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    _jsonl_corpus(source, 6)
    result = subprocess.run(
        [sys.executable, "-m", "boilerstrip", "corpus", str(source), "-o", str(tmp_path / "o.jsonl"), "-j", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "records in 6, out 6, empty 0, failed 0" in result.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "boilerstrip", "corpus", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "p.jsonl")],
        capture_output=True,
        text=True,
    )
    assert missing.returncode != 0 and "no such input file" in missing.stderr


def test_site_templates_drop_lines_a_host_repeats() -> None:
    from boilerstrip.corpus.templates import SiteTemplates

    shared = "The Harbour Gazette is an independent paper owned by its readers since 1921."
    openings = ["Tides rose early", "Ferries stayed in port", "The mayor resigned", "Schools closed", "Rain fell"]
    rows = [
        {"id": str(i), "url": f"https://www.gazette.example/story/{i}", "text": f"{opening}.\n{shared}"}
        for i, opening in enumerate(openings)
    ]
    rows.append({"id": "other", "url": "https://elsewhere.example/a", "text": shared})  # another host keeps it
    templates = SiteTemplates()
    templates.learn(rows)
    out = list(templates.apply(rows))
    assert [r["text"] for r in out[:5]] == [f"{opening}." for opening in openings]
    assert out[5]["text"] == shared


def test_site_templates_in_the_job(tmp_path: Path) -> None:
    footer = "Our newsroom is funded by readers like you, and every story we publish is free to read for everyone."
    articles = sorted((FIXTURES / "unchanged").glob("*.txt"))  # clean articles: each comes back whole
    pages = [
        {
            "id": path.stem,
            "url": f"https://news.example/{path.stem}",
            "text": path.read_text(encoding="utf-8") + "\n" + footer,
        }
        for path in articles
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(p) + "\n" for p in pages))
    run_job([source], tmp_path / "plain.jsonl", jobs=1)
    run_job([source], tmp_path / "templ.jsonl", jobs=1, site_templates=True)
    plain = [json.loads(x)["text"] for x in (tmp_path / "plain.jsonl").read_text().splitlines()]
    templ = [json.loads(x)["text"] for x in (tmp_path / "templ.jsonl").read_text().splitlines()]
    assert all(footer in t for t in plain)  # one page cannot tell it from the article
    assert all(footer not in t for t in templ)
    assert [t.replace("\n" + footer, "") for t in plain] == templ


def test_evaluate_command_scores_groups_and_writes_a_chart(tmp_path: Path) -> None:
    from boilerstrip.corpus.evaluate import word_scores

    assert word_scores("a b c", "a b d") == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert word_scores("", "") == (1.0, 1.0, 1.0)
    gold = "\n".join(line for line in boilerstrip.clean(SEED).splitlines())
    data = tmp_path / "labelled.jsonl"
    data.write_text(
        json.dumps({"id": "1", "page_text": SEED, "gold": gold, "kind": "news"})
        + "\n"
        + json.dumps({"id": "2", "html": NEWS, "gold": "Sleeper trains", "kind": "travel"})
        + "\n"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "boilerstrip",
            "evaluate",
            str(data),
            "--group-field",
            "kind",
            "--chart",
            str(tmp_path / "chart.html"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "| news | 1 | 1.000 | 1.000 | 1.000 |" in result.stdout and "| (all) | 2 |" in result.stdout
    page = (tmp_path / "chart.html").read_text(encoding="utf-8")
    assert "<svg" in page and "news: 1 pages, mean F1 1.000" in page and "<script" not in page

"""Issue 11, CLI rows: colour, numbering, evaluate's checks, several files, URLs: as a user runs them."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import boilerstrip
from boilerstrip.cli import format_explanation, use_colour

from .conftest import FIXTURES

SEED = FIXTURES / "seed-page-text.txt"
NEWS = FIXTURES / "html" / "news.html"


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "boilerstrip", *args], capture_output=True, text=True, env=env, timeout=300
    )


def _explain_in_a_terminal(env_changes: dict[str, str]) -> str:
    """``boilerstrip explain`` with its standard output a terminal (a pseudo-terminal here)."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")} | env_changes
    leader, follower = pty.openpty()
    job = subprocess.Popen(
        [sys.executable, "-m", "boilerstrip", "explain", str(SEED)], stdout=follower, stderr=subprocess.PIPE, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    job.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_no_color_and_dumb_terminal_turn_colour_off() -> None:
    assert "\033[" in _explain_in_a_terminal({"TERM": "xterm"})
    assert "\033[" not in _explain_in_a_terminal({"TERM": "xterm", "NO_COLOR": "1"})
    assert "\033[" not in _explain_in_a_terminal({"TERM": "dumb"})


def test_use_colour_rules() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert use_colour("auto", Tty(), {"TERM": "xterm"})
    assert not use_colour("auto", Tty(), {"TERM": "xterm", "NO_COLOR": "yes"})
    assert use_colour("auto", Tty(), {"TERM": "xterm", "NO_COLOR": ""})  # empty: not set, as no-color.org says
    assert not use_colour("auto", io.StringIO(), {})
    assert use_colour("always", io.StringIO(), {"NO_COLOR": "1"})  # an explicit flag wins


def test_explain_header_numbers_blocks_as_its_rows_do() -> None:
    result = _run("explain", str(SEED))
    head, *rows = result.stdout.splitlines()
    numbers = {int(row.split()[0]): row for row in rows}
    match = re.search(r"main region lines (\d+)-(\d+); title line (\d+)", head)
    assert match, head
    first, last, title = (int(g) for g in match.groups())
    assert first in numbers and last in numbers and first <= title <= last
    assert " title " in numbers[title]  # the row the header names is the title row
    explanation = boilerstrip.explain(SEED.read_text(encoding="utf-8"))
    assert format_explanation(explanation, False, 100).splitlines()[1:] == explanation.format().splitlines()[1:]


def test_clean_several_files_and_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED.read_bytes())
    (folder / "b.html").write_bytes(NEWS.read_bytes())
    (folder / ".hidden").write_text("skip me")
    one = _run("clean", str(SEED)).stdout
    result = _run("clean", str(folder))
    assert result.returncode == 0
    assert result.stdout.startswith(f"==> {folder / 'a.txt'} <==\n" + one)
    assert f"==> {folder / 'b.html'} <==" in result.stdout and "skip me" not in result.stdout
    as_json = _run("clean", "--json", str(SEED), str(NEWS))
    docs = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert [d["file"] for d in docs] == [str(SEED), str(NEWS)] and docs[0]["text"] == one.rstrip("\n")


def test_clean_checks_every_file_before_the_first(tmp_path: Path) -> None:
    result = _run("clean", str(SEED), str(tmp_path / "missing.html"))
    assert result.returncode != 0 and "missing.html" in result.stderr and result.stdout == ""


def test_a_url_is_told_that_boilerstrip_does_not_download(tmp_path: Path) -> None:
    for args in (
        ("clean", "https://example.com/page"),
        ("explain", "http://example.com/"),
        ("corpus", "https://data.example/crawl.warc.gz", "-o", str(tmp_path / "o.jsonl")),
        ("evaluate", "https://data.example/labelled.jsonl"),
    ):
        result = _run(*args)
        assert result.returncode != 0 and "does not download" in result.stderr, args
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_evaluate_skips_records_without_gold_and_counts_them(tmp_path: Path) -> None:
    data = tmp_path / "labelled.jsonl"
    seed = SEED.read_text(encoding="utf-8")
    gold = boilerstrip.clean(seed)
    data.write_text(
        json.dumps({"id": "1", "page_text": seed, "gold": gold, "kind": "news"})
        + "\n"
        + json.dumps({"id": "2", "page_text": seed, "kind": "news"})
        + "\n"
        + json.dumps({"id": "3", "page_text": seed, "gold": None, "kind": "news"})
        + "\n"
        + json.dumps({"id": "4", "page_text": seed, "gold": gold, "kind": "news"})
        + "\n"
    )
    result = _run("evaluate", str(data))
    assert result.returncode == 0 and "| all | 2 | 1.000 | 1.000 | 1.000 |" in result.stdout
    assert "skipped 2 records without a string 'gold'" in result.stderr


def test_evaluate_checks_chart_path_and_group_field_before_running(tmp_path: Path) -> None:
    data = tmp_path / "labelled.jsonl"
    data.write_text(json.dumps({"id": "1", "page_text": SEED.read_text(encoding="utf-8"), "gold": "x", "kind": "a"}))
    bad_chart = _run("evaluate", str(data), "--chart", str(tmp_path / "no" / "chart.html"))
    assert bad_chart.returncode != 0 and "no such folder" in bad_chart.stderr and bad_chart.stdout == ""
    typo = _run("evaluate", str(data), "--group-field", "knid")
    assert typo.returncode != 0 and "'knid'" in typo.stderr and "kind" in typo.stderr and typo.stdout == ""
    for result in (bad_chart, typo):
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1

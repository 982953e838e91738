"""Ray, datatrove and Spark really run, and give the rows ``boilerstrip corpus`` writes.

Each engine is an optional extra; its tests skip where it is not installed (a user's plain test
run) and run in CI, which installs ``.[engines]`` (see .ci/run).
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

import pytest

from boilerstrip.corpus import run_job

from .conftest import FIXTURES
from .test_corpus import write_warc

PAGES = sorted((FIXTURES / "pages").glob("*.txt"))[:6]
HTML_PAGES = sorted((FIXTURES / "html").glob("*.html"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("corpus")
    jsonl = folder / "pages.jsonl.gz"
    rows = [{"id": p.stem, "url": f"https://t.example/{p.stem}", "text": p.read_text(encoding="utf-8")} for p in PAGES]
    jsonl.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in rows).encode()))
    warc_folder = folder / "warc"
    warc_folder.mkdir()
    warc = warc_folder / "crawl.warc.gz"
    write_warc(warc, [(f"https://h.example/{p.stem}", p.read_bytes(), "text/html; charset=utf-8") for p in HTML_PAGES])
    cli: dict[str, dict[str, str]] = {}
    for name, path in (("jsonl", jsonl), ("warc", warc)):
        out = folder / f"{name}.cli.jsonl"
        run_job([path], out, jobs=1)
        cli[name] = {r["id"]: r["text"] for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    (folder / "cli.json").write_text(json.dumps(cli))
    return {"folder": folder, "jsonl": jsonl, "warc": warc, "cli": folder / "cli.json"}


def _cli(corpus: dict[str, Path], name: str) -> dict[str, str]:
    return json.loads(corpus["cli"].read_text())[name]


def test_ray_clean_dataset_and_read_corpus(corpus: dict[str, Path]) -> None:
    ray = pytest.importorskip("ray")
    from boilerstrip.engines.ray import clean_dataset, read_corpus

    ray.init(num_cpus=2, include_dashboard=False, ignore_reinit_error=True, log_to_driver=False)
    try:
        ds = ray.data.read_json(str(corpus["jsonl"]), arrow_open_stream_args={"compression": "gzip"})
        cleaned = {r["id"]: r["text"] for r in clean_dataset(ds, column="text").take_all()}
        assert cleaned == _cli(corpus, "jsonl")
        rows = read_corpus([corpus["warc"], corpus["jsonl"]]).take_all()
        assert {r["id"]: r["text"] for r in rows} == {**_cli(corpus, "warc"), **_cli(corpus, "jsonl")}
    finally:
        ray.shutdown()


def test_datatrove_step_with_jsonl_and_warc_readers(corpus: dict[str, Path]) -> None:
    pytest.importorskip("datatrove")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader, WarcReader
    from datatrove.pipeline.writers import JsonlWriter

    from boilerstrip.engines.datatrove import BoilerstripExtractor

    folder = corpus["folder"]
    for name, reader in (
        ("jsonl", JsonlReader(str(folder), glob_pattern="pages.jsonl.gz")),
        ("warc", WarcReader(str(folder / "warc"))),
    ):
        out = folder / f"dt-{name}"
        LocalPipelineExecutor(
            pipeline=[reader, BoilerstripExtractor(), JsonlWriter(str(out), compression=None)],
            tasks=1,
            logging_dir=str(folder / f"dt-logs-{name}"),
        ).run()
        rows = [json.loads(line) for f in sorted(out.glob("*.jsonl")) for line in f.read_text().splitlines()]
        assert {r["id"]: r["text"] for r in rows} == _cli(corpus, name)


def test_spark_partitions_and_column(corpus: dict[str, Path]) -> None:
    pytest.importorskip("pyspark")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    from boilerstrip.engines.spark import clean_column, clean_partition

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("boilerstrip-test")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        listing = corpus["folder"] / "paths.txt"
        listing.write_text(f"{corpus['warc']}\n{corpus['jsonl']}\n")
        rdd = spark.sparkContext.textFile(str(listing), minPartitions=2).mapPartitions(clean_partition)
        frame = spark.createDataFrame(rdd, schema="id string, url string, text string, error string")  # as in README
        rows = frame.collect()
        assert {r["id"]: r["text"] for r in rows} == {**_cli(corpus, "warc"), **_cli(corpus, "jsonl")}
        pages = [(p.stem, p.read_text(encoding="utf-8")) for p in PAGES]
        frame = spark.createDataFrame(pages, ["id", "text"]).withColumn("article", clean_column("text"))
        assert {r["id"]: r["article"] for r in frame.collect()} == _cli(corpus, "jsonl")
    finally:
        spark.stop()

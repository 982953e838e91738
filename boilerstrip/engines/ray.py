"""Ray Data: clean a Dataset's column, or read and clean corpus files on a Ray cluster.

import ray, boilerstrip.engines.ray as bray
ds = ray.data.read_json("pages.jsonl.gz", arrow_open_stream_args={"compression": "gzip"})
cleaned = bray.clean_dataset(ds, column="text")          # same rows, "text" cleaned
rows = bray.read_corpus(["a.warc.gz", "b.warc.gz"])       # one row per record, as the CLI writes
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..corpus import Fields, clean_file
from ..options import Options


class _CleanColumn:
    """The batch function: ``clean`` over one column of a pandas batch."""

    def __init__(self, column: str, output: str, options: Options) -> None:
        self.column, self.output, self.options = column, output, options

    def __call__(self, batch: Any) -> Any:
        from .. import clean

        batch[self.output] = [
            clean(value, self.options) if isinstance(value, (str, bytes)) else "" for value in batch[self.column]
        ]
        return batch


def clean_dataset(
    dataset: Any,
    *,
    column: str = "text",
    output_column: str | None = None,
    options: Options | None = None,
    batch_size: int = 64,
) -> Any:
    """The Dataset with ``column`` cleaned (into ``output_column``, by default the same column)."""
    cleaner = _CleanColumn(column, output_column or column, options or Options())
    return dataset.map_batches(cleaner, batch_format="pandas", batch_size=batch_size)


def read_corpus(
    paths: Sequence[str | Path],
    *,
    fields: Fields | None = None,
    options: Options | None = None,
    keep_meta: bool = False,
) -> Any:
    """A Dataset of cleaned records, one row per input record, from WARC, WET or JSON Lines files."""
    import ray.data

    def records(row: dict[str, Any]) -> list[dict[str, Any]]:
        return list(clean_file(row["path"], fields, options, keep_meta))

    return ray.data.from_items([{"path": str(p)} for p in paths]).flat_map(records)

"""PySpark: clean corpus files partition by partition (the cc-pyspark pattern), or a DataFrame column.

paths = spark.sparkContext.textFile("warc-paths.txt", minPartitions=n)   # one path a line
rows = paths.mapPartitions(clean_partition)                              # dicts: id, url, text, error
df = df.withColumn("article", clean_column("html"))                      # a pandas UDF
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd  # in the spark extra; the UDF's type hints must resolve in this module

from ..corpus import Fields, clean_file
from ..options import Options


def clean_partition(
    paths: Iterable[Any], fields: Fields | None = None, options: Options | None = None, keep_meta: bool = False
) -> Iterator[dict[str, Any]]:
    """For ``rdd.mapPartitions``: every record of every file path in the partition, cleaned."""
    for item in paths:
        path = str(item if isinstance(item, str) else item[0]).strip()
        if path:
            yield from clean_file(path, fields, options, keep_meta)


def clean_column(column: Any, options: Options | None = None) -> Any:
    """A Column of cleaned text (pandas UDF, vectorised by Arrow) from a column of pages."""
    from pyspark.sql.functions import pandas_udf

    opts = options or Options()

    @pandas_udf("string")  # type: ignore[call-overload]
    def _clean(pages: pd.Series) -> pd.Series:
        from .. import clean

        return pages.map(lambda page: clean(page, opts) if isinstance(page, (str, bytes)) else None)

    return _clean(column)

"""Corpus tools: read WARC, WET and JSON Lines files, and clean every record on every core.

Everything here calls :func:`boilerstrip.clean`; nothing reaches inside it. The engine adapters
(``boilerstrip.engines``) are thin layers over :func:`iter_records` and :func:`clean_record`.
"""

from __future__ import annotations

from .job import Summary, clean_file, clean_record, run_job
from .readers import Fields, ReaderError, Record, file_format, iter_records

__all__ = [
    "Fields",
    "ReaderError",
    "Record",
    "Summary",
    "clean_file",
    "clean_record",
    "file_format",
    "iter_records",
    "run_job",
]

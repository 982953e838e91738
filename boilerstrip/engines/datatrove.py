"""datatrove: a pipeline step that replaces each document's text (page text or a WARC's HTML) by its article.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from boilerstrip.engines.datatrove import BoilerstripExtractor

    LocalPipelineExecutor(pipeline=[WarcReader("crawl/"), BoilerstripExtractor(), JsonlWriter("out/")], tasks=4).run()

Works with every datatrove executor (local, Slurm, Ray): the step holds only its options.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datatrove.pipeline.base import PipelineStep

from ..options import Options


class BoilerstripExtractor(PipelineStep):
    """Keep the main article of each document; a document whose page fails keeps ``""`` and an error.

    ``drop_empty`` drops documents where nothing was kept (datatrove's extractors do); the default
    keeps them, so the output has one document per input, as ``boilerstrip corpus`` writes.
    """

    name = "boilerstrip"
    type = "extractor"

    def __init__(self, options: Options | None = None, drop_empty: bool = False) -> None:
        super().__init__()
        self.options = options or Options()
        self.drop_empty = drop_empty

    def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        from .. import clean

        for document in data:
            self.stat_update("documents")
            with self.track_time():
                try:
                    document.text = clean(document.text, self.options)
                except Exception as error:
                    document.text = ""
                    document.metadata["boilerstrip_error"] = f"{type(error).__name__}: {error}"
                    self.stat_update("failed")
            if not document.text:
                self.stat_update("empty")
                if self.drop_empty:
                    continue
            yield document

"""Per-article extraction on Dask, for corpora larger than one machine's processes should take.

Reading, tagging and extracting one article is a pure function of its file
(:func:`timeline.build.process_article`), so any engine that maps a function
over a list can run it; merging, ordering and rendering stay in this process,
the same chronology stage as a local build. Dask is an optional extra
(``pip install 'timeline[dask]'``); this module imports it only when used.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from timeline.build import ArticleResult, Mapper, Process


def on_dask(partitions: int | None = None, scheduler: str | None = None) -> Mapper:
    """A mapper that runs the articles as a Dask bag.

    ``scheduler`` is any Dask scheduler name ("processes", "threads", "sync"), or
    None for Dask's default, which is a ``dask.distributed`` client when one is
    connected. The articles' files must be readable where the workers run (a
    shared file system), since each worker reads its own articles.
    """

    def run(process: Process, paths: Sequence[Path]) -> list[ArticleResult]:
        import dask.bag

        if not paths:
            return []
        bag = dask.bag.from_sequence(paths, npartitions=partitions or min(len(paths), 100))
        return list(bag.map(process).compute(scheduler=scheduler))

    return run

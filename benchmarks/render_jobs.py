"""Rendering a big site afresh in one process and across ``--jobs`` processes (``timeline/site/prerender.py``).

A generated project (benchmarks/corpus.py, fixed seed) is built once, so that its
chronology is in the cache; each run then loads that chronology and renders the
whole site into a fresh folder with no fragment kept, as the first build of a
project or the first after a theme change does, alternating one process and
``--jobs`` processes so that both meet the machine in the same moods. Prints the
median wall-clock seconds of each and their ratio, and checks that both wrote
the same pages.

    python benchmarks/render_jobs.py --articles 10000 --runs 3 --jobs 2
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_project  # noqa: E402
from gauge import machine_gauge  # noqa: E402

from timeline.build import build, collect_remembered, cycle_collection_paused, read_about  # noqa: E402
from timeline.cache import ArticleCache  # noqa: E402
from timeline.config import load_config  # noqa: E402
from timeline.site import render_site  # noqa: E402
from timeline.site.fragments import FragmentCache  # noqa: E402


def timed_render(project: Path, output: Path, jobs: int) -> float:
    """Seconds to render the project's cached chronology into ``output`` with no fragment kept."""
    config = load_config(project)
    with cycle_collection_paused():
        fragments = FragmentCache()
        chronology, _ = collect_remembered(config, ArticleCache(config.root), fragments=fragments)
        started = time.perf_counter()
        render_site(chronology, config, output, read_about(config.root / config.about_file), fragments, jobs=jobs)
        return time.perf_counter() - started


def html_pages(output: Path) -> dict[str, bytes]:
    return {path.relative_to(output).as_posix(): path.read_bytes() for path in sorted(output.rglob("*.html"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    print(machine_gauge("before"), flush=True)
    with tempfile.TemporaryDirectory() as folder:
        project = make_project(Path(folder) / "project", args.articles)
        build(project)
        seconds: dict[int, list[float]] = {1: [], args.jobs: []}
        for run in range(args.runs):
            for jobs in seconds:
                seconds[jobs].append(timed_render(project, Path(folder) / f"output-{jobs}-{run}", jobs))
        same = all(html_pages(Path(folder) / f"output-1-{run}") == html_pages(Path(folder) / f"output-{args.jobs}-{run}")
                   for run in range(args.runs))
    one, many = (statistics.median(seconds[jobs]) for jobs in seconds)
    print(f"{args.articles} articles, render with nothing kept, median of {args.runs}:")
    print(f"  1 process:    {one:6.2f} s  ({', '.join(f'{value:.2f}' for value in seconds[1])})")
    print(f"  {args.jobs} processes: {many:6.2f} s  ({', '.join(f'{value:.2f}' for value in seconds[args.jobs])})")
    print(f"  ratio {one / many:.2f}; the same pages: {'yes' if same else 'NO'}")
    print(machine_gauge("after"), flush=True)


if __name__ == "__main__":
    main()

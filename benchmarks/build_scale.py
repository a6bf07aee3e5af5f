"""``timeline build`` at growing corpus sizes: cold, with a warm cache, after one edit, and peak memory.

Each size gets a generated project (benchmarks/corpus.py, fixed seed). Cold and
warm builds run as their own ``timeline build`` processes, so that each peak
memory is its own and start-up is counted as a user sees it; a cold build
starts without ``.timeline-cache/``; a warm build runs again with nothing
changed (the cache then holds the last chronology and every rendered fragment);
an edited build runs again after one article gained a sentence, so it tags that
article and merges and renders anew. The one-edit rebuild is what ``timeline
serve`` does after a save: the same builder, one article changed, timed in
this process; a switching edit, the same when saves alternate between two articles dated in
different years, each changing another year than the one before. Prints medians of ``--runs`` runs, and the milliseconds per
article, which stay flat when growth is linear. The peer: for corpora up to
``--peer-up-to`` articles, the CPU seconds dateparser's ``search_dates`` takes to
tag the same articles on one core, beside the seconds our tagger takes for them.

    python benchmarks/build_scale.py --sizes 100 1000 10000 --runs 3 --edits 5 [--jobs 2] [--peer-up-to 1000]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_project  # noqa: E402
from gauge import machine_gauge  # noqa: E402
from tagger_speed import Article, tag_with_dateparser, tag_with_timeline  # noqa: E402

from timeline.cache import CACHE_DIR  # noqa: E402
from timeline.readers import read_article  # noqa: E402
from timeline.watch import SiteBuilder  # noqa: E402

CHILD = (  # the ``timeline`` command (timeline.cli.run), printing its peak memory before it exits as run() does
    "import os, resource, sys\n"
    "from timeline.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))\n"
    "print(peak, file=sys.stderr)\n"
    "sys.stdout.flush()\n"
    "sys.stderr.flush()\n"
    "os._exit(code)\n"
)


@dataclass(frozen=True)
class Row:
    articles: int
    events: int
    cold: float
    warm: float
    edited: float
    edit: float
    switching: float
    peak_mb: float
    ours_tagging: float | None
    dateparser_tagging: float | None


def timed_build(project: Path, jobs: int) -> tuple[float, float]:
    """Seconds and peak resident MB of one ``timeline build`` process, or of its largest worker if larger."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, "build", "--project", str(project), "--jobs", str(jobs)],
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"timeline build failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed, int(done.stderr.strip().splitlines()[-1]) / 1024


def cold_builds(project: Path, runs: int, jobs: int) -> list[tuple[float, float]]:
    results = []
    for _ in range(runs):
        shutil.rmtree(project / CACHE_DIR, ignore_errors=True)
        results.append(timed_build(project, jobs))
    return results


def edited_article(project: Path) -> tuple[Path, str]:
    """The article the edits change (the middle one), and its text before them."""
    articles = sorted((project / "content" / "articles").glob("*.md"))
    article = articles[len(articles) // 2]
    return article, article.read_text(encoding="utf-8")


def edit(article: Path, original: str, number: int, year: int = 2013) -> None:
    article.write_text(original + f"\nThe council met again on {number + 1} June {year}.\n", encoding="utf-8")


def edited_builds(project: Path, runs: int, jobs: int) -> list[tuple[float, float]]:
    """``timeline build`` processes, each after one article was edited."""
    article, original = edited_article(project)
    results = []
    for number in range(runs):
        edit(article, original, number)
        results.append(timed_build(project, jobs))
    article.write_text(original, encoding="utf-8")
    return results


def edit_rebuilds(project: Path, edits: int) -> tuple[int, list[float], list[float]]:
    """The number of events; the seconds of each rebuild after one article gains a dated sentence; and of
    each when the saves alternate between that article, dated in 2013, and another, dated in 2016, so that
    each save changes another year than the one before."""
    builder = SiteBuilder(project)
    builder.build()
    article, original = edited_article(project)
    other = sorted((project / "content" / "articles").glob("*.md"))[0]
    other_original = other.read_text(encoding="utf-8")
    seconds = [rebuilt(builder, article, original, number, 2013) for number in range(edits)]
    switching = [rebuilt(builder, *((other, other_original, number, 2016) if number % 2 == 0 else
                                    (article, original, number, 2013))) for number in range(edits)]
    article.write_text(original, encoding="utf-8")
    other.write_text(other_original, encoding="utf-8")
    return len(builder.chronology.events), seconds, switching


def rebuilt(builder: SiteBuilder, article: Path, original: str, number: int, year: int) -> float:
    """Seconds of the rebuild after ``article`` gains a sentence dated in ``year``."""
    edit(article, original, number, year)
    report = builder.build({article})
    if not report.ok:
        raise RuntimeError(f"the rebuild failed: {report.errors}")
    return report.seconds


def tagging_seconds(project: Path) -> tuple[float, float]:
    """CPU seconds on one core to tag every article of ``project`` against its publication date: ours, dateparser's."""
    articles: list[Article] = []
    for path in sorted((project / "content" / "articles").glob("*.md")):
        article, _ = read_article(path)
        articles.append((article.text, article.published))
    timings = []
    for tagger in (tag_with_timeline, tag_with_dateparser):
        started = time.process_time()
        tagger(articles)
        timings.append(time.process_time() - started)
    return timings[0], timings[1]


def measure(size: int, runs: int, edits: int, jobs: int, peer: bool) -> Row:
    with tempfile.TemporaryDirectory(prefix="timeline-scale-") as folder:
        project = make_project(Path(folder), size)
        cold = cold_builds(project, runs, jobs)
        warm = [timed_build(project, jobs) for _ in range(runs)]
        edited_build = edited_builds(project, runs, jobs)
        events, edited, switching = edit_rebuilds(project, edits)
        ours, theirs = tagging_seconds(project) if peer else (None, None)
    return Row(size, events, statistics.median(r[0] for r in cold), statistics.median(r[0] for r in warm),
               statistics.median(r[0] for r in edited_build), statistics.median(edited), statistics.median(switching),
               max(r[1] for r in cold + warm + edited_build), ours, theirs)


def seconds_or_dash(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3, help="cold and warm builds per size")
    parser.add_argument("--edits", type=int, default=5, help="one-article edits per size")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the builds (timeline build --jobs)")
    parser.add_argument("--peer-up-to", type=int, default=1000,
                        help="tag corpora of up to this many articles with dateparser too (10,000 take it ten minutes)")
    args = parser.parse_args()
    print(machine_gauge("before"), flush=True)
    print(f"{'articles':>9} {'events':>7} {'cold s':>8} {'ms/art':>7} {'warm s':>8} {'edited s':>9} "
          f"{'1 edit ms':>10} {'switch ms':>10} {'peak MB':>8} {'tag ours s':>11} {'tag dateparser s':>17}", flush=True)
    for size in args.sizes:
        row = measure(size, args.runs, args.edits, args.jobs, size <= args.peer_up_to)
        print(f"{row.articles:>9} {row.events:>7} {row.cold:>8.2f} {1000 * row.cold / size:>7.2f} "
              f"{row.warm:>8.2f} {row.edited:>9.2f} {1000 * row.edit:>10.0f} {1000 * row.switching:>10.0f} {row.peak_mb:>8.0f} "
              f"{seconds_or_dash(row.ours_tagging):>11} {seconds_or_dash(row.dateparser_tagging):>17}", flush=True)
    print(machine_gauge("after"), flush=True)


if __name__ == "__main__":
    main()

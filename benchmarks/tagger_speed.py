"""Tagger throughput in MB/s of news text on one core: ours beside dateparser's search_dates on the same text.

Run from anywhere: ``python benchmarks/tagger_speed.py [--runs N]``. Two news texts, each article tagged
against its own publication date:

- the MEANTIME news articles, read at run time from ``../shared/data`` relative to the repository root
  (real text nobody here wrote, and dense with dates: an expression every 160 bytes);
- the demo's articles and the seed article (``content/articles``, ``seeds``), read as ``timeline build``
  reads them (an expression every 290 bytes).

A figure is the UTF-8 size of a text over the median CPU time of the runs (CPU time of this process, so
that other work on the machine distorts it less). The machine's speed moves by half within minutes, so
each of our runs is followed by one of dateparser's on the same text, and the ratio is taken run by run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from timeline.readers import is_article_name, read_article
from timeline.tagger import tag_text

REPOSITORY = Path(__file__).resolve().parent.parent
MEANTIME = REPOSITORY.parent / "shared" / "data" / "timex" / "meantime-en.jsonl"

Article = tuple[str, date]
Tagger = Callable[[list[Article]], None]


def read_articles() -> list[Article]:
    """The MEANTIME articles with their publication dates."""
    records = [json.loads(line) for line in MEANTIME.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(record["text"], date.fromisoformat(record["dct"])) for record in records]


def read_demo_articles() -> list[Article]:
    """The demo's articles and the seed article, as the readers give their text."""
    paths = sorted(path for folder in ("content/articles", "seeds") for path in (REPOSITORY / folder).iterdir()
                   if is_article_name(path.name))
    articles = [read_article(path)[0] for path in paths]
    return [(article.text, article.published) for article in articles if article is not None]


def tag_with_timeline(articles: list[Article]) -> None:
    for text, published in articles:
        tag_text(text, published)


def tag_with_dateparser(articles: list[Article]) -> None:
    from dateparser.search import search_dates

    for text, published in articles:
        base = datetime(published.year, published.month, published.day)
        search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base})


def megabytes_per_second(tagger: Tagger, articles: list[Article], runs: int) -> float:
    """Size over the median of ``runs`` timed passes, after one untimed pass that fills caches."""
    tagger(articles)
    return size_of(articles) / statistics.median(cpu_seconds(tagger, articles) for _ in range(runs)) / 1e6


def cpu_seconds(tagger: Tagger, articles: list[Article]) -> float:
    start = time.process_time()
    tagger(articles)
    return time.process_time() - start


def size_of(articles: list[Article]) -> int:
    return sum(len(text.encode("utf-8")) for text, _ in articles)


def side_by_side(articles: list[Article], runs: int) -> tuple[float, float, float]:
    """Ours and dateparser's MB/s (medians), and the median of the run-by-run ratios: runs alternate."""
    tag_with_timeline(articles)
    tag_with_dateparser(articles)
    pairs = [(cpu_seconds(tag_with_timeline, articles), cpu_seconds(tag_with_dateparser, articles)) for _ in range(runs)]
    size = size_of(articles) / 1e6
    ours = size / statistics.median(mine for mine, _ in pairs)
    theirs = size / statistics.median(other for _, other in pairs)
    return ours, theirs, statistics.median(other / mine for mine, other in pairs)


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=5)
    runs = options.parse_args().runs
    if not MEANTIME.exists():
        print(f"no evaluation data at {MEANTIME}", file=sys.stderr)
        return 1
    texts = {"MEANTIME news": read_articles(), "demo and seed": read_demo_articles()}
    print(f"median of {runs} runs on one core (CPU time), ours and dateparser's search_dates alternating")
    print(f"{'text':16} {'articles':>8} {'kB':>6} {'timeline MB/s':>14} {'dateparser MB/s':>16} {'ratio':>7}")
    for name, articles in texts.items():
        ours, theirs, ratio = side_by_side(articles, runs)
        print(f"{name:16} {len(articles):8d} {size_of(articles) / 1e3:6.0f} {ours:14.2f} {theirs:16.3f} {ratio:6.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

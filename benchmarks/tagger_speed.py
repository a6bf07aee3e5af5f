"""Tagger throughput in MB/s of news text on one core: ours beside dateparser's search_dates on the same text.

Run from anywhere: ``python benchmarks/tagger_speed.py [--runs N]``. The text is
the MEANTIME news articles read at run time from ``../shared/data`` relative to
the repository root, each tagged against its own publication date; the figure
is the UTF-8 size of all articles over the median CPU time of the runs
(CPU time of this process, so that other work on the machine does not distort it).
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

from timeline.tagger import tag_text

MEANTIME = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "timex" / "meantime-en.jsonl"

Article = tuple[str, date]


def read_articles() -> list[Article]:
    records = [json.loads(line) for line in MEANTIME.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(record["text"], date.fromisoformat(record["dct"])) for record in records]


def tag_with_timeline(articles: list[Article]) -> None:
    for text, published in articles:
        tag_text(text, published)


def tag_with_dateparser(articles: list[Article]) -> None:
    from dateparser.search import search_dates

    for text, published in articles:
        base = datetime(published.year, published.month, published.day)
        search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base})


def megabytes_per_second(tagger: Callable[[list[Article]], None], articles: list[Article], runs: int) -> float:
    """Size over the median of ``runs`` timed passes, after one untimed pass that fills caches."""
    size = sum(len(text.encode("utf-8")) for text, _ in articles)
    tagger(articles)
    timings = []
    for _ in range(runs):
        start = time.process_time()
        tagger(articles)
        timings.append(time.process_time() - start)
    return size / statistics.median(timings) / 1e6


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=5)
    runs = options.parse_args().runs
    if not MEANTIME.exists():
        print(f"no evaluation data at {MEANTIME}", file=sys.stderr)
        return 1
    articles = read_articles()
    size = sum(len(text.encode("utf-8")) for text, _ in articles)
    ours = megabytes_per_second(tag_with_timeline, articles, runs)
    theirs = megabytes_per_second(tag_with_dateparser, articles, max(1, runs // 2))
    print(f"text: {len(articles)} MEANTIME articles, {size / 1e3:.0f} kB; median of {runs} runs, one core")
    print(f"timeline tagger        {ours:8.2f} MB/s")
    print(f"dateparser search_dates {theirs:7.2f} MB/s")
    print(f"ratio                  {ours / theirs:8.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How fast this machine is at the moment, printed before and after the timing benchmarks.

The machine these figures come from is shared and its speed moves by up to half within minutes;
the tagger benchmark's throughput (CPU time of a fixed job) taken around a run tells a slow moment
from slow code. It compares runs of the same code only, since the tagger's own speed is in it.
"""

from __future__ import annotations

from tagger_speed import MEANTIME, megabytes_per_second, read_articles, tag_with_timeline


def machine_gauge(label: str) -> str:
    """A line saying the tagger's MB/s now, or that the evaluation data it reads is missing."""
    if not MEANTIME.exists():
        return f"machine gauge ({label}): no evaluation data at {MEANTIME}"
    return f"machine gauge ({label}): tagger {megabytes_per_second(tag_with_timeline, read_articles(), 3):.2f} MB/s"

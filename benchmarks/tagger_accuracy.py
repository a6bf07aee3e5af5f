"""Tagger accuracy on the TimeML gold beside the repository: ours and dateparser's search_dates, side by side.

Run from anywhere: ``python benchmarks/tagger_accuracy.py``. Reads
``../shared/data/timex/*.jsonl`` relative to the repository root and prints
TempEval-3 scores (strict, relaxed and value F1, type accuracy) per file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from timeline.evaluate import SYSTEMS, evaluate, read_gold

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "timex"
GOLD_FILES = ("meantime-en.jsonl", "wikiwars-train.jsonl")
COLUMNS = ("strict_f1", "relaxed_f1", "value_f1", "type_accuracy")


def main() -> int:
    if not DATA.is_dir():
        print(f"no evaluation data at {DATA}", file=sys.stderr)
        return 1
    print(f"{'gold':<22}{'system':<12}" + "".join(f"{name:>15}" for name in COLUMNS))
    for name in GOLD_FILES:
        documents = read_gold(DATA / name)
        for system, tagger in SYSTEMS.items():
            scores = evaluate(documents, tagger)[0].scores()
            print(f"{name:<22}{system:<12}" + "".join(f"{scores[column]:>15.3f}" for column in COLUMNS))
    return 0


if __name__ == "__main__":
    sys.exit(main())

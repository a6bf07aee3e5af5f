"""``timeline evaluate``: score a tagger against TimeML-style gold, as TempEval-3 does.

Gold is JSON lines, one document a line: ``{"doc", "dct", "text", "timexes":
[{"start", "end", "text", "type", "value"}]}`` with offsets into ``text``.
Each system expression is paired with at most one gold expression (the first
unpaired one it overlaps), and the scores follow TempEval-3:

- strict span F1: paired expressions whose offsets are identical;
- relaxed span F1: paired expressions (any overlap);
- value F1: paired expressions whose TIMEX3 values are equal;
- type accuracy: of the paired expressions, the share with the same TimeML type.

Precision counts over all system expressions, recall over all gold ones.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Timex:
    """A temporal expression reduced to what the scores compare."""

    start: int
    end: int
    type: str
    value: str
    text: str = ""
    rule: str = ""


@dataclass(frozen=True)
class GoldDocument:
    doc: str
    dct: date | None
    text: str
    timexes: tuple[Timex, ...]


System = Callable[[str, date | None], list[Timex]]


@dataclass
class Counts:
    """Running totals over documents; the scores are computed from them at the end."""

    system: int = 0
    gold: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def add(self, other: Counts) -> None:
        for name in ("system", "gold", "strict", "relaxed", "value", "type"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def f1(self, hits: int) -> float:
        precision = hits / self.system if self.system else 0.0
        recall = hits / self.gold if self.gold else 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def scores(self) -> dict[str, float | int]:
        return {
            "strict_f1": self.f1(self.strict),
            "relaxed_f1": self.f1(self.relaxed),
            "value_f1": self.f1(self.value),
            "type_accuracy": self.type / self.relaxed if self.relaxed else 0.0,
            "value_precision": self.value / self.system if self.system else 0.0,
            "value_recall": self.value / self.gold if self.gold else 0.0,
            "system": self.system,
            "gold": self.gold,
        }


@dataclass
class DocumentResult:
    """One document's pairs and unpaired expressions, kept for error analysis."""

    doc: str
    counts: Counts
    pairs: list[tuple[Timex, Timex]] = field(default_factory=list)
    missed: list[Timex] = field(default_factory=list)
    spurious: list[Timex] = field(default_factory=list)


def read_gold(path: Path) -> list[GoldDocument]:
    documents = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        timexes = tuple(
            Timex(t["start"], t["end"], t["type"], t["value"], t["text"]) for t in record["timexes"]
        )
        dct = date.fromisoformat(record["dct"]) if record.get("dct") else None
        documents.append(GoldDocument(record["doc"], dct, record["text"], timexes))
    return documents


def pair(gold: Iterable[Timex], system: Iterable[Timex]) -> tuple[list[tuple[Timex, Timex]], list[Timex], list[Timex]]:
    """One-to-one pairs of overlapping expressions; then the unpaired gold and system ones.

    Identical spans pair first, then overlapping ones with equal values, then any
    overlapping ones, so that a system expression inside a long gold one ("2009"
    in "from 2009 to 2011") pairs with the gold expression it actually matches.
    """
    unpaired = sorted(system, key=lambda t: (t.start, t.end))
    waiting = sorted(gold, key=lambda t: (t.start, t.end))
    pairs = []
    for fits in (_same_span, _same_value, _overlap):
        for expected in list(waiting):
            partner = next((t for t in unpaired if fits(expected, t)), None)
            if partner is not None:
                unpaired.remove(partner)
                waiting.remove(expected)
                pairs.append((expected, partner))
    pairs.sort(key=lambda p: (p[0].start, p[0].end))
    return pairs, waiting, unpaired


def _overlap(gold: Timex, found: Timex) -> bool:
    return found.start < gold.end and gold.start < found.end


def _same_span(gold: Timex, found: Timex) -> bool:
    return (gold.start, gold.end) == (found.start, found.end)


def _same_value(gold: Timex, found: Timex) -> bool:
    return _overlap(gold, found) and gold.value == found.value


def score_document(document: GoldDocument, found: list[Timex]) -> DocumentResult:
    pairs, missed, spurious = pair(document.timexes, found)
    counts = Counts(
        system=len(found),
        gold=len(document.timexes),
        strict=sum(1 for g, s in pairs if (g.start, g.end) == (s.start, s.end)),
        relaxed=len(pairs),
        value=sum(1 for g, s in pairs if g.value == s.value),
        type=sum(1 for g, s in pairs if g.type == s.type),
    )
    return DocumentResult(document.doc, counts, pairs, missed, spurious)


def evaluate(documents: list[GoldDocument], system: System) -> tuple[Counts, list[DocumentResult]]:
    total = Counts()
    results = []
    for document in documents:
        result = score_document(document, system(document.text, document.dct))
        total.add(result.counts)
        results.append(result)
    return total, results


def timeline_system(text: str, reference: date | None) -> list[Timex]:
    """Our tagger, deciding by itself whether the text is news or narrative."""
    from timeline.tagger import tag_text

    return [Timex(e.start, e.end, e.type, e.value, e.text, e.rule) for e in tag_text(text, reference)]


def dateparser_system(text: str, reference: date | None) -> list[Timex]:
    """dateparser's ``search_dates`` in English, each hit cut to the precision dateparser reports."""
    from timeline.tagger.foreign import dateparser_dates

    return [Timex(e.start, e.end, e.type, e.value, e.text, e.rule) for e in dateparser_dates(text, reference, "en", "dct")]


SYSTEMS: dict[str, System] = {"timeline": timeline_system, "dateparser": dateparser_system}


def format_scores(name: str, scores: dict[str, float | int]) -> str:
    return (f"{name}: strict F1 {scores['strict_f1']:.3f}  relaxed F1 {scores['relaxed_f1']:.3f}  "
            f"value F1 {scores['value_f1']:.3f}  type accuracy {scores['type_accuracy']:.3f}  "
            f"({scores['system']} found, {scores['gold']} in gold)")

"""``timeline extract``: the temporal expressions of article files, as the DESIGN.md contract shows them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from timeline.errors import ContentError
from timeline.model import Diagnostic, Expression
from timeline.readers import read_article
from timeline.tagger import tag_article


def expression_record(expression: Expression) -> dict:
    span = expression.span
    return {
        "text": expression.text, "start": expression.start, "end": expression.end, "type": expression.type,
        "value": expression.value, "begin": span.begin.isoformat() if span else None,
        "end_date": span.end.isoformat() if span else None, "granularity": span.granularity if span else None,
        "modifier": span.modifier if span else None, "anchor": expression.anchor,
        "anchor_source": expression.anchor_source, "rule": expression.rule,
    }


def extract_files(paths: list[Path], reference: date | None = None) -> tuple[list[dict], list[Diagnostic]]:
    """One record per readable file; unreadable files become diagnostics."""
    records, problems = [], []
    for path in paths:
        try:
            article, diagnostics = read_article(path)
        except ContentError as error:
            problems.append(Diagnostic(error.path, error.line, error.message, "error"))
            continue
        problems += [d for d in diagnostics if reference is None or "publication date" not in d.message]
        ref = reference or article.published
        records.append({
            "path": str(path),
            "reference_date": ref.isoformat() if ref else None,
            "reference_source": "--reference-date" if reference else article.published_source,
            "expressions": [expression_record(e) for e in tag_article(article, reference)],
        })
    return records, problems


def format_text(records: list[dict]) -> str:
    lines = []
    for record in records:
        reference = record["reference_date"] or "none"
        lines.append(f"{record['path']} (reference {reference}, {record['reference_source'] or 'no date'})")
        for e in record["expressions"]:
            lines.append(f"  {e['start']:>6}-{e['end']:<6} {e['type']:<8} {e['value']:<16} {e['text']!r}  [{e['rule']}]")
    return "\n".join(lines)

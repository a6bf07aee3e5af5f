"""Curated events: ``content/events/*.md`` written by an editor, merged with extracted ones."""

from __future__ import annotations

from pathlib import Path

from timeline.errors import ContentError
from timeline.events import event_id
from timeline.model import DateSpan, Diagnostic, Event, Source
from timeline.paths import relative_path
from timeline.readers.frontmatter import as_tags, split_front_matter
from timeline.tagger import tag_text
from timeline.tagger.timex import span_for


def parse_written_date(text: object) -> DateSpan | None:
    """A date as a person writes it: '2011-03-15', 'March 2011', '15 March 2011', '2010/2011'."""
    text = str(text).strip()
    span = span_for(text)
    if span is not None:
        return span
    found = [e for e in tag_text(text, None, narrative=True) if e.span is not None]
    if len(found) == 2 and found[0].span.end < found[1].span.begin:
        return span_for(f"{found[0].value}/{found[1].value}")
    return found[0].span if len(found) == 1 else None


def _sources(meta: dict, path: str, body: str) -> list[Source]:
    listed = [s for s in meta.get("sources") or [] if isinstance(s, dict)] or [{"title": meta["title"]}]
    return [Source(path=path, title=str(s.get("title", "")), source=s.get("source"), url=s.get("url"),
                   published=None, quote=body, expression=str(meta["date"]), start=0, end=0,
                   anchor_source="curated", rule="curated") for s in listed]


def read_curated(path: Path, root: Path) -> Event:
    """One curated event; raises :class:`ContentError` naming the file when it cannot be used."""
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(path, "not valid UTF-8") from None
    meta, body_start = split_front_matter(raw, path)
    span = parse_written_date(meta.get("date", ""))
    if not meta.get("title"):
        raise ContentError(path, "a curated event needs a 'title'", 2)
    if span is None:
        raise ContentError(path, f"'date' must be a date such as 2011-03-15, 'March 2011' or 2010/2011, not {meta.get('date')!r}", 2)
    rel = relative_path(path, root)
    body = raw[body_start:].strip()
    return Event(id=event_id(rel, str(meta["title"]), str(meta["date"])), span=span, title=str(meta["title"]),
                 text=body, sources=_sources(meta, rel, body), tags=as_tags(meta.get("tags")), curated=True)


def curated_files(folder: Path) -> list[Path]:
    """The files of curated events in ``folder``, in a stable order."""
    return sorted(folder.glob("*.md")) if folder.is_dir() else []


def load_curated(folder: Path, root: Path) -> tuple[list[Event], list[Diagnostic]]:
    """Every curated event in ``folder``; a bad file is reported and the others still load."""
    events, problems = [], []
    for path in curated_files(folder):
        try:
            events.append(read_curated(path, root))
        except ContentError as error:
            problems.append(Diagnostic(error.path, error.line, error.message, "error"))
    return events, problems

"""The ordering a live build keeps: always the chronology a full ordering makes, ordering only what changed."""

import calendar
from dataclasses import replace
from datetime import date, timedelta
from itertools import count
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline.chronology as chronology_module
import timeline.importance as importance
from conftest import exports, make_site_project, pages, write_article
from timeline.build import build
from timeline.chronology import IncrementalChronology, build_chronology
from timeline.config import SiteConfig
from timeline.model import Chronology, DateSpan, Era, Event, Source
from timeline.watch import SiteBuilder

CONFIG = SiteConfig(root=Path("."), range_begin=date(2011, 1, 1), range_end=date(2012, 12, 31))
ERAS = [Era("uprising", date(2011, 3, 15), date(2012, 7, 15)), Era("war", date(2012, 1, 1), date(2013, 12, 31))]
START = date(2010, 11, 1)
numbers = count()


def _span(offset: int, granularity: str) -> DateSpan:
    day = START + timedelta(days=offset)
    if granularity == "year":
        return DateSpan(str(day.year), date(day.year, 1, 1), date(day.year, 12, 31), "year")
    return DateSpan(day.isoformat(), day, day, "day")


@st.composite
def events(draw: st.DrawFn) -> Event:
    """An event of a few days around the range's ends, reported by one or two of a few articles
    (two reports of one article at the same place: a correction's copies), or curated."""
    number = next(numbers)
    span = _span(draw(st.sampled_from([0, 40, 70, 400, 790, 800, 830])), draw(st.sampled_from(["day", "day", "year"])))
    curated = draw(st.booleans()) and draw(st.booleans())
    sources = [Source(draw(st.sampled_from(["a.md", "b.md", "c.md"])), "Report", None, None,
                      draw(st.sampled_from([None, "2011-05-01"])), "quote", span.value, draw(st.integers(0, 3)),
                      9, rule="curated" if curated else "day") for _ in range(draw(st.integers(1, 2)))]
    return Event(draw(st.sampled_from([f"e{number}", "shared"])), span, "title", "text", sources, curated=curated)


def _seen(chronology: Chronology, events: list[Event]) -> list[list[tuple]]:
    """Each event of the chronology in order, as its place in ``events``, with its era and importance."""
    places = {id(event): place for place, event in enumerate(events)}
    return [[(places[id(event)], event.era, event.importance) for event in found]
            for found in (chronology.events, chronology.out_of_range)]


def _assert_as_full(kept: IncrementalChronology, current: list[Event], eras: list[Era]) -> None:
    """The kept ordering of ``current`` is the full ordering of fresh copies of them (the kept events'
    era and importance are the ordering's to keep)."""
    copies = [replace(event, era="stale", importance=0.0) for event in current]
    assert _seen(kept.build(CONFIG, list(current), eras, []), current) == _seen(
        build_chronology(CONFIG, list(copies), eras, []), copies)


@settings(max_examples=150, deadline=None)
@given(st.lists(events(), max_size=12), st.data())
def test_every_ordering_after_any_changes_equals_the_full_ordering(start: list[Event], data: st.DataObject):
    kept, current, eras = IncrementalChronology(), list(start), ERAS
    _assert_as_full(kept, current, eras)
    for _ in range(data.draw(st.integers(1, 6))):
        change = data.draw(st.sampled_from(["remove", "add", "copy", "eras"]))
        if change == "remove" and current:
            current.pop(data.draw(st.integers(0, len(current) - 1)))
        elif change == "copy" and current:
            where = data.draw(st.integers(0, len(current) - 1))
            current[where] = replace(current[where], title="corrected")
        elif change == "eras":
            eras = ERAS[:1] if eras == ERAS else ERAS
        else:
            current.insert(data.draw(st.integers(0, len(current))), data.draw(events()))
        _assert_as_full(kept, current, eras)


def _day_event(number: int, article: str, start: int) -> Event:
    span = _span(60 + number, "day")
    return Event(f"e{number}", span, "title", "text",
                 [Source(article, "Report", None, None, None, "quote", span.value, start, start + 5)])


def test_a_change_orders_and_dates_only_the_events_that_came(monkeypatch: pytest.MonkeyPatch):
    current = [_day_event(number, f"{number % 10}.md", number) for number in range(200)]
    kept = IncrementalChronology()
    kept.build(CONFIG, current, ERAS, [])
    ordered, dated, scored = [], [], []
    real_order, real_era, real_score = chronology_module.event_order, chronology_module.era_of, importance.importance_of
    monkeypatch.setattr(chronology_module, "event_order", lambda event: ordered.append(event) or real_order(event))
    monkeypatch.setattr(chronology_module, "era_of", lambda span, eras: dated.append(span) or real_era(span, eras))
    monkeypatch.setattr(importance, "importance_of", lambda event, leads: scored.append(event) or real_score(event, leads))
    came = _day_event(500, "3.md", 1)
    current[120] = came
    chronology = kept.build(CONFIG, current, ERAS, [])
    assert dated == [came.span] and len(ordered) < 20
    assert sorted(event.id for event in scored) == ["e3", "e500"]  # came and leads 3.md now; led it until now
    assert len(chronology.events) == 199 and chronology.events[-1] is came
    assert came.importance == 2.0 and current[3].importance == 1.0  # it leads 3.md now, reported before event 3


def _project_with_more_reports(target: Path) -> Path:
    """The site fixture with a dozen more dated reports, so that a change to one article changes few of the
    events, and the live build orders only those (with most events changed it orders all afresh)."""
    project = make_site_project(target, many_events=1)
    for number in range(1, 13):
        write_article(project, f"10-report-{number}.md", f"2012-{number:02d}-20",
                      f"Talks in round {number} ended in Geneva on {number} {calendar.month_name[number]} 2012.")
    return project


@pytest.fixture
def orderings_afresh(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry for each time a kept ordering ordered every event afresh."""
    afresh: list[int] = []
    real = IncrementalChronology._start
    monkeypatch.setattr(IncrementalChronology, "_start", lambda *args: afresh.append(1) or real(*args))
    return afresh


def test_live_rebuilds_that_move_an_articles_lead_write_what_fresh_builds_write(tmp_path: Path,
                                                                              orderings_afresh: list[int]):
    """The offensive, which its article led with, scores one less once an earlier dated sentence leads the
    article, and stops being a highlight: its card, kept by the live build, changes with it."""
    project = _project_with_more_reports(tmp_path / "project")
    offensive = project / "content" / "articles" / "02-offensive.md"
    builder = SiteBuilder(project)
    assert builder.build().ok
    original = offensive.read_text(encoding="utf-8")
    lead = "Fighting first broke out in the hills in June 2011.\n\nThe army began"
    for number, text in enumerate([original.replace("The army began", lead), original]):
        offensive.write_text(text, encoding="utf-8")
        assert builder.build({offensive}).ok
        fresh = tmp_path / f"fresh{number}"
        build(project, fresh, use_cache=False)
        assert pages(project / "output") == pages(fresh) and exports(project / "output") == exports(fresh)
        highlighted = [event.span.value for event in builder.chronology.events if event.importance >= 2]
        assert ("2012-07-17" in highlighted) == (text == original)
    assert len(orderings_afresh) == 1  # the first build's


def test_live_rebuilds_after_an_article_goes_and_another_comes_write_what_fresh_builds_write(
        tmp_path: Path, orderings_afresh: list[int]):
    project = _project_with_more_reports(tmp_path / "project")
    articles = project / "content" / "articles"
    builder = SiteBuilder(project)
    assert builder.build().ok
    protest = articles / "01-protest.md"
    text = protest.read_text(encoding="utf-8")
    protest.unlink()
    came = articles / "04-protest-again.md"
    for number, changed in enumerate([{protest}, {came}]):
        if number:
            came.write_text(text.replace("yesterday", "on Monday"), encoding="utf-8")
        assert builder.build(changed).ok
        fresh = tmp_path / f"fresh{number}"
        build(project, fresh, use_cache=False)
        assert pages(project / "output") == pages(fresh) and exports(project / "output") == exports(fresh)
    assert any(event.sources[0].path.endswith("04-protest-again.md") for event in builder.chronology.events)
    assert len(orderings_afresh) == 1  # the first build's

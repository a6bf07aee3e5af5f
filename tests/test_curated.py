"""Curated events (content/events/*.md) merged with extracted ones, always winning."""

from pathlib import Path

import pytest

from timeline.build import build
from timeline.curated import parse_written_date, read_curated
from timeline.errors import ContentError
from timeline.listing import explain
from conftest import write_article


def curated(project: Path, name: str, date: str, title: str, body: str) -> None:
    folder = project / "content" / "events"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f'---\ndate: "{date}"\ntitle: "{title}"\nsources:\n  - title: "Wire report"\n'
                               f"    url: https://example.org/daraa\n---\n{body}\n", encoding="utf-8")


BODY = "Security forces opened fire on protesters in the southern city of Daraa, killing at least three people."


def test_curated_event_takes_over_a_similar_report_and_keeps_its_source(news: Path):
    curated(news, "daraa.md", "18 March 2011", "Security forces kill protesters in Daraa", BODY)
    write_article(news, "a.md", "2011-03-19", "Security forces opened fire on protesters in Daraa yesterday, killing three.")
    [event] = build(news, news / "output").chronology.events
    assert event.curated and event.title == "Security forces kill protesters in Daraa"
    assert [source.path for source in event.sources] == ["content/events/daraa.md", "content/articles/a.md"]
    assert event.merges[0].reason == "curated"
    assert "curated event absorbed report" in explain(event)


def test_curated_date_wins_and_the_reported_date_is_a_conflict(news: Path):
    curated(news, "daraa.md", "17 March 2011", "Security forces kill protesters in Daraa", BODY)
    write_article(news, "a.md", "2011-03-19", "Security forces opened fire on protesters in Daraa yesterday, killing three.")
    [event] = build(news, news / "output").chronology.events
    assert event.span.value == "2011-03-17" and [span.value for span in event.conflicts] == ["2011-03-18"]


def test_curated_event_leaves_unrelated_reports_of_the_same_day_alone(news: Path):
    curated(news, "daraa.md", "March 2011", "Security forces kill protesters in Daraa", BODY)
    write_article(news, "a.md", "2011-03-19", "French warplanes struck Gaddafi's tanks near Benghazi yesterday.")
    events = build(news, news / "output").chronology.events
    assert [(event.span.value, event.curated) for event in events] == [("2011-03", True), ("2011-03-18", False)]


def test_two_curated_events_are_never_merged(news: Path):
    curated(news, "one.md", "18 March 2011", "Security forces kill protesters in Daraa", BODY)
    curated(news, "two.md", "18 March 2011", "Protesters killed in Daraa", BODY)
    assert len(build(news, news / "output").chronology.events) == 2


def test_a_date_with_two_slashes_is_refused_with_the_file_named_not_read_as_centuries(news: Path):
    curated(news, "bad.md", "15/03/2011", "Protests in Daraa", BODY)
    with pytest.raises(ContentError) as refused:
        read_curated(news / "content" / "events" / "bad.md", news)
    assert "bad.md" in str(refused.value) and "'15/03/2011'" in str(refused.value)
    assert parse_written_date("2011-03-15/2011-03-20").granularity == "day"

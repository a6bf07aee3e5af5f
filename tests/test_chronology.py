"""Order with mixed precisions, the configured range, and eras (which may overlap), through the real build."""

import json
from pathlib import Path

import pytest

from timeline.build import build
from timeline.errors import ContentError
from conftest import write_article


def values_and_paths(project: Path) -> list[tuple[str, str]]:
    events = build(project, project / "output").chronology.events
    return [(event.span.value, event.sources[0].path.rsplit("/", 1)[-1]) for event in events]


def test_year_before_its_months_month_before_its_days_ties_by_publication_then_position(news: Path):
    write_article(news, "a.md", "2011-03-20", "Protests spread across the south of Syria in March.")
    write_article(news, "b.md", "2011-03-17", "Traders closed their shops in Hama on March 15.")
    write_article(news, "c.md", "2011-03-16", "Protesters marched through the old city of Damascus yesterday.\n\n"
                                              "Police detained a dozen activists outside the interior ministry yesterday.")
    write_article(news, "d.md", "2012-01-02", "Neighbouring Jordan received thousands of refugees last year.")
    order = values_and_paths(news)
    assert order == [("2011", "d.md"), ("2011-03", "a.md"), ("2011-03-15", "c.md"), ("2011-03-15", "c.md"),
                     ("2011-03-15", "b.md")]
    texts = [event.text for event in build(news, news / "output").chronology.events]
    assert texts[2].startswith("Protesters marched") and texts[3].startswith("Police detained")


def test_order_is_the_same_on_every_rebuild(news: Path):
    for number in range(6):
        write_article(news, f"{number}.md", "2011-03-16", f"Crowd number {number} gathered in square {number} yesterday.")
    first = [event.id for event in build(news, news / "one").chronology.events]
    assert first == [event.id for event in build(news, news / "two").chronology.events]


def test_events_outside_the_range_are_kept_aside_and_reported(news: Path):
    write_article(news, "a.md", "2011-03-16", "Protesters marched through Damascus yesterday.\n\n"
                                              "The president took office in July 2000.\n\n"
                                              "Unrest had simmered throughout 2010.\n\n"
                                              "A new constitution is to be drafted by March 2025.")
    chronology = build(news, news / "output").chronology
    assert [event.span.value for event in chronology.events] == ["2010", "2011-03-15"]
    assert [event.span.value for event in chronology.out_of_range] == ["2000-07", "2025-03"]
    data = json.loads((news / "output" / "events.json").read_text(encoding="utf-8"))
    assert [event["date"]["value"] for event in data["out_of_range"]] == ["2000-07", "2025-03"]


ERAS = """
[[era]]
name = "Arab Spring"
begin = 2010-12-17
end = 2012-02-27

[[era]]
name = "Syrian uprising"
begin = "2011-03-15"
end = "2012-07-15"
"""


def test_each_event_gets_the_narrowest_era_holding_its_start_or_the_one_it_overlaps_most(news: Path):
    (news / "content").mkdir()
    (news / "content" / "eras.toml").write_text(ERAS, encoding="utf-8")
    write_article(news, "a.md", "2011-01-15", "President Ben Ali fled Tunisia yesterday.")
    write_article(news, "b.md", "2011-03-16", "Protesters marched through Damascus yesterday.")
    write_article(news, "c.md", "2012-05-26", "Shelling killed dozens of villagers in Houla yesterday.")
    write_article(news, "d.md", "2010-12-02", "Diplomatic cables were published yesterday.")
    write_article(news, "e.md", "2013-01-02", "Protests swept the region in 2010 and 2011.")
    chronology = build(news, news / "output").chronology
    assert [(event.span.value, event.era) for event in chronology.events] == [
        ("2010/2011", "Arab Spring"), ("2010-12-01", None), ("2011-01-14", "Arab Spring"),
        ("2011-03-15", "Arab Spring"), ("2012-05-25", "Syrian uprising")]
    assert [era.name for era in chronology.eras] == ["Arab Spring", "Syrian uprising"]


def test_era_without_dates_names_the_file(news: Path):
    (news / "content").mkdir()
    (news / "content" / "eras.toml").write_text('[[era]]\nname = "Broken"\n', encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build(news, news / "output")
    assert caught.value.path.endswith("eras.toml") and "era 1" in caught.value.message

"""Merging reports of the same event: by overlapping dates and similar text, explainably, never quadratically."""

import json
from datetime import date, timedelta
from pathlib import Path

import timeline.merge
from timeline.build import build
from timeline.merge import CONFLICT_WINDOW, MERGE_THRESHOLD, date_class, date_relation, merge_events, relatable
from timeline.model import DateSpan, Event, Source
from conftest import write_article


def test_same_event_in_two_articles_becomes_one_event_with_both_sources(news: Path):
    write_article(news, "a.md", "2011-02-12", "Hosni Mubarak resigned as president of Egypt yesterday after weeks of protests.")
    write_article(news, "b.md", "2011-02-13", "Egypt's president Hosni Mubarak resigned on Friday, ending weeks of mass protests.")
    [event] = build(news, news / "output").chronology.events
    assert event.span.value == "2011-02-11"
    assert [source.path for source in event.sources] == ["content/articles/a.md", "content/articles/b.md"]
    [decision] = event.merges
    assert decision.reason == "similar" and decision.similarity >= MERGE_THRESHOLD
    assert {"mubarak", "resigned", "egypt"} <= set(decision.shared_words)


def test_different_events_on_the_same_day_stay_apart(news: Path):
    write_article(news, "a.md", "2011-03-19", "Security forces opened fire on protesters in Daraa yesterday.\n\n"
                                              "French warplanes struck Gaddafi's tanks near Benghazi yesterday.")
    assert len(build(news, news / "output").chronology.events) == 2


def test_month_and_day_reports_merge_at_the_finer_date(news: Path):
    write_article(news, "a.md", "2010-12-18", "A street vendor set himself on fire in Sidi Bouzid yesterday.")
    write_article(news, "b.md", "2011-01-15", "The protests began after a street vendor set himself on fire in Sidi Bouzid in December.")
    [event] = build(news, news / "output").chronology.events
    assert event.span.value == "2010-12-17" and event.conflicts == []


def test_conflicting_dates_are_kept_and_shown(news: Path):
    sentence = "Rebels captured the central city of Hama after days of fighting with government troops"
    write_article(news, "a.md", "2024-12-06", f"{sentence} yesterday.")
    write_article(news, "b.md", "2024-12-07", f"{sentence} on December 5.")
    write_article(news, "c.md", "2024-12-08", f"{sentence} on Wednesday.")
    [event] = build(news, news / "output").chronology.events
    assert event.span.value == "2024-12-05"
    assert [span.value for span in event.conflicts] == ["2024-12-04"]
    record = json.loads((news / "output" / "events.json").read_text(encoding="utf-8"))["events"][0]
    assert [conflict["value"] for conflict in record["conflicts"]] == ["2024-12-04"]
    assert sorted(source["date"] for source in record["sources"]) == ["2024-12-04", "2024-12-05", "2024-12-05"]


def test_two_dates_of_one_sentence_are_never_merged_into_a_conflict(news: Path):
    write_article(news, "a.md", "2024-12-09",
                  "The rebels said late on Saturday that they had entered Homs, and they declared full control of the city early yesterday.")
    values = [event.span.value for event in build(news, news / "output").chronology.events]
    assert values == ["2024-12-07", "2024-12-08"]


def _event(number: int, day: date) -> Event:
    span = DateSpan(day.isoformat(), day, day, "day")
    source = Source(f"a{number}.md", "t", None, None, None, "q", "e", 0, 1)
    return Event(f"id{number}", span, f"Event {number}", f"Report on topic{number} with detail{number} and fact{number}",
                 [source])


def test_events_are_compared_only_with_events_near_their_date(monkeypatch):
    calls = []
    counting = timeline.merge.similarity

    def counted(first, second):
        calls.append(1)
        return counting(first, second)

    monkeypatch.setattr(timeline.merge, "similarity", counted)
    per_day = 3
    events = [_event(number, date(2011, 1, 1) + timedelta(days=number // per_day)) for number in range(600)]
    assert len(merge_events(events)) == len(events)
    nearby = per_day * (CONFLICT_WINDOW.days + 1)
    assert len(calls) <= len(events) * nearby < len(events) * (len(events) - 1) // 2


def test_merged_event_keeps_the_earliest_reports_id_and_answers_to_every_member_id():
    first, second = _event(1, date(2011, 1, 5)), _event(2, date(2011, 1, 5))
    second.text = first.text = "Troops crossed the border river at dawn"
    second.sources = [Source("a2.md", "t", None, None, "2011-01-04", "q2", "e", 0, 1)]
    [merged] = merge_events([first, second])
    assert merged.id == "id2"
    assert set(merged.member_ids) == {"id1", "id2"}



def test_reports_that_each_resemble_the_next_do_not_chain_into_one_event(news: Path):
    write_article(news, "a.md", "2014-06-11", "Government forces shelled rebel positions in Homs yesterday.")
    write_article(news, "b.md", "2014-06-11",
                  "Government forces shelled rebel positions near Homs and Hama yesterday, killing twelve soldiers.")
    write_article(news, "c.md", "2014-06-11", "Army units withdrew from Hama yesterday, killing twelve soldiers near Homs.")
    events = build(news, news / "output").chronology.events
    assert sorted(len(event.sources) for event in events) == [1, 2]


def test_a_whole_year_is_not_the_same_event_as_a_day_in_it(news: Path):
    write_article(news, "a.md", "2014-06-11", "Islamic State fighters seized the Iraqi city of Mosul yesterday.")
    write_article(news, "b.md", "2015-01-10", "Islamic State fighters seized the Iraqi city of Mosul in 2014.")
    assert len(build(news, news / "output").chronology.events) == 2


def _report(number: int, span: DateSpan) -> Event:
    """A report of the one sentence about Mosul every such report has, dated ``span``."""
    source = Source(f"a{number}.md", "t", None, None, None, f"q{number}", span.value, 0, 1)
    return Event(f"id{number}", span, "Mosul", "Islamic State fighters seized the Iraqi city of Mosul", [source])


def test_a_report_is_compared_only_with_seeds_whose_dates_could_relate_to_its_own(monkeypatch):
    compared = []
    matching = timeline.merge.seed_match

    def counted(event, words, seed, seed_words):
        compared.append((event.id, seed.id))
        return matching(event, words, seed, seed_words)

    monkeypatch.setattr(timeline.merge, "seed_match", counted)
    year = _report(1, DateSpan("2014", date(2014, 1, 1), date(2014, 12, 31), "year"))
    month = _report(2, DateSpan("2014-06", date(2014, 6, 1), date(2014, 6, 30), "month"))
    day = _report(3, DateSpan("2014-06-10", date(2014, 6, 10), date(2014, 6, 10), "day"))
    assert [event.member_ids for event in merge_events([day, month, year])] == [["id1"], ["id2", "id3"]]
    assert compared == [("id3", "id2")]


def test_spans_relate_exactly_when_their_date_classes_are_relatable():
    day = date(2014, 6, 10)
    spans = [DateSpan("2014-06-10", day, day, "day"), DateSpan("2014-W24", date(2014, 6, 9), date(2014, 6, 15), "week"),
             DateSpan("2014-06", date(2014, 6, 1), date(2014, 6, 30), "month"),
             DateSpan("2014-05-01/2014-07-31", date(2014, 5, 1), date(2014, 7, 31), "day"),
             DateSpan("2014", date(2014, 1, 1), date(2014, 12, 31), "year")]
    for first in spans:
        for second in spans:
            related = date_relation(first, second) is not None
            assert related == relatable(date_class(first), date_class(second)), (first.value, second.value)

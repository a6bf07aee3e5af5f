"""Events from dated sentences: what makes an event, and what does not."""

from pathlib import Path

import pytest

from timeline.build import build
from conftest import write_article


def events_of(project: Path, body: str, published: str = "2011-02-12") -> list[tuple[str, str]]:
    write_article(project, "a.md", published, body)
    return [(event.span.value, event.title) for event in build(project, project / "output").chronology.events]


def test_durations_and_vague_times_make_no_event(news: Path):
    assert events_of(news, "The talks lasted 13 years.\n\nHe fled at the very last moment.\n\n"
                           "Protests now happen every Friday.") == []


def test_background_date_of_a_subordinate_clause_makes_no_event_of_its_own(news: Path):
    assert events_of(news, "Hosni Mubarak resigned as president of Egypt yesterday, bowing to a mass uprising "
                           "that began on January 25.") == [("2011-02-11", "Hosni Mubarak resigned as president of Egypt")]


def test_an_earlier_happening_in_an_after_clause_is_an_event_too(news: Path):
    values = [value for value, _ in events_of(
        news, "A ceasefire took effect today, after the presidents reached agreement in Moscow yesterday.",
        published="2020-03-06")]
    assert values == ["2020-03-05", "2020-03-06"]


@pytest.mark.parametrize("body", [
    "Activists said the government wanted to crush the protests before Ramadan, when people gather in mosques.",
    "The army vowed to retake the city by the end of the year.",
])
def test_a_date_that_only_bounds_an_intention_makes_no_event(news: Path, body: str):
    assert events_of(news, body, published="2011-08-01") == []


def test_a_happening_before_a_date_is_still_an_event(news: Path):
    assert [value for value, _ in events_of(news, "The army retook the city before Ramadan.",
                                            published="2011-08-01")] == ["2011-08-01/2011-08-29"]


def test_the_date_a_sentence_counts_from_makes_no_event_of_its_own(news: Path):
    assert events_of(news, "Thirteen years after the 2011 uprising, the regime fell.", published="2024-12-09") == [
        ("2024", "The regime fell")]


def test_an_event_counted_in_days_from_a_dated_one_takes_its_own_date(news: Path):
    assert events_of(news, "Two days after the March 15, 2011 protests, police fired on crowds.") == [
        ("2011-03-17", "Police fired on crowds")]


def test_a_date_counted_from_an_earlier_one_leaves_both_events(news: Path):
    assert [value for value, _ in events_of(news, "Protests began in March 2011 and a year later the war had spread.",
                                            published="2024-12-09")] == ["2011-03", "2012"]


def test_capitalised_season_inside_a_sentence_is_a_name_not_a_date(news: Path):
    values = [value for value, _ in events_of(news, "The revolt was part of the Arab Spring protests in 2010 and 2011.")]
    assert values == ["2010/2011"]


def test_sentence_whose_dates_are_all_background_keeps_them(news: Path):
    assert [value for value, _ in events_of(news, "The revolt was part of protests which took place in 2010 and 2011.")] == [
        "2010/2011"]


def test_two_reported_dates_in_one_sentence_are_two_events(news: Path):
    values = [value for value, _ in events_of(news, "The rebels took Aleppo on December 1 and Hama on Thursday.",
                                              published="2024-12-09")]
    assert values == ["2024-12-01", "2024-12-05"]


@pytest.mark.parametrize(("body", "published", "dated"), [
    ("The United States and Russia agreed yesterday on a framework, averting the threat of strikes over a poison "
     "gas attack near Damascus last month.", "2013-09-15", [("2013-09-14", "The United States and Russia agreed on a framework")]),
    ("The allies launched strikes before dawn yesterday in response to a suspected chemical attack on the town of "
     "Douma on April 7.", "2018-04-15", [("2018-04-14", "The allies launched strikes before dawn in response to a suspected chemical attack…")]),
    ("The UN Security Council yesterday condemned the killing of 108 people, including 49 children and 34 women, in "
     "Houla on Friday.", "2012-05-28", [("2012-05-27", "The UN Security Council condemned the killing of 108 people")]),
])
def test_a_later_date_that_only_says_when_a_thing_the_clause_names_happened_makes_no_event(
        news: Path, body: str, published: str, dated: list[tuple[str, str]]):
    assert events_of(news, body, published=published) == dated


@pytest.mark.parametrize(("body", "published", "values"), [
    ("After the attack on 7 April, the allies launched strikes on 14 April.", "2018-04-20", ["2018-04-07", "2018-04-14"]),
    ("Assad accepted the plan last month, missed a deadline on Tuesday.", "2012-04-12", ["2012-03", "2012-04-10"]),
    ("The fighters entered the city late on Friday and by yesterday had reached its centre.", "2024-12-01",
     ["2024-11-29", "2024-11-30"]),
    ("On 1 November the army retook the city of Al-Safira and the next day the village of Aziziyeh.", "2013-11-05",
     ["2013-11-01", "2013-11-02"]),
])
def test_a_later_date_after_a_verb_or_a_conjunction_of_its_own_is_an_event_too(news: Path, body: str, published: str,
                                                                               values: list[str]):
    assert [value for value, _ in events_of(news, body, published=published)] == values


def test_the_date_phrase_is_marked_in_the_full_sentence(news: Path):
    write_article(news, "a.md", "2011-02-12", "Hosni Mubarak resigned as president of Egypt yesterday.")
    [event] = build(news, news / "output").chronology.events
    start, end = event.mark
    assert event.text == "Hosni Mubarak resigned as president of Egypt yesterday."
    assert event.text[start:end] == "yesterday"


def test_he_in_a_title_is_the_person_the_sentence_before_was_about(news: Path):
    assert events_of(news, "Hadi was sworn in before parliament on Saturday. He had been the only candidate in "
                           "the election held on February 21.", published="2012-02-26") == [
        ("2012-02-21", "Hadi had been the only candidate in the election"),
        ("2012-02-25", "Hadi was sworn in before parliament")]


def test_he_in_a_title_is_the_person_a_clause_of_the_sentence_before_was_about(news: Path):
    assert events_of(news, "The protests began after Mohamed Bouazizi, a street vendor in Sidi Bouzid, set himself "
                           "on fire. He died on January 4.") == [("2011-01-04", "Mohamed Bouazizi died")]


def test_two_dates_in_two_clauses_of_their_own_are_two_events_each_titled_by_its_clause(news: Path):
    assert events_of(news, "President Bashar al-Assad accepted the plan last month but the government missed a "
                           "deadline on Tuesday to pull its forces out.", published="2012-04-11") == [
        ("2012-03", "President Bashar al-Assad accepted the plan"),
        ("2012-04-10", "The government missed a deadline to pull its forces out")]


def test_what_happened_hours_later_is_an_event_on_the_same_day(news: Path):
    assert events_of(news, "Troops entered Homs on 3 March. Hours later, rebels withdrew from the district.",
                     published="2012-03-05") == [("2012-03-03", "Troops entered Homs"),
                                                 ("2012-03-03TXX", "Rebels withdrew from the district")]


def test_they_or_it_in_a_title_is_the_subject_of_the_sentence_before(news: Path):
    assert events_of(news, "In a statement on Friday, the military council praised Mubarak for stepping down. Earlier "
                           "in the day it had pledged to lift the state of emergency.") == [
        ("2011-02-11", "In a statement, the military council praised Mubarak for stepping down"),
        ("2011-02-11", "The military council had pledged to lift the state of emergency")]


def test_a_sentence_dated_by_a_time_in_utc_is_an_event_on_that_day(news: Path):
    write_article(news, "a.md", "2011-02-12", "The curfew was lifted at 18:00 GMT.")
    [event] = build(news, news / "output").chronology.events
    assert (event.span.value, event.span.begin.isoformat(), event.span.granularity) == (
        "2011-02-12T18:00Z", "2011-02-12", "day")
    assert "12 February 2011, 18:00 UTC" in (news / "output" / "index.html").read_text(encoding="utf-8")


def test_a_sentence_dated_by_a_weekend_is_an_event_of_that_saturday_and_sunday(news: Path):
    write_article(news, "a.md", "2011-02-16", "Thousands marched through the capital last weekend.")
    [event] = build(news, news / "output").chronology.events
    assert (event.span.value, event.span.begin.isoformat(), event.span.end.isoformat()) == (
        "2011-W06-WE", "2011-02-12", "2011-02-13")
    assert "weekend of 12 February 2011" in (news / "output" / "index.html").read_text(encoding="utf-8")


def test_a_title_of_a_later_date_leaves_out_the_date_phrase_opening_the_sentence(news: Path):
    titles = dict(events_of(news, "On 18 May the commander died of wounds sustained in an attack the previous day.",
                            published="2014-05-20"))
    assert titles["2014-05-17"] == "The commander died of wounds sustained in an attack"


def test_a_date_after_a_bare_and_begins_a_clause_of_its_own_with_its_own_title(news: Path):
    assert events_of(news, "On 1 November, the army took control of the city of Safira and the next day, the army and "
                           "its allies recaptured the village of Aziziyeh.", published="2013-11-05") == [
        ("2013-11-01", "The army took control of the city of Safira"),
        ("2013-11-02", "The army and its allies recaptured the village of Aziziyeh")]

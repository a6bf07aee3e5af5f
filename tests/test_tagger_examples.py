"""Every example of the tagger's brief, resolved against a publication date of 26 December 2024."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.readers import read_article
from timeline.tagger import is_narrative, tag_article, tag_text
from timeline.tagger.before_christ import written_back
from timeline.tagger.foreign import dateparser_dates, tag_foreign
from timeline.tagger.timex import display, span_for

PUBLISHED = date(2024, 12, 26)


def found(text: str, reference: date = PUBLISHED) -> dict[str, tuple[str, str]]:
    """Each expression's text mapped to its TimeML type and value."""
    return {e.text: (e.type, e.value) for e in tag_text(text, reference)}


def value_of(text: str, expression: str, reference: date = PUBLISHED) -> str:
    return found(text, reference)[expression][1]


ABSOLUTE = [
    ("The summit was held on October 22, 2000.", "October 22, 2000", "2000-10-22"),
    ("The summit was held on 22 October 2000.", "22 October 2000", "2000-10-22"),
    ("It happened Oct. 22 in Cairo.", "Oct. 22", "2024-10-22"),
    ("It happened on Dec 8th.", "Dec 8th", "2024-12-08"),
    ("Assad fled on December 8.", "December 8", "2024-12-08"),
    ("Prices rose in December 2024.", "December 2024", "2024-12"),
    ("Fighting resumed in mid-December.", "mid-December", "2024-12"),
    ("Protests began in early 2011.", "early 2011", "2011"),
    ("The revolt began in 2011.", "2011", "2011"),
    ("It was popular in the 1980s.", "the 1980s", "198"),
    ("The record is dated 2024-12-08.", "2024-12-08", "2024-12-08"),
    ("Fighting stopped in the winter of 2012.", "the winter of 2012", "2012-WI"),
    ("Sales rose in Q1 2012.", "Q1 2012", "2012-Q1"),
    ("Results for 2011 Q4 were weak.", "2011 Q4", "2011-Q4"),
]


@pytest.mark.parametrize(("text", "expression", "value"), ABSOLUTE)
def test_absolute_date_resolves_to_its_timex_value(text, expression, value):
    assert value_of(text, expression) == value


def test_year_less_date_after_the_publication_day_falls_in_the_previous_year():
    assert value_of("The talks ended on December 30.", "December 30") == "2023-12-30"


@pytest.mark.parametrize(("text", "value"), [
    ("The army took the city on December 30 and the next day the village.", "2023-12-30"),
    ("The talks end on December 30 and the next round opens in January.", "2024-12-30"),
])
def test_the_next_day_tells_a_story_told_in_the_past_while_the_next_round_is_still_to_come(text, value):
    assert value_of(text, "December 30") == value


@pytest.mark.parametrize("text", ["Protests swept the region in 2010 and 2011.",
                                  "The war raged between 2011 and 2013.", "The war raged 2011-2013."])
def test_both_years_of_a_pair_or_range_are_tagged(text):
    values = [e.value for e in tag_text(text, PUBLISHED)]
    first, second = (2010, 2011) if "2010" in text else (2011, 2013)
    assert values == [str(first), str(second)]


def test_a_modifier_on_a_single_day_leaves_the_day_whole():
    [expression] = tag_text("Talks began in mid-March 1 at noon.", PUBLISHED)
    assert expression.span.begin == expression.span.end == date(2024, 3, 1)


def test_mid_month_keeps_the_month_value_and_narrows_the_span():
    [expression] = tag_text("Fighting resumed in mid-December.", PUBLISHED)
    assert expression.span.modifier == "mid"
    assert date(2024, 12, 11) <= expression.span.begin <= expression.span.end <= date(2024, 12, 21)


RELATIVE = [
    ("He left today.", "today", "2024-12-26"),
    ("He left yesterday.", "yesterday", "2024-12-25"),
    ("He spoke on Tuesday.", "Tuesday", "2024-12-24"),
    ("He will speak on Tuesday.", "Tuesday", "2024-12-31"),
    ("Prices rose this month.", "this month", "2024-12"),
    ("Rebels took the city earlier this month.", "earlier this month", "2024-12"),
    ("Prices rose last year.", "last year", "2023"),
    ("He left two days ago.", "two days ago", "2024-12-24"),
    ("Three years earlier, he had left.", "Three years earlier", "2021"),
]


@pytest.mark.parametrize(("text", "expression", "value"), RELATIVE)
def test_relative_expression_resolves_against_the_publication_date(text, expression, value):
    assert value_of(text, expression) == value


def test_tonight_is_the_night_of_the_publication_day():
    assert found("He leaves tonight.")["tonight"] == ("TIME", "2024-12-26TNI")


def test_last_week_resolves_to_previous_iso_week():
    assert value_of("He spoke last week.", "last week") == "2024-W51"


def test_last_week_of_a_month_is_the_iso_week_of_its_last_seven_days():
    assert value_of("Sales rebounded in the last week of March.", "the last week of March", date(2009, 4, 3)) == "2009-W13"


def test_the_previous_day_counts_from_the_last_resolved_date():
    assert value_of("He arrived on December 8. The previous day, he had left.", "The previous day") == "2024-12-07"


@pytest.mark.parametrize(("sentence", "expression", "value"), [
    ("Lincoln died early the next morning.", "early the next morning", "2011-05-04TMO"),
    ("The following morning they left.", "The following morning", "2011-05-04TMO"),
    ("The previous evening they met.", "The previous evening", "2011-05-02TEV"),
])
def test_the_next_or_previous_part_of_a_day_counts_from_the_day_last_named(sentence, expression, value):
    assert value_of("On 3 May 2011 the talks began. " + sentence, expression, date(2011, 5, 6)) == value


@pytest.mark.parametrize(("sentence", "expression", "value"), [
    ("They gave up the salient seized the previous April.", "the previous April", "1950-04"),
    ("The following April they attacked again.", "The following April", "1951-04"),
    ("The previous October was calm.", "The previous October", "1949-10"),
    ("At month's end, UN forces held 135,000 prisoners.", "month's end", "1950-10"),
])
def test_the_previous_or_following_month_and_month_end_count_from_the_last_date(sentence, expression, value):
    assert value_of("They took Pyongyang on 19 October 1950. " + sentence, expression, None) == value


def test_a_year_later_counts_from_the_last_resolved_date_not_the_publication_date():
    assert value_of("He left in 2011. A year later, he came back.", "A year later") == "2012"


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("Troops entered Homs on 3 March. Hours later, rebels withdrew.", "Hours later", "2024-03-03TXX"),
    ("Troops entered Homs on 3 March. A few minutes later, rebels withdrew.", "A few minutes later", "2024-03-03TXX"),
    ("Troops entered Homs on 3 March. Moments afterwards, rebels withdrew.", "Moments afterwards", "2024-03-03TXX"),
    ("Rebels withdrew from Homs hours ago.", "hours ago", "2024-12-26TXX"),
    ("Troops entered Homs on 3 March. Two hours later, rebels withdrew.", "Two hours later", "2024-03-03"),
])
def test_hours_or_minutes_later_are_the_last_dates_day_at_an_unknown_time(text, expression, value):
    assert value_of(text, expression) == value


def test_the_day_of_an_unknown_time_is_a_day_and_reads_as_one():
    span = span_for("2024-03-03TXX")
    assert (span.begin, span.end, span.granularity) == (date(2024, 3, 3), date(2024, 3, 3), "day")
    assert display(span) == "3 March 2024"


def test_years_after_a_dated_thing_count_from_that_date():
    assert value_of("Assad's departure came 13 years after the 2011 revolt.", "13 years after") == "2024"


@pytest.mark.parametrize("text, expression, value, anchor", [
    ("Two days after the March 15, 2011 protests, police fired on crowds.", "Two days after", "2011-03-17", "2011-03-15"),
    ("Three months after the fall of Aleppo in December 2016, the army advanced.", "Three months after", "2017-03",
     "2016-12"),
    ("A week before 3 April 2013 the talks broke down.", "A week before", "2013-03-27", "2013-04-03"),
    ("Two days after the December 8 offensive, rebels entered Homs.", "Two days after", "2024-12-10", "2024-12-08"),
])
def test_days_weeks_and_months_after_a_dated_thing_count_from_that_date(text, expression, value, anchor):
    [tagged] = [e for e in tag_text(text, PUBLISHED) if e.text == expression]
    assert (tagged.type, tagged.value, tagged.anchor, tagged.anchor_source) == ("DATE", value, anchor, "expression")


def test_days_after_an_undated_thing_stay_a_duration():
    assert found("Two days after the vote, rebels entered the city on December 8.")["Two days"] == ("DURATION", "P2D")


def test_years_after_an_undated_thing_stay_a_duration():
    text = "It came 13 years after a revolt, part of the protests in 2010 and 2011."
    assert found(text)["13 years"] == ("DURATION", "P13Y")


NAMED_DAYS = [
    ("He was killed on Christmas Day.", "Christmas Day", "2024-12-25"),
    ("They celebrated New Year's Eve.", "New Year's Eve", "2023-12-31"),
    ("They met at Easter.", "Easter", "2024-03-31"),
    ("They met for Eid al-Fitr.", "Eid al-Fitr", "2024-04-10"),
    ("They fasted during Ramadan.", "Ramadan", "2024-03-11/2024-04-09"),
]


@pytest.mark.parametrize(("text", "expression", "value"), NAMED_DAYS)
def test_named_day_resolves_to_its_latest_occurrence(text, expression, value):
    assert value_of(text, expression) == value


@pytest.mark.parametrize(("text", "published", "expression", "value"), [
    ("The assault came on the eve of the Muslim fasting month of Ramadan.", date(2011, 8, 1),
     "the eve of the Muslim fasting month of Ramadan", "2011-07-31"),
    ("A statement came on the first day of the holy month of Ramadan.", date(2014, 6, 30),
     "the first day of the holy month of Ramadan", "2014-06-28"),
    ("They met on the eve of Eid al-Adha.", date(2012, 11, 1), "the eve of Eid al-Adha", "2012-10-25"),
    ("It ended on the last day of Ramadan 2012.", date(2013, 1, 1), "the last day of Ramadan 2012", "2012-08-18"),
])
def test_the_eve_of_a_holiday_and_its_first_or_last_day_are_days(text, published, expression, value):
    assert {e.text: e.value for e in tag_text(text, published)}[expression] == value


def test_ramadan_spans_the_whole_islamic_month():
    [ramadan] = tag_text("They fasted during Ramadan.", PUBLISHED)
    assert (ramadan.span.begin, ramadan.span.end) == (date(2024, 3, 11), date(2024, 4, 9))


TIMEML_TYPES = [
    ("The war lasted 13 years.", "13 years", ("DURATION", "P13Y")),
    ("A curfew was imposed overnight.", "overnight", ("TIME", "2024-12-25TNI")),
    ("Police arrived Tuesday morning.", "Tuesday morning", ("TIME", "2024-12-24TMO")),
    ("The festival is held every year.", "every year", ("SET", "P1Y")),
    ("Stocks fell at 18:00 UTC.", "18:00 UTC", ("TIME", "2024-12-26T18:00Z")),
    ("Shares fell for six straight days.", "six straight days", ("DURATION", "P6D")),
    ("Losses were blamed on the recent coup.", "recent", ("DATE", "PAST_REF")),
]


@pytest.mark.parametrize(("text", "expression", "expected"), TIMEML_TYPES)
def test_duration_time_and_set_get_their_timeml_type_and_value(text, expression, expected):
    assert found(text)[expression] == expected


NOT_DATES = [
    "The Audi Q5 and the Q12012 code are no quarters.",
    "Fourteen members were killed and 13 wounded.",
    "You may leave whenever you like.",
    "They march on the capital.",
    "The March was long.",
    "He fled at the last moment.",
    "It was the worst unrest since the removal of Assad.",
    "The fighters counted 2011 people.",
    "It cost $2011.",
    "Turnout rose to 45%.",
    "Call 555-2011 for details.",
    "See section 2011.3 of the law.",
    "He is 45 years old and has three children.",
    "It was part of the Arab Spring protests.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_numbers_verbs_and_nouns_are_not_dates(text):
    assert [e for e in tag_text(text, PUBLISHED) if e.type in ("DATE", "TIME")] == []


@pytest.mark.parametrize(("text", "values"), [
    ("The line held. September saw the army retreat.", ["2024-09"]),
    ("February to April proved peaceful.", ["2024-02", "2024-04"]),
    ("June said she would go. April told reporters nothing.", []),
    ("October is usually cold.", []),
])
def test_a_month_opening_a_sentence_as_its_subject_is_a_date_unless_it_is_also_a_name(text, values):
    assert [e.value for e in tag_text(text, PUBLISHED)] == values


def test_march_the_month_is_still_a_date_beside_march_the_verb():
    assert [e.text for e in tag_text("They march in March.", PUBLISHED)] == ["March"]


def test_a_season_leading_into_a_name_dates_the_event():
    text = "In 1918 the war went on. The German Spring Offensive failed."
    assert {e.text: e.value for e in tag_text(text, PUBLISHED, narrative=True)}["Spring"] == "1918-SP"


def test_bc_years_and_ranges_get_bc_values():
    assert [e.value for e in tag_text("The revolt lasted from 499 to 493 BC.", PUBLISHED)] == ["BC0499", "BC0493"]


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("Athens rose in the 470s BC.", "the 470s BC", "BC047"), ("Carthage was founded in the 9th century BC.", "the 9th century BC", "BC08"),
    ("It was written in the 4th century.", "the 4th century", "03"),
])
def test_decades_and_centuries_before_christ_get_bc_values(text, expression, value):
    assert value_of(text, expression) == value


def test_second_day_of_a_range_takes_the_month_of_the_first():
    assert [e.value for e in tag_text("It was fought on April 6-7, 1915.", PUBLISHED)][:2] == ["1915-04-06", "1915-04-07"]


@pytest.mark.parametrize(("language", "text", "expression", "value"), [
    ("fr", "Le sommet a eu lieu le 22 octobre 2000.", "22 octobre 2000", "2000-10-22"),
    ("fr", "Hier, les rebelles sont entrés à Damas.", "Hier", "2024-12-25"),
    ("ar", "فر الأسد إلى موسكو في 8 ديسمبر 2024.", "8 ديسمبر 2024", "2024-12-08"),
])
def test_french_and_arabic_are_tagged_by_dateparser_in_their_language(language, text, expression, value):
    expressions = tag_foreign(text, PUBLISHED, language, "publication")
    assert any(expression in e.text and e.value == value for e in expressions)
    assert all(text[e.start:e.end] == e.text for e in expressions)


@pytest.mark.parametrize(("language", "text", "found"), [
    ("fr", "La mer était calme. Le jeu a commencé. Sam est venu. Hier, Assad est tombé.", ["Hier"]),
    ("de", "Die Stadt fiel. Es ist so. Sie war Mo gegenüber. Gestern begannen die Kämpfe.", ["Gestern"]),
    ("es", "Mar y sol. Ayer, la gente protestó.", ["Ayer"]),
    ("fr", "Il y a dix ans, la guerre commençait.", ["a dix ans"]),
    ("ar", "وقال المتحدث أمس إن المعارك توقفت.", ["أمس"]),
])
def test_a_word_dateparser_takes_for_an_abbreviated_weekday_or_month_is_no_date(language, text, found):
    assert [e.text for e in tag_foreign(text, PUBLISHED, language, "publication")] == found


def test_the_peer_measured_against_is_dateparser_as_it_is_abbreviations_and_all():
    found = [e.text for e in dateparser_dates("La mer était calme. Hier, Assad est tombé.", PUBLISHED, "fr", "dct")]
    assert found == ["mer", "Hier"]


def _article_file(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(f"---\ntitle: Test\npublished: 2024-12-26\n---\n\n{body}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("body", "rule"), [
    ("Les rebelles sont entrés à Damas le 8 décembre 2024 et le président est parti pour Moscou.", "dateparser-fr"),
    ("Les rebelles sont entres dans Damas le 8 decembre 2024 et le president est parti pour Moscou.", "dateparser-fr"),
    ("فر الأسد إلى موسكو في 8 ديسمبر 2024 بعد دخول المعارضة إلى دمشق.", "dateparser-ar"),
])
def test_article_without_a_stated_language_is_tagged_in_the_language_detected(tmp_path, body, rule):
    article, _ = read_article(_article_file(tmp_path, "article.md", body))
    expressions = tag_article(article)
    assert any(e.rule == rule and e.value == "2024-12-08" for e in expressions)


def test_english_article_keeps_the_full_rule_set(tmp_path):
    article, _ = read_article(_article_file(tmp_path, "article.md", "Rebels entered Damascus on December 8."))
    assert [(e.rule, e.value) for e in tag_article(article)] == [("month-day", "2024-12-08")]


def test_counting_past_the_calendar_is_no_date():
    expressions = tag_text("In 2000, 2000 years ago; 99999999 days ago.", None)
    assert [e.value for e in expressions if e.type == "DATE"] == ["2000"]


@pytest.mark.parametrize(("text", "reference"), [("He comes tomorrow.", date(9999, 12, 31)),
                                                 ("He came yesterday, on Christmas.", date(1, 1, 1))])
def test_dates_beyond_the_calendar_are_dropped_not_raised(text, reference):
    assert tag_text(text, reference) == []


def test_a_missed_deadline_is_past_so_its_weekday_is_the_last_one():
    text = "The government missed a deadline on Tuesday to pull its forces out of the cities."
    assert value_of(text, "Tuesday", date(2012, 4, 13)) == "2012-04-10"
    assert value_of("The deadline is on Tuesday.", "Tuesday", date(2012, 4, 13)) == "2012-04-17"


def test_a_date_an_until_clause_reaches_forward_to_gives_no_year_to_the_dates_after_it():
    text = ("In 1944 the Red Army entered Hungary, a siege that lasted until the fall of Budapest in February 1945. "
            "The Japanese captured Changsha in mid-June and held the city until 1946. They took Hengyang in August.")
    values = {e.text: e.value for e in tag_text(text, PUBLISHED, narrative=True)}
    assert values["February 1945"] == "1945-02"
    assert values["mid-June"] == "1944-06"
    assert values["August"] == "1944-08"


def test_a_narrative_of_antiquity_counts_from_its_years_before_christ():
    text = ("The Persians landed at Marathon in 490 BC. The following year Miltiades sailed against Paros, "
            "and in the autumn of 489 BC he was tried. The winter passed quietly. A decade later Xerxes marched, "
            "and by mid-August his fleet had reached Artemisium. Two years later the war moved to Asia.")
    found = {e.text: e for e in tag_text(text, PUBLISHED, narrative=True)}
    assert {name: e.value for name, e in found.items()} == {
        "490 BC": "BC0490", "The following year": "BC0489", "the autumn of 489 BC": "BC0489-FA",
        "The winter": "BC0488-WI", "A decade later": "BC047", "mid-August": "BC0489-08", "Two years later": "BC0487"}
    assert found["The following year"].anchor == "BC0490"
    assert all(e.span is None for e in found.values())


def test_a_text_is_known_as_a_narrative_of_antiquity_by_its_years_before_christ():
    text = "The revolt began in 499 BC. Sardis burned in 498 BC. Cyprus fell in 497 BC, Miletus in 494 BC, Thrace in 492 BC."
    assert is_narrative(text, PUBLISHED)
    assert not is_narrative(text.replace(" BC", ""), PUBLISHED)


@pytest.mark.parametrize(("last", "value"), [("In August 1914", "1915-WI"), ("In the autumn of 1777", "1778-WI"),
                                             ("In January 1777", "1777-WI"), ("In April 1920", "1920-WI"),
                                             ("In 1776", "1776-WI")])
def test_the_winter_a_narrative_comes_to_after_a_date_late_in_its_year_is_the_next_one(last, value):
    text = f"{last} the army marched north. The winter was hard on the men."
    assert {e.text: e.value for e in tag_text(text, PUBLISHED, narrative=True)}["The winter"] == value


@pytest.mark.parametrize(("counted", "value"), [
    ("4511", "BC0489"), ("4511-WI", "BC0489-WI"), ("4511-08", "BC0489-08"), ("4511/4512", "BC0489/BC0488"),
    ("451", "BC048"), ("499", "BC000"), ("45", "BC04"), ("5005", "0006"), ("PAST_REF", "PAST_REF"), ("500", None),
])
def test_what_is_counted_on_the_stand_in_calendar_is_written_back_as_the_time_before_christ_it_stands_for(counted, value):
    assert written_back(counted) == value


def test_a_count_from_an_event_a_narrative_told_is_dated_from_that_telling_and_stays_a_duration_in_news():
    text = "The KPA crossed the border on June 25, 1950. Two days after the KPA invaded, Seoul fell."
    narrated = {e.text: e for e in tag_text(text, PUBLISHED, narrative=True)}
    assert (narrated["Two days after"].value, narrated["Two days after"].anchor) == ("1950-06-27", "1950-06-25")
    assert {e.text: e.value for e in tag_text(text, PUBLISHED, narrative=False)}["Two days"] == "P2D"


def test_a_season_ending_a_name_at_the_end_of_a_line_is_no_date():
    assert [e for e in tag_text("See also:\nTimeline of the Arab Spring\nOperation history", PUBLISHED)
            if e.rule == "bare-season"] == []


def test_a_holiday_in_a_narrative_is_the_next_one_from_where_the_story_is():
    text = "In October 2012 Brahimi visited Damascus. He arranged a ceasefire during Eid al-Adha, but it collapsed."
    assert {e.text: e.value for e in tag_text(text, PUBLISHED, narrative=True)}["Eid al-Adha"] == "2012-10-26"


def _under_heading(heading: str, body: str) -> dict[str, str]:
    text = f"{heading}\n{body}"
    return {e.text: e.value for e in tag_text(text, PUBLISHED, headings=((0, len(heading)),), narrative=True)}


def test_a_day_under_a_heading_takes_the_heading_year_it_falls_in_when_the_last_date_would_put_it_outside():
    values = _under_heading("Astana talks (December 2016–April 2017)",
                            "In December 2016 a ceasefire began. Talks were held on 15 January.")
    assert values["15 January"] == "2017-01-15"


def test_a_day_under_a_heading_with_no_date_before_it_takes_the_heading_year_nearest_it():
    assert _under_heading("Hama offensive (April–June 2017)", "Fighting began on 21 March.")["21 March"] == "2017-03-21"


@pytest.mark.parametrize(("heading", "body", "expression", "value"), [
    ("Hama offensive (April–June 2017)", "Rebels had held the town since 2015. Fighting began on 21 March.",
     "21 March", "2017-03-21"),
    ("Rebel infighting (January–March 2014)", "ISIL captured Azaz on 18 September 2013. Fighting resumed in early October.",
     "early October", "2013-10"),
    ("Aid dispute (December 2019)", "The 2016 deal still held. Conditions were severe with winter approaching.",
     "winter", "2020-WI"),
])
def test_a_day_the_heading_cannot_hold_takes_the_year_that_puts_it_nearest_the_heading(heading, body, expression, value):
    assert _under_heading(heading, body)[expression] == value


@pytest.mark.parametrize(("text", "published", "values"), [
    ("June 4, 2009. At a press conference at 16:15 UTC, June 1st, he spoke.", date(2009, 6, 4),
     ["2009-06-04", "2009-06-01T16:15Z", "2009-06-01"]),
    ("On March 20, 2003 (9:34 p.m., March 19 EST) the invasion began.", date(2003, 3, 21),
     ["2003-03-20", "2003-03-19T21:34", "2003-03-19"]),
    ("The talks of June 4, 2009 ended at 9 am, May 40 being no day.", date(2009, 6, 4),
     ["2009-06-04", "2009-06-04T09:00"]),
    ("On 29 December a truce was agreed, in force from 00:00 Syrian time (02:00 UTC) on 30 December.",
     date(2016, 12, 31), ["2016-12-29", "2016-12-30T02:00Z", "2016-12-30"]),
    ("At 9 p.m. 25 people were killed.", date(2016, 12, 31), ["2016-12-31T21:00"]),
])
def test_a_time_is_on_the_day_written_right_after_it(text, published, values):
    assert [e.value for e in tag_text(text, published)] == values


@pytest.mark.parametrize(("published", "values"), [
    (date(2011, 2, 16), ["2011-W06-WE", "2011-W07-WE"]),
    (date(2011, 2, 13), ["2011-W05-WE", "2011-W06-WE"]),
])
def test_last_weekend_is_the_one_just_gone_on_a_weekday_and_the_one_before_on_a_sunday(published, values):
    assert [e.value for e in tag_text("They marched last weekend and will rest this weekend.", published)] == values


@pytest.mark.parametrize(("text", "published", "value"), [
    ("Talks took place during the weekend.", date(2008, 10, 13), "2008-W41-WE"),
    ("The report became public this weekend.", date(2010, 1, 25), "2010-W03-WE"),
    ("Talks will take place during the weekend.", date(2008, 10, 13), "2008-W42-WE"),
    ("Talks took place during the weekend.", date(2008, 10, 12), "2008-W41-WE"),
    ("The talks resume this weekend.", date(2008, 10, 13), "2008-W42-WE"),
    ("Over the weekend, several hundred young people threw stones.", date(2010, 12, 21), "2010-W50-WE"),
])
def test_the_weekend_in_news_written_on_a_weekday_is_the_one_just_gone_when_the_sentence_tells_the_past(
        text, published, value):
    assert [e.value for e in tag_text(text, published)] == [value]


@pytest.mark.parametrize(("text", "values"), [
    ("Protests ran from March to May 2011.", ["2011-03", "2011-05"]),
    ("It happened between March and May 2011.", ["2011-03", "2011-05"]),
    ("The siege lasted from March 15 to April 2, 2011.", ["2011-03-15", "2011-04-02"]),
    ("The siege lasted from 15 March to 2 April 2011.", ["2011-03-15", "2011-04-02"]),
])
def test_the_first_date_of_a_range_takes_the_year_written_at_its_end(text, values):
    assert [e.value for e in tag_text(text, PUBLISHED)] == values


def test_the_same_week_after_a_month_names_no_week_but_the_same_month_after_a_day_is_that_month():
    month_first = {e.text: e.value for e in tag_text("The ceasefire began in August 2019. In the same week, a bill passed.",
                                                     PUBLISHED, narrative=True)}
    assert "the same week" not in month_first
    day_first = {e.text: e.value for e in tag_text("The ceasefire began on 3 August 2019. Later that month, a bill passed.",
                                                   PUBLISHED, narrative=True)}
    assert day_first["Later that month"] == "2019-08"


@pytest.mark.parametrize(("text", "value"), [
    ("In August 2019 talks began. Three days later, a bill passed.", "2019-08"),
    ("In 2019 talks began. Two weeks later, a bill passed.", "2019"),
    ("On 3 August 2019 talks began. Three days later, a bill passed.", "2019-08-06"),
    ("In August 2019 talks began. A year later, a bill passed.", "2020"),
])
def test_a_count_from_a_date_known_less_precisely_than_its_unit_is_known_no_more_precisely(text, value):
    assert [e.value for e in tag_text(text, PUBLISHED, narrative=True)][-1] == value


def test_the_day_after_a_gerund_is_no_day_after_the_last_one():
    text = "The Dow rebounded late in the day after falling 250 points, ending the day down 31 points."
    found = [(e.text, e.value) for e in tag_text(text, PUBLISHED)]
    assert found == [("the day", PUBLISHED.isoformat())]
    assert [e.value for e in tag_text("They met on 23 February 1918. The day after, he left.", PUBLISHED)][-1] == "1918-02-24"


def test_a_season_opening_an_operations_code_name_is_no_date():
    text = "On 1 March 2020 Turkey launched Operation Spring Shield against the Syrian army."
    assert [e.text for e in tag_text(text, PUBLISHED)] == ["1 March 2020"]


@pytest.mark.parametrize(("text", "reference", "values"), [
    ("Nikkei at lowest level since '82.", date(2008, 10, 27), ["1982"]),
    ("The Club of '89 was founded by moderates.", date(1791, 6, 1), ["1789"]),
    ("Apple unveiled its iLife '11 software suite.", date(2010, 10, 20), []),
    ("Shares rose 5 '10 percent.", date(2010, 10, 20), []),
])
def test_a_year_in_two_digits_is_the_one_nearest_the_date_the_text_is_at(text, reference, values):
    assert [e.value for e in tag_text(text, reference) if e.rule == "short-year"] == values


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("On 3 March, troops entered Homs. On the 20th, rebels withdrew.", "the 20th", "2024-03-20"),
    ("On 25 November, troops entered Homs. On the 2nd, rebels withdrew.", "the 2nd", "2024-12-02"),
    ("The onslaught on the 20th was successful.", "the 20th", "2024-12-20"),
    ("The onslaught on the 28th was successful.", "the 28th", "2024-11-28"),
    ("By the 15th, the city had fallen.", "the 15th", "2024-12-15"),
    ("The talks will resume on the 2nd.", "the 2nd", "2025-01-02"),
    ("Protests ran from the 13th to the 19th of October 1950.", "the 13th", "1950-10-13"),
])
def test_a_day_of_the_month_alone_is_in_the_month_of_the_day_last_named_or_of_the_range_it_opens(text, expression,
                                                                                                 value):
    """'on the 20th' after 3 March is 20 March; after 25 November, 'the 2nd' is in December (a story goes on); against
    the publication date a past day after it is in the month before, one to come before it in the month after."""
    assert value_of(text, expression) == value


@pytest.mark.parametrize("text", ["The 24th Infantry Division arrived.", "It was the 20th anniversary of the war.",
                                  "Troops reached the 38th parallel.", "He came 2nd in the race on the 3rd floor."])
def test_an_ordinal_that_names_no_day_is_no_date(text):
    assert not found(text)

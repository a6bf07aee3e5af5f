"""Exports parse back in the libraries their readers use: csv, json, icalendar, feedparser."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import feedparser
import icalendar
from conftest import make_site_project
from hypothesis import given
from hypothesis import strategies as st

from timeline.build import build
from timeline.site.exports import EXPORTERS, exporter
from timeline.site.exports.ical import escape_text, fold


def events(output: Path) -> list[dict]:
    return json.loads((output / "events.json").read_text(encoding="utf-8"))["events"]


def by_display(output: Path, display: str) -> dict:
    return next(event for event in events(output) if event["date"]["display"] == display)


def test_every_registered_format_is_written(built_site: Path):
    assert {"json", "csv", "ics", "timelinejs", "atom"} <= set(EXPORTERS)
    for export in EXPORTERS.values():
        assert (built_site / export.filename).stat().st_size > 0, export.filename


def test_a_registered_exporter_is_written_without_changing_the_build(tmp_path: Path):
    exporter("count", "count.txt")(lambda chronology, context: str(len(chronology.events)))
    try:
        project = make_site_project(tmp_path / "project")
        build(project)
    finally:
        del EXPORTERS["count"]
    assert (project / "output" / "count.txt").read_text(encoding="utf-8") == "5"
    assert 'href="count.txt"' in (project / "output" / "index.html").read_text(encoding="utf-8")


def test_csv_has_one_row_per_event_at_its_own_precision(built_site: Path):
    with (built_site / "events.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["id"] for row in rows] == [event["id"] for event in events(built_site)]
    month = next(row for row in rows if row["display"] == "June 2010")
    assert (month["value"], month["begin"], month["end"], month["granularity"]) == ("2010-06", "2010-06-01", "2010-06-30", "month")
    protest = next(row for row in rows if row["era"] == "Protests")
    assert protest["tags"] == "protests; capital" and protest["outlets"] == "Test Wire"


def test_ics_follows_rfc5545_line_rules(built_site: Path):
    raw = (built_site / "events.ics").read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.decode("utf-8").split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    unfolded = [line for line in "\r\n".join(lines).replace("\r\n ", "").split("\r\n")]
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in unfolded and any(line.startswith("PRODID:") for line in unfolded)
    assert unfolded.count("BEGIN:VEVENT") == unfolded.count("END:VEVENT") == len(events(built_site))
    names = {line.split(":", 1)[0].split(";", 1)[0] for line in unfolded}
    assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} <= names


def test_ics_events_are_all_day_and_span_the_whole_date(built_site: Path):
    calendar = icalendar.Calendar.from_ical((built_site / "events.ics").read_bytes())
    found = {str(event["UID"]).split("@")[0]: event for event in calendar.walk("VEVENT")}
    month = by_display(built_site, "June 2010")
    assert found[month["id"]].decoded("DTSTART") == date(2010, 6, 1)
    assert found[month["id"]].decoded("DTEND") == date(2010, 7, 1), "DTEND is the day after the span"
    day = by_display(built_site, "15 March 2011")
    assert found[day["id"]].decoded("DTSTART") == date(2011, 3, 15)
    assert found[day["id"]].decoded("DTEND") == date(2011, 3, 16)
    assert str(found[day["id"]]["SUMMARY"]) == day["title"]
    assert "protesters gathered" in str(found[day["id"]]["DESCRIPTION"])


def test_timelinejs_json_keeps_precision_eras_and_ids(built_site: Path):
    data = json.loads((built_site / "timeline.json").read_text(encoding="utf-8"))
    slides = {slide["unique_id"]: slide for slide in data["events"]}
    assert len(slides) == len(data["events"]) == len(events(built_site))
    month = slides["event-" + by_display(built_site, "June 2010")["id"]]
    assert month["start_date"] == {"year": 2010, "month": 6} and "end_date" not in month
    assert month["display_date"] == "June 2010" and month["text"]["headline"] == "A first petition circulates"
    day = slides["event-" + by_display(built_site, "15 March 2011")["id"]]
    assert day["start_date"] == {"year": 2011, "month": 3, "day": 15} and day["group"] == "Protests"
    assert data["title"]["text"]["headline"] == "Test chronology"
    assert [era["text"]["headline"] for era in data["eras"]] == ["Protests", "War", "Aftermath"]
    assert data["eras"][0]["start_date"] == {"year": 2011, "month": 1, "day": 1}


def test_atom_feed_parses_with_newest_events_first(built_site: Path):
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Test chronology" and len(feed.entries) == len(events(built_site))
    assert feed.entries[0].title.startswith("9 January 2013") and feed.entries[-1].title.startswith("June 2010")
    assert all(entry.link.endswith("index.html#event-" + entry.link.rsplit("-", 1)[1]) for entry in feed.entries)
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)


def test_sitemap_lists_pages_relative_or_under_the_configured_url(built_site: Path, tmp_path: Path):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in ET.parse(built_site / "sitemap.xml").getroot().findall("s:url/s:loc", namespace)]
    assert locs == ["about.html", "index.html", "sources.html"]
    project = make_site_project(tmp_path / "project", url="https://example.org/syria/")
    build(project)
    tree = ET.parse(project / "output" / "sitemap.xml")
    assert tree.getroot().find("s:url/s:loc", namespace).text == "https://example.org/syria/about.html"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_ics_text_folds_into_short_lines_and_unfolds_back(text: str):
    line = "SUMMARY:" + escape_text(text)
    folded = fold(line)
    assert all(len(piece.encode("utf-8")) <= 75 for piece in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert "\n" not in line and "\r" not in line


@given(st.text(alphabet=st.characters(max_codepoint=127, blacklist_categories=("Cc",)), max_size=400))
def test_ascii_lines_fold_into_full_75_octet_lines(text: str):
    line = "DESCRIPTION:" + escape_text(text)
    pieces = fold(line).split("\r\n")
    assert "".join([pieces[0], *(piece[1:] for piece in pieces[1:])]) == line
    assert all(len(piece) == 75 for piece in pieces[:-1])
    assert all(piece.startswith(" ") for piece in pieces[1:])


def test_source_records_hold_every_field_in_order_as_asdict_gives_them(built_site: Path):
    from dataclasses import asdict

    from timeline.model import Source
    from timeline.site.exports.records import source_record

    source = Source("a.md", "Title", "Wire", "https://example.org", "2012-03-01", "Quote.", "on 4 May",
                    3, 11, "2012-03-01", "publication", "day", "2012-05-04")
    assert list(source_record(source).items()) == list(asdict(source).items())

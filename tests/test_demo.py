"""The demo site: key dates of the Syria chronology, checked against the built ``events.json``."""

import json
import re

import pytest

from timeline.build import build
from conftest import REPO

KEY_DATES = [
    ("2010-12-17", r"Bouazizi|set himself"),
    ("2011-01-14", r"Ben Ali"),
    ("2011-01-25", r"Egypt|Cairo|Tahrir|Police Day"),
    ("2011-02-11", r"Mubarak"),
    ("2011-02-14", r"Bahrain|Pearl"),
    ("2011-02-17", r"Pearl Roundabout|Benghazi|Libya"),
    ("2011-03-15", r"Damascus"),
    ("2011-03-17", r"Security Council|resolution"),
    ("2011-03-18", r"Daraa"),
    ("2011-03-19", r"strikes|French|Libya"),
    ("2011-07-29", r"Free Syrian Army"),
    ("2011-10-20", r"Gaddafi"),
    ("2011-11-12", r"Arab League|league"),
    ("2011-11-23", r"Saleh"),
    ("2012-02-27", r"Hadi|Saleh"),
    ("2012-04-10", r"deadline"),
    ("2012-05-25", r"Houla"),
    ("2012-07-15", r"Red Cross|civil war"),
    ("2013-08-21", r"Ghouta|poison|chemical"),
    ("2014-06-10", r"Mosul"),
    ("2014-06-29", r"caliphate"),
    ("2014-09-23", r"strikes|coalition"),
    ("2015-09-30", r"Russia"),
    ("2016-08-24", r"Jarablus|Euphrates Shield|Turk"),
    ("2016-12-22", r"Aleppo|evacuat"),
    ("2017-04-04", r"Khan Shaykhun|chemical|attack"),
    ("2017-04-07", r"Shayrat|missile|strike"),
    ("2017-10-17", r"Raqqa"),
    ("2018-01-20", r"Olive Branch|Afrin"),
    ("2018-04-07", r"Douma"),
    ("2018-04-14", r"strikes|Britain|France"),
    ("2019-03-23", r"Baghouz|territory"),
    ("2019-10-09", r"Peace Spring|Turk"),
    ("2020-03-05", r"Idlib|ceasefire|Moscow"),
    ("2023-02-06", r"quake"),
    ("2023-05-07", r"Arab League|readmi"),
    ("2024-11-27", r"offensive"),
    ("2024-12-05", r"Hama"),
    ("2024-12-08", r"Damascus"),
    ("2024-12-10", r"Bashir"),
    ("2024-12-25", r"ambush|Tartus|Khirbet|killed"),
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> dict:
    output = tmp_path_factory.mktemp("demo") / "output"
    build(REPO, output)
    return json.loads((output / "events.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("value", "pattern"), KEY_DATES, ids=[d for d, _ in KEY_DATES])
def test_key_event_is_on_its_true_date(demo: dict, value: str, pattern: str):
    texts = [" ".join([e["title"], e["text"], *(s["title"] for s in e["sources"])])
             for e in demo["events"] if e["date"]["begin"] == e["date"]["end"] == value]
    assert any(re.search(pattern, text, re.I) for text in texts), (value, texts)


def test_chronology_spans_bouazizi_to_the_tartus_ambush(demo: dict):
    days = [e for e in demo["events"] if e["date"]["granularity"] == "day"]
    assert days[0]["date"]["begin"] == "2010-12-17"
    assert days[-1]["date"]["begin"] == "2024-12-25"


def test_nothing_outside_the_range_is_listed_as_inside(demo: dict):
    for event in demo["events"]:
        assert event["date"]["end"] >= "2010-12-01" and event["date"]["begin"] <= "2024-12-31", event

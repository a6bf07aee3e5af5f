"""Importance scores and the highlights cap, through the real build on files."""

import json
import re
from pathlib import Path

from timeline.build import build
from conftest import write_article


def _project(news: Path, config_extra: str = "") -> Path:
    (news / "timeline.toml").write_text(
        '[site]\ntitle = "News"\nrange_begin = 2010-12-01\nrange_end = 2024-12-31\nmany_events = 1\n' + config_extra,
        encoding="utf-8")
    write_article(news, "a.md", "2011-03-19",
                  "Security forces opened fire on protesters in Daraa yesterday.\n\n"
                  "Officials met in Damascus on 2 March 2011 to discuss the budget.")
    write_article(news, "b.md", "2011-03-20",
                  "Security forces opened fire on protesters in Daraa on Friday, killing four people.")
    events = news / "content" / "events"
    events.mkdir(parents=True)
    (events / "icrc.md").write_text("---\ndate: 2012-07-15\ntitle: Red Cross declares a civil war\n---\nThe ICRC said so.\n",
                                    encoding="utf-8")
    return news


def _importance(news: Path) -> dict[str, float]:
    data = json.loads((news / "output" / "events.json").read_text(encoding="utf-8"))
    return {event["date"]["value"]: event["importance"] for event in data["events"]}


def test_importance_counts_articles_leads_and_curation(news: Path):
    build(_project(news))
    scores = _importance(news)
    assert scores["2011-03-18"] == 3.0  # two articles, and each leads with it
    assert scores["2011-03-02"] == 1.0  # one article, not its lead
    assert scores["2012-07-15"] == 3.0  # curated


def _highlighted(news: Path) -> int:
    html = (news / "output" / "index.html").read_text(encoding="utf-8")
    return len(re.findall(r'class="event[^"]*\bhighlight\b', html))


def test_highlights_cap_keeps_the_best_of_each_year(news: Path):
    project = _project(news)
    write_article(project, "c.md", "2011-04-23", "Tens of thousands marched in Homs yesterday.")
    build(project)
    assert _highlighted(project) == 3  # 2011: the Daraa shooting and the Homs march; 2012: the curated event
    (project / "timeline.toml").write_text(
        (project / "timeline.toml").read_text(encoding="utf-8") + "highlights_per_year = 1\n", encoding="utf-8")
    build(project)
    assert _highlighted(project) == 2  # the Daraa shooting (two articles) outranks the march
    html = (project / "output" / "index.html").read_text(encoding="utf-8")
    daraa = re.search(r'<li[^>]*class="event[^"]*"[^>]*>(?:(?!</li>).)*Daraa', html, re.S).group(0)
    assert "highlight" in daraa.split(">")[0]

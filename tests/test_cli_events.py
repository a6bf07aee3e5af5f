"""``timeline events``: a table for people, JSON for machines, and the reasons behind a merge."""

import json
from pathlib import Path

from timeline.build import collect
from timeline.cli import main
from timeline.config import load_config
from conftest import write_article


def two_reports_of_one_event(news: Path) -> None:
    write_article(news, "a.md", "2011-02-12", "Hosni Mubarak resigned as president of Egypt yesterday after weeks of protests.")
    write_article(news, "b.md", "2011-02-13", "Egypt's president Hosni Mubarak resigned on Friday, ending weeks of mass protests.")
    write_article(news, "c.md", "2011-03-19", "Security forces opened fire on protesters in Daraa yesterday.")


def test_table_lists_each_event_with_id_sources_and_title(news: Path, capsys):
    two_reports_of_one_event(news)
    assert main(["events", "--project", str(news)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[1].startswith("2011-02-11") and "  2 " in lines[1] and "Hosni Mubarak resigned" in lines[1]
    assert lines[2].startswith("2011-03-18")


def test_json_with_a_date_filter(news: Path, capsys):
    two_reports_of_one_event(news)
    assert main(["events", "--project", str(news), "--json", "--from", "2011-03-01", "--to", "2011-03-31"]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert record["date"]["value"] == "2011-03-18" and record["sources"][0]["path"] == "content/articles/c.md"


def test_explain_shows_scores_thresholds_and_shared_words_for_any_member_id(news: Path, capsys):
    two_reports_of_one_event(news)
    merged = next(event for event in collect(load_config(news)).events if len(event.sources) == 2)
    assert len(merged.member_ids) == 2
    for event_id in merged.member_ids:
        assert main(["events", "--project", str(news), "--explain", event_id]) == 0
        out = capsys.readouterr().out
        assert out.startswith(f"{merged.id}: ")
        assert "dates overlap" in out and ">= 0.50" in out and "mubarak" in out and "resigned" in out


def test_explain_of_an_unknown_id_is_an_error_message(news: Path, capsys):
    two_reports_of_one_event(news)
    assert main(["events", "--project", str(news), "--explain", "123456789abc"]) == 1
    assert "no event has the id '123456789abc'" in capsys.readouterr().err


def test_events_after_a_build_reads_the_chronology_it_kept_and_tags_nothing(news: Path, capsys, monkeypatch):
    import timeline.build as build_module

    two_reports_of_one_event(news)
    assert main(["build", "--project", str(news)]) == 0
    capsys.readouterr()
    tagged: list[Path] = []
    real = build_module.process_article
    monkeypatch.setattr(build_module, "process_article", lambda path, **options: tagged.append(path) or real(path, **options))
    assert main(["events", "--project", str(news), "--json"]) == 0
    kept = capsys.readouterr().out
    assert tagged == []
    assert main(["events", "--project", str(news), "--json", "--no-cache"]) == 0
    assert capsys.readouterr().out == kept and len(tagged) == 3

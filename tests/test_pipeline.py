"""``timeline build`` end to end on real files: the seed's chronology in the gold's order."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from timeline.build import build
from timeline.tagger.timex import span_for


def test_seed_events_follow_the_gold_chronology(project: Path, gold):
    result = build(project, project / "output")
    values = [event.span.value for event in result.chronology.events]
    expected = [e["date"] for e in gold["chronology"]["events_in_order"] if not e.get("optional")]
    required = [v for v in values if v in expected]
    assert required == expected
    assert len(values) == len(set(values)), "each caption once"


def test_out_of_range_caption_reported_once(project: Path, gold):
    result = build(project, project / "output")
    outside = [event.span.value for event in result.chronology.out_of_range]
    assert outside == [e["date"] for e in gold["chronology"]["out_of_range"]]


def test_month_sorts_before_its_days_and_week_after_earlier_days():
    month, day, week = span_for("2024-12"), span_for("2024-12-08"), span_for("2024-W51")
    assert sorted([week, day, month], key=lambda s: s.sort_key()) == [month, day, week]


def test_events_json_contract(project: Path):
    build(project, project / "output")
    data = json.loads((project / "output" / "events.json").read_text(encoding="utf-8"))
    assert set(data) >= {"generated", "title", "range", "events", "eras", "out_of_range", "warnings"}
    assert data["range"] == ["2010-12-01", "2024-12-31"]
    event = data["events"][0]
    assert set(event) >= {"id", "date", "title", "text", "sources", "tags", "era"}
    assert set(event["date"]) >= {"value", "begin", "end", "granularity", "display"}
    source = event["sources"][0]
    assert set(source) >= {"path", "title", "source", "url", "published", "quote", "expression", "start", "end"}
    raw = (project / source["path"]).read_text(encoding="utf-8")
    assert raw[source["start"]:source["end"]] == source["expression"]
    begins = [e["date"]["begin"] for e in data["events"]]
    assert begins == sorted(begins)


def test_event_ids_are_stable_across_rebuilds(project: Path):
    first = [e.id for e in build(project, project / "out1").chronology.events]
    second = [e.id for e in build(project, project / "out2").chronology.events]
    assert first == second and len(set(first)) == len(first)


def test_cli_build_prints_summary_and_writes_site(project: Path):
    done = subprocess.run([sys.executable, "-m", "timeline", "build", "--project", str(project)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "events" in done.stdout and str(project / "output") in done.stdout
    html = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert "Assad fled to Moscow" in html and '<time datetime="2024-12-08">' in html


def test_bad_article_names_file_and_keeps_the_others(project: Path):
    (project / "seeds" / "broken.md").write_text("---\ntitle: [oops\n---\nOn 3 March 2011 x.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "timeline", "build", "--project", str(project)],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "broken.md" in done.stderr and "Traceback" not in done.stderr
    data = json.loads((project / "output" / "events.json").read_text(encoding="utf-8"))
    assert any(e["date"]["value"] == "2024-12-25" for e in data["events"])


def test_extract_json_contract(tmp_path: Path):
    from conftest import SEED

    done = subprocess.run([sys.executable, "-m", "timeline", "extract", "--json", str(SEED)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    [record] = json.loads(done.stdout)
    assert record["reference_date"] == "2024-12-26"
    christmas = next(e for e in record["expressions"] if e["text"] == "Christmas Day")
    assert (christmas["value"], christmas["begin"], christmas["end_date"], christmas["granularity"]) == (
        "2024-12-25", "2024-12-25", "2024-12-25", "day")


def test_extract_reference_date_overrides_publication():
    from conftest import SEED

    done = subprocess.run([sys.executable, "-m", "timeline", "extract", "--json", "--reference-date", "2020-06-15",
                           str(SEED)], capture_output=True, text=True)
    values = {e["text"]: e["value"] for e in json.loads(done.stdout)[0]["expressions"]}
    assert values["Last week"] == "2020-W24" and values["December 8"] == "2019-12-08"


def test_new_scaffolds_a_project_that_builds(tmp_path: Path):
    target = tmp_path / "site"
    assert subprocess.run([sys.executable, "-m", "timeline", "new", str(target)]).returncode == 0
    assert (target / "themes").is_dir()
    result = build(target)
    assert len(result.chronology.events) == 1
    assert result.chronology.events[0].span.value == date.today().isoformat()


def test_articles_are_found_as_pathlib_finds_and_sorts_them(tmp_path: Path):
    """Nested and oddly named folders, hidden files, a link to a file and a linked folder (not entered)."""
    from timeline.build import scan_sources
    from timeline.config import load_config
    from timeline.readers import READERS

    (tmp_path / "timeline.toml").write_text("[site]\ntitle = 'T'\n", encoding="utf-8")
    base = tmp_path / "content" / "articles"
    for name in ["a/x.md", "a-b/x2.md", "a.b/y.txt", "Z.md", "b.MD", ".hidden.md", "notes.pdf", ".git/c.md",
                 "deep/er/and/deeper/d.md", "elsewhere/e.md"]:
        (base / name).parent.mkdir(parents=True, exist_ok=True)
        (base / name).write_text("---\ntitle: t\npublished: 2012-01-01\n---\nText.\n", encoding="utf-8")
    (base / "linked.md").symlink_to(base / "Z.md")
    (base / "linked-folder").symlink_to(base / "elsewhere", target_is_directory=True)
    expected = sorted(p for p in base.rglob("*")
                      if p.is_file() and p.suffix.lower() in READERS and not p.name.startswith("."))
    found, problems = scan_sources(load_config(tmp_path))
    assert found == expected and problems == []
    assert base / "linked.md" in found and not any("linked-folder" in str(path) for path in found)

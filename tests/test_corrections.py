"""An editor's corrections in content/corrections.toml: suppress, re-date, re-title and merge events by id."""

import subprocess
import sys
from pathlib import Path

from timeline.build import build
from conftest import write_article

DARAA = "Security forces opened fire on protesters in Daraa yesterday."
BENGHAZI = "French warplanes struck Gaddafi's tanks near Benghazi on Saturday."


def corrections(project: Path, text: str) -> Path:
    path = project / "content" / "corrections.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def events_by_text(project: Path) -> dict:
    return {event.text: event for event in build(project, project / "output").chronology.events}


def test_suppressed_event_is_gone(news: Path):
    write_article(news, "a.md", "2011-03-19", f"{DARAA}\n\n{BENGHAZI}")
    corrections(news, f'[[correction]]\nid = "{events_by_text(news)[DARAA].id}"\nsuppress = true\n')
    assert list(events_by_text(news)) == [BENGHAZI]


def test_date_and_title_are_fixed(news: Path):
    write_article(news, "a.md", "2011-03-19", DARAA)
    event_id = events_by_text(news)[DARAA].id
    corrections(news, f'[[correction]]\nid = "{event_id}"\ndate = "15 March 2011"\ntitle = "Daraa protest shot at"\n')
    event = events_by_text(news)[DARAA]
    assert (event.id, event.span.value, event.title) == (event_id, "2011-03-15", "Daraa protest shot at")


def test_merge_folds_the_named_events_into_the_first(news: Path):
    write_article(news, "a.md", "2011-03-19", f"{DARAA}\n\n{BENGHAZI}")
    found = events_by_text(news)
    corrections(news, f'[[correction]]\nid = "{found[DARAA].id}"\nmerge = ["{found[BENGHAZI].id}"]\n')
    [event] = events_by_text(news).values()
    assert event.id == found[DARAA].id and event.span.value == "2011-03-18"
    assert len(event.sources) == 2 and [span.value for span in event.conflicts] == ["2011-03-19"]
    assert event.merges[-1].reason == "correction"


def test_corrections_survive_a_rebuild_with_a_new_article(news: Path):
    write_article(news, "a.md", "2011-03-19", DARAA)
    event_id = events_by_text(news)[DARAA].id
    corrections(news, f'[[correction]]\nid = "{event_id}"\ntitle = "Daraa protest shot at"\n')
    write_article(news, "b.md", "2011-03-18", "Security forces opened fire on protesters in Daraa today.")
    [event] = events_by_text(news).values()
    assert event.title == "Daraa protest shot at" and len(event.sources) == 2


def test_unknown_id_is_a_warning_naming_file_and_line(news: Path):
    write_article(news, "a.md", "2011-03-19", DARAA)
    path = corrections(news, '# fixes\n\n[[correction]]\nid = "000000000000"\nsuppress = true\n')
    chronology = build(news, news / "output").chronology
    [warning] = chronology.warnings
    assert (warning.path, warning.line, warning.severity) == (str(path), 3, "warning")
    assert "000000000000" in warning.message
    assert len(chronology.events) == 1


def test_bad_date_and_unknown_key_are_warnings(news: Path):
    write_article(news, "a.md", "2011-03-19", DARAA)
    event_id = events_by_text(news)[DARAA].id
    corrections(news, f'[[correction]]\nid = "{event_id}"\ndate = "soon"\nsupress = true\n')
    messages = [warning.message for warning in build(news, news / "output").chronology.warnings]
    assert any("'date' must be a date" in message for message in messages)
    assert any("unknown key 'supress'" in message for message in messages)


def test_invalid_toml_names_the_file_without_a_traceback(news: Path):
    write_article(news, "a.md", "2011-03-19", DARAA)
    corrections(news, "[[correction]\nid = 1\n")
    done = subprocess.run([sys.executable, "-m", "timeline", "build", "--project", str(news)],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "corrections.toml:1" in done.stderr and "Traceback" not in done.stderr


def test_malformed_corrections_are_messages_never_tracebacks(news: Path):
    write_article(news, "a.md", "2011-03-19", DARAA)
    event_id = events_by_text(news)[DARAA].id
    corrections(news, f'[[correction]]\nid = "{event_id}"\nmerge = 5\nsuppress = "yes"\n[fixes]\nx = 1\n')
    messages = [warning.message for warning in build(news, news / "output").chronology.warnings]
    assert any("'merge' must be a list" in message for message in messages)
    assert any("'suppress' must be true or false" in message for message in messages)
    assert any("unknown table 'fixes'" in message for message in messages)
    corrections(news, '[correction]\nid = "x"\n')
    [problem] = build(news, news / "output").chronology.warnings
    assert problem.severity == "error" and "[[correction]]" in problem.message


def test_corrections_never_reach_the_events_a_live_build_keeps_for_the_next_rebuild(news: Path):
    from timeline.build import collect
    from timeline.config import load_config
    from timeline.watch import SiteBuilder

    article = write_article(news, "a.md", "2011-03-19", f"{DARAA}\n\n{BENGHAZI}")
    found = events_by_text(news)
    path = corrections(news, f'[[correction]]\nid = "{found[DARAA].id}"\nmerge = ["{found[BENGHAZI].id}"]\n'
                             f'title = "Two reports"\ndate = "15 March 2011"\n')
    builder = SiteBuilder(news)

    def as_built() -> list[str]:
        return [repr(event) for event in builder.chronology.events]

    def fresh() -> list[str]:
        return [repr(event) for event in collect(load_config(news)).events]

    assert builder.build().ok
    assert as_built() == fresh() and len(builder.chronology.events) == 1
    for changed in (article, article):
        assert builder.build({changed}).ok
        assert as_built() == fresh()
    path.unlink()
    assert builder.build({path}).ok
    assert as_built() == fresh() and len(builder.chronology.events) == 2

"""The corpus of bad inputs in tests/data/bad-inputs: each file gets its diagnostic, the good article is published.

The symlink case is made at run time: git and copies do not keep symlinks faithfully.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from timeline.build import BuildResult, build

CORPUS = Path(__file__).resolve().parent / "data" / "bad-inputs"

# file name: (line, or None where no line applies; words of the message; severity)
EXPECTED = {
    "latin1.md": (2, "not valid UTF-8; read as Windows-1252", "warning"),
    "bom.md": (1, "byte-order mark", "info"),
    "crlf.md": (1, "Windows line endings", "info"),
    "malformed-yaml.md": (2, "invalid YAML front matter", "error"),
    "unknown-key.md": (2, "unknown metadata key 'titel' (did you mean 'title'?)", "warning"),
    "bad-date.md": (3, "publication date 'sometime soonish' is not a date", "error"),
    "no-date.md": (None, "no publication date", "warning"),
    "empty.md": (None, "empty file", "error"),
    "binary.md": (None, "binary file", "error"),
    "oversized.md": (None, "over the limit of 2,000", "error"),
    "duplicate_slug.md": (None, "same slug 'duplicate-slug'", "warning"),
    "outside-link.md": (None, "symlink to a file outside the project", "error"),
}


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory) -> BuildResult:
    """The corpus copied beside a file outside it, with a symlink to that file, built once."""
    root = tmp_path_factory.mktemp("bad-inputs")
    project = root / "project"
    shutil.copytree(CORPUS, project)
    secret = root / "secret.md"
    secret.write_text("---\ntitle: Secret\npublished: 2012-05-01\n---\nSecret talks on 2 May 2012.\n", encoding="utf-8")
    os.symlink(secret, project / "content" / "articles" / "outside-link.md")
    return build(project)


def _diagnostics_by_file(records: list[dict]) -> dict[str, list[tuple]]:
    found: dict[str, list[tuple]] = {}
    for record in records:
        found.setdefault(Path(record["path"]).name, []).append((record["line"], record["message"], record["severity"]))
    return found


def _matches(expected: tuple, reported: list[tuple]) -> bool:
    line, words, severity = expected
    return any(got[0] == line and words in got[1] and got[2] == severity for got in reported)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_gets_its_diagnostic(corpus_build: BuildResult, name: str):
    records = [{"path": d.path, "line": d.line, "message": d.message, "severity": d.severity}
               for d in corpus_build.chronology.warnings]
    reported = _diagnostics_by_file(records).get(name, [])
    assert _matches(EXPECTED[name], reported), f"{name}: {reported}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_diagnostic_is_in_the_warnings_of_events_json(corpus_build: BuildResult, name: str):
    published = json.loads((corpus_build.output / "events.json").read_text(encoding="utf-8"))["warnings"]
    assert _matches(EXPECTED[name], _diagnostics_by_file(published).get(name, []))


def test_the_good_and_the_readable_articles_are_still_published(corpus_build: BuildResult):
    events = json.loads((corpus_build.output / "events.json").read_text(encoding="utf-8"))["events"]
    dates = {event["date"]["value"] for event in events}
    assert {"2011-03-15", "2011-04-02", "2011-04-03", "2011-04-04"} <= dates
    assert "2012-05-02" not in dates, "the article behind the outside symlink is not published"


def test_files_without_a_problem_get_no_diagnostic(corpus_build: BuildResult):
    assert all(Path(d.path).name != "good.md" for d in corpus_build.chronology.warnings)

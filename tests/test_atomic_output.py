"""The output folder: user files survive rebuilds (unless --clean), and a killed build never harms the site."""

from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import sys
from pathlib import Path

from conftest import REPO, write_article
from serving import wait_until

from timeline.build import build
from timeline.site.manifest import MANIFEST, remove_leftovers

sys.path.insert(0, str(REPO / "benchmarks"))
from corpus import make_project

STATIC_FILES = 3000


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a digest of its content."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _leftovers(project: Path) -> list[Path]:
    return sorted(project.glob(".output.new-*")) + sorted(project.glob(".output.old-*"))


def _built_with_user_files(news: Path) -> Path:
    write_article(news, "a.md", "2011-03-20", "Protests began on 15 March 2011.")
    build(news)
    output = news / "output"
    (output / "CNAME").write_text("example.org\n", encoding="utf-8")
    (output / "notes").mkdir()
    (output / "notes" / "draft.txt").write_text("mine\n", encoding="utf-8")
    return output


def test_files_the_tool_did_not_write_survive_a_rebuild(news: Path):
    output = _built_with_user_files(news)
    build(news)
    assert (output / "CNAME").read_text(encoding="utf-8") == "example.org\n"
    assert (output / "notes" / "draft.txt").read_text(encoding="utf-8") == "mine\n"


def test_manifest_lists_what_the_build_wrote_and_nothing_of_the_users(news: Path):
    output = _built_with_user_files(news)
    build(news)
    written = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
    assert "index.html" in written and "events.json" in written
    assert "CNAME" not in written and "notes/draft.txt" not in written
    assert MANIFEST not in (output / "sitemap.xml").read_text(encoding="utf-8")


def test_a_file_an_earlier_build_wrote_is_not_carried_over(news: Path):
    output = _built_with_user_files(news)
    (output / "years").mkdir(exist_ok=True)
    (output / "years" / "1999.html").write_text("stale page", encoding="utf-8")
    manifest = output / MANIFEST
    manifest.write_text(json.dumps([*json.loads(manifest.read_text(encoding="utf-8")), "years/1999.html"]),
                        encoding="utf-8")
    build(news)
    assert not (output / "years" / "1999.html").exists()


def test_clean_deletes_files_the_tool_did_not_write(news: Path):
    output = _built_with_user_files(news)
    done = subprocess.run([sys.executable, "-m", "timeline", "build", "--clean", "--project", str(news)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert not (output / "CNAME").exists() and not (output / "notes").exists()
    assert (output / "index.html").exists()


def _slow_to_write(project: Path) -> Path:
    """A generated project whose theme has thousands of static files, so writing the site takes a while."""
    theme = project / "themes" / "heavy"
    (theme / "templates").mkdir(parents=True)
    (theme / "theme.toml").write_text('extends = "default"\n', encoding="utf-8")
    static = theme / "static" / "bulk"
    static.mkdir(parents=True)
    for number in range(STATIC_FILES):
        (static / f"{number:05d}.css").write_text(f"/* {number} */\n" * 200, encoding="utf-8")
    config = project / "timeline.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("[site]\n", '[site]\ntheme = "heavy"\n'),
                      encoding="utf-8")
    return project


def test_a_build_killed_midway_leaves_the_previous_site_intact(tmp_path: Path):
    project = _slow_to_write(make_project(tmp_path / "project", articles=30))
    build(project)
    before = _snapshot(project / "output")
    write_article(project, "new.md", "2012-01-02", "Talks resumed on 1 January 2012.")
    child = subprocess.Popen([sys.executable, "-m", "timeline", "build", "--no-cache", "--project", str(project)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: list(project.glob(".output.new-*")), "the build's staging folder", deadline=120)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    assert _snapshot(project / "output") == before
    assert _leftovers(project), "the killed build left its staging folder"
    build(project)
    assert not _leftovers(project)
    assert "2012-01-01" in (project / "output" / "events.json").read_text(encoding="utf-8")


def test_a_site_retired_by_a_build_killed_mid_swap_is_restored(tmp_path: Path):
    output = tmp_path / "output"
    retired = tmp_path / ".output.old-4194305-x1y2z3"
    retired.mkdir()
    (retired / "index.html").write_text("previous site", encoding="utf-8")
    remove_leftovers(output)
    assert (output / "index.html").read_text(encoding="utf-8") == "previous site"
    assert not retired.exists()

"""The output folder: user files survive rebuilds (unless --clean), and a killed build never harms the site."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, child_theme, write_article
from serving import wait_until

from timeline.build import build
from timeline.site import writer
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


def _files(output: Path) -> dict[str, tuple[int, int]]:
    """Every page of ``output`` (the manifest aside) by its inode and modification time."""
    return {path.relative_to(output).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
            for path in output.rglob("*") if path.is_file() and path.name != MANIFEST}


def test_a_rebuild_after_an_edit_keeps_the_pages_it_did_not_change_as_the_same_files(news: Path):
    write_article(news, "a.md", "2011-03-20", "Protests began on 15 March 2011.")
    edited = write_article(news, "b.md", "2013-08-22", "A chemical attack struck Ghouta on 21 August 2013.")
    build(news)
    before = _files(news / "output")
    edited.write_text(edited.read_text(encoding="utf-8") + "Inspectors arrived on 26 August 2013.\n", encoding="utf-8")
    build(news)
    after = _files(news / "output")
    assert after["about.html"] == before["about.html"] and after["404.html"] == before["404.html"]
    assert after["static/style.css"] == before["static/style.css"]
    assert after["index.html"] != before["index.html"] and after["events.json"] != before["events.json"]
    assert "Inspectors arrived" in (news / "output" / "index.html").read_text(encoding="utf-8")


def _file(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, kept", [
    ("abc déf", "abc déf", True),
    ("abc déf", "abc dég", False),
    ("abc déf", "abc dé", False),
    ("", "", True),
])
def test_a_written_file_gives_way_to_the_old_one_only_when_their_bytes_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, kept: bool,
):
    monkeypatch.setattr(writer, "COMPARED_BYTES", 2)  # compared in several reads
    previous = _file(tmp_path / "old" / "page.html", old)
    written = _file(tmp_path / "new" / "page.html", new)
    assert writer.keep_if_same(written, previous) is kept
    assert written.read_text(encoding="utf-8") == new
    assert (written.stat().st_ino == previous.stat().st_ino) is kept
    assert not list(written.parent.glob("*.same"))


def test_a_missing_old_file_or_a_link_the_user_put_in_its_place_is_not_kept(tmp_path: Path):
    written = _file(tmp_path / "new" / "page.html", "same")
    assert writer.keep_if_same(written, tmp_path / "old" / "page.html") is False
    real = _file(tmp_path / "real.html", "same")
    previous = tmp_path / "old" / "page.html"
    previous.parent.mkdir()
    previous.symlink_to(real)
    assert writer.keep_if_same(written, previous) is False
    assert not written.is_symlink() and written.stat().st_ino != real.stat().st_ino


def test_a_theme_file_that_overrides_one_the_old_site_shares_does_not_write_through_to_the_old_site(news: Path):
    """The default stylesheet, unchanged, is linked from the old site; the child theme's must replace the link,
    not write into the file the old site (still being served until the swap) holds."""
    write_article(news, "a.md", "2011-03-20", "Protests began on 15 March 2011.")
    build(news)
    served = news / "served-style.css"
    os.link(news / "output" / "static" / "style.css", served)
    default_style = served.read_text(encoding="utf-8")
    child_theme(news, "child", "body { color: teal; }\n")
    build(news)
    assert (news / "output" / "static" / "style.css").read_text(encoding="utf-8") == "body { color: teal; }\n"
    assert served.read_text(encoding="utf-8") == default_style


def test_with_a_memory_a_page_of_the_same_pieces_is_linked_without_being_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
):
    output, memory = tmp_path / "output", writer.PageMemory()
    writer.write_atomically([("a.html", ["<p>", "same"]), ("b.html", ["first"])], [], output, memory=memory)
    first = _files(output)
    compared = []
    real_keep = writer.keep_if_same
    monkeypatch.setattr(writer, "keep_if_same", lambda written, previous: compared.append(written.name)
                        or real_keep(written, previous))
    writer.write_atomically([("a.html", ["<p>", "same"]), ("b.html", ["second"])], [], output, memory=memory)
    assert compared == ["b.html"]
    assert _files(output)["a.html"] == first["a.html"]
    assert (output / "a.html").read_text(encoding="utf-8") == "<p>same"
    assert (output / "b.html").read_text(encoding="utf-8") == "second"


def test_with_a_memory_a_page_changed_in_the_output_by_hand_is_written_again(tmp_path: Path):
    output, memory = tmp_path / "output", writer.PageMemory()
    writer.write_atomically([("a.html", ["same"])], [], output, memory=memory)
    (output / "a.html").write_text("edited by hand", encoding="utf-8")
    writer.write_atomically([("a.html", ["same"])], [], output, memory=memory)
    assert (output / "a.html").read_text(encoding="utf-8") == "same"

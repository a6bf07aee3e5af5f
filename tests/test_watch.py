"""Watching and rebuilding: debounced bursts, and the ``build --watch`` and ``serve`` commands."""

from __future__ import annotations

import signal
import threading
from collections.abc import Collection, Iterator
from pathlib import Path

import pytest
from serving import Command, fetch, wait_until, write_article

from timeline.watch import RebuildLoop

QUIET = 0.3
IDLE = 3.0


class RecordingBuilder:
    """Stands in for :class:`SiteBuilder`: records what each build was told changed."""

    def __init__(self) -> None:
        self.builds: list[frozenset[Path]] = []
        self.started = threading.Event()
        self.release = threading.Event()
        self.release.set()
        self.tidied = 0

    def build(self, changed: Collection[Path] = ()) -> frozenset[Path]:
        self.started.set()
        self.release.wait()
        self.builds.append(frozenset(changed))
        return frozenset(changed)

    def tidy(self) -> None:
        self.tidied += 1


@pytest.fixture
def recorded() -> Iterator[tuple[RecordingBuilder, RebuildLoop, list[frozenset[Path]]]]:
    builder = RecordingBuilder()
    reports: list[frozenset[Path]] = []
    loop = RebuildLoop(builder, reports.append, quiet=QUIET, idle=IDLE)
    loop.start()
    yield builder, loop, reports
    builder.release.set()
    loop.stop()


def test_a_burst_of_changes_is_one_build(recorded):
    builder, loop, reports = recorded
    paths = [Path(f"article-{number}.md") for number in range(50)]
    for path in paths:
        loop.changed(path)
    wait_until(lambda: reports, "the build after the burst")
    assert builder.builds == [frozenset(paths)]


def test_the_builder_is_tidied_once_idle_after_a_build_and_not_between_changes(recorded):
    builder, loop, reports = recorded
    loop.changed(Path("first.md"))
    wait_until(lambda: reports, "the first build")
    assert builder.tidied == 0
    loop.changed(Path("second.md"))
    wait_until(lambda: len(reports) == 2, "the second build")
    assert builder.tidied == 0
    wait_until(lambda: builder.tidied == 1, "the tidying once idle")
    assert len(reports) == 2


def test_an_idle_loop_tidies_once_and_not_again_until_it_has_built():
    builder = RecordingBuilder()
    loop = RebuildLoop(builder, lambda report: None, quiet=0.05, idle=0.2)
    loop.start()
    try:
        wait_until(lambda: builder.tidied == 1, "the tidying of the first build")
        threading.Event().wait(0.8)
        assert builder.tidied == 1
        loop.changed(Path("first.md"))
        wait_until(lambda: builder.tidied == 2, "the tidying after the next build")
        assert len(builder.builds) == 1
    finally:
        loop.stop()


def test_a_change_during_a_build_is_built_after_it(recorded):
    builder, loop, reports = recorded
    builder.release.clear()
    loop.changed(Path("first.md"))
    wait_until(builder.started.is_set, "the first build to start")
    loop.changed(Path("second.md"))
    builder.release.set()
    wait_until(lambda: len(reports) == 2, "the second build")
    assert builder.builds == [frozenset({Path("first.md")}), frozenset({Path("second.md")})]


def test_changes_that_never_pause_are_built_once_the_first_has_waited_the_longest():
    """A file written every 20 ms never leaves the quiet period it needs; the first change's age bounds the wait."""
    builder = RecordingBuilder()
    loop = RebuildLoop(builder, lambda report: None, quiet=QUIET, idle=IDLE, longest=1.0)
    loop.start()
    try:
        for number in range(500):
            if builder.builds:
                break
            loop.changed(Path(f"log-{number}.txt"))
            threading.Event().wait(0.02)
        assert builder.builds, "no build while the changes went on"
        assert 20 <= len(builder.builds[0]) < 500
    finally:
        loop.stop()


def test_build_watch_rebuilds_the_output_after_an_edit(project: Path):
    write_article(project, "homs.md", "The army entered Homs on 4 February 2012.")
    command = Command("build", "--watch", "--project", str(project))
    try:
        command.wait_for_line(r"^Watching ")
        write_article(project, "homs.md", "A ceasefire in Homs began on 9 May 2012.")
        index = project / "output" / "index.html"
        wait_until(lambda: "ceasefire in Homs" in index.read_text(encoding="utf-8"), "the rebuilt index.html")
        assert "__timeline" not in index.read_text(encoding="utf-8")
        assert command.interrupt() == 130
    finally:
        command.kill()


def test_build_watch_clean_deletes_what_timeline_did_not_write_on_each_build(project: Path):
    write_article(project, "homs.md", "The army entered Homs on 4 February 2012.")
    stray = project / "output" / "draft.html"
    stray.parent.mkdir(parents=True)
    stray.write_text("mine", encoding="utf-8")
    command = Command("build", "--watch", "--clean", "--project", str(project))
    try:
        command.wait_for_line(r"^Watching ")
        assert not stray.exists()
        stray.write_text("mine", encoding="utf-8")
        write_article(project, "homs.md", "A ceasefire in Homs began on 9 May 2012.")
        index = project / "output" / "index.html"
        wait_until(lambda: "ceasefire in Homs" in index.read_text(encoding="utf-8"), "the rebuilt index.html")
        assert not stray.exists()
        assert command.interrupt() == 130
    finally:
        command.kill()


def test_serve_prints_its_address_and_stops_on_ctrl_c(project: Path):
    command = Command("serve", "--project", str(project), "--port", "0")
    try:
        url = command.wait_for_line(r"^Serving (http://127\.0\.0\.1:\d+/)").group(1)
        assert fetch(url, "/").status == 200
        assert command.interrupt() == 130
    finally:
        command.kill()


@pytest.mark.parametrize("command", [("serve", "--port", "0"), ("build", "--watch")])
def test_sigterm_stops_serve_and_watch_as_ctrl_c_does(project: Path, command: tuple[str, ...]):
    """A service manager's stop goes through the same orderly shutdown; 143 is the shell's code for it."""
    running = Command(*command, "--project", str(project))
    try:
        running.wait_for_line(r"^(Serving|Watching) ")
        running.process.send_signal(signal.SIGTERM)
        assert running.process.wait(timeout=30) == 143
    finally:
        running.kill()


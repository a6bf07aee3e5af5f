"""Extraction across processes and on Dask: the same site whatever runs it, and the cache still filled."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from conftest import make_site_project
from timeline.build import build, collect, in_processes
from timeline.cli import main
from timeline.config import load_config
import timeline.watch
from timeline.watch import SiteBuilder


def events_json_without_stamp(output: Path) -> dict:
    data = json.loads((output / "events.json").read_text(encoding="utf-8"))
    data.pop("generated")
    return data


def test_events_json_is_identical_with_one_or_two_processes(tmp_path: Path):
    project = make_site_project(tmp_path / "project")
    outputs = {}
    for jobs in ("1", "2"):
        outputs[jobs] = tmp_path / f"output-{jobs}"
        assert main(["build", "--project", str(project), "--no-cache", "--jobs", jobs,
                     "--output", str(outputs[jobs])]) == 0
    one, two = (events_json_without_stamp(outputs[jobs]) for jobs in ("1", "2"))
    assert one["events"]
    assert one == two
    assert (outputs["1"] / "index.html").read_bytes() == (outputs["2"] / "index.html").read_bytes()


def test_a_parallel_build_fills_the_cache_the_next_build_reads(tmp_path: Path, request: pytest.FixtureRequest):
    project = make_site_project(tmp_path / "project")
    build(project, mapper=in_processes(2))
    processed = request.getfixturevalue("processed")  # counts from here: the worker processes cannot report
    build(project)
    assert processed == []


def test_jobs_below_one_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit):
        main(["build", "--project", str(tmp_path), "--jobs", "0"])
    assert "number of processes" in capsys.readouterr().err


def test_dask_bag_feeds_the_same_chronology_as_a_local_build(tmp_path: Path):
    pytest.importorskip("dask.bag", reason="dask is an optional extra: pip install 'timeline[dask]'")
    from timeline.distributed import on_dask

    config = load_config(make_site_project(tmp_path / "project"))
    local = collect(config)
    distributed = collect(config, mapper=on_dask(partitions=2, scheduler="processes"))
    assert [event.id for event in local.events]
    assert distributed.events == local.events
    assert distributed.out_of_range == local.out_of_range
    assert distributed.warnings == local.warnings


def test_a_live_builder_uses_its_processes_only_while_it_is_the_only_thread(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch,
                                                                           request: pytest.FixtureRequest):
    """The first build of ``timeline serve`` or ``build --watch`` runs before their threads start; later
    ones, with the watcher and the server running, stay in this process."""
    pools: list[int] = []
    monkeypatch.setattr(timeline.watch, "in_processes", lambda jobs: pools.append(jobs) or in_processes(jobs))
    project = make_site_project(tmp_path / "project")
    builder = SiteBuilder(project, jobs=2)
    assert builder.build().ok
    assert pools == [2]
    processed = request.getfixturevalue("processed")  # counts from here: the worker processes cannot report
    article = sorted((project / "content" / "articles").glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\n\nTalks resumed on 3 March 2012.\n", encoding="utf-8")
    running = threading.Event()
    other = threading.Thread(target=running.wait)
    other.start()
    try:
        assert builder.build({article.resolve()}).ok
    finally:
        running.set()
        other.join()
    assert pools == [2]
    assert [path.name for path in processed] == [article.name]


def test_the_first_build_of_a_live_build_runs_before_any_thread_so_it_uses_processes(tmp_path: Path,
                                                                                    monkeypatch: pytest.MonkeyPatch):
    pools: list[int] = []
    monkeypatch.setattr(timeline.watch, "in_processes", lambda jobs: pools.append(jobs) or in_processes(jobs))
    reports = []
    live = timeline.watch.LiveBuild(make_site_project(tmp_path / "project"), reports.append, jobs=2)
    live.start()
    try:
        assert [report.ok for report in reports] == [True]
    finally:
        live.stop()
    assert pools == [2]

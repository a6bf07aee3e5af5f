"""Extraction across processes and on Dask: the same site whatever runs it, and the cache still filled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import make_site_project
from timeline.build import build, collect, in_processes
from timeline.cli import main
from timeline.config import load_config


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

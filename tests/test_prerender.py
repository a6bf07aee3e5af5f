"""Fragments rendered ahead across processes: the site is the same, and another process really rendered its share."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

import timeline.site.prerender as prerender
from conftest import make_site_project
from timeline.build import build, collect
from timeline.config import load_config
from timeline.errors import ContentError
from timeline.site import render_site
from timeline.site.exports.registry import page_pieces
from timeline.site.fragments import FragmentCache
from timeline.site.pages import generate_pages
from timeline.site.prerender import Render, plan_shares, prerender_fragments
from timeline.site.themes import resolve_theme
from timeline.watch import SiteBuilder

GENERATED = datetime(2024, 12, 25, 12, 0, 0, tzinfo=timezone.utc)


@pytest.fixture
def every_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Prerender chronologies of any size: the fixture's is far below what is worth forking for."""
    monkeypatch.setattr(prerender, "PRERENDER_FROM", 0)


def site_render(project: Path, fragments: FragmentCache) -> Render:
    config = load_config(project)
    return Render(collect(config), config, resolve_theme(config.theme, config.root), "", GENERATED, fragments)


def rendered_site(render: Render, fragments: FragmentCache) -> dict[str, str]:
    pages = generate_pages(render.chronology, render.config, render.theme, render.about_html, fragments, GENERATED)
    return {name: "".join(page_pieces(page)) for name, page in pages}


def test_a_prerendered_site_is_byte_for_byte_a_fresh_one_and_renders_no_card_again(tmp_path: Path, every_size: None):
    project = make_site_project(tmp_path / "project", many_events=1)
    fresh = FragmentCache()
    render = site_render(project, fresh)
    expected = rendered_site(render, fresh)
    fragments = FragmentCache()
    adopted = prerender_fragments(render._replace(fragments=fragments), jobs=2)
    assert adopted > len(render.chronology.events)
    assert rendered_site(render, fragments) == expected
    assert fragments.rendered["card"] == 0 and fragments.rendered["source-entry"] == 0
    assert any(name.startswith("years/") for name in expected)


def test_the_other_share_is_rendered_by_another_process(tmp_path: Path, every_size: None,
                                                       monkeypatch: pytest.MonkeyPatch):
    """This process renders none of its share, so every card it need not render came from the forked one."""
    parent = os.getpid()
    share_fragments = prerender.share_fragments
    monkeypatch.setattr(prerender, "share_fragments",
                        lambda render, share: (b"", {}, {}) if os.getpid() == parent else share_fragments(render, share))
    project = make_site_project(tmp_path / "project", many_events=1)
    fragments = FragmentCache()
    render = site_render(project, fragments)
    shares = plan_shares(render.chronology, 2)
    assert prerender_fragments(render, jobs=2) > 0
    rendered_site(render, fragments)
    assert fragments.rendered["card"] == len(shares[0].events) + len(render.chronology.out_of_range)
    assert 0 < len(shares[0].events) < len(render.chronology.events)


def test_shares_are_runs_of_years_and_articles_covering_the_chronology(tmp_path: Path):
    chronology = collect(load_config(make_site_project(tmp_path / "project")))
    shares = plan_shares(chronology, 3)
    assert len(shares) > 1
    assert [event for share in shares for event in share.events] == chronology.events
    years = [sorted({event.span.begin.year for event in share.events}) for share in shares]
    assert all(run and later and run[-1] < later[0] for run, later in zip(years, years[1:]))
    assert [article for share in shares for article in share.articles] == chronology.articles
    assert [share.out_of_range for share in shares] == [chronology.out_of_range] + [[]] * (len(shares) - 1)
    for share in shares:
        names = {article.name for article in share.articles}
        assert share.reported == [event for event in chronology.events
                                  if any(source.path in names for source in event.sources)]
        assert share.reported_out_of_range == [event for event in chronology.out_of_range
                                               if any(source.path in names for source in event.sources)]


def test_a_warm_cache_or_a_single_job_prerenders_nothing(tmp_path: Path, every_size: None):
    project = make_site_project(tmp_path / "project", many_events=1)
    fragments = FragmentCache()
    render = site_render(project, fragments)
    assert prerender_fragments(render, jobs=1) == 0
    rendered_site(render, fragments)
    assert prerender_fragments(render, jobs=2) == 0


def test_without_fork_the_render_does_all_the_work(tmp_path: Path, every_size: None, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(prerender.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    project = make_site_project(tmp_path / "project", many_events=1)
    fragments = FragmentCache()
    assert prerender_fragments(site_render(project, fragments), jobs=2) == 0


def test_a_template_error_in_a_share_is_reported_by_the_render_that_writes(tmp_path: Path, every_size: None):
    project = make_site_project(tmp_path / "project", many_events=1)
    templates = project / "templates"
    templates.mkdir()
    macros = (Path(prerender.__file__).resolve().parent.parent.parent / "themes" / "default" / "templates"
              / "macros.html").read_text(encoding="utf-8")
    (templates / "macros.html").write_text(macros.replace("{{ event_text(event) }}", "{{ event_text(event) }}{{ no_such_variable }}"),
                                           encoding="utf-8")
    config = load_config(project)
    with pytest.raises(ContentError) as raised:
        render_site(collect(config), config, project / "output", jobs=2)
    assert "macros.html" in str(raised.value)
    assert not (project / "output").exists()


def test_timeline_build_with_two_jobs_writes_the_site_one_job_writes(tmp_path: Path, every_size: None):
    project = make_site_project(tmp_path / "project", many_events=1)
    one, two = tmp_path / "one", tmp_path / "two"
    build(project, one, use_cache=False, jobs=1)
    build(project, two, use_cache=False, jobs=2)
    pages = sorted(path.relative_to(one) for path in one.rglob("*.html"))
    assert pages and pages == sorted(path.relative_to(two) for path in two.rglob("*.html"))
    assert all((one / page).read_bytes() == (two / page).read_bytes() for page in pages)


def test_the_first_live_build_renders_its_fragments_across_processes(tmp_path: Path, every_size: None):
    project = make_site_project(tmp_path / "project", many_events=1)
    builder = SiteBuilder(project, jobs=2)
    assert builder.build().ok
    assert builder.fragments.rendered["card"] == 0
    assert all(isinstance(text, str) for text in builder.fragments.kept.values())
    fresh = tmp_path / "fresh"
    build(project, fresh, use_cache=False)
    pages = sorted(path.relative_to(fresh) for path in fresh.rglob("*.html"))
    assert pages and all((project / "output" / page).read_bytes() == (fresh / page).read_bytes() for page in pages)

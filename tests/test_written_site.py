"""A build from the inputs of the last one leaves the site it wrote in place, and writes again on any change
to those inputs or to the written files (counted by the renders run, checked on the files)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import timeline.build
from conftest import make_site_project
from timeline.build import build
from timeline.watch import SiteBuilder

DEFAULT_THEME = Path(__file__).resolve().parent.parent / "themes" / "default"


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The output folders the builds rendered a site into, in order."""
    seen: list[Path] = []
    real = timeline.build.render_site

    def counting(chronology, config, output, *args, **options):
        seen.append(output)
        return real(chronology, config, output, *args, **options)

    monkeypatch.setattr(timeline.build, "render_site", counting)
    return seen


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_site_project(tmp_path / "project")


def test_a_build_from_unchanged_inputs_leaves_the_site_in_place(project: Path, renders: list[Path]):
    first = build(project)
    index = project / "output" / "index.html"
    written = index.stat().st_ctime_ns
    second = build(project)
    assert len(renders) == 1
    assert second.pages == first.pages > 0
    assert index.stat().st_ctime_ns == written
    assert len(second.chronology.events) == len(first.chronology.events)


def change_the_output(output: Path, change: str) -> None:
    if change == "removed":
        (output / "index.html").unlink()
    elif change == "edited":
        page = output / "about.html"
        page.write_text(page.read_text(encoding="utf-8") + "<!-- by hand -->", encoding="utf-8")
    elif change == "added":
        (output / "CNAME").write_text("timeline.example.org", encoding="utf-8")
    else:
        shutil.rmtree(output)


@pytest.mark.parametrize("change", ["removed", "edited", "added", "folder removed"])
def test_a_site_changed_on_disk_is_written_again(project: Path, renders: list[Path], change: str):
    build(project)
    expected = (project / "output" / "index.html").read_bytes()
    change_the_output(project / "output", change)
    build(project)
    assert len(renders) == 2
    assert (project / "output" / "index.html").read_bytes() == expected
    assert "by hand" not in (project / "output" / "about.html").read_text(encoding="utf-8")


def change_an_input(project: Path, change: str) -> None:
    if change == "template":
        (project / "templates").mkdir(exist_ok=True)
        base = (DEFAULT_THEME / "templates" / "base.html").read_text(encoding="utf-8")
        (project / "templates" / "base.html").write_text(base.replace("</body>", "<!-- footer --></body>"),
                                                        encoding="utf-8")
    elif change == "theme static file":
        shutil.copytree(DEFAULT_THEME, project / "themes" / "default")
        style = project / "themes" / "default" / "static" / "style.css"
        style.write_text(style.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
    elif change == "about page":
        about = project / "content" / "about.md"
        about.parent.mkdir(parents=True, exist_ok=True)
        about.write_text("# About\n\nA page edited since.\n", encoding="utf-8")
    else:
        article = sorted((project / "content" / "articles").glob("*.md"))[0]
        article.write_text(article.read_text(encoding="utf-8").replace("2011", "2012", 1), encoding="utf-8")


@pytest.mark.parametrize("change", ["template", "theme static file", "about page", "article"])
def test_any_changed_input_writes_the_site_again(project: Path, renders: list[Path], change: str):
    build(project)
    change_an_input(project, change)
    build(project)
    assert len(renders) == 2
    fresh = project.parent / "fresh"
    build(project, fresh, use_cache=False)
    assert (project / "output" / "index.html").read_bytes() == (fresh / "index.html").read_bytes()
    assert (project / "output" / "about.html").read_bytes() == (fresh / "about.html").read_bytes()
    assert (project / "output" / "static" / "style.css").read_bytes() == (fresh / "static" / "style.css").read_bytes()


def test_another_output_folder_a_clean_build_or_a_served_site_is_written_again(project: Path, renders: list[Path]):
    build(project)
    build(project, project.parent / "elsewhere")
    assert len(renders) == 2
    build(project, clean=True)
    assert len(renders) == 3
    assert SiteBuilder(project).build().ok
    build(project)
    assert len(renders) == 4

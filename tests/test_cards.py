"""Event cards are rendered once and reused, and the pages are byte for byte those of a fresh render."""

from __future__ import annotations

from pathlib import Path

from conftest import make_site_project
from timeline.build import build
from timeline.watch import SiteBuilder

THEME_MACROS = Path(__file__).resolve().parent.parent / "themes" / "default" / "templates" / "macros.html"


def pages(output: Path) -> dict[str, bytes]:
    return {path.relative_to(output).as_posix(): path.read_bytes() for path in sorted(output.rglob("*.html"))}


def edit_first_article(project: Path) -> None:
    article = sorted((project / "content" / "articles").glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8").replace("2011", "2012", 1), encoding="utf-8")


def test_a_rebuild_with_kept_cards_writes_the_pages_a_fresh_build_writes(tmp_path: Path):
    project = make_site_project(tmp_path / "project", many_events=1)
    builder = SiteBuilder(project)
    assert builder.build().ok
    edit_first_article(project)
    assert builder.build({sorted((project / "content" / "articles").glob("*.md"))[0]}).ok
    fresh = tmp_path / "fresh"
    build(project, fresh, use_cache=False)
    assert pages(project / "output") == pages(fresh)
    assert any(name.startswith("years/") for name in pages(fresh))


def test_an_edited_card_macro_renders_every_card_anew(tmp_path: Path):
    project = make_site_project(tmp_path / "project")
    builder = SiteBuilder(project)
    assert builder.build().ok
    templates = project / "templates"
    templates.mkdir()
    macros = THEME_MACROS.read_text(encoding="utf-8").replace('<span class="badge">curated</span>',
                                                              '<span class="badge">editor</span>')
    (templates / "macros.html").write_text(macros, encoding="utf-8")
    assert builder.build({templates / "macros.html"}).ok
    index = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert '<span class="badge">editor</span>' in index
    assert '<span class="badge">curated</span>' not in index

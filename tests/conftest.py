"""Shared fixtures: the repository's own files and the evaluation data beside it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_f83314dcd81aa13d.txt"
GOLD = Path(__file__).resolve().parent / "data" / "000_f83314dcd81aa13d.gold.json"
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small project on disk: the seed article with its sidecar, and a config with the demo range."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / SEED.name).write_bytes(SEED.read_bytes())
    sidecar = SEED.with_name(SEED.stem + ".meta.toml")
    (tmp_path / "seeds" / sidecar.name).write_bytes(sidecar.read_bytes())
    (tmp_path / "timeline.toml").write_text(
        '[site]\ntitle = "Test"\nrange_begin = 2010-12-01\nrange_end = 2024-12-31\n', encoding="utf-8")
    return tmp_path


def write_article(root: Path, name: str, published: str, body: str, title: str = "Report") -> Path:
    """A Markdown article under ``content/articles`` of the project at ``root``."""
    path = root / "content" / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {title}\npublished: {published}\nsource: Wire\n---\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def news(tmp_path: Path) -> Path:
    """An empty project with the demo range, for tests that write their own articles."""
    (tmp_path / "timeline.toml").write_text(
        '[site]\ntitle = "News"\nrange_begin = 2010-12-01\nrange_end = 2024-12-31\n', encoding="utf-8")
    return tmp_path


SITE = Path(__file__).resolve().parent / "data" / "site"


def make_site_project(target: Path, **site_settings: object) -> Path:
    """The small site fixture (three articles, a curated event, two eras) with ``[site]`` keys added."""
    shutil.copytree(SITE, target)
    if site_settings:
        config = target / "timeline.toml"
        extra = "".join(f"{key} = {json.dumps(value)}\n" for key, value in site_settings.items())
        config.write_text(config.read_text(encoding="utf-8").replace("[site]\n", "[site]\n" + extra), encoding="utf-8")
    return target


def exports(output: Path) -> dict[str, str]:
    """The exports without the lines that carry the build's own time."""
    stamped = re.compile(r'"generated":"[^"]*"|DTSTAMP:\S+|<updated>[^<]*</updated>')
    return {path.name: stamped.sub("", path.read_text(encoding="utf-8"))
            for path in sorted(output.iterdir()) if path.suffix in {".json", ".csv", ".ics", ".xml"}}


def pages(output: Path) -> dict[str, bytes]:
    return {path.relative_to(output).as_posix(): path.read_bytes() for path in sorted(output.rglob("*.html"))}


def child_theme(project: Path, name: str, stylesheet: str) -> Path:
    """A theme of the project's own that extends the default and overrides its stylesheet, put in use;
    returns the stylesheet's path."""
    theme = project / "themes" / name
    (theme / "static").mkdir(parents=True)
    (theme / "templates").mkdir()
    (theme / "theme.toml").write_text('extends = "default"\n', encoding="utf-8")
    (theme / "static" / "style.css").write_text(stylesheet, encoding="utf-8")
    config = project / "timeline.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("[site]\n", f'[site]\ntheme = "{name}"\n', 1),
                      encoding="utf-8")
    return theme / "static" / "style.css"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site fixture built once with the default theme; tests only read its output."""
    from timeline.build import build

    project = make_site_project(tmp_path_factory.mktemp("site") / "project")
    build(project)
    return project / "output"


@pytest.fixture
def processed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The articles the builds read and tag, in order: counts what a rebuild really re-processes."""
    import timeline.build

    calls: list[Path] = []
    original = timeline.build.process_article

    def counting(path: Path, root: Path, language: str = "en", **options: object):
        calls.append(path)
        return original(path, root, language, **options)

    monkeypatch.setattr(timeline.build, "process_article", counting)
    return calls

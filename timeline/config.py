"""Site configuration from ``timeline.toml``; every key has a default."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.errors import ContentError
from timeline.tomlfile import read_toml

CONFIG_FILE = "timeline.toml"


@dataclass(frozen=True)
class SiteConfig:
    """What a project asks of a build; a folder holding only articles gets the defaults."""

    root: Path
    title: str = "Timeline"
    description: str = ""
    range_begin: date = date(1, 1, 1)
    range_end: date = date(9999, 12, 31)
    theme: str = "default"
    url: str = ""
    many_events: int = 150
    highlights_per_year: int = 0
    article_dirs: tuple[str, ...] = ("seeds", "content/articles")
    events_dir: str = "content/events"
    eras_file: str = "content/eras.toml"
    corrections_file: str = "content/corrections.toml"
    about_file: str = "content/about.md"
    language: str = "en"
    output: str = "output"
    max_article_bytes: int = 5_000_000

    @property
    def output_dir(self) -> Path:
        return self.root / self.output


def _date_key(data: dict, key: str, default: date, path: Path) -> date:
    raw = data.get(key)
    if raw is None:
        return default
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise ContentError(path, f"'{key}' must be a date like 2010-12-01, not {raw!r}") from None


def load_config(root: Path) -> SiteConfig:
    """Read ``timeline.toml`` under ``root`` (if any) into a :class:`SiteConfig`.

    A project folder that does not exist is an error, not an empty project: a
    mistyped ``--project`` must not create an output folder somewhere new.
    """
    root = root.resolve()
    if not root.is_dir():
        raise ContentError(root, "no such project folder")
    path = root / CONFIG_FILE
    if not path.exists():
        return SiteConfig(root=root)
    data = read_toml(path)
    site = data.get("site", data)
    paths = data.get("paths", {})
    defaults = SiteConfig(root=root)
    return SiteConfig(
        root=root,
        title=str(site.get("title", defaults.title)),
        description=str(site.get("description", defaults.description)),
        range_begin=_date_key(site, "range_begin", defaults.range_begin, path),
        range_end=_date_key(site, "range_end", defaults.range_end, path),
        theme=str(site.get("theme", defaults.theme)),
        url=str(site.get("url", defaults.url)),
        many_events=int(site.get("many_events", defaults.many_events)),
        highlights_per_year=int(site.get("highlights_per_year", defaults.highlights_per_year)),
        language=str(site.get("language", defaults.language)),
        article_dirs=tuple(paths.get("articles", defaults.article_dirs)),
        events_dir=str(paths.get("events", defaults.events_dir)),
        eras_file=str(paths.get("eras", defaults.eras_file)),
        corrections_file=str(paths.get("corrections", defaults.corrections_file)),
        about_file=str(paths.get("about", defaults.about_file)),
        output=str(paths.get("output", defaults.output)),
        max_article_bytes=int(data.get("build", {}).get("max_article_bytes", defaults.max_article_bytes)),
    )

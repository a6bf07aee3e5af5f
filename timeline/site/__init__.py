"""Site: the chronology rendered through a Jinja2 theme, plus the exports.

:func:`render_pages` returns the pages as text (the dev server and the tests use
that); :func:`render_site` also writes them, atomically.
"""

from __future__ import annotations

import sys
import traceback
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import nh3
from markupsafe import Markup, escape

from timeline.config import SiteConfig
from timeline.errors import ContentError
from timeline.events import relative_path
from timeline.model import Chronology, Event
from timeline.site.exports import events_json
from timeline.site.themes import make_environment, resolve_theme
from timeline.site.writer import write_atomically
from timeline.tagger.timex import display


@dataclass
class Year:
    year: int
    events: list[Event] = field(default_factory=list)


def by_year(events: list[Event]) -> list[Year]:
    years: OrderedDict[int, Year] = OrderedDict()
    for event in events:
        years.setdefault(event.span.begin.year, Year(event.span.begin.year)).events.append(event)
    return list(years.values())


def marked_text(event: Event) -> Markup:
    """The event's sentence, escaped, with the date expression it was dated by in ``<mark>``."""
    if not event.mark:
        return escape(event.text)
    start, end = event.mark
    text = event.text
    return escape(text[:start]) + Markup("<mark>") + escape(text[start:end]) + Markup("</mark>") + escape(text[end:])


def sanitise(html: str) -> Markup:
    """Article HTML from Markdown, with scripts, handlers and unsafe URLs removed."""
    return Markup(nh3.clean(html, url_schemes={"http", "https", "mailto"}))


def _context(chronology: Chronology, config: SiteConfig, about_html: str) -> dict:
    events = chronology.events
    return {
        "site": config,
        "chronology": chronology,
        "years": by_year(events),
        "eras": chronology.eras,
        "tags": sorted({tag for event in events for tag in event.tags}),
        "outlets": sorted({s.source for event in events for s in event.sources if s.source}),
        "about_html": sanitise(about_html),
        "articles": chronology.articles,
        "events_by_article": _events_by_article(events + chronology.out_of_range),
        "relative": lambda article: relative_path(article.path, config.root),
    }


def _events_by_article(events: list[Event]) -> dict[str, list[Event]]:
    found: dict[str, list[Event]] = {}
    for event in events:
        for path in dict.fromkeys(source.path for source in event.sources):
            found.setdefault(path, []).append(event)
    return found


PAGES = {"index.html": "index.html", "about.html": "about.html", "sources.html": "sources.html", "404.html": "404.html"}


def render_pages(chronology: Chronology, config: SiteConfig, about_html: str = "") -> tuple[dict[str, str], list[Path]]:
    """Every page of the site as text, and the static folders to copy (most specific first)."""
    theme = resolve_theme(config.theme, config.root)
    environment = make_environment(theme, config.root)
    environment.filters.update(display=display, marked=marked_text)
    context = _context(chronology, config, about_html)
    pages = {}
    for output_name, template_name in PAGES.items():
        pages[output_name] = _render(environment, template_name, context)
    pages["events.json"] = events_json(chronology)
    return pages, theme.static_dirs


def _render(environment: jinja2.Environment, name: str, context: dict) -> str:
    try:
        return environment.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as error:
        raise ContentError(error.filename or name, f"template error: {error.message}", error.lineno) from None
    except jinja2.TemplateNotFound as error:
        raise ContentError(name, f"template not found: {error.name}") from None
    except jinja2.TemplateError as error:
        filename, line = _template_frame(name)
        raise ContentError(filename, f"template error: {error}", line) from None


def _template_frame(name: str) -> tuple[str, int | None]:
    """Jinja2 rewrites tracebacks so template frames carry the template's file and line."""
    frames = traceback.extract_tb(sys.exc_info()[2])
    for frame in reversed(frames):
        if frame.filename.endswith((".html", ".xml", ".txt")):
            return frame.filename, frame.lineno
    return name, None


def render_site(chronology: Chronology, config: SiteConfig, output: Path, about_html: str = "") -> int:
    """Render and write the site; returns the number of pages written."""
    pages, static_dirs = render_pages(chronology, config, about_html)
    write_atomically(pages, static_dirs, output)
    return len(pages)

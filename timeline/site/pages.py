"""The site's pages: each file of the site rendered through the theme, one at a time, in pieces."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from datetime import datetime

import jinja2

from timeline.config import SiteConfig
from timeline.errors import ContentError
from timeline.model import Chronology
from timeline.site.context import FILTERS, Year, site_context
from timeline.site.exports import Page, generate_exports
from timeline.site.fragments import FragmentCache
from timeline.site.sitemap import sitemap_xml
from timeline.site.themes import Theme, make_environment

TOP_PAGES = ("index.html", "about.html", "sources.html", "404.html")


def generate_pages(chronology: Chronology, config: SiteConfig, theme: Theme, about_html: str = "",
                   fragments: FragmentCache | None = None, generated: datetime | None = None) -> Iterator[tuple[str, Page]]:
    """Each file of the site, by name, one at a time, its templates' output as pieces in the order the
    template makes them: a writer holds no page whole, the largest of which (the index of a big
    chronology) runs to tens of megabytes. A page must be consumed before the next is asked for.
    ``generated`` is the build's time, which the exports show (default: now)."""
    environment = make_environment(theme, config.root)
    environment.filters.update(FILTERS)
    fragments = fragments or FragmentCache()
    fragments.start(environment)
    environment.globals["card"] = fragments.card
    environment.globals["fragment"] = fragments.template_fragment
    context = site_context(chronology, config, about_html)
    years = [year for year in context["years"] if year.page]
    for name in TOP_PAGES:
        yield name, _stream(environment, name, {**context, "root": _root_of(name, config)})
    for year in years:
        neighbours = _neighbours(year, context["years"])
        yield year.page, _stream(environment, "year.html",
                                 {**context, **neighbours, "year": year, "root": _root_of(year.page, config)})
    yield "sitemap.xml", sitemap_xml([*TOP_PAGES, *(year.page for year in years)], config.url)
    yield from generate_exports(chronology, config, generated, fragments)
    fragments.finish()


def _root_of(name: str, config: SiteConfig) -> str:
    """Links are relative so the site works from any sub-path and from ``file://``.

    The 404 page is served at whatever address was missing, so only the site's
    own address (when configured) can lead back from there.
    """
    if name == "404.html" and config.url:
        return config.url.rstrip("/") + "/"
    return "../" * name.count("/")


def _neighbours(year: Year, years: list[Year]) -> dict[str, Year | None]:
    at = years.index(year)
    return {"previous_year": years[at - 1] if at > 0 else None,
            "next_year": years[at + 1] if at + 1 < len(years) else None}


def _stream(environment: jinja2.Environment, name: str, context: dict) -> Iterator[str]:
    """The template's output piece by piece; template errors, raised as the pieces are made, name the
    template file and line. So does an expression of the template that fails in Python ('{{ title + 1 }}'
    is a TypeError): an error with a template's line in its traceback is that template's."""
    try:
        yield from environment.get_template(name).generate(context)
    except jinja2.TemplateSyntaxError as error:
        raise ContentError(error.filename or name, f"template error: {error.message}", error.lineno) from None
    except jinja2.TemplateNotFound as error:
        raise ContentError(name, f"template not found: {error.name}") from None
    except jinja2.TemplateError as error:
        filename, line = _template_frame(name)
        raise ContentError(filename, f"template error: {error}", line) from None
    except ContentError:
        raise
    except Exception as error:
        filename, line = _template_frame(name)
        if line is None:
            raise
        raise ContentError(filename, f"template error: {type(error).__name__}: {error}", line) from None


def _template_frame(name: str) -> tuple[str, int | None]:
    """Jinja2 rewrites tracebacks so template frames carry the template's file and line."""
    frames = traceback.extract_tb(sys.exc_info()[2])
    for frame in reversed(frames):
        if frame.filename.endswith((".html", ".xml", ".txt")):
            return frame.filename, frame.lineno
    return name, None

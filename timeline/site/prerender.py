"""Fragments rendered ahead on every core, so that a build with none kept renders in a fraction of the time.

Rendering a big chronology afresh is mostly rendering its fragments (:mod:`timeline.site.fragments`):
every card, every event's piece of every export, every article's entry on the sources page. A fragment
is a function of its events and its kind alone, so any process can render it, and it comes out the same.
The chronology is cut into *shares*: runs of years of about as many events each, and runs of articles.
Each share's pages are rendered, for their fragments only, by one process (this one takes the first):
the site of the share's years, and the sources page of the share's articles. The fragments go to the
build's fragment cache, and the render that writes the site then finds nearly all of them made; what a
share could not make as the whole site makes it (a band whose era began in an earlier share's years)
is rendered there as usual. The written site is the same whatever the number of processes.

The other processes are forked, so that they start with the chronology in memory rather than
receiving it pickled. Where forking is not available, or a process fails, this one renders the rest.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from typing import NamedTuple

from timeline.config import SiteConfig
from timeline.model import Chronology
from timeline.site.exports.registry import page_pieces
from timeline.site.fragments import FragmentCache, FragmentKey
from timeline.site.pages import generate_pages
from timeline.site.themes import Theme, make_environment

PRERENDER_FROM = 2000
"""The fewest events worth starting processes for: below it, starting them costs about what they save."""
SOURCES_PAGE = "sources.html"
Fragments = tuple[bytes, dict[FragmentKey, bytes | str]]
"""Fragments with the fingerprint of the templates and code that rendered them (see :meth:`FragmentCache.adopt`)."""


class Render(NamedTuple):
    """What every share renders with: the build's chronology, settings, theme, about page and time, and its
    fragment cache, which knows the digests of the chronology's events."""

    chronology: Chronology
    config: SiteConfig
    theme: Theme
    about_html: str
    generated: datetime
    fragments: FragmentCache


class Share(NamedTuple):
    """Years of the chronology and a run of its articles, whose fragments one process renders."""

    years: frozenset[int]
    articles: slice
    first: bool
    """The first share also renders the events outside the chronology's range."""


def prerender_fragments(render: Render, jobs: int) -> int:
    """Render the fragments of ``render``'s site across ``jobs`` processes, this one included, into its
    fragment cache, unless that holds some already (a warm build needs few) or the chronology is small;
    returns the number of fragments adopted."""
    fragments = render.fragments
    if jobs < 2 or len(render.chronology.events) < PRERENDER_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    fragments.load(make_environment(render.theme, render.config.root))
    if fragments.kept:
        return 0
    shares = plan_shares(render.chronology, jobs)
    if len(shares) < 2:
        return 0
    adopted = 0
    try:
        with ProcessPoolExecutor(len(shares) - 1, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_hold, initargs=(render, shares)) as pool:
            elsewhere = [pool.submit(_render_held_share, number) for number in range(1, len(shares))]
            for templates, found in [fragments_or_none(render, shares[0]), *(future.result() for future in elsewhere)]:
                adopted += len(found) if fragments.adopt(templates, found) else 0
    except (BrokenProcessPool, OSError):
        pass
    return adopted


def plan_shares(chronology: Chronology, count: int) -> list[Share]:
    """At most ``count`` shares, of consecutive years with about as many events each and as many articles."""
    years: dict[int, int] = {}
    for event in chronology.events:
        years[event.span.begin.year] = years.get(event.span.begin.year, 0) + 1
    groups: list[list[int]] = [[] for _ in range(count)]
    total, before = len(chronology.events), 0
    for year, events in sorted(years.items()):
        groups[before * count // total].append(year)
        before += events
    groups = [group for group in groups if group]
    if not groups:
        return []
    bounds = [number * len(chronology.articles) // len(groups) for number in range(len(groups) + 1)]
    return [Share(frozenset(group), slice(bounds[number], bounds[number + 1]), number == 0)
            for number, group in enumerate(groups)]


def share_fragments(render: Render, share: Share) -> Fragments:
    """The fragments of ``share``'s pages.

    Its years are rendered as a site of their own, with year pages and highlights as the whole
    site has them, and its articles as the whole site's sources page.
    """
    chronology, config = render.chronology, render.config
    many = len(chronology.events) >= config.many_events
    own_years = dataclasses.replace(
        chronology, events=[event for event in chronology.events if event.span.begin.year in share.years],
        out_of_range=chronology.out_of_range if share.first else [])
    same_layout = dataclasses.replace(config, many_events=0 if many else len(chronology.events) + 1)
    own_articles = dataclasses.replace(chronology, articles=chronology.articles[share.articles])
    by_years = _fragments_of(render, own_years, same_layout, lambda name: name != SOURCES_PAGE)
    by_articles = _fragments_of(render, own_articles, config, lambda name: name == SOURCES_PAGE)
    if by_years.templates != by_articles.templates:
        return by_years.templates, {}
    return by_years.templates, {**by_years.lasting(), **by_articles.lasting()}


def fragments_or_none(render: Render, share: Share) -> Fragments:
    """The share's fragments, or none when rendering them fails: the render that writes the site then
    renders them itself, and reports the failure (a template error) where it is."""
    try:
        return share_fragments(render, share)
    except Exception:
        return b"", {}


def _fragments_of(render: Render, chronology: Chronology, config: SiteConfig,
                  wanted: Callable[[str], bool]) -> FragmentCache:
    """A fragment cache holding the fragments of the ``wanted`` pages of ``chronology``'s site, rendered to nothing."""
    cache = render.fragments.knowing()
    for name, page in generate_pages(chronology, config, render.theme, render.about_html, cache, render.generated):
        if wanted(name):
            for _ in page_pieces(page):
                pass
    return cache


_held: tuple[Render, list[Share]] | None = None


def _hold(render: Render, shares: list[Share]) -> None:
    """Keep, in a forked process, what it was forked with: given to the process, not pickled."""
    global _held
    _held = (render, shares)


def _render_held_share(number: int) -> Fragments:
    render, shares = _held
    return fragments_or_none(render, shares[number])

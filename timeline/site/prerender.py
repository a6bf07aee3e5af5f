"""Fragments rendered ahead on every core, so that a build with none kept does not render them on one alone.

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
receiving it pickled. Each share's events are picked before the fork, so that a process walks, and so
copies, only its own part of the chronology: a forked process copies each page of memory it writes to,
and Python writes to every object it reads (its reference count). Where forking is not available, or
a process fails, this one renders the rest.
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
from timeline.model import Article, Chronology, Event
from timeline.site.exports.registry import page_pieces
from timeline.site.fragments import FragmentCache, FragmentKey
from timeline.site.pages import generate_pages
from timeline.site.themes import Theme, make_environment

PRERENDER_FROM = 2000
"""The fewest events worth starting processes for: below it, starting them costs about what they save."""
SOURCES_PAGE = "sources.html"
Fragments = tuple[bytes, dict[FragmentKey, bytes | str], dict[FragmentKey, tuple[FragmentKey, ...]]]
"""Fragments with the fingerprint of the templates and code that rendered them, and what those made of others
were made of (see :meth:`FragmentCache.adopt`)."""


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
    """The events of some years and the articles of a run of the sources page, whose fragments one process renders."""

    events: list[Event]
    """The events of the share's years."""
    out_of_range: list[Event]
    """The events outside the chronology's range, which the first share renders."""
    articles: list[Article]
    reported: list[Event]
    """The events that the share's articles report, in order."""
    reported_out_of_range: list[Event]
    """The events outside the range that the share's articles report."""


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
            for templates, found, parts in [fragments_or_none(render, shares[0]),
                                            *(future.result() for future in elsewhere)]:
                adopted += len(found) if fragments.adopt(templates, found, parts) else 0
    except (BrokenProcessPool, OSError):
        pass
    return adopted


def plan_shares(chronology: Chronology, count: int) -> list[Share]:
    """At most ``count`` shares, of consecutive years with about as many events each and as many articles."""
    years: dict[int, int] = {}
    for event in chronology.events:
        years[event.span.begin.year] = years.get(event.span.begin.year, 0) + 1
    share_of_year, before = {}, 0
    for year, events in sorted(years.items()):
        share_of_year[year] = before * count // len(chronology.events)
        before += events
    used = sorted(set(share_of_year.values()))
    share_of_year = {year: used.index(share) for year, share in share_of_year.items()}
    events: list[list[Event]] = [[] for _ in used]
    for event in chronology.events:
        events[share_of_year[event.span.begin.year]].append(event)
    articles = [chronology.articles[number * len(chronology.articles) // len(used):
                                    (number + 1) * len(chronology.articles) // len(used)] for number in range(len(used))]
    share_of_article = {article.name: number for number, run in enumerate(articles) for article in run}
    reported = [_reported_by(chronology.events, share_of_article, len(used)),
                _reported_by(chronology.out_of_range, share_of_article, len(used))]
    return [Share(events[number], chronology.out_of_range if number == 0 else [], articles[number],
                  reported[0][number], reported[1][number]) for number in range(len(used))]


def _reported_by(events: list[Event], share_of_article: dict[str, int], count: int) -> list[list[Event]]:
    """For each share, the ``events`` that one of its articles reports, in order, each once."""
    reported: list[list[Event]] = [[] for _ in range(count)]
    for event in events:
        for share in dict.fromkeys(share_of_article.get(source.path) for source in event.sources):
            if share is not None:
                reported[share].append(event)
    return reported


def share_fragments(render: Render, share: Share) -> Fragments:
    """The fragments of ``share``'s pages.

    Its years are rendered as a site of their own, with year pages and highlights as the whole
    site has them, and its articles as the whole site's sources page.
    """
    chronology, config = render.chronology, render.config
    many = len(chronology.events) >= config.many_events
    same_layout = dataclasses.replace(config, many_events=0 if many else len(chronology.events) + 1)
    own_years = dataclasses.replace(chronology, events=share.events, out_of_range=share.out_of_range)
    own_articles = dataclasses.replace(chronology, events=share.reported, out_of_range=share.reported_out_of_range,
                                       articles=share.articles)
    by_years = _fragments_of(render, own_years, same_layout, lambda name: name != SOURCES_PAGE)
    by_articles = _fragments_of(render, own_articles, same_layout, lambda name: name == SOURCES_PAGE)
    if by_years.templates != by_articles.templates:
        return by_years.templates, {}, {}
    (years_found, years_parts), (articles_found, articles_parts) = by_years.lasting(), by_articles.lasting()
    return by_years.templates, {**years_found, **articles_found}, {**years_parts, **articles_parts}


def fragments_or_none(render: Render, share: Share) -> Fragments:
    """The share's fragments, or none when rendering them fails: the render that writes the site then
    renders them itself, and reports the failure (a template error) where it is."""
    try:
        return share_fragments(render, share)
    except Exception:
        return b"", {}, {}


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

"""Site: the chronology rendered through a Jinja2 theme, plus the exports.

:func:`render_pages` returns every output file as text (the dev server and the
tests use that); :func:`render_site` also writes them, atomically.
"""

from __future__ import annotations

from pathlib import Path

from timeline.config import SiteConfig
from timeline.model import Chronology
from timeline.site.exports import build_moment
from timeline.site.exports.registry import page_pieces
from timeline.site.fragments import FragmentCache
from timeline.site.pages import generate_pages
from timeline.site.prerender import Render, prerender_fragments
from timeline.site.safety import sanitise
from timeline.site.themes import resolve_theme
from timeline.site.writer import PageMemory, write_atomically

__all__ = ["render_pages", "render_site", "sanitise"]


def render_pages(chronology: Chronology, config: SiteConfig, about_html: str = "",
                 fragments: FragmentCache | None = None) -> tuple[dict[str, str], list[Path]]:
    """Every file of the site as text, and the static folders to copy (most specific first).

    ``fragments`` carries rendered event cards and export pieces from one render
    to the next (the dev server keeps one, a build stores one in the cache);
    without it, each is still rendered once per render.
    """
    theme = resolve_theme(config.theme, config.root)
    pages = generate_pages(chronology, config, theme, about_html, fragments)
    return {name: "".join(page_pieces(content)) for name, content in pages}, theme.static_dirs


def render_site(chronology: Chronology, config: SiteConfig, output: Path, about_html: str = "",
                fragments: FragmentCache | None = None, clean: bool = False, memory: PageMemory | None = None,
                jobs: int = 1) -> int:
    """Render and write the site, one page at a time; returns the number of files written.

    Files in ``output`` the tool did not write are kept unless ``clean`` is true. A process that renders
    the same site again and again keeps a ``memory`` of what it wrote, so that unchanged pages are not written again.
    With ``jobs`` above one, the fragments of a big chronology that ``fragments`` lacks are first rendered
    across that many processes (see :mod:`timeline.site.prerender`).
    """
    theme = resolve_theme(config.theme, config.root)
    fragments = fragments or FragmentCache()
    generated = build_moment()
    prerender_fragments(Render(chronology, config, theme, about_html, generated, fragments), jobs)
    return write_atomically(generate_pages(chronology, config, theme, about_html, fragments, generated),
                            theme.static_dirs, output, clean, memory)

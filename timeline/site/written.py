"""The site a build left in ``output/``, and whether it is still there as written.

A build from the very inputs of the last one (the same chronology, templates,
theme files, about page and code) would write the same site again, byte for
byte but for the moment of building it stamps into the exports. When the files
it wrote are still in place, untouched, there is nothing to write: like ``make``,
the build says so and leaves them. The files are recognised by what the file
system says of each (size, change time, inode), taken right after the site was put in place.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import jinja2

from timeline.cache import read_stamped, write_stamped
from timeline.site.themes import Theme

FileSignature = tuple[int, int, int]


def site_inputs(chronology_key: str, theme: Theme, root: Path, about_html: str, output: Path) -> str:
    """A digest of everything a written site is made from besides the moment of building it.

    ``chronology_key`` already covers the settings, the articles, curated events,
    corrections, eras and the code; the templates and static files are read whole,
    since a theme is a few dozen small files.
    """
    digest = hashlib.sha256(f"{chronology_key}\0{jinja2.__version__}\0{output.resolve()}\0".encode())
    digest.update(about_html.encode("utf-8"))
    for folder in (root / "templates", *theme.folders):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                digest.update(f"\0{path}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def signatures(output: Path) -> dict[str, FileSignature]:
    """Every file under ``output`` by its path there, with its size, change time and inode."""
    found = {}
    for folder, _, names in os.walk(output):
        for name in names:
            path = os.path.join(folder, name)
            found[os.path.relpath(path, output)] = signature_of(os.lstat(path))
    return found


def signature_of(status: os.stat_result) -> FileSignature:
    """What tells a file apart from itself rewritten: its size, change time and inode."""
    return (status.st_size, status.st_ctime_ns, status.st_ino)


@dataclass(frozen=True)
class WrittenSite:
    """The record of the site the last build wrote: from which inputs, how many pages, and its files."""

    store: Path

    def pages_in_place(self, inputs: str, output: Path) -> int | None:
        """The number of pages the last build wrote into ``output`` from ``inputs``, when they are all
        still there as written (and nothing was added); None when the site must be written."""
        stored = read_stamped(self.store, inputs)
        if stored is None or not output.is_dir():
            return None
        pages, files = stored
        return pages if signatures(output) == files else None

    def remember(self, inputs: str, output: Path, pages: int) -> None:
        """Record the site just put in ``output``, made from ``inputs``."""
        write_stamped(self.store, inputs, pages, signatures(output))

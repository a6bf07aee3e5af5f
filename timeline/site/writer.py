"""Atomic output: a site is written beside ``output/`` and swapped in only when complete."""

from __future__ import annotations

import ctypes
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from timeline.site.exports.registry import Page, page_pieces
from timeline.site.written import FileSignature, signature_of
from timeline.site.manifest import (
    record_and_keep_user_files,
    remove_leftovers,
    staging_prefix,
)


def write_atomically(pages: Iterable[tuple[str, Page]], static_dirs: list[Path], output: Path,
                     clean: bool = False, memory: PageMemory | None = None) -> int:
    """Write every page (its text, or its text in pieces) and static file to a fresh folder, then put
    it in place of ``output``; returns the number of pages written.

    A failure at any point leaves the previous site untouched. Static files of the
    most specific theme win over those of the themes it extends. Files in
    ``output`` that no build wrote are kept unless ``clean`` is true. A file the same
    as in the site it replaces stays that very file (see :func:`keep_if_same`); with a ``memory`` of the
    last write, a page made of the same pieces is not even written (see :class:`PageMemory`).
    """
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(output)
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(output), dir=output.parent))
    try:
        for static in reversed(static_dirs):
            if static.is_dir():
                shutil.copytree(static, staging / "static", dirs_exist_ok=True,
                                copy_function=lambda source, target: _copy_static(source, target, staging, output))
        made: dict[str, list[str]] = {}
        written = 0
        for name, content in pages:
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            pieces = page_pieces(content)
            if memory is not None:
                pieces = made[name] = list(pieces)
            _write_page(target, pieces, output / name, memory)
            written += 1
        record_and_keep_user_files(output, staging, clean)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if memory is not None:
        memory.settle(output, made)
    return written


def _write_page(target: Path, pieces: Iterable[str], previous: Path, memory: PageMemory | None) -> None:
    """Write the page's pieces to ``target`` as they come, or, with a ``memory`` (and the pieces listed),
    link ``previous`` there when it holds them already."""
    if memory is not None and memory.unchanged(previous, pieces) and _linked(previous, target):
        return
    with target.open("w", encoding="utf-8") as stream:
        stream.writelines(pieces)
    keep_if_same(target, previous)


class PageMemory:
    """The pieces each page was last written from, for a process that writes the same site again and again
    (``timeline serve``).

    A page made of the same pieces as last time, whose file is still in the output as it was left (same
    size, change time and inode), is that file again: it is linked into the new site without being
    encoded, written or read back to compare. The pieces are mostly the very fragments the render keeps
    (:class:`timeline.site.fragments.FragmentCache`), so comparing them is mostly comparing identities,
    and holding them costs little more than the list.
    """

    def __init__(self) -> None:
        self._pages: dict[Path, tuple[list[str], FileSignature]] = {}

    def unchanged(self, previous: Path, pieces: Iterable[str]) -> bool:
        """Whether ``previous`` is the file last written from these very ``pieces``, and still as it was left."""
        known = self._pages.get(previous)
        return known is not None and known[0] == pieces and _signature(previous) == known[1]

    def settle(self, output: Path, made: dict[str, list[str]]) -> None:
        """A site whose pages are ``made`` of these pieces, by name, is in place in ``output``: remember them
        with their files as they are there now."""
        self._pages = {}
        for name, pieces in made.items():
            signature = _signature(output / name)
            if signature is not None:
                self._pages[output / name] = (pieces, signature)


def _signature(path: Path) -> FileSignature | None:
    try:
        status = os.lstat(path)
    except OSError:
        return None
    return signature_of(status) if stat.S_ISREG(status.st_mode) else None


def _linked(previous: Path, target: Path) -> bool:
    try:
        os.link(previous, target, follow_symlinks=False)
    except OSError:
        return False
    return True


def keep_if_same(written: Path, previous: Path) -> bool:
    """Put ``previous``, the file of the site being replaced, in place of the ``written`` file when both hold the
    same bytes; True when it did.

    An unchanged page thus keeps its file, its modification time and its place on disk: a deploy that goes by
    time or content passes over it, and what was written for it is dropped before it reaches the disk. Files of
    different sizes are told apart without being read, so only the pages an edit left alone are compared.
    """
    try:
        old, new = os.lstat(previous), os.lstat(written)
    except OSError:
        return False
    if not stat.S_ISREG(old.st_mode) or old.st_size != new.st_size:
        return False
    if not _same_bytes(written, previous):
        return False
    linked = written.with_name(written.name + ".same")
    try:
        os.link(previous, linked, follow_symlinks=False)
    except OSError:
        return False
    os.replace(linked, written)
    return True


COMPARED_BYTES = 1 << 20


def _same_bytes(first: Path, second: Path) -> bool:
    with first.open("rb") as one, second.open("rb") as other:
        while True:
            chunk = one.read(COMPARED_BYTES)
            if chunk != other.read(COMPARED_BYTES):
                return False
            if not chunk:
                return True


def _copy_static(source: str, target: str, staging: Path, output: Path) -> None:
    """Copy a theme's static file into the new site, keeping the old site's copy when it has the same bytes.

    A file already there, of a theme this one extends, is removed rather than written over: it may be the old
    site's own file, linked in, which writing would change under the site being served.
    """
    if os.path.lexists(target):
        os.unlink(target)
    shutil.copy2(source, target)
    keep_if_same(Path(target), output / Path(target).relative_to(staging))


def _swap(staging: Path, output: Path) -> None:
    """Put ``staging`` where ``output`` is, with no moment in which ``output`` is missing.

    A server reading ``output/`` while a rebuild lands must always find a whole site:
    where the system can exchange two folders atomically it does; elsewhere the old
    folder is moved aside and the new one moved in.
    """
    if not output.exists():
        staging.rename(output)
        return
    if _exchange(staging, output):
        shutil.rmtree(staging, ignore_errors=True)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
    retired.rmdir()
    output.rename(retired)
    try:
        staging.rename(output)
    except OSError:
        retired.rename(output)
        raise
    shutil.rmtree(retired, ignore_errors=True)


AT_FDCWD = -100
RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step with Linux's ``renameat2(RENAME_EXCHANGE)``; False where unsupported."""
    exchange = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if exchange is None:
        return False
    return exchange(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0

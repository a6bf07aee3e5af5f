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
from timeline.site.manifest import (
    record_and_keep_user_files,
    remove_leftovers,
    staging_prefix,
)


def write_atomically(pages: Iterable[tuple[str, Page]], static_dirs: list[Path], output: Path,
                     clean: bool = False) -> int:
    """Write every page (its text, or its text in pieces) and static file to a fresh folder, then put
    it in place of ``output``; returns the number of pages written.

    A failure at any point leaves the previous site untouched. Static files of the
    most specific theme win over those of the themes it extends. Files in
    ``output`` that no build wrote are kept unless ``clean`` is true. A file the same
    as in the site it replaces stays that very file (see :func:`keep_if_same`).
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
        written = 0
        for name, content in pages:
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("w", encoding="utf-8") as stream:
                stream.writelines(page_pieces(content))
            keep_if_same(target, output / name)
            written += 1
        record_and_keep_user_files(output, staging, clean)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written


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

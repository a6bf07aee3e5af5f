"""Atomic output: a site is written beside ``output/`` and swapped in only when complete."""

from __future__ import annotations

import ctypes
import os
import shutil
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
    ``output`` that no build wrote are kept unless ``clean`` is true.
    """
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(output)
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(output), dir=output.parent))
    try:
        for static in reversed(static_dirs):
            if static.is_dir():
                shutil.copytree(static, staging / "static", dirs_exist_ok=True)
        written = 0
        for name, content in pages:
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("w", encoding="utf-8") as stream:
                stream.writelines(page_pieces(content))
            written += 1
        record_and_keep_user_files(output, staging, clean)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written


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

"""Atomic output: a site is written beside ``output/`` and swapped in only when complete.

Each build records what it wrote in a manifest inside ``output/``; anything else
there (a CNAME file, a hand-made page) belongs to the user and is carried over
into the new site unless the build was asked to clean.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

MANIFEST = ".timeline-manifest.json"


def write_atomically(pages: dict[str, str], static_dirs: list[Path], output: Path, clean: bool = False) -> None:
    """Write every page and static file to a fresh folder, then put it in place of ``output``.

    A failure at any point leaves the previous site untouched. Static files of the
    most specific theme win over those of the themes it extends. Files in
    ``output`` that no build wrote are kept unless ``clean`` is true.
    """
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(output)
    staging = Path(tempfile.mkdtemp(prefix=f"{_stage_prefix(output, 'new')}{os.getpid()}-", dir=output.parent))
    try:
        for static in reversed(static_dirs):
            if static.is_dir():
                shutil.copytree(static, staging / "static", dirs_exist_ok=True)
        for name, content in pages.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        written = _files_under(staging)
        if not clean:
            _carry_over_user_files(output, staging, written)
        (staging / MANIFEST).write_text(json.dumps(sorted(written), indent=0), encoding="utf-8")
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _stage_prefix(output: Path, kind: str) -> str:
    """Staging folders are named after ``output`` (then the process id), so leftovers can be found and told apart."""
    return f".{output.name}.{kind}-"


def _files_under(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file() or path.is_symlink()}


def _previous_manifest(output: Path) -> set[str]:
    """What the last build wrote; without a readable manifest, nothing counts as the tool's (keep it all)."""
    try:
        return set(json.loads((output / MANIFEST).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return set()


def _carry_over_user_files(output: Path, staging: Path, written: set[str]) -> None:
    """Copy into the new site every file of the old one that no build wrote and this build does not replace."""
    if not output.is_dir():
        return
    tool_files = _previous_manifest(output) | written | {MANIFEST}
    for name in sorted(_files_under(output) - tool_files):
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(output / name, target, follow_symlinks=False)


def remove_leftovers(output: Path) -> None:
    """Clear what killed builds left beside ``output``; restore the old site if one died mid-swap.

    A build killed between its two renames leaves no ``output`` and the previous
    site in an ``.old-`` folder: that site is put back before anything is removed.
    Folders of builds still running (another process) are left alone.
    """
    for kind in ("old", "new"):
        for leftover in sorted(output.parent.glob(f"{_stage_prefix(output, kind)}*")):
            if not leftover.is_dir() or _owner_alive(leftover, output, kind):
                continue
            if kind == "old" and not output.exists():
                leftover.rename(output)
            else:
                shutil.rmtree(leftover, ignore_errors=True)


def _owner_alive(folder: Path, output: Path, kind: str) -> bool:
    """Whether the process named in a staging folder's name still runs (unknown owners count as gone)."""
    owner = folder.name.removeprefix(_stage_prefix(output, kind)).split("-", 1)[0]
    if not owner.isdigit():
        return False
    try:
        os.kill(int(owner), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's
        return True
    return True


def _swap(staging: Path, output: Path) -> None:
    if not output.exists():
        staging.rename(output)
        return
    retired = Path(tempfile.mkdtemp(prefix=f"{_stage_prefix(output, 'old')}{os.getpid()}-", dir=output.parent))
    retired.rmdir()
    output.rename(retired)
    try:
        staging.rename(output)
    except OSError:
        retired.rename(output)
        raise
    shutil.rmtree(retired, ignore_errors=True)

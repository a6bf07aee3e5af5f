"""What ``output/`` holds besides the site: the user's own files, and what killed builds left beside it.

Each build records what it wrote in a manifest inside ``output/``; anything else
there (a CNAME file, a hand-made page) belongs to the user and is carried over
into the new site unless the build was asked to clean.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

MANIFEST = ".timeline-manifest.json"


def staging_prefix(output: Path) -> str:
    """Staging folders are named after ``output`` and the building process, so leftovers can be told apart."""
    return f".{output.name}.new-{os.getpid()}-"


def record_and_keep_user_files(output: Path, staging: Path, clean: bool) -> None:
    """Write the manifest of the files in ``staging``; unless ``clean``, copy the user's files of ``output`` in."""
    written = _files_under(staging)
    if not clean:
        _carry_over_user_files(output, staging, written)
    (staging / MANIFEST).write_text(json.dumps(sorted(written), indent=0), encoding="utf-8")


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

    A build killed between moving the old site aside and moving the new one in
    leaves no ``output`` and the previous site in an ``.old-`` folder: that site
    is put back before anything is removed. Staging folders of builds still
    running in another process are left alone.
    """
    for kind in ("old", "new"):
        prefix = f".{output.name}.{kind}-"
        for leftover in sorted(output.parent.glob(f"{prefix}*")):
            if not leftover.is_dir() or _owner_alive(leftover.name.removeprefix(prefix)):
                continue
            if kind == "old" and not output.exists():
                leftover.rename(output)
            else:
                shutil.rmtree(leftover, ignore_errors=True)


def _owner_alive(suffix: str) -> bool:
    """Whether the process whose id starts ``suffix`` still runs (a suffix without one has no owner to wait for)."""
    owner = suffix.split("-", 1)[0]
    if not owner.isdigit() or "-" not in suffix:
        return False
    try:
        os.kill(int(owner), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's
        return True
    return True

"""Paths of a project's files as the build names them: resolved, and relative to the project.

A build resolves thousands of paths that lie in a handful of folders; resolving
each from the root of the file system walks every folder above it again, which
at ten thousand articles took seconds. :class:`PathResolver` resolves each folder
once and gives the same answers as :meth:`pathlib.Path.resolve`.
"""

from __future__ import annotations

from pathlib import Path


class PathResolver:
    """``Path.resolve`` for many files, each folder resolved once for the resolver's lifetime.

    Keep one for one pass over the files (a scan, a render): a folder that becomes
    a symbolic link meanwhile would not be seen.
    """

    def __init__(self) -> None:
        self.folders: dict[Path, Path] = {}

    def resolve(self, path: Path) -> Path:
        """What ``path.resolve()`` gives: a file that is itself a link is resolved whole."""
        if path.name in ("", ".", "..") or path.is_symlink():
            return path.resolve()
        folder = self.folders.get(path.parent)
        if folder is None:
            folder = self.folders[path.parent] = path.parent.resolve()
        return folder / path.name

    def relative(self, path: Path, root: Path) -> str:
        """``path`` relative to ``root`` in POSIX form, both resolved; as given when it lies outside."""
        try:
            return self.resolve(path).relative_to(self.resolve(root)).as_posix()
        except ValueError:
            return path.as_posix()


def relative_path(path: Path, root: Path) -> str:
    """One file's path relative to the project, as sources and event ids name it."""
    return PathResolver().relative(path, root)

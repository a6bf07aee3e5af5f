"""Paths of a project's files as the build names them: resolved, and relative to the project.

A build resolves thousands of paths that lie in a handful of folders; resolving
each from the root of the file system walks every folder above it again, which
at ten thousand articles took seconds. :class:`PathResolver` resolves each folder
once and gives the same answers as :meth:`pathlib.Path.resolve`.
"""

from __future__ import annotations

import os
from pathlib import Path


class PathResolver:
    """``Path.resolve`` for many files, each folder resolved once for the resolver's lifetime.

    Keep one for one pass over the files (a scan, a render): a folder that becomes
    a symbolic link meanwhile would not be seen. Works on strings, since pathlib's
    own parsing costs more than the lookups saved.
    """

    def __init__(self) -> None:
        self.folders: dict[str, str] = {}

    def resolve(self, path: Path) -> Path:
        """What ``path.resolve()`` gives: a file that is itself a link is resolved whole."""
        return Path(self._resolved(os.fspath(path)))

    def inside(self, path: Path, root: Path) -> bool:
        """Whether ``path``, resolved, lies in ``root`` (resolved too)."""
        return self._relative(path, root) is not None

    def relative(self, path: Path, root: Path) -> str:
        """``path`` relative to ``root`` in POSIX form, both resolved; as given when it lies outside."""
        found = self._relative(path, root)
        return path.as_posix() if found is None else found

    def _relative(self, path: Path, root: Path) -> str | None:
        full, base = self._resolved(os.fspath(path)), self._resolved(os.fspath(root)).rstrip(os.sep)
        if full == base:
            return "."
        return full[len(base) + 1:].replace(os.sep, "/") if full.startswith(base + os.sep) else None

    def _resolved(self, text: str) -> str:
        folder, name = os.path.split(text)
        if name in ("", ".", "..") or os.path.islink(text):
            return os.path.realpath(text)
        resolved = self.folders.get(folder)
        if resolved is None:
            resolved = self.folders[folder] = os.path.realpath(folder or ".")
        return os.path.join(resolved, name)


def relative_path(path: Path, root: Path) -> str:
    """One file's path relative to the project, as sources and event ids name it."""
    return PathResolver().relative(path, root)

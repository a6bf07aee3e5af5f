"""A per-article cache, so that a rebuild reads and tags only the articles that changed.

A result is stored under a key made of everything it depends on: the article's
bytes and those of its sidecar, where it lies, the language it defaults to, and
the versions of the tagger, of the package and of the code itself (an editable
install changes code without changing its version). A changed input is a new
key, so entries are never invalidated; those left unused are removed after a
build that made new ones (:meth:`ArticleCache.prune`).

Entries are pickles under ``.timeline-cache/`` in the project; one that cannot
be read (truncated, written by other code) counts as a miss. Loading a pickle can
run code, so the folder is trusted like the project's own files: it is made here,
never shipped (it is git-ignored).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from timeline import __version__
from timeline.readers.frontmatter import sidecar_path
from timeline.tagger import TAGGER_VERSION

if TYPE_CHECKING:
    from timeline.build import ArticleResult

CACHE_DIR = ".timeline-cache"
PACKAGE = Path(__file__).resolve().parent
STORE_APART_FROM = 200
"""The fewest new results worth a process of their own to store (see :meth:`ArticleCache.store`)."""


@functools.cache
def code_fingerprint() -> str:
    """A digest of the package's Python sources, read once per process."""
    digest = hashlib.sha256()
    for source in sorted(PACKAGE.rglob("*.py")):
        digest.update(source.relative_to(PACKAGE).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def article_key(path: Path, root: Path, language: str) -> str:
    """The key of one article's result; raises OSError when the article cannot be read."""
    digest = hashlib.sha256()
    for part in (TAGGER_VERSION, __version__, code_fingerprint(), str(root), str(path), language):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(path.read_bytes())
    sidecar = sidecar_path(path)
    if sidecar.is_file():
        digest.update(b"\0sidecar\0")
        digest.update(sidecar.read_bytes())
    return digest.hexdigest()


Signature = tuple[tuple[int, int, int, int], tuple[int, int, int, int] | None]
SETTLED_NS = 2_000_000_000


def file_signature(path: Path) -> tuple[int, int, int, int]:
    status = path.stat()
    return status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns


def article_signature(path: Path) -> Signature:
    """What the file system says of the article and its sidecar; any write changes it."""
    try:
        sidecar = file_signature(sidecar_path(path))
    except OSError:
        sidecar = None
    return file_signature(path), sidecar


class KeyIndex:
    """Article keys remembered by file signature, so that an unchanged article is not read to be looked up.

    Like git's index: a signature is trusted only when the file was last changed
    well before it was taken, since a write within the file system's timestamp
    granularity could leave the signature as it was.
    """

    def __init__(self, store: Path) -> None:
        self.store = store
        self.entries: dict[tuple[Path, str, str], tuple[Signature, str]] | None = None
        self.changed = False

    def key(self, path: Path, root: Path, language: str) -> str:
        """The article's key as :func:`article_key` gives it; raises OSError when it cannot be read."""
        entries = self._entries()
        signature = article_signature(path)
        known = entries.get((path, str(root), language))
        if known is not None and known[0] == signature:
            return known[1]
        key = article_key(path, root, language)
        if _settled(signature):
            entries[(path, str(root), language)] = (signature, key)
            self.changed = True
        return key

    def save(self) -> None:
        if self.changed and self.entries is not None:
            write_stamped(self.store, code_fingerprint(), self.entries)
            self.changed = False

    def _entries(self) -> dict[tuple[Path, str, str], tuple[Signature, str]]:
        if self.entries is None:
            stored = read_stamped(self.store, code_fingerprint())
            self.entries = stored[0] if stored else {}
        return self.entries


def _settled(signature: Signature) -> bool:
    now = time.time_ns()
    return all(now - part[2] > SETTLED_NS and now - part[3] > SETTLED_NS for part in signature if part is not None)


class ArticleCache:
    """Article results on disk, and each article's latest result in memory for the next build."""

    def __init__(self, root: Path) -> None:
        self.folder = root / CACHE_DIR / "articles"
        self.latest: dict[Path, tuple[str, ArticleResult]] = {}
        self.keys = KeyIndex(root / CACHE_DIR / "keys.pickle")
        self._unstored: list[tuple[str, ArticleResult]] = []
        self._writer: int | None = None

    def lookup(self, path: Path, root: Path, language: str, settled: bool = False) -> tuple[str | None, ArticleResult | None]:
        """The key of the article as it is now (None when it cannot be read) and its cached result, if any:
        the cache's own object, kept for the next build (see :func:`timeline.build.process_articles`).

        The key is taken before the article is processed, so that :meth:`keep` can
        tell whether the file changed meanwhile. A ``settled`` article is known not to
        have changed since this cache last saw it (a watcher said so): its latest
        result is taken without a look at the file.
        """
        latest = self.latest.get(path) if settled else None
        if latest is not None:
            return latest
        try:
            key = self.keys.key(path, root, language)
        except OSError:
            return None, None
        found = self._remembered(path, key) or self._load(key)
        if found is None:
            return key, None
        self.latest[path] = (key, found)
        return key, found

    def keep(self, path: Path, root: Path, language: str, key: str | None, computed: ArticleResult) -> None:
        """Store ``computed`` under ``key``, the key :meth:`lookup` gave before processing.

        Only if the article still has that key: a file saved meanwhile would
        otherwise file the new content's result under the old content's key.
        """
        try:
            unchanged = key is not None and article_key(path, root, language) == key
        except OSError:
            unchanged = False
        if unchanged:
            self.latest[path] = (key, computed)
            self._unstored.append((key, computed))

    def store(self) -> None:
        """Write the results :meth:`keep` took since the last call to disk.

        Pickling and writing a result costs about as much as a tenth of tagging it, and a
        cold build stores thousands while its worker processes tag: a process forked to
        store them works on while this one merges, when a core stands idle. Only a process
        running no other thread forks (a server's first build does; its later ones, with a
        handful of results, store them here); :meth:`finish_storing` waits for it.
        """
        entries, self._unstored = self._unstored, []
        if len(entries) < STORE_APART_FROM or not hasattr(os, "fork") or threading.active_count() > 1:
            for key, result in entries:
                self._store(key, result)
            return
        self.finish_storing()
        writer = os.fork()
        if writer == 0:
            try:
                for key, result in entries:
                    self._store(key, result)
            finally:
                os._exit(0)
        self._writer = writer

    def finish_storing(self) -> None:
        """Wait until the process :meth:`store` started, if any, has written every result."""
        if self._writer is not None:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._writer, 0)
            self._writer = None

    def save(self) -> None:
        """Keep the keys of this build's articles for the next process."""
        self.keys.save()

    def prune(self, keys: set[str]) -> None:
        """Remove every entry but those of ``keys`` (the articles as they are now).

        A changed article, or new code, files its result under a new key and the old
        entry is never asked for again: without pruning, a project's cache would keep a
        copy of every version of every article it ever built. Another process building
        the same project with other code loses its entries here and makes them again.
        """
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return
        for entry in entries:
            name, dot, extension = entry.name.rpartition(".")
            if dot and extension == "pickle" and name not in keys:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)

    def holds(self, path: Path, result: ArticleResult) -> bool:
        """Whether :meth:`keep` took ``result`` as the article's latest (the article did not change meanwhile)."""
        return self.latest.get(path, ("", None))[1] is result

    def _remembered(self, path: Path, key: str) -> ArticleResult | None:
        remembered_key, result = self.latest.get(path, ("", None))
        return result if remembered_key == key else None

    def _entry(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def _load(self, key: str) -> ArticleResult | None:
        return read_pickle(self._entry(key))

    def _store(self, key: str, result: ArticleResult) -> None:
        write_pickle(self._entry(key), result)


def read_pickle(path: Path) -> object | None:
    """What ``path`` holds, or None when it is missing or unreadable (truncated, written by other code)."""
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None


def read_stamped(path: Path, stamp: object) -> tuple | None:
    """The values :func:`write_stamped` stored under ``stamp``; None when missing, unreadable or stamped
    otherwise (by other inputs, or other code)."""
    stored = read_pickle(path)
    return stored[1:] if isinstance(stored, tuple) and stored and stored[0] == stamp else None


def write_stamped(path: Path, stamp: object, *values: object) -> None:
    """Store ``values`` under ``stamp``, what they were made from, for :func:`read_stamped`."""
    write_pickle(path, (stamp, *values))


def write_pickle(path: Path, value: object) -> None:
    """Write through a temporary file, so that a reader never sees half an entry.

    A cache that cannot be written (read-only project, full disk) only costs speed.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        pass
    finally:
        Path(temporary).unlink(missing_ok=True)

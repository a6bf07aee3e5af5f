"""Watching a project and rebuilding it: what ``timeline serve`` and ``timeline build --watch`` share.

Three parts, each on its own thread of control:

- :class:`SiteBuilder` rebuilds with what it kept from the last build: unchanged
  articles come from the per-article cache, events are merged again only around
  the changed articles' dates and only the changed events are ordered, dated with
  their era and scored again, and a change to templates or theme files
  re-renders the last chronology without reading any article.
- :class:`RebuildLoop` debounces: it waits until the files have been quiet for a
  moment, so an editor's burst, a save-all or a checkout becomes one rebuild and
  no file is read while it is still being written.
- :class:`ProjectWatcher` feeds the loop from watchdog with the paths a build
  reads: the article folders, curated events, eras, about page, the site's
  ``templates/``, the theme and the themes it extends, and ``timeline.toml``.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
import traceback
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from timeline.build import (
    Mapper, Sources, collect, collect_frozen_cycles, cycle_collection_paused, in_processes, in_this_process, read_about,
    scan_sources,
)
from timeline.cache import CACHE_DIR, ArticleCache
from timeline.chronology import IncrementalChronology
from timeline.config import CONFIG_FILE, SiteConfig, load_config
from timeline.errors import ContentError, Terminated
from timeline.model import PER_BUILD_FIELDS, Chronology, Diagnostic
from timeline.remerge import IncrementalMerge
from timeline.site import render_site
from timeline.site.writer import PageMemory
from timeline.site.fragments import FragmentCache
from timeline.site.themes import resolve_theme
from timeline.tagger import prepare as prepare_tagger

QUIET_SECONDS = 0.03
IDLE_SECONDS = 2.0
LONGEST_WAIT_SECONDS = 1.0
CHANGE_EVENTS = frozenset({"created", "modified", "moved", "deleted", "closed"})


@dataclass(frozen=True)
class BuildReport:
    """One build's outcome; ``finished`` is wall-clock time so other processes can compare it."""

    changed: frozenset[Path]
    errors: tuple[Diagnostic, ...]
    seconds: float
    finished: float
    styles_only: bool

    @property
    def ok(self) -> bool:
        return not self.errors


class SiteBuilder:
    """Builds one project over and over, redoing only what a change can affect.

    A build with errors writes nothing, so ``output/`` always holds the last good site. With ``clean``, each
    build also deletes the files in the output that timeline did not write, as ``timeline build --clean`` does.
    A build made while this is the process's only thread (the first, before the watcher and the server
    start) reads and tags articles and renders a big site afresh in ``jobs`` processes, as ``timeline build
    --jobs`` does; later ones stay in this process, since forking a process that runs threads is unsafe.
    """

    def __init__(self, project: Path, use_cache: bool = True, clean: bool = False, jobs: int = 1) -> None:
        self.project = project.resolve()
        self.clean = clean
        self.jobs = jobs
        self.config: SiteConfig | None = None
        self.cache = ArticleCache(self.project) if use_cache else None
        self.merger = IncrementalMerge()
        self.ordering = IncrementalChronology()
        self.chronology: Chronology | None = None
        self.sources: Sources | None = None
        self.fragments = FragmentCache(keep_text=True, changing=PER_BUILD_FIELDS)
        self.pages = PageMemory()
        self.theme_dirs: tuple[Path, ...] = ()

    def build(self, changed: Collection[Path] = ()) -> BuildReport:
        """Rebuild after ``changed`` (nothing: a full build) and say how it went."""
        started = time.perf_counter()
        try:
            with cycle_collection_paused(freeze_after=True):
                errors = self._build(frozenset(changed))
        except ContentError as error:
            errors = [Diagnostic(error.path, error.line, error.message, "error")]
        except Exception as error:  # a bug must not stop the server; show it like bad content
            traceback.print_exc()
            errors = [Diagnostic("timeline", None, f"internal error: {type(error).__name__}: {error}", "error")]
        return BuildReport(frozenset(changed), tuple(errors), time.perf_counter() - started, time.time(),
                           self._only_styles(changed))

    def _build(self, changed: frozenset[Path]) -> list[Diagnostic]:
        if self.config is None or self.project / CONFIG_FILE in changed:
            self._configure()
        config = self.config
        self.theme_dirs = (config.root / "templates", *resolve_theme(config.theme, config.root).folders)
        if self.chronology is None or not all(self._in_theme(path) for path in changed):
            self.chronology = None
            chronology = self._collect(config, changed)
            errors = [d for d in chronology.warnings if d.severity == "error"]
            if errors:
                return errors
            self.chronology = chronology
        render_site(self.chronology, config, config.output_dir, read_about(config.root / config.about_file),
                    self.fragments, self.clean, self.pages, self._processes())
        return []

    def _processes(self) -> int:
        """The processes this build may use: ``jobs`` while this is the only thread, else this process alone."""
        return self.jobs if threading.active_count() == 1 else 1

    def _mapper(self) -> Mapper:
        processes = self._processes()
        return in_processes(processes) if processes > 1 else in_this_process

    def _collect(self, config: SiteConfig, changed: frozenset[Path]) -> Chronology:
        """The chronology after ``changed``: when only articles were edited, the others are taken as the
        last build left them, without a look at their files. A collection that fails half-way
        leaves no such knowledge behind, so the next one looks at every file again."""
        settled = self._settled_articles(changed)
        sources = self.sources if settled is not None else scan_sources(config)
        self.sources = None
        mapper = self._mapper()
        chronology = collect(config, self.cache, mapper, self.merger, sources, settled or (), self.ordering)
        self.sources = sources
        if mapper is not in_this_process:
            prepare_tagger()  # the articles were tagged in other processes: the next save tags one here, at once
        return chronology

    def _configure(self) -> None:
        """Read ``timeline.toml`` again; the chronology and articles found under the old settings are dropped."""
        self.config = self.chronology = self.sources = None
        self.config = load_config(self.project)

    def _settled_articles(self, changed: frozenset[Path]) -> frozenset[Path] | None:
        """The articles of the last scan that ``changed`` leaves as the last build read them, when each
        changed path is an article of that scan, still a plain file: then the set of articles is as it was.

        None when the articles must be found again: no build yet, or a path added,
        removed, renamed, turned into a link, or that is no article (a sidecar, a
        folder, a curated event), or a change the watcher could not name (a full build).
        """
        if self.sources is None or not changed:
            return None
        known = frozenset(self.sources[0])
        if not changed <= known or not all(path.is_file() and not path.is_symlink() for path in changed):
            return None
        return known - changed

    def tidy(self) -> None:
        """Use a moment when nothing is being built: free what earlier builds left in reference cycles,
        and make what the tagger makes on first use, which the next save would otherwise wait for."""
        collect_frozen_cycles()
        prepare_tagger()

    def _in_theme(self, path: Path) -> bool:
        return any(path.is_relative_to(folder) for folder in self.theme_dirs)

    def _only_styles(self, changed: Collection[Path]) -> bool:
        return bool(changed) and all(path.suffix == ".css" and self._in_theme(path) for path in changed)

    @property
    def output_dir(self) -> Path:
        """Where the last good site is, even while ``timeline.toml`` cannot be read."""
        return (self.config or SiteConfig(root=self.project)).output_dir

    def written(self) -> list[Path]:
        """The folders a build writes, whose changes must not start another build."""
        return [self.project / CACHE_DIR, self.output_dir]

    def watched(self) -> tuple[list[Path], list[Path]]:
        """The folders (watched with everything under them) and single files a build reads."""
        root = self.project
        files = [root / CONFIG_FILE]
        if self.config is None:
            return [], files
        config = self.config
        folders = [root / folder for folder in config.article_dirs] + [root / config.events_dir]
        files += [root / config.eras_file, root / config.about_file]
        return folders + list(self.theme_dirs), files


def describe(report: BuildReport, project: Path) -> str:
    """One line for the terminal, or one line per error."""
    if report.errors:
        return "\n".join(f"Build failed, the last good site stays in place: {error}" for error in report.errors)
    names = sorted(_shown(path, project) for path in report.changed)
    after = f" after {', '.join(names[:3])}{' and more' if len(names) > 3 else ''}" if names else ""
    return f"Built in {report.seconds * 1000:.0f} ms{after}"


def _shown(path: Path, project: Path) -> str:
    return str(path.relative_to(project)) if path.is_relative_to(project) else str(path)


class RebuildLoop:
    """A thread that rebuilds once the changed files have been quiet for ``quiet`` seconds, or once the
    first of them changed ``longest`` seconds ago (a file written without pause, such as a log a tool keeps
    in the project, must not hold every rebuild back), and tidies the builder's memory once no change has
    come for ``idle`` seconds after a build."""

    def __init__(self, builder: SiteBuilder, on_build: Callable[[BuildReport], None],
                 quiet: float = QUIET_SECONDS, idle: float = IDLE_SECONDS, longest: float = LONGEST_WAIT_SECONDS) -> None:
        self.builder = builder
        self.on_build = on_build
        self.quiet = quiet
        self.idle = idle
        self.longest = longest
        self._condition = threading.Condition()
        self._pending: set[Path] = set()
        self._first_change = 0.0
        self._last_change = 0.0
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="timeline-rebuild", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def changed(self, path: Path) -> None:
        """Called from the watcher's thread for every relevant change."""
        with self._condition:
            self._last_change = time.monotonic()
            if not self._pending:
                self._first_change = self._last_change
            self._pending.add(path)
            self._condition.notify()

    def stop(self) -> None:
        with self._condition:
            self._stopping = True
            self._condition.notify()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        """Build after each quiet burst of changes; tidy once after the first build (made before the
        loop starts) and after each one since, when no change follows for a while."""
        untidy = True
        while True:
            if untidy and self._stays_idle():
                self.builder.tidy()
                untidy = False
            changed = self._wait_for_quiet_changes()
            if changed is None:
                return
            self.on_build(self.builder.build(changed))
            untidy = True

    def _stays_idle(self) -> bool:
        """Whether ``idle`` seconds pass with no change and no stop: a time to tidy that delays no rebuild."""
        with self._condition:
            return not self._condition.wait_for(lambda: self._pending or self._stopping, self.idle)

    def _wait_for_quiet_changes(self) -> set[Path] | None:
        """The paths changed since the last build, once none has changed for a while or the first of them
        has waited the longest; None on stop."""
        with self._condition:
            self._condition.wait_for(lambda: self._pending or self._stopping)
            while not self._stopping:
                due = min(self._last_change + self.quiet, self._first_change + self.longest)
                remaining = due - time.monotonic()
                if remaining <= 0:
                    changed, self._pending = self._pending, set()
                    return changed
                self._condition.wait(remaining)
            return None


class ProjectWatcher(FileSystemEventHandler):
    """Turns watchdog's events into the changed paths a build cares about.

    Opened and closed-without-writing events are ignored (the build itself reads
    every file), as are folders' modifications, hidden files (editors' swap and temporary files, the
    writer's staging folders), backups ending in ``~`` and the output and cache.
    """

    def __init__(self, builder: SiteBuilder, on_change: Callable[[Path], None]) -> None:
        self.builder = builder
        self.on_change = on_change
        self.observer: Observer | None = None
        self._folders: list[Path] = []
        self._files: list[Path] = []
        self._ignored: list[Path] = []
        self._plan: dict[Path, bool] = {}

    def start(self) -> None:
        """Make the observer and start it; made no sooner, since watchdog's observer starts a thread as it is
        made, and the builder uses its processes only while it has none (:class:`SiteBuilder`)."""
        self.observer = Observer()
        self.follow()
        self.observer.start()

    def stop(self) -> None:
        if self.observer is None:
            return
        self.observer.stop()
        if self.observer.is_alive():
            self.observer.join()

    def follow(self) -> None:
        """Watch what the builder reads now: new settings, a new theme or a folder made since."""
        folders, files = self.builder.watched()
        self._folders, self._files = folders, files
        self._ignored = self.builder.written()
        plan = watch_plan(folders, files, self.builder.project)
        if plan == self._plan or self.observer is None:
            return
        self._plan = plan
        self.observer.unschedule_all()
        for folder, recursive in plan.items():
            with contextlib.suppress(OSError):  # removed since the plan was made: nothing to watch
                self.observer.schedule(self, str(folder), recursive=recursive)

    def on_any_event(self, event: FileSystemEvent) -> None:
        """A folder's "modified" only echoes a change to a file in it, which has its own event."""
        if event.event_type not in CHANGE_EVENTS or (event.is_directory and event.event_type == "modified"):
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            path = Path(str(raw)) if raw else None
            if path is not None and self._relevant(path):
                self.on_change(path)

    def _relevant(self, path: Path) -> bool:
        if self._hidden(path):
            return False
        if any(path.is_relative_to(ignored) for ignored in self._ignored):
            return False
        return path in self._files or any(path.is_relative_to(folder) for folder in self._folders)

    def _hidden(self, path: Path) -> bool:
        """Hidden, editor lock or backup, or inside a hidden folder of the project (``.git``)."""
        project = self.builder.project
        inside = path.relative_to(project) if path.is_relative_to(project) else Path(path.name)
        return any(part.startswith((".", "#")) or part.endswith("~") for part in inside.parts)


def watch_plan(folders: list[Path], files: list[Path], project: Path) -> dict[Path, bool]:
    """Which existing folders to schedule and whether recursively.

    A single file is watched through its folder; the project folder itself is
    always watched (not recursively), so that creating a missing folder, such as
    ``templates/``, is seen and triggers the build that starts watching it.
    """
    plan = {project: False}
    for file in files:
        if file.parent.is_dir():
            plan.setdefault(file.parent, False)
    for folder in folders:
        if folder.is_dir():
            plan[folder] = True
    return plan


class LiveBuild:
    """A builder, its rebuild loop and its watcher, started and stopped together."""

    def __init__(self, project: Path, on_build: Callable[[BuildReport], None], use_cache: bool = True,
                 clean: bool = False, jobs: int = 1) -> None:
        self.builder = SiteBuilder(project, use_cache, clean, jobs)
        self.on_build = on_build
        self.loop = RebuildLoop(self.builder, self._built)
        self.watcher = ProjectWatcher(self.builder, self.loop.changed)

    def start(self) -> None:
        """Build once, then watch."""
        first = self.builder.build()
        self.watcher.start()
        self.loop.start()
        self.on_build(first)

    def stop(self) -> None:
        self.watcher.stop()
        self.loop.stop()

    def _built(self, report: BuildReport) -> None:
        self.watcher.follow()
        self.on_build(report)


@contextlib.contextmanager
def stopping_on_sigterm() -> Iterator[None]:
    """While inside, SIGTERM raises :class:`Terminated` in the main thread, so that a server or watcher
    stopped by a service manager or ``kill`` stops its watcher, rebuild loop and server as Ctrl-C does,
    instead of dying between two writes. Elsewhere than in the main thread (signals go there only) it does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def watch(project: Path, use_cache: bool = True, clean: bool = False, jobs: int = 1) -> None:
    """``timeline build --watch``: rebuild into ``output/`` on every change until Ctrl-C; the first build
    uses ``jobs`` processes."""
    resolved = project.resolve()
    live = LiveBuild(resolved, lambda report: print(describe(report, resolved), flush=True), use_cache, clean, jobs)
    with stopping_on_sigterm():
        live.start()
        print(f"Watching {resolved} (Ctrl-C to stop)", flush=True)
        try:
            threading.Event().wait()
        finally:
            live.stop()

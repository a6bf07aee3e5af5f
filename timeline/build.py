"""``timeline build``: the pipeline from source folders to a written site.

Each article is processed by :func:`process_article`, a pure function of the
file, so that results can be cached or computed in other processes; a bad
article becomes a diagnostic and never loses the others' events.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from timeline.cache import CACHE_DIR, ArticleCache, code_fingerprint, read_stamped, write_stamped
from timeline.chronology import IncrementalChronology, build_chronology, load_eras
from timeline.config import SiteConfig, load_config
from timeline.corrections import correct_events
from timeline.curated import curated_files, load_curated
from timeline.errors import ContentError
from timeline.events import extract_events
from timeline.merge import merge_events
from timeline.model import Article, Chronology, Diagnostic, Event
from timeline.paths import PathResolver, relative_path
from timeline.readers import MAX_ARTICLE_BYTES, is_article_name, read_article, slug_for
from timeline.readers.frontmatter import split_front_matter
from timeline.readers.markdown_text import render_markdown
from timeline.remerge import IncrementalMerge
from timeline.site import render_pages, render_site
from timeline.site.fragments import FragmentCache
from timeline.site.themes import resolve_theme
from timeline.site.written import WrittenSite, site_inputs
from timeline.tagger import tag_article_text


FRAGMENTS_FILE = "fragments.pickle"
CHRONOLOGY_FILE = "chronology.pickle"
SITE_FILE = "site.pickle"


@dataclass
class ArticleResult:
    """What one article contributes: itself, its events and its problems."""

    path: Path
    article: Article | None
    events: list[Event] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    key: str | None = None  # the cache key of the content the events came from, when certain: same key, same events


@dataclass
class BuildResult:
    chronology: Chronology
    output: Path
    pages: int

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.chronology.warnings if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.chronology.warnings if d.severity == "warning"]


Sources = tuple[list[Path], list[Diagnostic]]
"""The article files a build reads, in a stable order, and what is wrong with the set."""


def scan_sources(config: SiteConfig) -> Sources:
    """Article files under the configured folders, in a stable order, and what is wrong with the set.

    A symlink leading outside the project is skipped (a build publishes only the
    project's own files); two articles with the same slug are reported.
    """
    found, problems, paths = [], [], PathResolver()
    root = config.root.resolve()
    folder_inside = functools.cache(lambda folder: paths.inside(Path(folder), root))
    for folder in config.article_dirs:
        base = config.root / folder
        if not base.is_dir():
            continue
        for _, name, linked in sorted(article_files(os.fspath(base))):
            path = Path(name)
            if not (paths.inside(path, root) if linked else folder_inside(os.path.dirname(name))):
                problems.append(Diagnostic(name, None, "symlink to a file outside the project; skipped", "error"))
                continue
            found.append(path)
    return found, problems + _duplicate_slugs(found)


def article_files(base: str) -> Iterator[tuple[tuple[str, ...], str, bool]]:
    """The articles under ``base`` as ``Path.rglob`` finds them (files, and links to files; no look
    inside linked folders), each with its path's parts below ``base``, which sort as pathlib sorts
    paths, its path, and whether it is a link.

    One ``scandir`` a folder, whose entries know their type: ten thousand articles
    are found without a ``stat`` or a ``Path`` made for each of the other files.
    """
    folders = [(base, ())]
    while folders:
        folder, parts = folders.pop()
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except PermissionError:
            continue
        for entry in listed:
            if entry.is_dir() and not entry.is_symlink():
                folders.append((entry.path, (*parts, entry.name)))
            elif entry.is_file() and is_article_name(entry.name):
                yield (*parts, entry.name), entry.path, entry.is_symlink()


def _duplicate_slugs(paths: list[Path]) -> list[Diagnostic]:
    seen: dict[str, Path] = {}
    problems = []
    for path in paths:
        slug = slug_for(path)
        if slug in seen:
            problems.append(Diagnostic(str(path), None, f"same slug '{slug}' as {seen[slug]}"))
        seen.setdefault(slug, path)
    return problems


def process_article(path: Path, root: Path, language: str = "en", max_bytes: int = MAX_ARTICLE_BYTES) -> ArticleResult:
    """Read, tag and extract one article; never raises for bad content."""
    try:
        article, diagnostics = read_article(path, language, max_bytes)
    except ContentError as error:
        return ArticleResult(path, None, diagnostics=[Diagnostic(error.path, error.line, error.message, "error")])
    article = replace(article, name=relative_path(path, root))
    events = extract_events(article, tag_article_text(article), root)
    return ArticleResult(path, article, events, diagnostics)


def read_about(path: Path) -> str:
    """The about page's Markdown body as HTML (sanitised later, by the site); empty when there is none."""
    if not path.exists():
        return ""
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(path, "not valid UTF-8") from None
    _, body_start = split_front_matter(raw, path)
    return render_markdown(raw[body_start:])


Process = Callable[[Path], ArticleResult]
Mapper = Callable[[Process, Sequence[Path]], Iterable[ArticleResult]]
"""Runs one article's processing over many articles and gives the results in the articles' order
(as a list, or one by one as they are ready, so that the build files each while the rest are made).

Any engine that can map a picklable function over a list will do: this process
(:func:`in_this_process`), a pool of processes (:func:`in_processes`), a cluster
(:mod:`timeline.distributed`). The order is what keeps the output the same whatever runs it.
"""


def in_this_process(process: Process, paths: Sequence[Path]) -> list[ArticleResult]:
    return [process(path) for path in paths]


def in_processes(jobs: int) -> Mapper:
    """A mapper over ``jobs`` processes, giving each result once it and those before it are ready; one
    job (or one article) stays in this process, which starts nothing."""

    def run(process: Process, paths: Sequence[Path]) -> Iterator[ArticleResult]:
        if jobs <= 1 or len(paths) <= 1:
            yield from in_this_process(process, paths)
            return
        workers = min(jobs, len(paths))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            yield from pool.map(process, paths, chunksize=max(1, len(paths) // (workers * 4)))

    return run


def default_jobs() -> int:
    """The cores this process may use, which can be fewer than the machine has."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def process_articles(config: SiteConfig, paths: list[Path], cache: ArticleCache | None = None,
                     mapper: Mapper = in_this_process, settled: Collection[Path] = ()) -> list[ArticleResult]:
    """Every article's result, taken from ``cache`` where the article has not changed.

    Only the articles the cache misses go to ``mapper``, all at once, so that a
    pool or a cluster gets them in one batch. ``settled`` articles are known
    unchanged since the cache last saw them (see :meth:`ArticleCache.lookup`).
    When some were processed, the entries of articles as they no longer are go (see :meth:`ArticleCache.prune`).
    The results are the cache's own: the later stages set only what they work
    out anew on every build (an event's era and importance) and copy an event
    before changing anything else (:mod:`timeline.corrections` does).
    """
    process = partial(process_article, root=config.root, language=config.language,
                      max_bytes=config.max_article_bytes)
    if cache is None:
        return list(mapper(process, paths))
    looked_up = {path: cache.lookup(path, config.root, config.language, path in settled) for path in paths}
    missing = [path for path, (_, found) in looked_up.items() if found is None]
    computed = {}
    for path, result in zip(missing, mapper(process, missing)):
        cache.keep(path, config.root, config.language, looked_up[path][0], result)
        computed[path] = result
    cache.store()
    cache.save()
    if missing:
        cache.prune({key for key, _ in looked_up.values() if key is not None})
    results = [looked_up[path][1] or computed[path] for path in paths]
    for path, result in zip(paths, results):
        result.key = looked_up[path][0] if path not in computed or cache.holds(path, computed[path]) else None
    return results


def merge_results(curated: list[Event], results: list[ArticleResult], merger: IncrementalMerge | None) -> list[Event]:
    """The merged events of the curated events and the articles', by ``merger`` when there is one.

    Each article is a part under its cache key (a result without one is a part
    like no other) and labelled by its path, and the curated events one part under their own text.
    """
    if merger is None:
        return merge_events(curated + [event for result in results for event in result.events])
    parts = [(("curated", repr(curated)), curated)]
    parts += [(result.key or object(), result.events) for result in results]
    return merger.merge(parts, ["curated", *(result.path for result in results)])


def collect(config: SiteConfig, cache: ArticleCache | None = None, mapper: Mapper = in_this_process,
            merger: IncrementalMerge | None = None, sources: Sources | None = None,
            settled: Collection[Path] = (), ordering: IncrementalChronology | None = None) -> Chronology:
    """Everything but the writing: articles, curated events, eras, ordered into a chronology.

    A ``merger`` kept from the last build merges again only where articles changed, an ``ordering``
    orders again only the events that changed.
    ``sources`` is the last :func:`scan_sources` when no article was added, removed
    or renamed since; ``settled`` the articles known unchanged since ``cache`` last saw them.
    """
    paths, diagnostics = sources or scan_sources(config)
    return _collect(config, paths, diagnostics, cache, mapper, merger, settled, ordering)


def collect_remembered(config: SiteConfig, cache: ArticleCache, mapper: Mapper = in_this_process,
                       fragments: FragmentCache | None = None) -> tuple[Chronology, str | None]:
    """:func:`collect`, or the chronology the last build collected from exactly the same inputs,
    with the digest of those inputs (None when an article could not be read).

    A chronology is a pure function of the settings, the code, every article's
    key and the curated events, corrections and eras: when none of them changed,
    nothing is read, tagged or merged again. The events' digests, which key their
    rendered fragments, are remembered with it and handed to ``fragments``.
    """
    paths, diagnostics = scan_sources(config)
    key = chronology_key(config, paths, diagnostics, cache)
    store = config.root / CACHE_DIR / CHRONOLOGY_FILE
    stored = read_stamped(store, key) if key is not None else None
    fragments = fragments or FragmentCache()
    if stored is not None:
        chronology, digests = stored
        fragments.know(every_event(chronology), digests)
        return chronology, key
    chronology = _collect(config, paths, diagnostics, cache, mapper)
    if key is not None:
        write_stamped(store, key, chronology, fragments.fingerprints_of(every_event(chronology)))
    return chronology, key


def every_event(chronology: Chronology) -> list[Event]:
    return chronology.events + chronology.out_of_range


def chronology_key(config: SiteConfig, paths: list[Path], diagnostics: list[Diagnostic],
                   cache: ArticleCache) -> str | None:
    """A digest of everything a chronology is collected from; None when an article cannot be read."""
    digest = hashlib.sha256(f"{code_fingerprint()}\0{config!r}\0{diagnostics!r}\0".encode())
    try:
        for path in paths:
            digest.update(f"{path}\0{cache.keys.key(path, config.root, config.language)}\0".encode())
    except OSError:
        return None
    curated = curated_files(config.root / config.events_dir)
    for path in [*curated, config.root / config.corrections_file, config.root / config.eras_file]:
        digest.update(f"{path}\0".encode())
        digest.update(path.read_bytes() if path.is_file() else b"\0missing")
    return digest.hexdigest()


def _collect(config: SiteConfig, paths: list[Path], diagnostics: list[Diagnostic],
             cache: ArticleCache | None, mapper: Mapper, merger: IncrementalMerge | None = None,
             settled: Collection[Path] = (), ordering: IncrementalChronology | None = None) -> Chronology:
    results = process_articles(config, paths, cache, mapper, settled)
    try:
        diagnostics = diagnostics + [d for result in results for d in result.diagnostics]
        curated, problems = load_curated(config.root / config.events_dir, config.root)
        merged = merge_results(curated, results, merger)
        events, corrected = correct_events(merged, config.root / config.corrections_file)
        chronology = (ordering.build if ordering else build_chronology)(
            config, events, load_eras(config.root / config.eras_file), diagnostics + problems + corrected)
    finally:
        if cache is not None:
            cache.finish_storing()  # the results were stored while merging, in another process when many
    chronology.articles = [result.article for result in results if result.article is not None]
    return chronology


def check(project: Path) -> BuildResult:
    """Everything a build does but the writing: read, tag, order and render in memory."""
    config = load_config(project)
    chronology = collect(config)
    pages, _ = render_pages(chronology, config, read_about(config.root / config.about_file))
    return BuildResult(chronology, config.output_dir, len(pages))


def build(project: Path, output: Path | None = None, use_cache: bool = True,
          mapper: Mapper = in_this_process, clean: bool = False, jobs: int = 1) -> BuildResult:
    """Build the site of the project at ``project`` into ``output`` (default: its configured output).

    Unchanged articles, and the cards and export pieces of unchanged events, come from the project's
    cache unless ``use_cache`` is false; the other articles are processed by
    ``mapper`` (``in_processes(n)`` for n processes). With the cache, a site the last
    build wrote from the same inputs, still in place, is not written again.
    Files in the output that the tool did not write are kept unless ``clean`` is true. ``jobs`` processes
    render the fragments of a big chronology when none are kept (see :mod:`timeline.site.prerender`).
    """
    config = load_config(project)
    target = output or config.output_dir
    with cycle_collection_paused():
        if not use_cache:
            chronology = collect(config, None, mapper)
            pages = render_site(chronology, config, target, read_about(config.root / config.about_file), clean=clean,
                                jobs=jobs)
            return BuildResult(chronology, target, pages)
        fragments = FragmentCache(config.root / CACHE_DIR / FRAGMENTS_FILE)
        chronology, key = collect_remembered(config, ArticleCache(config.root), mapper, fragments)
        return BuildResult(chronology, target, write_unless_in_place(chronology, key, config, target, fragments, clean, jobs))


def write_unless_in_place(chronology: Chronology, key: str | None, config: SiteConfig, target: Path,
                          fragments: FragmentCache, clean: bool, jobs: int = 1) -> int:
    """Render and write the site, unless the last build wrote it from the same inputs and it is still in
    ``target`` untouched (:mod:`timeline.site.written`); the number of pages either way.

    ``clean`` always writes, since it must also remove what is not the tool's.
    """
    about = read_about(config.root / config.about_file)
    theme = resolve_theme(config.theme, config.root)
    written = WrittenSite(config.root / CACHE_DIR / SITE_FILE)
    inputs = site_inputs(key, theme, config.root, about, target) if key is not None and not clean else None
    pages = written.pages_in_place(inputs, target) if inputs is not None else None
    if pages is None:
        pages = render_site(chronology, config, target, about, fragments, clean=clean, jobs=jobs)
        if inputs is not None:
            written.remember(inputs, target, pages)
    return pages


@contextlib.contextmanager
def cycle_collection_paused(freeze_after: bool = False) -> Iterator[None]:
    """Run a build without Python's cycle collector, which runs again as usual afterwards.

    A build makes hundreds of thousands of long-lived objects (events, sources,
    fragments) and almost no reference cycles; the collector would walk them all
    again and again, which measured about a third of a rebuild in ``timeline serve``.
    With ``freeze_after``, what the build made is frozen first: turned back on, the
    collector would walk it all once more at its first chance, which is the exit of
    a process that ends after the build (over half a second at ten thousand articles)
    or the end of a rebuild in ``timeline serve`` (tenths of a second at a thousand).
    A builder that lives on frees the few cycles it froze with :func:`collect_frozen_cycles`.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze_after:
            gc.freeze()
        if was_enabled:
            gc.enable()


def collect_frozen_cycles() -> None:
    """Free the reference cycles among objects frozen by earlier builds.

    Frozen objects still go when nothing refers to them; only those in cycles
    (a few thousand a rebuild: template frames, caught exceptions) wait for this
    full collection, which a builder runs while it is idle rather than as a rebuild ends.
    """
    gc.unfreeze()
    gc.collect()

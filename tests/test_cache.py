"""The per-article cache: an unchanged article is never read or tagged again (counted, not timed)."""

from __future__ import annotations

import gc
import json
import os
import shutil
import threading
import weakref
from pathlib import Path

import pytest

import timeline.cache as cache_module
from timeline.build import build, collect
from timeline.cache import CACHE_DIR, ArticleCache
from timeline.config import load_config
from timeline.remerge import IncrementalMerge
from timeline.watch import SiteBuilder


def article(title: str, body: str) -> str:
    return f"---\ntitle: {title}\npublished: 2012-03-01\nsource: Test\n---\n\n{body}\n"


@pytest.fixture
def articles(project: Path) -> Path:
    """The seed project plus two Markdown articles."""
    folder = project / "content" / "articles"
    folder.mkdir(parents=True)
    (folder / "a.md").write_text(article("A", "Protests began on 15 March 2011 in Daraa."), encoding="utf-8")
    (folder / "b.md").write_text(article("B", "The army entered Homs on 4 February 2012."), encoding="utf-8")
    return project


def names(paths: list[Path]) -> list[str]:
    return [path.name for path in paths]


def test_second_build_reads_no_article_again(articles: Path, processed: list[Path]):
    build(articles)
    assert len(processed) == 3
    processed.clear()
    build(articles)
    assert processed == []
    assert any((articles / CACHE_DIR).rglob("*.pickle"))


def test_editing_one_article_processes_that_article_alone(articles: Path, processed: list[Path]):
    config = load_config(articles)
    cache = ArticleCache(config.root)
    collect(config, cache)
    processed.clear()
    (articles / "content" / "articles" / "b.md").write_text(
        article("B", "The army entered Homs on 5 February 2012."), encoding="utf-8")
    chronology = collect(config, cache)
    assert names(processed) == ["b.md"]
    assert "2012-02-05" in [event.span.value for event in chronology.events]


def _entries(project: Path) -> set[str]:
    return {path.name for path in (project / CACHE_DIR / "articles").glob("*.pickle")}


def test_a_build_that_made_new_entries_removes_those_no_article_has_any_more(articles: Path, processed: list[Path]):
    build(articles)
    first = _entries(articles)
    assert len(first) == 3
    b = articles / "content" / "articles" / "b.md"
    b.write_text(article("B", "The army entered Homs on 5 February 2012."), encoding="utf-8")
    build(articles)
    second = _entries(articles)
    assert len(second) == 3 and len(first & second) == 2
    (articles / "content" / "articles" / "a.md").unlink()
    (articles / "README.txt").write_text("not an article", encoding="utf-8")
    b.write_text(article("B", "The army entered Homs on 6 February 2012."), encoding="utf-8")
    build(articles)
    assert len(_entries(articles)) == 2 and len(_entries(articles) & second) == 1
    processed.clear()
    b.write_text(article("B", "The army entered Homs on 5 February 2012."), encoding="utf-8")
    build(articles)
    assert names(processed) == ["b.md"], "the entry of a version no article has any more is gone"


def test_a_build_with_nothing_new_removes_nothing(articles: Path):
    build(articles)
    stray = articles / CACHE_DIR / "articles" / f"{'0' * 64}.pickle"
    stray.write_bytes(b"left by other code")
    build(articles)
    assert stray.exists()
    (articles / "content" / "articles" / "a.md").write_text(article("A", "Protests began on 16 March 2011."),
                                                             encoding="utf-8")
    build(articles)
    assert not stray.exists()


def test_editing_a_sidecar_processes_its_article_again(articles: Path, processed: list[Path]):
    build(articles)
    processed.clear()
    sidecar = next((articles / "seeds").glob("*.meta.toml"))
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + '\ntags = ["edited"]\n', encoding="utf-8")
    build(articles)
    assert names(processed) == [sidecar.name.replace(".meta.toml", ".txt")]


def test_no_cache_processes_every_article(articles: Path, processed: list[Path]):
    build(articles)
    processed.clear()
    build(articles, use_cache=False)
    assert len(processed) == 3


def test_unreadable_entry_counts_as_a_miss(articles: Path, processed: list[Path]):
    build(articles)
    for entry in (articles / CACHE_DIR).rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    processed.clear()
    build(articles)
    assert len(processed) == 3


def test_cached_build_writes_the_same_site(articles: Path):
    def events_of(output: Path) -> dict:
        data = json.loads((output / "events.json").read_text(encoding="utf-8"))
        data.pop("generated")
        return data

    build(articles, articles / "fresh", use_cache=False)
    build(articles, articles / "first")
    build(articles, articles / "cached")
    assert events_of(articles / "cached") == events_of(articles / "fresh")


@pytest.mark.parametrize("incremental", [False, True], ids=["merged", "merged-incrementally"])
def test_merged_sources_do_not_leak_into_the_cached_results(articles: Path, incremental: bool):
    folder = articles / "content" / "articles"
    (folder / "c.md").write_text(article("C", "Protests began on 15 March 2011 in Daraa."), encoding="utf-8")
    config = load_config(articles)
    cache = ArticleCache(config.root)
    merger = IncrementalMerge() if incremental else None

    def sources_of_daraa() -> list[str]:
        chronology = collect(config, cache, merger=merger)
        event = next(e for e in chronology.events if "Daraa" in e.text)
        return sorted(Path(source.path).name for source in event.sources)

    assert sources_of_daraa() == ["a.md", "c.md"]
    (folder / "c.md").write_text(article("C", "Nothing happened."), encoding="utf-8")
    assert sources_of_daraa() == ["a.md"]


def test_a_long_lived_cache_answers_from_memory(articles: Path, processed: list[Path]):
    config = load_config(articles)
    cache = ArticleCache(config.root)
    collect(config, cache)
    shutil.rmtree(articles / CACHE_DIR)
    processed.clear()
    collect(config, cache)
    assert processed == []


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the articles whose bytes were read to compute their cache key."""
    seen: list[str] = []
    real = cache_module.article_key

    def counting(path: Path, root: Path, language: str) -> str:
        seen.append(path.name)
        return real(path, root, language)

    monkeypatch.setattr(cache_module, "article_key", counting)
    return seen


def test_a_new_process_finds_unchanged_articles_by_signature_without_reading_them(
        articles: Path, hashed: list[str], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(cache_module, "SETTLED_NS", 0)
    build(articles)
    hashed.clear()
    build(articles)
    assert hashed == []
    (articles / "content" / "articles" / "b.md").write_text(
        article("B", "The army entered Homs on 5 February 2012."), encoding="utf-8")
    hashed.clear()
    build(articles)
    assert set(hashed) == {"b.md"}


def test_a_same_size_edit_with_its_old_time_restored_is_still_seen(articles: Path, processed: list[Path],
                                                                   monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(cache_module, "SETTLED_NS", 0)
    build(articles)
    target = articles / "content" / "articles" / "b.md"
    before = target.stat()
    target.write_text(article("B", "The army entered Homs on 5 February 2012."), encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert target.stat().st_size == before.st_size
    processed.clear()
    build(articles)
    assert names(processed) == ["b.md"]


def test_a_just_written_article_is_read_again_rather_than_trusted_by_signature(
        articles: Path, hashed: list[str], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(cache_module, "SETTLED_NS", 10 ** 18)
    build(articles)
    hashed.clear()
    build(articles)
    assert {"a.md", "b.md"} <= set(hashed)


@pytest.fixture
def merged(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many events each merge of the builds was given."""
    import timeline.build

    sizes: list[int] = []
    real = timeline.build.merge_events

    def counting(events: list) -> list:
        sizes.append(len(events))
        return real(events)

    monkeypatch.setattr(timeline.build, "merge_events", counting)
    return sizes


def test_a_build_from_unchanged_inputs_takes_the_last_chronology_and_writes_the_same_site(
        articles: Path, processed: list[Path], merged: list[int]):
    build(articles, articles / "first")
    assert len(merged) == 1
    processed.clear()
    build(articles, articles / "second")
    assert processed == [] and len(merged) == 1
    assert (articles / "first" / "index.html").read_bytes() == (articles / "second" / "index.html").read_bytes()


@pytest.mark.parametrize("change", ["article", "curated", "eras", "corrections", "settings"])
def test_any_changed_input_collects_the_chronology_anew(articles: Path, merged: list[int], change: str):
    build(articles)
    content = articles / "content"
    if change == "article":
        (content / "articles" / "b.md").write_text(article("B", "The army entered Homs on 5 February 2012."),
                                                   encoding="utf-8")
    elif change == "curated":
        (content / "events").mkdir(exist_ok=True)
        (content / "events" / "x.md").write_text("---\ntitle: X\ndate: 2012-05-25\n---\nAn editor's event.\n",
                                                 encoding="utf-8")
    elif change == "eras":
        (content / "eras.toml").write_text('[[era]]\nname = "All"\nbegin = 2010-01-01\nend = 2024-12-31\n',
                                           encoding="utf-8")
    elif change == "corrections":
        (content / "corrections.toml").write_text("", encoding="utf-8")
    else:
        (articles / "timeline.toml").write_text('[site]\ntitle = "Renamed"\n', encoding="utf-8")
    build(articles)
    assert len(merged) == 2


def test_a_damaged_chronology_store_is_collected_anew(articles: Path, merged: list[int]):
    build(articles)
    (articles / CACHE_DIR / "chronology.pickle").write_bytes(b"\x80\x05 damaged")
    build(articles)
    assert len(merged) == 2


def test_a_build_runs_without_the_cycle_collector_and_gives_it_back(articles: Path, monkeypatch: pytest.MonkeyPatch):
    import timeline.build

    states: list[bool] = []
    real = timeline.build.render_site

    def failing(*args: object, **options: object) -> int:
        states.append(gc.isenabled())
        raise RuntimeError("render failed")

    monkeypatch.setattr(timeline.build, "render_site", failing)
    with pytest.raises(RuntimeError):
        build(articles)
    assert states == [False] and gc.isenabled()
    monkeypatch.setattr(timeline.build, "render_site", real)
    build(articles)
    assert gc.isenabled()


def test_the_build_command_leaves_its_objects_frozen_and_the_collector_as_it_was(articles: Path):
    from timeline.cli import main

    frozen = gc.get_freeze_count()
    assert main(["build", "--project", str(articles), "--jobs", "1"]) == 0
    assert gc.isenabled() and gc.get_freeze_count() > frozen
    gc.unfreeze()



class Knot:
    """An object in a reference cycle with itself, which only the cycle collector frees."""

    def __init__(self) -> None:
        self.itself = self


def test_a_builder_freezes_what_each_build_made_and_tidying_frees_frozen_cycles(articles: Path):
    builder = SiteBuilder(articles)
    frozen = gc.get_freeze_count()
    assert builder.build().ok
    assert gc.isenabled() and gc.get_freeze_count() > frozen
    gc.disable()
    witness = weakref.ref(Knot())
    gc.freeze()
    gc.enable()
    gc.collect()
    assert witness() is not None, "a usual collection leaves frozen objects alone"
    builder.tidy()
    assert witness() is None and gc.get_freeze_count() == 0 and gc.isenabled()


@pytest.fixture
def signed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the articles whose file signatures were taken: the files a build looked at."""
    seen: list[str] = []
    real = cache_module.article_signature

    def counting(path: Path) -> cache_module.Signature:
        seen.append(path.name)
        return real(path)

    monkeypatch.setattr(cache_module, "article_signature", counting)
    return seen


def test_a_builder_after_an_article_edit_looks_at_that_article_alone(articles: Path, signed: list[str],
                                                                     processed: list[Path]):
    builder = SiteBuilder(articles)
    assert builder.build().ok
    assert len(signed) == 3
    signed.clear()
    processed.clear()
    edited = articles / "content" / "articles" / "b.md"
    edited.write_text(article("B", "The army entered Homs on 5 February 2012."), encoding="utf-8")
    assert builder.build({edited}).ok
    assert signed == ["b.md"] and names(processed) == ["b.md"]
    assert "2012-02-05" in [event.span.value for event in builder.chronology.events]


def change_the_set_of_articles(project: Path, change: str) -> set[Path]:
    """Add, remove or rename an article, or edit a sidecar; the paths a watcher reports."""
    folder = project / "content" / "articles"
    added, old = folder / "c.md", folder / "b.md"
    if change == "added":
        added.write_text(article("C", "Rebels took Raqqa on 4 March 2013."), encoding="utf-8")
        return {added}
    if change == "removed":
        old.unlink()
        return {old}
    if change == "renamed":
        old.rename(added)
        return {old, added}
    seed = next((project / "seeds").glob("*.meta.toml"))
    seed.write_text(seed.read_text(encoding="utf-8").replace("2024", "2023"), encoding="utf-8")
    return {seed}


@pytest.mark.parametrize("change", ["added", "removed", "renamed", "sidecar"])
def test_a_builder_finds_the_articles_again_when_a_change_is_no_plain_edit(articles: Path, change: str):
    builder = SiteBuilder(articles)
    assert builder.build().ok
    report = builder.build(change_the_set_of_articles(articles, change))
    fresh = collect(load_config(articles))
    assert report.ok
    assert [event.id for event in builder.chronology.events] == [event.id for event in fresh.events]
    assert [event.span for event in builder.chronology.events] == [event.span for event in fresh.events]


def test_an_article_turned_into_a_link_outside_the_project_is_refused_by_the_next_rebuild(articles: Path,
                                                                                       tmp_path_factory):
    builder = SiteBuilder(articles)
    assert builder.build().ok
    outside = tmp_path_factory.mktemp("outside") / "b.md"
    outside.write_text(article("B", "Rebels took Raqqa on 4 March 2013."), encoding="utf-8")
    linked = articles / "content" / "articles" / "b.md"
    linked.unlink()
    linked.symlink_to(outside)
    report = builder.build({linked})
    assert not report.ok and "outside the project" in str(report.errors)


def test_a_builder_looks_at_every_article_again_after_a_collection_failed(articles: Path, signed: list[str],
                                                                         monkeypatch: pytest.MonkeyPatch):
    import timeline.build
    builder = SiteBuilder(articles)
    assert builder.build().ok
    folder = articles / "content" / "articles"
    real = timeline.build.merge_results

    def failing(*args: object) -> None:
        raise RuntimeError("merge failed")

    monkeypatch.setattr(timeline.build, "merge_results", failing)
    (folder / "b.md").write_text(article("B", "The army entered Homs on 5 February 2012."), encoding="utf-8")
    assert not builder.build({folder / "b.md"}).ok
    monkeypatch.setattr(timeline.build, "merge_results", real)
    signed.clear()
    (folder / "a.md").write_text(article("A", "Protests began on 16 March 2011 in Daraa."), encoding="utf-8")
    assert builder.build({folder / "a.md"}).ok
    assert len(signed) == 3
    assert {"2011-03-16", "2012-02-05"} <= {event.span.value for event in builder.chronology.events}


def test_every_kind_of_cached_object_comes_back_from_a_pickle_equal_and_of_its_class(tmp_path: Path):
    from datetime import date
    import pickle

    from timeline.model import DateSpan, Event, MergeDecision, Source

    span = DateSpan("2011-03", date(2011, 3, 1), date(2011, 3, 31), "month", "START")
    source = Source("a.md", "Title", "Wire", None, "2011-03-20", "In early March 2011 ...", "early March 2011",
                    3, 19, "2011-03-20", "publication", "month", "2011-03")
    decision = MergeDecision("e2", "e1", "e1", "similar", 0.8, 0.5, ("daraa", "protest"), "overlap")
    event = Event("e1", span, "Title", "Text", [source], ("syria",), "war", True, (3, 19), [span], [decision], 2.0)
    for value in (span, source, decision, event):
        copied = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        assert copied == value and type(copied) is type(value) and copied is not value


def _record_storing_process(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    real = ArticleCache._store

    def store(self: ArticleCache, key: str, result: object) -> None:
        with log.open("a", encoding="utf-8") as stream:
            stream.write(f"{os.getpid()}\n")
        real(self, key, result)

    monkeypatch.setattr(ArticleCache, "_store", store)


def test_many_new_results_are_stored_by_a_forked_process_while_the_build_merges(
        articles: Path, processed: list[Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    log = tmp_path / "stored-by.txt"
    _record_storing_process(monkeypatch, log)
    monkeypatch.setattr(cache_module, "STORE_APART_FROM", 1)
    build(articles)
    storers = set(log.read_text(encoding="utf-8").split())
    assert storers and str(os.getpid()) not in storers
    assert len(list((articles / CACHE_DIR / "articles").glob("*.pickle"))) == 3
    processed.clear()
    build(articles)
    assert processed == []


def test_a_process_running_other_threads_stores_its_results_itself(
        articles: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    log = tmp_path / "stored-by.txt"
    _record_storing_process(monkeypatch, log)
    monkeypatch.setattr(cache_module, "STORE_APART_FROM", 1)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        build(articles)
    finally:
        release.set()
        other.join()
    assert set(log.read_text(encoding="utf-8").split()) == {str(os.getpid())}

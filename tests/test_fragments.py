"""Event fragments (cards, bands, source lists, export pieces) are rendered once and reused, and the pages are byte for byte those of a fresh render."""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path

import jinja2
from markupsafe import Markup
import pytest

import timeline.site.exports as exports_module
import timeline.site.fragments as fragments_module
from conftest import exports, make_site_project, pages
from timeline.build import FRAGMENTS_FILE, build, collect
from timeline.cache import CACHE_DIR, read_pickle
from timeline.config import load_config
from timeline.site import render_site
from timeline.site.exports import generate_exports, records
from timeline.site.exports import registry
from timeline.site.exports.registry import ExportContext, page_pieces
from timeline.model import PER_BUILD_FIELDS, Chronology, DateSpan, Event, Source
from timeline.site.fragments import FROZEN_FIELD, FROZEN_LIST_FIELDS, VALUE_FIELDS, FragmentCache, event_content
from timeline.watch import SiteBuilder

THEME_MACROS = Path(__file__).resolve().parent.parent / "themes" / "default" / "templates" / "macros.html"


def edit_first_article(project: Path) -> None:
    article = sorted((project / "content" / "articles").glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8").replace("2011", "2012", 1), encoding="utf-8")


def test_a_rebuild_with_kept_cards_writes_the_pages_a_fresh_build_writes(tmp_path: Path):
    project = make_site_project(tmp_path / "project", many_events=1)
    builder = SiteBuilder(project)
    assert builder.build().ok
    edit_first_article(project)
    assert builder.build({sorted((project / "content" / "articles").glob("*.md"))[0]}).ok
    fresh = tmp_path / "fresh"
    build(project, fresh, use_cache=False)
    assert pages(project / "output") == pages(fresh)
    assert any(name.startswith("years/") for name in pages(fresh))


def test_an_edited_card_macro_renders_every_card_anew(tmp_path: Path):
    project = make_site_project(tmp_path / "project")
    builder = SiteBuilder(project)
    assert builder.build().ok
    templates = project / "templates"
    templates.mkdir()
    macros = THEME_MACROS.read_text(encoding="utf-8").replace('<span class="badge">curated</span>',
                                                              '<span class="badge">editor</span>')
    (templates / "macros.html").write_text(macros, encoding="utf-8")
    assert builder.build({templates / "macros.html"}).ok
    index = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert '<span class="badge">editor</span>' in index
    assert '<span class="badge">curated</span>' not in index


def render_with_store(project: Path, output: Path) -> FragmentCache:
    """One render with a fragment store, as a separate ``timeline build`` process would do it."""
    config = load_config(project)
    fragments = FragmentCache(project / CACHE_DIR / FRAGMENTS_FILE)
    render_site(collect(config), config, output, fragments=fragments)
    return fragments


class FrozenClock(datetime):
    """The same moment whenever asked: an undated event shows the build's time, so two renders in
    different seconds rightly render its pieces twice; this test is about everything else."""

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> datetime:
        return datetime(2024, 12, 25, 12, 0, 0, tzinfo=timezone.utc)


def test_stored_cards_spare_the_next_process_every_card_and_change_nothing(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(exports_module, "datetime", FrozenClock)
    project = make_site_project(tmp_path / "project", many_events=1)
    first = render_with_store(project, tmp_path / "first")
    assert first.rendered["card"] > 0 and first.rendered["json"] > 0
    assert (project / CACHE_DIR / FRAGMENTS_FILE).is_file()
    second = render_with_store(project, tmp_path / "second")
    assert sum(second.rendered.values()) == 0
    assert pages(tmp_path / "first") == pages(tmp_path / "second")
    assert exports(tmp_path / "first") == exports(tmp_path / "second")


def test_stored_cards_of_other_templates_or_a_damaged_store_are_not_used(tmp_path: Path):
    project = make_site_project(tmp_path / "project")
    render_with_store(project, tmp_path / "first")
    (project / "templates").mkdir()
    macros = THEME_MACROS.read_text(encoding="utf-8").replace('class="badge"', 'class="badge editor"')
    (project / "templates" / "macros.html").write_text(macros, encoding="utf-8")
    assert render_with_store(project, tmp_path / "edited").rendered["card"] > 0
    assert 'class="badge editor"' in (tmp_path / "edited" / "index.html").read_text(encoding="utf-8")
    (project / CACHE_DIR / FRAGMENTS_FILE).write_bytes(b"not a pickle")
    assert render_with_store(project, tmp_path / "damaged").rendered["card"] > 0
    assert pages(tmp_path / "edited") == pages(tmp_path / "damaged")


def test_a_build_renders_each_card_once_for_the_index_and_its_year_page(tmp_path: Path):
    project = make_site_project(tmp_path / "project", many_events=1)
    fragments = render_with_store(project, tmp_path / "site")
    events = collect(load_config(project))
    assert fragments.rendered["card"] == len(events.events) + len(events.out_of_range)
    assert fragments.rendered["json"] == len(events.events) + len(events.out_of_range)
    assert any(name.startswith("years/") for name in pages(tmp_path / "site"))


def test_an_edit_renders_only_the_fragments_of_what_it_changed(tmp_path: Path):
    project = make_site_project(tmp_path / "project", many_events=1)
    builder = SiteBuilder(project)
    assert builder.build().ok
    years = len(list((project / "output" / "years").glob("*.html")))
    runs = builder.fragments.rendered["run"]
    edit_first_article(project)
    assert builder.build({sorted((project / "content" / "articles").glob("*.md"))[0]}).ok
    rendered = builder.fragments.rendered
    assert 0 < rendered["card"] <= 2 and 0 < rendered["bands"] <= 2 < years
    assert rendered["source-entry"] == 1
    assert 0 < rendered["run"] < runs


@pytest.fixture
def digested(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the events whose fields were digested, in order."""
    seen: list[str] = []
    real = fragments_module.event_fingerprint

    def counting(event):
        seen.append(event.id)
        return real(event)

    monkeypatch.setattr(fragments_module, "event_fingerprint", counting)
    return seen


def test_a_build_from_unchanged_inputs_takes_the_events_digests_with_the_chronology(tmp_path: Path,
                                                                                    digested: list[str]):
    project = make_site_project(tmp_path / "project", many_events=1)
    build(project, tmp_path / "first")
    assert len(digested) == len(set(digested)) > 0
    digested.clear()
    build(project, tmp_path / "second")
    assert digested == []
    assert pages(tmp_path / "first") == pages(tmp_path / "second")


def test_a_rebuild_digests_only_the_events_that_changed(tmp_path: Path, digested: list[str]):
    project = make_site_project(tmp_path / "project", many_events=1)
    builder = SiteBuilder(project)
    assert builder.build().ok
    digested.clear()
    assert builder.build({project / "timeline.toml"}).ok
    assert digested == []
    edit_first_article(project)
    assert builder.build({sorted((project / "content" / "articles").glob("*.md"))[0]}).ok
    assert 0 < len(digested) <= 2


def test_the_store_keeps_each_years_run_of_export_pieces_not_the_pieces(tmp_path: Path):
    project = make_site_project(tmp_path / "project", many_events=1)
    render_with_store(project, tmp_path / "first")
    _, stored, _ = read_pickle(project / CACHE_DIR / FRAGMENTS_FILE)
    kinds = {kind if isinstance(kind, str) else kind[0] for _, kind in stored}
    assert {"card", "bands", "source-entry", "run"} <= kinds and not kinds & {"json", "csv", "ics", "atom"}


def add_sentence(article: Path, sentence: str) -> None:
    article.write_text(article.read_text(encoding="utf-8") + f"\n\n{sentence}\n", encoding="utf-8")


def test_an_edit_in_another_year_renders_only_its_own_cards(tmp_path: Path):
    """A year's bands taken whole from the last render keep the cards they were made of: the next edit
    there makes the bands again from those cards, rendering only the card of the event it changed."""
    project = make_site_project(tmp_path / "project", many_events=1)
    articles = project / "content" / "articles"
    builder = SiteBuilder(project)
    assert builder.build().ok
    add_sentence(articles / "01-protest.md", "Protesters returned to the square on 3 March 2011.")
    assert builder.build({articles / "01-protest.md"}).ok
    add_sentence(articles / "03-hostile.md", "A second round of talks opened on 4 June 2013.")
    assert builder.build({articles / "03-hostile.md"}).ok
    assert builder.fragments.rendered["card"] == 1
    assert [builder.fragments.rendered[kind] for kind in ("json", "csv", "timelinejs")] == [1, 1, 1]


def test_a_build_after_an_edit_in_another_year_renders_only_its_own_cards(tmp_path: Path):
    project = make_site_project(tmp_path / "project", many_events=1)
    articles = project / "content" / "articles"
    render_with_store(project, tmp_path / "first")
    add_sentence(articles / "01-protest.md", "Protesters returned to the square on 3 March 2011.")
    render_with_store(project, tmp_path / "second")
    add_sentence(articles / "03-hostile.md", "A second round of talks opened on 4 June 2013.")
    assert render_with_store(project, tmp_path / "third").rendered["card"] == 1


ATOMS = (str, int, float, bool, date, type(None))


def immutable(hint: object) -> bool:
    """Whether a value of the annotated type can never change: an atom, a union or tuple of such
    types, or a frozen dataclass whose fields are all immutable."""
    if hint in ATOMS:
        return True
    if dataclasses.is_dataclass(hint):
        return hint.__dataclass_params__.frozen and all(map(immutable, typing.get_type_hints(hint).values()))
    if typing.get_origin(hint) in (typing.Union, types.UnionType, tuple):
        return all(immutable(argument) for argument in typing.get_args(hint) if argument is not Ellipsis)
    return False


def test_the_content_key_names_every_event_field_and_each_holds_only_what_cannot_change():
    hints = typing.get_type_hints(Event)
    named = [*VALUE_FIELDS, FROZEN_FIELD, *FROZEN_LIST_FIELDS]
    assert sorted(named) == sorted(field.name for field in dataclasses.fields(Event))
    assert all(immutable(hints[name]) for name in VALUE_FIELDS)
    assert dataclasses.is_dataclass(hints[FROZEN_FIELD]) and immutable(hints[FROZEN_FIELD])
    for name in FROZEN_LIST_FIELDS:
        (item,) = typing.get_args(hints[name])
        assert typing.get_origin(hints[name]) is list and dataclasses.is_dataclass(item) and immutable(item)


def test_the_immutability_check_refuses_lists_and_mutable_dataclasses():
    assert not immutable(list[str]) and not immutable(tuple[str, list[int]]) and not immutable(Event)
    assert immutable(tuple[str, ...]) and immutable(DateSpan) and immutable(Source | None)


def sample_event() -> Event:
    span = DateSpan("2011-03", date(2011, 3, 1), date(2011, 3, 31), "month")
    source = Source("a.md", "Report", "Wire", None, "2011-04-02", "In March 2011 ...", "March 2011", 3, 13)
    return Event("e1", span, "Title", "In March 2011 ...", [source], tags=("politics",), mark=(3, 13))


def test_events_equal_field_for_field_share_a_content_key_and_any_changed_field_changes_it():
    event = sample_event()
    assert event_content(event.own_copy())[0] == event_content(event)[0]
    changes = {"title": "Other", "tags": ("economy",), "mark": None, "importance": 2.0,
               "span": dataclasses.replace(event.span), "sources": [*event.sources, event.sources[0]],
               "conflicts": [event.span]}
    for name, value in changes.items():
        changed = event.own_copy()
        setattr(changed, name, value)
        assert event_content(changed)[0] != event_content(event)[0], name


def started_cache() -> FragmentCache:
    cache = FragmentCache()
    cache.start(jinja2.Environment(loader=jinja2.DictLoader({})))
    return cache


def test_a_run_of_events_is_digested_once_a_render_however_often_it_is_asked_for(monkeypatch: pytest.MonkeyPatch):
    first, second = sample_event(), sample_event()
    second.id = "e2"
    cache, digested = started_cache(), []
    real = cache._fingerprint
    monkeypatch.setattr(cache, "_fingerprint", lambda event: digested.append(event.id) or real(event))
    assert cache.fragment([first, second], "one", lambda: "forward") == "forward"
    assert cache.fragment([first, second], "two", lambda: "again") == "again"
    assert digested == ["e1", "e2"]
    assert cache.fragment([second, first], "one", lambda: "backward") == "backward"


def exported(chronology: Chronology, project: Path, generated: datetime, cache: FragmentCache) -> dict[str, str]:
    """Every export as text, rendered as one build would with ``cache``."""
    cache.start(jinja2.Environment(loader=jinja2.DictLoader({})))
    files = {name: "".join(page_pieces(page))
             for name, page in generate_exports(chronology, load_config(project), generated, cache)}
    cache.finish()
    return files


def test_export_pieces_showing_the_build_time_and_only_they_are_made_again_at_a_new_time(tmp_path: Path):
    project = make_site_project(tmp_path / "project")
    chronology = collect(load_config(project))
    undated = [event for event in chronology.events if records.undated(event)]
    cache, first = FragmentCache(), datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
    exported(chronology, project, first, cache)
    later = exported(chronology, project, first + timedelta(seconds=1), cache)
    assert 0 < len(undated) < len(chronology.events)
    assert cache.rendered["atom"] == cache.rendered["ics"] == len(undated) and cache.rendered["json"] == 0
    assert later == exported(chronology, project, first + timedelta(seconds=1), FragmentCache())
    assert exported(chronology, project, first + timedelta(seconds=1, microseconds=5), cache) == later
    assert sum(cache.rendered.values()) == 0


def test_a_derived_value_is_computed_again_only_for_changed_events():
    event, computed = sample_event(), []
    cache = started_cache()
    assert cache.derived([event], "title", lambda: computed.append(1) or event.title) == "Title"
    cache.finish()
    cache.start(jinja2.Environment(loader=jinja2.DictLoader({})))
    same, changed = event.own_copy(), event.own_copy()
    changed.title = "Other"
    assert cache.derived([same], "title", lambda: computed.append(2) or same.title) == "Title"
    assert cache.derived([changed], "title", lambda: computed.append(3) or changed.title) == "Other"
    assert computed == [1, 3]


def test_exports_split_each_list_of_events_into_years_once_a_build(monkeypatch: pytest.MonkeyPatch):
    early, late = sample_event(), sample_event()
    late.id, late.span = "e2", DateSpan("2012", date(2012, 1, 1), date(2012, 12, 31), "year")
    context = ExportContext(None, datetime(2024, 5, 1, tzinfo=timezone.utc), started_cache())
    splits = []
    real = registry.itertools.groupby
    monkeypatch.setattr(registry.itertools, "groupby",
                        lambda *args, **kwargs: splits.append(1) or real(*args, **kwargs))
    events = [early, late]
    for kind in ("one", "two"):
        assert list(context.pieces(events, kind, lambda event: event.id, ",")) == ["e1", ",", "e2"]
    assert list(context.pieces([late, early], "one", lambda event: event.id, ",")) == ["e2", ",", "e1"]
    assert len(splits) == 2


def next_render(cache: FragmentCache) -> None:
    cache.finish()
    cache.start(jinja2.Environment(loader=jinja2.DictLoader({})))


@pytest.mark.parametrize("change", ["title set", "source appended", "conflicts mutated", "span replaced"])
def test_the_same_event_object_changed_in_place_between_renders_is_rendered_anew(change: str):
    event, rendered = sample_event(), []
    cache = started_cache()

    def render() -> str:
        rendered.append(event.title)
        return f"{event.title} {len(event.sources)} {len(event.conflicts)} {event.span.value}"

    first = cache.fragment(event, "card", render)
    next_render(cache)
    assert cache.fragment(event, "card", render) == first and len(rendered) == 1
    next_render(cache)
    if change == "title set":
        event.title = "Other"
    elif change == "source appended":
        event.sources.append(event.sources[0])
    elif change == "conflicts mutated":
        event.conflicts.append(event.span)
    else:
        event.span = DateSpan("2011", date(2011, 1, 1), date(2011, 12, 31), "year")
    assert cache.fragment(event, "card", render) != first and len(rendered) == 2


def test_an_unchanged_event_object_is_recognised_without_naming_its_fields(monkeypatch: pytest.MonkeyPatch):
    event, named = sample_event(), []
    cache = started_cache()
    real = fragments_module.event_content
    monkeypatch.setattr(fragments_module, "event_content", lambda event: named.append(event.id) or real(event))
    cache.fragment(event, "card", lambda: "card")
    next_render(cache)
    event.era, event.importance = "war", 2.0
    assert cache.fragment(event, "card", lambda: "card again") == "card again"
    next_render(cache)
    assert cache.fragment(event, "card", lambda: "stale") == "card again"
    assert named == ["e1", "e1"]


@pytest.mark.parametrize("keep_text", [False, True])
def test_a_kept_fragment_comes_back_as_rendered_held_as_text_only_by_a_cache_that_keeps_text(keep_text: bool):
    event, environment = sample_event(), jinja2.Environment(loader=jinja2.DictLoader({}))
    cache = FragmentCache(keep_text=keep_text)
    cache.start(environment)
    made = cache.template_fragment(event, "card", lambda: Markup("<p>2011–2012 “quoted”</p>"))
    cache.fragment(event, "plain", lambda: "2011–2012")
    cache.finish()
    assert all(isinstance(kept, str if keep_text else bytes) for kept in cache.kept.values())
    cache.start(environment)
    again = cache.template_fragment(event, "card", lambda: pytest.fail("rendered again"))
    assert again == made and type(again) is Markup
    assert (again is made) is keep_text
    assert type(cache.fragment(event, "plain", lambda: pytest.fail("rendered again"))) is str


def test_a_cache_keeping_text_keeps_export_pieces_it_was_not_asked_for_and_drops_those_of_events_gone(
        monkeypatch: pytest.MonkeyPatch):
    """As a render that takes a year's run whole: the run's events are digested (here by a derived value),
    their pieces not asked for."""
    monkeypatch.setattr(fragments_module, "PIECES_SLACK", -10**6)
    environment = jinja2.Environment(loader=jinja2.DictLoader({}))
    kept, gone = dataclasses.replace(sample_event(), title="kept"), dataclasses.replace(sample_event(), id="e2", title="gone")
    cache = FragmentCache(keep_text=True)

    def render(asked: list[Event], digested: list[Event]) -> None:
        cache.start(environment)
        for event in asked:
            cache.fragment(event, "json", lambda event=event: event.title, stored=False)
        cache.derived(digested, "count", lambda: len(digested))
        cache.finish()

    render([kept, gone], [])
    render([dataclasses.replace(gone, title="changed")], [kept])
    assert sorted(cache.pieces.values()) == ["changed", "kept"]
    render([kept], [])
    assert cache.rendered["json"] == 0


@pytest.mark.parametrize("change, changing", [("era", PER_BUILD_FIELDS), ("importance", PER_BUILD_FIELDS),
                                              ("importance", ("importance",))])
def test_a_cache_told_which_fields_change_in_place_renders_an_event_anew_when_one_of_them_does(
        change: str, changing: tuple[str, ...]):
    event, rendered = sample_event(), []
    cache = FragmentCache(changing=changing)
    cache.start(jinja2.Environment(loader=jinja2.DictLoader({})))

    def render() -> str:
        rendered.append(1)
        return f"{event.era} {event.importance}"

    cache.fragment(event, "card", render)
    next_render(cache)
    assert cache.fragment(event, "card", render) == "None 1.0" and len(rendered) == 1
    next_render(cache)
    setattr(event, change, "war" if change == "era" else 3.0)
    assert cache.fragment(event, "card", render) in {"war 1.0", "None 3.0"} and len(rendered) == 2


def test_a_cache_told_which_fields_change_in_place_looks_at_no_other():
    """What it spares: the title of the very object rendered last time, changed in place, goes unseen
    (the build's stages change a copy); a copy with the new title is rendered anew."""
    event = sample_event()
    cache = FragmentCache(changing=PER_BUILD_FIELDS)
    cache.start(jinja2.Environment(loader=jinja2.DictLoader({})))
    assert cache.fragment(event, "card", lambda: event.title) == "Title"
    next_render(cache)
    event.title = "Other"
    assert cache.fragment(event, "card", lambda: event.title) == "Title"
    next_render(cache)
    assert cache.fragment(event.own_copy(), "card", lambda: "copy") == "copy"

"""The incremental merge a live build keeps: always exactly what a full merge gives, for less work."""

from datetime import date, timedelta
from itertools import count

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.merge import merge_events
from timeline.remerge import IncrementalMerge
from timeline.model import DateSpan, Event, Source

WORDS = ["rebels", "captured", "city", "hama", "government", "troops", "shelled", "homs", "talks", "geneva"]
START = date(2024, 1, 1)


def _span(offset: int, granularity: str) -> DateSpan:
    """A day, a week, a month or a year, a few weeks into 2024, so that the groups of one test interact."""
    day = START + timedelta(days=offset)
    if granularity == "week":
        return DateSpan(f"{day}/w", day, day + timedelta(days=6), "week")
    if granularity == "month":
        first = day.replace(day=1)
        return DateSpan(first.strftime("%Y-%m"), first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1),
                        "month")
    if granularity == "year":
        return DateSpan("2024", START, date(2024, 12, 31), "year")
    return DateSpan(day.isoformat(), day, day, "day")


@st.composite
def reports(draw: st.DrawFn, article: str, curated: bool = False) -> list[Event]:
    """An article's (or the editors') events: a few sentences, some with two dates, from a small vocabulary."""
    events = []
    for number in range(draw(st.integers(0, 5))):
        text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=6)))
        span = _span(draw(st.integers(0, 40)), draw(st.sampled_from(["day", "day", "day", "week", "month", "year"])))
        sentence = draw(st.sampled_from([text, f"{text} again"]))
        published = draw(st.sampled_from([None, "2024-01-05", "2024-02-01"]))
        sources = [Source(article, "Report", None, None, published, sentence, span.value, number, number + 1)]
        events.append(Event(f"{article}#{number}", span, text[:20], text, sources, tags=(article,), curated=curated))
    return events


versions = count()


@st.composite
def parts(draw: st.DrawFn) -> tuple[str, list[Event]]:
    """One article's events under a key of their own, as the cache's content keys are."""
    article = f"a{draw(st.integers(0, 9))}.md"
    return f"{article}@{next(versions)}", draw(reports(article, curated=draw(st.booleans()) and article == "a0.md"))


def _full(all_parts: list[tuple[str, list[Event]]]) -> str:
    return repr(merge_events([event for _, events in all_parts for event in events]))


@settings(max_examples=150, deadline=None)
@given(st.lists(parts(), max_size=8, unique_by=lambda part: part[0]), st.data())
def test_every_merge_after_any_edits_equals_the_full_merge(start: list, data: st.DataObject):
    merger = IncrementalMerge()
    current = list(start)
    assert repr(merger.merge(current)) == _full(current)
    for _ in range(data.draw(st.integers(1, 6))):
        edit = data.draw(st.sampled_from(["remove", "add", "change"]))
        if edit == "remove" and current:
            current.pop(data.draw(st.integers(0, len(current) - 1)))
        elif edit == "change" and current:
            where = data.draw(st.integers(0, len(current) - 1))
            current[where] = data.draw(parts())
        else:
            current.insert(data.draw(st.integers(0, len(current))), data.draw(parts()))
        assert repr(merger.merge(current)) == _full(current)


def test_returned_events_are_the_kept_ones_and_the_next_merge_starts_from_them():
    """Later stages set era and importance anew on every build; the next merge gives the same objects."""
    merger = IncrementalMerge()
    event = _day_event("a.md", 0, "rebels captured the city of hama")
    [first] = merger.merge([("a", [event])])
    [second] = merger.merge([("a", [event])])
    assert second is first is event


def _day_event(article: str, day: int, text: str) -> Event:
    span = _span(day, "day")
    return Event(f"{article}#{day}", span, text, text, [Source(article, "t", None, None, None, text, span.value, 0, 1)])


def test_an_edit_matches_again_only_the_events_it_can_affect():
    """A year of reports, two a day, one a year-long summary; one edited article is matched again with the few
    reports its old and new groups could take, not with the year (the summary's group stays open all year)."""
    articles = [(f"{day}{copy}", [_day_event(f"a{day}{copy}.md", day, f"topic{day} report{day} fact{day} rebels")])
                for day in range(365) for copy in "xy"]
    summary = Event("summary", _span(0, "year"), "year", "rebels captured hama and homs",
                    [Source("summary.md", "t", None, None, None, "q", "2024", 0, 1)])
    articles.append(("summary", [summary]))
    merger = IncrementalMerge()
    merger.merge(articles)
    assert merger.matched == len(articles)
    edited = list(articles)
    edited[400] = ("200x@2", [_day_event("a200x.md", 200, "government troops shelled homs")])
    assert repr(merger.merge(edited)) == _full(edited)
    assert merger.matched <= 5


@st.composite
def new_version(draw: st.DrawFn, part: tuple[str, list[Event]]) -> tuple[str, list[Event]]:
    """The part's article saved again: some of its events kept as they were, some dropped, some new ones."""
    key, events = part
    article = key.split("@")[0]
    kept = [event for event in events if draw(st.booleans())]
    added = draw(reports(article))
    merged = draw(st.permutations(kept + added))
    return f"{article}@{next(versions)}", list(merged)


def _labels(all_parts: list[tuple[str, list[Event]]]) -> list[str]:
    return [key.split("@")[0] for key, _ in all_parts]


@settings(max_examples=150, deadline=None)
@given(st.lists(parts(), max_size=8, unique_by=lambda part: part[0]), st.data())
def test_every_merge_of_labelled_versions_equals_the_full_merge(start: list, data: st.DataObject):
    """Parts labelled by article (some articles twice at once), whose new versions keep some events; parts
    may come in another order."""
    merger = IncrementalMerge()
    current = list(start)
    assert repr(merger.merge(current, _labels(current))) == _full(current)
    for _ in range(data.draw(st.integers(1, 6))):
        edit = data.draw(st.sampled_from(["remove", "add", "save", "save", "reorder"]))
        if edit == "reorder":
            current = list(data.draw(st.permutations(current)))
        elif edit == "remove" and current:
            current.pop(data.draw(st.integers(0, len(current) - 1)))
        elif edit == "save" and current:
            where = data.draw(st.integers(0, len(current) - 1))
            current[where] = data.draw(new_version(current[where]))
        else:
            current.insert(data.draw(st.integers(0, len(current))), data.draw(parts()))
        assert repr(merger.merge(current, _labels(current))) == _full(current)


def test_a_sentence_added_to_an_article_is_the_only_change_when_parts_are_labelled():
    """The edited article's other events keep their identities: only the new one is matched again."""
    articles = [(f"a{day}@1", [_day_event(f"a{day}.md", day, f"topic{day} report{day} fact{day} rebels"),
                               _day_event(f"a{day}.md", day + 100, f"later{day} news{day} item{day} homs")])
                for day in range(200)]
    labels = [key.split("@")[0] for key, _ in articles]
    merger = IncrementalMerge()
    merger.merge(articles, labels)
    edited = list(articles)
    added = _day_event("a50.md", 300, "government troops shelled aleppo")
    edited[50] = ("a50@2", [*articles[50][1], added])
    assert repr(merger.merge(edited, labels)) == _full(edited)
    assert merger.matched == 1
    assert repr(IncrementalMerge().merge(edited)) == _full(edited)


def test_parts_that_change_places_merge_as_in_their_new_order():
    """Two versions of one report tie in the sweep's order; only the parts' order decides which comes first."""
    first = ("x@1", [_day_event("a.md", 3, "rebels captured the city of hama")])
    second = ("x@2", [_day_event("a.md", 3, "rebels captured the city of hama")])
    second[1][0].title = "another title"
    other = ("y@1", [_day_event("b.md", 9, "talks opened in geneva today")])
    merger = IncrementalMerge()
    assert repr(merger.merge([first, second, other])) == _full([first, second, other])
    assert repr(merger.merge([other, second, first])) == _full([other, second, first])

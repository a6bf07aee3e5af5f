"""Any file at all becomes an article or a diagnostic, never a crash: random bytes and random Markdown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from conftest import write_article
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.build import ArticleResult, build, process_article
from timeline.errors import ContentError
from timeline.model import Article
from timeline.readers import KNOWN_KEYS, read_article
from timeline.readers.frontmatter import sidecar_path

# The same file is rewritten by every example, so a function-scoped tmp_path is fine here.
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

FRAGMENTS = st.sampled_from([
    "# Heading\n", "## 2011\n", "* item\n", "1. first\n", "> quote\n", "```\ncode\n```\n", "---\n", "...\n",
    "On 15 March 2011 ", "yesterday ", "last week ", "in 2012 ", "Friday ", "12/03/2011 ", "the 1990s ",
    "<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "[link](javascript:alert(3))", "&amp; ", "\u00e9 ",
    "tomorrow ", "the next day ", "next year ", "a century later ", "On 31 December 9999 ", "1 January 0001 ",
    "\r\n", "\n\n", "\t", "\ufeff", "\u200b", "|a|b|\n|-|-|\n", "    indented\n", "*emphasis* ", "`code` ",
])
BODY = st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=30).map("".join)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                    st.dates(), st.sampled_from(["2011-03-20", "March 2011", "not a date", "2011-02-30", "9999-99-99"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                      max_leaves=6)
KEYS = st.one_of(st.sampled_from(sorted(KNOWN_KEYS)), st.text(min_size=1, max_size=10))
FRONT_MATTER = st.dictionaries(KEYS, VALUES, max_size=6).map(lambda meta: yaml.safe_dump(meta, allow_unicode=True))
RAW_FRONT_MATTER = st.text(max_size=80)
CALENDAR_EDGES = st.one_of(st.dates(), st.sampled_from([date.min, date.max, date(1, 1, 2), date(9999, 12, 30)]))


def _read_or_diagnose(path: Path) -> None:
    """The property itself: an article with diagnostics, or a ContentError naming the file or its sidecar."""
    try:
        article, diagnostics = read_article(path)
    except ContentError as error:
        assert error.path in (str(path), str(sidecar_path(path))) and error.message
        return
    assert isinstance(article, Article) and all(d.path and d.message for d in diagnostics)


def _processes(path: Path, root: Path) -> None:
    result = process_article(path, root)
    assert isinstance(result, ArticleResult)
    assert result.article is not None or any(d.severity == "error" for d in result.diagnostics)


@PROPERTY_SETTINGS
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".md", ".txt"]))
def test_random_bytes_become_an_article_or_a_diagnostic(tmp_path: Path, data: bytes, suffix: str):
    path = tmp_path / f"article{suffix}"
    path.write_bytes(data)
    _read_or_diagnose(path)
    _processes(path, tmp_path)


@PROPERTY_SETTINGS
@given(front=st.one_of(st.none(), FRONT_MATTER, RAW_FRONT_MATTER), body=BODY)
def test_random_markdown_becomes_an_article_or_a_diagnostic(tmp_path: Path, front: str | None, body: str):
    path = tmp_path / "article.md"
    text = body if front is None else f"---\n{front}---\n{body}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _read_or_diagnose(path)
    _processes(path, tmp_path)


@PROPERTY_SETTINGS
@given(sidecar=st.text(max_size=120), body=BODY)
def test_random_sidecar_metadata_becomes_an_article_or_a_diagnostic(tmp_path: Path, sidecar: str, body: str):
    path = tmp_path / "article.txt"
    path.write_text(body or "x", encoding="utf-8", errors="surrogatepass")
    sidecar_path(path).write_text(sidecar, encoding="utf-8", errors="surrogatepass")
    _read_or_diagnose(path)
    _processes(path, tmp_path)


@PROPERTY_SETTINGS
@given(published=CALENDAR_EDGES, body=BODY)
def test_any_publication_date_dates_the_text_without_leaving_the_calendar(tmp_path: Path, published: date, body: str):
    path = tmp_path / "article.md"
    path.write_text(f"---\ntitle: Edge\npublished: {published.isoformat()}\n---\n{body}\n", encoding="utf-8",
                    errors="surrogatepass")
    _processes(path, tmp_path)


def test_a_site_of_events_at_both_ends_of_the_calendar_builds(tmp_path: Path):
    body = "Yesterday, tomorrow, next year and three years ago. On 31 December 9999 it ended; the next day passed."
    for published in ("0001-01-01", "9999-12-31"):
        write_article(tmp_path, f"{published}.md", published, body)
    result = build(tmp_path)
    assert result.chronology.events and (tmp_path / "output" / "events.ics").exists()

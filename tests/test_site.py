"""The rendered site: real Jinja2 renders of the fixture project, checked as parsed HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import make_site_project
from html_tree import Node, parse

from timeline.build import build
from timeline.errors import ContentError

HTML_PAGES = ("index.html", "about.html", "sources.html", "404.html")


def page(output: Path, name: str) -> Node:
    return parse((output / name).read_text(encoding="utf-8"))


def events_json(output: Path) -> dict:
    return json.loads((output / "events.json").read_text(encoding="utf-8"))


def test_index_is_an_ordered_list_of_articles_one_per_event(built_site: Path):
    index = page(built_site, "index.html")
    cards = index.find_all("li", cls="event")
    assert [card.attrs["id"] for card in cards] == [f"event-{e['id']}" for e in events_json(built_site)["events"]]
    for card in cards:
        assert card.parent.tag == "ol"
        [article] = [child for child in card.children if isinstance(child, Node)]
        assert article.tag == "article" and article.find("time").attrs["datetime"]


@pytest.mark.parametrize("name", HTML_PAGES)
def test_every_page_has_landmarks_and_headings_in_order(built_site: Path, name: str):
    document = page(built_site, name)
    for landmark in ("header", "nav", "main", "footer"):
        assert document.find_all(landmark), f"{name} has no <{landmark}>"
    assert document.find("a", cls="skip").attrs["href"] == "#" + document.find("main").attrs["id"]
    levels = [int(node.tag[1]) for node in document.iter() if node.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:])), levels


def test_dates_are_shown_and_machine_readable_at_their_own_precision(built_site: Path):
    index = page(built_site, "index.html")
    times = {node.text(): node.attrs["datetime"] for node in index.find_all("p", cls="date") for node in node.find_all("time")}
    assert times["June 2010"] == "2010-06"
    assert times["15 March 2011"] == "2011-03-15"
    assert times["March 2012"] == "2012-03"


def test_event_text_marks_the_date_expression_it_was_dated_by(built_site: Path):
    card = page(built_site, "index.html").find("li", cls="event", **{"data-era": "Protests"})
    assert [mark.text() for mark in card.find_all("mark")] == ["yesterday"]


def test_event_sources_show_outlet_link_publication_quote_and_trace(built_site: Path):
    card = page(built_site, "index.html").find("li", cls="event", **{"data-era": "Protests"})
    source = card.find("ul", cls="sources")
    assert source.find("a").attrs["href"] == "https://example.org/news/protest"
    assert source.find("span", cls="outlet").text() == "Test Wire"
    assert source.find("time").attrs["datetime"] == "2011-03-16"
    trace = card.find("details", cls="traces")
    assert "protesters gathered" in trace.find("blockquote").text()
    assert "“yesterday”" in trace.text() and "content/articles/01-protest.md" in trace.text()
    assert "resolved against 2011-03-16" in trace.text()


def test_permalinks_are_unique_and_point_at_their_events(built_site: Path):
    index = page(built_site, "index.html")
    ids = [node.attrs["id"] for node in index.iter() if node.attrs.get("id")]
    assert len(ids) == len(set(ids))
    for link in index.find_all("a", cls="permalink"):
        target = link.attrs["href"][1:]
        assert target in ids and link in index.find("li", id=target).iter()


def test_events_are_grouped_by_year_and_era_band_with_navigation(built_site: Path):
    index = page(built_site, "index.html")
    years = [section.attrs["id"] for section in index.find_all("section", cls="year")]
    assert years == ["year-2010", "year-2011", "year-2012", "year-2013"]
    nav = index.find("nav", cls="jump")
    assert [a.attrs["href"] for a in nav.find("ul", cls="jump-years").find_all("a")] == [f"#{y}" for y in years]
    era_targets = [a.attrs["href"][1:] for a in nav.find("ul", cls="jump-eras").find_all("a")]
    assert era_targets == ["era-protests", "era-war"]
    eras = index.find("section", cls="eras").find_all("li")
    assert [li.find("strong").text() for li in eras] == ["Protests", "War", "Aftermath"]
    assert not eras[-1].find_all("a"), "an era without events has no band to link to"
    for target in era_targets:
        band = index.find("div", id=target)
        assert "band" in band.attrs["class"] and band.find("p", cls="band-label").text() in {"Protests", "War"}


@pytest.mark.parametrize("name", HTML_PAGES)
def test_pages_need_nothing_outside_the_site_and_carry_a_strict_csp(built_site: Path, name: str):
    document = page(built_site, name)
    csp = document.find("meta", **{"http-equiv": "Content-Security-Policy"}).attrs["content"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp
    assert not document.find_all("style") and not [n for n in document.iter() if "style" in n.attrs]
    assert all(script.attrs.get("src") for script in document.find_all("script")), "inline script"
    local = [n.attrs["href"] for n in document.find_all("link")] + [n.attrs["src"] for n in document.find_all("script")]
    links = [a.attrs["href"] for a in document.find_all("a") if "href" in a.attrs]
    local += [href for href in links if not href.startswith(("https://", "#"))]
    assert local and all(not url.startswith(("/", "http:", "//")) for url in local), local


def test_article_content_never_brings_script_or_unsafe_links_into_pages(built_site: Path):
    for path in [*built_site.glob("*.html"), built_site / "timeline.json", built_site / "feed.xml"]:
        text = path.read_text(encoding="utf-8")
        assert "javascript:" not in text, path.name
        assert "onerror=" not in text, path.name
        assert "<script>" not in text, path.name
    hostile = page(built_site, "sources.html").find_all("h2")[-1]
    assert hostile.find_all("a") == [] and "<script>alert('title')</script>" in hostile.text()


def test_about_page_is_sanitised_markdown(built_site: Path):
    about = page(built_site, "about.html").find("article", cls="about")
    assert about.find("h1").text() == "About this test site"
    assert not about.find_all("script")
    assert all("onerror" not in node.attrs for node in about.iter())
    assert [a.attrs.get("href") for a in about.find_all("a")] == [None, "https://example.org/about"]


def test_about_page_without_a_title_of_its_own_gets_one(tmp_path: Path):
    project = make_site_project(tmp_path / "project")
    (project / "content" / "about.md").write_text("---\ntitle: About\n---\nJust a paragraph.\n", encoding="utf-8")
    build(project)
    about = page(project / "output", "about.html")
    assert [h1.text() for h1 in about.find_all("h1")] == ["About"]


def test_sources_page_lists_every_article_with_links_to_its_events(built_site: Path):
    sources = page(built_site, "sources.html")
    articles = sources.find("ol", cls="articles").find_all("h2")
    assert len(articles) == 3
    ids = {f"index.html#event-{e['id']}" for e in events_json(built_site)["events"]}
    links = [a.attrs["href"] for a in sources.find("ol", cls="articles").find_all("a") if a.attrs["href"].startswith("index")]
    assert len(links) == 4 and set(links) <= ids


def test_small_chronology_has_no_year_pages_and_no_highlights_view(built_site: Path):
    assert not (built_site / "years").exists()
    assert "data-view" not in page(built_site, "index.html").find("div", cls="chronology").attrs


def test_many_events_gives_year_pages_and_a_highlights_first_index(tmp_path: Path):
    project = make_site_project(tmp_path / "project", many_events=3)
    build(project)
    output = project / "output"
    index = page(output, "index.html")
    assert index.find("div", cls="chronology").attrs["data-view"] == "highlights"
    assert index.find("button", name="view")
    ordinary = [card.find("p", cls="date").text().strip() for card in index.find_all("li", cls="event")
                if "highlight" not in card.attrs["class"].split()]
    assert ordinary == ["March 2012"], "curated events and each article's first dated event are highlights"
    year = page(output, "years/2012.html")
    assert year.find("h1").text() == "2012" and len(year.find_all("li", cls="event")) == 2
    assert year.find("link", rel="stylesheet").attrs["href"] == "../static/style.css"
    assert year.find("a", rel="prev").attrs["href"] == "../years/2011.html"
    assert "years/2012.html" in (output / "sitemap.xml").read_text(encoding="utf-8")


def test_keydates_theme_extends_default_and_renders_its_own_list(tmp_path: Path):
    project = make_site_project(tmp_path / "project", theme="keydates")
    build(project)
    output = project / "output"
    index = page(output, "index.html")
    assert index.find("body").attrs.get("class") == "keydates"
    stylesheets = [link.attrs["href"] for link in index.find_all("link", rel="stylesheet")]
    assert stylesheets == ["static/style.css", "static/keydates.css"]
    assert (output / "static" / "keydates.css").exists() and (output / "static" / "timeline.js").exists()
    entries = [entry for year in index.find_all("ol", cls="key-dates") for entry in year.find_all("li", cls="event")]
    assert [entry.attrs["id"] for entry in entries] == [f"event-{e['id']}" for e in events_json(output)["events"]]
    assert page(output, "sources.html").find("h1").text() == "Sources", "templates it does not override come from default"


def test_keydates_year_pages_list_key_dates_under_the_default_page(tmp_path: Path):
    project = make_site_project(tmp_path / "project", theme="keydates", many_events=3)
    build(project)
    year = page(project / "output", "years/2012.html")
    assert year.find("nav", cls="year-pager") and year.find("h1").text() == "2012"
    entries = year.find("ol", cls="key-dates").find_all("li", cls="event")
    assert len(entries) == 2 and all(entry.find("h3").find("a", cls="permalink") for entry in entries)


def test_site_templates_folder_overrides_a_single_theme_template(tmp_path: Path):
    project = make_site_project(tmp_path / "project")
    (project / "templates").mkdir()
    (project / "templates" / "about.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>Our own about page</h1>{% endblock %}', encoding="utf-8")
    build(project)
    assert page(project / "output", "about.html").find("h1").text() == "Our own about page"
    assert page(project / "output", "index.html").find_all("li", cls="event")


def test_template_syntax_error_names_the_template_file_and_line(tmp_path: Path):
    project = make_site_project(tmp_path / "project")
    (project / "templates").mkdir()
    (project / "templates" / "about.html").write_text('{% extends "base.html" %}\n\n{% block main %}{% if %}{% endblock %}',
                                                       encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        build(project)
    assert raised.value.path.endswith("templates/about.html") and raised.value.line == 3


def test_template_runtime_error_names_the_template_file_and_line(tmp_path: Path):
    project = make_site_project(tmp_path / "project")
    (project / "templates").mkdir()
    (project / "templates" / "about.html").write_text(
        '{% extends "base.html" %}\n{% block main %}\n{{ no_such_variable.title }}\n{% endblock %}', encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        build(project)
    assert raised.value.path.endswith("templates/about.html") and raised.value.line == 3
    assert "no_such_variable" in raised.value.message


@pytest.mark.parametrize("expression", ["{{ site.title + 1 }}", "{{ (chronology.events|length) // 0 }}"])
def test_a_template_expression_failing_in_python_names_the_template_file_and_line(tmp_path: Path, expression: str):
    project = make_site_project(tmp_path / "project")
    (project / "templates").mkdir()
    (project / "templates" / "about.html").write_text(
        f'{{% extends "base.html" %}}\n{{% block main %}}\n\n{expression}\n{{% endblock %}}', encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        build(project)
    assert raised.value.path.endswith("templates/about.html") and raised.value.line == 4
    assert raised.value.message.startswith(("template error: TypeError", "template error: ZeroDivisionError"))
    assert not (project / "output").exists()


def test_missing_theme_is_a_clear_error_naming_the_config(tmp_path: Path):
    project = make_site_project(tmp_path / "project", theme="no-such-theme")
    with pytest.raises(ContentError) as raised:
        build(project)
    assert raised.value.path.endswith("timeline.toml") and "'no-such-theme' not found" in raised.value.message
    assert "default, keydates" in raised.value.message


def colour_schemes(css: str) -> list[dict[str, str]]:
    """The custom properties of each colour scheme block (light first, then dark), as hex colours."""
    blocks = re.findall(r"(?:^|\n)\s*:root\s*\{([^}]*)\}", css)
    return [dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", block)) for block in blocks]


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", [0, 1], ids=["light", "dark"])
def test_default_theme_text_colours_meet_wcag_aa(scheme: int):
    css = (Path(__file__).resolve().parent.parent / "themes" / "default" / "static" / "style.css").read_text(encoding="utf-8")
    colours = colour_schemes(css)[scheme]
    pairs = [("fg", "bg"), ("fg", "card"), ("fg", "mark"), ("muted", "bg"), ("muted", "card"), ("accent", "bg"),
             ("accent", "card")]
    for text, background in pairs:
        assert contrast(colours[text], colours[background]) >= 4.5, (text, background)


def test_a_rebuild_reuses_the_compiled_templates_until_a_template_is_added(tmp_path: Path):
    from timeline.site.themes import make_environment, resolve_theme

    theme = resolve_theme("default", tmp_path)
    first = make_environment(theme, tmp_path)
    assert make_environment(theme, tmp_path) is first
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "about.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    assert make_environment(theme, tmp_path) is not first


def test_sources_page_finds_the_events_of_an_article_that_is_a_link_by_the_file_it_names(tmp_path: Path):
    project = make_site_project(tmp_path / "project")
    articles = project / "content" / "articles"
    first = sorted(articles.glob("*.md"))[0]
    kept = project / "archive" / first.name
    kept.parent.mkdir()
    first.rename(kept)
    first.symlink_to(kept)
    build(project)
    sources = page(project / "output", "sources.html")
    ids = {f"index.html#event-{e['id']}" for e in events_json(project / "output")["events"]}
    links = [a.attrs["href"] for a in sources.find("ol", cls="articles").find_all("a") if a.attrs["href"].startswith("index")]
    assert len(links) == 4 and set(links) <= ids
    assert any(source["path"] == f"archive/{first.name}" for e in events_json(project / "output")["events"]
               for source in e["sources"])


def test_theme_templates_pass_markup_on_without_copying_it_and_escape_everything_else() -> None:
    """A year's bands are one Markup of megabytes, output by the index and the year page alike."""
    import jinja2
    from markupsafe import Markup

    from timeline.site.themes import ThemeEnvironment

    environment = ThemeEnvironment(autoescape=True, loader=jinja2.DictLoader({
        "page.html": "{{ bands }}|{{ text }}|{{ number }}|{% autoescape false %}{{ text }}{% endautoescape %}",
    }))
    bands = Markup("<ol><li>Assad flees</li></ol>")
    pieces = list(environment.get_template("page.html").generate(bands=bands, text="<b> & 'x'", number=7))
    assert any(piece is bands for piece in pieces)
    assert "".join(pieces) == "<ol><li>Assad flees</li></ol>|&lt;b&gt; &amp; &#39;x&#39;|7|<b> & 'x'"

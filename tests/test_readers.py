from datetime import date
from pathlib import Path

import pytest
from conftest import SEED

from timeline.errors import ContentError
from timeline.paths import PathResolver
from timeline.readers import read_article


def test_seed_reads_with_sidecar_metadata():
    article, diagnostics = read_article(SEED)
    assert article.published == date(2024, 12, 26)
    assert article.published_source == "sidecar"
    assert article.source == "Daily Mail"
    assert article.title.startswith("Assad loyalists fight back")
    assert diagnostics == []


def test_seed_trailer_is_not_article_text():
    article, _ = read_article(SEED)
    assert "Read more at" not in article.text
    assert "***" not in article.text
    assert article.text.endswith("help rebuild.")


def test_sentence_broken_across_blank_line_is_joined():
    article, _ = read_article(SEED)
    assert "to ‘disperse’ the crowd." in article.text


def test_every_text_position_maps_back_to_the_same_character_in_the_file():
    article, _ = read_article(SEED)
    raw = SEED.read_text(encoding="utf-8")
    for position, character in enumerate(article.text):
        offset = article.offsets.to_file(position)
        if raw[offset] != character:
            assert character == " " and raw[offset] in "\n", (position, character)


def test_markdown_front_matter_and_plain_text(tmp_path: Path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Hello\npublished: 2011-03-16\nsource: Wire\ntags: [syria, protests]\n---\n"
                    "Protesters marched in **Damascus** [yesterday](https://example.org).\n", encoding="utf-8")
    article, diagnostics = read_article(path)
    assert (article.title, article.published, article.source, article.tags) == (
        "Hello", date(2011, 3, 16), "Wire", ("syria", "protests"))
    assert article.text.strip() == "Protesters marched in Damascus yesterday."
    raw = path.read_text(encoding="utf-8")
    start = article.text.index("yesterday")
    assert raw[article.offsets.to_file(start):article.offsets.to_file(start) + 9] == "yesterday"
    assert diagnostics == []


def test_bad_front_matter_names_file_and_line(tmp_path: Path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: ok\ntags: [unclosed\n---\nText.\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_article(path)
    assert caught.value.path == str(path)
    assert caught.value.line is not None and caught.value.line >= 3


def test_missing_publication_date_is_a_warning(tmp_path: Path):
    path = tmp_path / "undated.md"
    path.write_text("---\ntitle: Undated\n---\nSomething happened on 3 March 2011.\n", encoding="utf-8")
    article, diagnostics = read_article(path)
    assert article.published is None
    assert any("publication date" in d.message for d in diagnostics)


def test_unknown_key_warns_with_suggestion(tmp_path: Path):
    path = tmp_path / "typo.md"
    path.write_text("---\ntitle: T\npublshed: 2011-01-01\n---\nText.\n", encoding="utf-8")
    _, diagnostics = read_article(path)
    assert any("did you mean 'published'" in d.message for d in diagnostics)


def test_empty_date_key_gives_way_to_pub_date(tmp_path: Path):
    path = tmp_path / "wiki.md"
    path.write_text("---\nsubject: Timeline\npubDate: 2023-07-07 00:07\ndate: []\n---\nText.\n", encoding="utf-8")
    article, _ = read_article(path)
    assert article.published == date(2023, 7, 7)


def test_the_path_resolver_gives_what_resolve_gives_for_files_links_and_linked_folders(tmp_path: Path):
    project = tmp_path / "project"
    (project / "content" / "articles").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "far.md").write_text("x", encoding="utf-8")
    (project / "content" / "articles" / "a.md").write_text("x", encoding="utf-8")
    (project / "content" / "articles" / "link.md").symlink_to(outside / "far.md")
    (project / "content" / "linked").symlink_to(outside)
    paths = [project / "content" / "articles" / "a.md", project / "content" / "articles" / "link.md",
             project / "content" / "linked" / "far.md", project / "content" / "articles" / "missing.md",
             project / "content" / "articles" / ".." / "articles" / "a.md"]
    resolver = PathResolver()
    assert [resolver.resolve(path) for path in paths] == [path.resolve() for path in paths]
    assert resolver.relative(paths[0], project) == "content/articles/a.md"
    assert resolver.relative(paths[1], project) == paths[1].as_posix()
    assert resolver.relative(project, project) == project.relative_to(project).as_posix()
    assert resolver.relative(Path("content") / "articles" / "a.md", Path(".")) == "content/articles/a.md"
    assert resolver.inside(paths[0], project) and not resolver.inside(paths[1], project)
    assert not resolver.inside(paths[2], project) and resolver.inside(project, project)

"""Messy input gets a clear diagnostic naming the file; nothing unsafe reaches a page."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.build import build
from timeline.readers import read_article


def _timeline(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline", *args], capture_output=True, text=True)


def _article(folder: Path, name: str, body: str, published: str = "2011-03-20") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"---\ntitle: {name}\npublished: {published}\n---\n{body}\n", encoding="utf-8")
    return path


def test_windows_line_endings_keep_offsets_exact(tmp_path: Path):
    path = tmp_path / "crlf.md"
    path.write_bytes(b"---\r\ntitle: T\r\npublished: 2011-03-20\r\n---\r\nFirst line.\r\n\r\nProtests began on 15 March 2011.\r\n")
    from timeline.tagger import tag_article

    article, _ = read_article(path)
    [expression] = tag_article(article)
    assert path.read_bytes().decode()[expression.start:expression.end] == "15 March 2011"


def test_javascript_url_never_reaches_the_page(tmp_path: Path):
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    (articles / "x.md").write_text("---\ntitle: X\npublished: 2011-03-20\nurl: \"javascript:alert(1)\"\n---\n"
                                   "On 15 March 2011 <script>alert(2)</script> <img src=x onerror=alert(3)> marched.\n",
                                   encoding="utf-8")
    result = build(tmp_path)
    html = (tmp_path / "output" / "index.html").read_text(encoding="utf-8")
    assert "javascript:" not in html and "<script>alert" not in html and "<img src=x" not in html
    assert any("javascript:alert(1)" in d.message for d in result.warnings)


def test_strict_turns_warnings_into_failure(tmp_path: Path):
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    (articles / "undated.md").write_text("---\ntitle: U\n---\nProtests began on 15 March 2011.\n", encoding="utf-8")
    assert _timeline("build", "--project", str(tmp_path)).returncode == 0
    strict = _timeline("build", "--project", str(tmp_path), "--strict")
    assert strict.returncode == 1 and "undated.md" in strict.stderr


def test_check_validates_without_writing(tmp_path: Path):
    _article(tmp_path / "content" / "articles", "good.md", "Protests began on 15 March 2011.")
    (tmp_path / "content" / "articles" / "bad.md").write_text("---\ntitle: [x\n---\n", encoding="utf-8")
    done = _timeline("check", "--project", str(tmp_path))
    assert done.returncode == 1 and "bad.md:2" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "output").exists()


def test_bad_config_names_file_and_line_without_traceback(tmp_path: Path):
    (tmp_path / "timeline.toml").write_text("[site]\ntitle = \"x\"\nrange_begin = nope\n", encoding="utf-8")
    done = _timeline("build", "--project", str(tmp_path))
    assert done.returncode == 1 and "timeline.toml" in done.stderr and "Traceback" not in done.stderr


def test_missing_theme_is_a_clear_error_and_output_is_untouched(tmp_path: Path):
    _article(tmp_path / "content" / "articles", "good.md", "Protests began on 15 March 2011.")
    build(tmp_path)
    before = (tmp_path / "output" / "events.json").read_text(encoding="utf-8")
    (tmp_path / "timeline.toml").write_text("[site]\ntheme = \"nosuch\"\n", encoding="utf-8")
    done = _timeline("build", "--project", str(tmp_path))
    assert done.returncode == 1 and "theme 'nosuch' not found" in done.stderr
    assert (tmp_path / "output" / "events.json").read_text(encoding="utf-8") == before
    assert json.loads(before)["events"]


def test_invalid_toml_in_config_names_the_line(tmp_path: Path):
    (tmp_path / "timeline.toml").write_text("[site]\ntitle = \"x\"\nrange_begin = \n", encoding="utf-8")
    done = _timeline("check", "--project", str(tmp_path))
    assert done.returncode == 1 and "timeline.toml:3:" in done.stderr


def test_rebuild_swaps_the_site_in_without_a_moment_where_output_is_missing(tmp_path: Path):
    import threading

    from timeline.site.writer import write_atomically

    output = tmp_path / "output"
    write_atomically([("index.html", "first")], [], output)
    missing = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            if not (output / "index.html").exists():
                missing.append(True)

    watcher = threading.Thread(target=watch)
    watcher.start()
    for number in range(200):
        write_atomically([("index.html", f"build {number}")], [], output)
    done.set()
    watcher.join()
    assert missing == []
    assert (output / "index.html").read_text(encoding="utf-8") == "build 199"
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_an_about_page_that_is_not_utf8_names_the_file(tmp_path: Path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "about.md").write_bytes(b"---\ntitle: About\n---\nCaf\xe9\n")
    done = _timeline("build", "--project", str(tmp_path))
    assert done.returncode == 1 and "about.md" in done.stderr and "Traceback" not in done.stderr


def test_a_missing_project_folder_is_an_error_and_creates_nothing(tmp_path: Path, capsys: pytest.CaptureFixture):
    from timeline.cli import main

    missing = tmp_path / "mistyped"
    assert main(["build", "--project", str(missing)]) == 1
    assert "no such project folder" in capsys.readouterr().err
    assert not missing.exists()

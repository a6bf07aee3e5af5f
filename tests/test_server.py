"""``timeline serve`` on a real port with real files, real watchdog and a real reload client."""

from __future__ import annotations

import concurrent.futures
import http.client
import socket
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import child_theme
from serving import DEADLINE_SECONDS, ReloadClient, fetch, wait_until, write_article

from timeline.server import DevServer, ServeError, inject_script

FIRST = "The army entered Homs on 4 February 2012."
SECOND = "A ceasefire in Homs began on 9 May 2012."


@pytest.fixture
def site(project: Path) -> Path:
    write_article(project, "homs.md", FIRST)
    return project


@pytest.fixture
def server(site: Path) -> Iterator[DevServer]:
    with DevServer(site, port=0, quiet=True) as running:
        yield running


@pytest.fixture
def client(server: DevServer) -> Iterator[ReloadClient]:
    connected = ReloadClient(server.url, since=server.state.site_epoch)
    yield connected
    connected.close()


def test_port_zero_picks_a_free_port_on_localhost(server: DevServer):
    assert server.port > 0
    assert server.url == f"http://127.0.0.1:{server.port}/"
    assert fetch(server.url, "/").status == 200


def test_served_pages_carry_the_reload_script_but_output_files_do_not(server: DevServer, site: Path):
    page = fetch(server.url, "/index.html")
    assert '<script src="/__timeline/reload.js"' in page.text
    assert page.text.rstrip().endswith("</html>")
    for written in (site / "output").glob("*.html"):
        assert "__timeline" not in written.read_text(encoding="utf-8"), written.name


def test_reload_script_is_served_as_javascript(server: DevServer):
    script = fetch(server.url, "/__timeline/reload.js")
    assert script.status == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert b"EventSource" in script.body


def test_editing_an_article_reloads_clients_and_serves_the_change(server: DevServer, site: Path,
                                                                   client: ReloadClient):
    write_article(site, "homs.md", f"{FIRST} {SECOND}")
    event = client.next_event()
    assert event.event == "reload"
    assert event.id == server.state.epoch
    assert "ceasefire in Homs" in fetch(server.url, "/").text


def test_editing_one_article_reads_and_tags_that_article_alone(server: DevServer, site: Path,
                                                               client: ReloadClient, processed: list[Path]):
    write_article(site, "homs.md", f"{FIRST} {SECOND}")
    assert client.next_event().event == "reload"
    assert [path.name for path in processed] == ["homs.md"]


def test_template_change_renders_again_without_reading_articles(site: Path, processed: list[Path]):
    templates = site / "templates"
    templates.mkdir()
    (templates / "about.html").write_text('{% extends "base.html" %}{% set root = "" %}'
                                          "{% block main %}<p>first about</p>{% endblock %}", encoding="utf-8")
    with DevServer(site, port=0, use_cache=False, quiet=True) as server:
        client = ReloadClient(server.url, since=server.state.site_epoch)
        processed.clear()
        (templates / "about.html").write_text('{% extends "base.html" %}{% set root = "" %}'
                                              "{% block main %}<p>second about</p>{% endblock %}", encoding="utf-8")
        assert client.next_event().event == "reload"
        assert "second about" in fetch(server.url, "/about.html").text
        client.close()
    assert processed == []


def test_stylesheet_change_swaps_styles_without_a_reload(site: Path):
    stylesheet = child_theme(site, "plain", "body { color: black; }\n")
    with DevServer(site, port=0, quiet=True) as server:
        client = ReloadClient(server.url, since=server.state.site_epoch)
        stylesheet.write_text("body { color: navy; }\n", encoding="utf-8")
        assert client.next_event().event == "styles"
        stylesheet = fetch(server.url, "/static/style.css")
        assert stylesheet.headers["content-type"].startswith("text/css")
        assert "navy" in stylesheet.text
        client.close()


def test_bad_front_matter_shows_the_error_and_keeps_the_last_good_site(server: DevServer, site: Path,
                                                                       client: ReloadClient):
    article = site / "content" / "articles" / "homs.md"
    article.write_text("---\ntitle: [unclosed\n---\n\nText.\n", encoding="utf-8")
    event = client.next_event()
    assert event.event == "build-error"
    error = event.data["errors"][0]
    assert error["path"].endswith("homs.md")
    assert error["line"] is not None and error["message"]
    assert "army entered Homs" in fetch(server.url, "/").text

    write_article(site, "homs.md", SECOND)
    assert client.next_event().event == "reload"
    assert "ceasefire in Homs" in fetch(server.url, "/").text


def test_template_error_names_the_template_and_line(site: Path):
    templates = site / "templates"
    templates.mkdir()
    with DevServer(site, port=0, quiet=True) as server:
        client = ReloadClient(server.url, since=server.state.site_epoch)
        (templates / "about.html").write_text('{% extends "base.html" %}\n{% block main %}\n{% if %}\n{% endblock %}',
                                              encoding="utf-8")
        event = client.next_event()
        client.close()
    assert event.event == "build-error"
    error = event.data["errors"][0]
    assert error["path"].endswith("about.html")
    assert error["line"] == 3


def test_a_tab_opened_during_a_failure_sees_the_errors_at_once(server: DevServer, site: Path, client: ReloadClient):
    (site / "content" / "articles" / "homs.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    assert client.next_event().event == "build-error"
    page = fetch(server.url, "/")
    assert page.status == 200
    late = ReloadClient(server.url, since=server.state.site_epoch)
    assert late.next_event().event == "build-error"
    late.close()


def test_writing_a_temporary_file_then_renaming_it_is_one_build(server: DevServer, site: Path,
                                                                  client: ReloadClient, processed: list[Path]):
    folder = site / "content" / "articles"
    temporary = folder / ".homs.md.tmp"
    temporary.write_text(f"---\ntitle: Homs\npublished: 2012-03-01\n---\n\n{SECOND}\n", encoding="utf-8")
    temporary.replace(folder / "homs.md")
    event = client.next_event()
    assert event.event == "reload"
    assert server.state.epoch == 2
    assert [path.name for path in processed] == ["homs.md"]


@pytest.mark.parametrize("raw_path", [
    "/../timeline.toml",
    "/%2e%2e/timeline.toml",
    "/%2E%2E%2Ftimeline.toml",
    "/static/../../timeline.toml",
    "/..%5ctimeline.toml",
    "//etc/passwd",
    "/%2fetc%2fpasswd",
    "/index.html%00.css",
])
def test_paths_outside_the_output_folder_are_not_found(server: DevServer, raw_path: str):
    response = fetch(server.url, raw_path)
    assert response.status == 404
    assert b"[site]" not in response.body and b"root:" not in response.body


def test_hidden_files_such_as_the_build_manifest_are_not_served(server: DevServer, site: Path):
    assert (site / "output" / ".timeline-manifest.json").is_file()
    assert fetch(server.url, "/.timeline-manifest.json").status == 404
    assert fetch(server.url, "/index.html").status == 200


def test_symlinks_out_of_the_output_folder_are_not_followed(server: DevServer, site: Path):
    (site / "output" / "config.toml").symlink_to(site / "timeline.toml")
    (site / "output" / "project").symlink_to(site, target_is_directory=True)
    assert fetch(server.url, "/config.toml").status == 404
    assert fetch(server.url, "/project/timeline.toml").status == 404


def test_unknown_pages_get_the_sites_404_page(server: DevServer):
    response = fetch(server.url, "/no-such-page.html")
    assert response.status == 404
    assert "Page not found" in response.text
    assert "/__timeline/reload.js" in response.text


def test_files_are_served_with_their_content_types(server: DevServer):
    assert fetch(server.url, "/events.json").headers["content-type"].startswith("application/json")
    assert fetch(server.url, "/static/timeline.js").headers["content-type"].startswith("text/javascript")
    assert fetch(server.url, "/").headers["content-type"] == "text/html; charset=utf-8"


def test_head_requests_get_headers_only(server: DevServer):
    response = fetch(server.url, "/index.html", method="HEAD")
    assert response.status == 200 and response.body == b""
    assert int(response.headers["content-length"]) > 0


def test_a_port_in_use_is_a_clear_error(site: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ServeError, match=f"port {port} .* already in use.*--port 0"):
            DevServer(site, port=port, quiet=True).start()


def test_script_goes_before_the_closing_body_tag():
    page = inject_script(b"<html><body><p>x</p></BODY></html>", 7)
    assert page == b'<html><body><p>x</p><script src="/__timeline/reload.js" data-epoch="7"></script></BODY></html>'


def test_stopping_the_server_ends_open_event_streams(site: Path):
    server = DevServer(site, port=0, quiet=True)
    server.start()
    client = ReloadClient(server.url, since=server.state.site_epoch)
    server.stop()
    wait_until(lambda: not any(t.name.startswith("timeline-") for t in threading.enumerate()),
               "the server's threads to end")
    client.close()


def test_changed_settings_rebuild_with_the_new_settings(server: DevServer, site: Path, client: ReloadClient):
    config = site / "timeline.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('title = "Test"', 'title = "Renamed"'),
                      encoding="utf-8")
    assert client.next_event().event == "reload"
    assert "<title>Renamed</title>" in fetch(server.url, "/").text


def test_broken_settings_name_the_line_until_fixed(server: DevServer, site: Path, client: ReloadClient):
    config = site / "timeline.toml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good + "broken = \n", encoding="utf-8")
    event = client.next_event()
    assert event.event == "build-error"
    assert event.data["errors"][0]["path"].endswith("timeline.toml")
    config.write_text(good, encoding="utf-8")
    assert client.next_event().event == "reload"


def test_a_templates_folder_made_while_serving_is_watched(server: DevServer, site: Path, client: ReloadClient):
    (site / "templates").mkdir()
    assert client.next_event().event == "reload"
    (site / "templates" / "about.html").write_text(
        '{% extends "base.html" %}{% set root = "" %}{% block main %}<p>our own about</p>{% endblock %}',
        encoding="utf-8")
    assert client.next_event().event == "reload"
    assert "our own about" in fetch(server.url, "/about.html").text


def test_hidden_backup_and_output_files_start_no_build(server: DevServer, site: Path, client: ReloadClient):
    folder = site / "content" / "articles"
    (folder / "homs.md~").write_text("backup", encoding="utf-8")
    (folder / ".#homs.md").write_text("lock", encoding="utf-8")
    (folder / ".drafts").mkdir()
    (folder / ".drafts" / "draft.md").write_text("draft", encoding="utf-8")
    (site / "output" / "extra.html").write_text("extra", encoding="utf-8")
    write_article(site, "homs.md", SECOND)
    assert client.next_event().event == "reload"
    assert server.state.last.changed == {folder.resolve() / "homs.md"}


def _raw_status(server: DevServer, request: bytes) -> int:
    """The status code the server answers a request sent byte for byte."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=DEADLINE_SECONDS) as connection:
        connection.sendall(request)
        reply = connection.makefile("rb").readline()
    return int(reply.split()[1])


@pytest.mark.parametrize(("request_bytes", "status"), [
    (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n", 431),
    (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: 1\r\n" % n for n in range(150)) + b"\r\n", 431),
    (b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n0123456789", 413),
    (b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 413),
    (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 405),
    (b"PUT /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 405),
    (b"DELETE /index.html HTTP/1.1\r\nHost: x\r\n\r\n", 405),
])
def test_oversized_requests_bodies_and_other_methods_are_refused(server: DevServer, request_bytes: bytes,
                                                                 status: int):
    assert _raw_status(server, request_bytes) == status
    assert fetch(server.url, "/").status == 200, "the server still answers afterwards"


def test_a_reload_client_that_disconnects_abruptly_harms_no_one(server: DevServer, site: Path,
                                                                  client: ReloadClient, capfd):
    with socket.create_connection(("127.0.0.1", server.port), timeout=DEADLINE_SECONDS) as leaving:
        leaving.sendall(b"GET /__timeline/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
        assert leaving.makefile("rb").readline().split()[1] == b"200"
        leaving.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with a reset
    write_article(site, "homs.md", f"{FIRST} {SECOND}")
    assert client.next_event().event == "reload"
    write_article(site, "homs.md", FIRST)
    assert client.next_event().event == "reload"
    assert fetch(server.url, "/").status == 200
    assert "Traceback" not in capfd.readouterr().err


def _open_event_stream(server: DevServer) -> int:
    """The status of the reload endpoint's answer; the stream itself is left at once."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=DEADLINE_SECONDS)
    try:
        connection.request("GET", "/__timeline/events")
        response = connection.getresponse()
        assert response.getheader("Content-Type", "").startswith("text/event-stream")
        return response.status
    finally:
        connection.close()


def test_a_burst_of_a_hundred_concurrent_requests_is_answered_in_full(server: DevServer):
    paths = ["/", "/index.html", "/events.json", "/about.html", "/nowhere"]
    start = threading.Barrier(100, timeout=DEADLINE_SECONDS)

    def request(number: int) -> int:
        start.wait()
        if number % 5 == 0:
            return _open_event_stream(server)
        return fetch(server.url, paths[number % len(paths)]).status

    with concurrent.futures.ThreadPoolExecutor(max_workers=100) as pool:
        statuses = list(pool.map(request, range(100)))
    expected = [404 if n % 5 and paths[n % len(paths)] == "/nowhere" else 200 for n in range(100)]
    assert statuses == expected

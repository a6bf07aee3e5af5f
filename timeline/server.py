"""``timeline serve``: the site over HTTP, rebuilt on every change, with every open tab reloaded.

A threaded server from the standard library serves ``output/`` and nothing
outside it. Pages are sent with a script tag added before ``</body>``; the
files on disk never change. The script (served from a reserved path, since the
theme's Content-Security-Policy allows only same-origin scripts) listens to
server-sent events from ``/__timeline/events``: ``reload`` after a rebuild,
``styles`` when only CSS changed, ``build-error`` with the file, line and message
of a failed build, whose overlay stays until a good build reloads the page.
"""

from __future__ import annotations

import errno
import json
import mimetypes
import socket
import sys
import threading
import webbrowser
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from timeline.watch import BuildReport, LiveBuild, SiteBuilder, describe, stopping_on_sigterm

RESERVED = "/__timeline/"
SCRIPT_PATH = RESERVED + "reload.js"
EVENTS_PATH = RESERVED + "events"
KEEPALIVE_SECONDS = 15.0
SHUTDOWN_POLL_SECONDS = 0.05
TEXT_TYPES = ("text/", "application/json", "application/javascript", "image/svg+xml")
ALLOWED_METHODS = ("GET", "HEAD")
PENDING_CONNECTIONS = 128


class ServeError(Exception):
    """The server cannot start; the message says what to do instead."""


@dataclass(frozen=True)
class Notice:
    """What a tab that has seen builds up to some epoch should be told now."""

    epoch: int
    event: str
    data: dict


class BuildState:
    """The builds so far, as the open tabs need them; event streams wait on it.

    ``epoch`` counts builds, ``site_epoch`` is the last good one (what the files
    on disk show) and ``page_epoch`` the last one a stylesheet swap cannot
    follow: a page change, or the good build that ends a run of failures.
    """

    def __init__(self) -> None:
        self._condition = threading.Condition(threading.RLock())
        self.epoch = 0
        self.site_epoch = 0
        self.page_epoch = 0
        self.last: BuildReport | None = None
        self.closed = False

    def publish(self, report: BuildReport) -> None:
        with self._condition:
            self.epoch += 1
            if report.ok:
                failed_before = self.last is not None and not self.last.ok
                self.site_epoch = self.epoch
                if not report.styles_only or failed_before:
                    self.page_epoch = self.epoch
            self.last = report
            self._condition.notify_all()

    def close(self) -> None:
        """Release every waiting stream, so the server can shut down."""
        with self._condition:
            self.closed = True
            self._condition.notify_all()

    def notice_since(self, seen: int) -> Notice | None:
        """What a tab that has seen builds up to ``seen`` must do, if anything."""
        with self._condition:
            report = self.last
            if seen >= self.epoch or report is None:
                return None
            timing = {"epoch": self.epoch, "finished": report.finished, "seconds": report.seconds}
            if not report.ok:
                errors = [{"path": e.path, "line": e.line, "message": e.message} for e in report.errors]
                return Notice(self.epoch, "build-error", {**timing, "errors": errors})
            return Notice(self.epoch, "reload" if self.page_epoch > seen else "styles", timing)

    def wait_for_notice(self, seen: int, timeout: float) -> Notice | None:
        """Block until there is news for a tab that has seen ``seen``, the timeout passes, or close."""
        with self._condition:
            self._condition.wait_for(lambda: self.closed or self.epoch > seen, timeout)
            return None if self.closed else self.notice_since(seen)


def reload_script() -> bytes:
    return resources.files("timeline").joinpath("livereload.js").read_bytes()


def inject_script(html: bytes, epoch: int) -> bytes:
    """The page with the reload script before its last ``</body>`` (or at its end)."""
    tag = f'<script src="{SCRIPT_PATH}" data-epoch="{epoch}"></script>'.encode()
    position = html.lower().rfind(b"</body>")
    if position < 0:
        return html + tag
    return html[:position] + tag + html[position:]


def resolve_request(output: Path, url_path: str) -> Path | None:
    """The file under ``output`` that a URL path names, or None.

    None for anything that would leave the folder: ``..`` in any spelling once
    decoded, backslashes, NUL bytes, or a symlink pointing outside; and for hidden
    files (the build's own manifest is not part of the site).
    """
    path = unquote(urlsplit(url_path).path)
    if "\0" in path or "\\" in path:
        return None
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if any(part.startswith(".") for part in parts):
        return None
    root = output.resolve()
    target = root.joinpath(*parts)
    if target.is_dir():
        target = target / "index.html"
    real = target.resolve()
    if not real.is_relative_to(root) or not real.is_file():
        return None
    return real


def content_type(path: Path) -> str:
    guessed = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith(TEXT_TYPES) else guessed


class SiteRequestHandler(BaseHTTPRequestHandler):
    """Serves the built site, the reload script and the build event stream."""

    server: SiteHTTPServer

    def parse_request(self) -> bool:
        """Refuse what a static site never needs: methods other than GET and HEAD (405), and request bodies (413).

        The standard library already bounds the rest: a request line over 64 KiB
        gets 414, a header line over 64 KiB or more than 100 headers get 431.
        """
        if not super().parse_request():
            return False
        if self.command not in ALLOWED_METHODS:
            self._refuse(HTTPStatus.METHOD_NOT_ALLOWED, {"Allow": ", ".join(ALLOWED_METHODS)})
            return False
        if self.headers.get("Transfer-Encoding") or self.headers.get("Content-Length", "0").strip() != "0":
            self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {})
            return False
        return True

    def _refuse(self, status: HTTPStatus, headers: dict[str, str]) -> None:
        """An empty error response; the connection is closed, since any unread body would follow on it."""
        self.close_connection = True
        self.send_response(status)
        for name, value in {**headers, "Content-Length": "0", "Connection": "close"}.items():
            self.send_header(name, value)
        self.end_headers()

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal shows builds, not every request."""

    def _respond(self, with_body: bool) -> None:
        path = urlsplit(self.path).path
        if path == SCRIPT_PATH:
            self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", reload_script(), with_body)
        elif path == EVENTS_PATH and with_body:
            self._stream_events()
        else:
            self._send_file(with_body)

    def _send_file(self, with_body: bool) -> None:
        output = self.server.builder.output_dir
        found = resolve_request(output, self.path)
        status = HTTPStatus.OK
        if found is None:
            status, found = HTTPStatus.NOT_FOUND, resolve_request(output, "/404.html")
        if found is None:
            self._send(status, "text/html; charset=utf-8", self._page(b"<h1>Not found</h1>"), with_body)
            return
        body = found.read_bytes()
        kind = content_type(found)
        if kind.startswith("text/html"):
            body = self._page(body)
        self._send(status, kind, body, with_body)

    def _page(self, html: bytes) -> bytes:
        return inject_script(html, self.server.state.site_epoch)

    def _send(self, status: HTTPStatus, kind: str, body: bytes, with_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def _seen_epoch(self) -> int:
        """The last build the tab knows: EventSource resends the last ``id`` when it reconnects."""
        raw = self.headers.get("Last-Event-ID") or parse_qs(urlsplit(self.path).query).get("since", [""])[0]
        return int(raw) if raw.isdigit() else self.server.state.site_epoch

    def _stream_events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = self._seen_epoch()
        state = self.server.state
        notice = state.notice_since(seen)
        while not state.closed:
            self._write_notice(notice)
            seen = notice.epoch if notice else seen
            notice = state.wait_for_notice(seen, KEEPALIVE_SECONDS)

    def _write_notice(self, notice: Notice | None) -> None:
        """An event, or a comment line that keeps the connection open and detects a closed tab."""
        if notice is None:
            message = ": keep-alive\n\n"
        else:
            message = f"id: {notice.epoch}\nevent: {notice.event}\ndata: {json.dumps(notice.data)}\n\n"
        self.wfile.write(message.encode())
        self.wfile.flush()


class SiteHTTPServer(ThreadingHTTPServer):
    """One thread per connection (event streams stay open); threads never delay exit.

    The listen backlog is raised from the standard five so that a burst of tabs
    and assets connecting at once is queued rather than refused.
    """

    daemon_threads = True
    request_queue_size = PENDING_CONNECTIONS

    def __init__(self, address: tuple[str, int], builder: SiteBuilder, state: BuildState) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.builder = builder
        self.state = state
        super().__init__(address, SiteRequestHandler)

    def handle_error(self, request: object, client_address: object) -> None:
        """A tab closed or reloaded mid-response is routine, not worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class DevServer:
    """Builds a project, serves it, and rebuilds and reloads on every change until stopped."""

    def __init__(self, project: Path, host: str = "127.0.0.1", port: int = 8000, use_cache: bool = True,
                 quiet: bool = False, jobs: int = 1) -> None:
        self.host = host
        self.port = port
        self.quiet = quiet
        self.state = BuildState()
        self.live = LiveBuild(project, self._built, use_cache, jobs=jobs)
        self.httpd: SiteHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def start(self) -> None:
        """Bind first (a taken port fails before any work), then build, then serve and watch."""
        self.httpd = bind(self.host, self.port, self.live.builder, self.state)
        self.port = self.httpd.server_address[1]
        self.live.start()
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(SHUTDOWN_POLL_SECONDS,),
                                        name="timeline-http", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop watching, end the event streams, then stop serving."""
        self.live.stop()
        self.state.close()
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
        if self._thread is not None:
            self._thread.join()

    def __enter__(self) -> DevServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _built(self, report: BuildReport) -> None:
        if not self.quiet:
            print(describe(report, self.live.builder.project), flush=True)
        self.state.publish(report)


def bind(host: str, port: int, builder: SiteBuilder, state: BuildState) -> SiteHTTPServer:
    """The listening server, or a :class:`ServeError` that says what to do instead."""
    try:
        return SiteHTTPServer((host, port), builder, state)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise ServeError(f"port {port} on {host} is already in use: stop the program using it, "
                             f"pick another with --port, or use --port 0 for any free port") from None
        raise ServeError(f"cannot listen on {host}:{port}: {error.strerror}") from None


def serve(project: Path, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
          use_cache: bool = True, jobs: int = 1) -> None:
    """Serve until Ctrl-C (or SIGTERM); the first build uses ``jobs`` processes."""
    server = DevServer(project, host, port, use_cache, jobs=jobs)
    with stopping_on_sigterm():
        server.start()
        print(f"Serving {server.url} (Ctrl-C to stop)", flush=True)
        if open_browser:
            webbrowser.open(server.url)
        try:
            threading.Event().wait()
        finally:
            server.stop()

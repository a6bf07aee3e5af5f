"""Helpers for tests of the dev server: a live project, a reload-endpoint client, polling with deadlines."""

from __future__ import annotations

import http.client
import json
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

DEADLINE_SECONDS = 15.0


def markdown_article(title: str, body: str, published: str = "2012-03-01") -> str:
    return f"---\ntitle: {title}\npublished: {published}\nsource: Test\n---\n\n{body}\n"


def write_article(project: Path, name: str, body: str) -> Path:
    path = project / "content" / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown_article(name, body), encoding="utf-8")
    return path


def wait_until(condition: Callable[[], object], what: str, deadline: float = DEADLINE_SECONDS) -> object:
    """Poll ``condition`` until it returns something true; fail naming ``what`` after the deadline."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        result = condition()
        if result:
            return result
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(base_url: str, raw_path: str, method: str = "GET") -> Response:
    """A request with the path sent exactly as given (no client-side normalisation of ``..``)."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=DEADLINE_SECONDS)
    try:
        connection.request(method, raw_path)
        response = connection.getresponse()
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        connection.close()


@dataclass(frozen=True)
class ServerEvent:
    id: int
    event: str
    data: dict


class ReloadClient:
    """Connects to the reload endpoint as a browser's EventSource does and collects its events."""

    def __init__(self, base_url: str, since: int) -> None:
        address = urlsplit(base_url)
        self.connection = http.client.HTTPConnection(address.hostname, address.port, timeout=DEADLINE_SECONDS)
        self.connection.request("GET", f"/__timeline/events?since={since}", headers={"Accept": "text/event-stream"})
        self.response = self.connection.getresponse()
        self.events: queue.Queue[ServerEvent] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        fields: dict[str, str] = {}
        try:
            for raw in self.response:
                line = raw.decode("utf-8").rstrip("\n")
                if not line:
                    if "event" in fields:
                        self.events.put(ServerEvent(int(fields["id"]), fields["event"], json.loads(fields["data"])))
                    fields = {}
                elif not line.startswith(":"):
                    name, _, value = line.partition(": ")
                    fields[name] = value
        except OSError:
            return

    def next_event(self, deadline: float = DEADLINE_SECONDS) -> ServerEvent:
        try:
            return self.events.get(timeout=deadline)
        except queue.Empty:
            raise AssertionError("no event from the reload endpoint before the deadline") from None

    def close(self) -> None:
        self.connection.close()


class Command:
    """``timeline ARGS`` in a child process that, like a terminal, stops on SIGINT.

    SIGINT's Python handler is installed explicitly: a child started from a
    background job would otherwise inherit SIGINT as ignored.
    """

    def __init__(self, *args: str) -> None:
        launcher = ("import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
                    "from timeline.cli import main; sys.exit(main(sys.argv[1:]))")
        self.process = subprocess.Popen([sys.executable, "-c", launcher, *args], stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for_line(self, pattern: str, deadline: float = DEADLINE_SECONDS) -> re.Match:
        """The first line of output matching ``pattern``; the lines before it are skipped."""
        end = time.monotonic() + deadline
        seen = []
        while (remaining := end - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=remaining)
            except queue.Empty:
                break
            seen.append(line)
            found = re.search(pattern, line)
            if found:
                return found
        raise AssertionError(f"no line matching {pattern!r} in {''.join(seen)!r}")

    def interrupt(self, deadline: float = DEADLINE_SECONDS) -> int:
        """Press Ctrl-C and return the exit code."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=deadline)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

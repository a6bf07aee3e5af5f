"""How long an edit takes to reach the browser under ``timeline serve``.

Starts ``timeline serve --port 0`` on a copy of the repository's demo project and
on a generated project of 1,000 articles (benchmarks/corpus.py, from a seed; nothing is
downloaded), connects to the reload endpoint as a browser tab does, then saves
one article several times and measures, from the moment of each save:

(a) the end of the rebuild (the time the server stamps on its reload event), and
(b) the arrival of the reload event at the connected client.

Prints the median and the spread of each. Run from the repository:

    python benchmarks/serve_latency.py [--edits 9] [--articles 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_project  # noqa: E402
from gauge import machine_gauge  # noqa: E402

REPOSITORY = Path(__file__).resolve().parent.parent
DEMO_PARTS = ("timeline.toml", "seeds", "content", "templates")
START_DEADLINE_SECONDS = 600.0
EVENT_DEADLINE_SECONDS = 60.0

def copy_demo(folder: Path) -> Path:
    """The demo's own files; its theme is the built-in one."""
    folder.mkdir()
    for part in DEMO_PARTS:
        source = REPOSITORY / part
        if source.is_dir():
            shutil.copytree(source, folder / part)
        elif source.is_file():
            shutil.copy2(source, folder / part)
    return folder


@dataclass(frozen=True)
class Edit:
    rebuilt: float
    reloaded: float


class ReloadEvents:
    """The reload endpoint, read as a browser's EventSource reads it."""

    def __init__(self, url: str) -> None:
        address = urlsplit(url)
        self.connection = http.client.HTTPConnection(address.hostname, address.port, timeout=EVENT_DEADLINE_SECONDS)
        self.connection.request("GET", "/__timeline/events")
        self.response = self.connection.getresponse()

    def next_event(self) -> tuple[str, dict]:
        fields: dict[str, str] = {}
        for raw in self.response:
            line = raw.decode("utf-8").rstrip("\n")
            if not line and "event" in fields:
                return fields["event"], json.loads(fields["data"])
            if line and not line.startswith(":"):
                name, _, value = line.partition(": ")
                fields[name] = value
        raise RuntimeError("the reload endpoint closed")

    def close(self) -> None:
        self.connection.close()


class Server:
    """``timeline serve --port 0`` in a child process."""

    def __init__(self, project: Path) -> None:
        started = time.perf_counter()
        self.process = subprocess.Popen([sys.executable, "-m", "timeline", "serve", "--project", str(project),
                                         "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.url = self._wait_for_address()
        self.startup = time.perf_counter() - started

    def _wait_for_address(self) -> str:
        deadline = time.monotonic() + START_DEADLINE_SECONDS
        for line in self.process.stdout:
            found = re.search(r"Serving (\S+)", line)
            if found:
                return found.group(1)
            if time.monotonic() > deadline:
                break
        raise RuntimeError("timeline serve did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def measure(project: Path, article: Path, edits: int) -> tuple[float, list[Edit]]:
    """Save ``article`` ``edits`` times, each with one more dated sentence; time each save."""
    server = Server(project)
    events = ReloadEvents(server.url)
    original = article.read_text(encoding="utf-8")
    measured = []
    try:
        for number in range(edits):
            text = original + f"\nThe council met again on {number + 1} June 2013.\n"
            saved = time.time()
            article.write_text(text, encoding="utf-8")
            kind, data = events.next_event()
            received = time.time()
            if kind != "reload":
                raise RuntimeError(f"expected a reload after the save, got {kind}: {data}")
            measured.append(Edit(data["finished"] - saved, received - saved))
    finally:
        events.close()
        server.stop()
    return server.startup, measured


def milliseconds(values: list[float]) -> str:
    ms = sorted(value * 1000 for value in values)
    return f"median {statistics.median(ms):6.0f} ms (min {ms[0]:.0f}, max {ms[-1]:.0f})"


def report(name: str, articles: int, startup: float, measured: list[Edit]) -> None:
    print(f"{name}: {articles} articles, first build and start {startup:.1f} s, {len(measured)} edits")
    print(f"  (a) save -> rebuilt:         {milliseconds([edit.rebuilt for edit in measured])}")
    print(f"  (b) save -> reload received: {milliseconds([edit.reloaded for edit in measured])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=9, help="saves per project (default 9)")
    parser.add_argument("--articles", type=int, default=1000, help="articles in the generated project")
    parser.add_argument("--seed", type=int, default=7, help="seed of the generated project")
    args = parser.parse_args()
    print(machine_gauge("before"), flush=True)
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as scratch:
        demo = copy_demo(Path(scratch) / "demo")
        seed = sorted((demo / "seeds").glob("*.txt"))[0]
        demo_articles = [seed, *(demo / "content" / "articles").glob("*.md")]
        report("demo (the seed article edited)", len(demo_articles), *measure(demo, seed, args.edits))
        generated = make_project(Path(scratch) / "generated", args.articles, args.seed)
        articles = sorted((generated / "content" / "articles").glob("*.md"))
        report("generated", len(articles), *measure(generated, articles[len(articles) // 2], args.edits))
    print(machine_gauge("after"), flush=True)


if __name__ == "__main__":
    main()

"""The ``timeline`` command: a thin layer over functions a user could call from Python."""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from timeline import __version__
from timeline.errors import ContentError, Terminated

if TYPE_CHECKING:
    from timeline.build import BuildResult


def _reference(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-12-26") from None


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (1 or more)")
    return jobs


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="timeline", description="Date the events news articles report and publish a chronology.")
    main.add_argument("--version", action="version", version=f"timeline {__version__}")
    main.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = main.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build the site into output/")
    build.add_argument("--project", type=Path, default=Path("."), help="project folder (default: here)")
    build.add_argument("--output", type=Path, help="output folder (default: the project's output/)")
    build.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings too, for CI")
    build.add_argument("--clean", action="store_true", help="also delete files in the output that timeline did not write")

    check = commands.add_parser("check", help="validate a project without writing anything")
    check.add_argument("--project", type=Path, default=Path("."), help="project folder (default: here)")
    check.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings too")
    build.add_argument("--no-cache", action="store_true", help="read and tag every article, ignoring .timeline-cache/")
    build.add_argument("--watch", action="store_true", help="rebuild on every change until Ctrl-C")
    build.add_argument("--jobs", type=_jobs, help="processes that read and tag articles and render a big site afresh (default: this machine's cores)")

    serve = commands.add_parser("serve", help="build, serve on localhost, rebuild and reload the browser on changes")
    serve.add_argument("--project", type=Path, default=Path("."), help="project folder (default: here)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    serve.add_argument("--open", action="store_true", help="open the site in a browser")
    serve.add_argument("--no-cache", action="store_true", help="read and tag every article, ignoring .timeline-cache/")
    serve.add_argument("--jobs", type=_jobs, help="processes for the first build (default: this machine's cores)")

    extract = commands.add_parser("extract", help="list the temporal expressions of articles")
    extract.add_argument("files", nargs="+", type=Path)
    extract.add_argument("--reference-date", type=_reference, help="resolve against this date instead of the publication date")
    extract.add_argument("--json", action="store_true", help="machine-readable output")

    evaluate = commands.add_parser("evaluate", help="score a tagger against TimeML gold (JSON lines)")
    evaluate.add_argument("gold", type=Path)
    evaluate.add_argument("--system", choices=("timeline", "dateparser"), default="timeline")
    evaluate.add_argument("--json", action="store_true", help="machine-readable output")
    events = commands.add_parser("events", help="list the chronology's events, or explain one")
    events.add_argument("--project", type=Path, default=Path("."), help="project folder (default: here)")
    events.add_argument("--explain", metavar="ID", help="show the sources of one event and why they were merged")
    events.add_argument("--from", dest="begin", type=_reference, help="only events on or after this date")
    events.add_argument("--to", dest="end", type=_reference, help="only events on or before this date")
    events.add_argument("--json", action="store_true", help="machine-readable output")
    events.add_argument("--no-cache", action="store_true", help="read and tag every article, ignoring .timeline-cache/")

    new = commands.add_parser("new", help="scaffold a new project")
    new.add_argument("directory", type=Path)

    return main


def _report(result: BuildResult, strict: bool) -> int:
    """Print the diagnostics; the exit code is 1 on errors, and on warnings too when strict."""
    for diagnostic in result.chronology.warnings:
        print(diagnostic, file=sys.stderr)
    return 1 if result.errors or (strict and result.warnings) else 0


def run_build(args: argparse.Namespace) -> int:
    from timeline.build import (
        build,
        cycle_collection_paused,
        default_jobs,
        in_processes,
    )

    if args.watch:
        return run_watch(args)
    jobs = args.jobs or default_jobs()
    with cycle_collection_paused(freeze_after=True):
        result = build(args.project, args.output, use_cache=not args.no_cache,
                       mapper=in_processes(jobs), clean=args.clean, jobs=jobs)
    chronology = result.chronology
    print(f"Built {len(chronology.events)} events ({len(chronology.out_of_range)} outside the range) "
          f"from {len(chronology.articles)} articles into {result.output.resolve()}")
    return _report(result, args.strict)


def run_check(args: argparse.Namespace) -> int:
    from timeline.build import check

    result = check(args.project)
    chronology = result.chronology
    print(f"Checked {len(chronology.articles)} articles: {len(chronology.events)} events, "
          f"{len(result.errors)} errors, {len(result.warnings)} warnings")
    return _report(result, args.strict)


def run_watch(args: argparse.Namespace) -> int:
    from timeline.build import default_jobs
    from timeline.watch import watch

    if args.output is not None:
        print("error: --watch builds into the project's configured output folder; drop --output", file=sys.stderr)
        return 1
    watch(args.project, use_cache=not args.no_cache, clean=args.clean, jobs=args.jobs or default_jobs())
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from timeline.build import default_jobs
    from timeline.server import ServeError, serve

    try:
        serve(args.project, args.host, args.port, args.open, use_cache=not args.no_cache,
              jobs=args.jobs or default_jobs())
    except ServeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def run_extract(args: argparse.Namespace) -> int:
    from timeline.extract import extract_files, format_text

    records, problems = extract_files(args.files, args.reference_date)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(json.dumps(records, ensure_ascii=False, indent=1) if args.json else format_text(records))
    return 1 if any(p.severity == "error" for p in problems) else 0


def run_evaluate(args: argparse.Namespace) -> int:
    from timeline.evaluate import SYSTEMS, evaluate, format_scores, read_gold

    total, _ = evaluate(read_gold(args.gold), SYSTEMS[args.system])
    scores = total.scores()
    print(json.dumps(scores, indent=1) if args.json else format_scores(args.system, scores))
    return 0


def run_events(args: argparse.Namespace) -> int:
    from timeline.build import collect, collect_remembered
    from timeline.cache import ArticleCache
    from timeline.config import load_config
    from timeline.listing import events_json, explain, find_event, format_table, select

    config = load_config(args.project)
    chronology = collect(config) if args.no_cache else collect_remembered(config, ArticleCache(config.root))[0]
    for diagnostic in chronology.warnings:
        print(diagnostic, file=sys.stderr)
    if args.explain:
        event = find_event(chronology, args.explain)
        if event is None:
            print(f"error: no event has the id '{args.explain}' (run 'timeline events' to list them)", file=sys.stderr)
            return 1
        print(explain(event, out_of_range=event in chronology.out_of_range))
        return 0
    events = select(chronology.events, args.begin, args.end)
    print(json.dumps(events_json(events), ensure_ascii=False, indent=1) if args.json else format_table(events))
    return 0


def run_new(args: argparse.Namespace) -> int:
    from timeline.scaffold import scaffold

    scaffold(args.directory)
    print(f"Created a project in {args.directory}; run: timeline build --project {args.directory}")
    return 0


COMMANDS = {"build": run_build, "check": run_check, "serve": run_serve, "extract": run_extract,
            "evaluate": run_evaluate, "events": run_events, "new": run_new}


def run() -> NoReturn:
    """The ``timeline`` command: :func:`main`, then an exit that does not tear the interpreter down.

    A build leaves millions of objects, and freeing them one by one as Python
    exits took half a second at ten thousand articles, for a process that ends
    anyway. What was printed is flushed first.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except ContentError as error:
        if args.debug:
            traceback.print_exc()
        print(f"error: {error}", file=sys.stderr)
        return 1
    except Terminated:
        return 143
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the user sees a message, never a traceback, unless --debug
        if args.debug:
            raise
        print(f"internal error: {type(error).__name__}: {error} (run with --debug for the traceback)", file=sys.stderr)
        return 2

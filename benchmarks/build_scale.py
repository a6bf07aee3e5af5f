"""Full ``timeline build`` time and peak memory at growing corpus sizes.

Each size gets a generated project (benchmarks/corpus.py, fixed seed); every
build runs as its own process so that its peak memory is its own. Prints the
median of several runs per size, and the time per article, which stays flat
when growth is linear.

    python benchmarks/build_scale.py --sizes 100 1000 10000 --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_project  # noqa: E402


CHILD = (
    "import resource, sys\n"
    "from timeline.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def timed_build(project: Path, *extra: str) -> tuple[float, float]:
    """Seconds and peak resident MB of one ``timeline build`` process (reported by the process itself)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, "build", "--project", str(project), *extra],
                          check=True, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    return elapsed, int(done.stderr.strip().splitlines()[-1]) / 1024


def measure(size: int, runs: int, extra: list[str]) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        project = make_project(Path(folder), size)
        results = [timed_build(project, *extra) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("build_args", nargs="*", help="extra arguments for timeline build (after --)")
    args = parser.parse_args()
    print(f"{'articles':>9} {'median s':>9} {'ms/article':>11} {'peak MB':>8}")
    for size in args.sizes:
        seconds, peak = measure(size, args.runs, args.build_args)
        print(f"{size:>9} {seconds:>9.2f} {1000 * seconds / size:>11.2f} {peak:>8.0f}")


if __name__ == "__main__":
    main()

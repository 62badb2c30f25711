"""Wall-clock seconds of every product of the course: each book and solution notebook executed, the site built.

Not a test: run it with `make benchmark` (or `.venv/bin/python scripts/benchmark.py --repeat 3`) and quote
its table. Each row is the median of --repeat runs.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def execute_notebook(path):
    notebook = nbformat.read(str(path), as_version=4)
    NotebookClient(notebook, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()


def build_site():
    with tempfile.TemporaryDirectory() as output:
        subprocess.run([str(BIN / "jupyter-book"), "build", str(ROOT), "--path-output", output, "-W", "-n", "--keep-going"],
                       check=True, capture_output=True)


def median_seconds(task, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        task()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per row; the table shows their median")
    repeat = parser.parse_args().repeat

    rows = [(f"execute {path.relative_to(ROOT)}", lambda path=path: execute_notebook(path))
            for path in sorted(ROOT.glob("book/*.ipynb")) + sorted(ROOT.glob("solutions/*/*.ipynb"))]
    rows.append(("build the site (no execution)", build_site))

    width = max(len(name) for name, _ in rows)
    print(f"{'what':<{width}}  median seconds ({repeat} run{'s' * (repeat > 1)})")
    for name, task in rows:
        print(f"{name:<{width}}  {median_seconds(task, repeat):8.2f}", flush=True)


if __name__ == "__main__":
    main()

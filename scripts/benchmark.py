"""Wall-clock seconds of every product of the course: each book and solution notebook executed, the site built,
the graded convolutions against each other and PyTorch, and DigitCNN trained to its graded accuracy.

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


def solution_namespace(assignment, through=None):
    """The names the solution notebook defines: its setup and answer cells run here, and the test cell
    `through` too if given."""
    notebook = nbformat.read(str(ROOT / "solutions" / assignment / f"{assignment}.ipynb"), as_version=4)
    namespace = {}
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        is_test = cell.metadata.get("nbgrader", {}).get("grade") and not cell.metadata.nbgrader.get("solution")
        if cell.cell_type == "code" and (not is_test or grade_id == through):
            exec(compile(cell.source, f"{assignment}:{grade_id}", "exec"), namespace)
    return namespace


def convolution_rows():
    """conv2d_fast against the loop conv2d and F.conv2d on (8, 3, 32, 32) x (16, 3, 3, 3), float64."""
    import numpy as np
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(2)
    graded = solution_namespace("07_convolution")
    rng = np.random.default_rng(0)
    x, w, b = rng.normal(size=(8, 3, 32, 32)), rng.normal(size=(16, 3, 3, 3)), rng.normal(size=16)
    xt, wt, bt = map(torch.from_numpy, (x, w, b))
    loop = best_seconds(lambda: graded["conv2d"](x, w, b, stride=1, padding=1), 3)
    fast = best_seconds(lambda: graded["conv2d_fast"](x, w, b, stride=1, padding=1), 20)
    torch_time = best_seconds(lambda: F.conv2d(xt, wt, bt, stride=1, padding=1), 20)
    return [("conv2d_fast: times faster than the loop conv2d", loop / fast),
            ("conv2d_fast: times slower than F.conv2d (float64)", fast / torch_time)]


def seconds(task, runs):
    """Wall-clock seconds of each of `runs` calls of task()."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        task()
        times.append(time.perf_counter() - start)
    return times


def best_seconds(task, runs):
    return min(seconds(task, runs))


def median_seconds(task, repeat):
    return statistics.median(seconds(task, repeat))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per row; the table shows their median")
    repeat = parser.parse_args().repeat

    rows = [(f"execute {path.relative_to(ROOT)}", lambda path=path: execute_notebook(path))
            for path in sorted(ROOT.glob("book/*.ipynb")) + sorted(ROOT.glob("solutions/*/*.ipynb"))]
    rows.append(("build the site (no execution)", build_site))
    # The graded DigitCNN test trains the class with its fixed recipe and checks its test accuracy.
    rows.append(("train DigitCNN to its graded accuracy (test_DigitCNN)",
                 lambda: solution_namespace("09_digits", through="test_DigitCNN")))

    width = 60
    print(f"{'what':<{width}}  median seconds ({repeat} run{'s' * (repeat > 1)})")
    for name, task in rows:
        print(f"{name:<{width}}  {median_seconds(task, repeat):8.2f}", flush=True)
    for name, ratio in convolution_rows():
        print(f"{name:<{width}}  {ratio:8.1f}x", flush=True)


if __name__ == "__main__":
    main()

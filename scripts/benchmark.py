"""The course's performance budgets, measured side by side on this machine.

Each row is the median of --repeat runs: every book and solution notebook executed; the same notebooks checked
by nbval on the two simulated CPUs (tests/test_numerical_paths.py, both workers); the README's test command
(`make test`) on a fresh clone of the committed course, install included, and run a second time; the site build;
100 submissions of chapter 1, a quarter hostile, autograded with the course's own limits, and plain nbgrader's
serial time on them; the graded
convolutions against each other and PyTorch; DigitCNN trained to its graded accuracy; and the CNN written in NumPy
of chapter 9 trained as the chapter trains it, beside its PyTorch twin.

Not a test: run it with `make benchmark` (or `.venv/bin/python scripts/benchmark.py --repeat 3 --output
BENCHMARK.md`) on an otherwise idle machine, and quote its table. The test command rows clone the last commit, so
commit first. `--only WORD` measures only the rows whose name holds WORD.
"""

import argparse
import contextlib
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from nnfs import cells, limits
from nnfs.cells import ROOT

BIN = Path(sys.executable).parent
SUBMISSIONS = limits.AUTOGRADE_SUBMISSIONS


def seconds(task, runs):
    """Wall-clock seconds of each of `runs` calls of task()."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        task()
        times.append(time.perf_counter() - start)
    return times


def run(args, cwd=ROOT, env=None):
    """Run a command quietly; raise with its output's tail if it fails."""
    done = subprocess.run(args, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{' '.join(map(str, args))} exited {done.returncode}:\n{(done.stdout + done.stderr)[-2000:]}")
    return done


@contextlib.contextmanager
def kernel_warnings_hidden():
    """The kernel writes its startup warnings to the stderr it inherits: point file descriptor 2 at /dev/null."""
    saved, quiet = os.dup(2), os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(quiet)


def execute_notebook(path, then=None):
    """Execute a notebook in the course's kernel, in its folder. `then`, if given, is code run in the same kernel after
    the notebook's last cell, and what it prints is returned."""
    notebook = cells.read_notebook(path)
    if then:
        notebook.cells.append(nbformat.v4.new_code_cell(then))
    with kernel_warnings_hidden():
        NotebookClient(notebook, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    if then:
        return "".join(output.get("text", "") for output in notebook.cells[-1].outputs if output.get("name") == "stdout")
    return None


def simulated_cpus():
    run([BIN / "pytest", "-q", "tests/test_numerical_paths.py"])


def build_site():
    """As `make site`: the public course exported, then its website built from it."""
    with tempfile.TemporaryDirectory() as output:
        run([BIN / "python", ROOT / "scripts" / "public.py", Path(output) / "public", "--build", output])


def test_command(repeat):
    """The README's test command on `repeat` fresh clones of the committed course: each clone gets a new venv and
    node_modules from empty pip and npm caches (so every package is downloaded, as on a clean machine; Debian's
    chromium is taken as installed), then the same command again. Returns (clean times, second-run times)."""
    clean, second = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as scratch:
            course = Path(scratch) / "course"
            run(["git", "clone", "--quiet", ROOT, course])
            caches = {"PIP_CACHE_DIR": f"{scratch}/pip-cache", "npm_config_cache": f"{scratch}/npm-cache"}
            clean += seconds(lambda: run(["make", "test"], cwd=course, env=caches), 1)
            second += seconds(lambda: run(["make", "test"], cwd=course, env=caches), 1)
    return clean, second


# Plain nbgrader, for comparison: its own autograde pipeline (the tests in the student's kernel, no sandbox, one
# submission after another), the same timeout per cell.
PLAIN_NBGRADER_CONFIG = """c = get_config()
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.ExecutePreprocessor.kernel_name = "python3"
c.Execute.timeout = 30
"""
PLAIN_MEMORY = 8 * 2**30  # bytes of address space of plain nbgrader and its kernels: the memory hog must not take the machine


def autograde_class(repeat):
    """`scripts/grade.py autograde` (the course's limits, one worker per core) on 100 submissions of chapter 1, a quarter
    of them hostile or broken (from the grading test's class: endless loops, crashes, a memory hog, tampering, attacks
    from inside the kernel, snooping...) and the rest honest, cycled from the class's honest kinds; then plain
    nbgrader, serially, on the same collected submissions. Returns (sandboxed times, plain nbgrader times)."""
    import resource
    import shutil

    sys.path.insert(0, str(ROOT / "tests"))  # the class of the grading test is test code, not part of the package
    import helpers
    import test_grading

    sandboxed, plain = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as scratch:
            course = helpers.make_course(Path(scratch) / "course")
            students = test_grading.the_class(course)
            honest = [student for student in students if student.honest]
            hostile = [student for student in students if not student.honest][:SUBMISSIONS // 4]
            chosen = hostile + [honest[i % len(honest)] for i in range(SUBMISSIONS - len(hostile))]
            helpers.run(["nbgrader", "generate_assignment", test_grading.ASSIGNMENT, "--force"], cwd=course)
            release = cells.read_notebook(cells.notebook_path(course / "exercises", test_grading.ASSIGNMENT))
            incoming = Path(scratch) / "incoming"
            for index, student in enumerate(chosen):
                test_grading.submit(incoming / f"{student.name}_{index}", release, student)
            # Exit code 1 is expected: one submission is not a notebook. The report must list all 100.
            grade = [BIN / "python", ROOT / "scripts" / "grade.py", "autograde", test_grading.ASSIGNMENT, incoming]
            start = time.perf_counter()
            done = subprocess.run(grade, cwd=course, capture_output=True, text=True)
            sandboxed.append(time.perf_counter() - start)
            if f"{SUBMISSIONS} submissions" not in done.stdout or done.returncode > 1:
                raise RuntimeError(f"autograde failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
            shutil.rmtree(course / "autograded")
            (course / "gradebook.db").unlink()
            (course / "nbgrader_config.py").write_text(PLAIN_NBGRADER_CONFIG)
            helpers.run(["nbgrader", "generate_assignment", test_grading.ASSIGNMENT, "--force"], cwd=course)
            limit = lambda: resource.setrlimit(resource.RLIMIT_AS, (PLAIN_MEMORY, PLAIN_MEMORY))  # noqa: E731
            start = time.perf_counter()
            subprocess.run([BIN / "nbgrader", "autograde", test_grading.ASSIGNMENT], cwd=course, capture_output=True, preexec_fn=limit)
            plain.append(time.perf_counter() - start)
            for planted in ["/tmp/planted-by-a-submission.txt", "/tmp/stolen-gradebook.db"]:  # what the snooping student did unsandboxed
                Path(planted).unlink(missing_ok=True)
    return sandboxed, plain


def solution_namespace(assignment, through=None):
    """The names the solution notebook defines: its setup and answer cells run here, and the test cell
    `through` too if given."""
    notebook = cells.read_notebook(cells.notebook_path(cells.SOLUTIONS, assignment))
    namespace = {}
    for cell in notebook.cells:
        grade_id = cells.nbgrader_metadata(cell).get("grade_id")
        if cell.cell_type == "code" and (not cells.is_test(cell) or grade_id == through):
            exec(compile(cell.source, f"{assignment}:{grade_id}", "exec"), namespace)
    return namespace


def convolution_ratios(repeat):
    """Per run, (loop conv2d / conv2d_fast, conv2d_fast / F.conv2d) on (8, 3, 32, 32) x (16, 3, 3, 3), float64, with
    stride 1 and padding 1; each time is the best of several calls after a warm-up call."""
    import numpy as np
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(limits.BUDGET_CORES)
    graded = solution_namespace("07_convolution")
    rng = np.random.default_rng(0)
    x, w, b = rng.normal(size=(8, 3, 32, 32)), rng.normal(size=(16, 3, 3, 3)), rng.normal(size=16)
    xt, wt, bt = map(torch.from_numpy, (x, w, b))
    loop = lambda: graded["conv2d"](x, w, b, stride=1, padding=1)  # noqa: E731
    fast = lambda: graded["conv2d_fast"](x, w, b, stride=1, padding=1)  # noqa: E731
    reference = lambda: F.conv2d(xt, wt, bt, stride=1, padding=1)  # noqa: E731
    ratios = []
    for _ in range(repeat):
        best = {task: min(seconds(task, runs)[1:]) for task, runs in [(loop, 3), (fast, 21), (reference, 21)]}
        ratios.append((best[loop] / best[fast], best[fast] / best[reference]))
    return ratios


# Run after book/09_digits.ipynb, in its kernel: the chapter's own training functions of its section "Fourth way: a CNN
# written in NumPy", over the chapter's five seeds with their default epochs, as its cell that trains them calls them.
CHAPTER_CNN_TIMING = """
import json as _json, time as _time
def _seconds(train):
    start = _time.perf_counter()
    for seed in range(5):
        train(seed)
    return _time.perf_counter() - start
print(_json.dumps([[_seconds(train_numpy_cnn), _seconds(train_twin_cnn)] for _ in range({repeat})]))
"""


def chapter_cnn_training(repeat):
    """Per run, (seconds of the NumPy CNN's training, seconds of its PyTorch twin's): book/09_digits.ipynb executed
    once in a kernel, then in that kernel its train_numpy_cnn and train_twin_cnn timed `repeat` times each, five seeds
    a run. The code is the chapter's, not a copy: the chapter defines both functions and trains both networks with them."""
    printed = execute_notebook(ROOT / "book" / "09_digits.ipynb", then=CHAPTER_CNN_TIMING.format(repeat=repeat))
    return json.loads(printed.strip().splitlines()[-1])


def measurements(repeat):
    """[(rows, measure)]: rows are (what, budget, unit); measure() returns, for each row, the values of its runs."""
    def each_run(task):
        return lambda: [seconds(task, repeat)]

    notebooks = sorted(ROOT.glob("book/*.ipynb")) + sorted(ROOT.glob("solutions/*/*.ipynb"))
    def at_most(seconds):
        return f"<= {seconds // limits.MINUTE} min" if seconds > limits.MINUTE else f"<= {seconds} s"

    groups = [([(f"execute {path.relative_to(ROOT)}", at_most(limits.NOTEBOOK_SECONDS), "s")], each_run(lambda path=path: execute_notebook(path)))
              for path in notebooks]
    groups += [
        ([("every notebook on the two simulated CPUs (tests/test_numerical_paths.py)", at_most(limits.SIMULATED_CPUS_SECONDS), "min")],
         each_run(simulated_cpus)),
        ([("README test command (`make test`), clean: fresh clone, empty caches", at_most(limits.TEST_COMMAND_SECONDS), "min"),
          ("README test command (`make test`), second run", at_most(limits.TEST_COMMAND_AGAIN_SECONDS), "min")], lambda: test_command(repeat)),
        ([("site build with the PDF, no execution", at_most(limits.SITE_BUILD_SECONDS), "s")], each_run(build_site)),
        ([(f"autograde {SUBMISSIONS} submissions, a quarter hostile, sandboxed (`grade.py autograde`, one worker per core)",
           at_most(limits.AUTOGRADE_SECONDS), "min"),
          (f"the same {SUBMISSIONS} submissions with plain nbgrader (tests beside the student's code, serial)", "(comparison)", "min")],
         lambda: autograde_class(repeat)),
        ([("conv2d_fast vs the loop conv2d: times faster", f">= {limits.CONV_FAST_OVER_LOOP}x", "x"),
          ("conv2d_fast vs F.conv2d: times slower", f"<= {limits.CONV_FAST_OVER_TORCH}x", "x")],
         lambda: [list(values) for values in zip(*convolution_ratios(repeat))]),
        ([("DigitCNN trained to its graded accuracy (test_DigitCNN)", at_most(limits.DIGIT_CNN_SECONDS), "s")],
         each_run(lambda: solution_namespace("09_digits", through="test_DigitCNN"))),
        ([("chapter 9's CNN written in NumPy, trained: 5 seeds x 10 epochs (book/09_digits.ipynb, `train_numpy_cnn`)",
           f"(in the notebook's {at_most(limits.NOTEBOOK_SECONDS)})", "s"),
          ("its PyTorch twin, the same runs from the same weights on the same batches (`train_twin_cnn`)", "(comparison)", "s")],
         lambda: [list(values) for values in zip(*chapter_cnn_training(repeat))]),
    ]
    return groups


def shown(values, unit):
    value = statistics.median(values)
    return f"{value / 60:.1f} min" if unit == "min" else f"{value:.1f}x" if unit == "x" else f"{value:.1f} s"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per row; the table shows their median (default 3)")
    parser.add_argument("--only", default="", help="measure only the rows whose name holds this text")
    parser.add_argument("--output", type=Path, help="also write the table, with the machine and date, to this Markdown file")
    options = parser.parse_args()

    header = ["| what | budget | median | runs |", "|---|---|---|---|"]
    print("\n".join(header), flush=True)
    table = []
    for group, measure in measurements(options.repeat):
        if not any(options.only in name for name, _, _ in group):
            continue
        for (name, budget, unit), values in zip(group, measure()):
            runs = ", ".join(shown([value], unit) for value in values)
            table.append(f"| {name} | {budget} | **{shown(values, unit)}** | {runs} |")
            print(table[-1], flush=True)
    if options.output:
        models = [line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")]
        cpu = models[0] if models else platform.machine()
        commit = run(["git", "rev-parse", "--short", "HEAD"]).stdout.strip()
        options.output.write_text(
            f"# Benchmark\n\n`scripts/benchmark.py --repeat {options.repeat}` at commit {commit}, "
            f"{datetime.date.today()}, on {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, machine otherwise idle.\n"
            f"Each row is the median of {options.repeat} runs; the last column lists them.\n\n" + "\n".join(header + table) + "\n")


if __name__ == "__main__":
    main()

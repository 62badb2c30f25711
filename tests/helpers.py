"""Shared helpers of the test suite: paths, the list of assignments, temporary courses, commands."""

import _signal
import contextlib
import functools
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
import threading
import warnings
from pathlib import Path

import yaml

from nnfs.cells import (EXERCISES, ROOT, SOLUTIONS, answer_sources, assignments, graded_functions, is_answer, is_setup, nbgrader_metadata,
                        notebook_path, read_notebook)
from nnfs.grading import remote
from nnfs.grading.sandbox import test_names

BIN = Path(sys.executable).parent
MUTANTS = ROOT / "tests" / "mutants"
ASSIGNMENTS = assignments()
# Every notebook that is stored with its outputs and re-executed by nbval (pytest.ini's testpaths).
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb")) + [SOLUTIONS / a / f"{a}.ipynb" for a in ASSIGNMENTS]


def toc_pages():
    """Every page the table of contents lists, as Sphinx names ("book/preface"), root first."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())

    def files(node):
        if isinstance(node, dict):
            if "file" in node:
                yield node["file"]
            for value in node.values():
                yield from files(value)
        elif isinstance(node, list):
            for item in node:
                yield from files(item)

    return [re.sub(r"\.(md|ipynb|rst)$", "", name) for name in [toc["root"], *files(toc)]]


def script(name, folder=ROOT / "scripts"):
    """A module of scripts/ (or of `folder`: book/_ext's Sphinx extensions) by its name there, without .py: the
    instructor's commands, not part of the package."""
    spec = importlib.util.spec_from_file_location(name, folder / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


numerical_paths = script("numerical_paths")


def run(args, cwd=ROOT, timeout=600, check=True):
    """Run a command of the venv (`nbgrader`, `jupyter-book`, ...) and return the completed process."""
    args = [str(BIN / args[0]), *map(str, args[1:])]
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}  # nbgrader calls `alembic` by name
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if check and done.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


def make_course(directory):
    """A throwaway nbgrader course: the config and solutions/ copied into `directory` (its plug-ins are the nnfs
    package's, so `scripts/grade.py` can grade it)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "nbgrader_config.py", directory)
    shutil.copytree(SOLUTIONS, directory / "solutions")
    return directory


# --- The grading gate: graded functions, their tests run in this process, mutants, grading courses.

class _NoShell:
    """What `get_ipython()` gives code run in this process: magics (`%matplotlib inline`) do nothing."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def _failure(run, timeout):
    """Call run(); None if it passed, else why it failed the way nbgrader would fail its cell: an exception (run's own
    or an error output it returns), or any text on stderr (a warning included)."""
    stderr = io.StringIO()
    alarm = threading.current_thread() is threading.main_thread()

    def too_long(*_):
        raise TimeoutError(f"still running after {timeout} s")

    if alarm:  # _signal, not signal: the version under test may have replaced builtins that signal's Python code uses
        previous = _signal.signal(_signal.SIGALRM, too_long)
        _signal.alarm(timeout)
    try:
        with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(stderr):
            warnings.filters.insert(0, ("always", None, Warning, None, 0))  # simplefilter("always"), minus its type checks
            warnings._filters_mutated()
            outputs = run() or []
    except (Exception, SystemExit) as error:  # a wrong version may raise anything, sys.exit() included
        return f"{type(error).__name__}: {error}"[:500]
    finally:
        if alarm:
            _signal.alarm(0)
            _signal.signal(_signal.SIGALRM, previous)
    for output in outputs:
        if output.output_type == "error":
            return f"{output.ename}: {output.evalue}"[:500]
        if output.output_type == "stream" and output.name == "stderr":
            stderr.write(output.text)
    shown = [w for w in caught if not issubclass(w.category, (DeprecationWarning, PendingDeprecationWarning))]
    if shown:
        return f"a warning on stderr: {shown[0].category.__name__}: {shown[0].message}"
    if stderr.getvalue():
        return f"text on stderr: {stderr.getvalue()[:300]}"
    return None


def run_in_process(notebook, answers=None, functions=None, timeout=60, together=False):
    """Run a source notebook as the grader does, but in this process (fast: no kernel, no sandbox): the setup and the
    student's cells in order in one namespace, with `answers` ({name: source}) in place of those answer cells; the
    setup and test cells of `functions` (all graded functions when None) in another, nnfs.grading.remote.Tests, which
    reaches the first through the same handles and requests as in grading (the server called directly). together:
    the test cells too in the student's namespace, as plain nbgrader runs them. Returns {test grade_id: None if it
    passed, else why not}. A setup cell that fails raises: the notebook itself is broken."""
    from IPython.core.inputtransformer2 import TransformerManager

    answers = answers or {}
    graded = graded_functions(notebook)
    owner = {grade_id: name for name, tests in graded.items() for grade_id in tests}
    wanted = set(graded if functions is None else functions)
    student = {"__name__": "__main__", "get_ipython": _NoShell}
    tests = remote.Tests(remote.Link(remote.Server(student).serve), output_limit=10**6)
    results = {}
    for index, cell in enumerate(notebook.cells):
        meta = nbgrader_metadata(cell)
        grade_id = meta.get("grade_id")
        if cell.cell_type != "code" or (grade_id in owner and owner[grade_id] not in wanted):
            continue
        label = f"<cell {grade_id or index}>"
        source = answers.get(grade_id, cell.source) if meta.get("solution") else cell.source
        if grade_id in owner and not together:
            results[grade_id] = _failure(lambda: tests.run(source, label, test_names(source)), timeout)
            continue
        error = _failure(lambda: exec(compile(TransformerManager().transform_cell(source), label, "exec"), student), timeout)
        if grade_id in owner:
            results[grade_id] = error
        elif error and not meta.get("solution"):
            raise RuntimeError(f"setup cell {grade_id or index} failed: {error}")
        elif is_setup(cell) and not together:
            tests.setup(source, label)
    return results


def load_mutants(assignment):
    """(WRONG, CORRECT) of tests/mutants/<assignment>.py, each {function: {version name: (why, change)}} (see
    tests/mutants/__init__.py); None when the assignment has no mutant module."""
    path = MUTANTS / f"{assignment}.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location(f"mutants_{assignment}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.WRONG, module.CORRECT


@functools.cache
def solutions_notebook(assignment):
    """The assignment's source notebook, read once per process (do not modify it)."""
    return read_notebook(notebook_path(SOLUTIONS, assignment))


def answer_cells(assignment):
    """{grade_id: source} of the answer cells of the assignment's solutions notebook."""
    return answer_sources(solutions_notebook(assignment))


def version_source(assignment, function, name, change):
    """The answer cell that a version stands for: `change` itself when it is a whole cell (a str), else the
    solution's answer cell with each {old: new} of `change` made in turn, each `old` found exactly once."""
    if isinstance(change, str):
        return change
    source = answer_cells(assignment)[function]
    for old, new in change.items():
        count = source.count(old)
        if count != 1:
            raise AssertionError(f"{assignment}: the change of version {name!r} of {function} no longer applies: "
                                 f"{old!r} occurs {count} times in the answer cell, not once")
        source = source.replace(old, new)
    return source


# Debian's chromium, offline, and a loopback server for a folder: as scripts/build_site.py prints the book's PDF.
build_site = script("build_site")
launch_chromium, serve_folder = build_site.launch_chromium, build_site.serve_folder


# The start of a hostile program (a submission's cell, or code run in the grading sandbox): attempt(what, action)
# records in `tried` "SUCCEEDED: <what action returned>" or "refused: <the exception's type>".
ATTEMPTS = '''
import json, os
tried = {}
def attempt(what, action):
    try:
        tried[what] = f"SUCCEEDED: {str(action())[:60]!r}"
    except Exception as error:
        tried[what] = f"refused: {type(error).__name__}"
'''


def filled_exercise(assignment):
    """The assignment's student version (exercises/) with every code answer cell as a student who got it right writes
    it: the solution's answer cell without its `### BEGIN SOLUTION` and `### END SOLUTION` lines. Written (markdown)
    answers stay blank."""
    notebook = read_notebook(notebook_path(EXERCISES, assignment))
    answers = answer_cells(assignment)
    for cell in notebook.cells:
        if is_answer(cell):
            solution = answers[nbgrader_metadata(cell)["grade_id"]]
            cell.source = "\n".join(line for line in solution.splitlines() if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))
    return notebook

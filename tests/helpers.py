"""Shared helpers of the test suite: paths, the list of assignments, temporary courses, commands."""

import contextlib
import functools
import http.server
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SOLUTIONS = ROOT / "solutions"
EXERCISES = ROOT / "exercises"

# The list of assignments is the folders of solutions/: one place, nothing to keep in step.
ASSIGNMENTS = sorted(path.name for path in SOLUTIONS.iterdir() if path.is_dir())
# Every notebook that is stored with its outputs and re-executed by nbval (pytest.ini's testpaths).
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb")) + [SOLUTIONS / a / f"{a}.ipynb" for a in ASSIGNMENTS]


def script(name):
    """A module of scripts/ by its path there, without .py ("grading/sandbox"): they are the instructor's commands
    and nbgrader's plug-ins, not an installed package."""
    spec = importlib.util.spec_from_file_location(name.replace("/", "_"), ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


numerical_paths = script("numerical_paths")
sys.path.insert(0, str(ROOT / "scripts"))  # grading.remote by its name: the grader pickles references to it
from grading import remote, sandbox  # noqa: E402

SOLUTION_BLOCK = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)
HIDDEN_TESTS_BLOCK = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)


def notebook_path(folder, assignment):
    """solutions/ID/ID.ipynb or exercises/ID/ID.ipynb (folder is SOLUTIONS, EXERCISES or a course copy)."""
    return Path(folder) / assignment / f"{assignment}.ipynb"


def read_notebook(path):
    return nbformat.read(str(path), as_version=4)


def run(args, cwd=ROOT, timeout=600, check=True):
    """Run a command of the venv (`nbgrader`, `jupyter-book`, ...) and return the completed process."""
    args = [str(BIN / args[0]), *map(str, args[1:])]
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}  # nbgrader calls `alembic` by name
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if check and done.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


def make_course(directory):
    """A throwaway nbgrader course: the config and solutions/ copied into `directory`."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "nbgrader_config.py", directory)
    shutil.copytree(SOLUTIONS, directory / "solutions")
    return directory


def secret_lines(notebook):
    """The lines of every solution and hidden-test block of a source notebook, stripped, that are long
    enough to be telling (short ones such as `return out` occur in any Python text)."""
    lines = set()
    for cell in notebook.cells:
        blocks = SOLUTION_BLOCK.findall(cell.source) + HIDDEN_TESTS_BLOCK.findall(cell.source)
        if cell.cell_type == "markdown" and cell.metadata.get("nbgrader", {}).get("solution"):
            blocks.append(cell.source)  # a written answer: nbgrader blanks the whole cell
        for block in blocks:
            for line in block.splitlines():
                line = line.strip()
                if len(line) >= 20 and not line.startswith("#"):
                    lines.add(line)
    return lines


def public_text(notebook):
    """The text a student is shown in a source notebook: every cell without its solution and hidden-test
    blocks, written-answer cells left out. A secret line that this text also shows is no secret."""
    return "\n".join(
        HIDDEN_TESTS_BLOCK.sub("", SOLUTION_BLOCK.sub("", cell.source))
        for cell in notebook.cells
        if not (cell.cell_type == "markdown" and cell.metadata.get("nbgrader", {}).get("solution"))
    )


# --- The grading gate: graded functions, their tests run in this process, mutants, grading courses.

import io  # noqa: E402
import _signal  # noqa: E402
import warnings  # noqa: E402

MUTANTS = ROOT / "tests" / "mutants"


def nbgrader_metadata(cell):
    return cell.metadata.get("nbgrader", {})


def graded_functions(notebook):
    """{name: {grade_id: points}}: each autograded answer cell of a source notebook (a code cell whose grade_id
    is the function's name) and its test cells `test_<name>`, `test_<name>_<k>`, in notebook order."""
    answers = [nbgrader_metadata(c)["grade_id"] for c in notebook.cells if c.cell_type == "code" and nbgrader_metadata(c).get("solution")]
    tests = [nbgrader_metadata(c) for c in notebook.cells if c.cell_type == "code" and nbgrader_metadata(c).get("grade") and not nbgrader_metadata(c).get("solution")]
    return {name: {t["grade_id"]: t["points"] for t in tests if re.fullmatch(rf"test_{name}(_\d+)?", t["grade_id"])} for name in answers}


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
    setup and test cells of `functions` (all graded functions when None) in another, grading.remote.Tests, which
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
            results[grade_id] = _failure(lambda: tests.run(source, label, sandbox.test_names(source)), timeout)
            continue
        error = _failure(lambda: exec(compile(TransformerManager().transform_cell(source), label, "exec"), student), timeout)
        if grade_id in owner:
            results[grade_id] = error
        elif error and not meta.get("solution"):
            raise RuntimeError(f"setup cell {grade_id or index} failed: {error}")
        elif sandbox.is_setup(cell) and not together:
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
def answer_cells(assignment):
    """{grade_id: source} of the answer cells of the assignment's solutions notebook."""
    notebook = read_notebook(notebook_path(SOLUTIONS, assignment))
    return {nbgrader_metadata(c)["grade_id"]: c.source for c in notebook.cells if c.cell_type == "code" and nbgrader_metadata(c).get("solution")}


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


def make_grading_course(directory):
    """make_course plus the grading plug-ins (scripts/, linked): a course that `scripts/grade.py` can grade."""
    course = make_course(directory)
    (course / "scripts").symlink_to(ROOT / "scripts", target_is_directory=True)
    return course


# Debian's chromium, installed by `make test`; these flags keep it from calling home on a machine with no network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_folder(folder):
    """Serve `folder` over http://127.0.0.1 on a free port from a thread; yields the base URL (ending in /)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


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

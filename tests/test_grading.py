"""Real round trips through nbgrader, with a real gradebook, in a throwaway course.

One module-scoped run does what an instructor does, through the documented commands (scripts/grade.py, thin
wrappers of the nbgrader command line): `nbgrader generate_assignment`, then a class of 45 synthetic students
of chapter 1 collected from a folder and autograded by ONE `grade.py autograde` run (nbgrader processes on every
core, sharing the gradebook), then `nbgrader
generate_feedback` and `nbgrader export`. The class mixes honest students (their grade must be exactly right)
with broken, endless, crashing, tampering and hostile ones (each test below says in its docstring what fair means
for it). Expected grades are not typed in by hand: each student names an honest submission it must score exactly
like (`fair_as`), and that submission's tests are run in this process (helpers.run_in_process), test cell by
test cell, to know which test cells pass. The hostile students attack from inside their kernel what used to
decide their grade there (numpy, the builtins, IPython, the test's namespace, the grader's server): since the
tests run in the grader's process (nnfs/grading/remote.py), each gains nothing.

Meanwhile, in a thread, a second course grades the solution and the blank version of every chapter in the same
sandbox (one `nbgrader autograde "*"`), so that a chapter whose honest code the sandbox would break fails here.
"""

import builtins
import contextlib
import csv
import html
import json
import os
import re
import threading
import time
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import numpy
import pytest

from helpers import ASSIGNMENTS, ATTEMPTS, launch_chromium, load_mutants, make_course, run, run_in_process, serve_folder, version_source
from nnfs import limits
from nnfs.cells import ROOT, SOLUTIONS, answer_sources, graded_functions, hidden_test_lines, notebook_path, public_text, read_notebook

ASSIGNMENT = "01_perceptron"  # the class below is written against chapter 1's functions
SOLUTION = read_notebook(notebook_path(SOLUTIONS, ASSIGNMENT))
FUNCTIONS = graded_functions(SOLUTION)
POINTS = {test: points for tests in FUNCTIONS.values() for test, points in tests.items()}
ANSWERS = answer_sources(SOLUTION)
WRONG, CORRECT = load_mutants(ASSIGNMENT)
# Limits of the test run: short, so that the endless students cost seconds (the course's defaults are in nbgrader_config.py).
LIMITS = ["--SandboxedExecute.timeout=3", "--SandboxedExecute.iopub_timeout=2", f"--SandboxedExecute.memory_limit={3 * 2**29}",
          "--SandboxedExecute.notebook_timeout=120"]


def blank(function):
    return f"def {function}(*args, **kwargs):\n    raise NotImplementedError()\n"


def wrong(function, name):
    return version_source(ASSIGNMENT, function, name, WRONG[function][name][1])


def failing_everywhere(function):
    """The first known-wrong version of `function` that fails every one of its test cells."""
    for name in WRONG[function]:
        if all(run_in_process(SOLUTION, {function: wrong(function, name)}, [function]).values()):
            return wrong(function, name)
    raise AssertionError(f"no wrong version of {function} fails all its tests")


@dataclass
class Student:
    name: str
    answers: dict  # answer cell sources that differ from the solution's (None: the student version as released)
    fair: str = ""  # what fair grading means for this submission
    fair_as: dict = None  # answers of the honest submission it must score exactly like (default: its own answers)
    edit: object = None  # what else the student did to the notebook (a function of the notebook)
    file_name: str = f"{ASSIGNMENT}.ipynb"
    raw: str = None  # a file that is not a notebook at all
    honest: bool = False
    expected: dict = field(default_factory=dict)


def delete_cells(*grade_ids):
    def edit(nb):
        nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") not in grade_ids]
    return edit


def change_cells(changes):
    def edit(nb):
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id in changes:
                changes[grade_id](cell)
    return edit


def add_cell_after(grade_id, source):
    def edit(nb):
        index = next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
        nb.cells.insert(index + 1, nbformat.v4.new_code_cell(source))
    return edit


ALWAYS_ONES = """
def perceptron_predict(X, w, b):
    X, w = np.asarray(X, dtype=float), np.asarray(w, dtype=float)
    if w.ndim != 1 or X.ndim not in (1, 2) or X.shape[-1] != len(w):
        raise ValueError("bad shapes")
    return np.ones(X.shape[:-1], dtype=int)
"""
INT_EQUAL_TO_ANYTHING = "class _Int(int):\n    def __eq__(self, other):\n        return True\n    __hash__ = int.__hash__\n\n"
PEEKS = """
import gc, sys

def perceptron_predict(X, w, b):
    for frame in (sys._getframe(depth) for depth in range(1, 8) if sys._getframe(depth - 1).f_back):
        for name in ("expected", "want", "target"):
            if name in frame.f_locals:
                return frame.f_locals[name]
    for thing in gc.get_objects():
        if isinstance(thing, dict) and isinstance(thing.get("expected"), np.ndarray):
            return thing["expected"]
    return np.ones(np.shape(X)[:-1], dtype=int)
"""
# Attacks from inside the student's kernel on what decided the grade while the tests ran there: {name: (function, the
# student's answer cell, the honest answers it must score exactly like, whether it fools the tests when they run in
# one process with the student's code, as in plain nbgrader: test_attack_would_fool_tests_run_beside_it proves those)}.
IN_KERNEL_ATTACKS = {
    "patches_array_equal": ("perceptron_predict", "np.array_equal = lambda *args, **kwargs: True\n"
                            "np.flatnonzero = lambda *args, **kwargs: np.zeros(0, dtype=int)\n" + ALWAYS_ONES, ALWAYS_ONES, True),
    # An int equal to everything breaks the kernel's own messages: the tests of this part and the next find no server.
    "patches_builtin_int": ("gate_weights", "import builtins\n\n" + INT_EQUAL_TO_ANYTHING + "builtins.int = _Int\n" + wrong("gate_weights", "and_or_swapped"),
                            {"gate_weights": blank("gate_weights"), "train_perceptron": blank("train_perceptron")}, True),
    "patches_numpy_through_its_dict": ("train_perceptron", 'vars(np)["allclose"] = lambda *args, **kwargs: True\n'
                                       'vars(np)["isclose"] = lambda *args, **kwargs: True\n' + wrong("train_perceptron", "ignores_lr"),
                                       wrong("train_perceptron", "ignores_lr"), True),
    "shadows_builtin_int": ("gate_weights", INT_EQUAL_TO_ANYTHING + "int = _Int\n" + wrong("gate_weights", "and_or_swapped"),
                            wrong("gate_weights", "and_or_swapped"), True),
    "rebinds_np": ("perceptron_predict", "import numpy\n\nclass _Numpy:\n    def __getattr__(self, name):\n        return getattr(numpy, name)\n\n"
                   "    @staticmethod\n    def array_equal(*args, **kwargs):\n        return True\n\n"
                   "    @staticmethod\n    def flatnonzero(*args, **kwargs):\n        return numpy.zeros(0, dtype=int)\n\nnp = _Numpy()\n" + ALWAYS_ONES,
                   ALWAYS_ONES, True),
    "patches_while_called": ("train_perceptron", wrong("train_perceptron", "ignores_lr").replace(
        "    ### BEGIN SOLUTION\n", '    ### BEGIN SOLUTION\n    vars(np)["allclose"] = lambda *args, **kwargs: True\n'
        '    vars(np)["isclose"] = lambda *args, **kwargs: True\n', 1), wrong("train_perceptron", "ignores_lr"), True),
    "swaps_the_code_of_a_numpy_function": ("perceptron_predict", "np.array_equal._implementation.__code__ = (lambda a1, a2, equal_nan=False: True).__code__\n"
                                           "np.flatnonzero._implementation.__code__ = (lambda a: __import__('numpy').zeros(0, dtype=int)).__code__\n"
                                           + ALWAYS_ONES, ALWAYS_ONES, True),
    "peeks_at_the_tests_namespace": ("perceptron_predict", PEEKS, ALWAYS_ONES, False),
    "swallows_assertion_errors": ("train_perceptron", "get_ipython().set_custom_exc((AssertionError,), lambda *args, **kwargs: None)\n"
                                  + wrong("train_perceptron", "ignores_lr"), wrong("train_perceptron", "ignores_lr"), False),
    "input_transformer_keeps_the_last_line": ("train_perceptron", "get_ipython().input_transformers_post.append(lambda lines: lines[-1:])\n"
                                              + blank("train_perceptron"), blank("train_perceptron"), False),
    "fake_guard_and_run_cell_replaced": ("train_perceptron", "class _Guard:\n    def __getattr__(self, name):\n        return lambda *a, **k: None\n\n"
                                         "__nbgrader_guard__ = _Guard()\n_ip = get_ipython()\n_run_cell = _ip.run_cell\n"
                                         "_ip.run_cell = lambda raw_cell, *args, **kwargs: _run_cell('pass', *args, **kwargs)\n" + blank("train_perceptron"),
                                         blank("train_perceptron"), False),
    "replaces_the_graders_server": ("train_perceptron", "__nbgrader_remote__ = None\n" + blank("train_perceptron"), blank("train_perceptron"), False),
    "event_callback_clears_errors": ("gate_weights", "get_ipython().events.register('post_run_cell', lambda result: setattr(result, 'error_in_exec', None))\n"
                                     + wrong("gate_weights", "and_or_swapped"), wrong("gate_weights", "and_or_swapped"), False),
    "poses_as_numpy": ("perceptron_predict", ALWAYS_ONES + "perceptron_predict.__module__ = 'numpy'\nperceptron_predict.__qualname__ = 'array_equal'\n",
                       ALWAYS_ONES, False),
}
SNOOP = ATTEMPTS + '''
import sqlite3, subprocess, socket, ctypes, resource, _posixsubprocess
course, grader = COURSE, GRADER  # the course root and a process of the grader's, known to the class (the sandbox hides them)
attempt("the solutions, by a relative path", lambda: open("../../../solutions/01_perceptron/01_perceptron.ipynb").read())
attempt("the solutions, by an absolute path", lambda: open(course + "/solutions/01_perceptron/01_perceptron.ipynb").read())
attempt("the gradebook, with sqlite3", lambda: sqlite3.connect(course + "/gradebook.db").execute("select count(*) from grade").fetchall())
attempt("the gradebook, as a file", lambda: open(course + "/gradebook.db", "rb").read(64))
attempt("the gradebook, by an sqlite URI", lambda: sqlite3.connect(f"file:{course}/gradebook.db?mode=ro", uri=True).execute("select 1 from grade").fetchall())
attempt("the solutions, through a folder descriptor",
        lambda: os.open("solutions/01_perceptron/01_perceptron.ipynb", os.O_RDONLY, dir_fd=os.open(course, os.O_RDONLY)))
attempt("the solutions, through /proc/self/cwd", lambda: open("/proc/self/cwd/../../../solutions/01_perceptron/01_perceptron.ipynb").read())
attempt("the parent process's memory", lambda: open(f"/proc/{os.getppid()}/mem", "rb").read(8))
attempt("another student's submission", lambda: open(course + "/submitted/solution/01_perceptron/01_perceptron.ipynb").read())
attempt("the course folder's listing", lambda: os.listdir(course))
attempt("writing into another student's folder", lambda: open(course + "/submitted/solution/01_perceptron/planted.txt", "w").write("x"))
attempt("writing the course folder", lambda: open(course + "/planted-by-a-submission.txt", "w").write("x"))
open("/tmp/planted-by-a-submission.txt", "w").write("x")  # lands in the sandbox's own /tmp, not the machine's
attempt("running a program", lambda: subprocess.run(["cp", course + "/gradebook.db", "/tmp/stolen-gradebook.db"]))
def fork_exec():
    read, write = os.pipe()
    pid = _posixsubprocess.fork_exec([b"/bin/cp", (course + "/gradebook.db").encode(), b"/tmp/stolen-gradebook.db"], [b"/bin/cp"],
                                     True, (), None, None, -1, -1, -1, -1, -1, -1, read, write, True, False, 0, None, None, None, -1, None, False)
    os.waitpid(pid, 0)
    if os.path.exists("/tmp/stolen-gradebook.db"):
        return "copied"
    raise PermissionError("the program did not run")
attempt("running a program below subprocess", fork_exec)
attempt("the network", lambda: socket.create_connection(("127.0.0.1", 9), timeout=1))
attempt("signalling the grader", lambda: os.kill(grader, 0))
def c_system():
    if ctypes.CDLL(None).system(b"true") != 0:
        raise PermissionError("the program did not run")
    return "ran"
attempt("the C library", c_system)
attempt("raising the memory limit", lambda: resource.setrlimit(resource.RLIMIT_AS, (-1, -1)))
attempt("raising the open files limit", lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (4096, 4096)))
attempt("allowing core dumps", lambda: resource.setrlimit(resource.RLIMIT_CORE, (-1, -1)))
print("SNOOP", json.dumps(tried))
LIMITED = ("RLIMIT_AS", "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_NOFILE", "RLIMIT_CORE")
print("LIMITS", json.dumps({name: resource.getrlimit(getattr(resource, name)) for name in LIMITED}))
'''


def the_class(course):
    """Students of chapter 1: the honest ones, then one for each hostile or broken case."""
    one_wrong = {function: failing_everywhere(function) for function in FUNCTIONS}
    honest = [
        Student("solution", {}),
        Student("blank", None, fair_as={function: blank(function) for function in FUNCTIONS}),
        *[Student(f"one_wrong_{function}", {function: source}) for function, source in one_wrong.items()],
        *[Student(f"other_correct_{function}", {function: version_source(ASSIGNMENT, function, name, change)})
          for function in FUNCTIONS for name, (_, change) in list(CORRECT[function].items())[:1]],
        Student("two_wrong", {"perceptron_predict": wrong("perceptron_predict", "strict_inequality"),
                              "train_perceptron": wrong("train_perceptron", "ignores_lr")}),
        Student("only_gates_done", {"perceptron_predict": blank("perceptron_predict"), "train_perceptron": blank("train_perceptron")}),
        Student("wrote_the_xor_answer", {"xor_answer": "With x3 = x1 x2, w = (1, 1, -2) and b = -0.5 compute XOR."}),
        Student("mistakes_only_hidden_tests_see", {"perceptron_predict": wrong("perceptron_predict", "no_shape_checks"),
                                                   "gate_weights": wrong("gate_weights", "nand_negates_shared_and_in_place"),
                                                   "train_perceptron": wrong("train_perceptron", "ignores_lr")}),
        Student("prints_while_debugging", {"gate_weights": ANSWERS["gate_weights"].replace(
            "    ### BEGIN SOLUTION", "    print('gate_weights called with', gate)\n    ### BEGIN SOLUTION")}),
    ]
    for student in honest:
        student.honest = True
    solution_like = {}
    hostile = [
        Student("endless_loop", {"train_perceptron": "def train_perceptron(X, y, lr=1.0, epochs=100):\n    while True:\n        pass\n"},
                "the cells that call train_perceptron are interrupted at the cell timeout and score zero; the other parts keep their points",
                {"train_perceptron": blank("train_perceptron")}),
        Student("endless_loop_ignoring_interrupts",
                {"gate_weights": "import time\n\ndef gate_weights(gate):\n    while True:\n        try:\n            time.sleep(0.2)\n"
                                 "        except BaseException:\n            pass\n"},
                "interrupting does not stop it, so the grader replaces the kernel: gate_weights scores zero, the other parts keep their points",
                {"gate_weights": blank("gate_weights")}),
        Student("os_exit", {"gate_weights": "import os\n\ndef gate_weights(gate):\n    os._exit(1)\n"},
                "the kernel dies in gate_weights' tests; a new kernel re-runs the cells that worked: only gate_weights scores zero",
                {"gate_weights": blank("gate_weights")}),
        Student("segfault_through_ctypes", {"perceptron_predict": "import ctypes\n\ndef perceptron_predict(X, w, b):\n    ctypes.memset(0, 0, 1)\n"},
                "a segmentation fault kills the kernel in perceptron_predict's tests: only that part scores zero",
                {"perceptron_predict": blank("perceptron_predict")}),
        Student("memory_hog",
                {"train_perceptron": "def train_perceptron(X, y, lr=1.0, epochs=100):\n    hog = []\n    while True:\n        hog.append(np.ones(10**8))\n"},
                "the kernel's memory limit turns the hog into a MemoryError (or a dead kernel): train_perceptron scores zero, the rest keep their points",
                {"train_perceptron": blank("train_perceptron")}),
        Student("sys_exit", {"gate_weights": "import sys\n\ndef gate_weights(gate):\n    sys.exit()\n"},
                "SystemExit is an error in the cells that call it: gate_weights scores zero, the kernel and the other parts are unharmed"),
        Student("syntax_error", {"train_perceptron": "def train_perceptron(X, y, lr=1.0, epochs=100)\n    return None\n"},
                "the function does not exist, so its tests fail: train_perceptron scores zero, the rest keep their points",
                {"train_perceptron": blank("train_perceptron")}),
        Student("missing_function", {"perceptron_predict": ANSWERS["perceptron_predict"].replace("def perceptron_predict(", "def predict(")},
                "a misnamed function is a missing one: perceptron_predict's tests fail with NameError and score zero",
                {"perceptron_predict": blank("perceptron_predict")}),
        Student("deleted_a_test_cell", solution_like, "the deleted test cell is put back from the gradebook and graded: full marks, as if nothing was deleted",
                edit=delete_cells("test_gate_weights_2")),
        Student("deleted_the_tests_of_a_wrong_function", {"gate_weights": one_wrong["gate_weights"]},
                "deleting the tests of a wrong function gains nothing: they are put back and the function loses its points",
                edit=delete_cells("test_gate_weights", "test_gate_weights_2")),
        Student("edited_test_cells", {"train_perceptron": one_wrong["train_perceptron"]},
                "edited test cells are restored from the gradebook: the wrong function loses its points",
                edit=change_cells({"test_train_perceptron": lambda c: setattr(c, "source", "pass"),
                                   "test_train_perceptron_2": lambda c: setattr(c, "source", "assert True\n")})),
        Student("changed_points", {"perceptron_predict": one_wrong["perceptron_predict"]},
                "points edited in cell metadata are restored: the maximum stays the course's and the wrong function loses its real points",
                edit=change_cells({"test_perceptron_predict": lambda c: c.metadata.nbgrader.update(points=100),
                                   "test_perceptron_predict_2": lambda c: c.metadata.nbgrader.update(points=100)})),
        *[Student(name, {function: source}, f"the attack changes only the student's own kernel, where no test runs: {function} scores exactly as "
                  "the same answer without the attack, and the other parts keep their points",
                  honest_answer if isinstance(honest_answer, dict) else {function: honest_answer})
          for name, (function, source, honest_answer, _) in IN_KERNEL_ATTACKS.items()],
        Student("prints_its_input_history", {"perceptron_predict": ANSWERS["perceptron_predict"].replace(
                    "    ### BEGIN SOLUTION", "    print('history:', In, _ih)\n    ### BEGIN SOLUTION")},
                "printing is not wrong: full marks; the history it prints, into its tests' outputs and its feedback, holds its own cells only",
                fair_as={}),
        Student("huge_output", {"perceptron_predict": "print('x' * 20_000_000)\n" + ANSWERS["perceptron_predict"].replace(
            "    ### BEGIN SOLUTION", "    print('checking\\n' * 2000)\n    ### BEGIN SOLUTION")},
                "printing is not wrong: full marks; the output kept is cut to the limit, so the graded notebook and the feedback stay small"),
        Student("misnamed_notebook", solution_like,
                "the only notebook of the submission is graded as the assignment's (and the report says it was renamed): full marks",
                file_name="01_perceptron (1).ipynb"),
        Student("collected_from_a_hub", solution_like,
                "a submission in nbgrader's own layout, <student>/<assignment>/<notebook>, as `nbgrader collect` writes it from a JupyterHub's "
                "exchange, is graded like an upload: full marks", file_name=f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"),
        Student("not_a_notebook", {}, "the run still finishes; this submission is reported as not graded (score 0), the others are unharmed",
                raw="this is not JSON"),
        Student("snoops_and_sabotages",
                {"perceptron_predict": SNOOP.replace("COURSE, GRADER", f"{str(course)!r}, {os.getpid()}", 1) + ANSWERS["perceptron_predict"]},
                "every attempt to read the solutions, the gradebook or other students, to write outside its sandbox, to run programs, "
                "use the network or ctypes is refused; its correct functions keep full marks", fair_as={}),
        Student("crashes_between_parts", solution_like, "the kernel dies in a cell of its own between two parts: the cells before are re-run in a "
                "new kernel and every part keeps its points", edit=add_cell_after("test_gate_weights_2", "import os\nos._exit(3)\n")),
    ]
    return honest + hostile


def submit(folder, release, student):
    """Write the student's submission into `folder`, as the student would hand it in."""
    (folder / student.file_name).parent.mkdir(parents=True)
    if student.raw is not None:
        (folder / student.file_name).write_text(student.raw)
    else:
        nbformat.write(build_notebook(release, student), str(folder / student.file_name))


def build_notebook(release, student):
    nb = deepcopy(release)
    answers = {} if student.answers is None else {**ANSWERS, **student.answers}
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers and cell.metadata.nbgrader.get("solution"):
            cell.source = answers[grade_id]
    if student.edit:
        student.edit(nb)
    return nb


@dataclass
class Graded:
    course: Path
    students: dict
    grades: dict  # {student: {grade_id: (score, max_score, needs_manual_grade)}}
    report: dict  # {student: its row of autograded/<assignment>-report.csv}
    autograde: object
    feedback: object
    export: object
    seconds: dict
    sandboxes: Path
    chapters: dict  # {(assignment, "solution" or "blank"): (score, max_score)} of the every-chapter run


def read_grades(course, students, assignment=ASSIGNMENT):
    from nbgrader.api import Gradebook, MissingEntry

    grades = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for name in students:
            try:
                notebook = gradebook.find_submission_notebook(assignment, assignment, name)
            except MissingEntry:
                continue
            grades[name] = {grade.name: (grade.score, grade.max_score, grade.needs_manual_grade) for grade in notebook.grades}
    return grades


def grade_every_chapter(directory, results):
    """Another course: the solution and the blank student version of EVERY assignment, graded in the sandbox by one
    `nbgrader autograde "*"` run (with the course's own limits), so that no chapter's honest code trips the sandbox."""
    course = make_course(directory)
    run(["nbgrader", "generate_assignment", "*", "--force"], cwd=course)
    for assignment in ASSIGNMENTS:
        release = read_notebook(notebook_path(course / "exercises", assignment))
        source = read_notebook(notebook_path(SOLUTIONS, assignment))
        answers = answer_sources(source)
        solved = deepcopy(release)
        for cell in solved.cells:
            if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade_id") in answers:
                cell.source = answers[cell.metadata.nbgrader["grade_id"]]
        for student, notebook in [("solution", solved), ("blank", release)]:
            folder = course / "submitted" / student / assignment
            folder.mkdir(parents=True)
            nbformat.write(notebook, str(folder / f"{assignment}.ipynb"))
    results["run"] = run(["nbgrader", "autograde", "*"], cwd=course, check=False, timeout=900)
    for assignment in ASSIGNMENTS:
        for student, grades in read_grades(course, ["solution", "blank"], assignment).items():
            results[assignment, student] = {test: grade[0] for test, grade in grades.items()}, {test: grade[1] for test, grade in grades.items()}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The course after generate_assignment, one autograde run of the whole class, feedback and export."""
    seconds, start = {}, time.monotonic()
    chapters = {}  # graded meanwhile, in a thread: the class below spends much of its time waiting for timeouts
    # Both folders are made here, in one thread: pytest's first mktemp creates the worker's basetemp and races.
    chapters_course = tmp_path_factory.mktemp("chapters") / "course"
    class_course = tmp_path_factory.mktemp("grading") / "course"

    def grade_chapters():
        try:
            grade_every_chapter(chapters_course, chapters)
        except Exception as error:  # reported by the test that reads the results
            chapters["error"] = repr(error)

    every_chapter = threading.Thread(target=grade_chapters)
    every_chapter.start()
    course = make_course(class_course)
    sandboxes = course.parent / "sandboxes"
    run(["nbgrader", "generate_assignment", ASSIGNMENT, "--force"], cwd=course)
    release = read_notebook(notebook_path(course / "exercises", ASSIGNMENT))
    seconds["generate"] = time.monotonic() - start

    students = {student.name: student for student in the_class(course)}
    incoming = course.parent / "incoming"
    for student in students.values():
        submit(incoming / student.name, release, student)
        fair_as = {**ANSWERS, **(student.answers if student.fair_as is None else student.fair_as)}
        passed = run_in_process(SOLUTION, fair_as) if student.raw is None else dict.fromkeys(POINTS, "not graded")
        student.expected = {test: 0 if why else POINTS[test] for test, why in passed.items()}

    grade = ["python", ROOT / "scripts" / "grade.py"]
    start = time.monotonic()
    autograde = run([*grade, "autograde", ASSIGNMENT, incoming, *LIMITS, f"--SandboxedExecute.sandbox_root={sandboxes}"], cwd=course, check=False, timeout=900)
    seconds["autograde"] = time.monotonic() - start
    start = time.monotonic()
    feedback = run([*grade, "feedback", ASSIGNMENT], cwd=course, check=False)
    seconds["feedback"] = time.monotonic() - start
    start = time.monotonic()
    export = run([*grade, "export"], cwd=course, check=False)
    seconds["export"] = time.monotonic() - start
    start = time.monotonic()
    every_chapter.join()
    seconds["every chapter (waited for)"] = time.monotonic() - start
    print(f"\ngrading round trip of {len(students)} students, seconds: " + ", ".join(f"{step} {value:.1f}" for step, value in seconds.items()))
    with (course / "autograded" / f"{ASSIGNMENT}-report.csv").open() as file:
        report = {row["student"]: row for row in csv.DictReader(file)}
    yield Graded(course, students, read_grades(course, students), report, autograde, feedback, export, seconds, sandboxes, chapters)
    for planted in ["/tmp/planted-by-a-submission.txt", "/tmp/stolen-gradebook.db"]:
        Path(planted).unlink(missing_ok=True)


def scores(graded, name):
    return {test: score for test, (score, _, _) in graded.grades[name].items() if test in POINTS}


def autograded_notebook(graded, name):
    return read_notebook(graded.course / "autograded" / name / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")


def outputs_of(graded, name, grade_id):
    cell = next(c for c in autograded_notebook(graded, name).cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return "\n".join(f"{output.get('ename', '')}: {output.get('evalue', '')}" if output.output_type == "error" else str(output.get("text", ""))
                     for output in cell.get("outputs", []))


def assert_graded_fairly(graded, name):
    student = graded.students[name]
    assert name in graded.grades, f"{name} was not graded at all:\n{graded.autograde.stdout[-3000:]}"
    got = scores(graded, name)
    assert got == student.expected, f"{name} ({student.fair or 'honest'}): scores per test cell should be {student.expected}, are {got}"


def assert_flagged(graded, name, tests):
    """The test cells a crash or a hang stopped are flagged for review in the gradebook, and no other."""
    flagged = {test for test, (_, _, needs_manual_grade) in graded.grades[name].items() if needs_manual_grade and test in POINTS}
    assert flagged == set(tests), f"{name}: the test cells flagged for review should be {sorted(tests)}, are {sorted(flagged)}"


# --- The run -----------------------------------------------------------------------------------------

def test_the_whole_class_is_graded_in_one_run_that_finishes(graded):
    assert graded.autograde.stderr.count("[AutogradeApp | INFO] Autograding") >= len(graded.students) - 1, "expected one autograde run over the whole class"
    assert set(graded.report) == set(graded.students), f"the report's students differ from the class: {set(graded.report) ^ set(graded.students)}"
    for name in graded.students:
        assert re.search(rf"^{name}\s", graded.autograde.stdout, re.M), f"the printed report has no line for {name}:\n{graded.autograde.stdout}"
    not_graded = {name for name, row in graded.report.items() if row["status"] != "graded"}
    assert not_graded == {"not_a_notebook"}, f"only the submission that is not a notebook should fail to be graded, these did: {not_graded}"
    assert not {name for name in graded.students if name not in graded.grades or not (graded.course / "autograded" / name / ASSIGNMENT).exists()} - not_graded
    assert graded.autograde.returncode == 1 and "could not be graded: not_a_notebook" in graded.autograde.stderr, graded.autograde.stderr[-2000:]


def test_grading_leaves_no_sandbox_behind_and_stays_within_its_time(graded):
    left = list(graded.sandboxes.glob("*/*"))
    assert not left, f"sandboxes left behind: {left}"
    assert graded.seconds["autograde"] < 600, f"autograding took {graded.seconds['autograde']:.0f} s"


# --- Honest students -----------------------------------------------------------------------------------

def test_solution_scores_full_marks_on_the_autograded_parts(graded):
    assert scores(graded, "solution") == POINTS


def test_blank_student_version_scores_zero(graded):
    assert scores(graded, "blank") == dict.fromkeys(POINTS, 0)


@pytest.mark.parametrize("function", FUNCTIONS)
def test_one_wrong_function_loses_exactly_that_functions_points(graded, function):
    got = scores(graded, f"one_wrong_{function}")
    lost = {test for test, score in got.items() if score != POINTS[test]}
    assert lost == set(FUNCTIONS[function]), f"a wrong {function} should lose exactly {sorted(FUNCTIONS[function])}, lost {sorted(lost)}"
    assert all(got[test] == 0 for test in lost)


def test_every_honest_student_is_graded_exactly_right(graded):
    """Cell by cell, nbgrader's score equals the one the same tests give in this process."""
    for name, student in graded.students.items():
        if student.honest:
            assert_graded_fairly(graded, name)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_chapters_solution_scores_full_marks_and_its_blank_version_zero_in_the_sandbox(graded, assignment):
    """The sandbox, its limits and the boundary between tests and code let every chapter's honest code through (torch,
    matplotlib, models, data loaders, in_your_kernel procedures)."""
    run_log = graded.chapters["run"].stderr[-3000:] if "run" in graded.chapters else graded.chapters.get("error")
    assert (assignment, "solution") in graded.chapters, f"{assignment} was not graded:\n{run_log}"
    tests = {test for tests in graded_functions(read_notebook(notebook_path(SOLUTIONS, assignment))).values() for test in tests}
    scores, maxima = graded.chapters[assignment, "solution"]
    lost = {test: f"{scores[test]} / {maxima[test]}" for test in tests if scores[test] != maxima[test]}
    assert not lost, f"{assignment}: the solution loses points in the sandbox: {lost}"
    scores, _ = graded.chapters[assignment, "blank"]
    assert not any(scores[test] for test in tests), f"{assignment}: the blank student version scores {({t: scores[t] for t in tests if scores[t]})}"


def test_a_written_answer_waits_for_manual_grading(graded):
    assert graded.grades["wrote_the_xor_answer"]["xor_answer"][2], "the written XOR answer should need manual grading"
    score, _, needs_manual_grade = graded.grades["solution"]["xor_answer"]
    assert not needs_manual_grade and score == 0, "an unanswered written answer scores 0 ('No response')"


# --- Broken, endless, crashing ---------------------------------------------------------------------------

def test_endless_loop_costs_only_its_part(graded):
    """Fair: the cells that call the endless train_perceptron are interrupted at the cell timeout and score zero;
    every other part keeps its points, and the run goes on."""
    assert_graded_fairly(graded, "endless_loop")
    assert "still running after 3 s" in outputs_of(graded, "endless_loop", "test_train_perceptron")
    assert_flagged(graded, "endless_loop", FUNCTIONS["train_perceptron"])


def test_endless_loop_that_ignores_interrupts_costs_only_its_part(graded):
    """Fair: interrupting cannot stop it, so the grader kills that kernel and goes on in a new one (re-running the
    cells that worked): gate_weights scores zero, the other parts keep their points."""
    assert_graded_fairly(graded, "endless_loop_ignoring_interrupts")
    assert "test_gate_weights" in autograded_notebook(graded, "endless_loop_ignoring_interrupts").metadata["grading"]["timed_out"]


def test_kernel_killed_by_os_exit_costs_only_its_part(graded):
    """Fair: os._exit kills the kernel in gate_weights' test cells; those score zero with a 'kernel died' error, and
    a new kernel grades the rest, which keep their points (nbgrader alone would give the whole notebook zero)."""
    assert_graded_fairly(graded, "os_exit")
    assert "kernel died" in outputs_of(graded, "os_exit", "test_gate_weights")
    assert autograded_notebook(graded, "os_exit").metadata["grading"]["crashed"] == ["test_gate_weights", "test_gate_weights_2"]
    assert graded.report["os_exit"]["crashed"] == "test_gate_weights test_gate_weights_2", graded.report["os_exit"]
    assert_flagged(graded, "os_exit", FUNCTIONS["gate_weights"])


def test_segfault_through_ctypes_costs_only_its_part(graded):
    """Fair: a segmentation fault in perceptron_predict kills the kernel in its tests; only that part scores zero."""
    assert_graded_fairly(graded, "segfault_through_ctypes")
    assert "kernel died" in outputs_of(graded, "segfault_through_ctypes", "test_perceptron_predict")


def test_memory_hog_costs_only_its_part_and_the_machine_survives(graded):
    """Fair: the kernel's address space is limited, so the hog gets a MemoryError (or, if it is still filling memory at
    the cell timeout, it is interrupted or its kernel is replaced) instead of taking the machine down: train_perceptron
    scores zero, the other parts keep their points."""
    assert_graded_fairly(graded, "memory_hog")
    assert re.search("MemoryError|still running|kernel died|did not stop", outputs_of(graded, "memory_hog", "test_train_perceptron"))


def test_sys_exit_is_an_error_in_its_part_only(graded):
    """Fair: sys.exit() raises SystemExit in the test cells that call gate_weights: they score zero; the kernel lives on."""
    assert_graded_fairly(graded, "sys_exit")
    assert not autograded_notebook(graded, "sys_exit").metadata["grading"]["crashed"]


def test_syntax_error_costs_only_its_part(graded):
    """Fair: the answer cell does not compile, so train_perceptron does not exist and its tests score zero."""
    assert_graded_fairly(graded, "syntax_error")


def test_missing_function_costs_only_its_part(graded):
    """Fair: perceptron_predict is misnamed: its tests fail with NameError and score zero; the others keep their points."""
    assert_graded_fairly(graded, "missing_function")
    assert "NameError" in outputs_of(graded, "missing_function", "test_perceptron_predict")


def test_crash_in_a_cell_between_parts_costs_no_points(graded):
    """Fair: the kernel dies in a cell of the student's own that no test needs; the cells before it are re-run in a new
    kernel and every part keeps its points."""
    assert_graded_fairly(graded, "crashes_between_parts")
    assert scores(graded, "crashes_between_parts") == POINTS


def test_huge_output_keeps_full_marks_and_small_files(graded):
    """Fair: printing is not wrong, so the correct functions keep full marks; only the output is cut, so that the graded
    notebook and the feedback stay small and the grader's memory is safe."""
    assert_graded_fairly(graded, "huge_output")
    notebook = graded.course / "autograded" / "huge_output" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    feedback = graded.course / "feedback" / "huge_output" / ASSIGNMENT / f"{ASSIGNMENT}.html"
    assert notebook.stat().st_size < 2_000_000, f"the autograded notebook is {notebook.stat().st_size} bytes"
    assert feedback.stat().st_size < 5_000_000, f"the feedback is {feedback.stat().st_size} bytes"
    assert "dropped the rest of this cell's output" in notebook.read_text()


def test_the_guides_worked_example_is_what_grading_reports(graded):
    """The instructor guide's worked example shows, for alice (the solution and a written answer), bob (a misnamed
    notebook) and carol (os._exit in gate_weights), the scores, statuses and notes that grading such submissions
    gives here."""
    example = {"alice": "wrote_the_xor_answer", "bob": "misnamed_notebook", "carol": "os_exit"}
    guide = (ROOT / "book" / "instructor_guide.md").read_text().splitlines()
    for person, name in example.items():
        row = graded.report[name]
        line = next((line for line in guide if line.startswith(f"{person} ")), "")
        shown = [f"{float(row['score']):.1f} / {float(row['max_score']):.1f}", row["status"], *filter(None, row["notes"].split(" | "))]
        assert all(part in line for part in shown), f"the guide shows {person} as {line!r}; grading {name} reports {shown}"
        assert ("manual grading pending" in line) == (row["needs_manual_grade"] == "True"), (line, row)


def test_misnamed_notebook_is_graded_and_reported(graded):
    """Fair: the submission's only notebook is graded as the assignment's: full marks; the report says it was renamed."""
    assert_graded_fairly(graded, "misnamed_notebook")
    assert "renamed '01_perceptron.ipynb'" in graded.report["misnamed_notebook"]["notes"], graded.report["misnamed_notebook"]


def test_a_submission_collected_from_a_hubs_exchange_is_graded(graded):
    """Fair: nbgrader's layout, <student>/<assignment>/<assignment>.ipynb, is collected as the notebook itself: full marks."""
    assert_graded_fairly(graded, "collected_from_a_hub")
    assert graded.report["collected_from_a_hub"]["status"] == "graded", graded.report["collected_from_a_hub"]


def test_not_a_notebook_is_reported_and_harms_no_one(graded):
    """Fair: a file that is not a notebook cannot be graded: the run finishes, it is reported as not graded and scores
    nothing, and everyone else's grade is intact (see the other tests)."""
    row = graded.report["not_a_notebook"]
    assert (row["status"], row["reason"]) == ("not graded", "it is not valid JSON"), row
    assert "not_a_notebook" not in graded.grades or not any(score for score in scores(graded, "not_a_notebook").values())


# --- Tampered notebooks ------------------------------------------------------------------------------------

def test_deleted_test_cell_is_put_back_and_graded(graded):
    """Fair: a deleted test cell is restored from the gradebook and run: the student neither gains nor loses."""
    assert_graded_fairly(graded, "deleted_a_test_cell")
    assert scores(graded, "deleted_a_test_cell") == POINTS


def test_deleting_the_tests_of_a_wrong_function_gains_nothing(graded):
    """Fair: the deleted tests come back and the wrong gate_weights loses exactly its points."""
    assert_graded_fairly(graded, "deleted_the_tests_of_a_wrong_function")
    assert sum(scores(graded, "deleted_the_tests_of_a_wrong_function").values()) == sum(POINTS.values()) - sum(FUNCTIONS["gate_weights"].values())


def test_edited_test_cells_are_restored(graded):
    """Fair: test cells edited to pass are restored from the gradebook: the wrong train_perceptron loses its points."""
    assert_graded_fairly(graded, "edited_test_cells")


def test_points_changed_in_metadata_are_restored(graded):
    """Fair: the maximum stays the course's (the gradebook's), and the wrong function loses its real points."""
    assert_graded_fairly(graded, "changed_points")
    assert {graded.grades["changed_points"][test][1] for test in FUNCTIONS["perceptron_predict"]} == set(FUNCTIONS["perceptron_predict"].values())


@contextlib.contextmanager
def restored(*modules):
    """Put back, on the way out, the attributes of these modules that code run in this process replaced."""
    saved = [(vars(module), dict(vars(module))) for module in modules]
    try:
        yield
    finally:
        for namespace, original in saved:  # (names added on the way, such as numpy's lazily imported parts, stay)
            for name, value in original.items():
                if namespace.get(name, restored) is not value:
                    namespace[name] = value


@pytest.mark.parametrize("name", [name for name, (_, _, _, fools) in IN_KERNEL_ATTACKS.items() if fools])
def test_attack_would_fool_tests_run_beside_it(name):
    """The attacks are real: with the tests run in one namespace with the student's code, as in plain nbgrader's kernel,
    each of these wrong functions passes all its tests."""
    function, source, _, _ = IN_KERNEL_ATTACKS[name]
    swapped = [numpy.array_equal._implementation, numpy.flatnonzero._implementation]
    codes = [implementation.__code__ for implementation in swapped]
    try:
        with restored(builtins, numpy):
            results = run_in_process(SOLUTION, {function: source}, [function], together=True)
    finally:
        for implementation, code in zip(swapped, codes):
            implementation.__code__ = code
    assert not any(results.values()), f"the attack {name} should fool tests run beside it, but {results}"


@pytest.mark.parametrize("name", IN_KERNEL_ATTACKS)
def test_attack_from_inside_the_kernel_gains_nothing(graded, name):
    """Fair: patching numpy or the builtins, swapping a function's code, rebinding `np`, peeking at the callers' frames
    and the heap for expected values, IPython's exception handlers and input transformers, a fake guard, a replaced
    run_cell or a replaced server: each changes the student's own kernel only, where no test runs. The attacked
    function scores exactly as the same answer without the attack, or as a blank one (with the parts after it) when the
    attack breaks the student's own kernel; the parts before it keep their points."""
    assert_graded_fairly(graded, name)


def test_printed_input_history_holds_no_test(graded):
    """Fair: full marks (printing is not wrong); the kernel's input history, printed into the test cells' outputs,
    holds the student's own cells and none of the tests, which never ran there."""
    assert_graded_fairly(graded, "prints_its_input_history")
    printed = outputs_of(graded, "prints_its_input_history", "test_perceptron_predict_2")
    assert "history:" in printed and "def perceptron_predict" in printed, printed[:500]
    assert "assert" not in printed and "perceptron_predict(np." not in printed, f"the history shows a test: {printed[:2000]}"


def test_the_kernel_runs_under_hard_limits(graded):
    """The limits the guide promises hold in the student's kernel, soft and hard alike (so its code cannot raise them):
    the memory of this run's --SandboxedExecute.memory_limit, CPU seconds of the notebook's time budget, the largest
    file and the open files of nnfs/limits.py, no core dumps."""
    output = outputs_of(graded, "snoops_and_sabotages", "perceptron_predict")
    applied = json.loads(output.split("LIMITS ", 1)[1].splitlines()[0])
    memory = 3 * 2**29  # LIMITS above
    assert applied == {"RLIMIT_AS": [memory, memory], "RLIMIT_CPU": [120, 125], "RLIMIT_FSIZE": [limits.FILE_SIZE] * 2,
                       "RLIMIT_NOFILE": [limits.OPEN_FILES] * 2, "RLIMIT_CORE": [0, 0]}, applied


def test_snooping_and_sabotage_are_refused(graded):
    """Fair: the submission's correct functions keep full marks, and everything it tried outside its sandbox was refused
    (solutions, gradebook, other students, programs, network, ctypes, limits)."""
    assert_graded_fairly(graded, "snoops_and_sabotages")
    output = outputs_of(graded, "snoops_and_sabotages", "perceptron_predict")
    tried = json.loads(output.split("SNOOP ", 1)[1].splitlines()[0])
    assert len(tried) >= 20 and all(result.startswith("refused") for result in tried.values()), f"attempts that succeeded: {tried}"
    assert not Path("/tmp/planted-by-a-submission.txt").exists() and not Path("/tmp/stolen-gradebook.db").exists()
    assert not (graded.course / "submitted" / "solution" / ASSIGNMENT / "planted.txt").exists()
    assert not (graded.course / "planted-by-a-submission.txt").exists()


# --- Feedback and grades ---------------------------------------------------------------------------------

def feedback_files(graded):
    return {path.parts[-3]: path for path in (graded.course / "feedback").glob(f"*/{ASSIGNMENT}/{ASSIGNMENT}.html")}


def test_feedback_is_generated_for_every_graded_student(graded):
    assert graded.feedback.returncode == 0, graded.feedback.stdout[-2000:] + graded.feedback.stderr[-2000:]
    assert set(feedback_files(graded)) == set(graded.grades) - {"not_a_notebook"}


def test_feedback_shows_no_hidden_test(graded):
    """No line of a hidden test (that the student version does not show anyway) is in any feedback file, not even in the
    tracebacks of failed hidden tests."""
    public = public_text(SOLUTION)
    hidden = {line for line in hidden_test_lines(SOLUTION) if line not in public}
    assert len(hidden) > 10
    for name, path in feedback_files(graded).items():
        text = html.unescape(path.read_text())
        leaked = [line for line in hidden if line in text]
        assert not leaked, f"the feedback of {name} shows hidden tests: {leaked[:3]}"
    failing = html.unescape(feedback_files(graded)["blank"].read_text())
    assert "NotImplementedError" in failing, "a failed test's error should still be in the feedback"


def test_feedback_loads_nothing_from_a_cdn(graded):
    for name, path in feedback_files(graded).items():
        text = path.read_text()
        assert not re.search(r"<script[^>]+src=\"?https?:", text), f"the feedback of {name} loads a script from the network"
        assert "cdnjs" not in text and "MathJax.Hub" not in text, f"the feedback of {name} still uses MathJax 2 from a CDN"


def test_feedback_math_renders_in_a_browser_with_no_network(graded):
    """Chromium opens a feedback file served from 127.0.0.1 with every other host refused: MathJax (inside the file)
    typesets the assignment's math, with no error and no request elsewhere."""
    from playwright.sync_api import sync_playwright

    folder = feedback_files(graded)["solution"].parent
    outside, errors = [], []
    with serve_folder(folder) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url) else (outside.append(route.request.url), route.abort()))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{url}{ASSIGNMENT}.html")
        page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=30_000)
        page.evaluate("() => MathJax.startup.promise")
        typeset = page.locator("mjx-container").count()
        merrors = page.locator("mjx-merror").count()
        browser.close()
    assert typeset >= 5, f"only {typeset} formulas typeset"
    assert merrors == 0 and not errors, f"MathJax errors: {merrors}, page errors: {errors}"
    assert not outside, f"the feedback requested other hosts: {outside}"


def test_grades_csv_has_the_right_numbers(graded):
    assert graded.export.returncode == 0, graded.export.stderr[-2000:]
    import csv

    rows = {row["student_id"]: row for row in csv.DictReader((graded.course / "grades.csv").open())}
    total = sum(POINTS.values()) + sum(p for c in SOLUTION.cells if c.cell_type == "markdown" for p in [c.metadata.get("nbgrader", {}).get("points", 0)])
    for name, student in graded.students.items():
        if name == "not_a_notebook":
            continue
        row = rows[name]
        assert float(row["score"]) == sum(student.expected.values()), f"{name}: grades.csv says {row['score']}, expected {sum(student.expected.values())}"
        assert float(row["max_score"]) == total, f"{name}: max_score {row['max_score']}, expected {total}"

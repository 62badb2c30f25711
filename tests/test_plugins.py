"""Unit tests of the course's nbgrader plug-ins (nnfs/grading/), one preprocessor at a time, on tiny notebooks built
here, in the style of nbgrader's own preprocessor tests: build a notebook, call preprocess(nb, resources), look at
what came out. The round trip of a whole class through `scripts/grade.py` (tests/test_grading.py) shows the same
plug-ins working together; these show each one's own promise in seconds, and say which one broke.

- HideHiddenTests: the feedback keeps no hidden test, in a cell's source, a traceback or any output line.
- SandboxedExecute: a real sandboxed kernel (bubblewrap) with short limits; each test runs one small notebook.
- RecordGradingNotes: a real gradebook (SQLite, in a temporary folder), filled as `nbgrader autograde` fills it.
- test_names: which names of a test cell are fetched from the student's kernel.
"""

import copy
import json
import os
import shutil
import warnings

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from nbgrader.api import Gradebook
from nbgrader.preprocessors import SaveAutoGrades, SaveCells
from nbgrader.utils import compute_checksum
from sqlalchemy.exc import SAWarning

from helpers import BIN
from nnfs import limits
from nnfs.cells import HIDDEN_TESTS_BLOCK, ROOT, TELLING_LENGTH, nbgrader_metadata
from nnfs.grading import feedback, sandbox


# --- Tiny notebooks: cells with the metadata nbgrader's `generate_assignment` gives them ------------------------------

def nbgrader_cell(source, **metadata):
    nbgrader = {"grade": False, "grade_id": "", "locked": False, "solution": False, "points": 0, "schema_version": 3, **metadata}
    cell = new_code_cell(source, metadata={"nbgrader": nbgrader})
    cell.metadata.nbgrader["checksum"] = compute_checksum(cell)
    return cell


def setup_cell(source, grade_id="setup"):
    return nbgrader_cell(source, grade_id=grade_id, locked=True)


def answer_cell(source, grade_id):
    return nbgrader_cell(source, grade_id=grade_id, solution=True)


def grade_cell(source, grade_id, points=1):
    return nbgrader_cell(source, grade_id=grade_id, grade=True, points=points, locked=True)


def cell_of(nb, grade_id):
    return next(cell for cell in nb.cells if nbgrader_metadata(cell).get("grade_id") == grade_id)


def errors(cell):
    return [output.ename for output in cell.outputs if output.output_type == "error"]


def stdout(cell):
    return "".join(output.text for output in cell.outputs if output.output_type == "stream" and output.name == "stdout")


# --- HideHiddenTests ---------------------------------------------------------------------------------------------

HIDDEN = 'assert f(123456) == 246912, "a hidden check"'  # telling: at least TELLING_LENGTH characters
SHORT_HIDDEN = "assert f(0) == 0"  # not telling: such a line proves nothing when found elsewhere
VISIBLE = "assert f(2) == 4"
HIDDEN_TEST = f"{VISIBLE}\n### BEGIN HIDDEN TESTS\n{HIDDEN}\n{SHORT_HIDDEN}\n### END HIDDEN TESTS\n"
REDACTED = feedback.REDACTED


def feedback_notebook(*outputs, answer_outputs=()):
    """An autograded notebook as GenerateFeedback reads it: an answer cell, and a test cell with hidden tests
    whose outputs are `outputs` (the answer cell's are answer_outputs)."""
    answer = answer_cell("def f(x):\n    return 2 * x\n", "f")
    answer.outputs = list(answer_outputs)
    test = grade_cell(HIDDEN_TEST, "test_f")
    test.outputs = list(outputs)
    return new_notebook(cells=[new_markdown_cell("# Doubling"), answer, test])


def hide(nb):
    nb, _ = feedback.HideHiddenTests().preprocess(nb, {})
    return nb


def test_the_telling_hidden_lines_of_these_notebooks_are_what_the_tests_below_expect():
    """The premise of the tests below: the long hidden line is a secret, the short one is not."""
    assert len(HIDDEN) >= TELLING_LENGTH > len(SHORT_HIDDEN)
    assert feedback.hidden_test_lines(feedback_notebook()) == {HIDDEN}


def test_hide_hidden_tests_removes_the_hidden_block_and_keeps_the_visible_test():
    source = cell_of(hide(feedback_notebook()), "test_f").source
    assert VISIBLE in source
    assert HIDDEN not in source and SHORT_HIDDEN not in source and "HIDDEN TESTS" not in source, source
    assert not HIDDEN_TESTS_BLOCK.search(source)


def test_hide_hidden_tests_cuts_a_test_cells_traceback_to_its_last_line():
    """A test's traceback quotes the test's code (a hidden line included): only `Ename: evalue` is left."""
    traceback = ["Traceback (most recent call last):\n", f'  File "<test cell test_f>", line 4, in <module>\n    {HIDDEN}\n',
                 "AssertionError: expected 246912\n"]
    nb = hide(feedback_notebook(new_output("error", ename="AssertionError", evalue="expected 246912", traceback=traceback)))
    [output] = cell_of(nb, "test_f").outputs
    assert output.traceback == ["AssertionError: expected 246912"]
    assert (output.ename, output.evalue) == ("AssertionError", "expected 246912")


def test_hide_hidden_tests_keeps_the_traceback_of_the_students_own_cell():
    """The student's own error shows them where their code failed: only test cells lose their traceback."""
    traceback = ["Traceback (most recent call last):\n", '  File "<cell>", line 2, in f\n    return 2 * x\n', "NameError: name 'x' is not defined\n"]
    nb = hide(feedback_notebook(answer_outputs=[new_output("error", ename="NameError", evalue="name 'x' is not defined", traceback=traceback)]))
    assert cell_of(nb, "f").outputs[0].traceback == traceback


def test_hide_hidden_tests_redacts_an_error_value_that_repeats_a_hidden_line():
    nb = hide(feedback_notebook(new_output("error", ename="AssertionError", evalue=f"failed: {HIDDEN}", traceback=["long"])))
    [output] = cell_of(nb, "test_f").outputs
    assert output.evalue == REDACTED and HIDDEN not in output.traceback[0], output


def test_hide_hidden_tests_redacts_a_stream_line_that_repeats_a_hidden_line_and_keeps_the_others():
    printed = f"checking f\n    {HIDDEN}  # the line the notebook printed\nf is fine\n"
    nb = hide(feedback_notebook(new_output("stream", name="stdout", text=printed),
                                answer_outputs=[new_output("stream", name="stdout", text=["history:\n", f"{HIDDEN}\n", "end\n"])]))
    assert cell_of(nb, "test_f").outputs[0].text == f"checking f\n{REDACTED}\nf is fine\n"
    assert cell_of(nb, "f").outputs[0].text == ["history:\n", f"{REDACTED}\n", "end\n"]  # text kept as a list of lines


def test_hide_hidden_tests_redacts_a_text_plain_line_that_repeats_a_hidden_line_and_keeps_the_others():
    result = new_output("execute_result", execution_count=3, data={"text/plain": f"'first'\n{HIDDEN!r}\n'last'", "image/png": "iVBORw0KGgo="})
    nb = hide(feedback_notebook(answer_outputs=[result]))
    data = cell_of(nb, "f").outputs[0].data
    assert data["text/plain"] == f"'first'\n{REDACTED}\n'last'"
    assert data["image/png"] == "iVBORw0KGgo="


def test_hide_hidden_tests_leaves_a_line_that_repeats_only_a_short_hidden_line():
    """A hidden line shorter than TELLING_LENGTH (`assert f(0) == 0`) could be any code: output repeating it stays."""
    printed = f"{SHORT_HIDDEN}\n{VISIBLE}\n"
    nb = hide(feedback_notebook(new_output("stream", name="stdout", text=printed)))
    assert cell_of(nb, "test_f").outputs[0].text == printed


def test_hide_hidden_tests_keeps_a_students_own_cell_with_the_markers_instead_of_raising():
    """nbgrader's ClearHiddenTests raises on hidden tests outside a grade cell, and on unbalanced markers anywhere; a
    student typing the markers into their own cell, balanced or not, must not stop their feedback, and keeps it."""
    own = ["### BEGIN HIDDEN TESTS\nmine = 1\n### END HIDDEN TESTS\nprint(mine)\n",  # balanced, not a grade cell
           "### BEGIN HIDDEN TESTS\nalso_mine = 2\n",  # unbalanced
           "# ### END HIDDEN TESTS\n"]  # unbalanced, in a comment
    nb = feedback_notebook()
    nb.cells += [nbgrader_cell(own[0]), nbgrader_cell(own[1]), new_code_cell(own[2])]
    nb = hide(nb)
    assert [cell.source for cell in nb.cells[-3:]] == own
    assert HIDDEN not in cell_of(nb, "test_f").source


# --- SandboxedExecute --------------------------------------------------------------------------------------------
# A real kernel in bubblewrap, limits short enough for a hang to cost seconds, long enough for an honest call on a
# loaded machine: at 2 s, a first request of `f(2)` timed out while the rest of the suite ran beside it.

LIMITS = {"timeout": 5, "iopub_timeout": 5}  # iopub: the wait for a finished cell's last output, which costs nothing when it comes


def grade(tmp_path, cells, files=None, **options):
    """Run SandboxedExecute on a notebook of `cells` as `nbgrader autograde` does: resources with the submission's
    folder (holding `files`, {relative path: text}) and its nbgrader names. Returns (executor, notebook, resources)."""
    home = tmp_path / "submitted" / "alice" / "ps0"
    home.mkdir(parents=True)
    for name, text in (files or {}).items():
        (home / name).parent.mkdir(parents=True, exist_ok=True)
        (home / name).write_text(text)
    resources = {"metadata": {"path": str(home)}, "nbgrader": {"student": "alice", "assignment": "ps0", "notebook": "ps0"}}
    executor = sandbox.SandboxedExecute(**{**LIMITS, "sandbox_root": str(tmp_path / "sandboxes"), **options})
    nb, resources = executor.preprocess(new_notebook(cells=cells), resources)
    return executor, nb, resources


def doubling(*extra, tests=("assert f(2) == 4", "assert f(2) == 5")):
    """The 4-cell notebook: a setup cell, the answer `f`, a test that passes and one that fails; `extra` cells
    (answers, grade_id g, h, ...) between the answer and the tests."""
    extras = [answer_cell(source, grade_id) for source, grade_id in zip(extra, "ghijk")]
    checks = [grade_cell(source, "test_f" if k == 0 else f"test_f_{k + 1}") for k, source in enumerate(tests)]
    return [setup_cell("import math"), answer_cell("def f(x):\n    return 2 * x\n", "f"), *extras, *checks]


@pytest.fixture(scope="module")
def honest(tmp_path_factory):
    """The 4-cell notebook graded once for the tests that only read the result."""
    return grade(tmp_path_factory.mktemp("honest"), doubling())


def test_sandboxed_execute_passes_a_passing_test_and_fails_a_failing_one(honest):
    _, nb, _ = honest
    assert cell_of(nb, "test_f").outputs == []
    assert errors(cell_of(nb, "test_f_2")) == ["AssertionError"]
    assert errors(cell_of(nb, "setup")) == [] and errors(cell_of(nb, "f")) == []


def test_sandboxed_execute_notes_nothing_wrong_about_an_honest_notebook(honest):
    executor, _, resources = honest
    notes = resources["nbgrader"]["grading_notes"]
    assert {key: notes[key] for key in ("crashed", "timed_out", "not_run")} == {"crashed": [], "timed_out": [], "not_run": []}
    assert notes["requests"] >= 2 and isinstance(notes["seconds"], float) and isinstance(notes["request_seconds"], float), notes
    assert executor.restarts == 0


def test_sandboxed_execute_puts_the_submissions_files_in_the_sandbox_the_tests_in_the_grader_and_cleans_up(tmp_path):
    """The kernel sees the submission's data files (no notebook, no code), runs in a PID namespace of its own;
    the test cells run in this very process; afterwards no sandbox or connection folder is left and the
    resources' path is the submission's again."""
    student = ("import os\nkernel_pid = os.getpid()\ndata = open('data.csv').read()\nnested = open('sub/more.txt').read()\n"
               "code = sorted(name for name in ['helper.py', 'other.ipynb'] if os.path.exists(name) or os.path.exists('.submitted/' + name))\n")
    check = "import json, os\nprint(json.dumps({'grader': os.getpid(), 'kernel': kernel_pid, 'data': data, 'nested': nested, 'code': code}))"
    files = {"data.csv": "1,2,3\n", "sub/more.txt": "more\n", "helper.py": "SECRET = 1\n", "other.ipynb": "{}"}
    executor, nb, resources = grade(tmp_path, [answer_cell(student, "g"), grade_cell(check, "test_g")], files=files)
    assert errors(cell_of(nb, "test_g")) == [], cell_of(nb, "test_g").outputs
    seen = json.loads(stdout(cell_of(nb, "test_g")))
    assert seen["grader"] == os.getpid() and seen["kernel"] != os.getpid(), seen
    assert (seen["data"], seen["nested"], seen["code"]) == ("1,2,3\n", "more\n", []), seen
    assert resources["metadata"]["path"] == str(tmp_path / "submitted" / "alice" / "ps0")
    assert not executor.sandbox.exists() and not executor.connection.exists()
    assert list((tmp_path / "sandboxes").rglob("*")) == [tmp_path / "sandboxes" / f"nbgrader-sandboxes-{os.getuid()}"]


def test_sandboxed_execute_notes_an_answer_cell_that_hangs_as_timed_out(tmp_path):
    executor, nb, resources = grade(tmp_path, doubling("while True:\n    pass\n"))
    notes = resources["nbgrader"]["grading_notes"]
    assert (notes["timed_out"], notes["crashed"], notes["not_run"]) == (["g"], [], [])
    assert "CellTimeoutError" in errors(cell_of(nb, "g"))
    assert cell_of(nb, "test_f").outputs == [] and errors(cell_of(nb, "test_f_2")) == ["AssertionError"]  # the rest is graded


def test_sandboxed_execute_notes_a_test_whose_call_hangs_as_timed_out(tmp_path):
    """The hang is in the student's function, called by the tests from the grader: each such test fails with
    TimeoutError after `timeout` seconds and is noted."""
    executor, nb, resources = grade(tmp_path, doubling("def f(x):\n    while True:\n        pass\n"))
    notes = resources["nbgrader"]["grading_notes"]
    assert (notes["timed_out"], notes["crashed"]) == (["test_f", "test_f_2"], [])
    assert errors(cell_of(nb, "test_f")) == ["TimeoutError"] and errors(cell_of(nb, "test_f_2")) == ["TimeoutError"]


def test_sandboxed_execute_notes_a_crash_and_grades_the_rest_in_a_fresh_kernel(tmp_path):
    """os._exit in an answer cell kills the kernel: that cell gets a KernelDied error and is noted as crashed; a
    new kernel re-runs the cells that had worked (the setup cell and f), so the tests after it grade f as usual."""
    executor, nb, resources = grade(tmp_path, doubling("import os\nos._exit(1)\n"))
    notes = resources["nbgrader"]["grading_notes"]
    assert (notes["crashed"], notes["timed_out"], notes["not_run"]) == (["g"], [], [])
    assert errors(cell_of(nb, "g")) == ["KernelDied"] and executor.restarts == 1
    assert cell_of(nb, "test_f").outputs == [], cell_of(nb, "test_f").outputs
    assert errors(cell_of(nb, "test_f_2")) == ["AssertionError"]


def test_sandboxed_execute_does_not_run_the_cells_after_the_notebooks_time_budget(tmp_path):
    executor, nb, resources = grade(tmp_path, doubling("import time\ntime.sleep(4)\n"), timeout=8, notebook_timeout=3)
    notes = resources["nbgrader"]["grading_notes"]
    assert notes["not_run"][-2:] == ["test_f", "test_f_2"], notes
    assert errors(cell_of(nb, "test_f")) == ["NotRun"] and errors(cell_of(nb, "test_f_2")) == ["NotRun"]
    assert notes["seconds"] < 3 + 8, notes


def test_sandboxed_execute_keeps_at_most_output_limit_characters_per_cell_and_the_fact_of_stderr(tmp_path):
    student = "import sys\nprint('x' * 5000)\nprint('a warning', file=sys.stderr)\n"
    executor, nb, _ = grade(tmp_path, [answer_cell(student, "g"), grade_cell("print('y' * 5000)", "test_g")], output_limit=1000)
    answer, test = cell_of(nb, "g"), cell_of(nb, "test_g")
    assert len(stdout(answer)) < 1200 and "dropped the rest of this cell's output" in stdout(answer), answer.outputs
    assert [o.name for o in answer.outputs if o.output_type == "stream"][-1] == "stderr"  # so the cell still fails
    assert len(stdout(test)) < 1200 and "cut this cell's output at 1000 characters" in stdout(test), test.outputs


# --- RecordGradingNotes --------------------------------------------------------------------------------------------

def no_notes():
    return {"crashed": [], "timed_out": [], "not_run": [], "requests": 2, "request_seconds": 0.1, "seconds": 2.5}


@pytest.fixture(scope="module")
def autograded_once(tmp_path_factory):
    """The 4-cell notebook as SaveAutoGrades leaves it, with its real gradebook: test_f passed, test_f_2 failed,
    and alice's submission of ps0 holds a grade for each. Made once (a new gradebook asks `alembic` for its
    version, which takes seconds); each test gets its own copy (`autograded`)."""
    db = tmp_path_factory.mktemp("gradebook") / "gradebook.db"
    nb = new_notebook(cells=doubling())
    cell_of(nb, "test_f_2").outputs = [new_output("error", ename="AssertionError", evalue="", traceback=["AssertionError"])]
    resources = {"nbgrader": {"db_url": f"sqlite:///{db}", "assignment": "ps0", "notebook": "ps0", "student": "alice"}}
    path = os.environ["PATH"]
    os.environ["PATH"] = f"{BIN}{os.pathsep}{path}"  # nbgrader calls `alembic` by name
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SAWarning)  # nbgrader's own add_submission warns about its session
            with Gradebook(resources["nbgrader"]["db_url"]) as gradebook:
                gradebook.add_assignment("ps0")
                gradebook.add_student("alice")
            SaveCells().preprocess(nb, resources)  # the notebook's grade cells, as `nbgrader generate_assignment` saves them
            with Gradebook(resources["nbgrader"]["db_url"]) as gradebook:
                gradebook.add_submission("ps0", "alice")
            SaveAutoGrades().preprocess(nb, resources)
    finally:
        os.environ["PATH"] = path
    return nb, db


@pytest.fixture
def autograded(autograded_once, tmp_path):
    """A copy of the autograded notebook and its gradebook for one test: (notebook, resources, db_url)."""
    nb, db = autograded_once
    shutil.copy(db, tmp_path / "gradebook.db")
    db_url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    return copy.deepcopy(nb), {"nbgrader": {"db_url": db_url, "assignment": "ps0", "notebook": "ps0", "student": "alice"}}, db_url


def grades(db_url):
    """{grade_id: (auto_score, needs_manual_grade)} of alice's ps0."""
    with Gradebook(db_url) as gradebook:
        return {g: (gradebook.find_grade(g, "ps0", "ps0", "alice").auto_score, gradebook.find_grade(g, "ps0", "ps0", "alice").needs_manual_grade)
                for g in ("test_f", "test_f_2")}


def record(nb, resources, notes):
    resources["nbgrader"]["grading_notes"] = notes
    return sandbox.RecordGradingNotes().preprocess(nb, resources)


def test_the_gradebook_holds_what_save_auto_grades_gave(autograded):
    """The premise of the tests below: both grades are automatic, neither waits for a human."""
    _, _, db_url = autograded
    assert grades(db_url) == {"test_f": (1, False), "test_f_2": (0, False)}


def test_record_grading_notes_flags_a_crashed_test_for_review_and_only_that_one(autograded):
    nb, resources, db_url = autograded
    notes = {**no_notes(), "crashed": ["test_f"]}
    nb, _ = record(nb, resources, notes)
    assert grades(db_url) == {"test_f": (1, True), "test_f_2": (0, False)}
    assert nb.metadata["grading"] == notes


def test_record_grading_notes_flags_a_timed_out_test_for_review(autograded):
    nb, resources, db_url = autograded
    record(nb, resources, {**no_notes(), "timed_out": ["test_f_2"]})
    assert grades(db_url) == {"test_f": (1, False), "test_f_2": (0, True)}


def test_record_grading_notes_flags_no_test_for_a_crash_outside_the_tests(autograded):
    """A crash in an answer cell (`f`) or in an unnamed cell of the student's, or a test not run, names no grade to
    review: nothing is flagged and nothing fails."""
    nb, resources, db_url = autograded
    notes = {**no_notes(), "crashed": ["f", "cell 7"], "timed_out": ["setup"], "not_run": ["test_f"]}
    nb, _ = record(nb, resources, notes)
    assert grades(db_url) == {"test_f": (1, False), "test_f_2": (0, False)}
    assert nb.metadata["grading"] == notes


def test_record_grading_notes_without_notes_changes_nothing(autograded):
    nb, resources, db_url = autograded
    before = copy.deepcopy(nb)
    nb, _ = sandbox.RecordGradingNotes().preprocess(nb, resources)
    assert nb == before and "grading" not in nb.metadata
    assert grades(db_url) == {"test_f": (1, False), "test_f_2": (0, False)}


# --- test_names: the names a test cell fetches from the student's kernel -----------------------------------------

@pytest.mark.parametrize("source, names", [
    ("assert f(2) == 4", ["f"]),
    ("x = f(1)\nassert x == g(x)", ["f", "g"]),  # x is the test's own
    ("import numpy as np\nfrom math import pi\nimport os.path\nassert np.pi == pi and os.path.sep", []),
    ("def check(a, *args, b=1, **kw):\n    return f(a) + b + len(args) + len(kw)\nassert check(1)", ["f", "len"]),
    ("class Case:\n    pass\ng = lambda y: y + z\nassert Case and g", ["z"]),
    ("assert [f(i) for i in range(3)]", ["f", "range"]),
], ids=["a read name", "a bound name", "imports", "a function and its arguments", "a class and a lambda", "a comprehension"])
def test_test_names_are_the_names_read_and_never_bound(source, names):
    assert sandbox.test_names(source) == names


@pytest.mark.parametrize("source", ["assert f(2) ==", "%timeit f(2)"], ids=["a syntax error", "an IPython magic"])
def test_test_names_of_a_cell_that_is_not_python_is_none(source):
    assert sandbox.test_names(source) is None


# --- What the instructor guide promises of the sandbox's limits ---------------------------------------------------

def test_the_instructor_guide_quotes_the_limits_the_sandbox_sets():
    """book/instructor_guide.md states the sandbox's limits in words; they are the ones nnfs/limits.py sets."""
    guide = " ".join((ROOT / "book" / "instructor_guide.md").read_text().split())
    quoted = [f"{limits.CELL_TIMEOUT} seconds per cell, {limits.NOTEBOOK_TIMEOUT // 60} minutes per notebook",
              f"cut to {limits.OUTPUT:,} characters per cell",
              f"a memory file system of {limits.SCRATCH // limits.MiB} MiB", f"a {limits.TMP // limits.MiB} MiB `/tmp`",
              f"{limits.MEMORY // limits.GiB} GiB of address space", f"{limits.FILE_SIZE // limits.MiB} MiB per file",
              f"{limits.OPEN_FILES} open files"]
    missing = [text for text in quoted if text not in guide]
    assert not missing, f"book/instructor_guide.md does not say {missing}: update it to nnfs/limits.py"

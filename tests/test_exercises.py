"""The assignments: exercises/ is what nbgrader makes from solutions/, blanks fail every visible test, and the cells
follow the conventions. That every solution passes all its tests is proved by a real autograde of every chapter in the
sandbox (tests/test_grading.py) and by nbval, which runs every solution with its hidden tests."""

import ast
import functools
import io

import pytest

from helpers import ASSIGNMENTS, make_course, run, script, solutions_notebook
from nnfs.cells import (EXERCISES, HIDDEN_TESTS_BLOCK, ROOT, SOLUTIONS, graded_functions, is_answer, is_setup, is_test, is_test_of, nbgrader_metadata,
                        notebook_path, read_notebook)


def graded(assignment):
    return graded_functions(solutions_notebook(assignment))


def test_every_assignment_has_a_generated_exercise_and_a_chapter():
    assert ASSIGNMENTS, "solutions/ has no assignment"
    exercise_folders = sorted(path.name for path in EXERCISES.iterdir() if path.is_dir())
    assert exercise_folders == ASSIGNMENTS, f"exercises/ should hold exactly {ASSIGNMENTS}, holds {exercise_folders}"
    for assignment in ASSIGNMENTS:
        assert (SOLUTIONS.parent / "book" / f"{assignment}.ipynb").is_file(), f"{assignment} has no chapter book/{assignment}.ipynb"


@pytest.fixture(scope="module")
def generated_now(tmp_path_factory):
    """The exercises folder that `nbgrader generate_assignment` makes now from solutions/, in a throwaway course
    (one run for every assignment)."""
    course = make_course(tmp_path_factory.mktemp("generated"))
    run(["nbgrader", "generate_assignment", "*", "--force"], cwd=course)
    return course / "exercises"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_exercise_is_exactly_what_generate_assignment_makes_now(assignment, generated_now):
    fresh = read_notebook(notebook_path(generated_now, assignment))
    committed = read_notebook(notebook_path(EXERCISES, assignment))
    assert committed == fresh, f"exercises/{assignment} is stale or edited by hand: run `make exercises` and commit the result"


def test_the_contracts_page_is_what_the_exercises_state_now():
    contracts = script("contracts")
    assert contracts.CONTRACTS.read_text() == contracts.render(), "docs/contracts.md is stale: run `make exercises` and commit the result"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_design_names_the_assignment_and_each_of_its_graded_functions(assignment):
    row = next((line for line in (ROOT / "docs" / "design.md").read_text().splitlines() if f"(`{assignment}`)" in line), None)
    assert row, f"docs/design.md has no curriculum row for {assignment}"
    missing = [name for name in graded(assignment) if f"`{name}`" not in row]
    assert not missing, f"docs/design.md: the curriculum row of {assignment} does not name {missing}"


@functools.cache
def course_config():
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()


def validate(path, invert=False):
    """What nbgrader's Validate button (or `nbgrader validate [--invert] PATH`) says about a notebook: its
    Validator, with the course's configuration, run in this process as the button's server extension runs it."""
    from nbgrader.validator import Validator

    validator = Validator(config=course_config(), invert=invert)
    validator.stream = io.StringIO()
    validator.validate_and_print(str(path))
    return validator.stream.getvalue()


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_blank_exercise_fails_every_test(assignment):
    """In the student version, without its hidden tests, every test cell fails on a blank answer: none passes
    silently (the probe line)."""
    said = validate(notebook_path(EXERCISES, assignment), invert=True)
    assert "Success! The notebook does not pass any tests." in said, said


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_each_answer_cell_defines_the_one_name_its_grade_id_says(assignment):
    for cell in read_notebook(notebook_path(SOLUTIONS, assignment)).cells:
        meta = nbgrader_metadata(cell)
        if is_answer(cell):
            defined = [node.name for node in ast.parse(cell.source).body if isinstance(node, (ast.FunctionDef, ast.ClassDef))]
            assert defined == [meta["grade_id"]], f"{assignment}: answer cell {meta['grade_id']!r} should define exactly that name, defines {defined}"
            assert "### BEGIN SOLUTION" in cell.source, f"{assignment}: answer cell {meta['grade_id']!r} has no solution markers"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_each_graded_function_has_visible_then_hidden_tests_with_points(assignment):
    cells = read_notebook(notebook_path(SOLUTIONS, assignment)).cells
    answers = [nbgrader_metadata(c)["grade_id"] for c in cells if is_answer(c)]
    tests = [c for c in cells if is_test(c)]
    for name in answers:
        own = [c for c in tests if is_test_of(name, nbgrader_metadata(c)["grade_id"])]
        assert own, f"{assignment}: {name} has no test cell test_{name}"
        assert "HIDDEN TESTS" not in own[0].source, f"{assignment}: the first test cell of {name} must be visible"
        assert any("### BEGIN HIDDEN TESTS" in c.source for c in own), f"{assignment}: {name} has no hidden tests"
        for cell in own:
            assert cell.metadata.nbgrader.get("points", 0) > 0, f"{assignment}: {cell.metadata.nbgrader['grade_id']} has no points"
            last = ast.parse(cell.source).body[-1]
            # A value as a test cell's last expression is taken as partial credit by nbgrader.
            assert not isinstance(last, ast.Expr), f"{assignment}: {cell.metadata.nbgrader['grade_id']} ends with an expression"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_each_hidden_test_cell_opens_with_a_probe_of_its_function(assignment):
    """The probe line: what a hidden-test cell shows before its hidden block ends with one call of its function,
    `_ = f(...)` on a small valid input (after the lines that make that input, if any). The student version keeps
    only that line, so validating a blank or crashing
    function fails the cell (not an empty cell that passes), and the grader knows to fetch `f` for it."""
    for cell in read_notebook(notebook_path(SOLUTIONS, assignment)).cells:
        if not (is_test(cell) and "### BEGIN HIDDEN TESTS" in cell.source):
            continue
        grade_id = nbgrader_metadata(cell)["grade_id"]
        shown = [line for line in cell.source.split("### BEGIN HIDDEN TESTS")[0].splitlines() if line.strip() and not line.startswith("#")]
        function = next(name for name in graded(assignment) if is_test_of(name, grade_id))
        assert shown and shown[-1].startswith(f"_ = {function}("), (
            f"{assignment}: {grade_id} should show the probe `_ = {function}(...)` just before its hidden tests; it shows {shown}")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_steps_sent_to_the_students_kernel_are_visible_ones(assignment):
    """A test step marked @in_your_kernel is sent, code and all, to the student's kernel when grading
    (nnfs/grading/remote.py): it is defined in a setup cell or a visible test, never in a hidden test, so it shows
    that kernel nothing the student does not see; and a notebook that uses the mark defines it in a setup cell."""
    notebook = read_notebook(notebook_path(SOLUTIONS, assignment))
    hidden = "".join(block for cell in notebook.cells for block in HIDDEN_TESTS_BLOCK.findall(cell.source))
    assert "in_your_kernel" not in hidden, f"{assignment}: a hidden test uses @in_your_kernel"
    uses = [cell for cell in notebook.cells if cell.cell_type == "code" and "@in_your_kernel" in cell.source]
    setup = [cell for cell in notebook.cells if is_setup(cell) and "def in_your_kernel(procedure):" in cell.source]
    assert not uses or setup, f"{assignment}: cells use @in_your_kernel, but no locked setup cell defines it"

"""The course's cell conventions (docs/design.md, "Cells"), for the plug-ins, the scripts and the tests alike.

An assignment's source notebook (solutions/NN_topic/NN_topic.ipynb) has, for each graded function `f`:
an answer cell (grade_id `f`, a solution block), its test cells `test_f` (visible) and `test_f_2`, ...
(`### BEGIN HIDDEN TESTS` blocks after a one-line probe), and locked setup cells that neither hold an answer
nor give points.
"""

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
EXERCISES = ROOT / "exercises"

SOLUTION_BLOCK = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)
HIDDEN_TESTS_BLOCK = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)
# A secret line (of a solution or a hidden test) is telling when it is this long and not a comment: shorter
# ones, such as `return out`, occur in any Python text, so finding them elsewhere proves nothing.
TELLING_LENGTH = 20


def assignments():
    """The assignments, the folders of solutions/: the one list, nothing to keep in step."""
    return sorted(path.name for path in SOLUTIONS.iterdir() if path.is_dir())


def notebook_path(folder, assignment):
    """solutions/ID/ID.ipynb or exercises/ID/ID.ipynb (folder is SOLUTIONS, EXERCISES or a course copy)."""
    return Path(folder) / assignment / f"{assignment}.ipynb"


def read_notebook(path):
    return nbformat.read(str(path), as_version=4)


def nbgrader_metadata(cell):
    return cell.metadata.get("nbgrader", {})


def is_answer(cell):
    return cell.cell_type == "code" and bool(nbgrader_metadata(cell).get("solution"))


def is_test(cell):
    meta = nbgrader_metadata(cell)
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")


def is_setup(cell):
    meta = nbgrader_metadata(cell)
    return cell.cell_type == "code" and bool(meta.get("locked")) and not meta.get("grade") and not meta.get("solution")


def is_test_of(function, grade_id):
    """Whether a test cell's grade_id names it a test of `function`: test_<function> or test_<function>_<k>."""
    return re.fullmatch(rf"test_{re.escape(function)}(_\d+)?", grade_id) is not None


def graded_functions(notebook):
    """{name: {grade_id: points}}: each autograded answer cell of a source notebook (a code cell whose grade_id
    is the function's name) and its test cells, in notebook order."""
    answers = [nbgrader_metadata(c)["grade_id"] for c in notebook.cells if is_answer(c)]
    tests = [nbgrader_metadata(c) for c in notebook.cells if is_test(c)]
    return {name: {t["grade_id"]: t["points"] for t in tests if is_test_of(name, t["grade_id"])} for name in answers}


def answer_sources(notebook):
    """{grade_id: source} of the answer cells."""
    return {nbgrader_metadata(c)["grade_id"]: c.source for c in notebook.cells if is_answer(c)}


def telling_lines(text):
    """The lines of `text`, stripped, that are telling enough to count as a leak when found elsewhere."""
    return {line.strip() for line in text.splitlines() if len(line.strip()) >= TELLING_LENGTH and not line.strip().startswith("#")}


def hidden_test_lines(notebook):
    """The telling lines of the hidden-test blocks of the test cells."""
    return {line for cell in notebook.cells if is_test(cell) for block in HIDDEN_TESTS_BLOCK.findall(cell.source)
            for line in telling_lines(block)}


def is_written_answer(cell):
    """A markdown answer cell: nbgrader blanks it whole in the student version."""
    return cell.cell_type == "markdown" and bool(nbgrader_metadata(cell).get("solution"))


def secret_lines(notebook):
    """The telling lines of every solution and hidden-test block of a source notebook, written answers included."""
    lines = set()
    for cell in notebook.cells:
        blocks = SOLUTION_BLOCK.findall(cell.source) + HIDDEN_TESTS_BLOCK.findall(cell.source)
        if is_written_answer(cell):
            blocks.append(cell.source)
        for block in blocks:
            lines |= telling_lines(block)
    return lines


def public_text(notebook):
    """The text a student is shown in a source notebook: every cell without its solution and hidden-test
    blocks, written-answer cells left out. A secret line that this text also shows is no secret."""
    return "\n".join(HIDDEN_TESTS_BLOCK.sub("", SOLUTION_BLOCK.sub("", cell.source)) for cell in notebook.cells if not is_written_answer(cell))

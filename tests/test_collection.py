"""Collecting trusts nothing in a submission, and one bad notebook costs only itself (scripts/grade.py).

Fast tests call `collect`, the notebook check and the grading loop of scripts/grade.py on tiny folders made in
tmp_path. One module-scoped round trip then runs the real command, `grade.py autograde`, in a throwaway course on
a small class: two honest students, whose scores must be exact, and one submission of each bad kind, each of which
must be reported with its status and reason while the others are graded. Each test says in its docstring what
fair means for it.
"""

import csv
import datetime
import os
import re
from copy import deepcopy

import nbformat
import pytest

from helpers import make_course, run, script
from nnfs.cells import ROOT, hidden_test_lines, notebook_path, public_text, read_notebook
from test_grading import ANSWERS, ASSIGNMENT, LIMITS, POINTS, SOLUTION, Student, change_cells, read_grades, submit

grade = script("grade")
GRADE_IDS = {cell.metadata.nbgrader["grade_id"] for cell in SOLUTION.cells if "nbgrader" in cell.metadata}
Y2K = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
FORGED = "2000-01-01 00:00:00.000000 UTC"  # a timestamp.txt as nbgrader writes it, back-dated


@pytest.fixture
def course(tmp_path, monkeypatch):
    """An empty course folder for grade.py (which takes the current folder at import), with a gradebook and
    solutions/ that a submission could try to link to, and an empty folder of incoming submissions."""
    course = tmp_path / "course"
    (course / "solutions" / ASSIGNMENT).mkdir(parents=True)
    (course / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").write_text("THE HIDDEN TESTS")
    (course / "gradebook.db").write_text("THE GRADES")
    (tmp_path / "incoming").mkdir()
    monkeypatch.setattr(grade, "COURSE", course)
    return course


def incoming(course):
    return course.parent / "incoming"


def hand_in(folder, name=f"{ASSIGNMENT}.ipynb"):
    """A student's folder in the incoming submissions with a (tiny) notebook in it."""
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(), str(folder / name))
    return folder / name


def submitted(course, student):
    return course / "submitted" / student / ASSIGNMENT


def hand_in_time(course, student):
    from nbgrader.utils import parse_utc  # what nbgrader makes of the timestamp.txt (naive UTC)

    return parse_utc((submitted(course, student) / "timestamp.txt").read_text()).replace(tzinfo=datetime.timezone.utc)


def collected_during(course, student, action):
    """Run `action` (a collection) and assert that `student` was handed in at a time during it."""
    start = datetime.datetime.now(datetime.timezone.utc)
    outcomes = action()
    end = datetime.datetime.now(datetime.timezone.utc)
    assert start <= hand_in_time(course, student) <= end, f"{student} handed in at {hand_in_time(course, student)}, not during the collection"
    return outcomes


def assert_not_collected(outcomes, course, student, reason):
    assert (outcomes[student].status, outcomes[student].notes[:1]) == ("not collected", [reason])
    assert not submitted(course, student).exists(), f"{student}: something was copied to submitted/"


# --- Collecting: links and special files ------------------------------------------------------------------------

def test_a_symlink_to_the_gradebook_is_not_collected(course):
    """Fair: a link in a submission would copy what it points to (here the gradebook) into submitted/, where the
    student's kernel can read it. The whole submission is refused, its earlier copy is removed, and the report says
    which link."""
    hand_in(incoming(course) / "mallory")
    (incoming(course) / "mallory" / "gradebook.db").symlink_to(course / "gradebook.db")
    hand_in(submitted(course, "mallory"))  # an earlier, honest copy
    outcomes = grade.collect(ASSIGNMENT, incoming(course))
    assert_not_collected(outcomes, course, "mallory", "the submission holds a symbolic link (mallory/gradebook.db)")


def test_a_symlink_to_a_folder_is_not_collected(course):
    """Fair: a link to a folder deep inside the submission (here to solutions/) is refused like any link: nothing of
    the submission is copied, so nothing of solutions/ is either."""
    hand_in(incoming(course) / "mallory")
    (incoming(course) / "mallory" / "data").mkdir()
    (incoming(course) / "mallory" / "data" / "course").symlink_to(course / "solutions", target_is_directory=True)
    outcomes = grade.collect(ASSIGNMENT, incoming(course))
    assert_not_collected(outcomes, course, "mallory", "the submission holds a symbolic link (mallory/data/course)")


def test_a_student_entry_that_is_a_link_is_not_collected(course):
    """Fair: a student's folder, or <id>.ipynb, that is itself a link (to the solutions, to a classmate's notebook)
    is refused; the honest classmate is collected."""
    classmate = hand_in(incoming(course) / "alice")
    (incoming(course) / "mallory").symlink_to(course / "solutions" / ASSIGNMENT, target_is_directory=True)
    (incoming(course) / "trudy.ipynb").symlink_to(classmate)
    outcomes = grade.collect(ASSIGNMENT, incoming(course))
    assert_not_collected(outcomes, course, "mallory", "the submission holds a symbolic link (mallory)")
    assert_not_collected(outcomes, course, "trudy", "the submission holds a symbolic link (trudy.ipynb)")
    assert outcomes["alice"].status is None and (submitted(course, "alice") / f"{ASSIGNMENT}.ipynb").is_file()


def test_a_fifo_is_not_collected_and_collecting_does_not_hang(course):
    """Fair: copying a FIFO (or a device) would block or read forever and stop the collection of everyone; it is
    refused without being opened, and the classmates are collected."""
    hand_in(incoming(course) / "alice")
    hand_in(incoming(course) / "mallory")
    os.mkfifo(incoming(course) / "mallory" / "pipe")
    outcomes = grade.collect(ASSIGNMENT, incoming(course))
    assert_not_collected(outcomes, course, "mallory", "the submission holds a special file (mallory/pipe)")
    assert outcomes["alice"].status is None


# --- Collecting: the hand-in time ----------------------------------------------------------------------------------

def test_a_forged_timestamp_txt_is_dropped(course):
    """Fair: nbgrader computes lateness from submitted/<student>/<assignment>/timestamp.txt, so a student who hands
    one in could choose their own time. It is dropped, and the time of the collection is written instead."""
    hand_in(incoming(course) / "mallory")
    (incoming(course) / "mallory" / "timestamp.txt").write_text(FORGED)
    collected_during(course, "mallory", lambda: grade.collect(ASSIGNMENT, incoming(course)))


def test_a_back_dated_notebook_is_handed_in_at_the_collection_time(course):
    """Fair: a file's modification time is the student's to set (`touch -d 2000-01-01`); it is not the hand-in time,
    the collection's is."""
    notebook = incoming(course) / "mallory.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), str(notebook))
    os.utime(notebook, (Y2K.timestamp(), Y2K.timestamp()))
    collected_during(course, "mallory", lambda: grade.collect(ASSIGNMENT, incoming(course)))


def test_hand_in_times_come_from_the_timestamps_file(course):
    """Fair: with `--timestamps` (the LMS's record of when each student handed in) that time is the hand-in time,
    whatever the time zone it is written in; a student the file does not list is handed in at the collection time,
    with a note."""
    hand_in(incoming(course) / "alice")
    hand_in(incoming(course) / "bob")
    manifest = course.parent / "handed-in.csv"
    manifest.write_text("student,timestamp\nalice,2025-03-01T23:59:00+01:00\ncarol,2025-03-01T10:00:00Z\n")
    outcomes = collected_during(course, "bob", lambda: grade.collect(ASSIGNMENT, incoming(course), grade.read_timestamps(manifest)))
    assert hand_in_time(course, "alice") == datetime.datetime(2025, 3, 1, 22, 59, tzinfo=datetime.timezone.utc)
    assert outcomes["alice"].notes == [] and "no time in the --timestamps file" in outcomes["bob"].notes[0]


def test_a_timestamps_file_with_a_time_of_no_time_zone_is_refused(course):
    """Fair: 23:59 without a zone could be anybody's 23:59; the command stops and says which line, rather than guess."""
    manifest = course.parent / "handed-in.csv"
    manifest.write_text("student,timestamp\nalice,2025-03-01T23:59:00\n")
    with pytest.raises(ValueError, match="line 2 .* with a time zone"):
        grade.read_timestamps(manifest)


def test_an_unchanged_submission_keeps_its_hand_in_time(course):
    """Fair: collecting the same folder again (when late submissions arrive) hands nobody in later, and nbgrader
    skips what it graded already; a changed submission is handed in anew."""
    for student in ["alice", "bob"]:
        hand_in(incoming(course) / student)
    grade.collect(ASSIGNMENT, incoming(course))
    first = {student: hand_in_time(course, student) for student in ["alice", "bob"]}
    (incoming(course) / "bob" / "data.csv").write_text("1,2\n")
    grade.collect(ASSIGNMENT, incoming(course))
    assert hand_in_time(course, "alice") == first["alice"] and hand_in_time(course, "bob") > first["bob"]


# --- Before and around nbgrader ----------------------------------------------------------------------------------

def solution_with(edit):
    notebook = deepcopy(SOLUTION)
    edit(notebook)
    return nbformat.writes(notebook)


def copy_cell_after(grade_id):
    def edit(notebook):
        index = next(i for i, cell in enumerate(notebook.cells) if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
        copy = deepcopy(notebook.cells[index])
        copy.id = "a-copy"
        notebook.cells.insert(index + 1, copy)
    return edit


UNGRADABLE = {
    "not JSON": ("{ not JSON", "it is not valid JSON"),
    "not a notebook": ('{"cells": 5}', "it is not a notebook nbformat can read"),
    "a newer schema_version": (solution_with(change_cells({"intro": lambda cell: cell.metadata.nbgrader.update(schema_version=4)})),
                               "a cell's nbgrader metadata has schema_version 4 (this nbgrader reads 3)"),
    "no schema_version": (solution_with(change_cells({"intro": lambda cell: cell.metadata.nbgrader.pop("schema_version")})),
                          "a cell's nbgrader metadata has schema_version None"),
    "a copied test cell": (solution_with(copy_cell_after("test_gate_weights")), "the grade_id 'test_gate_weights' is on more than one cell"),
    "a grade_id of another notebook": (solution_with(change_cells({"test_gate_weights": lambda cell: cell.metadata.nbgrader.update(grade_id="test_other")})),
                                       "a cell has the grade_id 'test_other', which the assignment does not have"),
}


@pytest.mark.parametrize("case", UNGRADABLE)
def test_a_notebook_nbgrader_cannot_grade_is_found_before_grading(tmp_path, case):
    """Fair: each of these makes nbgrader fail the whole notebook with an error of its own, or stop grading everyone
    after it in its process (a schema_version it does not read); found first, it is kept out of nbgrader's run and
    reported with a reason the instructor can act on. The solution itself passes the check."""
    text, reason = UNGRADABLE[case]
    (tmp_path / "bad.ipynb").write_text(text)
    nbformat.write(SOLUTION, str(tmp_path / "good.ipynb"))
    assert grade.ungradable(tmp_path / "bad.ipynb", GRADE_IDS).startswith(reason)
    assert grade.ungradable(tmp_path / "good.ipynb", GRADE_IDS) is None


def test_a_crashing_grading_process_costs_only_the_student_it_crashed_on(course, monkeypatch):
    """Fair: an nbgrader process that stops at one submission (as SchemaTooNewError makes it) leaves the rest of its
    share ungraded. They are graded again one by one, so only the student it stops at is left, with its exit code."""
    students = ["alice", "bob", "crasher", "dave", "erin"]
    for student in students:
        submitted(course, student).mkdir(parents=True)
    runs = []

    def nbgrader_that_stops_at_the_crasher(command, assignment, exclude, *arguments):
        share = [student for student in students if student not in exclude.split("=", 1)[1].split(",")]
        runs.append(share)
        for student in share:
            if student == "crasher":
                return 1
            grade.autograded_notebook(ASSIGNMENT, student).parent.mkdir(parents=True)
            grade.autograded_notebook(ASSIGNMENT, student).write_text("{}")
        return 0

    monkeypatch.setattr(grade, "nbgrader", nbgrader_that_stops_at_the_crasher)
    assert grade.autograde_in_parallel(ASSIGNMENT, students, 1, []) == {"crasher": 1}
    assert runs == [students, ["crasher"], ["dave"], ["erin"]]
    assert all(grade.autograded_notebook(ASSIGNMENT, student).exists() for student in students if student != "crasher")


# --- One round trip through `grade.py autograde` ------------------------------------------------------------------

BAD = {  # student: (status, reason in the report)
    "invalid_json": ("not graded", "it is not valid JSON"),
    "newer_schema": ("not graded", "a cell's nbgrader metadata has schema_version 4 (this nbgrader reads 3)"),
    "duplicated_grade_id": ("not graded", "the grade_id 'test_gate_weights' is on more than one cell"),
    "breaks_nbgrader": ("not graded", "nbgrader failed on this notebook (exit 1)"),
    "links_the_gradebook": ("not collected", "the submission holds a symbolic link (links_the_gradebook/gradebook.db)"),
    "links_the_solutions": ("not collected", "the submission holds a symbolic link (links_the_solutions)"),
}


@pytest.fixture(scope="module")
def autograded(tmp_path_factory):
    """The course after generate_assignment and one `grade.py autograde` run of the class; (course, the run, the
    report's rows, the grades, the run's start and end)."""
    course = make_course(tmp_path_factory.mktemp("collection") / "course")
    run(["nbgrader", "generate_assignment", ASSIGNMENT, "--force"], cwd=course)
    release = read_notebook(notebook_path(course / "exercises", ASSIGNMENT))
    folder = course.parent / "incoming"
    for student in [Student("solution", {}), Student("blank", None), Student("invalid_json", {}, raw="{ not JSON"),
                    Student("newer_schema", {}, edit=change_cells({"intro": lambda cell: cell.metadata.nbgrader.update(schema_version=4)})),
                    Student("duplicated_grade_id", {}, edit=copy_cell_after("test_gate_weights")),
                    Student("breaks_nbgrader", {}, edit=change_cells({"test_gate_weights": lambda cell: cell.metadata.nbgrader.update(points="many")})),
                    Student("links_the_gradebook", {}), Student("back_dated", {})]:
        submit(folder / student.name, release, student)
    (folder / "links_the_gradebook" / "gradebook.db").symlink_to(course / "gradebook.db")
    (folder / "links_the_solutions").symlink_to(course / "solutions" / ASSIGNMENT, target_is_directory=True)
    (folder / "back_dated" / "timestamp.txt").write_text(FORGED)
    os.utime(folder / "back_dated" / f"{ASSIGNMENT}.ipynb", (Y2K.timestamp(), Y2K.timestamp()))

    start = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    done = run(["python", ROOT / "scripts" / "grade.py", "autograde", ASSIGNMENT, folder, "--workers=2", *LIMITS], cwd=course, check=False, timeout=300)
    end = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    rows = {row["student"]: row for row in csv.DictReader((course / "autograded" / f"{ASSIGNMENT}-report.csv").open())}
    return course, done, rows, read_grades(course, rows), (start, end)


def test_the_honest_students_are_graded_exactly_beside_the_bad_ones(autograded):
    """Fair: the bad submissions cost the honest ones nothing: the solution (handed in plainly or back-dated) gets full
    marks, the blank version 0 on every autograded part; the run finishes, and exits 1 naming exactly the bad ones."""
    course, done, rows, grades, _ = autograded
    scores = {name: {test: grades[name][test][0] for test in POINTS} for name in ["solution", "blank", "back_dated"]}
    assert scores == {"solution": POINTS, "blank": dict.fromkeys(POINTS, 0), "back_dated": POINTS}, done.stdout[-3000:] + done.stderr[-3000:]
    assert {name: row["status"] for name, row in rows.items() if row["status"] == "graded"} == dict.fromkeys(["back_dated", "blank", "solution"], "graded")
    assert done.returncode == 1 and f"{len(BAD)} submission(s) could not be graded: {', '.join(sorted(BAD))}" in done.stderr, done.stderr[-3000:]


@pytest.mark.parametrize("name", BAD)
def test_each_bad_submission_is_reported_with_its_status_and_reason(autograded, name):
    """Fair: each bad submission costs only itself: it is not graded (or not even collected), scores nothing, and the
    report, printed and in its CSV, says so with its status and a reason the instructor can act on."""
    course, done, rows, grades, _ = autograded
    status, reason = BAD[name]
    assert (rows[name]["status"], rows[name]["reason"]) == (status, reason)
    assert re.search(rf"^{name} .* {status.upper()} +{re.escape(reason)}", done.stdout, re.M), done.stdout
    assert not any(score for score, _, _ in grades.get(name, {}).values())


def test_nothing_from_outside_a_submission_is_in_submitted(autograded):
    """Fair: what a link pointed at (the gradebook, the solutions and their hidden tests) is nowhere in submitted/,
    where a student's kernel could read it: submitted/ holds only the collected students, with no link at all."""
    course, *_ = autograded
    files = list((course / "submitted").rglob("*"))
    assert not [path for path in files if path.is_symlink()]
    assert {path.parent.name for path in (course / "submitted").glob(f"*/{ASSIGNMENT}")} == {"solution", "blank", "back_dated", "invalid_json",
                                                                                           "newer_schema", "duplicated_grade_id", "breaks_nbgrader"}
    public = public_text(SOLUTION) + "".join(ANSWERS.values())  # what an honest submission may hold
    hidden = {line for line in hidden_test_lines(SOLUTION) if line not in public}
    text = "\n".join(path.read_text(errors="replace") for path in files if path.is_file())
    assert hidden and not [line for line in hidden if line in text] and "gradebook.db" not in {path.name for path in files}


def test_a_back_dated_submission_with_a_forged_timestamp_is_handed_in_at_collection(autograded):
    """Fair: neither the notebook's modification time (year 2000) nor the timestamp.txt the student wrote is the hand-in
    time nbgrader records: the collection's time is."""
    from nbgrader.api import Gradebook

    course, *_, (start, end) = autograded
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        recorded = gradebook.find_submission(ASSIGNMENT, "back_dated").timestamp
    assert start <= recorded <= end, f"nbgrader recorded the hand-in at {recorded}"

"""The instructor's grading commands: thin wrappers around nbgrader, run from the course folder (the repo root).

    python scripts/grade.py autograde ASSIGNMENT SUBMISSIONS   collect a folder of submissions, autograde them, report
    python scripts/grade.py feedback ASSIGNMENT                feedback HTML per student, checked for hidden tests
    python scripts/grade.py export                             grades.csv
    python scripts/grade.py report ASSIGNMENT                  the table printed after autograde, again

SUBMISSIONS holds one folder per student (named by the student's id) with their notebook in it, whatever its
name, or one notebook per student named <student id>.ipynb. Nothing in it is trusted:
- a submission that holds a symbolic link or a special file (a FIFO, a socket, a device) anywhere, or is one, is
  not collected at all (and an earlier copy of it is removed from submitted/);
- the hand-in time (nbgrader's timestamp.txt, from which nbgrader computes lateness) is never read from the
  submission: it is the time of this collection run (UTC; a submission unchanged since an earlier run keeps that
  run's time), or, with `--timestamps FILE`, the student's time in FILE, a CSV with the header `student,timestamp`
  and ISO 8601 times with a time zone (`2025-03-01T23:59:00+01:00`, `...Z`), such as an LMS exports (a student
  listed twice gets the latest time; one missing from FILE gets the collection time and a note);
- a notebook that nbgrader cannot grade without failing it whole or stopping the process that grades it and the
  students after it (not a notebook; nbgrader metadata of another schema version; a grade_id that the assignment
  does not have, or on two cells) is collected but not graded, and the report says why;
- when an nbgrader process fails all the same, each of its students left ungraded is graded again on their own.
Each row of the report has a status, `graded`, `not collected` or `not graded`, and the command exits with 1 when
a row is not graded.

`--workers N` grades N submissions at once (default: one per core). Other options are passed on to nbgrader, e.g.
`--SandboxedExecute.timeout=10`. The Makefile's targets `autograde`, `feedback` and `grades` call these.
"""

import argparse
import concurrent.futures
import csv
import dataclasses
import datetime
import hashlib
import html
import math
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import nbformat

from nnfs import cells

COURSE = Path.cwd()
BIN = Path(sys.executable).parent
STUDENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
NBGRADER_TIME = "%Y-%m-%d %H:%M:%S.%f %Z"  # timestamp.txt as nbgrader writes it (nbgrader.utils.parse_utc reads it)
NOT_COPIED = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "timestamp.txt")


def nbgrader(*arguments):
    """Run an nbgrader command in the course folder; return its exit code (its log goes to the terminal)."""
    environment = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}  # it calls `alembic` by name
    return subprocess.run([str(BIN / "nbgrader"), *arguments], cwd=COURSE, env=environment).returncode


@dataclasses.dataclass
class Outcome:
    """What collecting and checking found about a student's submission: the status it is held back with
    ("not collected", "not graded"; None: grading decides) and notes for the report, the reason first."""
    status: str = None
    notes: list = dataclasses.field(default_factory=list)

    def hold_back(self, status, reason):
        self.status = status
        self.notes.insert(0, reason)


def submitted_students(assignment):
    return sorted(path.parent.name for path in (COURSE / "submitted").glob(f"*/{assignment}"))


def submitted_notebook(assignment, student):
    return COURSE / "submitted" / student / assignment / f"{assignment}.ipynb"


def autograded_notebook(assignment, student):
    return COURSE / "autograded" / student / assignment / f"{assignment}.ipynb"


def untrusted_file(entry, submissions):
    """'a symbolic link (<path>)' or 'a special file (<path>)' for the first one at or under `entry`, else None.
    Links are not followed."""
    paths = [entry]
    if entry.is_dir() and not entry.is_symlink():
        for folder, folders, files in os.walk(entry, followlinks=False):
            folders.sort()
            paths += [Path(folder, name) for name in sorted(folders + files)]
    for path in paths:
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            return f"a symbolic link ({path.relative_to(submissions)})"
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            return f"a special file ({path.relative_to(submissions)})"
    return None


def contents(folder):
    """{relative path: SHA-256} of the files of a collected submission, its timestamp.txt left out."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file() and path != folder / "timestamp.txt"}


def collect(assignment, submissions, timestamps=None):
    """Copy each student's submission to submitted/<student>/<assignment>/, its notebook named <assignment>.ipynb,
    with nbgrader's timestamp.txt written from the hand-in time: the student's in `timestamps` ({student: aware
    datetime}) or the time of this run. Returns {student: Outcome}."""
    submissions = Path(submissions)
    now = datetime.datetime.now(datetime.timezone.utc).strftime(NBGRADER_TIME)
    outcomes = {}
    for entry in sorted(submissions.iterdir()):
        if entry.name.startswith(".") or not (entry.is_dir() or entry.suffix == ".ipynb"):
            continue
        student = entry.name if entry.is_dir() else entry.stem
        outcome = outcomes[student] = Outcome()
        if not STUDENT_ID.fullmatch(student):
            outcome.hold_back("not collected", "a student id may only hold letters, digits, '.', '_' and '-'")
            continue
        target = COURSE / "submitted" / student / assignment
        stamp = target / "timestamp.txt"
        earlier = (contents(target), stamp.read_text()) if stamp.is_file() else None
        if target.exists():
            shutil.rmtree(target)
        untrusted = untrusted_file(entry, submissions)
        if untrusted:
            outcome.hold_back("not collected", f"the submission holds {untrusted}")
            continue
        try:
            if entry.is_dir():
                # A folder per student, or nbgrader's own layout, <student>/<assignment>/ (`nbgrader collect` from a hub's exchange).
                source = entry / assignment if (entry / assignment).is_dir() else entry
                shutil.copytree(source, target, symlinks=True, ignore=NOT_COPIED)
            else:
                target.mkdir(parents=True)
                shutil.copy(entry, target, follow_symlinks=False)
        except (OSError, shutil.Error) as error:
            shutil.rmtree(target, ignore_errors=True)
            outcome.hold_back("not collected", f"the submission could not be copied: {str(error)[:200]}")
            continue
        expected = submitted_notebook(assignment, student)
        notebooks = sorted(target.glob("*.ipynb"))
        if not expected.exists():
            if len(notebooks) == 1:
                notebooks[0].rename(expected)
                outcome.notes.append(f"notebook {notebooks[0].name!r} renamed {expected.name!r}")
            else:
                outcome.hold_back("not graded", f"it holds {len(notebooks)} notebooks and none named {expected.name!r}")
        if timestamps and student in timestamps:
            handed_in = timestamps[student].astimezone(datetime.timezone.utc).strftime(NBGRADER_TIME)
        else:
            if timestamps is not None:
                outcome.notes.append("no time in the --timestamps file: the collection time is the hand-in time")
            handed_in = earlier[1] if earlier and earlier[0] == contents(target) else now
        stamp.write_text(handed_in)
    return outcomes


def read_timestamps(path):
    """{student: hand-in time} from a CSV with the header student,timestamp and ISO 8601 times with a time zone;
    the latest time of a student listed twice."""
    times = {}
    with open(path, newline="", encoding="utf-8-sig") as file:
        rows = csv.DictReader(file)
        if not {"student", "timestamp"} <= set(rows.fieldnames or ()):
            raise ValueError(f"{path} has no header student,timestamp")
        for row in rows:
            student, text = (row["student"] or "").strip(), (row["timestamp"] or "").strip()
            try:
                time = datetime.datetime.fromisoformat(text)
            except ValueError:
                time = None
            if time is None or time.tzinfo is None:
                raise ValueError(f"line {rows.line_num} of {path}: {text!r} is not an ISO 8601 time with a time zone")
            times[student] = max(times.get(student, time), time)
    return times


def source_grade_ids(assignment):
    """The grade_ids of the assignment's notebook as `make exercises` recorded them in the gradebook (which autograde
    needs), or None if it did not."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(f"sqlite:///{COURSE / 'gradebook.db'}") as gradebook:
        try:
            return {cell.name for cell in gradebook.find_notebook(assignment, assignment).source_cells}
        except MissingEntry:
            return None


def ungradable(notebook, grade_ids):
    """Why nbgrader cannot grade this notebook, or None. Some of these stop the nbgrader process, so that the
    students after this one in its share are not graded either: nbgrader metadata of another schema version, or
    none (SchemaTooOldError, SchemaTooNewError), and a grade_id on two cells when OverwriteCells.add_missing_cells
    is off (nbgrader issue 1083). The others fail the whole notebook: not a notebook, and, with add_missing_cells
    on (this course), a grade_id on two cells or one that the assignment does not have."""
    from nbgrader.nbgraderformat import SCHEMA_VERSION

    try:
        submitted = nbformat.read(str(notebook), as_version=4).cells
        metadata = [cell.metadata["nbgrader"] for cell in submitted if "nbgrader" in cell.metadata]
    except Exception as error:  # a student's file may fail to be read in any way
        if isinstance(error, (nbformat.reader.NotJSONError, UnicodeDecodeError)):
            return "it is not valid JSON"
        return f"it is not a notebook nbformat can read ({type(error).__name__}: {str(error)[:200]})"
    seen = set()
    for meta in metadata:
        meta = meta if isinstance(meta, dict) else {}
        grade_id = meta.get("grade_id")
        if meta.get("schema_version") != SCHEMA_VERSION:
            return f"a cell's nbgrader metadata has schema_version {meta.get('schema_version')!r} (this nbgrader reads {SCHEMA_VERSION})"
        if not isinstance(grade_id, str) or grade_id not in grade_ids:
            return f"a cell has the grade_id {grade_id!r}, which the assignment does not have"
        if grade_id in seen:
            return f"the grade_id {grade_id!r} is on more than one cell"
        seen.add(grade_id)
    return None


def autograde_in_parallel(assignment, students, workers, arguments):
    """`nbgrader autograde` grades one submission after another. Run `workers` of them at once instead, each on a
    share of `students` (everyone else in submitted/ excluded), handing out small shares so that a slow submission
    (one that runs into its time limits) holds up one worker, not the class. A failing process may stop before the
    end of its share, so then each student of the share left without an autograded notebook is graded again, on
    their own. Returns {student: exit code} of those that failed again."""
    if not students:
        return {}
    everyone = submitted_students(assignment)

    def grade(share):
        others = ",".join(student for student in everyone if student not in share)
        return nbgrader("autograde", assignment, f"--CourseDirectory.student_id_exclude={others}", *arguments)

    size = len(students) if workers <= 1 else math.ceil(len(students) / (4 * workers))
    shares = [students[start:start + size] for start in range(0, len(students), size)]
    with concurrent.futures.ThreadPoolExecutor(max(workers, 1)) as pool:
        codes = list(pool.map(grade, shares))
    ungraded = [student for share, code in zip(shares, codes) if code for student in share
                if not autograded_notebook(assignment, student).exists()]
    regraded = {student: grade([student]) for student in ungraded}
    return {student: code for student, code in regraded.items() if code}


# The report's columns: status is "graded", "not graded" or "not collected", with the reason when not graded; the
# test cells that a crash or a hang of the kernel stopped, or that the notebook's time left unrun (space-separated
# grade_ids); notes: all of it in words, as the printed table shows it.
STOPPED = {"crashed": "kernel died in", "timed_out": "timed out in", "not_run": "not run"}
REPORT_FIELDS = ["student", "status", "reason", "score", "max_score", "needs_manual_grade", *STOPPED, "notes"]


def report(assignment, outcomes=None):
    """Status, score and notes of every submission of ASSIGNMENT (REPORT_FIELDS); written to
    autograded/<assignment>-report.csv too, which is what to read back (the printed table is for people)."""
    from nbgrader.api import Gradebook, MissingEntry

    outcomes = outcomes or {}
    rows = []
    with Gradebook(f"sqlite:///{COURSE / 'gradebook.db'}") as gradebook:
        for student in sorted(set(submitted_students(assignment)) | set(outcomes)):
            outcome = outcomes.get(student, Outcome())
            status, notes, stopped = outcome.status, list(outcome.notes), dict.fromkeys(STOPPED, "")
            autograded = autograded_notebook(assignment, student)
            try:
                submission = gradebook.find_submission(assignment, student)
                score, max_score, manual = submission.score, submission.max_score, submission.needs_manual_grade
            except MissingEntry:
                score, max_score, manual = 0, None, True
            if status is None and not autograded.exists():
                status = "not graded"
                notes.insert(0, "nbgrader could not process this submission (see its log)")
            elif status is None:
                status = "graded"
                grading = nbformat.read(str(autograded), as_version=4).metadata.get("grading", {})
                for key, label in STOPPED.items():
                    stopped[key] = " ".join(grading.get(key, []))
                    if grading.get(key):
                        notes.append(f"{label} {', '.join(grading[key])}")
            reason = notes[0] if status != "graded" else ""
            rows.append({"student": student, "status": status, "reason": reason, "score": score, "max_score": max_score,
                         "needs_manual_grade": manual, **stopped, "notes": " | ".join(notes)})
    path = COURSE / "autograded" / f"{assignment}-report.csv"
    path.parent.mkdir(exist_ok=True)
    with path.open("w", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=REPORT_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    width = max([len(row["student"]) for row in rows] + [7])
    for row in rows:
        graded = row["status"] == "graded"
        score = f"{row['score']:>5} / {row['max_score']}"
        pending = "manual grading pending  " if graded and row["needs_manual_grade"] else ""
        status = row["status"] if graded else row["status"].upper()  # what needs a look stands out
        print(f"{row['student']:<{width}}  {score:<12}  {status:<13}  {pending}{row['notes']}")
    print(f"{len(rows)} submissions; this table is in {path.relative_to(COURSE)}")
    return rows


def leaked_lines(assignment):
    """Hidden-test lines of the assignment that a feedback file shows (a line the student version shows is no secret)."""
    secrets, public = set(), ""
    for source in (COURSE / "solutions" / assignment).glob("*.ipynb"):
        secrets |= cells.hidden_test_lines(nbformat.read(str(source), as_version=4))
        release = COURSE / "exercises" / assignment / source.name
        public += release.read_text() if release.exists() else ""
    secrets = {line for line in secrets if line not in public}
    leaks = {}
    for feedback in (COURSE / "feedback").glob(f"*/{assignment}/*.html"):
        text = html.unescape(feedback.read_text())
        found = [line for line in secrets if line in text]
        if found:
            leaks[str(feedback.relative_to(COURSE))] = found
    return leaks


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    autograde = commands.add_parser("autograde", help="collect SUBMISSIONS, autograde them in the sandbox, report")
    autograde.add_argument("assignment")
    autograde.add_argument("submissions")
    autograde.add_argument("--force", action="store_true", help="regrade submissions that were graded already")
    autograde.add_argument("--workers", type=int, default=os.cpu_count(), help="submissions graded at once (default: one per core)")
    autograde.add_argument("--timestamps", metavar="FILE", help="hand-in times: a CSV student,timestamp (ISO 8601 with a time zone)")
    commands.add_parser("feedback", help="generate feedback HTML and check it for hidden tests").add_argument("assignment")
    commands.add_parser("export", help="export grades.csv")
    commands.add_parser("report", help="print the report of the last autograde").add_argument("assignment")
    options, extra = parser.parse_known_args()

    if options.command == "autograde":
        from nnfs.grading.sandbox import bubblewrap

        try:
            bubblewrap()  # no sandbox, no grading
        except RuntimeError as error:
            parser.error(str(error))
        if not Path(options.submissions).is_dir():
            parser.error(f"{options.submissions} is not a folder of submissions")
        grade_ids = source_grade_ids(options.assignment)
        if grade_ids is None:
            parser.error(f"{options.assignment} is not in the gradebook yet: run `make exercises` first")
        try:
            timestamps = read_timestamps(options.timestamps) if options.timestamps else None
        except (OSError, ValueError) as error:
            parser.error(f"--timestamps: {error}")
        outcomes = collect(options.assignment, options.submissions, timestamps)
        collected = submitted_students(options.assignment)  # this run's and earlier runs' submissions
        for student in collected:
            outcome = outcomes.setdefault(student, Outcome())
            reason = outcome.status is None and ungradable(submitted_notebook(options.assignment, student), grade_ids)
            if reason:
                outcome.hold_back("not graded", reason)
        students = [student for student in collected if outcomes[student].status is None]
        failures = autograde_in_parallel(options.assignment, students, options.workers, [*(["--force"] if options.force else []), *extra])
        for student, code in failures.items():
            outcomes[student].hold_back("not graded", f"nbgrader failed on this notebook (exit {code})")
        rows = report(options.assignment, outcomes)
        failed = [row["student"] for row in rows if row["status"] != "graded"]
        if failed:
            print(f"{len(failed)} submission(s) could not be graded: {', '.join(failed)}", file=sys.stderr)
        return 1 if failed else 0
    if options.command == "feedback":
        code = nbgrader("generate_feedback", options.assignment, "--force", *extra)
        leaks = leaked_lines(options.assignment)
        for path, lines in leaks.items():
            print(f"LEAK: {path} shows hidden tests: {lines[:3]}", file=sys.stderr)
        return 1 if code or leaks else 0
    if options.command == "export":
        return nbgrader("export", *extra)
    report(options.assignment)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The instructor's grading commands: thin wrappers around nbgrader, run from the course folder (the repo root).

    python scripts/grade.py autograde ASSIGNMENT SUBMISSIONS   collect a folder of submissions, autograde them, report
    python scripts/grade.py feedback ASSIGNMENT                feedback HTML per student, checked for hidden tests
    python scripts/grade.py export                             grades.csv
    python scripts/grade.py report ASSIGNMENT                  the table printed after autograde, again

SUBMISSIONS holds one folder per student (named by the student's id) with their notebook in it, whatever its
name, or one notebook per student named <student id>.ipynb. `--workers N` grades N submissions at once (default: one
per core). Other options are passed on to nbgrader, e.g.
`--SandboxedExecute.timeout=10`. The Makefile's targets `autograde`, `feedback` and `grades` call these.
"""

import argparse
import concurrent.futures
import csv
import datetime
import html
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

COURSE = Path.cwd()
BIN = Path(sys.executable).parent
STUDENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
HIDDEN_TESTS = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)


def nbgrader(*arguments):
    """Run an nbgrader command in the course folder; return its exit code (its log goes to the terminal)."""
    environment = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}  # it calls `alembic` by name
    return subprocess.run([str(BIN / "nbgrader"), *arguments], cwd=COURSE, env=environment).returncode


def collect(assignment, submissions):
    """Copy each student's submission to submitted/<student>/<assignment>/, its notebook named <assignment>.ipynb.
    Returns {student: note} for what needed attention (a renamed notebook, a submission that cannot be graded)."""
    notes = {}
    for entry in sorted(Path(submissions).iterdir()):
        if entry.name.startswith(".") or not (entry.is_dir() or entry.suffix == ".ipynb"):
            continue
        student = entry.name if entry.is_dir() else entry.stem
        if not STUDENT_ID.fullmatch(student):
            notes[student] = "not collected: a student id may only hold letters, digits, '.', '_' and '-'"
            continue
        target = COURSE / "submitted" / student / assignment
        if target.exists():
            shutil.rmtree(target)
        if entry.is_dir():
            shutil.copytree(entry, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        else:
            target.mkdir(parents=True)
            shutil.copy2(entry, target)
        expected = target / f"{assignment}.ipynb"
        notebooks = sorted(target.glob("*.ipynb"))
        if not expected.exists():
            if len(notebooks) == 1:
                notebooks[0].rename(expected)
                notes[student] = f"notebook {notebooks[0].name!r} renamed {expected.name!r}"
            else:
                notes[student] = f"not graded: {len(notebooks)} notebooks and none named {expected.name!r}"
        if expected.exists() and not (target / "timestamp.txt").exists():  # nbgrader's late-submission clock
            stamp = datetime.datetime.fromtimestamp(expected.stat().st_mtime, datetime.timezone.utc)
            (target / "timestamp.txt").write_text(stamp.strftime("%Y-%m-%d %H:%M:%S.%f %Z"))
    return notes


def autograde_in_parallel(assignment, workers, arguments):
    """`nbgrader autograde` grades one submission after another. Run `workers` of them at once instead, each on a
    share of the students (the others excluded), handing out small shares so that a slow submission (one that
    runs into its time limits) holds up one worker, not the class. Returns the worst exit code."""
    students = sorted(path.parent.name for path in (COURSE / "submitted").glob(f"*/{assignment}"))
    if workers <= 1 or len(students) <= 1:
        return nbgrader("autograde", assignment, *arguments)
    size = math.ceil(len(students) / (4 * workers))
    shares = [students[start:start + size] for start in range(0, len(students), size)]

    def grade(share):
        others = ",".join(student for student in students if student not in share)
        return nbgrader("autograde", assignment, f"--CourseDirectory.student_id_exclude={others}", *arguments)

    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        return max(pool.map(grade, shares))


def in_gradebook(assignment):
    """Whether `make exercises` (nbgrader generate_assignment) has recorded the assignment, which autograde needs."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(f"sqlite:///{COURSE / 'gradebook.db'}") as gradebook:
        try:
            gradebook.find_assignment(assignment)
        except MissingEntry:
            return False
    return True


def report(assignment, collect_notes=None):
    """Score and notes of every submission of ASSIGNMENT; written to autograded/<assignment>-report.csv too."""
    from nbgrader.api import Gradebook, MissingEntry

    collect_notes = collect_notes or {}
    rows = []
    students = sorted({path.parent.name for path in (COURSE / "submitted").glob(f"*/{assignment}")} | set(collect_notes))
    with Gradebook(f"sqlite:///{COURSE / 'gradebook.db'}") as gradebook:
        for student in students:
            notes = [collect_notes[student]] if student in collect_notes else []
            autograded = COURSE / "autograded" / student / assignment / f"{assignment}.ipynb"
            try:
                submission = gradebook.find_submission(assignment, student)
                score, max_score, manual = submission.score, submission.max_score, submission.needs_manual_grade
            except MissingEntry:
                score, max_score, manual = 0, None, True
            if not autograded.exists():
                notes.append("NOT GRADED: nbgrader could not process this submission (see its log)")
            else:
                grading = nbformat.read(str(autograded), as_version=4).metadata.get("grading", {})
                for key, label in [("crashed", "kernel died in"), ("timed_out", "timed out in"), ("not_run", "not run")]:
                    if grading.get(key):
                        notes.append(f"{label} {', '.join(grading[key])}")
                for part, reasons in {**grading.get("review", {}), **grading.get("tampering", {})}.items():
                    notes.append(f"review {part}: {'; '.join(dict.fromkeys(reasons))}")
            rows.append({"student": student, "score": score, "max_score": max_score, "needs_manual_grade": manual, "notes": " | ".join(notes)})
    path = COURSE / "autograded" / f"{assignment}-report.csv"
    path.parent.mkdir(exist_ok=True)
    with path.open("w", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=["student", "score", "max_score", "needs_manual_grade", "notes"])
        writer.writeheader()
        writer.writerows(rows)
    width = max([len(row["student"]) for row in rows] + [7])
    for row in rows:
        pending = "manual grading pending  " if row["needs_manual_grade"] else ""
        print(f"{row['student']:<{width}}  {row['score']:>5} / {row['max_score']}  {pending}{row['notes']}")
    print(f"{len(rows)} submissions; this table is in {path.relative_to(COURSE)}")
    return rows


def leaked_lines(assignment):
    """Hidden-test lines of the assignment that a feedback file shows (a line the student version shows is no secret)."""
    secrets, public = set(), ""
    for source in (COURSE / "solutions" / assignment).glob("*.ipynb"):
        for cell in nbformat.read(str(source), as_version=4).cells:
            for block in HIDDEN_TESTS.findall(cell.source):
                secrets |= {line.strip() for line in block.splitlines() if len(line.strip()) >= 20 and not line.strip().startswith("#")}
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
    commands.add_parser("feedback", help="generate feedback HTML and check it for hidden tests").add_argument("assignment")
    commands.add_parser("export", help="export grades.csv")
    commands.add_parser("report", help="print the report of the last autograde").add_argument("assignment")
    options, extra = parser.parse_known_args()

    if options.command == "autograde":
        if not Path(options.submissions).is_dir():
            parser.error(f"{options.submissions} is not a folder of submissions")
        if not in_gradebook(options.assignment):
            parser.error(f"{options.assignment} is not in the gradebook yet: run `make exercises` first")
        notes = collect(options.assignment, options.submissions)
        code = autograde_in_parallel(options.assignment, options.workers, [*(["--force"] if options.force else []), *extra])
        rows = report(options.assignment, notes)
        failed = [row["student"] for row in rows if "NOT GRADED" in row["notes"] or "not graded" in row["notes"]]
        if failed:
            print(f"{len(failed)} submission(s) could not be graded: {', '.join(failed)}", file=sys.stderr)
        return 1 if failed or code else 0
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

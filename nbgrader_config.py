"""nbgrader configuration of the course: solutions/ is the instructor's source, exercises/ the student versions.

Autograding runs each submission's code in a sandbox and its tests apart, in the grader's process; feedback hides
the hidden tests and carries its own MathJax:
the plug-ins are in nnfs/grading/ (book/instructor_guide.md explains them; `scripts/grade.py` drives them).
"""

import os
from pathlib import Path

import nbgrader

import nnfs

c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
# scripts/grade.py autogrades with several nbgrader processes at once: each waits up to 60 s for another's write
# to the gradebook (SQLite) instead of failing with "database is locked".
c.CourseDirectory.db_url = f"sqlite:///{Path(__file__).resolve().parent / 'gradebook.db'}?timeout=60"

# The venv's kernel; nbgrader otherwise looks for the kernel named in each notebook.
c.ExecutePreprocessor.kernel_name = "python3"

# --- Grading. The plug-ins (the nnfs package, installed into .venv by `make`) are imported by name only when
# autograde or feedback runs.

# A deleted test cell is put back (and graded) instead of scoring zero; edited ones are restored anyway.
c.OverwriteCells.add_missing_cells = True

# nbgrader's autograde pipeline with its executor replaced by the sandboxed one and the notes recorded after the grades.
c.Autograde.autograde_preprocessors = [
    "nnfs.grading.sandbox.SandboxedExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nnfs.grading.sandbox.RecordGradingNotes",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# The sandbox's limits (seconds per cell and per notebook, memory, output, ...) are SandboxedExecute's defaults, in
# nnfs/limits.py; set c.SandboxedExecute.<option> here to change them for this course.

# Feedback: no hidden test in it, and MathJax inside each HTML file (no CDN).
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nnfs.grading.feedback.HideHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
c.HTMLExporter.extra_template_basedirs = [
    str(Path(nnfs.__file__).resolve().parent / "grading" / "templates"),  # its feedback/mathjax.html.j2 comes first
    os.path.join(os.path.dirname(nbgrader.__file__), "server_extensions", "formgrader", "templates"),
]
c.HTMLExporter.filters = {"inline_mathjax": "nnfs.grading.feedback.inline_mathjax"}

"""Shared helpers of the test suite: paths, the list of assignments, temporary courses, commands."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SOLUTIONS = ROOT / "solutions"
EXERCISES = ROOT / "exercises"

# The list of assignments is the folders of solutions/: one place, nothing to keep in step.
ASSIGNMENTS = sorted(path.name for path in SOLUTIONS.iterdir() if path.is_dir())

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

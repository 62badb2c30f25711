"""A student's setup, away from the instructor's repository: an exercise notebook downloaded alone or opened in Colab,
run in an environment made of the student requirements only.

- Every link of every exercise notebook is an absolute https address (or an in-page anchor), so none breaks when the
  notebook is downloaded alone: a link into the website names one of its pages (and a heading of that page), a link
  to a file of the public repository names one of its files. Planted broken links are reported.
- A fresh virtual environment with only public/requirements.txt runs every exercise, its answers written as a student
  who got them right writes them, in that environment's own kernel: every cell runs, silently, as the visible tests
  pass. A blank exercise runs too, and its first test fails with NotImplementedError.
- public/requirements.txt pins each package to one version, the version the instructor's environment pins and has,
  and Binder's environment installs exactly these on Python 3.11.

Measured on the 2-core machine, idle: creating the venv takes 5 s and the install 39-43 s; the venv weighs 1.2 GB
(`du -sh`; 1.3 GB once the kernels have written their .pyc files); the ten notebooks then run in 27-30 s, two kernels
at a time; the whole module in 71 s.
"""

import functools
import json
import os
import re
import shutil
import subprocess
import tempfile
from importlib import metadata
from pathlib import Path

import nbformat
import pytest
import yaml
from markdown_it import MarkdownIt

from helpers import ASSIGNMENTS, BIN, filled_exercise, script, toc_pages
from nnfs.cells import EXERCISES, ROOT, is_test, nbgrader_metadata, notebook_path, read_notebook

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
SITE = CONFIG["html"]["baseurl"].rstrip("/") + "/"
REPOSITORY_FILES = f"{CONFIG['repository']['url'].rstrip('/')}/blob/{CONFIG['repository']['branch']}/"
PUBLIC = ROOT / "public"
STUDENT_REQUIREMENTS = PUBLIC / "requirements.txt"
HTML_ADDRESS = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.I)


# --- Links that work in a notebook downloaded alone.

def link_targets(markdown):
    """Every address a markdown text links to: inline and reference links, images, autolinks, HTML href and src."""
    targets = []

    def visit(tokens):
        for token in tokens:
            if token.type in ("link_open", "image"):
                targets.append(token.attrs["href" if token.type == "link_open" else "src"])
            elif token.type in ("html_inline", "html_block"):
                targets.extend(HTML_ADDRESS.findall(token.content))
            visit(token.children or [])

    visit(MarkdownIt("commonmark").parse(markdown))
    return targets


@functools.cache
def website_pages():
    """{address under html.baseurl: its source}: each page of _toc.yml, e.g. {"book/preface.html": book/preface.md}."""
    pages = {}
    for name in toc_pages():
        sources = [ROOT / f"{name}{suffix}" for suffix in (".ipynb", ".md") if (ROOT / f"{name}{suffix}").is_file()]
        assert sources, f"_toc.yml lists {name}, which has no source {name}.ipynb or {name}.md"
        pages[f"{name}.html"] = sources[0]
    return pages


@functools.cache
def heading_anchors(source):
    """The anchors of a page's headings, as MyST makes them: lowercase, spaces to '-', punctuation dropped."""
    if source.suffix == ".ipynb":
        text = "\n\n".join(cell.source for cell in read_notebook(source).cells if cell.cell_type == "markdown")
    else:
        text = source.read_text()
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [tokens[index + 1].content for index, token in enumerate(tokens) if token.type == "heading_open"]
    return {re.sub(r"\s+", "-", re.sub(r"[^\w\s-]", "", heading.strip().lower())) for heading in headings}


@functools.cache
def public_course_files():
    """The files of the public course, as `make public` writes it (exported once, into a temporary folder)."""
    with tempfile.TemporaryDirectory() as folder:
        return frozenset(path.relative_to(folder).as_posix() for path in script("public").export(Path(folder)))


def why_broken(target):
    """Why a link breaks in a notebook downloaded alone or opened in Colab; None if it does not."""
    if target.startswith("#"):
        return None
    if not target.startswith("https://"):
        return "not an absolute https address (nor an in-page #anchor): it breaks when the notebook is downloaded alone"
    address, _, fragment = target.partition("#")
    if address.startswith(SITE):
        page = address.removeprefix(SITE)
        if page not in website_pages():
            return f"names no page of the website, whose pages are {', '.join(website_pages())}"
        source = website_pages()[page]
        if fragment and fragment not in heading_anchors(source):
            return f"#{fragment} is no heading of {source.relative_to(ROOT)}, whose headings are {sorted(heading_anchors(source))}"
    elif address.startswith(REPOSITORY_FILES):
        path = address.removeprefix(REPOSITORY_FILES)
        if path not in public_course_files():
            return "names no file of the public course (scripts/public.py)"
    return None


def broken_links(notebook):
    """'cell N: <address>: why it breaks' for each link of the notebook's markdown cells that breaks."""
    return [f"cell {index}: {target}: {why_broken(target)}" for index, cell in enumerate(notebook.cells) if cell.cell_type == "markdown"
            for target in link_targets(cell.source) if why_broken(target)]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_exercise_links_work_when_the_notebook_is_downloaded_alone(assignment):
    notebook = read_notebook(notebook_path(EXERCISES, assignment))
    assert link_targets(notebook.cells[0].source), f"exercises/{assignment}: its first cell should link its chapter, it links nothing"
    broken = broken_links(notebook)
    assert not broken, f"exercises/{assignment}: every link should work in the notebook downloaded alone, these break:\n" + "\n".join(broken)


CHAPTER_LINK = f"[1]: {SITE}book/01_perceptron.html"


@pytest.mark.parametrize("planted, why", [
    ("[1]: ../../book/01_perceptron.ipynb", "not an absolute https address"),
    ("[The perceptron](01_perceptron.ipynb)", "not an absolute https address"),
    ('<a href="../../book/01_perceptron.ipynb">The perceptron</a>', "not an absolute https address"),
    (f"[1]: {SITE}book/01_perceptron.ipynb", "names no page of the website"),
    (f"[1]: {SITE}book/preface.html#how-to-submit", "#how-to-submit is no heading of book/preface.md"),
    (f"[1]: {REPOSITORY_FILES}requirements-student.txt", "names no file of the public course"),
])
def test_a_broken_link_planted_in_a_copy_of_an_exercise_is_reported(planted, why):
    notebook = read_notebook(notebook_path(EXERCISES, "01_perceptron"))
    intro = notebook.cells[0]
    assert intro.source.count(CHAPTER_LINK) == 1, f"exercises/01_perceptron's first cell should hold the line {CHAPTER_LINK!r} once"
    intro.source = intro.source.replace(CHAPTER_LINK, planted)
    broken = broken_links(notebook)
    assert len(broken) == 1 and why in broken[0], f"the planted link {planted!r} should be reported once as {why!r}, got {broken}"


# --- The exercises in a venv of the student requirements only.

# The last cell of every notebook run in the student's kernel: where that kernel's Python lives, and whether the
# instructor's package (installed in .venv only) is within its reach.
PROBE = "import importlib.util, json, sys\nprint(json.dumps({'prefix': sys.prefix, 'nnfs': importlib.util.find_spec('nnfs') is not None}))"
BLANK = "blank 01_perceptron"
# Run by the student venv's Python: executes the notebooks it is given in place, two kernels at a time (the machine's
# two cores), each in the notebook's folder, in the order given.
DRIVER = '''
import asyncio
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


async def execute(path, slots):
    async with slots:
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(notebook, timeout=300, allow_errors=True, kernel_name="python3",
                                resources={"metadata": {"path": str(Path(path).parent)}})
        await client.async_execute()
        nbformat.write(notebook, path)


async def main(paths):
    slots = asyncio.Semaphore(2)
    await asyncio.gather(*(execute(path, slots) for path in paths))


asyncio.run(main(sys.argv[1:]))
'''


def completed(command, **options):
    """Run a command and return its completed process; fail with its output if it exits non-zero."""
    done = subprocess.run([str(part) for part in command], capture_output=True, text=True, timeout=600, **options)
    assert done.returncode == 0, f"{' '.join(map(str, command))} exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def student_environment(venv, home):
    """The environment of a student's shell with `venv` activated, nothing of the instructor's Python or Jupyter in it:
    no JUPYTER_*, IPYTHONDIR, PYTHONPATH, PYTHONHOME or VIRTUAL_ENV, HOME in `home`, PATH starting with the venv's bin
    and without the instructor venv's. This machine's PYTHONDONTWRITEBYTECODE goes too: a student's Python writes
    .pyc files, without which every kernel compiles all it imports again, IPython and PyTorch included."""
    dropped = ("IPYTHONDIR", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE")
    environment = {name: value for name, value in os.environ.items() if not name.startswith("JUPYTER") and name not in dropped}
    path = [str(venv / "bin"), *(entry for entry in os.environ["PATH"].split(os.pathsep) if entry and Path(entry) != BIN)]
    environment.update(HOME=str(home), JUPYTER_CONFIG_DIR=str(home / ".jupyter"), JUPYTER_DATA_DIR=str(home / ".local" / "share" / "jupyter"),
                       PATH=os.pathsep.join(path), OMP_NUM_THREADS="1")
    return environment


@pytest.fixture(scope="module")
def student_venv(tmp_path_factory):
    """A fresh virtual environment of Python 3.11 with the student requirements and nothing else installed (left to
    pytest, which keeps the last three runs' temporary folders: removing its 1.3 GB takes 6 s)."""
    python = shutil.which("python3.11")
    assert python, "python3.11 should be on PATH, to make the student's venv"
    venv = tmp_path_factory.mktemp("student") / "venv"
    environment = {name: value for name, value in os.environ.items() if name not in ("PYTHONPATH", "VIRTUAL_ENV")}
    completed([python, "-m", "venv", venv], env=environment)
    completed([venv / "bin" / "pip", "install", "--quiet", "--disable-pip-version-check", "--no-compile", "-r", STUDENT_REQUIREMENTS], env=environment)
    return venv


@pytest.fixture(scope="module")
def student_runs(student_venv, tmp_path_factory):
    """{assignment: its exercise executed in the student venv's kernel}: each exercise with its answers filled in from
    the solutions, and the blank 01_perceptron (key BLANK), each alone in a folder of its own, the probe cell last."""
    work = tmp_path_factory.mktemp("student_work")
    # Last assignment first: the later ones train networks and run longest, so both kernels stay busy to the end.
    runs = [(assignment, assignment, filled_exercise(assignment)) for assignment in reversed(ASSIGNMENTS)]
    runs.append((BLANK, "01_perceptron", read_notebook(notebook_path(EXERCISES, "01_perceptron"))))
    paths = {}
    for name, assignment, notebook in runs:
        notebook.cells.append(nbformat.v4.new_code_cell(PROBE))
        folder = work / name.replace(" ", "_")
        folder.mkdir()
        paths[name] = folder / f"{assignment}.ipynb"
        nbformat.write(notebook, paths[name])
    driver = work / "run_notebooks.py"
    driver.write_text(DRIVER)
    home = work / "home"
    home.mkdir()
    completed([student_venv / "bin" / "python", driver, *paths.values()], cwd=work, env=student_environment(student_venv, home))
    return {name: read_notebook(path) for name, path in paths.items()}


def cell_failures(notebook):
    """'cell N (grade_id): what went wrong' for each cell that raised or wrote to stderr (which costs a test its points
    in grading)."""
    failures = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                failures.append(f"cell {index} ({nbgrader_metadata(cell).get('grade_id')}): {output.ename}: {output.evalue}")
            elif output.output_type == "stream" and output.name == "stderr":
                failures.append(f"cell {index} ({nbgrader_metadata(cell).get('grade_id')}): wrote to stderr: {output.text[:500]}")
    return failures


def test_every_exercise_runs_in_the_student_venv_own_kernel(student_venv, student_runs):
    for name, notebook in student_runs.items():
        probe = notebook.cells[-1].get("outputs", [])
        assert probe and probe[0].get("name") == "stdout", f"{name}: the probe cell should print where its kernel's Python lives, printed {probe}"
        facts = json.loads(probe[0].text)
        assert Path(facts["prefix"]).resolve() == student_venv.resolve(), (
            f"{name}: the kernel's sys.prefix should be the student venv {student_venv}, is {facts['prefix']}")
        assert not facts["nnfs"], f"{name}: the student's kernel should not reach the instructor's package nnfs, it does"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_exercise_answered_right_passes_its_visible_tests_in_the_student_venv(assignment, student_runs):
    failures = cell_failures(student_runs[assignment])
    assert not failures, (f"{assignment}, its answers filled in from the solutions, in a venv of public/requirements.txt only: "
                          "every cell should run without an error or a warning, but\n" + "\n".join(failures))


def test_blank_exercise_runs_in_the_student_venv_and_fails_its_first_test_with_not_implemented_error(student_runs):
    notebook = student_runs[BLANK]
    first_test = next(index for index, cell in enumerate(notebook.cells) if is_test(cell))
    failures = cell_failures(notebook)
    # The test may catch the NotImplementedError and say it in its own message.
    assert failures and failures[0].startswith(f"cell {first_test} ") and "NotImplementedError" in failures[0], (
        f"blank 01_perceptron: the first test, cell {first_test}, should be the first cell to fail, with NotImplementedError; the failures:\n"
        + "\n".join(failures))


# --- The student requirements, the instructor's and Binder's.

def read_requirements(path):
    """(requirements, options) of a pip requirements file and of the files it includes with `-r` (relative to the file
    that includes them): each a list of (file, line), without comments and blank lines."""
    requirements, options = [], []
    for line in path.read_text().splitlines():
        line = re.sub(r"(^|\s)#.*", "", line).strip()
        include = re.fullmatch(r"(?:-r|--requirement)[ =]\s*(\S+)", line)
        if include:
            more_requirements, more_options = read_requirements((path.parent / include[1]).resolve())
            requirements += more_requirements
            options += more_options
        elif line.startswith("-"):
            options.append((path, line))
        elif line:
            requirements.append((path, line))
    return requirements, options


def specifiers(requirements):
    """{package's canonical name: {its version specifiers}} of requirement lines: "Torch==2.13.0" gives {"torch": {"==2.13.0"}}."""
    found = {}
    for _, line in requirements:
        name, specifier = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*)", line).groups()
        found.setdefault(re.sub(r"[-_.]+", "-", name).lower(), set()).add(specifier.replace(" ", ""))
    return found


def test_student_requirements_pin_every_package_to_one_version():
    requirements, options = read_requirements(STUDENT_REQUIREMENTS)
    assert not options, f"public/requirements.txt should hold pins only (what a student installs is all listed there), holds {options}"
    loose = [line for _, line in requirements if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*==[0-9][0-9A-Za-z.+!]*", line)]
    assert requirements and not loose, f"public/requirements.txt: every line should be `name==version`, these are not: {loose}"
    twice = [name for name, found in specifiers(requirements).items() if len(found) > 1]
    assert not twice, f"public/requirements.txt: every package should be pinned once, these have several pins: {twice}"


def test_instructor_environment_pins_and_has_every_student_package_identically():
    student = specifiers(read_requirements(STUDENT_REQUIREMENTS)[0])
    instructor = specifiers(read_requirements(ROOT / "requirements.txt")[0])
    differ = {name: instructor.get(name) for name, pins in student.items() if instructor.get(name) != pins}
    assert not differ, f"requirements.txt should pin every package of public/requirements.txt the same, pins these otherwise: {differ}"
    for name, (pin,) in student.items():
        installed = metadata.version(name).split("+")[0]  # torch's 2.13.0+cpu is the CPU build of 2.13.0
        assert f"=={installed}" == pin, f"{name}: the instructor's .venv should have {pin}, has {metadata.version(name)}: run `make`"


def test_binder_installs_the_student_requirements_alone_on_python_3_11():
    binder = PUBLIC / "binder"
    for name in ("requirements.txt", "runtime.txt"):
        assert (binder / name).is_file(), f"public/binder/{name} should exist: Binder's environment"
    requirements, options = read_requirements(binder / "requirements.txt")
    sources = {file.relative_to(ROOT).as_posix() for file, _ in requirements}
    assert sources == {"public/requirements.txt"}, (
        f"public/binder/requirements.txt should install public/requirements.txt and nothing else, installs from {sources}")
    assert any(re.fullmatch(r"--extra-index-url[ =]\s*https://download\.pytorch\.org/whl/cpu/?", line) for _, line in options), (
        f"public/binder/requirements.txt should add PyTorch's CPU index (--extra-index-url https://download.pytorch.org/whl/cpu), its options: {options}")
    runtime = (binder / "runtime.txt").read_text().strip()
    assert runtime == "python-3.11", f"public/binder/runtime.txt should say python-3.11, says {runtime!r}"

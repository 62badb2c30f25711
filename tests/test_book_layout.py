"""The book's pages as stored: every line of code and of text output fits the code box a laptop shows, every
mention of a chapter by number is a link to it, and no line is there for the tests or the kernel (threads, garbage
collection, output checks). (tests/test_site.py measures the built pages in a browser.)"""

import re
import tomllib

import nbformat
import pytest

from helpers import NOTEBOOKS
from nnfs.cells import ROOT

BOOK = ROOT / "book"
CHAPTERS = sorted(BOOK.glob("*.ipynb"))
TEXT_PAGES = sorted(BOOK.glob("*.md"))
# What a code box holds on a laptop: the book's ruff line length, one place for both.
CODE_BOX = tomllib.loads((BOOK / "ruff.toml").read_text())["line-length"]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
# "chapter 4", "chapters 4 and 5", "chapters [4](...), 5 or 6", once the links are replaced by "[link]".
CHAPTER_MENTION = re.compile(r"\b[Cc]hapters?\s+(?:\[link\]|\d+)(?:(?:\s*,\s*|\s+and\s+|\s+or\s+|\s+to\s+|\s*[-–]\s*)(?:\[link\]|\d+))*")
LINKED_CHAPTER = re.compile(r"(?:[Cc]hapters?\s+)?(\d)")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)


def shown_text_outputs(cell):
    """The outputs of a code cell that the page shows as text: streams, and plain text with nothing richer beside it
    (a figure's "<Figure size ...>" is not shown). Tracebacks are Python's own text, and wrap (course_site.py)."""
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            yield output.text
        elif output.output_type in ("execute_result", "display_data") and set(output.data) == {"text/plain"}:
            yield output.data["text/plain"]


def too_wide(notebook_path):
    """'cell N: <kind> line of K characters: <line>' for every line of code or shown output wider than CODE_BOX."""
    wide = []
    for index, cell in enumerate(nbformat.read(notebook_path, as_version=4).cells):
        if cell.cell_type != "code":
            continue
        for kind, text in [("code", cell.source), *(("output", text) for text in shown_text_outputs(cell))]:
            for line in ANSI.sub("", text).splitlines():
                if len(line) > CODE_BOX:
                    wide.append(f"cell {index}: {kind} line of {len(line)} characters: {line[:CODE_BOX]}...")
    return wide


@pytest.mark.parametrize("notebook", CHAPTERS, ids=lambda path: path.name)
def test_every_line_of_code_and_output_fits_the_laptops_code_box(notebook):
    wide = too_wide(notebook)
    assert not wide, f"{notebook.name}: lines wider than the {CODE_BOX} characters a code box shows:\n" + "\n".join(wide)


def test_a_wide_output_line_is_found(tmp_path):
    """A planted mismatch: a printed line one character wider than the box."""
    line = "x" * (CODE_BOX + 1)
    cell = nbformat.v4.new_code_cell("print(line)", outputs=[nbformat.v4.new_output("stream", name="stdout", text=line + "\n")])
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), tmp_path / "planted.ipynb")
    assert too_wide(tmp_path / "planted.ipynb") == [f"cell 0: output line of {CODE_BOX + 1} characters: {line[:CODE_BOX]}..."]


def unlinked_chapter_mentions(markdown):
    """The chapter mentions of `markdown` (code and quoted sources aside) that are not a link to their chapter."""
    prose = "\n".join(line for line in CODE.sub("", markdown).splitlines() if not line.lstrip().startswith(">"))
    wrong = []
    for text, target in LINK.findall(prose):
        number = LINKED_CHAPTER.fullmatch(text.strip())
        if number and not target.startswith(f"0{number.group(1)}_"):
            wrong.append(f"[{text}]({target}) links to another chapter")
    linked = LINK.sub("[link]", prose)
    for mention in CHAPTER_MENTION.finditer(linked):
        if re.search(r"\d", mention.group()):
            wrong.append("not a link: ..." + " ".join(linked[max(mention.start() - 40, 0) : mention.end() + 20].split()) + "...")
    return wrong


def markdown_of(page):
    if page.suffix == ".md":
        return page.read_text()
    return "\n\n".join(cell.source for cell in nbformat.read(page, as_version=4).cells if cell.cell_type == "markdown")


@pytest.mark.parametrize("page", CHAPTERS + TEXT_PAGES, ids=lambda path: path.name)
def test_every_chapter_mentioned_by_number_is_a_link_to_it(page):
    wrong = unlinked_chapter_mentions(markdown_of(page))
    assert not wrong, f"{page.name}: write a chapter's number as a link, e.g. [chapter 4](04_backpropagation.ipynb):\n" + "\n".join(wrong)


@pytest.mark.parametrize("markdown, found", [
    ("as chapter 4 showed", 1),
    ("chapters [4](04_backpropagation.ipynb) and 5", 1),
    ("see [chapter 4](05_autodiff.ipynb)", 1),
    ("see [chapter 4](04_backpropagation.ipynb) and chapters [5](05_autodiff.ipynb)-[6](06_softmax.ipynb)", 0),
    ("> the source's chapter 3, quoted\n\n`chapter 2` in code", 0),
])
def test_an_unlinked_or_misdirected_chapter_mention_is_found(markdown, found):
    assert len(unlinked_chapter_mentions(markdown)) == found, unlinked_chapter_mentions(markdown)


# What the kernel does for every notebook (scripts/numerical_paths.py, nnfs/book_kernel.py), and what a tag says.
MACHINERY = {
    "set_num_threads": "the thread count belongs to the kernel (scripts/numerical_paths.py)",
    "gc.freeze": "the kernel freezes the garbage collector after the first cell (nnfs/book_kernel.py)",
    "NBVAL_": "tag the cell nbval-ignore-output instead of a comment on the page",
}


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: str(path.relative_to(ROOT)))
def test_notebook_leaves_threads_garbage_collection_and_output_checks_to_the_kernel_and_the_tags(notebook):
    """No line a reader (or a student) has to read past: the kernelspec sets these before the libraries start, and a
    cell whose output is not compared says so with the tag nbval-ignore-output."""
    for index, cell in enumerate(nbformat.read(notebook, as_version=4).cells):
        for line, reason in MACHINERY.items():
            assert cell.cell_type != "code" or line not in cell.source, f"{notebook.name} cell {index}: {line}: {reason}"

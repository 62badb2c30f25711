"""The Sources page (book/sources.md) and the chapters agree: every corrected mistake of a source is in its
table, and every chapter that names a source links its section."""

import re

import pytest

from nnfs.cells import ROOT, read_notebook

CHAPTERS = sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb"))
SOURCES_PAGE = ROOT / "book" / "sources.md"
# How the chapters name each source -> the label of its section on the Sources page.
SHORT_NAMES = {
    r"\bthe lab\b": "source-lab",
    r"\bthe post\b": "source-post",
    r"Implementing a Neural Network": "source-implementing",
    r"\bValue` article|\bValue article": "source-value-article",
    r"\bPyTorch notebook\b": "source-pytorch-notebook",
}
LABEL = re.compile(r"^\((?P<label>[\w-]+)\)=\s*$", re.MULTILINE)
REFERENCE = re.compile(r"\{ref\}`[^`<]*<(?P<label>[\w-]+)>`")


def markdown(chapter):
    return "\n".join(cell.source for cell in read_notebook(chapter).cells if cell.cell_type == "markdown")


def mistake_labels():
    return {match["label"]: chapter.stem for chapter in CHAPTERS for match in LABEL.finditer(markdown(chapter)) if match["label"].startswith("mistake-")}


def table_problems(page, labels):
    """What is wrong between the mistakes table of the Sources page and the chapters' mistake labels."""
    table = page[page.index("(source-mistakes)="):]
    linked = [match["label"] for match in REFERENCE.finditer(table) if match["label"].startswith("mistake-")]
    problems = [f"not in the table: {label}" for label in sorted(set(labels) - set(linked))]
    problems += [f"labelled by no chapter: {label}" for label in sorted(set(linked) - set(labels))]
    problems += [f"linked twice: {label}" for label in sorted({label for label in linked if linked.count(label) > 1})]
    return problems


def test_the_sources_page_links_every_corrected_mistake_once_and_nothing_else():
    labels = mistake_labels()
    assert labels, "no chapter labels a corrected mistake (mistake-...)"
    assert table_problems(SOURCES_PAGE.read_text(), labels) == []


def test_the_table_check_catches_a_missing_row_an_unknown_link_and_a_repeated_one():
    page, labels = SOURCES_PAGE.read_text(), mistake_labels()
    first = next(line for line in page.splitlines() if "<mistake-" in line)
    label = REFERENCE.findall(first)[-1]
    assert f"not in the table: {label}" in table_problems(page.replace(first + "\n", "").replace(f"<{label}>", "<gone>"), labels)
    assert "labelled by no chapter: mistake-invented" in table_problems(page + "\n{ref}`chapter 1 <mistake-invented>`\n", labels)
    assert f"linked twice: {label}" in table_problems(page + f"\n{{ref}}`chapter 1 <{label}>`\n", labels)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_a_chapter_that_names_a_source_links_its_section(chapter):
    text = markdown(chapter)
    linked = {match["label"] for match in REFERENCE.finditer(text)}
    for name, label in SHORT_NAMES.items():
        if re.search(name, REFERENCE.sub("", text), re.IGNORECASE) or label in linked:
            assert label in linked, f"{chapter.name} names {name!r} but never links {{ref}}`... <{label}>`"
    assert "building neural networks from scratch" not in text.lower(), (
        f"{chapter.name}: 'Building neural networks from scratch' is the title of the article that "
        "'Implementing a Neural Network' links, not of the Value article"
    )


def test_every_source_section_is_linked_from_some_chapter():
    linked = {match["label"] for chapter in CHAPTERS for match in REFERENCE.finditer(markdown(chapter))}
    sections = {match["label"] for match in LABEL.finditer(SOURCES_PAGE.read_text()) if match["label"].startswith("source-")}
    assert sections - {"source-mistakes"} <= linked, f"sources that no chapter links: {sorted(sections - {'source-mistakes'} - linked)}"

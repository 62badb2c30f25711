"""Every result number in a chapter's prose is among the outputs of the same page.

A number is checked when it has decimals (0.56), a percent sign (99.7 %) or, outside math, two digits or more
(13 writers, 61,706 parameters). Not checked: code (fenced blocks and `inline` spans), verbatim quotes of a
source (lines that start with ">"), link targets. A checked number is found when an output of the page (the text
of a stream or a `text/plain` result) prints it, or prints a number that rounds to it at the prose's precision
(0.5623 for 0.56; 0.997 for 99.7 %; not 1.7 for 1.70). Numbers that are inputs or definitions (a learning rate, a year, a weight
given by a source) are listed, each with its reason, in the notebook's metadata `prose_numbers.given`.
"""

import re
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation

import pytest

from nnfs.cells import ROOT, read_notebook

CHAPTERS = sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb"))

PROSE_NUMBER = re.compile(r"(?<![\w.,])(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<decimals>\.\d+)?(?![\w]|\.\d|,\d{3})(?P<percent>\s?%)?")
OUTPUT_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)?(?:e[-+]?\d+)?", re.IGNORECASE)
NOT_PROSE = [
    re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL),  # fenced code
    re.compile(r"^\s*>.*$", re.MULTILINE),  # a verbatim quote of a source
    re.compile(r"`[^`\n]*`"),  # inline code, and the target of a role: {ref}`text <target>`
    re.compile(r"\]\([^)\s]*\)|<https?://[^>]*>|https?://\S+"),  # link targets
    re.compile(r"^\(\S+\)=\s*$", re.MULTILINE),  # MyST labels
    re.compile(r"<!--.*?-->", re.DOTALL),
]
MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.DOTALL)


def prose(markdown):
    """The markdown with what is not prose taken out (math stays)."""
    for pattern in NOT_PROSE:
        markdown = pattern.sub(" ", markdown)
    return markdown


def checked_numbers(markdown):
    """The numbers of a markdown cell that must come from an output, as written."""
    text = prose(markdown)
    in_math = [match.span() for match in MATH.finditer(text)]
    for match in PROSE_NUMBER.finditer(text):
        inside_math = any(start <= match.start() < end for start, end in in_math)
        integer = int(match["digits"].replace(",", ""))
        if match["decimals"] or match["percent"] or (integer >= 10 and not inside_math):
            yield match.group().strip()


def output_numbers(notebook):
    """Every number printed by the page's code cells (streams and text results), as Decimals; a list, not a set,
    since 4 and 4.0 are equal Decimals but not the same print."""
    numbers = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "") + output.get("data", {}).get("text/plain", "")
            for number in OUTPUT_NUMBER.findall(text):
                try:
                    numbers.append(Decimal(number.replace(",", "")))
                except InvalidOperation:
                    pass
    return numbers


def is_printed(number, printed):
    """Whether `number` (as written in the prose) is one of the printed numbers, or one of them rounded."""
    percent = number.endswith("%")
    written = number.rstrip("%").strip().replace(",", "")
    value = Decimal(written)
    exponent = value.as_tuple().exponent
    candidates = [printed, [p * 100 for p in printed]] if percent else [printed]
    for numbers in candidates:
        for p in numbers:
            if p.as_tuple().exponent <= exponent and p.adjusted() <= value.adjusted() + 1:  # more digits, same size
                rounded = {p.quantize(Decimal(1).scaleb(exponent), rounding=mode) for mode in (ROUND_HALF_EVEN, ROUND_HALF_UP)}
                if value in rounded:
                    return True
    return False


def unprinted_numbers(notebook):
    """(cell index, number) for each checked number of the prose that no output prints and no entry of
    `prose_numbers.given` in the notebook's metadata explains."""
    given = notebook.metadata.get("prose_numbers", {}).get("given", {})
    printed = output_numbers(notebook)
    found = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            for number in checked_numbers(cell.source):
                if number not in given and not is_printed(number, printed):
                    found.append((index, number))
    return found


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_every_result_number_of_the_prose_is_printed_by_the_page(chapter):
    notebook = read_notebook(chapter)
    missing = unprinted_numbers(notebook)
    assert not missing, (
        f"{chapter.name}: these numbers of the prose are printed by no output of the page "
        f"(print them, or list an input or definition in the metadata prose_numbers.given with its reason): "
        + ", ".join(f"cell {index}: {number}" for index, number in missing)
    )


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_every_given_number_is_in_the_prose_and_has_a_reason(chapter):
    notebook = read_notebook(chapter)
    given = notebook.metadata.get("prose_numbers", {}).get("given", {})
    written = {number for cell in notebook.cells if cell.cell_type == "markdown" for number in checked_numbers(cell.source)}
    assert not set(given) - written, f"{chapter.name}: prose_numbers.given lists numbers the prose no longer has: {sorted(set(given) - written)}"
    assert all(isinstance(reason, str) and reason.strip() for reason in given.values()), f"{chapter.name}: a given number without a reason"


def test_a_planted_mismatch_in_every_chapter_is_caught():
    """In each chapter, change the first number that an output prints to one that no output prints: the check
    must report it, in its cell."""
    for chapter in CHAPTERS:
        notebook = read_notebook(chapter)
        printed = output_numbers(notebook)
        given = notebook.metadata.get("prose_numbers", {}).get("given", {})
        index, number = next(
            (index, number)
            for index, cell in enumerate(notebook.cells)
            if cell.cell_type == "markdown"
            for number in checked_numbers(cell.source)
            if number not in given and is_printed(number, printed)
        )
        wrong = next(candidate for candidate in (f"{n}.{n}7" for n in range(41, 100)) if not is_printed(candidate, printed))
        notebook.cells[index].source = notebook.cells[index].source.replace(number, wrong, 1)
        assert (index, wrong) in unprinted_numbers(notebook), f"{chapter.name}: {number} -> {wrong} in cell {index} went unnoticed"


@pytest.mark.parametrize(
    "markdown, checked",
    [
        ("it ends at $b = 0.2$, $w = 0.56$ with 99.7 % on 13 writers", ["0.2", "0.56", "99.7 %", "13"]),
        ("LeNet-5 has 61,706 parameters; $\\frac{1}{10}$ and $10^{-6}$ are math", ["61,706"]),
        ("```python\nlr = 0.05\n```\n> the post prints 0.97\n`Conv2d(1, 4, 2)` [a link](https://x.org/1.5)", []),
        ("a 28x28 image, chapter 2, 5 x 5", []),
    ],
)
def test_which_numbers_of_a_cell_are_checked(markdown, checked):
    assert list(checked_numbers(markdown)) == checked


@pytest.mark.parametrize(
    "number, printed, expected",
    [("0.56", "w = 0.5623", True), ("0.56", "w = 0.5649", True), ("0.56", "w = 0.57", False), ("99.7 %", "0.997", True),
     ("99.7 %", "99.7", True), ("61,706", "61706", True), ("375", "375.2", True), ("1.70", "1.7", False), ("4.0", "4 and 4.0", True)],
)
def test_a_number_is_printed_when_an_output_rounds_to_it(number, printed, expected):
    assert is_printed(number, [Decimal(n) for n in OUTPUT_NUMBER.findall(printed)]) is expected

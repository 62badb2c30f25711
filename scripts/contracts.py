"""Write docs/contracts.md: the contract of every graded function, as the student versions state it.

The contract of a graded function (or class) is the signature and the docstring of its answer cell, and of a
class's documented methods, written in solutions/ and shown to the student in exercises/ (read from there, so
that no solution can reach this page). `make exercises` writes it after the student versions, and
tests/test_exercises.py checks that it is current.
"""

import ast
import sys

from nnfs.cells import EXERCISES, ROOT, answer_sources, assignments, notebook_path, read_notebook

CONTRACTS = ROOT / "docs" / "contracts.md"
HEADER = """# Contracts of the graded functions

Made by `make exercises` (`scripts/contracts.py`) from the answer cells of the student versions in `exercises/`:
edit the docstrings in `solutions/`, never this page. Each contract is the signature and the docstring of the
answer cell (and of a class's documented methods); the hidden tests check nothing that it does not say.
"""


def contract(source, node, indent=""):
    """The definition's first line and its docstring, as Markdown; then those of a class's documented methods."""
    first = ast.get_source_segment(source, node).splitlines()[0].rstrip(":")
    text = f"\n```python\n{indent}{first}\n```\n\n```text\n{ast.get_docstring(node) or '(no docstring)'}\n```\n"
    if isinstance(node, ast.ClassDef):
        for method in node.body:
            if isinstance(method, ast.FunctionDef) and ast.get_docstring(method):
                text += contract(source, method, "    ")
    return text


def render():
    parts = [HEADER]
    for assignment in assignments():
        title = read_notebook(ROOT / "book" / f"{assignment}.ipynb").cells[0].source.splitlines()[0].lstrip("# ")
        parts.append(f"\n## {title} (`{assignment}`)\n")
        for name, source in answer_sources(read_notebook(notebook_path(EXERCISES, assignment))).items():
            node = next(node for node in ast.parse(source).body if isinstance(node, (ast.FunctionDef, ast.ClassDef)))
            parts.append(f"\n### `{name}`\n{contract(source, node)}")
    return "".join(parts)


if __name__ == "__main__":
    CONTRACTS.write_text(render())
    print(f"wrote {CONTRACTS.relative_to(ROOT)}", file=sys.stderr)

"""The book teaches, the assignment asks: no graded answer's body is code that a chapter shows.

tests/test_site.py finds a solution's lines, as written, on the website. This file finds the same code written
otherwise: the names changed, the statements reordered, the arguments validated or not, `16 * 5 * 5` for `400`,
a network's layers in an `nn.Sequential` instead of attributes. Two measures, each on every chapter's code:

- the share of an answer's statements that a chapter's code also holds, compared as syntax trees in which every
  name but a module's or a builtin's is blinded, constant arithmetic is folded, and docstrings and argument
  checks (an `if` that only raises) are left out: an answer is given away when a chapter holds half of them, or
  half of one of its methods;
- for a network, its layers: an answer is given away when one code cell of a chapter builds every one of its
  layers (`nn.Conv2d(1, 6, 5)` and `nn.Conv2d(1, 6, kernel_size=5)` are the same layer; a layer with a computed
  argument, `nn.Linear(16 * s * s, 120)`, only as written).
"""

import ast
import builtins
import inspect
import re
import textwrap
from collections import Counter

import pytest
import torch.nn

from helpers import ASSIGNMENTS, ROOT
from nnfs.cells import SOLUTION_BLOCK, SOLUTIONS, answer_sources, notebook_path, read_notebook

CHAPTERS = sorted((ROOT / "book").glob("*.ipynb"))
GIVEN_AWAY_SHARE = 0.5  # an answer is given away when a chapter holds this share of its statements
MIN_BLOCK_STATEMENTS = 3  # a block (a method) this long is compared on its own too
MIN_NODES = 6  # smaller statements (`return x`, `i += 1`) say nothing about a solution
MODULES = {"np", "math", "random", "torch", "nn", "F", "optim"}
KEPT_NAMES = MODULES | set(dir(builtins))


class Normalised(ast.NodeTransformer):
    """A syntax tree as the comparison sees it: names blinded but modules' and builtins', constant arithmetic
    folded, docstrings and argument checks removed."""

    def visit_Name(self, node):
        return ast.Name(id=node.id if node.id in KEPT_NAMES else "_", ctx=ast.Load())

    def visit_arg(self, node):
        return ast.arg(arg="_")

    def visit_If(self, node):
        if not node.orelse and all(isinstance(statement, ast.Raise) for statement in node.body):
            return None
        return self.generic_visit(node)

    def visit_Raise(self, node):
        return None

    def visit_Expr(self, node):
        return None if isinstance(node.value, ast.Constant) else self.generic_visit(node)

    def visit_BinOp(self, node):
        self.generic_visit(node)
        if isinstance(node.left, ast.Constant) and isinstance(node.right, ast.Constant):
            try:
                return ast.Constant(eval(compile(ast.fix_missing_locations(ast.Expression(node)), "<constant>", "eval")))
            except (ArithmeticError, TypeError):
                pass
        return node


HEADERS = {ast.For: lambda s: [s.target, s.iter], ast.If: lambda s: [s.test], ast.While: lambda s: [s.test],
           ast.With: lambda s: [item.context_expr for item in s.items]}


def parse(code):
    """The syntax tree of a code cell or a solution block, IPython's %magic and !shell lines left out."""
    lines = [line for line in textwrap.dedent(code).splitlines() if not line.lstrip().startswith(("%", "!"))]
    return ast.parse("\n".join(lines))


def statements(code):
    """The normalised statements of `code` (a compound statement by its header: a loop's target and iterable, an
    if's test), each as a string, the ones of fewer than MIN_NODES nodes left out."""
    found = []
    for node in ast.walk(Normalised().visit(parse(code))):
        if isinstance(node, ast.stmt) and not isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Try)):
            part = ast.Tuple(HEADERS[type(node)](node), ast.Load()) if type(node) in HEADERS else node
            if sum(1 for _ in ast.walk(part)) >= MIN_NODES:
                found.append(ast.dump(part, annotate_fields=False))
    return found


def layers(code):
    """The torch.nn layers that `code` builds, each as a string: with constant arguments, its class and every
    argument by name (defaults included), so that the same layer written two ways is the same string; with a
    computed argument, the call as written, names blinded."""
    found = []
    for node in ast.walk(Normalised().visit(parse(code))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "nn" and isinstance(getattr(torch.nn, node.func.attr, None), type)):
            try:
                args = [ast.literal_eval(arg) for arg in node.args]
                kwargs = {keyword.arg: ast.literal_eval(keyword.value) for keyword in node.keywords}
                bound = inspect.signature(getattr(torch.nn, node.func.attr)).bind(*args, **kwargs)
            except (ValueError, TypeError):  # an argument computed: the call as written, names blinded
                found.append(ast.dump(node, annotate_fields=False))
                continue
            bound.apply_defaults()
            found.append(f"nn.{node.func.attr}{dict(bound.arguments)}")
    return found


def chapter_code(path):
    """The code cells of a chapter."""
    return [cell.source for cell in read_notebook(path).cells if cell.cell_type == "code"]


def answers():
    """(assignment, name, {the function or method around a solution block: its code}) for every graded answer."""
    for assignment in ASSIGNMENTS:
        for name, source in answer_sources(read_notebook(notebook_path(SOLUTIONS, assignment))).items():
            blocks = {}
            for block in SOLUTION_BLOCK.finditer(source):
                around = re.findall(r"def (\w+)\(", source[:block.start()])
                blocks[f"{name}.{around[-1]}" if around and around[-1] != name else name] = block.group(1)
            yield assignment, name, blocks


def given_away(blocks, cells):
    """Why the code `cells` give away the answer made of the solution `blocks` ({function or method: code}), or
    None: half of its statements, or half of one method's when it has MIN_BLOCK_STATEMENTS, or all its layers."""
    theirs = {statement for cell in cells for statement in statements(cell)}
    mine = {where: statements(block) for where, block in blocks.items()}
    units = [("its", sum(mine.values(), []))] + [(f"{where}'s", unit) for where, unit in mine.items()
                                                  if len(mine) > 1 and len(unit) >= MIN_BLOCK_STATEMENTS]
    for whose, unit in units:
        held = [statement for statement in unit if statement in theirs]
        if unit and len(held) / len(unit) >= GIVEN_AWAY_SHARE:
            return f"{len(held)} of {whose} {len(unit)} statements"
    my_layers = Counter(layer for block in blocks.values() for layer in layers(block))
    for cell in cells:
        if my_layers.total() > 1 and not my_layers - Counter(layers(cell)):
            return f"its {my_layers.total()} layers, all built in one cell"
    return None


ANSWERS = list(answers())
BOOK = {path.stem: chapter_code(path) for path in CHAPTERS}


@pytest.mark.parametrize(("assignment", "name", "blocks"), ANSWERS, ids=[f"{a}.{n}" for a, n, _ in ANSWERS])
def test_no_chapter_shows_a_graded_answer(assignment, name, blocks):
    assert blocks, f"{assignment}.{name} has no solution block: nothing to compare"
    shown = {chapter: why for chapter, cells in BOOK.items() if (why := given_away(blocks, cells))}
    assert not shown, f"{assignment}.{name} is given away by the book: " + "; ".join(
        f"book/{chapter}.ipynb holds {why}" for chapter, why in shown.items())


def disguised(block):
    """A solution block rewritten as a reader might copy it from a chapter: every name it binds renamed, its
    statements' order reversed where one statement follows another, its layers' arguments given by keyword."""
    tree = parse(block)
    bound = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in bound:
            node.id = f"{node.id}_copied"
        if hasattr(node, "body") and isinstance(node.body, list) and len(node.body) > 1:
            node.body.reverse()
    return ast.unparse(tree)


@pytest.mark.parametrize(("assignment", "name", "blocks"), ANSWERS, ids=[f"{a}.{n}" for a, n, _ in ANSWERS])
def test_a_graded_answer_planted_in_a_chapter_disguised_is_found(assignment, name, blocks):
    chapter = BOOK[CHAPTERS[0].stem] + [disguised(block) for block in blocks.values()]
    code = "\n".join(textwrap.dedent(block) for block in blocks.values())
    assert statements(code) or layers(code), f"{assignment}.{name}: nothing to compare"
    assert given_away(blocks, chapter), f"{assignment}.{name}, planted renamed and reordered, is not found"


def test_a_network_planted_as_a_sequential_is_found():
    answer = {"Net.__init__": "self.conv1 = nn.Conv2d(1, 6, 5)\nself.conv2 = nn.Conv2d(6, 16, 5)\nself.fc = nn.Linear(16 * 5 * 5, 10)\n",
              "Net.forward": "x = F.max_pool2d(F.relu(self.conv1(x)), 2)\nreturn self.fc(torch.flatten(x, 1))\n"}
    sequential = ("net = nn.Sequential(nn.Conv2d(1, 6, kernel_size=5), nn.ReLU(), nn.MaxPool2d(2),\n"
                  "                    nn.Conv2d(6, 16, 5), nn.Flatten(), nn.Linear(400, 10))\n")
    assert given_away(answer, [sequential]) == "its 3 layers, all built in one cell"
    assert given_away(answer, [sequential.replace("nn.Linear(400, 10)", "nn.Linear(400, 12)")]) is None


def long_methods():
    """(answer, its longest method) for the answers with several blocks, one of MIN_BLOCK_STATEMENTS or more."""
    found = []
    for assignment, name, blocks in ANSWERS:
        longest = max(blocks, key=lambda where: len(statements(blocks[where])))
        if len(blocks) > 1 and len(statements(blocks[longest])) >= MIN_BLOCK_STATEMENTS:
            found.append((name, blocks, longest))
    assert found, "no graded answer has a method long enough to be compared on its own: the check would prove nothing"
    return found


LONG_METHODS = long_methods()


@pytest.mark.parametrize(("name", "blocks", "method"), LONG_METHODS, ids=[method for _, _, method in LONG_METHODS])
def test_one_method_planted_in_a_chapter_is_found(name, blocks, method):
    assert given_away(blocks, [disguised(blocks[method])]), f"{method}, planted alone, renamed and reordered, is not found"

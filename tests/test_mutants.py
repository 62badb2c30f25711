"""Mutants: every known-wrong version of every graded function fails one of its tests, every correct one passes them.

For each version in tests/mutants/<assignment>.py, the solutions notebook runs in this process, in one
namespace (helpers.run_in_process: no kernel, so the whole module takes seconds): its setup and answer cells
in order with the version in place of its function's answer cell, then that function's test cells, visible
and hidden. A test cell fails as nbgrader fails it: an exception or text on stderr.
"""

import ast

import pytest

from helpers import ASSIGNMENTS, MUTANTS, answer_cells, load_mutants, run_in_process, solutions_notebook, version_source
from nnfs.cells import graded_functions


def versions(kind):
    """pytest params (assignment, function, name, why, change), id `assignment-function-name`."""
    params = []
    for assignment in ASSIGNMENTS:
        mutants = load_mutants(assignment)
        if mutants is None:
            continue
        table = mutants[0] if kind == "wrong" else mutants[1]
        for function, named in table.items():
            for name, (why, change) in named.items():
                params.append(pytest.param(assignment, function, name, why, change, id=f"{assignment}-{function}-{name}"))
    return params


def run_version(assignment, function, name, change):
    notebook = solutions_notebook(assignment)
    assert function in graded_functions(notebook), f"{assignment} has no graded function {function!r} (mutant module out of date?)"
    return run_in_process(notebook, answers={function: version_source(assignment, function, name, change)}, functions=[function])


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_assignment_has_a_mutant_module(assignment):
    assert load_mutants(assignment) is not None, f"{assignment} has no mutant module: add {MUTANTS.relative_to(MUTANTS.parents[1])}/{assignment}.py"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_graded_function_has_wrong_and_correct_versions(assignment):
    mutants = load_mutants(assignment)
    if mutants is None:
        pytest.skip("no mutant module (reported by test_every_assignment_has_a_mutant_module)")
    wrong, correct = mutants
    functions = set(graded_functions(solutions_notebook(assignment)))
    unknown = (set(wrong) | set(correct)) - functions
    assert not unknown, f"{assignment}: mutants for functions the notebook does not grade: {unknown}"
    for function in sorted(functions):
        assert wrong.get(function), f"{assignment}: {function} has no known-wrong version"
        assert correct.get(function), f"{assignment}: {function} has no alternative correct version"


@pytest.mark.parametrize("assignment, function, name, why, change", versions("wrong") + versions("correct"))
def test_each_version_applies_and_defines_exactly_its_function(assignment, function, name, why, change):
    source = version_source(assignment, function, name, change)
    if not isinstance(change, str):
        assert source != answer_cells(assignment)[function], f"{assignment}: version {name!r} of {function} changes nothing"
    defined = [node.name for node in ast.parse(source).body if isinstance(node, (ast.FunctionDef, ast.ClassDef))]
    assert defined == [function], f"{assignment}: version {name!r} should define {function} and nothing else, defines {defined}"
    assert why.strip(), f"{assignment}: version {name!r} of {function} says nothing about its mistake or its way"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_reference_solution_passes_every_test_in_process(assignment):
    results = run_in_process(solutions_notebook(assignment))
    failed = {test: why for test, why in results.items() if why}
    assert not failed, f"{assignment}: the solution itself fails {failed}"


@pytest.mark.parametrize("assignment, function, name, why, change", versions("wrong"))
def test_wrong_version_fails_a_test_of_its_function(assignment, function, name, why, change):
    results = run_version(assignment, function, name, change)
    assert any(results.values()), (
        f"{assignment}: the wrong version {name!r} of {function} ({why}) passes all of {sorted(results)}: "
        "strengthen the hidden tests with more cases of the same kind")


@pytest.mark.parametrize("assignment, function, name, why, change", versions("correct"))
def test_correct_version_passes_every_test_of_its_function(assignment, function, name, why, change):
    results = run_version(assignment, function, name, change)
    failed = {test: reason for test, reason in results.items() if reason}
    assert not failed, f"{assignment}: the correct version {name!r} of {function} ({why}) fails {failed}: the tests are too strict"

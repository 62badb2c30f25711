"""Known-wrong and alternative correct versions of every graded function, one module per assignment.

`tests/mutants/<assignment>.py` defines two dictionaries, each {function: {version name: (why, source)}}:

- WRONG: the mistakes real students make (off-by-one, missing bias, `>` for `>=`, a hard-coded answer that
  passes only the visible example, ...). Each must fail at least one test cell of its function.
- CORRECT: other right ways to write it (a loop where the solution is vectorised, other valid weights, ...).
  Each must pass every test cell of its function, visible and hidden.

`source` is the whole answer cell: the function, as a student would write it. `tests/test_mutants.py` runs
each version against the function's test cells from the solutions notebook (see helpers.run_in_process).
Adding a chapter = adding its module here; the test fails for an assignment without one.
"""

"""Known-wrong and alternative correct versions of every graded function, one module per assignment.

`tests/mutants/<assignment>.py` defines two dictionaries, each {function: {version name: (why, change)}}:

- WRONG: the mistakes real students make (off-by-one, missing bias, `>` for `>=`, a hard-coded answer that
  passes only the visible example, ...). Each must fail at least one test cell of its function.
- CORRECT: other right ways to write it (a loop where the solution is vectorised, other valid weights, ...).
  Each must pass every test cell of its function, visible and hidden.

`why` names the mistake (or the other way). `change` is the smallest edit of the function's answer cell, as
read from solutions/: a dict {old: new} of replacements, made in turn, each `old` found exactly once in the
cell (a test fails, naming the version, when that stops being true). A mistake that is a rewrite (a hard-coded
answer, a loop for a vectorised formula) and a correct variant that is written another way give the whole
answer cell instead, as a str. `tests/test_mutants.py` runs each version against the function's test cells
(see helpers.run_in_process). Adding a chapter = adding its module here; the test fails for an assignment
without one.
"""

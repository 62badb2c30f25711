"""What the course's scripts, plug-ins and tests share (docs/design.md tells the whole design).

- cells: the notebook conventions: which cell is an answer, a test or setup, the solution and hidden-test
  blocks, which lines of them are secret, the graded functions and their test cells;
- limits: every limit and budget (the grading sandbox's defaults, the machine the budgets are measured on);
- grading/: the nbgrader plug-ins (sandboxed autograding, the boundary to the student's code, feedback).

`make` installs it into .venv (`pip install --editable .`), so it imports from anywhere, the sandbox included.
"""

"""The course's grading plug-ins for nbgrader (registered in nbgrader_config.py, driven by scripts/grade.py).

- sandbox.py: SandboxedExecute (autograde's executor: the student's cells in a sandboxed kernel per submission,
  the tests in the grader's process, recovery from dead or stuck kernels) and RecordGradingNotes (notes into the
  autograded notebook, review flags into the gradebook);
- remote.py: the boundary between the tests and the student's code (handles, requests, what crosses);
- kernel.py: the kernel process itself (limits, seccomp, the request server);
- feedback.py: feedback without hidden tests, with MathJax inside each HTML file;
- templates/feedback/mathjax.html.j2: the MathJax part of nbgrader's feedback template, replaced.

book/instructor_guide.md explains what they protect and what they do not.
"""

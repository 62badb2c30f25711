"""The course's grading plug-ins for nbgrader (registered in nbgrader_config.py, driven by scripts/grade.py).

- sandbox.py: SandboxedExecute (autograde's executor: a sandboxed kernel per submission, a guard around every
  test cell, recovery from dead or stuck kernels) and RecordGradingNotes (flags and notes into the gradebook);
- kernel.py: the kernel process itself (limits, seccomp, audit hook, guard);
- feedback.py: feedback without hidden tests, with MathJax inside each HTML file;
- templates/feedback/mathjax.html.j2: the MathJax part of nbgrader's feedback template, replaced.

book/instructor_guide.md explains what they protect and what they do not.
"""

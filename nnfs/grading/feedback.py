"""nbgrader plug-ins for feedback (registered in nbgrader_config.py).

- HideHiddenTests (a GenerateFeedback preprocessor): nbgrader keeps hidden tests in the feedback HTML
  (nbgrader #917, #1363). This removes the hidden-test regions from test cells, cuts the tracebacks of test
  cells to their last line (a traceback quotes the test's code), and redacts any output line that repeats a
  hidden test line (a notebook can print its own input history).
- inline_mathjax (a Jinja filter used by templates/feedback/mathjax.html.j2): the feedback carries MathJax 3
  (tex-svg-full, from node_modules: fonts included as SVG paths) inside the HTML file itself, so its math
  renders with no network, from a file opened anywhere, instead of loading MathJax 2 from a CDN.
"""

from functools import cache
from pathlib import Path

from nbgrader.preprocessors import ClearHiddenTests

from nnfs.cells import hidden_test_lines, is_test

MATHJAX = Path(__file__).resolve().parents[2] / "node_modules" / "mathjax" / "es5" / "tex-svg-full.js"
REDACTED = "[line hidden by the grader: it repeats a hidden test]"


def redact(text, secrets):
    if isinstance(text, list):
        return [redact(line, secrets) for line in text]
    if not isinstance(text, str) or not any(secret in text for secret in secrets):
        return text
    return "\n".join(REDACTED if any(secret in line for secret in secrets) else line for line in text.split("\n"))


class HideHiddenTests(ClearHiddenTests):
    """Feedback without hidden tests: not in the test cells, not in their tracebacks, not in any output."""

    def preprocess_cell(self, cell, resources, index):
        """Only the test cells hold hidden tests (grading restores them from the source). A student's own cell is
        theirs and kept as it is: markers that a student typed, even unbalanced ones, must not stop the feedback."""
        return super().preprocess_cell(cell, resources, index) if is_test(cell) else (cell, resources)

    def preprocess(self, nb, resources):
        secrets = hidden_test_lines(nb)
        nb, resources = super().preprocess(nb, resources)
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                if output.output_type == "error" and is_test(cell):
                    output.traceback = [f"{output.ename}: {output.evalue}"]
                for key in ("text", "evalue", "traceback"):
                    if key in output:
                        output[key] = redact(output[key], secrets)
                for mime, value in output.get("data", {}).items():
                    output.data[mime] = redact(value, secrets)
        return nb, resources


@cache
def mathjax_source():
    if not MATHJAX.is_file():
        raise FileNotFoundError(f"{MATHJAX} is missing: run `make node_modules/installed` (the feedback embeds MathJax from it)")
    return MATHJAX.read_text(encoding="utf-8").replace("</script", "<\\/script")


def inline_mathjax(_=None):
    """Jinja filter: the whole of MathJax 3 (tex-svg-full.js), safe to put inside a <script> element."""
    return mathjax_source()

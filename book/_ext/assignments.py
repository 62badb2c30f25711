"""The `{assignment}` directive: the box at the end of a chapter that hands the reader its assignment.

    ```{assignment} 01_perceptron
    ```

The box links exercises/01_perceptron/01_perceptron.ipynb four ways: a download that the site serves itself
(so it works offline and from any copy of the site), Colab, Binder and, only when `launch_buttons.jupyterhub_url`
is set in _config.yml, the course's JupyterHub, through an nbgitpuller link like the theme's own launch button.
Colab, Binder and the hub open the notebook from the public course's repository (`repository` in _config.yml,
the address the theme's buttons read too). Then it says in four steps how to do the assignment and hand it in.
"""

from urllib.parse import urlencode, urlparse

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

# As sphinx-book-theme opens a notebook in each interface (header_buttons/launch.py).
INTERFACE_PATHS = {"classic": "tree", "jupyterlab": "lab/tree"}


def exercise_path(assignment):
    """The assignment's notebook, relative to the repository's root (the book's root)."""
    return f"exercises/{assignment}/{assignment}.ipynb"


def launch_links(theme_options, assignment):
    """{service: address} that opens the assignment's notebook from the public repository: Colab, Binder and
    JupyterHub, each only if _config.yml's `launch_buttons` names its address."""
    repository = theme_options.get("repository_url", "").rstrip("/")
    if urlparse(repository).netloc != "github.com":
        raise ExtensionError(f"assignments: repository.url must be the public course's GitHub repository, not {repository!r}")
    owner_name = urlparse(repository).path.strip("/")
    branch = theme_options.get("repository_branch") or "master"
    launch = theme_options.get("launch_buttons", {})
    interface = INTERFACE_PATHS[launch.get("notebook_interface", "classic")]
    path = exercise_path(assignment)
    colab, binder, hub = (launch.get(f"{name}_url", "").strip("/") for name in ("colab", "binderhub", "jupyterhub"))
    links = {}
    if colab:
        links["Colab"] = f"{colab}/github/{owner_name}/blob/{branch}/{path}"
    if binder:
        links["Binder"] = f"{binder}/v2/gh/{owner_name}/{branch}?urlpath={interface}/{path}"
    if hub:
        # nbgitpuller clones the repository into a folder named after it, then opens the notebook there.
        pull = {"repo": repository, "urlpath": f"{interface}/{owner_name.split('/')[1]}/{path}", "branch": branch}
        links["JupyterHub"] = f"{hub}/hub/user-redirect/git-pull?{urlencode(pull)}"
    return links


def paragraph(*children):
    """A paragraph of text (str) and nodes."""
    node = nodes.paragraph()
    node.extend(nodes.Text(child) if isinstance(child, str) else child for child in children)
    return node


def literal(text):
    """Inline code."""
    return nodes.literal(text, text)


def preface_link(label, text):
    """A link to a labelled section of the preface (a MyST target, `(label)=`)."""
    return addnodes.pending_xref("", nodes.inline("", text), refdomain="std", reftype="ref", reftarget=label, refexplicit=True)


class AssignmentBox(SphinxDirective):
    """The assignment box; its one argument is the assignment's name, NN_topic."""

    required_arguments = 1

    def run(self):
        assignment = self.arguments[0]
        notebook = exercise_path(assignment)
        if not (self.env.srcdir / notebook).is_file():
            raise self.error(f"assignment {assignment}: {notebook} does not exist (`make exercises` writes it)")
        name = notebook.rsplit("/", 1)[1]
        box = nodes.admonition(classes=["assignment"])
        box += nodes.title("", f"Your assignment: {name}")
        download = addnodes.download_reference("", "", nodes.inline("", "Download the notebook"), reftarget=f"/{notebook}",
                                               refdoc=self.env.docname, refexplicit=True, classes=["assignment-link"])
        links = [download] + [nodes.reference("", f"Open in {service}", refuri=address, classes=["assignment-link"])
                              for service, address in launch_links(self.config.html_theme_options, assignment).items()]
        box += nodes.paragraph("", "", *links, classes=["assignment-links"])
        steps = nodes.enumerated_list()
        for step in (
            paragraph("Open it: download it and open it in Jupyter (",
                      preface_link("how-to-do-and-check-the-exercises", "set up once"), "), or open it in Colab (", literal("File > Save a copy in Drive"),
                      " keeps your work) or in Binder (nothing is kept: download your notebook before you close the tab)."),
            paragraph("Fill in every cell that says ", literal("# YOUR CODE HERE"), " and run the test cell below it: a passing test "
                      "prints nothing, a failing one says what it expected and what your code gave."),
            paragraph("Before you hand it in, restart the kernel and run every cell: no test may fail."),
            paragraph("Hand in ", literal(name), ", with its name unchanged, where your instructor says (",
                      preface_link("handing-in", "handing in"), "). Hidden tests then check more cases of the same kind."),
        ):
            steps += nodes.list_item("", step)
        box += steps
        return [box]


def setup(app):
    app.add_directive("assignment", AssignmentBox)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""nbgrader plug-ins that grade each submission in a sandbox (registered in nbgrader_config.py).

SandboxedExecute takes the place of nbgrader's Execute in `nbgrader autograde`. It is nbgrader's own
executor (nbclient) with five additions:

- the kernel runs in a bubblewrap sandbox (`sandboxed`: its own user, PID, network, IPC and mount namespaces, a
  read-only system, only the submission's files, a size-capped folder), under limits and an audit hook
  (grading/kernel.py), and talks to the grader through Unix sockets;
- around every test cell it asks the kernel's guard whether numpy, the builtins, the names set by locked
  cells or IPython's error reporting were tampered with: a tampered part scores zero, with the reason in the
  cell's output, the change is undone for the next parts, and the part is flagged for review;
- a test cell passes only if it ran to its end (a suppressed exception is not a pass);
- a dead or stuck kernel costs only the cell it was running: a new kernel re-runs the cells that had worked
  and grading goes on (nbgrader would stop there and give the whole notebook zero);
- the notebook has a total time budget, and each cell keeps at most `output_limit` characters of output.

A static reading of the student's cells flags, for review, code that reaches into the grader's machinery
(get_ipython, globals, ctypes, module attributes assigned, ...). RecordGradingNotes, placed after
SaveAutoGrades, writes these flags to the gradebook (needs manual grade, with a comment saying why) and all
notes to the autograded notebook's metadata, where `scripts/grade.py report` reads them.
"""

import ast
import json
import os
import re
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_output
from traitlets import Dict, Integer, List, Unicode

from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import Execute, NbGraderPreprocessor

KERNEL = Path(__file__).resolve().parent / "kernel.py"
GUARD = "__nbgrader_guard__"
KEPT_ENVIRONMENT = ["PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"]
# What a static reading of the student's own cells flags for a human to look at (not an automatic zero).
SUSPICIOUS_NAMES = {  # built-in names and IPython's, flagged where the code uses them
    "get_ipython": "reaches into IPython", "globals": "reads or writes the test's global names", "locals": "reads frame locals",
    "vars": "reads or writes an object's namespace", "setattr": "sets attributes by name", "delattr": "deletes attributes by name",
    "__import__": "imports by name", "eval": "evaluates text as code", "exec": "executes text as code", "compile": "compiles text as code",
    "open": "opens files", "__builtins__": "touches the builtins", "In": "reads the input history", "_ih": "reads the input history",
    "Out": "reads the output history", "_oh": "reads the output history", GUARD: "touches the grader's guard",
}
SUSPICIOUS_ATTRIBUTES = {  # attributes, flagged on any object
    "_getframe": "inspects the caller's frame", "f_globals": "reads a frame's globals", "f_locals": "reads a frame's locals",
    "f_back": "walks the call stack", "__globals__": "reads a function's globals", "__code__": "reads or replaces code objects",
    "__closure__": "reads closures", "settrace": "traces execution", "setprofile": "profiles execution", "set_custom_exc": "changes IPython's error handling",
}
SUSPICIOUS_MODULES = {  # flagged where the code imports them
    "builtins": "touches the builtins", "gc": "uses the garbage collector", "ctypes": "uses ctypes", "importlib": "imports dynamically",
    "inspect": "inspects the running code", "subprocess": "runs programs", "socket": "uses the network", "signal": "uses signals",
    "os": "uses the operating system", "shutil": "manipulates files", "sqlite3": "opens databases", "pathlib": "manipulates files",
    "faulthandler": "uses faulthandler", "threading": "starts threads", "multiprocessing": "starts processes", "atexit": "registers exit handlers",
    "types": "builds functions or code objects", "unittest": "uses unittest.mock", "mock": "uses mock", "resource": "changes resource limits",
    "IPython": "reaches into IPython", "ipykernel": "reaches into the kernel",
}
SUSPICIOUS_METHODS = {"__eq__": "defines __eq__ (an object can compare equal to anything)", "__ne__": "defines __ne__",
                      "__array_function__": "overrides numpy functions through __array_function__",
                      "__array_ufunc__": "overrides numpy ufuncs through __array_ufunc__"}


def is_test(cell):
    return cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell)


def is_setup(cell):
    return cell.cell_type == "code" and utils.is_locked(cell) and not utils.is_grade(cell) and not utils.is_solution(cell)


def is_answer(cell):
    return cell.cell_type == "code" and utils.is_solution(cell)


def parse(source):
    try:
        return ast.parse(source)
    except SyntaxError:
        return None


def imported_modules(cells):
    """The modules that the notebook's locked setup cells import (`import numpy as np` -> numpy)."""
    names = []
    for cell in cells:
        for node in ast.walk(parse(cell.source) or ast.Module(body=[], type_ignores=[])):
            if isinstance(node, ast.Import):
                names += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.append(node.module)
    return list(dict.fromkeys(names))


def test_names(source):
    """What a test cell uses from outside (names it loads but never binds), and the functions it defines."""
    tree = parse(source)
    if tree is None:
        return [], []
    loaded, bound = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    helpers = [node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.name in loaded]
    return sorted(loaded - bound), helpers


def ends_with_statement(source):
    tree = parse(source)
    return tree is not None and bool(tree.body) and not isinstance(tree.body[-1], ast.Expr)


def review_reasons(nb):
    """{function: [reason, ...]}: what a static reading of the student's cells (answer cells and cells the
    student added) finds suspicious, each reason given to the graded function whose part the cell is in."""
    parts = [nbgrader_id(cell) for cell in nb.cells if is_answer(cell)]
    if not parts:
        return {}
    modules = {(alias.asname or alias.name).split(".")[0] for cell in nb.cells  # the names that imports bind (np, numpy, F, ...)
               for node in ast.walk(parse(cell.source) or ast.Module(body=[], type_ignores=[]))
               if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
    reasons, part = {}, parts[0]
    for cell in nb.cells:
        if is_answer(cell):
            part = nbgrader_id(cell)
        if cell.cell_type != "code" or not (is_answer(cell) or "nbgrader" not in cell.metadata):
            continue
        tree = parse(cell.source)
        if tree is None:
            continue
        found = reasons.setdefault(part, [])
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id in SUSPICIOUS_NAMES:
                found.append(f"{SUSPICIOUS_NAMES[node.id]} (`{node.id}`, line {node.lineno})")
            elif isinstance(node, ast.Attribute) and (node.attr in SUSPICIOUS_ATTRIBUTES or node.attr == "modules" and ast.unparse(node.value) == "sys"):
                found.append(f"{SUSPICIOUS_ATTRIBUTES.get(node.attr, 'touches sys.modules')} (`{ast.unparse(node)}`, line {node.lineno})")
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                for name in names:
                    if name.split(".")[0] in SUSPICIOUS_MODULES:
                        found.append(f"{SUSPICIOUS_MODULES[name.split('.')[0]]} (imports {name}, line {node.lineno})")
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in SUSPICIOUS_METHODS:
                found.append(f"{SUSPICIOUS_METHODS[node.name]} (line {node.lineno})")
            elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
                for target in getattr(node, "targets", None) or [node.target]:
                    base = target
                    while isinstance(base, ast.Attribute):
                        base = base.value
                    if isinstance(target, ast.Attribute) and isinstance(base, ast.Name) and base.id in modules:
                        found.append(f"assigns the module attribute {ast.unparse(target)} (line {node.lineno})")
    grouped = {}
    for name, found in reasons.items():  # "opens files (`open`, line 9)" ... -> "opens files: `open`, line 9; `open`, line 11"
        for reason in found:
            what, _, where = reason.partition(" (")
            grouped.setdefault(name, {}).setdefault(what, []).append(where.rstrip(")"))
    return {name: [f"{what}: {'; '.join(dict.fromkeys(wheres))}" for what, wheres in sorted(found.items())] for name, found in grouped.items()}


def nbgrader_id(cell):
    return cell.metadata.nbgrader["grade_id"]


def error_output(name, message):
    return new_output("error", ename=name, evalue=message, traceback=[f"\x1b[0;31m{name}\x1b[0m: {message}"])


# What the sandbox shows of the machine, read-only: the system's programs and libraries, and of /etc only what
# Python, NumPy, PyTorch and matplotlib read (a process that runs as root outside may read root's files inside).
SYSTEM = ["/usr"]
TMP_BYTES = 16 * 2**20  # /tmp, for libraries that write there whatever TMPDIR says (it points into the work folder)
ETC = ["ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "fonts", "nsswitch.conf", "passwd", "group", "mime.types"]


def bubblewrap():
    """The bubblewrap program, or a RuntimeError that says how to install it."""
    program = shutil.which("bwrap")
    if program is None or sys.platform != "linux":
        raise RuntimeError("grading needs bubblewrap (bwrap), a Linux sandbox: install it with `sudo apt-get install bubblewrap` "
                           "(Debian, Ubuntu) or `sudo dnf install bubblewrap` (Fedora); without it no submission is graded")
    return program


def sandboxed(command, folder, connection, scratch_bytes):
    """`command` in a bubblewrap sandbox: its own user (uid 65534), PID, network (loopback only), IPC, UTS and mount
    namespaces, no capabilities, a read-only system (SYSTEM, the Python installation and the venv), a tmpfs of
    scratch_bytes at the submission's `folder` with its files read-only at folder/.submitted, a small one at /tmp,
    the kernel's connection folder, and nothing else of the machine. SIGINT is ignored by bwrap itself (env
    --ignore-signal), so that an interrupt reaches the kernel, which takes it back; when bwrap dies, the whole
    process tree inside dies with it."""
    arguments = [shutil.which("env"), "--ignore-signal=INT", bubblewrap(), "--unshare-all", "--unshare-user", "--die-with-parent",
                 "--cap-drop", "ALL", "--uid", "65534", "--gid", "65534", "--hostname", "grading",
                 "--size", str(TMP_BYTES), "--tmpfs", "/tmp"]  # first: a later one would hide what is bound under /tmp (a venv, say)
    for root in SYSTEM + [sys.base_prefix, sys.prefix, str(KERNEL)]:
        arguments += ["--ro-bind", root, root]
    for name in ("bin", "lib", "lib64", "sbin"):  # merged /usr: links; otherwise folders of their own
        path = Path("/") / name
        arguments += ["--symlink", os.readlink(path), str(path)] if path.is_symlink() else ["--ro-bind", str(path), str(path)] if path.exists() else []
    for name in ETC:
        if (Path("/etc") / name).exists():
            arguments += ["--ro-bind", f"/etc/{name}", f"/etc/{name}"]
    arguments += ["--proc", "/proc", "--dev", "/dev", "--size", str(scratch_bytes), "--tmpfs", str(folder),
                  "--ro-bind", str(folder), f"{folder}/.submitted", "--bind", str(connection), str(connection),
                  "--remount-ro", "/", "--chdir", str(folder),
                  "--unsetenv", "JPY_PARENT_PID", "--"]  # ipykernel would take the PID namespace's init for a dead parent
    return arguments + command


class SandboxKernelManager(AsyncKernelManager):
    """Starts grading/kernel.py (limits, guard, audit hook) in a clean environment, inside bubblewrap, talking to the
    grader through Unix sockets in its connection folder (the sandbox has no network)."""

    launch_arguments = List(Unicode())
    launch_environment = Dict()
    client_contexts = List()
    sandbox = Unicode()
    scratch_bytes = Integer()

    def format_kernel_cmd(self, extra_arguments=None):
        kernel = [sys.executable, "-I", str(KERNEL), *self.launch_arguments, "--", "-f", self.connection_file, *(extra_arguments or [])]
        return sandboxed(kernel, self.sandbox, Path(self.connection_file).parent, self.scratch_bytes)

    async def _async_pre_start_kernel(self, **kw):
        kw["env"] = dict(self.launch_environment)
        return await super()._async_pre_start_kernel(**kw)

    def client(self, **kwargs):
        client = super().client(**kwargs)
        self.client_contexts.append(client.context)
        return client

    def close_contexts(self):
        """Close this kernel's zmq contexts, and their sockets, at once. One left to the garbage collector can block
        its process for ever (zmq_ctx_term waits for a socket with messages for a kernel that is gone)."""
        for context in [*self.client_contexts, self.context]:
            context.destroy(linger=0)


class SandboxedExecute(Execute):
    """nbgrader's Execute, in a sandbox, with a guard around each test cell and recovery from dead kernels."""

    notebook_timeout = Integer(600, help="Seconds for a whole notebook; the cells after that are not run.").tag(config=True)
    memory_limit = Integer(4 * 2**30, help="Bytes of address space of the kernel (RLIMIT_AS).").tag(config=True)
    cpu_limit = Integer(0, help="CPU seconds of one kernel (RLIMIT_CPU); 0 means notebook_timeout.").tag(config=True)
    file_size_limit = Integer(64 * 2**20, help="Largest file the kernel may write, in bytes (RLIMIT_FSIZE).").tag(config=True)
    scratch_limit = Integer(256 * 2**20, help="Bytes the kernel may write in all (its folder is a tmpfs of this size).").tag(config=True)
    output_limit = Integer(100_000, help="Characters of output kept per cell; the rest is dropped.").tag(config=True)
    max_restarts = Integer(10, help="Kernels restarted per notebook after a crash or a stuck cell.").tag(config=True)
    sandbox_root = Unicode("", help="Where the per-student sandboxes are made (default: the system's temporary folder).").tag(config=True)
    readable = List(Unicode(), help="More folders the submission may read (a shared data set, say).").tag(config=True)
    protected = List(Unicode(), ["math", "operator", "numpy", "numpy.linalg", "numpy.random", "numpy.testing", "torch:allclose,equal,isclose,testing",
                                 "torch.nn.functional", "torch.testing"],
                     help="What tests compare with, besides the builtins: 'module' (all its public attributes) or 'module:name,name'. "
                          "Only modules that the notebook's setup cells import (and so are loaded before it runs) are protected.").tag(config=True)

    warned = False  # about a weaker sandbox, once per run

    def __init__(self, **kw):
        kw.setdefault("kernel_manager_class", SandboxKernelManager)
        super().__init__(**kw)
        self.shutdown_kernel = "immediate"

    # --- The notebook: a sandbox for it, notes about it.
    def preprocess(self, nb, resources=None, km=None):
        bubblewrap()  # no sandbox, no grading: the message says how to install it
        home = Path(resources["metadata"]["path"]).resolve()
        root = Path(self.sandbox_root or tempfile.gettempdir()).resolve() / f"nbgrader-sandboxes-{os.getuid()}"
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.sandbox = Path(tempfile.mkdtemp(prefix=f"{resources['nbgrader']['student']}-", dir=root))
        for source in home.rglob("*"):  # the student's files and the assignment's, but no notebook and no code
            if source.is_file() and not source.name.endswith((".ipynb", ".py", ".pyc", ".so", ".pth")) and ".ipynb_checkpoints" not in source.parts:
                target = self.sandbox / source.relative_to(home)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
        for folder in (".home", ".tmp", ".ipython", ".matplotlib"):
            (self.sandbox / folder).mkdir()
        # The kernel's Unix sockets: a path of at most 107 bytes, so a short folder of its own, whatever sandbox_root is.
        self.connection = Path(tempfile.mkdtemp(prefix="nbgrader-kernel-", dir="/tmp" if os.path.isdir("/tmp") else None))
        course = {Path.cwd().resolve(), home.parents[2] if len(home.parents) > 2 else home,
                  Path(resources["nbgrader"]["db_url"].removeprefix("sqlite:///")).resolve().parent}
        self.denied = sorted({str(path) for path in course} | {str(root)})
        self.kinds = {i: "test" if is_test(c) else "setup" if is_setup(c) else "answer" if is_answer(c) else "other" for i, c in enumerate(nb.cells)}
        self.preload = imported_modules([c for c in nb.cells if is_setup(c)])
        packages = {name.split(".")[0] for name in self.preload}  # and the protected parts of those packages (numpy.testing, ...)
        self.preload += [spec.partition(":")[0] for spec in self.protected if spec.split(".")[0].partition(":")[0] in packages]
        self.notes = {"crashed": [], "timed_out": [], "not_run": [], "tampering": {}, "review": review_reasons(nb), "isolation": []}
        self.deadline = time.monotonic() + self.notebook_timeout
        self.restarts, self.done, self.stopped, self.sizes, self.greeted, self.replaying = 0, [], None, {}, False, False
        self.managers = []
        original_path = resources["metadata"]["path"]
        resources["metadata"]["path"] = str(self.sandbox)
        start = time.monotonic()
        try:
            nb, resources = super().preprocess(nb, resources, km)
        finally:
            resources["metadata"]["path"] = original_path
            for manager in self.managers:
                manager.close_contexts()
            shutil.rmtree(self.sandbox, ignore_errors=True)
            shutil.rmtree(self.connection, ignore_errors=True)
        self.notes["seconds"] = round(time.monotonic() - start, 1)
        self.log.info("Graded %s in %.1f s (%d kernel restarts)", resources["nbgrader"]["student"], self.notes["seconds"], self.restarts)
        resources["nbgrader"]["grading_notes"] = self.notes
        return nb, resources

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        self.managers.append(km)
        sandbox = self.sandbox
        km.transport, km.ip, km.connection_file = "ipc", str(self.connection / "k"), str(self.connection / "kernel.json")
        km.sandbox, km.scratch_bytes = str(sandbox), self.scratch_limit
        km.launch_arguments = [f"--files={sandbox}/.submitted",
            "--sandbox", str(sandbox), *[f"--deny={path}" for path in self.denied], *[f"--read={path}" for path in self.readable],
            f"--memory={self.memory_limit}", f"--cpu={self.cpu_limit or self.notebook_timeout}", f"--file-size={self.file_size_limit}",
            f"--preload={','.join(self.preload)}", f"--protect={';'.join(self.protected)}", f"--output-limit={self.output_limit}"]
        environment = {name: os.environ[name] for name in KEPT_ENVIRONMENT if name in os.environ}
        environment.update(HOME=str(sandbox / ".home"), TMPDIR=str(sandbox / ".tmp"), IPYTHONDIR=str(sandbox / ".ipython"),
                           MPLCONFIGDIR=str(sandbox / ".matplotlib"), PYDEVD_DISABLE_FILE_VALIDATION="1")
        environment["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), environment.get("PATH", os.defpath)])
        km.launch_environment = environment
        return km

    # --- Each cell.
    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or not cell.source.strip():
            return cell, resources
        if self.stopped or time.monotonic() > self.deadline:
            self.stopped = self.stopped or f"the notebook used up its {self.notebook_timeout} s"
            cell.outputs = [error_output("NotRun", f"this cell was not run: {self.stopped}")]
            self.notes["not_run"].append(self.label(index))
            return cell, resources
        if not self.greeted:
            self.greet(index)
        if self.kinds[index] == "test":
            self.run_test(cell, index)
        elif self.kinds[index] == "setup":
            self.run_setup(cell, index)
        else:
            self.run(cell, index)
        return cell, resources

    def greet(self, index):
        """The first call to a new kernel's guard: it answers, nothing is tampered yet, and it says how isolated it is."""
        answer = self.call_guard(index, "check")
        if answer is None or answer["problems"]:
            raise RuntimeError(f"the grading kernel's guard did not start cleanly: {answer}")
        self.notes["isolation"] = answer["isolation"]
        self.greeted = True
        weak = [note for note in answer["isolation"] if note.startswith(("no seccomp", "seccomp refused")) or " not set:" in note]
        if weak and not SandboxedExecute.warned:
            SandboxedExecute.warned = True
            self.log.warning("The grading sandbox is weaker on this machine: %s", "; ".join(weak))

    def run_setup(self, cell, index, replay=False):
        self.call_guard(index, "mark")
        done = self.run(cell, index, replay)
        self.call_guard(index, "trust")
        return done

    def run_test(self, cell, index):
        names, helpers = test_names(cell.source)
        before = self.call_guard(index, "check", names)
        problems = ["the grader's integrity check could not run"] if before is None else before["problems"]
        if problems:
            self.tampered(cell, index, problems)
            return
        nonce = secrets.token_hex(8)
        original = cell.source
        marked = ends_with_statement(original)
        if marked:
            cell.source = f"{original}\n{GUARD}.reached_end({nonce!r})"
        try:
            if not self.run(cell, index):
                return  # the kernel died or hung in this cell: its error output says so
        finally:
            cell.source = original
        after = self.call_guard(index, "check", names, nonce if marked else None, helpers)
        failed = any(output.output_type == "error" for output in cell.outputs)
        problems = ["the grader's integrity check could not run"] if after is None else list(after["problems"])
        if after is not None and marked and not failed and not after["reached"]:
            problems.append("the test reported no error but did not run to its end: an exception was suppressed")
        for output in cell.outputs:
            if output.output_type == "error":
                output.traceback = ["\n".join(line for line in entry.split("\n") if GUARD not in line) for entry in output.traceback]
        if problems:
            self.tampered(cell, index, problems)

    def tampered(self, cell, index, problems):
        cell.outputs.append(error_output("GradingIntegrityError", "this part scores zero, because the notebook changed what the tests use: "
                                         + "; ".join(problems) + ". The change was undone before the next tests."))
        self.notes["tampering"].setdefault(self.part_of(index), []).extend(problems)

    def run(self, cell, index, replay=False):
        """Execute one cell; if its kernel dies or hangs, give the cell an error, start a new kernel, re-run the
        cells that had worked, and return False."""
        self.sizes.clear()
        try:
            super().preprocess_cell(cell, self.resources, index)
        except Exception as error:  # a dead kernel, a stuck one, or messages the client cannot read: the kernel is replaced
            if replay:
                raise
            died = isinstance(error, DeadKernelError)
            reason = ("the kernel died while running this cell (os._exit, a crash in native code, or the memory or CPU limit)" if died
                      else f"this cell did not stop when interrupted after {self.timeout} s" if isinstance(error, CellTimeoutError)
                      else f"the grader could not follow this cell's execution ({type(error).__name__}: {str(error)[:200]})")
            cell.outputs.append(error_output("KernelDied" if died else "CellTimeoutError" if isinstance(error, CellTimeoutError) else "GraderError",
                                             reason + "; the cells after it ran in a fresh kernel"))
            self.notes["crashed" if died or not isinstance(error, CellTimeoutError) else "timed_out"].append(self.label(index))
            self.restart()
            return False
        if any(output.get("ename") == "CellTimeoutError" for output in cell.outputs):
            self.notes["timed_out"].append(self.label(index))
        elif not replay:
            self.done.append(index)
        return True

    def restart(self):
        self.restarts += 1
        if self.restarts > self.max_restarts:
            self.stopped = f"the kernel was restarted {self.max_restarts} times"
            return
        try:
            self._cleanup_kernel()
        except Exception:  # a dead kernel may refuse a clean shutdown
            self.km = self.kc = None
        self.km = self.create_kernel_manager()
        self.start_new_kernel()
        self.start_new_kernel_client()
        self.replaying = True
        try:
            self.greet(0)
            for index in list(self.done):  # rebuild the state: the cells that had worked, outputs thrown away
                replayed = NotebookNode(new_code_cell(self.nb.cells[index].source))
                real = self.nb.cells[index]
                try:
                    self.run_setup(replayed, index, replay=True) if self.kinds[index] == "setup" else self.run(replayed, index, replay=True)
                finally:
                    self.nb.cells[index] = real
        except Exception:
            self.stopped = "the kernel could not be restored after a crash"
        finally:
            self.replaying = False

    def call_guard(self, index, method, names=(), nonce=None, helpers=()):
        """Run a call to the kernel's guard as a cell of its own; for `check`, its JSON answer (None if none came)."""
        token = secrets.token_hex(8)
        arguments = {"mark": "", "trust": "", "check": f"{token!r}, {list(names)!r}, {nonce!r}, {list(helpers)!r}"}[method]
        probe = NotebookNode(new_code_cell(f"{GUARD}.{method}({arguments})"))
        real = self.nb.cells[index]
        try:
            self.execute_cell(probe, index, store_history=False)
        except Exception:
            if self.replaying:
                raise
            self.restart()
            return None
        finally:
            self.nb.cells[index] = real
        for output in probe.outputs:
            for line in output.get("text", "").splitlines() if output.get("name") == "stdout" else []:
                if line.startswith("{") and token in line:
                    answer = json.loads(line)
                    return answer if answer.get("token") == token else None
        return None

    def output(self, outs, msg, display_id, cell_index):
        """Keep at most output_limit characters per cell; an error, and the fact of stderr, are always kept."""
        content = msg["content"]
        size = len(content.get("text", "")) + sum(len(str(value)) for value in content.get("data", {}).values())
        used = self.sizes.get(id(outs), 0)
        self.sizes[id(outs)] = used + size
        if used + size <= self.output_limit or msg["msg_type"] == "error":
            return super().output(outs, msg, display_id, cell_index)
        if used <= self.output_limit:
            outs.append(new_output("stream", name="stdout", text=f"\n[the grader dropped the rest of this cell's output: more than {self.output_limit} characters]\n"))
        if msg["msg_type"] == "stream" and content.get("name") == "stderr" and not any(o.get("name") == "stderr" for o in outs):
            outs.append(new_output("stream", name="stderr", text="[text on stderr, dropped with the rest of the output]\n"))
        return None

    def label(self, index):
        cell = self.nb.cells[index]
        return cell.metadata.get("nbgrader", {}).get("grade_id") or f"cell {index + 1}"

    def part_of(self, index):
        """The graded function whose part cell `index` is in (its answer cell is the last one before it)."""
        part = None
        for cell in self.nb.cells[:index + 1]:
            if is_answer(cell):
                part = nbgrader_id(cell)
        return part or self.label(index)


class RecordGradingNotes(NbGraderPreprocessor):
    """After SaveAutoGrades: flag suspicious or tampered parts for manual review in the gradebook (with a comment
    saying why) and keep all the sandbox's notes in the autograded notebook's metadata."""

    def preprocess(self, nb, resources):
        notes = resources["nbgrader"].get("grading_notes")
        if notes is None:
            return nb, resources
        nb.metadata["grading"] = notes
        flagged = {part: notes["tampering"].get(part, []) + notes["review"].get(part, []) for part in {**notes["tampering"], **notes["review"]}}
        nbgrader = resources["nbgrader"]
        with Gradebook(nbgrader["db_url"]) as gradebook:
            for part, reasons in flagged.items():
                for cell in nb.cells:  # the part's test cells: test_<part>, test_<part>_2, ...
                    if is_test(cell) and re.fullmatch(rf"test_{re.escape(part)}(_\d+)?", nbgrader_id(cell)):
                        gradebook.find_grade(nbgrader_id(cell), nbgrader["notebook"], nbgrader["assignment"], nbgrader["student"]).needs_manual_grade = True
                try:
                    comment = gradebook.find_comment(part, nbgrader["notebook"], nbgrader["assignment"], nbgrader["student"])
                except MissingEntry:  # a part that is not an answer cell of this notebook
                    continue
                comment.auto_comment = "Flagged for review by the grader: " + "; ".join(dict.fromkeys(reasons)) + "."
            gradebook.db.commit()
        return nb, resources

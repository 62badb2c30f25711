"""nbgrader plug-ins that grade each submission with its code and its tests apart (registered in nbgrader_config.py).

SandboxedExecute takes the place of nbgrader's Execute in `nbgrader autograde`. The student's cells (answers,
cells of their own) and the course's locked setup cells run, in notebook order, in a kernel inside a bubblewrap
sandbox (`sandboxed`: its own user, PID, network, IPC and mount namespaces, a read-only system, only the
submission's files, a size-capped folder, limits; nnfs/grading/kernel.py). The test cells never enter that kernel:
they run in the grader's process (nnfs.grading.remote.Tests), with the setup cells run there too, and reach the
student's functions and classes through handles, one request at a time (nnfs/grading/remote.py says what crosses).
A test cell's outputs are those of its run in the grader, so nbgrader's SaveAutoGrades grades it as usual: an
error or text on stderr scores zero.

Besides, as nbgrader's Execute does not:
- a dead or stuck kernel costs only the cell or the test it was running: a new kernel re-runs the student's and
  setup cells that had worked and grading goes on (nbgrader would stop there and give the whole notebook zero);
- the notebook has a total time budget, and each cell keeps at most `output_limit` characters of output.

RecordGradingNotes, placed after SaveAutoGrades, writes the notes (crashes, timeouts, cells not run) to the
autograded notebook's metadata, where `scripts/grade.py report` reads them, and flags the parts whose tests a
crash or a hang stopped for review in the gradebook.
"""

import ast
import os
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import run_sync
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_output
from traitlets import Dict, Integer, List, Unicode

from nbgrader.api import Gradebook
from nbgrader.preprocessors import Execute, NbGraderPreprocessor

from nnfs import limits
from nnfs.cells import is_answer, is_setup, is_test, nbgrader_metadata
from nnfs.grading.remote import REPLY_LIMIT, SERVER, KernelLost, Link, Tests, receive_frame, send_frame

PACKAGE = Path(__file__).resolve().parent.parent  # nnfs/, which the kernel imports its server from
KERNEL = PACKAGE / "grading" / "kernel.py"
KEPT_ENVIRONMENT = ["PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"]


def test_names(source):
    """The names a test cell reads and never binds itself (None if it is not Python)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    loaded, bound = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return sorted(loaded - bound)


def error_output(name, message):
    return new_output("error", ename=name, evalue=message, traceback=[f"\x1b[0;31m{name}\x1b[0m: {message}"])


# What the sandbox shows of the machine, read-only: the system's programs and libraries, and of /etc only what
# Python, NumPy, PyTorch and matplotlib read (a process that runs as root outside may read root's files inside).
SYSTEM = ["/usr"]
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
    namespaces, no capabilities, a read-only system (SYSTEM, the Python installation, the venv and the nnfs package), a tmpfs of
    scratch_bytes at the submission's `folder` with its files read-only at folder/.submitted, a small one at /tmp,
    the kernel's connection folder, and nothing else of the machine. SIGINT is ignored by bwrap itself (env
    --ignore-signal), so that an interrupt reaches the kernel, which takes it back; when bwrap dies, the whole
    process tree inside dies with it."""
    arguments = [shutil.which("env"), "--ignore-signal=INT", bubblewrap(), "--unshare-all", "--unshare-user", "--die-with-parent",
                 "--cap-drop", "ALL", "--uid", "65534", "--gid", "65534", "--hostname", "grading",
                 "--size", str(limits.TMP), "--tmpfs", "/tmp"]  # first: a later one would hide what is bound under /tmp (a venv, say)
    for root in SYSTEM + [sys.base_prefix, sys.prefix, str(PACKAGE)]:
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
    """Starts nnfs/grading/kernel.py (limits, seccomp, the request server) in a clean environment, inside bubblewrap, talking to the
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


class ServerMissing(ConnectionError):
    """The student's kernel did not start the server of the tests' requests."""


class SandboxedExecute(Execute):
    """nbgrader's Execute with the student's cells in a sandboxed kernel and the tests in the grader's process."""

    timeout = Integer(limits.CELL_TIMEOUT, help="Seconds per cell or call of the student's code, then it is interrupted.").tag(config=True)
    notebook_timeout = Integer(limits.NOTEBOOK_TIMEOUT, help="Seconds for a whole notebook; the cells after that are not run.").tag(config=True)
    memory_limit = Integer(limits.MEMORY, help="Bytes of address space of the kernel (RLIMIT_AS).").tag(config=True)
    cpu_limit = Integer(0, help="CPU seconds of one kernel (RLIMIT_CPU); 0 means notebook_timeout.").tag(config=True)
    file_size_limit = Integer(limits.FILE_SIZE, help="Largest file the kernel may write, in bytes (RLIMIT_FSIZE).").tag(config=True)
    scratch_limit = Integer(limits.SCRATCH, help="Bytes the kernel may write in all (its folder is a tmpfs of this size).").tag(config=True)
    output_limit = Integer(limits.OUTPUT, help="Characters of output kept per cell; the rest is dropped.").tag(config=True)
    max_restarts = Integer(limits.RESTARTS, help="Kernels restarted per notebook after a crash or a stuck cell.").tag(config=True)
    sandbox_root = Unicode("", help="Where the per-student sandboxes are made (default: the system's temporary folder).").tag(config=True)

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
        self.kinds = {i: "test" if is_test(c) else "setup" if is_setup(c) else "answer" if is_answer(c) else "other" for i, c in enumerate(nb.cells)}
        self.link = Link(self.send_request)
        self.tests = Tests(self.link, self.output_limit)
        self.notes = {"crashed": [], "timed_out": [], "not_run": [], "requests": 0, "request_seconds": 0.0}
        self.deadline = time.monotonic() + self.notebook_timeout
        self.restarts, self.done, self.stopped, self.sizes, self.index = 0, [], None, {}, 0
        self.listener = self.channel = None
        self.broken_servers = 0  # server failures in a row
        self.managers = []
        original_path = resources["metadata"]["path"]
        resources["metadata"]["path"] = str(self.sandbox)
        start = time.monotonic()
        try:
            nb, resources = super().preprocess(nb, resources, km)
        finally:
            resources["metadata"]["path"] = original_path
            self.close_channel()
            if self.listener is not None:
                self.listener.close()
            for manager in self.managers:
                manager.close_contexts()
            shutil.rmtree(self.sandbox, ignore_errors=True)
            shutil.rmtree(self.connection, ignore_errors=True)
        self.notes["seconds"] = round(time.monotonic() - start, 1)
        self.notes["request_seconds"] = round(self.notes["request_seconds"], 1)
        self.log.info("Graded %s in %.1f s (%d kernel restarts)", resources["nbgrader"]["student"], self.notes["seconds"], self.restarts)
        resources["nbgrader"]["grading_notes"] = self.notes
        return nb, resources

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        self.managers.append(km)
        sandbox = self.sandbox
        km.transport, km.ip, km.connection_file = "ipc", str(self.connection / "k"), str(self.connection / "kernel.json")
        km.sandbox, km.scratch_bytes = str(sandbox), self.scratch_limit
        km.launch_arguments = [f"--files={sandbox}/.submitted", "--sandbox", str(sandbox), f"--memory={self.memory_limit}",
                               f"--cpu={self.cpu_limit or self.notebook_timeout}", f"--file-size={self.file_size_limit}",
                               f"--open-files={limits.OPEN_FILES}"]
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
        self.index = index
        if self.kinds[index] == "test":
            self.run_test(cell, index)
        else:
            self.run(cell, index)
            if self.kinds[index] == "setup":
                self.tests.setup(cell.source, f"<setup cell {self.label(index)}>")
        return cell, resources

    def run_test(self, cell, index):
        used = test_names(cell.source)
        if used is None:
            cell.outputs = [error_output("SyntaxError", "this test cell is not valid Python")]
            return
        try:
            cell.outputs = self.tests.run(cell.source, f"<test cell {self.label(index)}>", used)
        finally:
            self.close_channel()
        cell.execution_count = None

    def run(self, cell, index, replay=False):
        """Execute one of the student's or setup cells; if its kernel dies or hangs, give the cell an error, start a
        new kernel, re-run the cells that had worked, and return False."""
        self.sizes.clear()
        try:
            super().preprocess_cell(cell, self.resources, index)
        except Exception as error:  # a dead kernel, a stuck one, or messages the client cannot read: the kernel is replaced
            if replay:
                raise
            cell.outputs.append(self.lost_kernel(error, index))
            return False
        if any(output.get("ename") == "CellTimeoutError" for output in cell.outputs):
            self.notes["timed_out"].append(self.label(index))
        elif not replay:
            self.done.append(index)
        return True

    def lost_kernel(self, error, index):
        """Note why the kernel is lost, replace it, and return the error output that says so."""
        died = isinstance(error, DeadKernelError)
        reason = ("the kernel died while running this cell (os._exit, a crash in native code, or the memory or CPU limit)" if died
                  else f"the code did not stop when interrupted after {self.timeout} s" if isinstance(error, CellTimeoutError)
                  else f"the grader could not follow this cell's execution ({type(error).__name__}: {str(error)[:200]})")
        self.notes["crashed" if died or not isinstance(error, CellTimeoutError) else "timed_out"].append(self.label(index))
        self.restart()
        return error_output("KernelDied" if died else "CellTimeoutError" if isinstance(error, CellTimeoutError) else "GraderError",
                            reason + "; the cells after it ran in a fresh kernel")

    def restart(self):
        self.restarts += 1
        self.link.lost()
        self.close_channel()
        if self.restarts > self.max_restarts:
            self.stopped = f"the kernel was restarted {self.max_restarts} times"
        if self.stopped:
            return
        try:
            self._cleanup_kernel()
        except Exception:  # a dead kernel may refuse a clean shutdown
            self.km = self.kc = None
        self.km = self.create_kernel_manager()
        self.start_new_kernel()
        self.start_new_kernel_client()
        try:
            for index in list(self.done):  # rebuild the state: the cells that had worked, outputs thrown away
                real = self.nb.cells[index]
                try:
                    self.run(NotebookNode(new_code_cell(real.source)), index, replay=True)
                finally:
                    self.nb.cells[index] = real
        except Exception:
            self.stopped = "the kernel could not be restored after a crash"

    def send_request(self, text):
        """One request of the tests (nnfs.grading.remote.Link) to the student's kernel; its reply. A request that runs past
        the cell timeout is interrupted (TimeoutError in the test); a kernel that dies, hangs or breaks the server is
        replaced (KernelLost)."""
        if self.stopped or time.monotonic() > self.deadline:
            raise KernelLost(f"the submission's kernel is not available: {self.stopped or f'the notebook used up its {self.notebook_timeout} s'}")
        self.notes["requests"] += 1
        start = time.monotonic()
        try:
            channel = self.open_channel()
            channel.settimeout(self.timeout)
            send_frame(channel, text)
            try:
                reply = receive_frame(channel, REPLY_LIMIT, time.monotonic() + self.timeout)
                interrupted = False
            except TimeoutError:
                run_sync(self.km.interrupt_kernel)()
                reply, interrupted = receive_frame(channel, REPLY_LIMIT, time.monotonic() + max(self.iopub_timeout, 2)), True
            if reply is None:
                raise ConnectionError("the connection closed")
        except (OSError, UnicodeError) as error:  # a dead kernel, a stuck one, a server the submission broke
            self.notes["crashed" if not isinstance(error, TimeoutError) else "timed_out"].append(self.label(self.index))
            self.broken_servers = self.broken_servers + 1 if isinstance(error, ServerMissing) else 0
            if self.broken_servers == 2:  # again right after a fresh kernel re-ran the student's cells: they break it
                self.stopped = "the notebook's own code breaks its kernel's service to the tests (twice, the second time in a fresh kernel)"
            self.restart()
            raise KernelLost("the submission's kernel " + ("did not stop when interrupted" if isinstance(error, TimeoutError) else
                             "died or stopped answering") + " while running this test; the cells after it ran in a fresh kernel") from None
        finally:
            self.notes["request_seconds"] += time.monotonic() - start
        self.broken_servers = 0
        if interrupted:
            self.notes["timed_out"].append(self.label(self.index))
            raise TimeoutError(f"the submission's code was still running after {self.timeout} s: it was interrupted")
        return reply

    def open_channel(self):
        """The connection the student's kernel answers requests on during one test cell, made on its first request: the
        kernel is asked to run the server, which connects to a socket of the grader's in the connection folder."""
        if self.channel is not None:
            return self.channel
        if self.listener is None:
            self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.listener.bind(str(self.connection / f"t{self.restarts}"))
            self.listener.listen(1)
        request = self.kc.execute(f"{SERVER}.serve_forever({str(self.connection / f't{self.restarts}')!r})", silent=True, store_history=False)
        self.listener.settimeout(0.02)
        deadline = time.monotonic() + max(self.iopub_timeout, 5)
        while time.monotonic() < deadline:
            try:
                self.channel, _ = self.listener.accept()
                return self.channel
            except TimeoutError:
                if self.server_finished(request):  # it failed or returned at once: the student's code replaced or broke it
                    break
        raise ServerMissing("the kernel's server did not connect (the submission's code replaced or broke it)")

    def server_finished(self, request):
        """Has the kernel already answered the request that should run the server (which only ends with the test cell)?"""
        while True:
            try:
                reply = run_sync(self.kc.shell_channel.get_msg)(timeout=0)
            except Exception:  # queue.Empty: nothing yet
                return False
            if reply["parent_header"].get("msg_id") == request:
                return True

    def close_channel(self):
        if self.channel is not None:
            try:
                self.channel.settimeout(1)
                send_frame(self.channel, '"end"')
            except OSError:
                pass
            self.channel.close()
            self.channel = None
        if self.listener is not None and not self.listener.getsockname().endswith(f"t{self.restarts}"):
            self.listener.close()  # the kernel it served is gone
            self.listener = None

    def output(self, outs, msg, display_id, cell_index):
        """Keep at most output_limit characters per cell; an error, and the fact of stderr, are always kept."""
        content = msg["content"]
        size = len(content.get("text", "")) + sum(len(str(value)) for value in content.get("data", {}).values())
        used = self.sizes.get(id(outs), 0)
        self.sizes[id(outs)] = used + size
        if used + size <= self.output_limit or msg["msg_type"] == "error":
            return super().output(outs, msg, display_id, cell_index)
        if used <= self.output_limit:
            dropped = f"\n[the grader dropped the rest of this cell's output: more than {self.output_limit} characters]\n"
            outs.append(new_output("stream", name="stdout", text=dropped))
        if msg["msg_type"] == "stream" and content.get("name") == "stderr" and not any(o.get("name") == "stderr" for o in outs):
            outs.append(new_output("stream", name="stderr", text="[text on stderr, dropped with the rest of the output]\n"))
        return None

    def label(self, index):
        cell = self.nb.cells[index]
        return nbgrader_metadata(cell).get("grade_id") or f"cell {index + 1}"


class RecordGradingNotes(NbGraderPreprocessor):
    """After SaveAutoGrades: keep the executor's notes in the autograded notebook's metadata, and flag for review the
    test cells a crash or a hang of the student's kernel stopped (their zero may deserve a human look)."""

    def preprocess(self, nb, resources):
        notes = resources["nbgrader"].get("grading_notes")
        if notes is None:
            return nb, resources
        nb.metadata["grading"] = notes
        stopped = set(notes["crashed"]) | set(notes["timed_out"])
        nbgrader = resources["nbgrader"]
        with Gradebook(nbgrader["db_url"]) as gradebook:
            for grade_id in [nbgrader_metadata(cell)["grade_id"] for cell in nb.cells if is_test(cell)]:
                if grade_id in stopped:
                    gradebook.find_grade(grade_id, nbgrader["notebook"], nbgrader["assignment"], nbgrader["student"]).needs_manual_grade = True
            gradebook.db.commit()
        return nb, resources

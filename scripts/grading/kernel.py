"""The kernel a submission runs in during autograding. Started by grading.sandbox, never by hand:

    python -I kernel.py --sandbox DIR [--files DIR] --deny DIR [--deny DIR ...] [--read DIR ...] --memory BYTES
                        --cpu SECONDS --file-size BYTES [--preload numpy,...] -- IPKERNEL_ARGUMENTS

It runs inside the bubblewrap sandbox that grading.sandbox.sandboxed makes. Before any code of the submission
runs, it
1. copies the submission's files (--files, read-only) into its folder, and limits itself: address space, CPU
   seconds, file size, open files, no core dumps (resource.setrlimit, hard limits too);
2. lives in the sandbox: a fresh folder with the student's files and nothing else; the working directory,
   HOME, TMPDIR and IPYTHONDIR are there (`-I`: no PYTHON* variables, no script or working directory on
   sys.path, so a file of the submission cannot pose as a module);
3. imports the modules the notebook's locked setup cells import, so the guard knows their originals;
4. forbids, at the level of the operating system (seccomp, Linux), starting programs and reading other
   processes' memory: code that escapes the audit hook below cannot take a new program with it;
5. starts IPython and installs the guard, `__nbgrader_guard__`, which the grader calls around every test cell;
6. installs an audit hook (PEP 578: it cannot be removed) that, for the rest of the process, refuses to read
   outside the Python installation, the system's libraries and the sandbox (so: not solutions/, not
   gradebook.db, not another student's files), to write outside the sandbox, to start processes, send
   signals, open network sockets, import code from the sandbox, or reach raw memory through ctypes.

What it does not stop is written in book/instructor_guide.md.
"""

import argparse
import builtins
import ctypes
import os
import platform
import resource
import shutil
import struct
import sys
import types
from json import dumps  # taken now: replacing the json module's dumps later cannot forge the guard's answers

OPEN_FILES = 256  # the kernel itself needs about 60 (its sockets, libraries, threads)
CODE_SUFFIXES = (".py", ".pyc", ".pyo", ".pyd", ".so", ".pth", ".dylib")
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
SYSTEM_READABLE = ["/usr", "/lib", "/lib64", "/etc", "/sys", "/opt", "/System", "/Library", "/proc/cpuinfo", "/proc/meminfo",
                   "/proc/stat", "/proc/sys", "/dev/null", "/dev/zero", "/dev/urandom", "/dev/random", "/dev/shm"]
SYSTEM_SECRETS = ["/etc/shadow", "/etc/gshadow", "/etc/sudoers", "/etc/sudoers.d", "/etc/ssh", "/etc/ssl/private"]
# Events that change a path: where their dir_fd argument is (paths relative to a folder descriptor), if any.
CHANGES = {"os.chmod": 2, "os.chown": 3, "os.mkdir": 2, "os.remove": 1, "os.rmdir": 1, "os.utime": 3, "os.truncate": None,
           "os.setxattr": None, "os.removexattr": None, "shutil.rmtree": 1}
# The ways in and out of a process that the policy refuses whatever their arguments.
REFUSED = {
    "os.system": "running a shell command", "os.exec": "running a program", "os.spawn": "running a program",
    "os.posix_spawn": "running a program", "subprocess.Popen": "running a program", "os.fork": "forking the kernel",
    "os.forkpty": "forking the kernel", "os.kill": "sending a signal", "os.killpg": "sending a signal",
    "signal.pthread_kill": "sending a signal", "socket.connect": "using the network", "socket.bind": "using the network",
    "socket.sendto": "using the network", "socket.sendmsg": "using the network", "socket.getaddrinfo": "using the network",
    "ctypes.dlsym": "looking up C functions", "ctypes.dlsym/handle": "looking up C functions",
    "ctypes.string_at": "reading raw memory", "ctypes.wstring_at": "reading raw memory", "ctypes.cdata": "raw memory access",
    "ctypes.PyObj_FromPtr": "raw memory access", "ctypes.call_function": "calling C functions",
    "sys.settrace": "tracing the tests", "sys.setprofile": "tracing the tests", "sys._current_frames": "inspecting other threads",
    "resource.setrlimit": "changing the limits", "resource.prlimit": "changing the limits",
    "gc.get_objects": "searching the heap", "gc.get_referrers": "searching the heap", "gc.get_referents": "searching the heap",
}
IPYTHON_METHODS = ["run_cell", "run_cell_async", "run_ast_nodes", "run_code", "showtraceback", "_showtraceback",
                   "showsyntaxerror", "showindentationerror", "transform_cell", "transform_ast", "should_run_async",
                   "get_exception_only", "_get_exc_info"]
# Builtins that IPython and ipykernel themselves set while a cell runs (input is re-bound for every request).
KERNEL_BUILTINS = {"input", "exit", "quit", "get_ipython", "display", "__IPYTHON__", "_", "__", "___", "help"}
KERNEL_METHODS = ["do_execute", "execute_request", "send_response", "_publish_execute_input", "_publish_status"]


def inside(path, root):
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


class Policy:
    """What the submission's code may touch: the audit hook's decisions, path by path."""

    def __init__(self, sandbox, denied, readable):
        self.sandbox = os.path.realpath(sandbox)
        self.rules = [(os.path.realpath(root), True) for root in readable] + [(os.path.realpath(root), False) for root in denied]
        self.rules.append((f"/proc/{os.getpid()}", True))

    def may_read(self, path):
        if inside(path, self.sandbox):
            return not path.endswith(CODE_SUFFIXES)
        matches = [(len(root), allowed) for root, allowed in self.rules if inside(path, root)]
        return bool(matches) and min(matches, key=lambda match: (-match[0], match[1]))[1]  # longest rule wins, deny on a tie

    def may_write(self, path):
        return inside(path, self.sandbox) or path == "/dev/null"

    @staticmethod
    def resolve(path, dir_fd=None):
        path = os.fsdecode(path)
        if dir_fd not in (None, -1) and not os.path.isabs(path):
            path = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), path)
        return os.path.realpath(path)

    def check(self, path, write=False, dir_fd=None):
        if isinstance(path, int) or path is None:
            return  # an open file descriptor: it was checked when it was opened
        resolved = self.resolve(path, dir_fd)
        if not (self.may_write(resolved) if write else self.may_read(resolved)):
            raise PermissionError(f"grading sandbox: {'writing' if write else 'reading'} {path} is not allowed")

    def audit(self, event, args):
        if event == "open":
            path, mode, flags = args
            writing = any(c in mode for c in "wax+") if isinstance(mode, str) else bool(flags & WRITE_FLAGS)
            self.check(path, writing)
        elif event in ("os.listdir", "os.scandir", "os.chdir", "os.getxattr", "os.listxattr"):
            self.check(args[0] if args[0] is not None else ".")
        elif event in CHANGES:
            self.check(args[0], write=True, dir_fd=args[CHANGES[event]] if CHANGES[event] is not None else None)
        elif event in ("os.rename", "os.link"):
            self.check(args[0], write=True, dir_fd=args[2])  # the source must be the sandbox's own (a hard link escapes realpath)
            self.check(args[1], write=True, dir_fd=args[3])
        elif event == "os.symlink":
            self.check(args[1], write=True, dir_fd=args[2])
        elif event == "sqlite3.connect":
            database = os.fsdecode(args[0]) if not isinstance(args[0], int) else ""
            if database != ":memory:" and not database.startswith("file::memory:"):
                self.check(database, write=True)
        elif event == "import" and args[1] is not None:
            self.check(args[1])  # an extension module loaded from a file
        elif event == "ctypes.dlopen":
            name = args[0]
            if name is None or not os.path.isabs(os.fsdecode(name)) or inside(os.path.realpath(os.fsdecode(name)), self.sandbox):
                raise PermissionError(f"grading sandbox: loading the library {name!r} is not allowed")
            self.check(name)
        elif event == "object.__setattr__" and args[1] == "__class__" and id(args[0]) in FROZEN:
            raise PermissionError(f"grading sandbox: changing the class of {args[0].__name__} is not allowed")
        elif event == "object.__setattr__" and isinstance(args[0], type) and args[0] in PROTECTED_TYPES:
            raise PermissionError(f"grading sandbox: changing {args[0].__qualname__}.{args[1]} is not allowed")
        elif event == "sys.addaudithook":
            raise RuntimeError("grading sandbox: no further audit hooks")  # a RuntimeError here silently refuses the hook
        elif event in REFUSED:
            raise PermissionError(f"grading sandbox: {REFUSED[event]} is not allowed ({event})")


def forbid_exec_and_ptrace():
    """seccomp (Linux): execve, execveat, ptrace, process_vm_readv/writev fail with EPERM for this process and
    any it forks. Returns what is in force, for the guard's report."""
    numbers = {"x86_64": (0xC000003E, [59, 322, 101, 310, 311]), "aarch64": (0xC00000B7, [221, 281, 117, 270, 271])}
    if sys.platform != "linux" or platform.machine() not in numbers:
        return "no seccomp on this platform: programs can be started through native code"
    arch, banned = numbers[platform.machine()]
    load, jump_eq, jump_ge, ret = 0x20, 0x15, 0x35, 0x06
    allow, refuse = 0x7FFF0000, 0x00050000 | 1  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO | EPERM
    program = [(load, 0, 0, 4), (jump_eq, 1, 0, arch), (ret, 0, 0, refuse), (load, 0, 0, 0)]
    program.append((jump_ge, len(banned) + 1, 0, 0x40000000))  # x32 system calls: refused
    for i, number in enumerate(banned):
        program.append((jump_eq, len(banned) - i, 0, number))
    program += [(ret, 0, 0, allow), (ret, 0, 0, refuse)]
    filters = b"".join(struct.pack("HBBI", *instruction) for instruction in program)
    buffer = ctypes.create_string_buffer(filters)
    fprog = struct.pack("HL", len(program), ctypes.addressof(buffer))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(38, 1, 0, 0, 0) != 0 or libc.prctl(22, 2, ctypes.c_char_p(fprog), 0, 0) != 0:  # NO_NEW_PRIVS, SECCOMP
        return f"seccomp refused (errno {ctypes.get_errno()}): programs can be started through native code"
    return "seccomp: no new programs, no access to other processes' memory"


def public(namespace):
    return {name: value for name, value in namespace.items() if not name.startswith("_")}


def from_notebook(thing):
    """Was this object (a function, a class, an instance, a bound method) made by the notebook's own code?"""
    for candidate in (thing, getattr(thing, "__func__", None), getattr(thing, "func", None), type(thing)):
        if candidate is not None and getattr(candidate, "__module__", None) == "__main__":
            return True
    return False


class Guard:
    """Asked by the grader before and after every test cell: is everything the tests use still what it was
    before the submission ran? Each answer is one JSON line on stdout, tagged with the grader's token. Found
    changes are undone, so that the next parts are graded with the real numpy, builtins and IPython."""

    def __init__(self, shell, protected, isolation):
        """protected: {module name: the attribute names the tests may use, or None for all its public ones}."""
        self.shell, self.isolation, self.out, self.err = shell, isolation, sys.stdout, sys.stderr
        self.modules = {name: sys.modules[name] for name in protected if name in sys.modules}
        self.attributes = {name: {key: value for key, value in public(vars(module)).items() if protected[name] is None or key in protected[name]}
                           for name, module in self.modules.items()}
        with shell.builtin_trap:  # the builtins as cells see them (IPython adds exit, quit, get_ipython while a cell runs)
            self.builtins = {name: value for name, value in vars(builtins).items() if name not in KERNEL_BUILTINS}
        self.trusted, self.before, self.reached = {}, {}, {}
        self.shell_type, self.kernel_type = type(shell), type(shell.kernel)
        self.shell_methods = {name: getattr(type(shell), name, None) for name in IPYTHON_METHODS}
        self.kernel_methods = {name: getattr(type(shell.kernel), name, None) for name in KERNEL_METHODS}
        # ipykernel itself keeps some of them per instance (shell._showtraceback): those are the originals too
        self.shell_own = {name: vars(shell)[name] for name in IPYTHON_METHODS if name in vars(shell)}
        self.kernel_own = {name: vars(shell.kernel)[name] for name in KERNEL_METHODS if name in vars(shell.kernel)}
        self.lists = {name: (owner, key, self._get(owner, key)) for name, (owner, key) in self._hooks().items()}
        self.originals = {name: list(entries) for name, (_, _, entries) in self.lists.items()}

    def _hooks(self):
        """IPython's lists of code transformers and event callbacks: (owner, attribute name or dict key)."""
        shell, manager = self.shell, self.shell.input_transformer_manager
        hooks = {"ast_transformers": (shell, "ast_transformers"), "input_transformers_post": (shell, "input_transformers_post"),
                 "cleanup_transforms": (manager, "cleanup_transforms"), "line_transforms": (manager, "line_transforms"),
                 "token_transformers": (manager, "token_transformers")}
        return hooks | {f"{event} callbacks": (shell.events.callbacks, event) for event in shell.events.callbacks}

    @staticmethod
    def _get(owner, key):
        return owner[key] if isinstance(owner, dict) else getattr(owner, key)

    @staticmethod
    def _set(owner, key, value):
        if isinstance(owner, dict):
            owner[key] = value
        else:
            setattr(owner, key, value)

    # --- Called by the grader around locked setup cells: what they bind (numpy as np, ...) is trusted.
    def mark(self):
        self.before = {name: id(value) for name, value in self.shell.user_ns.items()}

    def trust(self):
        for name, value in self.shell.user_ns.items():
            if self.before.get(name) != id(value):
                if isinstance(value, (types.ModuleType, type, types.FunctionType, types.BuiltinFunctionType)):
                    self.trusted[name] = value
                else:
                    self.trusted.pop(name, None)

    # --- Called at the end of a test cell (a line the grader appends while it runs): the cell ran to its end.
    def reached_end(self, nonce):
        self.reached[nonce] = sys._getframe(1).f_code.co_filename

    def check(self, token, names=(), nonce=None, helpers=()):
        problems = self._problems(names)
        if nonce is not None:
            cell_file = self.reached.pop(nonce, None)
            for name in helpers:  # functions the test cell defines for itself and calls more than once
                code = getattr(self.shell.user_ns.get(name), "__code__", None)
                if cell_file is not None and getattr(code, "co_filename", None) != cell_file:
                    problems.append(f"the test's own helper `{name}` was replaced while the test ran")
            report = {"token": token, "problems": problems, "reached": cell_file is not None}
        else:
            report = {"token": token, "problems": problems, "isolation": self.isolation}
        sys.stdout, sys.stderr = self.out, self.err  # a notebook that replaced them would hide this answer
        self.out.set_parent(self.shell.parent_header)
        self.out.write(dumps(report) + "\n")
        self.out.flush()

    def _problems(self, names):
        problems = []
        for name, module in self.modules.items():
            if sys.modules.get(name) is not module:
                problems.append(f"sys.modules[{name!r}] was replaced")
                sys.modules[name] = module
        for name, original in self.attributes.items():
            namespace = vars(self.modules[name])
            for attribute, value in original.items():
                if namespace.get(attribute, self) is not value:
                    problems.append(f"{name}.{attribute} was replaced or deleted")
                    namespace[attribute] = value
        namespace = vars(builtins)
        for attribute, value in self.builtins.items():
            if namespace.get(attribute, self) is not value:
                problems.append(f"the built-in {attribute} was replaced or deleted")
                namespace[attribute] = value
        user = self.shell.user_ns
        for name in names:
            if name in self.trusted and user.get(name, self) is not self.trusted[name]:
                problems.append(f"`{name}`, set by a locked cell, was rebound by the notebook's code")
                user[name] = self.trusted[name]
            elif name not in self.trusted and name in self.builtins and name in user and user[name] is not self.builtins[name]:
                if getattr(user[name], "__module__", None) == "__main__" or type(user[name]).__module__ == "__main__":
                    problems.append(f"the built-in `{name}` is shadowed by a definition in the notebook")
                    del user[name]
        problems += self._ipython_problems()
        return problems

    def _ipython_problems(self):
        problems, shell = [], self.shell
        if shell.custom_exceptions != ():
            problems.append("IPython's set_custom_exc is in use: exceptions would be swallowed")
            shell.set_custom_exc((), None)
        if type(shell) is not self.shell_type or type(shell.kernel) is not self.kernel_type:
            problems.append("the class of IPython's shell or kernel was replaced")
        for owner, methods, own in ((shell, self.shell_methods, self.shell_own), (shell.kernel, self.kernel_methods, self.kernel_own)):
            for name, original in methods.items():
                if vars(owner).get(name) is not own.get(name):
                    problems.append(f"IPython's {name} was overridden")
                    vars(owner).pop(name, None)
                    if name in own:
                        vars(owner)[name] = own[name]
                elif getattr(type(owner), name, None) is not original:
                    problems.append(f"IPython's {name} was replaced")
        for name, (owner, key, entries) in self.lists.items():
            current = self._get(owner, key)
            added = [entry for entry in current if entry not in self.originals[name] and from_notebook(entry)]
            if current is not entries or added or any(entry not in current for entry in self.originals[name]):
                problems.append(f"IPython's {name} were changed by the notebook")
                entries[:] = [entry for entry in current if entry not in added] + [e for e in self.originals[name] if e not in current]
                self._set(owner, key, entries)
        return problems


# The classes whose methods decide how a test result is reported (filled in by main): IPython's shell, the kernel,
# their streams and session, with their bases. Patching them is refused outright.
PROTECTED_TYPES = {Guard, Policy}


FROZEN = {}  # id(module) -> the guard's record of the attributes of it that may not be replaced or deleted


def freeze(module, record):
    """Refuse `module.name = ...` and `del module.name` for the names in `record` (the guard's {name: original}):
    the module's class becomes a subclass whose __setattr__ says no. Adding names stays possible, and so does the
    package's own code changing itself (torch wraps torch.manual_seed when torch._dynamo loads): the record follows.
    Undoing this (module.__class__ = ...) is refused by the audit hook; the module's dict is watched by the guard."""
    original = type(module)

    def refuse(self, name, *value):
        if name in FROZEN.get(id(self), ()):
            caller = sys._getframe(1).f_globals.get("__name__", "")
            if caller.split(".")[0] != self.__name__.split(".")[0]:
                raise PermissionError(f"grading sandbox: replacing {self.__name__}.{name} is not allowed")
            if value:
                FROZEN[id(self)][name] = value[0]
        (original.__setattr__ if value else original.__delattr__)(self, name, *value)

    frozen = type(f"Frozen{original.__name__}", (original,), {"__setattr__": refuse, "__delattr__": refuse})
    module.__class__ = frozen
    FROZEN[id(module)] = record
    PROTECTED_TYPES.add(frozen)


def cut_output(limit):
    """Cut what a cell prints to `limit` characters per stream, in the kernel, before it is sent."""
    stream = type(sys.stdout)
    write, used = stream.write, {}

    def limited_write(self, text):
        count = used.get(id(self), 0)
        used[id(self)] = count + len(text)
        if count >= limit:
            return len(text)
        if count + len(text) > limit:
            text = text[:limit - count] + f"\n[the grader cut this cell's output at {limit} characters]\n"
        return write(self, text)

    stream.write = limited_write
    return used.clear  # to call before each cell


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--files", help="a read-only folder whose files are copied into the sandbox first")
    parser.add_argument("--deny", action="append", default=[])
    parser.add_argument("--read", action="append", default=[])
    parser.add_argument("--memory", type=int, required=True)
    parser.add_argument("--cpu", type=int, required=True)
    parser.add_argument("--file-size", type=int, required=True)
    parser.add_argument("--preload", default="")
    parser.add_argument("--protect", default="")
    parser.add_argument("--output-limit", type=int, default=100_000)
    ours, kernel_arguments = sys.argv[1:sys.argv.index("--")], sys.argv[sys.argv.index("--") + 1:]
    options = parser.parse_args(ours)

    isolation = []
    if options.files:
        shutil.copytree(options.files, options.sandbox, dirs_exist_ok=True, symlinks=True)
    for name, value in [("RLIMIT_AS", options.memory), ("RLIMIT_CPU", options.cpu), ("RLIMIT_FSIZE", options.file_size), ("RLIMIT_CORE", 0),
                        ("RLIMIT_NOFILE", OPEN_FILES)]:
        limit = getattr(resource, name)
        soft, hard = resource.getrlimit(limit)
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        try:  # hard limits too: the submission's code cannot raise them again
            resource.setrlimit(limit, (value, value + 5 if name == "RLIMIT_CPU" else value))
        except (ValueError, OSError) as error:  # macOS refuses some (RLIMIT_AS)
            isolation.append(f"{name} not set: {error}")

    os.chdir(options.sandbox)
    modules = [name for name in options.preload.split(",") if name]
    for name in modules:
        try:
            __import__(name)
        except Exception:  # the setup cell will fail the same way, in front of the student
            pass
    isolation.append(forbid_exec_and_ptrace())

    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize(kernel_arguments)
    sys.path[:] = [entry for entry in sys.path if entry and not inside(os.path.realpath(entry), os.path.realpath(options.sandbox))]
    app.shell.events.register("pre_execute", cut_output(options.output_limit))
    for thing in (app.shell, app.kernel, app.kernel.session, sys.stdout, sys.stderr, app.shell.displayhook, app.shell.display_pub):
        PROTECTED_TYPES.update(cls for cls in type(thing).__mro__ if cls not in (object, type))
    protected = {}  # "numpy" (all its public attributes) or "torch:allclose,equal" (those), separated by ";"
    for spec in filter(None, options.protect.split(";")):
        name, _, attributes = spec.partition(":")
        protected[name] = set(attributes.split(",")) if attributes else None
    guard = Guard(app.shell, protected, isolation)
    app.shell.user_ns["__nbgrader_guard__"] = guard
    freeze(builtins, guard.builtins)
    for name, module in guard.modules.items():
        freeze(module, guard.attributes[name])

    sys.addaudithook(Policy(options.sandbox, options.deny + SYSTEM_SECRETS, readable_roots(options)).audit)  # no name refers to it
    isolation.append("audit hook: reads, writes, processes, signals, network and ctypes limited")
    del guard
    app.start()


def readable_roots(options):
    """The Python installation, the system's libraries, sys.path (but nothing under a denied folder) and --read."""
    readable = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, *SYSTEM_READABLE, *options.read]
    return readable + [entry for entry in sys.path if entry and not any(inside(os.path.realpath(entry), os.path.realpath(d)) for d in options.deny)]


if __name__ == "__main__":
    main()

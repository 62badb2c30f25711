"""The kernel a submission runs in during autograding. Started by nnfs.grading.sandbox, never by hand:

    python -I kernel.py --sandbox DIR [--files DIR] --memory BYTES --cpu SECONDS --file-size BYTES --open-files N -- IPKERNEL_ARGUMENTS

It runs inside the bubblewrap sandbox that nnfs.grading.sandbox.sandboxed makes, as an unprivileged user that sees only
the submission's files. Before any code of the submission runs, it
1. copies the submission's files (--files, read-only) into its folder, the working directory (HOME, TMPDIR and
   IPYTHONDIR are there too; `-I`: no PYTHON* variables and no script folder on sys.path, so a file of the
   submission cannot pose as a module);
2. limits itself with hard limits, which the submission cannot raise again: address space, CPU seconds, file size,
   open files, no core dumps;
3. forbids, at the level of the operating system (seccomp), starting programs and reading or writing other
   processes' memory;
4. starts IPython with the server of the grader's requests (nnfs.grading.remote.Server) in its namespace.

Nothing here protects the tests: they do not run in this process (nnfs/grading/remote.py). What the sandbox protects,
and what it does not, is written in book/instructor_guide.md.
"""

import argparse
import ctypes
import os
import platform
import resource
import shutil
import struct
import sys


def forbid_exec_and_ptrace():
    """seccomp (Linux): execve, execveat, ptrace, process_vm_readv/writev fail with EPERM for this process and
    any it forks. Returns False where the platform has no such filter."""
    numbers = {"x86_64": (0xC000003E, [59, 322, 101, 310, 311]), "aarch64": (0xC00000B7, [221, 281, 117, 270, 271])}
    if sys.platform != "linux" or platform.machine() not in numbers:
        return False
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
        raise OSError(ctypes.get_errno(), "seccomp refused the filter")
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--files", help="a read-only folder whose files are copied into the sandbox first")
    parser.add_argument("--memory", type=int, required=True)
    parser.add_argument("--cpu", type=int, required=True)
    parser.add_argument("--file-size", type=int, required=True)
    parser.add_argument("--open-files", type=int, required=True)
    ours, kernel_arguments = sys.argv[1:sys.argv.index("--")], sys.argv[sys.argv.index("--") + 1:]
    options = parser.parse_args(ours)

    if options.files:
        shutil.copytree(options.files, options.sandbox, dirs_exist_ok=True, symlinks=True)
    for name, value in [("RLIMIT_AS", options.memory), ("RLIMIT_CPU", options.cpu), ("RLIMIT_FSIZE", options.file_size), ("RLIMIT_CORE", 0),
                        ("RLIMIT_NOFILE", options.open_files)]:
        limit = getattr(resource, name)
        hard = resource.getrlimit(limit)[1]
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(limit, (value, value + 5 if name == "RLIMIT_CPU" else value))
    os.chdir(options.sandbox)
    forbid_exec_and_ptrace()

    # The grader's own nnfs (the folder the sandbox binds, read-only) is the one to import, wherever the venv's
    # editable install points (a second checkout of the course may share one venv).
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    from nnfs.grading.remote import SERVER, Server
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize(kernel_arguments)
    app.shell.user_ns[SERVER] = Server(app.shell.user_ns)
    app.start()


if __name__ == "__main__":
    main()

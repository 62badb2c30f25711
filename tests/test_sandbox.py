"""Red team of the grading kernel's operating-system sandbox (nnfs/grading/sandbox.py: `sandboxed`, bubblewrap).

Student code is untrusted, and nothing that runs in its process can be relied on. So each attack here runs as
plain Python in the same sandbox as a grading kernel (the same mounts, namespaces and user), without even the
limits and the seccomp filter of kernel.py: what it still cannot do, no submission can. Each test says in its
docstring what holding means. The grading round trips with hostile students (tests/test_grading.py) show the
same sandbox grading honest students exactly right beside them.
"""

import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from helpers import ATTEMPTS
from nnfs.grading import remote, sandbox
from nnfs.cells import ROOT

SCRATCH = 8 * 2**20


@pytest.fixture
def jail(tmp_path):
    """A submission's folders as the grader lays them out: its files, its kernel's connection folder, and beside
    them what must stay out of reach (a course with solutions/, a gradebook, a classmate's connection folder)."""
    course = tmp_path / "course"
    (course / "solutions").mkdir(parents=True)
    (course / "solutions" / "secret.ipynb").write_text("THE HIDDEN TESTS")
    (course / "gradebook.db").write_text("THE GRADES")
    (course / "nbgrader_config.py").write_text("c = get_config()\n")
    files, connection, classmate = tmp_path / "alice", tmp_path / "alice-kernel", tmp_path / "bob-kernel"
    for folder in (files / ".tmp", connection, classmate):
        folder.mkdir(parents=True)
    (files / "data.csv").write_text("1,2,3\n")
    (classmate / "kernel.json").write_text('{"key": "BOBS KEY"}')
    return {"course": course, "files": files, "connection": connection, "classmate": classmate}


def inside(jail, code, timeout=60):
    """Run `code` with the venv's Python in the submission's sandbox; return what it printed as JSON."""
    command = sandbox.sandboxed([sys.executable, "-I", "-c", code], jail["files"], jail["connection"], SCRATCH)
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env={"PATH": os.environ["PATH"]})
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def refused(tried):
    succeeded = {what: result for what, result in tried.items() if not result.startswith("refused")}
    assert not succeeded, f"the sandbox let these through: {succeeded}"


def test_nothing_of_the_course_is_in_reach_by_any_path(jail):
    """Reading the solutions, the gradebook or the course's config by an absolute path, a relative one, a folder
    descriptor (dir_fd), /proc/self/cwd or an sqlite URI fails: those files are not in the sandbox at all."""
    course = jail["course"]
    tried = inside(jail, ATTEMPTS + f'''
import sqlite3
course = {str(course)!r}
attempt("solutions, absolute path", lambda: open(course + "/solutions/secret.ipynb").read())
attempt("solutions, relative path", lambda: open(os.path.relpath(course + "/solutions/secret.ipynb")).read())
attempt("solutions, dir_fd", lambda: os.read(os.open("solutions/secret.ipynb", os.O_RDONLY, dir_fd=os.open(course, os.O_RDONLY)), 99))
attempt("solutions, /proc/self/cwd", lambda: open("/proc/self/cwd/" + os.path.relpath(course, os.getcwd()) + "/solutions/secret.ipynb").read())
attempt("gradebook, sqlite URI", lambda: sqlite3.connect("file:" + course + "/gradebook.db?mode=ro", uri=True).execute("select 1 from grade").fetchall())
attempt("gradebook, as a file", lambda: open(course + "/gradebook.db").read())
attempt("the course folder's listing", lambda: os.listdir(course))
attempt("appending to nbgrader_config.py", lambda: open(course + "/nbgrader_config.py", "a").write("import os"))
attempt("/etc/shadow", lambda: open("/etc/shadow").read())
attempt("root's home", lambda: os.listdir("/root/.ssh"))
print(json.dumps(tried))
''')
    refused(tried)
    assert (course / "nbgrader_config.py").read_text() == "c = get_config()\n"


def test_the_submission_reads_its_own_files_and_writes_only_its_scratch_folder(jail):
    """Its own files are there (read-only originals, copied by the kernel into its folder); the system, the Python
    installation and the grader's code in it (the kernel, the request server) are read-only; and what it writes stays
    in the sandbox."""
    seen = inside(jail, ATTEMPTS + f'''
attempt("writing /usr", lambda: open("/usr/planted.txt", "w").write("x"))
attempt("writing the venv", lambda: open({sys.prefix!r} + "/planted.txt", "w").write("x"))
attempt("writing the kernel's code", lambda: open({str(sandbox.KERNEL)!r}, "a").write("x"))
attempt("writing the request server's code", lambda: open({remote.__file__!r}, "a").write("x"))
attempt("writing its own originals", lambda: open(".submitted/data.csv", "w").write("x"))
open("scratch.txt", "w").write("mine")
print(json.dumps({{"tried": tried, "own file": open(".submitted/data.csv").read(), "scratch": open("scratch.txt").read()}}))
''')
    refused(seen["tried"])
    assert seen["own file"] == "1,2,3\n" and seen["scratch"] == "mine", seen
    assert not (jail["files"] / "scratch.txt").exists() and (jail["files"] / "data.csv").read_text() == "1,2,3\n"


def test_the_kernel_runs_as_an_unprivileged_user_with_no_capabilities(jail):
    """uid 65534 inside, no capability in its set, whatever user the grader is (root in CI)."""
    seen = inside(jail, 'import json, os\nstatus = open("/proc/self/status").read()\n'
                        'print(json.dumps({"uid": os.getuid(), "caps": status.split("CapEff:")[1].split()[0]}))')
    assert seen == {"uid": 65534, "caps": "0000000000000000"}, seen


def test_no_other_process_can_be_seen_read_or_signalled(jail):
    """The grader's memory (/proc/<pid>/mem), its command line, another kernel's connection file, and a signal to
    the grader or to every process (kill -1) all fail or stay inside: the grader and a bystander process live on."""
    bystander = subprocess.Popen(["sleep", "60"])
    try:
        tried = inside(jail, ATTEMPTS + f'''
import signal
grader, bystander = {os.getpid()}, {bystander.pid}
attempt("the grader's memory", lambda: open(f"/proc/{{grader}}/mem", "rb").read(8))
attempt("the grader's command line", lambda: open(f"/proc/{{grader}}/cmdline").read())
attempt("the parent's memory", lambda: open(f"/proc/{{os.getppid()}}/mem", "rb").read(8))
attempt("a classmate's connection file", lambda: open({str(jail["classmate"] / "kernel.json")!r}).read())
attempt("signal to the grader (0: is it there?)", lambda: os.kill(grader, 0))
attempt("signal to a bystander", lambda: os.kill(bystander, signal.SIGKILL))
others = [pid for pid in os.listdir("/proc") if pid.isdigit() and int(pid) not in (os.getpid(), os.getppid())]
tried["processes it can see"] = "refused: none" if not others else f"SUCCEEDED: {{others}}"
if not others and not os.path.exists(f"/proc/{{grader}}"):  # never outside a PID namespace: there it would end the machine
    try:
        os.kill(-1, signal.SIGKILL)  # every process it may signal: only its own namespace's
    except ProcessLookupError:
        pass
print(json.dumps(tried))
''')
        refused(tried)
        assert bystander.poll() is None, "a process outside the sandbox was killed"
    finally:
        bystander.kill()


def test_a_process_that_forks_away_dies_with_the_sandbox(jail):
    """A double-forked child that writes a heartbeat into the one folder it shares with the grader: once the
    sandbox is ended, the heartbeat stops (the PID namespace is torn down), so nothing outlives grading."""
    beat = jail["connection"] / "heartbeat"
    code = (f"import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n        while True:\n"
            f"            open({str(beat)!r}, 'a').write('.'); time.sleep(0.05)\ntime.sleep(30)\n")
    process = subprocess.Popen(sandbox.sandboxed([sys.executable, "-I", "-c", code], jail["files"], jail["connection"], SCRATCH))
    deadline = time.monotonic() + 30
    while not (beat.exists() and beat.stat().st_size > 3) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert beat.exists(), "the forked child never ran"
    process.kill()
    process.wait()
    time.sleep(0.5)
    size = beat.stat().st_size
    time.sleep(1)
    assert beat.stat().st_size == size, "a process of the sandbox outlived it"


def test_there_is_no_network_to_the_grader(jail):
    """A listening socket of the grader's on loopback, reached by a plain socket and by zmq (a C library, which
    no Python audit hook sees), receives nothing: the sandbox has a network namespace with a loopback of its own
    and no interface out (so no other address is tried here). The socket is watched while the sandbox runs and
    for 2 s after it has ended (nothing outlives it, see above), so a connection made at its last moment, waiting
    in the listen queue, is accepted too."""
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    server.settimeout(0.1)
    connections, ended = [], []  # ended: the time the sandbox ended

    def accept():
        while not ended or time.monotonic() < ended[0] + 2:
            try:
                connections.append(server.accept())
            except OSError:
                pass

    watcher = threading.Thread(target=accept)
    watcher.start()
    try:
        tried = inside(jail, ATTEMPTS + f'''
import socket, time, zmq
attempt("a socket to the grader's loopback", lambda: socket.create_connection(("127.0.0.1", {port}), timeout=2))
def through_zmq():
    pusher = zmq.Context().socket(zmq.PUSH)
    pusher.setsockopt(zmq.LINGER, 0)
    pusher.connect("tcp://127.0.0.1:{port}")
    pusher.send(b"stolen", flags=zmq.NOBLOCK)
    time.sleep(1)
    raise ConnectionError("nothing to tell from inside: the grader's side says whether it arrived")
attempt("zmq to the grader's loopback", through_zmq)
print(json.dumps(tried))
''')
    finally:
        ended.append(time.monotonic())
        watcher.join()
        server.close()
    refused(tried)
    assert not connections, f"the grader's socket was reached from the sandbox: {connections}"


def test_filling_the_disk_stops_at_the_scratch_limit(jail, tmp_path):
    """Many files of the largest size the kernel allows: writing fails with 'no space' at the sandbox's own
    limit, and nothing lands on the machine's disk."""
    before = {path for path in tmp_path.rglob("*")}
    tried = inside(jail, ATTEMPTS + '''
def fill():
    for n in range(1000):
        with open(f"filler-{n}", "wb") as out:
            out.write(b"x" * 2**20)
attempt("filling the disk", fill)
print(json.dumps(tried))
''')
    assert tried == {"filling the disk": "refused: OSError"}, tried
    assert {path for path in tmp_path.rglob("*")} == before, "the sandbox wrote onto the machine's disk"


def test_grading_stops_with_a_plain_message_without_bubblewrap(tmp_path, monkeypatch):
    """No bwrap on the PATH: `grade.py autograde` collects and grades nothing, and says how to install it; the
    sandbox itself refuses to start a kernel unprotected."""
    (tmp_path / "inbox" / "alice").mkdir(parents=True)
    done = subprocess.run([sys.executable, ROOT / "scripts" / "grade.py", "autograde", "01_perceptron", "inbox"],
                          cwd=tmp_path, env={"PATH": "/nonexistent"}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "sudo apt-get install bubblewrap" in done.stderr, done.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["inbox"], "something was collected or graded"
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(RuntimeError, match="apt-get install bubblewrap"):
        sandbox.bubblewrap()

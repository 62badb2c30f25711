"""Every limit and budget of the course, in one place (docs/design.md, "Budgets").

The grading sandbox's limits are the defaults of SandboxedExecute's options (nbgrader_config.py may override
them for a course; the tests override them to keep hostile submissions short). The budgets are what
scripts/benchmark.py measures and BENCHMARK.md reports, on a machine of BUDGET_CORES cores.
"""

GiB, MiB = 2**30, 2**20

# --- The grading sandbox (nnfs/grading/sandbox.py), per submission.
CELL_TIMEOUT = 30  # seconds per cell or call of the student's code, then it is interrupted (a stuck kernel is replaced)
NOTEBOOK_TIMEOUT = 600  # seconds per notebook; the cells after that are not run
MEMORY = 4 * GiB  # bytes of address space of the kernel (RLIMIT_AS)
FILE_SIZE = 64 * MiB  # largest file the kernel may write (RLIMIT_FSIZE)
SCRATCH = 256 * MiB  # bytes the kernel may write in all: its folder is a tmpfs of this size
TMP = 16 * MiB  # its /tmp, for libraries that write there whatever TMPDIR says
OUTPUT = 100_000  # characters of output kept per cell (the kernel's and the tests' alike); the rest is dropped
RESTARTS = 10  # kernels restarted per notebook after a crash or a stuck cell
OPEN_FILES = 256  # files the kernel may hold open (RLIMIT_NOFILE); it needs about 60 itself (sockets, libraries, threads)

# --- The budgets, measured by scripts/benchmark.py on an idle machine of BUDGET_CORES cores (pytest.ini's `-n 2`).
BUDGET_CORES = 2
MINUTE = 60
NOTEBOOK_SECONDS = 10  # each book and solution notebook, executed alone
SIMULATED_CPUS_SECONDS = 4 * MINUTE  # every notebook on the two simulated CPUs (tests/test_numerical_paths.py)
TEST_COMMAND_SECONDS = 15 * MINUTE  # `make test` on a fresh clone, install included
TEST_COMMAND_AGAIN_SECONDS = 10 * MINUTE  # `make test` a second time (nothing to install)
SITE_BUILD_SECONDS = 2 * MINUTE  # the site build and the book's PDF (scripts/build_site.py), no notebook executed
AUTOGRADE_SUBMISSIONS = 100  # of chapter 1, a quarter hostile
AUTOGRADE_SECONDS = 3 * MINUTE  # those submissions, sandboxed, one worker per core
CONV_FAST_OVER_LOOP = 100  # times faster the solution's conv2d_fast is than the loop (the assignment asks for 20)
CONV_FAST_OVER_TORCH = 5  # times slower than F.conv2d, at most
DIGIT_CNN_SECONDS = 10  # DigitCNN trained to its graded accuracy

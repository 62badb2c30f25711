"""The suite's own option (--screenshots), and how the suite is spread over the xdist workers (pytest.ini:
`-n 2 --dist loadscope`).

loadscope keeps each notebook's nbval cells together (they run in order in one kernel) and each test
module's tests together (one site build, one graded class). The modules listed here hold independent
tests, each with its own temporary course, so they are spread test by test instead.
"""

import os

import pytest

# The suite's own PyTorch work (tests/helpers.run_in_process) runs with one thread, as the course's kernel does
# (scripts/numerical_paths.py). With two, the two xdist workers and the kernels they start oversubscribe the
# machine's cores and OpenMP's spin-waits stretch a 1.5 s DigitCNN test past its 60 s limit.
os.environ["OMP_NUM_THREADS"] = "1"

SPREAD_TEST_BY_TEST = (
    "tests/test_exercises.py::", "tests/test_mutants.py::", "tests/test_numerical_paths.py::", "tests/test_plugins.py::", "tests/test_sandbox.py::",
)


def pytest_addoption(parser):
    parser.addoption("--screenshots", action="store_true",
                     help="tests/test_site.py: also save a full-page screenshot of every page it reads to _build/screenshots/")


@pytest.hookimpl(optionalhook=True)  # defined by xdist; absent with -p no:xdist
def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class CourseScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return nodeid if nodeid.startswith(SPREAD_TEST_BY_TEST) else super()._split_scope(nodeid)

    return CourseScheduling(config, log)

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
# Scopes that take minutes whatever their number of tests start first, so that no worker is left alone with one at
# the end while the other idles: the correct versions on each simulated CPU (a sub-pytest each), the graded class,
# the site, the student's venv (an install and the exercises in it). The rest follow with the most tests first, as xdist's --loadscope-reorder orders them.
LONG_FIRST = ("tests/test_numerical_paths.py::test_every_correct_version", "tests/test_grading.py::", "tests/test_site.py::",
              "tests/test_student_setup.py::")


def scope(nodeid):
    """The work unit of a test: itself if it is spread test by test, else its module (or notebook)."""
    return nodeid if nodeid.startswith(SPREAD_TEST_BY_TEST) else nodeid.rsplit("::", 1)[0]


def pytest_collection_modifyitems(config, items):
    sizes = {}
    for item in items:
        sizes[scope(item.nodeid)] = sizes.get(scope(item.nodeid), 0) + 1

    def order(item):
        first = [index for index, prefix in enumerate(LONG_FIRST) if item.nodeid.startswith(prefix)]
        return (first[0] if first else len(LONG_FIRST)), -sizes[scope(item.nodeid)]

    items.sort(key=order)  # stable: a scope's tests keep their order


def pytest_addoption(parser):
    parser.addoption("--screenshots", action="store_true",
                     help="tests/test_site.py: also save a full-page screenshot of every page it reads to _build/screenshots/")


@pytest.hookimpl(optionalhook=True)  # defined by xdist; absent with -p no:xdist
def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class CourseScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return scope(nodeid)

    config.option.loadscopereorder = False  # the order is pytest_collection_modifyitems's
    return CourseScheduling(config, log)

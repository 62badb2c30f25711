"""Every stored notebook reproduces on other CPUs, and grading does not depend on the grader's CPU: nbval again,
in kernels that simulate an AVX2 machine and a baseline x86-64 one (scripts/numerical_paths.py), after a probe
has shown that each kernel really runs what its settings ask for; and every correct version of every graded
function (tests/mutants/) passes its tests there too. The native runs are pytest's own (pytest.ini:
--nbval-kernel-name python3)."""

import json
import os
import subprocess
import sys

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from nbval.kernel import RunningKernel

from helpers import NOTEBOOKS, numerical_paths
from nnfs.cells import ROOT

NOT_X86 = pytest.mark.skipif(not numerical_paths.simulated_paths_apply(), reason="the simulated paths are x86-64 CPUs")
# A pytest of its own, without pytest.ini's options (its workers, the native nbval run).
PYTEST = [sys.executable, "-m", "pytest", "-q", "-o", "addopts=", "-p", "no:cacheprovider"]
PROBE = f"import json, runpy; print(json.dumps(runpy.run_path({str(ROOT / 'scripts' / 'numerical_paths.py')!r})['probe']()))"


def kernel_output(kernel_name, code):
    """What `code` prints in a fresh kernel of `kernel_name`, started the way nbval starts one."""
    kernel = RunningKernel(kernel_name, cwd=str(ROOT))
    try:
        msg_id = kernel.execute_cell_input(code, allow_stdin=False)
        printed = []
        while True:
            message = kernel.get_message("iopub", timeout=120)
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            if message["msg_type"] == "stream":
                printed.append(message["content"]["text"])
            elif message["msg_type"] == "error":
                raise AssertionError("\n".join(message["content"]["traceback"]))
            elif message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                return "".join(printed)
    finally:
        kernel.stop()


@pytest.mark.parametrize("kernel_name", [numerical_paths.NATIVE, *(pytest.param(name, marks=NOT_X86) for name in numerical_paths.SIMULATED)])
def test_kernel_runs_what_its_path_asks_for(kernel_name):
    spec = KernelSpecManager().get_kernel_spec(kernel_name)
    assert spec.resource_dir.startswith(sys.prefix), (
        f"kernel {kernel_name!r} is {spec.resource_dir}, not the course's in {sys.prefix}: remove that kernelspec or run `make`")
    found = json.loads(kernel_output(kernel_name, PROBE))
    wrong = numerical_paths.mismatches(kernel_name, found)
    assert not wrong, f"kernel {kernel_name!r} ignored part of its settings: " + "; ".join(wrong) + f" (probe: {found})"


def test_the_kernel_freezes_the_garbage_collector_after_the_first_cell_and_draws_2x_figures():
    """What nnfs/book_kernel.py and KERNEL_OPTIONS promise, in the course's kernel: nothing frozen during the first
    cell, everything alive frozen after it (a nested cell runs the same hooks), figures as retina PNGs."""
    code = ("import gc, json\nfrom matplotlib_inline.backend_inline import InlineBackend\nduring = gc.get_freeze_count()\n"
            "get_ipython().run_cell('pass')\n"
            "print(json.dumps([during, gc.get_freeze_count(), sorted(InlineBackend.instance().figure_formats)]))")
    during, after, formats = json.loads(kernel_output(numerical_paths.NATIVE, code))
    assert during == 0 and after > 0, f"gc.get_freeze_count(): {during} during the first cell, {after} after it"
    assert formats == ["retina"], f"the kernel draws figures as {formats}, not 2x PNGs"


@NOT_X86
def test_the_probe_sees_a_setting_that_did_not_reach_the_kernel(tmp_path, monkeypatch):
    """A planted mismatch: the baseline path's kernel without its ATEN_CPU_CAPABILITY must fail the probe. The
    baseline path, not the AVX2 one: on a machine whose best is AVX2 (an AMD EPYC without AVX-512, say) ATen picks
    AVX2 by itself, and the AVX2 path's kernel stripped of the setting would still find what it asks for."""
    spec = KernelSpecManager().get_kernel_spec("nnfs-baseline")
    del spec.env["ATEN_CPU_CAPABILITY"]
    (tmp_path / "kernels" / "nnfs-baseline").mkdir(parents=True)
    (tmp_path / "kernels" / "nnfs-baseline" / "kernel.json").write_text(json.dumps(spec.to_dict()))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))  # searched before the venv's kernels
    found = json.loads(kernel_output("nnfs-baseline", PROBE))
    assert any(wrong.startswith("aten:") for wrong in numerical_paths.mismatches("nnfs-baseline", found)), found


def nbval(notebook, kernel_name):
    """pytest --nbval on one notebook, alone, in the kernel `kernel_name`."""
    return subprocess.run(
        [*PYTEST, "-p", "no:xdist", "--nbval", "--nbval-kernel-name", kernel_name, str(notebook)],
        cwd=ROOT, capture_output=True, text=True, timeout=600)


@NOT_X86
@pytest.mark.parametrize("kernel_name", numerical_paths.SIMULATED)
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: str(path.relative_to(ROOT)))
def test_notebook_reproduces_its_outputs_on_a_simulated_cpu(notebook, kernel_name):
    done = nbval(notebook.relative_to(ROOT), kernel_name)
    assert done.returncode == 0, f"{notebook.name} on the {kernel_name} path:\n{done.stdout[-6000:]}\n{done.stderr[-2000:]}"


@NOT_X86
def test_an_output_that_depends_on_the_cpu_fails_on_a_simulated_one(tmp_path):
    """A planted mismatch: a notebook that prints PyTorch's CPU capability, stored as the course's own kernel
    prints it, must fail on the baseline path (which runs PyTorch's scalar kernels)."""
    code = "import torch; print(torch.backends.cpu.get_cpu_capability())"
    native = kernel_output(numerical_paths.NATIVE, code)
    assert native != "DEFAULT\n", "this machine has no vector kernels to compare the baseline path with"
    cell = nbformat.v4.new_code_cell(code, execution_count=1, outputs=[nbformat.v4.new_output("stream", name="stdout", text=native)])
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), tmp_path / "planted.ipynb")
    done = nbval(tmp_path / "planted.ipynb", "nnfs-baseline")
    assert done.returncode == 1 and "DEFAULT" in done.stdout, done.stdout[-3000:]


@NOT_X86
@pytest.mark.parametrize("kernel_name", numerical_paths.SIMULATED)
def test_every_correct_version_keeps_its_points_on_a_simulated_cpu(kernel_name):
    """The mutant suite's correct versions, in a process with the path's settings: no test of a correct answer may
    fail by rounding (a training run that learns on one CPU and not on another). The reference solutions pass
    their tests, hidden ones included, on both paths already: their notebooks run there whole, each test cell an
    error if it fails (test_notebook_reproduces_its_outputs_on_a_simulated_cpu), so they are not run again here."""
    done = subprocess.run(
        [*PYTEST, "tests/test_mutants.py", "-k", "correct_version"],
        cwd=ROOT, env={**os.environ, **numerical_paths.PATHS[kernel_name][1]}, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"on the {kernel_name} path:\n{done.stdout[-6000:]}\n{done.stderr[-2000:]}"

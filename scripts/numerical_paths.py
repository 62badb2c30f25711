"""The course's Jupyter kernels: the one readers and the tests run, and two that simulate other CPUs.

PyTorch (ATen, MKL, oneDNN), NumPy's SIMD loops, OpenBLAS and glibc's maths library each choose their
kernels by the CPU they find, and the thread count changes how sums are split: the same notebook rounds
differently on another machine. Each path below is a set of variables, read when a library loads, that makes
this machine take another machine's kernels. `install` writes one kernelspec per path into the venv
(`make` runs it), so that the settings reach a kernel before it starts, in the tests and in a reader's
Jupyter alike; `probe`, run inside a kernel, reports what each library really chose, so that a setting that
is silently ignored fails the suite (tests/test_numerical_paths.py) instead of passing it.

    python scripts/numerical_paths.py install   # the kernelspecs, into <venv>/share/jupyter/kernels
"""

import json
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

# name: (display name, environment, what `probe` must find there). The first is the course's own kernel:
# it replaces ipykernel's `python3` in the venv, which is the kernel the notebooks name. One thread: the
# chapters' tensors are small, and one thread was as fast as two or faster (book/04 7.3 s against 8.2 s,
# book/09 9.3 s against 9.5 s); without a count, PyTorch starts one thread per core of the host, which in a
# container with 2 CPUs on a large server is dozens.
PATHS = {
    "python3": ("Python 3 (Neural Networks from Scratch)", {"OMP_NUM_THREADS": "1"}, {"threads": 1}),
    # An AVX2 machine (a laptop, most cloud CPUs before AVX-512), with two threads. MKL's AVX2 branch
    # (MKL_CBWR=AVX2) is honoured on Intel CPUs only, so this path leaves MKL as it is.
    "nnfs-avx2": ("Python 3 (course, simulated AVX2 CPU)", {
        "ATEN_CPU_CAPABILITY": "avx2",
        "ONEDNN_MAX_CPU_ISA": "AVX2",
        "OPENBLAS_CORETYPE": "Haswell",
        "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR",
        "OMP_NUM_THREADS": "2",
        # Idle threads sleep instead of spinning: beside the other pytest worker on a 2-core machine, spinning
        # threads wait at every parallel region for one that is descheduled (solutions/09 took 164 s against
        # 39 s with one core kept busy; 10 s on an idle machine). It changes no result, only the waiting.
        "OMP_WAIT_POLICY": "PASSIVE",
    }, {"aten": "AVX2", "onednn": "AVX2", "openblas": "Haswell", "numpy_off": ["X86_V4"], "threads": 2}),
    # The oldest x86-64 kernels of every library: scalar ATen, MKL's reproducible COMPATIBLE branch, SSE4.1
    # oneDNN, OpenBLAS's Nehalem kernels (its builds on PyPI have none older: asked for Prescott, it takes
    # its generic Katmai ones), NumPy's baseline loops, glibc's maths without AVX2 or FMA; one thread.
    "nnfs-baseline": ("Python 3 (course, simulated baseline x86-64 CPU)", {
        "ATEN_CPU_CAPABILITY": "default",
        "MKL_CBWR": "COMPATIBLE",
        "ONEDNN_MAX_CPU_ISA": "SSE41",
        "OPENBLAS_CORETYPE": "Nehalem",
        "NPY_DISABLE_CPU_FEATURES": "X86_V3 X86_V4 AVX512_ICL AVX512_SPR",
        "GLIBC_TUNABLES": "glibc.cpu.hwcaps=-AVX2,-FMA,-FMA4,-AVX512F",
        "OMP_NUM_THREADS": "1",
    }, {"aten": "DEFAULT", "mkl": "COMPATIBLE", "onednn": "SSE4.1", "openblas": "Nehalem", "numpy_off": ["X86_V3", "X86_V4"],
        "glibc_v3": False, "threads": 1}),
}
# What every kernel does for every notebook, where no reader has to read past it: figures as 2x PNGs (sharp on
# high-density screens; nbval compares no image, while SVG text would be compared), and nnfs/book_kernel.py.
KERNEL_OPTIONS = ["--InlineBackend.figure_formats=retina", "--IPKernelApp.extensions=nnfs.book_kernel"]
NATIVE = "python3"
SIMULATED = [name for name in PATHS if name != NATIVE]


def simulated_paths_apply():
    """The simulated paths are x86-64 ones: on another architecture their variables mean nothing."""
    return platform.machine() in ("x86_64", "AMD64")


def install(prefix=sys.prefix):
    """Install every path's kernelspec into <prefix>/share/jupyter/kernels/<name>: ipykernel's own, for this
    interpreter, with the path's display name and environment."""
    from ipykernel.kernelspec import write_kernel_spec
    from jupyter_client.kernelspec import KernelSpecManager

    for name, (display_name, environment, _) in PATHS.items():
        spec = write_kernel_spec(overrides={"display_name": display_name, "env": environment})
        kernel_json = Path(spec, "kernel.json")
        settings = json.loads(kernel_json.read_text())
        settings["argv"] += KERNEL_OPTIONS
        kernel_json.write_text(json.dumps(settings, indent=1))
        KernelSpecManager().install_kernel_spec(spec, kernel_name=name, prefix=prefix)
        shutil.rmtree(spec)


def _c_level_stdout(action):
    """What `action()` writes to file descriptor 1 (MKL's and oneDNN's verbose modes print there)."""
    import tempfile

    sys.stdout.flush()
    saved = os.dup(1)
    with tempfile.TemporaryFile() as capture:
        os.dup2(capture.fileno(), 1)
        try:
            action()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        capture.seek(0)
        return capture.read().decode(errors="replace")


def probe():
    """What this process's libraries chose: {aten, mkl, onednn, openblas, numpy_off, glibc_v3, threads}."""
    import numpy
    import threadpoolctl
    import torch
    from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

    def dgemm():
        with torch.backends.mkl.verbose(torch.backends.mkl.VERBOSE_ON):
            a = torch.ones(64, 64, dtype=torch.float64)
            a @ a

    def convolution():
        with torch.backends.mkldnn.verbose(torch.backends.mkldnn.VERBOSE_ON):
            torch.nn.functional.conv2d(torch.ones(8, 16, 32, 32), torch.ones(16, 16, 3, 3))  # small ones skip oneDNN

    mkl = re.search(r"CNR:(\w+)", _c_level_stdout(dgemm))
    onednn = re.search(r"isa:([^,\n]+)", _c_level_stdout(convolution))
    numpy.ones(3) @ numpy.ones(3)  # loads OpenBLAS
    blas = [pool for pool in threadpoolctl.threadpool_info() if pool["internal_api"] == "openblas"]
    loader = Path("/lib64/ld-linux-x86-64.so.2")  # glibc's x86-64 loader reports the hwcaps it takes
    diagnostics = subprocess.run([loader, "--list-diagnostics"], capture_output=True, text=True).stdout if loader.exists() else ""
    active = re.search(r"dl_hwcaps_subdirs_active=(0x[0-9a-f]+)", diagnostics)
    subdirs = re.search(r'dl_hwcaps_subdirs="([^"]*)"', diagnostics)
    glibc_v3 = None
    if active and subdirs:  # one bit per subdirectory, in the order listed (x86-64-v4:x86-64-v3:x86-64-v2)
        names = subdirs.group(1).split(":")
        glibc_v3 = "x86-64-v3" in names and bool(int(active.group(1), 16) >> names.index("x86-64-v3") & 1)
    return {
        "aten": torch.backends.cpu.get_cpu_capability(),
        "mkl": mkl.group(1) if mkl else None,
        "onednn": onednn.group(1).strip() if onednn else None,
        "openblas": blas[0].get("architecture") if blas else None,
        "numpy_off": sorted(feature for feature in __cpu_dispatch__ if not __cpu_features__.get(feature, False)),
        "glibc_v3": glibc_v3,
        "threads": {"torch": torch.get_num_threads(), "openblas": blas[0]["num_threads"] if blas else None},
    }


def mismatches(name, found):
    """What path `name` expects and `probe()` did not find, as sentences (empty when all took effect)."""
    wrong = []
    for key, expected in PATHS[name][2].items():
        if key == "threads":  # no library starts more threads than the machine has cores
            if set(found["threads"].values()) != {min(expected, os.cpu_count())}:
                wrong.append(f"threads: expected {expected} in PyTorch and OpenBLAS, found {found['threads']}")
        elif key == "numpy_off":
            if not set(expected) <= set(found["numpy_off"]):
                wrong.append(f"NumPy: expected {expected} disabled, found disabled {found['numpy_off']}")
        elif key == "onednn":
            if expected not in (found["onednn"] or ""):
                wrong.append(f"oneDNN: expected an {expected} ISA, found {found['onednn']!r}")
        elif found[key] != expected:
            wrong.append(f"{key}: expected {expected!r}, found {found[key]!r}")
    return wrong


if __name__ == "__main__":
    if sys.argv[1:] == ["install"]:
        install()
    elif sys.argv[1:] == ["probe"]:
        print(json.dumps(probe()))
    else:
        sys.exit(__doc__)

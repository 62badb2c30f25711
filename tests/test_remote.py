"""The boundary between the tests and a submission's code (nnfs/grading/remote.py), checked and red-teamed.

The tests run in the grader's process and reach the student's objects through handles; the student's kernel
replies with plain data only. Here the grader's side (`Link`, `Handle`, `Tests`) talks to the student's side
(`Server`) two ways: in this process (`Link(Server(namespace).serve)`, as tests/helpers.run_in_process does), and
through a socket to a `Server` in a process of its own, as in grading (no sandbox: the boundary is the process).
What must hold in both is checked in both; what only a second process can show (random generators, which one
process shares with itself, and what the student's code can reach) is checked there.

Hostile replies are written by hand and handed to a `Link` by a fake `send`: whatever the student's kernel says,
the grader refuses what is not plain data with RemoteError, runs nothing of it and unpickles nothing. Each test
says in its docstring what fair (an honest submission is graded on what it does) or safe (a hostile one gains
nothing) means for it.
"""

import base64
import collections
import copy
import json
import math
import os
import pickle
import random
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import textwrap

import numpy as np
import pytest
import torch
from torch import nn

from nnfs.grading import remote, sandbox

NAN = float("nan")


# --- The student's side, in this process or in a process of its own ------------------------------------------------

class InProcess:
    """A Server over a namespace of this process, called directly (no socket)."""

    def __init__(self):
        self.namespace = {"__name__": "__main__"}
        self.link = remote.Link(remote.Server(self.namespace).serve)

    def define(self, source):
        """Run the student's cell `source` in the student's namespace."""
        exec(compile(textwrap.dedent(source), "<student's cell>", "exec"), self.namespace)

    def get(self, name):
        """The student's `name`, as a test gets it (plain data, or a handle)."""
        return self.link.request("global", name=name)


BOOT = """
from nnfs.grading import remote

def define(source):
    exec(compile(source, "<student's cell>", "exec"), globals())

remote.Server(globals()).serve_forever({path!r})
"""


class OwnProcess(InProcess):
    """A Server in a Python process of its own, which connects to a socket of ours (as nnfs/grading/sandbox.py does,
    without the sandbox); the student's namespace is that process's __main__."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="remote-")  # short: a socket's path has at most 107 bytes
        path = os.path.join(self.folder, "socket")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(path)
        listener.listen(1)
        listener.settimeout(60)
        self.log = open(os.path.join(self.folder, "stderr"), "w+")
        self.process = subprocess.Popen([sys.executable, "-c", BOOT.format(path=path)],
                                        stdout=self.log, stderr=self.log)
        try:
            self.connection, _ = listener.accept()
        finally:
            listener.close()
        self.connection.settimeout(60)
        self.link = remote.Link(self.send)

    def send(self, text):
        remote.send_frame(self.connection, text)
        reply = remote.receive_frame(self.connection, remote.REPLY_LIMIT)
        if reply is None:
            self.log.seek(0)
            raise ConnectionError(f"the student's process stopped answering:\n{self.log.read()[-3000:]}")
        return reply

    def define(self, source):
        self.get("define")(textwrap.dedent(source))

    def alive(self):
        return self.process.poll() is None

    def close(self):
        try:
            remote.send_frame(self.connection, '"end"')
        except OSError:
            pass
        self.connection.close()
        self.process.kill()  # (its server has returned; exiting cleanly, PyTorch takes seconds)
        self.process.wait()
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="module")
def own_process_kernel():
    """One student's process for the module (starting one, PyTorch imported, takes a few seconds), replaced if a
    test broke it."""
    kernels = [OwnProcess()]

    def current():
        if not kernels[-1].alive():
            kernels[-1].close()
            kernels.append(OwnProcess())
        return kernels[-1]

    yield current
    kernels[-1].close()


@pytest.fixture(params=["in this process", "in its own process"])
def student(request):
    """The student's side, each way."""
    return InProcess() if request.param == "in this process" else request.getfixturevalue("own_process_kernel")()


@pytest.fixture
def own_process(own_process_kernel):
    return own_process_kernel()


def crossed(value):
    """`value` as a test receives it from a function of the student's that returns it."""
    side = InProcess()
    side.namespace["give"] = lambda: value
    return side.get("give")()


def assert_same(got, expected, where="the value"):
    """got is expected, bit for bit: the same type, dtype, shape and bytes, all the way down."""
    assert type(got) is type(expected), f"{where}: a {type(expected).__name__} arrived as a {type(got).__name__} ({got!r})"
    if isinstance(expected, (np.ndarray, np.generic)):
        assert (got.dtype, got.shape) == (expected.dtype, expected.shape), (
            f"{where}: dtype and shape {expected.dtype} {expected.shape} arrived as {got.dtype} {got.shape}")
        assert got.tobytes() == expected.tobytes(), f"{where}: {expected!r} arrived as {got!r}"
    elif isinstance(expected, float):
        assert struct.pack(">d", got) == struct.pack(">d", expected), f"{where}: {expected!r} arrived as {got!r} (not bit for bit)"
    elif isinstance(expected, torch.Tensor):
        assert (got.dtype, got.shape) == (expected.dtype, expected.shape), (
            f"{where}: dtype and shape {expected.dtype} {tuple(expected.shape)} arrived as {got.dtype} {tuple(got.shape)}")
        assert got.detach().numpy().tobytes() == expected.detach().numpy().tobytes(), f"{where}: {expected!r} arrived as {got!r}"
        assert got.requires_grad == expected.requires_grad, f"{where}: requires_grad={expected.requires_grad} arrived as {got.requires_grad}"
        if expected.grad is None:
            assert got.grad is None, f"{where}: a tensor without .grad arrived with one"
        else:
            assert got.grad is not None, f"{where}: the tensor's .grad was lost"
            assert_same(got.grad, expected.grad, f"{where}.grad")
    elif isinstance(expected, (list, tuple)):
        assert len(got) == len(expected), f"{where}: {len(expected)} items arrived as {len(got)}"
        for index, (item, wanted) in enumerate(zip(got, expected)):
            assert_same(item, wanted, f"{where}[{index}]")
    elif isinstance(expected, dict):
        assert list(got) == list(expected), f"{where}: the keys {list(expected)!r} arrived as {list(got)!r}"
        for key in expected:
            assert_same(got[key], expected[key], f"{where}[{key!r}]")
    else:
        assert got == expected, f"{where}: {expected!r} arrived as {got!r}"


# --- 1. Plain data crosses exactly ---------------------------------------------------------------------------------

def _nested(depth):
    value = []
    for _ in range(depth):
        value = [value]
    return value


PLAIN = {
    "None": None, "True": True, "False": False, "zero": 0, "2**64": 2**64, "-2**200": -2**200,
    "a float": 0.1, "nan": NAN, "inf": math.inf, "-inf": -math.inf, "-0.0": -0.0, "the smallest subnormal": 5e-324,
    "str": "naïve ☃ \U0001F600 \x00", "empty str": "", "bytes": bytes(range(256)), "empty bytes": b"",
    "list": [1, "two", 3.0, None], "empty list": [], "tuple": (1, (2, (3,))), "empty tuple": (),
    "dict with keys of every plain kind": {(1, 2): "pair", None: 0, 2.5: "x", frozenset({1}): "f", b"k": 1, -3: [1], "s": {}},
    "set": {1, 2.5, "a", (1, 2), frozenset({3})}, "empty set": set(), "frozenset": frozenset({"a", 1, (2,)}),
    "nesting": {"a": [({"b": {1, 2}}, [b"c", (None,)])]}, "a list 90 deep": _nested(90),
}


@pytest.mark.parametrize("name", PLAIN)
def test_python_data_crosses_exactly(name):
    """Fair: what the student's function returns is what the test receives: the same type (a tuple stays a tuple,
    a frozenset a frozenset), the same value, floats bit for bit (nan, inf, -0.0 and the smallest subnormal
    included), dict keys of any plain kind."""
    assert_same(crossed(PLAIN[name]), PLAIN[name])


def test_a_negative_nan_crosses_bit_for_bit():
    """Fair: a float crosses with every bit (the module says so): -nan (its sign bit set, as -float('nan') or
    0 * -inf give) keeps its sign."""
    negative_nan = -NAN
    assert math.copysign(1, negative_nan) == -1
    assert_same(crossed(negative_nan), negative_nan)


def test_an_int_of_5000_digits_crosses_exactly():
    """Fair: a Python int of any size is plain data (math.factorial(2000) has 5736 digits): it crosses exactly, and
    it does not break the student's side of the connection (JSON's int to text stops at 4300 digits)."""
    big = 10**5000 + 7
    assert_same(crossed(big), big)


ARRAY_SHAPES = [(), (0,), (2, 3), (0, 3)]


@pytest.mark.parametrize("dtype", sorted(remote.NUMERIC_DTYPES))
@pytest.mark.parametrize("shape", ARRAY_SHAPES, ids=["0-d", "empty", "2x3", "0x3"])
def test_numpy_arrays_of_every_numeric_dtype_cross_exactly(dtype, shape):
    """Fair: an array of a numeric dtype arrives with its dtype, its shape (0-d and empty ones too) and its values."""
    array = (np.arange(math.prod(shape)) * 3 - 2).reshape(shape).astype(dtype)
    assert_same(crossed(array), array)


@pytest.mark.parametrize("array", [
    np.array([NAN, -NAN, -0.0, math.inf, -math.inf, 5e-324, 1e308]),
    np.array([[1.5, 2.5], [3.5, 4.5]], dtype=">f8"),
    np.arange(12.0).reshape(3, 4)[:, ::2],
    np.asfortranarray(np.arange(6, dtype=np.int16).reshape(2, 3)),
    np.array([1 + 2j, NAN - 0j], dtype=np.complex64),
], ids=["special floats", "big-endian", "a strided view", "Fortran order", "complex with nan"])
def test_numpy_arrays_of_any_layout_cross_exactly(array):
    """Fair: special values keep their bits, and the array's layout (a view, Fortran order, a big-endian dtype)
    does not change its dtype or its values."""
    assert_same(crossed(array), np.ascontiguousarray(array))


@pytest.mark.parametrize("scalar", [np.float64(1.5), np.float32(-0.0), np.float16(0.1), np.int32(-7), np.int64(2**62),
                                    np.uint8(255), np.uint64(2**64 - 1), np.bool_(True), np.complex128(1 - 2j)],
                         ids=lambda scalar: type(scalar).__name__)
def test_numpy_scalars_keep_their_type(scalar):
    """Fair: a NumPy scalar stays one (np.float64 is not turned into a float, np.int32 not into an int), as a test
    may check the type a function returns."""
    assert_same(crossed(scalar), scalar)


def _with_grad(tensor, grad):
    tensor.grad = grad
    return tensor


def _tensors():
    yield "float32 with nan and -0.0", torch.tensor([1.5, -0.0, NAN])
    for dtype in (torch.float16, torch.float64, torch.complex64, torch.complex128, torch.int8, torch.int16, torch.int32,
                  torch.int64, torch.uint8, torch.bool):
        yield str(dtype).removeprefix("torch."), (torch.arange(6) - 2).reshape(2, 3).to(dtype)
    yield "0-d", torch.tensor(2.5)
    yield "empty", torch.zeros(0, 3)
    yield "requires_grad", torch.ones(2, 2, dtype=torch.float64, requires_grad=True)
    yield "requires_grad and .grad", _with_grad(torch.ones(3, requires_grad=True), torch.tensor([0.5, -1.0, 2.0]))
    yield "a Parameter with .grad", _with_grad(nn.Parameter(torch.ones(2, 3)), torch.full((2, 3), 0.25))
    yield "a frozen Parameter", nn.Parameter(torch.ones(2), requires_grad=False)
    yield "complex64 requires_grad", torch.zeros(2, dtype=torch.complex64, requires_grad=True)


TENSORS = dict(_tensors())


@pytest.mark.parametrize("name", TENSORS)
def test_tensors_cross_with_dtype_values_requires_grad_and_grad(name):
    """Fair: a tensor arrives with its dtype, shape, values, requires_grad and .grad; an nn.Parameter stays an
    nn.Parameter (a test may check that a model's weights are parameters)."""
    assert_same(crossed(TENSORS[name]), TENSORS[name])


@pytest.mark.parametrize("value", [torch.Size([2, 3]), torch.Size([]), torch.float32, torch.int64, torch.bool,
                                   torch.complex64, np.dtype("float32"), np.dtype("int8"), np.dtype("bool")], ids=repr)
def test_shapes_and_dtypes_cross_exactly(value):
    """Fair: a torch.Size, a torch dtype and a NumPy dtype arrive as themselves (tests compare `x.shape == (2, 3)`
    and `x.dtype == torch.float32`)."""
    got = crossed(value)
    assert type(got) is type(value) and got == value, f"{value!r} arrived as {got!r}"


def test_an_ordered_dict_arrives_as_a_dict_in_its_order():
    """Fair: a state_dict is an OrderedDict: it arrives as a dict with the same keys in the same order and the
    same tensors."""
    model = nn.Linear(3, 2)
    got = crossed(model.state_dict())
    assert type(got) is dict, f"an OrderedDict arrived as a {type(got).__name__}"
    assert_same(got, dict(model.state_dict()))
    assert_same(crossed(collections.OrderedDict([("b", 1), ("a", 2)])), {"b": 1, "a": 2})


# --- 2. Anything else is a handle, used like the object ------------------------------------------------------------

VEC = """
class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)
    def __repr__(self):
        return f"Vec{tuple(self.xs)}"
    def _map(self, other, op):
        return Vec(*[op(a, b) for a, b in zip(self.xs, other.xs if isinstance(other, Vec) else [other] * len(self.xs))])
    def __add__(self, other):
        return self._map(other, lambda a, b: a + b)
    def __radd__(self, other):
        return self._map(other, lambda a, b: b + a)
    def __mul__(self, other):
        return self._map(other, lambda a, b: a * b)
    def __rmul__(self, other):
        return self._map(other, lambda a, b: b * a)
    def __sub__(self, other):
        return self._map(other, lambda a, b: a - b)
    def __rsub__(self, other):
        return self._map(other, lambda a, b: b - a)
    def __neg__(self):
        return Vec(*[-a for a in self.xs])
    def __abs__(self):
        return sum(a * a for a in self.xs) ** 0.5
    def __lt__(self, other):
        return abs(self) < abs(other)
    def __eq__(self, other):
        return isinstance(other, Vec) and self.xs == other.xs
    def __hash__(self):
        return hash(tuple(self.xs))
    def __len__(self):
        return len(self.xs)
    def __getitem__(self, index):
        return self.xs[index]
    def __setitem__(self, index, value):
        self.xs[index] = value
    def __contains__(self, value):
        return value in self.xs
    def __iter__(self):
        yield from self.xs
    def __bool__(self):
        return any(self.xs)
    def __float__(self):
        return float(sum(self.xs))
    def __int__(self):
        return int(sum(self.xs))
    def scale(self, k):
        self.xs = [a * k for a in self.xs]
        return self
    def norm(self):
        return abs(self)

def columns():
    return iter([10, 20, 30])
"""


@pytest.fixture
def vec(student):
    student.define(VEC)
    return student


def _xs(handle):
    assert isinstance(handle, remote.Handle), f"expected a handle to a Vec, got {handle!r}"
    return handle.xs


def test_an_object_of_the_students_class_is_a_handle_with_attributes_methods_and_setattr(vec):
    """Fair: an object of the student's class is not plain data: the test gets a handle, and reads its attributes,
    calls its methods and sets its attributes as it would on the object."""
    v = vec.get("Vec")(3, 4)
    assert type(v) is remote.Handle, f"a Vec arrived as {type(v).__name__}, not as a handle"
    assert v.xs == [3, 4], f"v.xs: expected [3, 4], got {v.xs!r}"
    assert v.norm() == 5.0, f"v.norm(): expected 5.0, got {v.norm()!r}"
    v.label = "arrow"
    v.xs = [6, 8]
    assert (v.label, v.norm()) == ("arrow", 10.0), f"after setting attributes: expected ('arrow', 10.0), got {(v.label, v.norm())!r}"
    with pytest.raises(AttributeError):
        v.missing


def test_operators_work_both_ways_between_handles_and_test_values(vec):
    """Fair: `2 * v`, `v * 2`, `v + w`, `1 - v` are the student's operators, with the operands in the order the
    test wrote them (the reflected method when the test's value comes first)."""
    Vec = vec.get("Vec")
    v, w = Vec(1, 2), Vec(10, 20)
    for expression, got, expected in [("2 * v", 2 * v, [2, 4]), ("v * 2", v * 2, [2, 4]), ("v + w", v + w, [11, 22]),
                                      ("w - v", w - v, [9, 18]), ("1 - v", 1 - v, [0, -1]), ("v + 1", v + 1, [2, 3]),
                                      ("-v", -v, [-1, -2])]:
        assert _xs(got) == expected, f"{expression}: expected Vec{tuple(expected)}, got {got!r}"


def test_comparisons_and_unary_operators_reach_the_students_methods(vec):
    """Fair: comparisons and abs() are the student's own, with a handle or a test's value on either side."""
    Vec = vec.get("Vec")
    small, large = Vec(1, 0), Vec(3, 4)
    assert (small < large) is True and (large < small) is False, "Vec.__lt__ was not used"
    assert (large > small) is True, "large > small: Python reflects it to small < large"
    assert small == Vec(1, 0) and small != large, "Vec.__eq__ was not used"
    assert (small == 5) is False, "a Vec is not equal to 5"
    assert abs(large) == 5.0, f"abs(Vec(3, 4)): expected 5.0, got {abs(large)!r}"
    assert hash(small) == hash((1, 0)), "hash(v) is the student's __hash__"


def test_iteration_over_a_generator_and_a_list_iterator_ends_normally(vec):
    """Fair: iterating a handle (a Vec whose __iter__ is a generator, a list_iterator the student returned) gives its
    items and ends where the student's iterator ends: StopIteration on the student's side ends the test's loop."""
    v = vec.get("Vec")(5, 6, 7)
    assert list(v) == [5, 6, 7], f"list(v): expected [5, 6, 7], got {list(v)!r}"
    seen = [x for x in vec.get("columns")()]
    assert seen == [10, 20, 30], f"iterating a list_iterator: expected [10, 20, 30], got {seen!r}"
    iterator = vec.get("columns")()
    assert (next(iterator), next(iterator), next(iterator)) == (10, 20, 30)
    with pytest.raises(StopIteration):
        next(iterator)
    assert next(iterator, "done") == "done", "next(iterator, default) after the end: the default"


def test_containers_len_getitem_setitem_and_in(vec):
    """Fair: len(), v[i], v[i] = x and `x in v` are the student's container methods."""
    v = vec.get("Vec")(1, 2, 3)
    assert len(v) == 3 and v[1] == 2 and v[-1] == 3, f"len(v), v[1], v[-1]: got {len(v)}, {v[1]!r}, {v[-1]!r}"
    v[0] = 9
    assert v.xs == [9, 2, 3], f"after v[0] = 9: expected [9, 2, 3], got {v.xs!r}"
    assert 9 in v and 4 not in v, "`in` did not use Vec.__contains__"
    with pytest.raises(IndexError):
        v[10]


def test_conversions_bool_float_int_and_repr(vec):
    """Fair: bool(v), float(v), int(v), repr(v) and str(v) are the student's, and of the right Python type."""
    Vec = vec.get("Vec")
    v = Vec(1, 2.5)
    assert bool(v) is True and bool(Vec(0, 0)) is False, "bool(v) did not use Vec.__bool__"
    assert float(v) == 3.5 and type(float(v)) is float, f"float(v): expected 3.5, got {float(v)!r}"
    assert int(v) == 3 and type(int(v)) is int, f"int(v): expected 3, got {int(v)!r}"
    assert repr(v) == "Vec(1, 2.5)" and str(v) == "Vec(1, 2.5)", f"repr(v): expected 'Vec(1, 2.5)', got {repr(v)!r}"
    assert f"{v}" == "Vec(1, 2.5)", "format(v) is the student's"


def test_isinstance_with_a_handle_to_the_students_class(vec):
    """Fair: `isinstance(v, Vec)`, where Vec is the student's class (a handle), is asked in the student's kernel."""
    Vec = vec.get("Vec")
    assert isinstance(Vec(1), Vec), "isinstance(Vec(1), Vec) should be True"
    assert not isinstance(5, Vec) and not isinstance(vec.get("columns")(), Vec), "isinstance(5, Vec) should be False"
    assert issubclass(Vec, Vec), "issubclass(Vec, Vec) should be True"


def test_a_method_that_returns_self_gives_a_working_handle(vec):
    """Fair: a fluent method (`return self`) gives a handle to the same object: using either one changes both."""
    v = vec.get("Vec")(1, 2)
    same = v.scale(3)
    assert isinstance(same, remote.Handle) and same.xs == [3, 6], f"v.scale(3): expected a handle to Vec(3, 6), got {same!r}"
    same.scale(2)
    assert v.xs == [6, 12], f"the handle v.scale() returned is to v itself: v.xs should be [6, 12], got {v.xs!r}"
    assert v.scale(1).scale(1).norm() == abs(v), "a chain of fluent calls"


# --- 3. Exceptions -------------------------------------------------------------------------------------------------

RAISING = """
import sys

class NotPositive(ValueError):
    pass

class OwnError(Exception):
    pass

def check(x):
    if x <= 0:
        raise NotPositive(f"x must be positive, got {x}")
    return x

def fail_with(kind):
    if kind == "ZeroDivisionError":
        return 1 / 0
    if kind == "IndexError":
        return [][1]
    if kind == "TypeError":
        return len(5)
    if kind == "OwnError":
        raise OwnError("something of mine")
    if kind == "SystemExit":
        sys.exit(3)
    if kind == "KeyboardInterrupt":
        raise KeyboardInterrupt
    if kind == "GeneratorExit":
        raise GeneratorExit("closed")
"""


def test_a_subclass_of_a_built_in_exception_is_raised_as_the_built_in_with_message_and_traceback(student):
    """Fair: `with pytest.raises(ValueError)` / `except ValueError` in a test catches the student's own ValueError
    subclass, with its message, and the student's traceback comes along as a note (for the feedback)."""
    student.define(RAISING)
    check = student.get("check")
    assert check(2) == 2
    with pytest.raises(ValueError) as caught:
        check(-1)
    assert type(caught.value) is ValueError, f"expected the built-in ValueError, got {type(caught.value).__name__}"
    assert str(caught.value) == "x must be positive, got -1", f"the message: got {str(caught.value)!r}"
    notes = getattr(caught.value, "__notes__", [])
    assert len(notes) == 1 and notes[0].startswith("In the submission's code:"), f"expected the student's traceback as a note, got {notes!r}"
    assert "in check" in notes[0] and "<student's cell>" in notes[0], f"the note should show the student's frame `check`: {notes[0]!r}"
    assert "remote.py" not in notes[0], f"the note shows the server's own frames: {notes[0]!r}"


@pytest.mark.parametrize("kind", ["ZeroDivisionError", "IndexError", "TypeError"])
def test_a_built_in_exception_keeps_its_type(student, kind):
    """Fair: a built-in exception of the student's code is the same built-in type in the test."""
    student.define(RAISING)
    with pytest.raises(Exception) as caught:
        student.get("fail_with")(kind)
    assert type(caught.value).__name__ == kind, f"expected {kind}, got {type(caught.value).__name__}: {caught.value}"


def test_an_exception_class_of_the_students_own_is_a_remote_error(student):
    """Fair and safe: an exception class the student derived from Exception itself has no built-in meaning: the
    test gets RemoteError, whose message names the class and carries the student's message."""
    student.define(RAISING)
    with pytest.raises(remote.RemoteError) as caught:
        student.get("fail_with")("OwnError")
    assert type(caught.value) is remote.RemoteError and str(caught.value) == "OwnError: something of mine", (
        f"expected RemoteError('OwnError: something of mine'), got {type(caught.value).__name__}({caught.value})")


@pytest.mark.parametrize("kind", ["SystemExit", "KeyboardInterrupt", "GeneratorExit"])
def test_exits_and_interrupts_of_the_students_code_do_not_escape_as_base_exceptions(student, kind):
    """Safe: sys.exit(), KeyboardInterrupt or GeneratorExit in the student's code would stop the grader (or the
    test's `except Exception` would not see them): the test gets a RemoteError, and the student's side still
    answers."""
    student.define(RAISING)
    try:
        student.get("fail_with")(kind)
    except remote.RemoteError as error:
        assert str(error).startswith(kind), f"the RemoteError should name {kind}: {error}"
    except BaseException as error:  # noqa: B036
        pytest.fail(f"{kind} in the student's code escaped into the grader as {type(error).__name__}")
    else:
        pytest.fail(f"{kind} in the student's code was not raised in the test")
    assert student.get("check")(1) == 1, "the student's side no longer answers"


def test_stop_iteration_from_next_on_a_handle_ends_a_for_loop(student):
    """Fair: a for loop over a student's iterator ends normally when it is exhausted (StopIteration crosses as
    StopIteration), and a `for` in a test's generator is not turned into RuntimeError."""
    student.define("def countdown(n):\n    while n:\n        yield n\n        n -= 1\n")
    seen = []
    for item in student.get("countdown")(3):
        seen.append(item)
    assert seen == [3, 2, 1], f"expected [3, 2, 1], got {seen!r}"
    assert list(x * 2 for x in student.get("countdown")(2)) == [4, 2]


# --- 4. Hostile replies --------------------------------------------------------------------------------------------

def reply(value=..., **fields):
    """The text of a reply: `value` (a tree), and other fields as given."""
    tree = {} if value is ... else {"value": value}
    tree.update(fields)
    return json.dumps(tree)


def array_tree(dtype="<f8", shape=(1,), data=b"\0" * 8):
    return {"$": "array", "dtype": dtype, "shape": list(shape), "data": base64.b64encode(data).decode()}


def refused(text, args=(), kwargs=None):
    """Hand the reply `text` to a Link as the answer to a call; the RemoteError it raised (anything else fails)."""
    link = remote.Link(lambda request: text)
    try:
        value = link.request("call", args=args, kwargs=kwargs)
    except remote.RemoteError as error:
        return error
    except BaseException as error:  # noqa: B036
        pytest.fail(f"the reply {text[:150]!r} raised {type(error).__name__} ({str(error)[:200]}) in the grader, not RemoteError")
    pytest.fail(f"the reply {text[:150]!r} was accepted, as {value!r}")


DEEP = {"$": "list", "items": []}
for _ in range(remote.NESTING_LIMIT + 2):
    DEEP = {"$": "list", "items": [DEEP]}

HOSTILE = {
    # not a reply
    "not JSON": "<html>hello</html>",
    "JSON that stops in the middle": '{"value": [1, 2',
    "JSON nested 100,000 deep": "[" * 100_000 + "]" * 100_000,
    "a JSON object nested 100,000 deep": '{"a":' * 100_000 + "1" + "}" * 100_000,
    "a JSON list": "[1, 2]",
    "a JSON string": '"value"',
    "JSON null": "null",
    "a dict with neither value nor raised": reply(stdout="hello"),
    "an empty dict": "{}",
    # values that are not plain data
    "a JSON float, not tagged": reply(1.5),
    "NaN, JSON's extension": '{"value": NaN}',
    "a JSON list, not tagged": reply([1, 2]),
    "a dict without a $ tag": reply({"a": 1}),
    "a $ tag that is not a string": reply({"$": 1}),
    "an unknown tag": reply({"$": "function", "code": "print(1)"}),
    "the tag 'pickle'": reply({"$": "pickle", "data": "gASVAAAAAAAAAAAu"}),
    "the tag 'object'": reply({"$": "object", "data": "gASVAAAAAAAAAAAu"}),
    "the tag 'module'": reply({"$": "module", "name": "os"}),
    "a list without items": reply({"$": "list"}),
    "a dict whose items are not pairs": reply({"$": "dict", "items": [[1, 2, 3]]}),
    "a dict whose key is a list": reply({"$": "dict", "items": [[{"$": "list", "items": []}, 1]]}),
    "a set holding a list": reply({"$": "set", "items": [{"$": "list", "items": []}]}),
    "a frozenset holding an array": reply({"$": "frozenset", "items": [array_tree()]}),
    # numbers and bytes
    "a float given as a 10 kB string": reply({"$": "float", "value": "1" * 10_000}),
    "a float given as a word": reply({"$": "float", "value": "nonsense"}),
    "a float given as a number": reply({"$": "float", "value": 1.5}),
    "bytes that are not base64": reply({"$": "bytes", "data": "!!!!"}),
    "bytes that are not ASCII": reply({"$": "bytes", "data": "é"}),
    "bytes given as a list": reply({"$": "bytes", "data": [1, 2]}),
    # arrays
    "an array with too little data": reply(array_tree("<f8", (2, 3), b"\0" * 40)),
    "an array with too much data": reply(array_tree("<f8", (2,), b"\0" * 24)),
    "an object dtype": reply(array_tree("|O", (1,), b"\0" * 8)),
    "a unicode dtype": reply(array_tree("<U2", (1,), b"\0" * 8)),
    "a bytes dtype": reply(array_tree("|S8", (1,), b"\0" * 8)),
    "a datetime dtype": reply(array_tree("<M8[s]", (1,), b"\0" * 8)),
    "a structured dtype": reply(array_tree("f8,i4", (1,), b"\0" * 12)),
    "a dtype that is no dtype": reply(array_tree("nonsense", (1,), b"\0" * 8)),
    "a dtype given as a list": reply({"$": "array", "dtype": ["f8"], "shape": [1], "data": "AAAAAAAAAAA="}),
    "a negative shape entry": reply(array_tree("<f8", (-1,), b"")),
    "a float shape entry": reply(array_tree("<f8", (1.0,), b"\0" * 8)),
    "a bool shape entry": reply(array_tree("<f8", (True,), b"\0" * 8)),
    "a string shape entry": reply(array_tree("<f8", ("1",), b"\0" * 8)),
    "a shape that is not a list": reply({"$": "array", "dtype": "<f8", "shape": 1, "data": "AAAAAAAAAAA="}),
    "a shape of 2**63": reply(array_tree("<f8", (2**63,), b"")),
    "a shape whose product wraps to 0": reply(array_tree("<f8", (2**32, 2**32), b"")),
    "a shape with 2**70 after a 0": reply(array_tree("<f8", (0, 2**70), b"")),
    "a scalar that is not 0-d": reply({"$": "scalar", "array": array_tree("<f8", (1,))}),
    "a tensor of an object array": reply({"$": "tensor", "array": array_tree("|O", (1,))}),
    "an int Parameter that requires grad": reply({"$": "tensor", "array": array_tree("<i8", (1,)), "parameter": True, "requires_grad": True}),
    "a numpy dtype by an unknown name": reply({"$": "numpy dtype", "name": "object"}),
    "a numpy dtype named by a list": reply({"$": "numpy dtype", "name": ["float64"]}),
    "a torch dtype named by a dict": reply({"$": "torch dtype", "name": {"a": 1}}),
    "a size of strings": reply({"$": "size", "items": ["1"]}),
    "nesting deeper than NESTING_LIMIT": reply(DEEP),
    # handles
    "a handle with a string id": reply({"$": "handle", "id": "1"}),
    "a handle with a float id": reply({"$": "handle", "id": 1.0}),
    "a handle with a bool id": reply({"$": "handle", "id": True}),
    "a handle with no id": reply({"$": "handle"}),
    "a handle with a list id": reply({"$": "handle", "id": [1]}),
    # exceptions
    "raised SystemExit": reply(raised={"types": ["SystemExit", "BaseException", "object"], "message": "0"}),
    "raised KeyboardInterrupt": reply(raised={"types": ["KeyboardInterrupt", "BaseException", "object"], "message": ""}),
    "raised GeneratorExit": reply(raised={"types": ["GeneratorExit"], "message": ""}),
    "raised BaseException": reply(raised={"types": ["BaseException"], "message": ""}),
    "raised types that are a string": reply(raised={"types": "ValueError", "message": "x"}),
    "raised types that are a dict": reply(raised={"types": {"ValueError": 1}, "message": "x"}),
    "raised without types": reply(raised={"message": "x"}),
    "raised that is a string": reply(raised="ValueError"),
    "raised that is a list": reply(raised=["ValueError"]),
    "raised ExceptionGroup (needs two arguments)": reply(raised={"types": ["ExceptionGroup"], "message": "x"}),
    "raised UnicodeDecodeError (needs five arguments)": reply(raised={"types": ["UnicodeDecodeError"], "message": "x"}),
    # random state
    "a random state that is a number": reply(1, random=5),
    "a random state that is an empty dict": reply(1, random={"$": "dict", "items": []}),
    "a random state that is not plain data": reply(1, random={"$": "handle", "id": 1}),
    "a random state with a broken NumPy part": reply(1, random=remote.encode(
        {"numpy": ("MT19937", 5), "random": None, "torch": None, "grad": True}, remote._refuse)),
    "a random state with a torch part of the wrong size": reply(1, random=remote.encode(
        {"numpy": np.random.get_state(), "random": random.getstate(), "torch": np.zeros(3, np.uint8), "grad": True}, remote._refuse)),
    # states
    "states that are a dict": reply(1, states={"0": 1}),
    "states that are a number": reply(1, states=5),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_reply_is_refused_with_remote_error(name):
    """Safe: whatever the student's kernel sends back, a reply that is not plain data in the protocol's form is
    refused with RemoteError: never another exception type (which a test could mistake for the student's code's
    own, or which escapes `except RemoteError`), never a crash of the grader."""
    refused(HOSTILE[name])


def test_a_set_of_handles_does_not_make_the_grader_call_back_without_end():
    """Safe: decoding a set (or a dict) whose items are handles hashes them, which is a request to the student's
    kernel; a kernel that answers each such request with another set of handles must not drive the grader into
    endless nested requests, nor out of them with another exception than RemoteError."""
    text = reply({"$": "set", "items": [{"$": "handle", "id": 1, "type": "Evil"}]})
    requests = []

    def send(request):
        requests.append(json.loads(request)["op"])
        return text

    link = remote.Link(send)
    try:
        link.request("call")
    except remote.RemoteError:
        pass
    except BaseException as error:  # noqa: B036
        pytest.fail(f"after {len(requests)} nested requests the grader raised {type(error).__name__} ({str(error)[:100]}), not RemoteError")


class _CreatesAFile:
    """A pickle that, if the grader ever unpickled it, would create `path` (by open, or by a shell command)."""

    def __init__(self, path, how):
        self.path, self.how = str(path), how

    def __reduce__(self):
        if self.how == "open":
            return open, (self.path, "w")
        return os.system, (f"touch '{self.path}'",)


def _pickle_placements(b64):
    object_tree = {"$": "object", "pickle": b64, "data": b64}

    def attributes(note):  # the state of an object: {"attributes": {"note": note}}
        return {"$": "dict", "items": [["attributes", {"$": "dict", "items": [["note", note]]}]]}

    return {
        "a value tagged object": (reply(object_tree), remote.RemoteError),
        "a value tagged pickle": (reply({"$": "pickle", "data": b64}), remote.RemoteError),
        "a value tagged bytes": (reply({"$": "bytes", "data": b64}), None),
        "a value that is the text": (reply(b64), None),
        "a handle that holds it": (reply({"$": "handle", "id": 1, "type": b64, "pickle": b64}), None),
        "a tensor's array": (reply({"$": "tensor", "array": object_tree}), remote.RemoteError),
        "a tensor's grad": (reply({"$": "tensor", "array": array_tree(), "grad": object_tree}), remote.RemoteError),
        "a dict's key": (reply({"$": "dict", "items": [[object_tree, 1]]}), remote.RemoteError),
        "an exception's message and traceback": (
            reply(raised={"types": ["ValueError"], "message": b64, "traceback": b64, "pickle": b64}), ValueError),
        "an exception's types": (reply(raised={"types": [object_tree], "message": "x"}), remote.RemoteError),
        "the random state": (reply(1, random=object_tree), remote.RemoteError),
        "the NumPy part of the random state": (reply(1, random={"$": "dict", "items": [["numpy", object_tree]]}), remote.RemoteError),
        "a state of an argument": (reply(1, states=[[0, object_tree]]), remote.RemoteError),
        "an attribute in a state": (reply(1, states=[[0, attributes(b64)]]), None),
        "an object in an attribute in a state": (reply(1, states=[[0, attributes(object_tree)]]), remote.RemoteError),
        "the stdout": (reply(1, stdout=b64, stderr=b64), None),
        "fields of its own": (reply(1, call=b64, pickle=b64, object=object_tree), None),
    }


@pytest.mark.parametrize("placement", list(_pickle_placements("")))
def test_a_pickle_in_a_reply_is_never_unpickled(placement, tmp_path):
    """Safe: the grader never unpickles what the student's kernel sends. A pickle that would create a file (by
    open(), and by os.system) is put where a reply could carry it; the reply is refused or read as text or bytes,
    and the file never appears."""
    class Note:
        note = "the test's"

    for how in ("open", "system"):
        target = tmp_path / f"pwned-by-{how}"
        payload = pickle.dumps(_CreatesAFile(target, how))
        made = pickle.loads(payload)  # the payload works: unpickled, it creates the file
        if hasattr(made, "close"):
            made.close()
        assert target.exists(), f"the {how} payload does not work"
        target.unlink()
        b64 = base64.b64encode(payload).decode()
        text, expected = _pickle_placements(b64)[placement]
        link = remote.Link(lambda request: text)
        try:
            got = link.request("call", args=(Note(),))
        except BaseException as error:  # noqa: B036
            assert expected is not None and type(error) is expected, f"{placement}: raised {type(error).__name__} ({error}), expected {expected}"
        else:
            assert expected is None, f"{placement}: accepted as {got!r}, expected {expected.__name__}"
            assert isinstance(got, (int, str, bytes, remote.Handle, torch.Tensor)), f"{placement}: arrived as {type(got).__name__}"
        assert not target.exists(), f"{placement}: the grader unpickled the student's pickle ({how} created {target.name})"


def test_states_naming_argument_positions_that_do_not_exist_are_ignored():
    """Safe: a reply's "states" may only change the call's own arguments: an entry naming a position or keyword the
    call does not have (or one of another type) changes nothing of the test's, and the call's value stands. (Given
    position 0, the same state does change the argument: the state itself is well formed.)"""
    state = remote.encode({"value": [9, 9], "replaced": []}, remote._refuse)
    for position in [1, 7, -1, "missing", True, None, 1.5, [0], {"$": "int"}]:
        argument = [1, 2]
        link = remote.Link(lambda request: reply(5, states=[[position, state]]))
        try:
            got = link.request("call", args=(argument,), kwargs={"other": 3})
        except remote.RemoteError:
            got = 5
        except BaseException as error:  # noqa: B036
            pytest.fail(f"a state for position {position!r} raised {type(error).__name__} ({error}), not RemoteError")
        assert got == 5 and argument == [1, 2], f"a state for position {position!r} changed the test's argument to {argument!r}"
    argument = [1, 2]
    assert remote.Link(lambda request: reply(5, states=[[0, state]])).request("call", args=(argument,)) == 5
    assert argument == [9, 9], "the same state for position 0 should have been applied (is the state well formed?)"


@pytest.mark.parametrize("entry", [5, None, "ab", [0], [0, {"$": "int"}, 2], {"0": 1}], ids=repr)
def test_malformed_states_entries_are_refused(entry):
    """Safe: a "states" entry that is not a [position, state] pair is refused with RemoteError (or ignored), never
    raised as TypeError or ValueError, and the test's argument stays as it was."""
    argument = [1, 2]
    link = remote.Link(lambda request: reply(5, states=[entry]))
    try:
        link.request("call", args=(argument,))
    except remote.RemoteError:
        pass
    except BaseException as error:  # noqa: B036
        pytest.fail(f"the states entry {entry!r} raised {type(error).__name__} ({error}) in the grader, not RemoteError")
    assert argument == [1, 2], f"the states entry {entry!r} changed the test's argument to {argument!r}"


def test_states_cannot_set_private_attributes_or_the_class_of_a_tests_object():
    """Safe: a reply may set the public attributes of a test's object it was given (what the student's function did
    to it: `calls`, `note`), but not its class nor an attribute starting with "_" (`__class__`, `__dict__`,
    `_secret`), on a plain object of the test's as on a model (`_parameters`, `_forward_hooks`)."""
    class Recorder:
        def __init__(self):
            self._secret = "kept"
            self.calls = 0

    recorder = Recorder()
    forged = {"attributes": {"__class__": "int", "__dict__": {"_secret": "forged"}, "_secret": "forged", "calls": 5}}
    remote.Link(lambda request: reply(1, states=[[0, remote.encode(forged, remote._refuse)]])).request("call", args=(recorder,))
    assert type(recorder) is Recorder, f"the test's object became a {type(recorder).__name__}"
    assert recorder._secret == "kept", f"a private attribute was set: _secret = {recorder._secret!r}"
    assert vars(recorder) == {"_secret": "kept", "calls": 5}, f"expected only `calls` set (to 5), got {vars(recorder)!r}"

    model = nn.Linear(2, 1)
    model.note = "the test's"
    weight, names = model.weight, list(model._parameters)
    forged = {"modules": [{"training": True, "parameters": {}, "buffers": {},
                           "attributes": {"_parameters": {}, "_forward_hooks": {1: 2}, "__class__": "int", "note": "set"}}]}
    remote.Link(lambda request: reply(1, states=[["model", remote.encode(forged, remote._refuse)]])).request("call", kwargs={"model": model})
    assert type(model) is nn.Linear and list(model._parameters) == names and model.weight is weight, "the test's model lost its class or parameters"
    assert not model._forward_hooks and model.note == "set", "only the public attribute `note` should have been set"


# --- 5. State copy-back and aliasing -------------------------------------------------------------------------------

def test_a_function_that_fills_an_array_argument_changes_the_tests_array(student):
    """Fair: a function whose job is to write into the array it is given (`out[:] = ...`) does so to the test's own
    array, which stays the same object; through a view, the test's base array changes too, as in one process."""
    student.define("def fill(out, value):\n    out[...] = value\n")
    fill = student.get("fill")
    out = np.zeros(3)
    fill(out, 7.0)
    assert out.tolist() == [7.0, 7.0, 7.0], f"the test's array: expected [7, 7, 7], got {out.tolist()}"
    base = np.zeros((2, 3))
    fill(base[1], 1.0)
    assert base.tolist() == [[0, 0, 0], [1, 1, 1]], f"written through a view of row 1: expected the base's row 1 filled, got {base.tolist()}"


def test_a_function_that_fills_a_tensor_argument_changes_the_tests_tensor(student):
    """Fair: as for arrays: an in-place op on a tensor argument (`x.fill_()`, `x += 1`) changes the test's tensor,
    and through a view (a row of a bigger tensor) the base tensor, as in one process."""
    student.define("def fill_(x, value):\n    x.fill_(value)\n")
    fill_ = student.get("fill_")
    x = torch.zeros(3)
    fill_(x, 7.0)
    assert x.tolist() == [7.0, 7.0, 7.0], f"the test's tensor: expected [7, 7, 7], got {x.tolist()}"
    base = torch.zeros(2, 3)
    fill_(base[1], 1.0)
    assert base.tolist() == [[0, 0, 0], [1, 1, 1]], f"written through a view of row 1: expected the base's row 1 filled, got {base.tolist()}"


NETWORK = """
def replace_first(network):
    network[0] = [9, 9]

def grow_first(network):
    network[0].append(9)

def grow_each(network):
    for layer in network:
        layer.append(len(layer))
"""


def test_an_inner_list_replaced_or_changed_in_place_keeps_identity_as_in_one_process(student):
    """Fair: a test may check how a function changed a nested argument: `network[0] = [...]` puts a new inner list
    (the old one is untouched), `network[0].append()` changes the inner list the test holds; a list the argument
    holds twice stays one list."""
    student.define(NETWORK)
    first = [1, 2]
    network = [first, [3]]
    student.get("replace_first")(network)
    assert network == [[9, 9], [3]], f"after replace_first: expected [[9, 9], [3]], got {network!r}"
    assert network[0] is not first and first == [1, 2], "replace_first put a new list: the test's old inner list must be untouched"

    first = [1, 2]
    network = [first, [3]]
    student.get("grow_first")(network)
    assert network[0] is first and first == [1, 2, 9], (
        f"grow_first changed the inner list in place: expected network[0] to be the test's list, now [1, 2, 9], got {network!r}")

    row = [0]
    network = [row, row]
    student.get("grow_each")(network)
    assert network[0] is row and network[1] is row, "a list held twice should still be the test's one list"
    assert row == [0, 1, 2], f"the shared list grew twice (as in one process): expected [0, 1, 2], got {row!r}"


CONTAINERS = """
def fill_all(arrays):
    for array in (arrays.values() if isinstance(arrays, dict) else arrays):
        array[...] = 1.0

def record(recorder):
    recorder.calls.append("called")

def record_first(recorders):
    record(recorders[0])
"""


def _recorder():
    """A test's recording object (of a class made here, which cloudpickle sends by value, as a test cell's)."""
    class Recorder:
        def __init__(self):
            self.calls = []

    return Recorder()


@pytest.mark.parametrize("kind", ["a list", "a dict", "a tuple"])
def test_arrays_inside_a_container_argument_change_as_in_one_process(student, kind):
    """Fair: a function that writes into the arrays of a list, a dict or a tuple it is given (weights and biases,
    say) changes the test's own arrays, as in one process; so a test that checks that the inputs are not modified
    sees a function that modifies them."""
    student.define(CONTAINERS)
    first, second = np.zeros(2), np.zeros(3)
    argument = {"a list": [first, second], "a dict": {"w": first, "b": second}, "a tuple": (first, second)}[kind]
    student.get("fill_all")(argument)
    assert first.tolist() == [1.0, 1.0] and second.tolist() == [1.0, 1.0, 1.0], (
        f"fill_all({kind} of two zero arrays): the test's arrays should be filled with 1, got {first.tolist()} and {second.tolist()}")


def test_a_recording_object_keeps_its_own_list(student):
    """Fair: a test's recording object given to a student's function gets what the function did to it
    (`recorder.calls.append(...)`), and `recorder.calls` is still the list the test holds, as in one process (a
    test may keep `calls = recorder.calls` and look at it later)."""
    student.define(CONTAINERS)
    recorder = _recorder()
    calls = recorder.calls
    student.get("record")(recorder)
    assert recorder.calls == ["called"], f"recorder.calls: expected ['called'], got {recorder.calls!r}"
    assert recorder.calls is calls and calls == ["called"], (
        f"recorder.calls is now another list; the list the test held is {calls!r} (in one process it is the same list, ['called'])")


def test_a_recording_object_inside_a_list_argument_records_as_in_one_process(student):
    """Fair: a test's recording object reached through a list argument (`record(recorders[0])`) records the call,
    as in one process."""
    student.define(CONTAINERS)
    recorder = _recorder()
    student.get("record_first")([recorder])
    assert recorder.calls == ["called"], f"recorders[0].calls: expected ['called'], got {recorder.calls!r}"


TRAIN_STEP = """
import torch

def train_step(model, optimizer, x, y):
    optimizer.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    loss.backward()
    optimizer.step()
    return loss.item()
"""


def test_a_training_step_changes_the_tests_model_and_optimizer_as_in_one_process(student):
    """Fair: a model and an Adam optimizer over its parameters, passed together to a student's training step, end
    exactly as a twin stepped here: the same weights, .grad and optimizer state, and the test's optimizer still
    steps the test's model's own parameters."""
    student.define(TRAIN_STEP)
    local = {}
    exec(TRAIN_STEP, local)
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
    twin, twin_optimizer = copy.deepcopy((model, optimizer))
    parameters = list(model.parameters())
    x, y = torch.randn(5, 3), torch.randn(5, 1)
    for step in range(3):
        got, expected = student.get("train_step")(model, optimizer, x, y), local["train_step"](twin, twin_optimizer, x, y)
        assert got == expected, f"step {step + 1}: the loss {got!r} should be {expected!r}"
        for (name, p), q in zip(model.named_parameters(), twin.parameters()):
            assert torch.equal(p, q), f"step {step + 1}: the test's {name} differs from the twin's"
            assert p.grad is not None and torch.equal(p.grad, q.grad), f"step {step + 1}: the test's {name}.grad differs from the twin's"
        assert len(optimizer.state_dict()["state"]) == len(parameters), f"step {step + 1}: the test's Adam has no state for some parameters"
        for index, (mine, theirs) in enumerate(zip(optimizer.state_dict()["state"].values(), twin_optimizer.state_dict()["state"].values())):
            for key in theirs:
                assert torch.equal(torch.as_tensor(mine[key]), torch.as_tensor(theirs[key])), (
                    f"step {step + 1}: Adam's {key} of parameter {index} differs from the twin's")
    assert all(a is b for a, b in zip(model.parameters(), parameters)), "the model's parameters were replaced by other tensors"
    assert all(a is b for a, b in zip(optimizer.param_groups[0]["params"], parameters)), "the optimizer no longer holds the model's parameters"
    optimizer.step()
    twin_optimizer.step()
    assert all(torch.equal(p, q) for p, q in zip(model.parameters(), twin.parameters())), (
        "one more step here, after the student's: the test's model and the twin differ")


def test_generator_arguments_advance_as_in_one_process(student):
    """Fair: a NumPy Generator and a torch.Generator given to a student's function are drawn from there and come
    back advanced: the function's numbers and the test's next ones are those of one process."""
    student.define("import torch\n\ndef draw(rng, g):\n    return rng.random(3), torch.rand(3, generator=g)\n")
    rng, g = np.random.default_rng(3), torch.Generator().manual_seed(3)
    rng_twin, g_twin = np.random.default_rng(3), torch.Generator().manual_seed(3)
    numbers, tensor = student.get("draw")(rng, g)
    assert numbers.tolist() == rng_twin.random(3).tolist(), "the numpy Generator's numbers in the student's function"
    assert torch.equal(tensor, torch.rand(3, generator=g_twin)), "the torch.Generator's numbers in the student's function"
    assert rng.random() == rng_twin.random(), "the test's numpy Generator did not advance as in one process"
    assert torch.equal(torch.rand(2, generator=g), torch.rand(2, generator=g_twin)), "the test's torch.Generator did not advance as in one process"


DRAWS = """
import random
import numpy as np
import torch

def draws():
    return torch.rand(3), np.random.rand(3), random.random()

def grad_enabled():
    return torch.is_grad_enabled()
"""


def _seed(n):
    torch.manual_seed(n)
    np.random.seed(n)
    random.seed(n)


def test_the_global_random_generators_are_those_of_one_process(student):
    """Fair: after torch.manual_seed(5) (and NumPy's and random's seeds) in a test, a student's function that draws
    gets the numbers it would get in one process, and the test's next numbers continue from there."""
    student.define(DRAWS)
    local = {}
    exec(DRAWS, local)
    _seed(5)
    got = student.get("draws")()
    got_after = (torch.rand(2), np.random.rand(2), random.random())
    _seed(5)
    expected = local["draws"]()
    expected_after = (torch.rand(2), np.random.rand(2), random.random())
    assert_same(list(got), list(expected), "the student's numbers")
    assert_same(list(got_after), list(expected_after), "the test's numbers after the call")


def test_the_grad_mode_of_the_test_is_that_of_the_call(student):
    """Fair: a call under `torch.no_grad()` runs with grad disabled on the student's side (an evaluation that must not
    build a graph), one outside it with grad enabled; the test's own mode is not changed by the call."""
    student.define(DRAWS)
    grad_enabled = student.get("grad_enabled")
    with torch.no_grad():
        assert grad_enabled() is False, "under torch.no_grad() the student's code ran with grad enabled"
        assert torch.is_grad_enabled() is False, "the call turned the test's grad mode on"
    assert grad_enabled() is True, "outside torch.no_grad() the student's code ran with grad disabled"
    assert torch.is_grad_enabled() is True


ITERATED = """
import torch

def noise():
    while True:
        yield torch.rand(1).item()

def shuffled():
    return torch.utils.data.DataLoader(torch.utils.data.TensorDataset(torch.arange(8.0)), batch_size=8, shuffle=True)
"""


@pytest.mark.parametrize("maker", ["noise", "shuffled"], ids=["a generator of random numbers", "a shuffling DataLoader"])
def test_iterating_a_students_object_uses_the_tests_random_state(student, maker):
    """Fair: iterating a handle runs the student's code too (a generator's body, a DataLoader's shuffling, which
    draws from torch's global generator): after torch.manual_seed(0) in the test, iter() and next() see the numbers
    of one process, and the test's generator advances as in one process. (In this process the two sides share one
    generator, so only the student's own process can tell.)"""
    student.define(ITERATED)
    local = {}
    exec(ITERATED, local)
    iterable, twin = student.get(maker)(), local[maker]()
    got = []
    for _ in range(2):
        torch.manual_seed(0)
        got.append((next(iter(iterable)), torch.rand(1).item()))
    expected = []
    for _ in range(2):
        torch.manual_seed(0)
        expected.append((next(iter(twin)), torch.rand(1).item()))
    assert_same(got, expected, f"(first item, the test's next number) after torch.manual_seed(0), twice, for {maker}()")


def test_a_students_object_passed_back_changes_only_as_the_function_changes_it(student):
    """Fair: a handle given back to a student's function is the student's object itself; what the function does to
    it is all that happens to it (in one process, `bag.items` stays the same list when a function appends to it)."""
    student.define("""
        class Bag:
            def __init__(self):
                self.items = []

        def add(bag, item):
            bag.items.append(item)

        def items_id(bag):
            return id(bag.items)
    """)
    bag = student.get("Bag")()
    before = student.get("items_id")(bag)
    student.get("add")(bag, 1)
    assert bag.items == [1], f"after add(bag, 1): expected bag.items == [1], got {bag.items!r}"
    assert student.get("items_id")(bag) == before, (
        "add(bag, 1) appended to bag.items, yet bag.items is now another list in the student's kernel "
        "(the grader wrote the handle's attributes back into the student's object)")


# --- 6. in_your_kernel ---------------------------------------------------------------------------------------------

SETUP = '''
import torch

def in_your_kernel(procedure):
    """Outside grading it changes nothing."""
    return procedure

SETUP_CONSTANT = 3
'''


def test_in_your_kernel_runs_a_test_procedure_on_the_students_side(student):
    """Fair: a procedure a test cell marks @in_your_kernel runs in the student's kernel, next to the student's
    objects (here it sees `helper` as a function, not a handle, and reads a name that exists only in the student's
    namespace); what it returns is plain data or a handle. The setup's own in_your_kernel, which changes nothing,
    gave way to the grader's; the rest of the setup is there."""
    student.define("""
        STUDENT_ONLY = "only in the student's namespace"

        class Thing:
            def __init__(self, n):
                self.n = n

        def helper():
            return 1
    """)
    tests = remote.Tests(student.link, output_limit=10**6)
    tests.setup(SETUP, "<cell setup>")
    assert tests.namespace["in_your_kernel"] == tests.in_your_kernel, "the setup's identity in_your_kernel was not replaced"
    assert tests.namespace["SETUP_CONSTANT"] == 3, "the rest of the setup did not run"
    source = textwrap.dedent("""
        @in_your_kernel
        def probe(k):
            return type(helper).__name__, helper.__globals__["STUDENT_ONLY"], k + 1

        @in_your_kernel
        def make(n):
            return Thing(n)

        kind, seen, plus = probe(1)
        thing = make(4)
        here = type(helper).__name__
    """)
    outputs = tests.run(source, "<cell test_probe>", sandbox.test_names(source))
    assert outputs == [], f"the test cell failed: {outputs}"
    ns = tests.namespace
    assert (ns["kind"], ns["here"]) == ("function", "Handle"), f"helper is {ns['kind']!r} in the procedure, {ns['here']!r} in the test cell"
    assert ns["seen"] == "only in the student's namespace", f"the procedure did not read the student's namespace: {ns['seen']!r}"
    assert ns["plus"] == 2, "the procedure's argument or result"
    assert type(ns["thing"]) is remote.Handle and ns["thing"].n == 4, f"make(4) should give a handle to a Thing, got {ns['thing']!r}"


# --- 7. Tests.run --------------------------------------------------------------------------------------------------

def _run(tests, source, label):
    source = textwrap.dedent(source)
    return tests.run(source, label, sandbox.test_names(source))


def test_the_students_names_are_fetched_before_each_test_cell(student):
    """Fair: a student who redefines a function between two test cells is graded on the new one; a function that
    is gone (deleted, or never written) is a NameError of the test cell, not a stale handle."""
    student.define("def answer():\n    return 1\n")
    tests = remote.Tests(student.link, output_limit=10**6)
    assert _run(tests, "got = answer()", "<cell t1>") == [] and tests.namespace["got"] == 1
    student.define("def answer():\n    return 2\n")
    assert _run(tests, "got = answer()", "<cell t2>") == [] and tests.namespace["got"] == 2, "the test cell used the old answer()"
    student.define("del answer")
    outputs = _run(tests, "got = answer()", "<cell t3>")
    assert [(o.output_type, o.get("ename")) for o in outputs] == [("error", "NameError")], f"expected one NameError output, got {outputs}"
    outputs = _run(tests, "never_written()", "<cell t4>")
    assert [(o.output_type, o.get("ename")) for o in outputs] == [("error", "NameError")], f"expected one NameError output, got {outputs}"
    assert "never_written" in outputs[0].evalue


def test_a_name_a_test_cell_binds_is_the_tests_in_the_cells_after_it(student):
    """Fair: as in one process, where the notebook's cells share one namespace, a name that a test cell binds
    (`model = ...`) is the test's in the test cells after it, even if an earlier test cell used the student's
    `model`: it is not fetched from the student's kernel over the test's own value."""
    student.define("model = \"the student's\"\n")
    tests = remote.Tests(student.link, output_limit=10**6)
    assert _run(tests, "first = model", "<cell t1>") == [] and tests.namespace["first"] == "the student's"
    assert _run(tests, "model = \"the test's\"", "<cell t2>") == []
    assert _run(tests, "later = model", "<cell t3>") == []
    assert tests.namespace["later"] == "the test's", (
        f"test cell 3 read `model` after test cell 2 bound it: expected the test's value, got {tests.namespace['later']!r}")


def test_the_students_names_never_replace_built_ins_or_the_setups_names(student):
    """Safe: a student who defines `isinstance`, `AssertionError`, `np` or the setup's `reference` in their notebook
    does not change what those names are in the tests: built-ins and the setup's names are never fetched."""
    student.define("""
        isinstance = lambda *args: True
        AssertionError = Warning
        np = "a fake numpy"
        reference = lambda x: 0
    """)
    try:
        tests = remote.Tests(student.link, output_limit=10**6)
        tests.setup("import numpy as np\n\ndef reference(x):\n    return x + 1\n", "<cell setup>")
        outputs = _run(tests, "seen = (np.__name__, reference(1), isinstance(1, str))\nassert seen == 0", "<cell t>")
    finally:
        student.define("del isinstance, AssertionError, np, reference")  # (the student's process serves other tests too)
    assert tests.namespace["seen"] == ("numpy", 2, False), f"the test cell saw {tests.namespace['seen']!r}"
    assert [(o.output_type, o.get("ename")) for o in outputs] == [("error", "AssertionError")], f"a failed assert is an AssertionError: {outputs}"


def test_what_the_students_code_prints_reaches_the_cells_outputs(student):
    """Fair: what the student's code prints is in the test cell's outputs, stdout as stdout, stderr as stderr
    (nbgrader fails a test cell with text on stderr, as it would in one process)."""
    student.define("""
        import sys

        def chatty():
            print("to stdout")
            print("to stderr", file=sys.stderr)
            return 5
    """)
    tests = remote.Tests(student.link, output_limit=10**6)
    outputs = _run(tests, "value = chatty()\nprint('from the test')", "<cell t>")
    streams = [(o.output_type, o.get("name"), o.get("text")) for o in outputs]
    assert streams == [("stream", "stdout", "to stdout\n"), ("stream", "stderr", "to stderr\n"), ("stream", "stdout", "from the test\n")], (
        f"expected the student's stdout and stderr, then the test's print: got {streams}")
    assert tests.namespace["value"] == 5


def test_an_exception_is_an_error_output_of_the_cell(student):
    """Fair: the student's exception fails the test cell as an nbformat error output, with the built-in type, the
    message followed by the student's own traceback (which the feedback keeps), and a traceback of the test cell's
    line."""
    student.define(RAISING)
    tests = remote.Tests(student.link, output_limit=10**6)
    outputs = _run(tests, "x = 1\ncheck(-x)\n", "<cell test_check>")
    assert len(outputs) == 1 and outputs[0].output_type == "error", f"expected one error output, got {outputs}"
    error = outputs[0]
    message, _, student_traceback = error.evalue.partition("\n")
    assert (error.ename, message) == ("ValueError", "x must be positive, got -1"), f"got {error.ename}: {error.evalue}"
    assert "In the submission's code:" in student_traceback and "in check" in student_traceback, (
        f"the value should carry the student's traceback: {error.evalue!r}")
    assert "<cell test_check>" in error.traceback[0] and "check(-x)" in error.traceback[0], (
        f"the traceback should quote the test cell's line: {error.traceback}")


REACH = """
import gc
import sys
import warnings

def reach(box, items):
    '''Try every way from the test's objects back to the test's namespace; say what was found.'''
    warnings.simplefilter("ignore")  # (gc's objects include deprecated modules' dicts)
    found = []
    namespace = box.__class__.__init__.__globals__
    if namespace.get("secret") == "the grader's":
        found.append("__init__.__globals__")
    namespace["secret"] = "changed"
    namespace["injected"] = True
    for referrer in gc.get_referrers(box) + gc.get_objects():
        if isinstance(referrer, dict) and referrer.get("secret") == "the grader's":
            referrer["secret"] = "changed"
            found.append("gc")
    main = sys.modules["__main__"]
    main.secret = "changed"
    if hasattr(main, "box") or hasattr(main, "Box"):
        found.append("__main__")
    box.__class__.kind = "changed"
    box.__class__.describe = lambda self: "changed"
    items.append("added")
    return found
"""


def test_the_graders_objects_cannot_be_reached_from_the_students_process(own_process):
    """Safe: a student's function given a test's objects (an instance of a test's class, a list) gets copies. Walking
    from them (the class's __init__.__globals__, gc's referrers and objects, its own sys.modules['__main__'])
    finds copies only: the test's globals and class do not change. What the function does to its arguments
    themselves (appending to the list) is copied back, as in one process."""
    own_process.define(REACH)
    tests = remote.Tests(own_process.link, output_limit=10**6)
    outputs = _run(tests, """
        secret = "the grader's"

        class Box:
            kind = "the test's"

            def __init__(self):
                self.note = secret

            def describe(self):
                return self.kind

        box = Box()
        items = [1]
        found = reach(box, items)
    """, "<cell test_reach>")
    assert outputs == [], f"the test cell failed: {outputs}"
    ns = tests.namespace
    assert "__init__.__globals__" in ns["found"], f"the student's walk did not even find the copy of the test's globals: {ns['found']}"
    assert ns["secret"] == "the grader's" and "injected" not in ns, "the student's code changed the test's globals"
    assert ns["Box"].kind == "the test's" and ns["box"].describe() == "the test's", "the student's code changed the test's class"
    assert ns["items"] == [1, "added"], f"the list argument: expected the append copied back, got {ns['items']!r}"

"""The boundary between the tests, which run in the grader's process, and a submission's code, which runs in its
sandboxed kernel (nnfs/grading/sandbox.py, nnfs/grading/kernel.py).

A test cell reaches the student's functions and classes through handles (`Handle`): calling one, reading one of
its attributes or applying an operator to it is one request to the student's kernel, where `Server` carries it
out, and one reply. What crosses, and how:

- to the student's kernel, a request: what to do (JSON), and its target and inputs pickled by value together
  (cloudpickle, tensors with their gradients), whatever they are: arrays, a model, a data loader, an optimizer
  (which there still holds the model's parameters), a class or function of the test's own; a handle among them
  becomes the student's object it stands for. A call also carries the state of the random generators (PyTorch,
  NumPy, random) and PyTorch's grad mode, so a seeded test sees the numbers it would see in one process.
- back, a reply (JSON) of plain data only, decoded without running anything of the submission (`decode`): None,
  bools, numbers, strings, bytes, lists, tuples, dicts, sets, NumPy arrays and scalars of numeric dtypes, tensors
  (their values, requires_grad, grad), dtypes and shapes. Any other object stays in the student's kernel; the
  test gets a handle to it. With the reply come the generators' states and, for each input the call changed (an
  array written in place, a model trained, an optimizer stepped, a recording object of the test's), its new
  state, which the grader copies onto the test's own object: the test sees what the function did to its inputs.
  An exception raised by the student's code is raised again in the test, as the same built-in exception type
  (the nearest one in its class's bases) with its message and, as a note, the student's traceback.

The grader never unpickles anything from the student's side, never calls back into it except through handles,
and the student's kernel never gets a reference to an object of the grader: only the inputs of each call, by
value. Everything the kernel replies is what the submission says; only the tests, in the grader, judge it.

In a test cell, `@in_your_kernel` marks a procedure that must run next to the student's objects (a training loop
over a model of the student's class): in grading (Tests.in_your_kernel) it is sent by value and run in the
student's kernel, and the test judges only what it returns. Outside grading (the student's own notebook, nbval)
the notebook's own definition, in a setup cell, changes nothing.

Frames: each request and reply is a length (8 bytes) and that many bytes, over a Unix socket that the grader
listens on in the kernel's connection folder; the kernel's server connects to it for one test cell at a time.
"""

import ast
import base64
import builtins
import collections
import contextlib
import functools
import io
import json
import linecache
import operator
import pickle
import random
import socket
import struct
import sys
import time
import traceback

import nbformat
import numpy as np

SERVER = "__nbgrader_remote__"  # the name of the server in the student's namespace
REPLY_LIMIT = 64 * 2**20  # bytes of one reply
NESTING_LIMIT = 100
TEXT_LIMIT = 10_000  # characters of a repr, an exception's message or traceback
NUMERIC_DTYPES = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                  "float16", "float32", "float64", "complex64", "complex128"}
OPERATORS = {"add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul", "lshift", "rshift", "and_", "or_", "xor",
             "neg", "pos", "abs", "invert", "lt", "le", "eq", "ne", "gt", "ge", "getitem", "setitem", "delitem", "contains",
             "truth", "index"}
BUILTINS = {"len", "iter", "next", "repr", "str", "float", "int", "complex", "hash", "isinstance", "issubclass", "round", "format"}
RANDOM_OPS = {"call", "run"}  # requests that carry the random state and grad mode (and iter, next: a shuffling loader)


class RemoteError(Exception):
    """The student's code raised an exception that is not a built-in one, or the kernel broke the protocol."""


class KernelLost(RemoteError):
    """The student's kernel died or hung during a call; its objects are gone."""


def _torch():
    return sys.modules.get("torch")  # only a course that uses PyTorch has tensors to send


def _b64(data):
    return base64.b64encode(data).decode("ascii")


def _unb64(text):
    if not isinstance(text, str):
        raise RemoteError("the reply is malformed: bytes expected")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _array(value):
    value = np.asarray(value).copy(order="C")  # (ascontiguousarray would make a scalar 1-d)
    return {"$": "array", "dtype": value.dtype.str, "shape": list(value.shape), "data": _b64(value.tobytes())}


def _decode_array(tree):
    dtype = np.dtype(tree["dtype"]) if isinstance(tree.get("dtype"), str) else None
    shape = tree.get("shape")
    if dtype is None or dtype.name not in NUMERIC_DTYPES or not isinstance(shape, list) or not all(type(n) is int and n >= 0 for n in shape):
        raise RemoteError("the reply is malformed: an array of a numeric dtype and a valid shape expected")
    data = _unb64(tree.get("data"))
    if len(data) != int(np.prod(shape, dtype=np.int64)) * dtype.itemsize:
        raise RemoteError("the reply is malformed: an array's data does not match its shape")
    return np.frombuffer(data, dtype=dtype).reshape(shape).copy()


# --- Frames: each request and reply is a length (8 bytes, big-endian) and that many bytes of JSON.
def send_frame(connection, text):
    data = text.encode("utf-8")
    connection.sendall(struct.pack(">Q", len(data)) + data)


def receive_frame(connection, limit=None, deadline=None):
    """The next frame's text, None at the end of the stream. The grader gives a limit (a larger frame breaks the
    connection: ConnectionError) and a deadline (time.monotonic(); TimeoutError past it, however the bytes trickle)."""
    header = _receive_exactly(connection, 8, deadline)
    if header is None:
        return None
    (size,) = struct.unpack(">Q", header)
    if limit is not None and size > limit:
        raise ConnectionError(f"the submission's kernel sent a reply larger than the grader takes ({limit} bytes)")
    data = _receive_exactly(connection, size, deadline)
    return None if data is None else data.decode("utf-8", errors="replace")


def _receive_exactly(connection, size, deadline):
    chunks, left = [], size
    while left:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no complete reply before the deadline")
            connection.settimeout(remaining)
        chunk = connection.recv(min(left, 2**20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


# --- Plain data: the student's replies, encoded in its kernel, decoded strictly in the grader.
def encode(value, other, depth=0):
    """A JSON-able tree for `value`: plain data as such, anything else as other(value)."""
    if depth > NESTING_LIMIT:
        raise ValueError("the value is nested too deeply to send")
    kind = type(value)
    if value is None or kind in (bool, str) or kind is int and abs(value) < 10**4000:
        return value
    if kind is int:  # beyond what json writes as digits
        return {"$": "int", "hex": hex(value)}
    if kind is float:
        return {"$": "float", "bits": struct.pack(">d", value).hex()}  # every bit: -0.0, inf, the nans and their signs
    if kind is bytes:
        return {"$": "bytes", "data": _b64(value)}
    if kind in (list, tuple, set, frozenset):
        return {"$": kind.__name__, "items": [encode(item, other, depth + 1) for item in value]}
    if kind is dict or kind is collections.OrderedDict:  # a state_dict is an OrderedDict
        return {"$": "dict", "items": [[encode(k, other, depth + 1), encode(v, other, depth + 1)] for k, v in value.items()]}
    if kind is np.ndarray and value.dtype.name in NUMERIC_DTYPES:
        return _array(value)
    if isinstance(value, np.generic) and kind.__module__ == "numpy" and value.dtype.name in NUMERIC_DTYPES:
        return {"$": "scalar", "array": _array(np.asarray(value))}
    if isinstance(value, np.dtype) and value.name in NUMERIC_DTYPES:
        return {"$": "numpy dtype", "name": value.name}
    torch = _torch()
    if torch is not None:
        if kind in (torch.Tensor, torch.nn.Parameter) and not value.is_sparse and str(value.dtype).removeprefix("torch.") in NUMERIC_DTYPES:
            grad = value.grad if value.is_leaf else None
            return {"$": "tensor", "array": _array(value.detach().cpu().numpy()), "parameter": kind is torch.nn.Parameter,
                    "requires_grad": value.requires_grad, "grad": None if grad is None else encode(grad, other, depth + 1)}
        if kind is torch.dtype and str(value).removeprefix("torch.") in NUMERIC_DTYPES:
            return {"$": "torch dtype", "name": str(value).removeprefix("torch.")}
        if kind is torch.Size:
            return {"$": "size", "items": list(value)}
    return other(value)


def decode(tree, handle, depth=0):
    """The value of a tree made by `encode`, checked as it is read; handle(tree) makes what is not plain data."""
    if depth > NESTING_LIMIT:
        raise RemoteError("the reply is nested too deeply")
    if tree is None or type(tree) in (bool, str, int):
        return tree
    if type(tree) is list or type(tree) is not dict or not isinstance(tree.get("$"), str):
        raise RemoteError("the reply is malformed")
    kind = tree["$"]
    if kind == "float":
        bits = tree.get("bits")
        if not isinstance(bits, str) or len(bits) != 16:
            raise RemoteError("the reply is malformed: a float expected")
        return struct.unpack(">d", bytes.fromhex(bits))[0]
    if kind == "int":
        if not isinstance(tree.get("hex"), str) or len(tree["hex"]) > 100_000:
            raise RemoteError("the reply is malformed: an int expected")
        return int(tree["hex"], 16)
    if kind == "bytes":
        return _unb64(tree.get("data"))
    if kind in ("list", "tuple", "set", "frozenset", "size", "dict"):
        items = tree.get("items")
        if type(items) is not list:
            raise RemoteError("the reply is malformed: items expected")
        if kind == "dict":
            if not all(type(item) is list and len(item) == 2 for item in items):
                raise RemoteError("the reply is malformed: pairs expected")
            return {decode(k, handle, depth + 1): decode(v, handle, depth + 1) for k, v in items}
        values = [decode(item, handle, depth + 1) for item in items]
        if kind == "size":
            if not all(type(n) is int for n in values):
                raise RemoteError("the reply is malformed: a shape expected")
            return _torch().Size(values)
        return {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}[kind](values)
    if kind == "array":
        return _decode_array(tree)
    if kind == "scalar" and type(tree.get("array")) is dict:
        array = _decode_array(tree["array"])
        if array.shape != ():
            raise RemoteError("the reply is malformed: a scalar expected")
        return array[()]
    if kind in ("numpy dtype", "torch dtype") and tree.get("name") in NUMERIC_DTYPES:
        return np.dtype(tree["name"]) if kind == "numpy dtype" else getattr(_torch(), tree["name"])
    if kind == "tensor" and type(tree.get("array")) is dict and _torch() is not None:
        torch = _torch()
        tensor = torch.from_numpy(_decode_array(tree["array"]))
        if tree.get("parameter") is True:
            tensor = torch.nn.Parameter(tensor, requires_grad=tree.get("requires_grad") is True)
        elif tree.get("requires_grad") is True and (tensor.is_floating_point() or tensor.is_complex()):
            tensor.requires_grad_(True)
        if tree.get("grad") is not None:
            grad = decode(tree["grad"], handle, depth + 1)
            if isinstance(grad, torch.Tensor) and grad.shape == tensor.shape and tensor.requires_grad and grad.dtype == tensor.dtype:
                tensor.grad = grad.detach()
        return tensor
    return handle(tree)


# --- Random state and grad mode: the same in both processes during a call.
def random_state():
    """The random generators' states and PyTorch's grad mode, as plain data (the long parts as arrays: fast to send)."""
    torch = _torch()
    version, words, gauss = random.getstate()
    return encode({"numpy": np.random.get_state(), "random": (version, np.array(words, dtype=np.uint64), gauss),
                   "torch": None if torch is None else torch.get_rng_state().numpy(),
                   "grad": None if torch is None else torch.is_grad_enabled()}, _refuse)


def set_random_state(state):
    """Apply a state made by random_state (decoded): checked by the libraries' own setters."""
    numpy_state, (version, words, gauss), torch_state, grad = state["numpy"], state["random"], state["torch"], state["grad"]
    np.random.set_state(numpy_state)
    random.setstate((version, tuple(map(int, words.tolist() if isinstance(words, np.ndarray) else words)), gauss))
    torch = _torch()
    if torch is not None and torch_state is not None:
        torch.set_rng_state(torch.from_numpy(np.asarray(torch_state, dtype=np.uint8).copy()))
        torch.set_grad_enabled(bool(grad))


def _refuse(value):
    raise TypeError(f"{type(value).__name__} is not plain data")


# --- The state of an input, after a call: what a function may have changed in place.
def state_of(value, inner=None):
    """A plain tree of what can change in `value` (None if nothing to follow, or if it is not plain data). inner: what
    _inner(value) was before a call: the paths of the lists, dicts and arrays in it that the call replaced go along."""
    try:
        return _state_of(value, inner)
    except (TypeError, ValueError):
        return None


def _inner(value, path=(), found=None):
    """{path: object} of the lists, dicts and arrays nested in a list, tuple or dict `value` (a path: indices and keys)."""
    found = {} if found is None else found
    if isinstance(value, (list, tuple, dict)) and len(path) < 10 and len(found) < 10_000:
        for key, item in (value.items() if isinstance(value, dict) else enumerate(value)):
            if isinstance(item, (list, dict, np.ndarray)):
                found[(*path, key)] = item
                _inner(item, (*path, key), found)
    return found


def _state_of(value, inner):
    torch = _torch()
    if isinstance(value, (np.ndarray, list, tuple, dict, set)) or torch is not None and isinstance(value, torch.Tensor):
        now = _inner(value)
        replaced = [list(path) for path, item in (inner or {}).items() if now.get(path) is not item]
        return encode({"value": value, "replaced": replaced}, lambda item: {"$": "state", "state": state_of(item)})
    if torch is not None and isinstance(value, torch.nn.Module):
        modules = []
        for module in value.modules():
            modules.append({"training": module.training, "parameters": dict(module._parameters), "buffers": dict(module._buffers),
                            "attributes": _plain_attributes(module)})
        return encode({"modules": modules}, _refuse)
    if torch is not None and isinstance(value, torch.optim.Optimizer):
        return encode({"optimizer": value.state_dict()}, _refuse)
    if isinstance(value, np.random.Generator):
        return encode({"numpy generator": value.bit_generator.state}, _refuse)
    if torch is not None and isinstance(value, torch.Generator):
        return encode({"torch generator": value.get_state().numpy()}, _refuse)
    data = sys.modules.get("torch.utils.data")
    if data is not None and isinstance(value, data.DataLoader):
        generator = value.generator
        return encode({"loader": None if generator is None else generator.get_state().numpy()}, _refuse)
    if hasattr(value, "__dict__") and not isinstance(value, type) and not callable(value):
        return encode({"attributes": _plain_attributes(value)}, _refuse)
    return None


def _plain_attributes(thing):
    plain = {}
    for name, value in vars(thing).items():
        if not name.startswith("_") and name != "training":
            try:
                encode(value, _refuse)
            except (TypeError, ValueError):
                continue
            plain[name] = value
    return plain


def _update(target, new, replaced, path=()):
    """Make the list, dict or set `target` equal to `new` in place, keeping the inner lists, dicts and arrays that the
    student's copy kept (a test may check that a function changed them in place) and putting new ones where it put
    new ones (`replaced`: their paths)."""
    if isinstance(target, list) and isinstance(new, list) and len(target) == len(new):
        for i, (old, value) in enumerate(zip(target, new)):
            target[i] = value if (*path, i) in replaced else _updated(old, value, replaced, (*path, i))
    elif isinstance(target, dict) and isinstance(new, dict) and target.keys() == new.keys():
        for key in target:
            target[key] = new[key] if (*path, key) in replaced else _updated(target[key], new[key], replaced, (*path, key))
    elif isinstance(target, tuple) and isinstance(new, tuple) and len(target) == len(new):  # only what is inside can change
        for i, (old, value) in enumerate(zip(target, new)):
            if (*path, i) not in replaced:
                _updated(old, value, replaced, (*path, i))
    elif any(isinstance(item, _NestedState) for item in (new.values() if isinstance(new, dict) else new)):
        pass  # objects of the test's moved about: they cannot be matched with the test's own, which stay as they were
    elif isinstance(target, list) and isinstance(new, list):
        target[:] = new
    elif isinstance(target, (dict, set)) and type(new) is type(target):
        target.clear()
        target.update(new)


class _NestedState:
    """In the state of a container: the state of an object in it (a test's recording object in a list, say)."""

    def __init__(self, state):
        self.state = state


def _nested_state(tree):
    if tree.get("$") != "state":
        raise RemoteError("the reply is malformed: plain data expected")
    return _NestedState(None if tree.get("state") is None else decode(tree["state"], _nested_state))


def _updated(old, new, replaced, path):
    if isinstance(new, _NestedState):
        if type(new.state) is dict:
            apply_state(old, new.state)
        return old
    if isinstance(old, (list, tuple, dict)) and type(new) is type(old):
        _update(old, new, replaced, path)
        return old
    if isinstance(old, np.ndarray) and isinstance(new, np.ndarray) and old.shape == new.shape and old.dtype == new.dtype and old.flags.writeable:
        old[...] = new
        return old
    return new


def apply_state(target, state):
    """Make the grader's `target` what the student's copy of it became (state: a decoded state_of tree)."""
    torch = _torch()
    if "value" in state:
        new = state["value"]
        if isinstance(target, np.ndarray) and isinstance(new, np.ndarray) and new.shape == target.shape and target.flags.writeable:
            target[...] = new
        elif torch is not None and isinstance(target, torch.Tensor) and isinstance(new, torch.Tensor):
            with torch.no_grad():
                if new.shape == target.shape:
                    target.copy_(new)  # into its storage: a view's base changes too, as in one process
                else:
                    target.data = new.detach().to(target.dtype)
            target.grad = new.grad
        elif isinstance(target, (list, dict, set, tuple)):
            replaced = state.get("replaced")
            _update(target, new, {tuple(path) for path in replaced if type(path) is list} if type(replaced) is list else set())
    elif "modules" in state and torch is not None and isinstance(target, torch.nn.Module):
        for module, new in zip(target.modules(), state["modules"]):
            module.training = bool(new["training"])
            for kind in ("parameters", "buffers"):
                slots = module._parameters if kind == "parameters" else module._buffers
                for name, tensor in new[kind].items():
                    if name in slots and slots[name] is not None and isinstance(tensor, torch.Tensor):
                        with torch.no_grad():
                            slots[name].data = tensor.detach().to(slots[name].dtype)
                        slots[name].grad = tensor.grad
            _set_attributes(module, new["attributes"])
    elif "optimizer" in state and torch is not None and isinstance(target, torch.optim.Optimizer):
        target.load_state_dict(state["optimizer"])
    elif "numpy generator" in state and isinstance(target, np.random.Generator):
        target.bit_generator.state = state["numpy generator"]
    elif "torch generator" in state and torch is not None and isinstance(target, torch.Generator):
        target.set_state(torch.from_numpy(np.asarray(state["torch generator"], dtype=np.uint8).copy()))
    elif "loader" in state and state["loader"] is not None and getattr(target, "generator", None) is not None:
        target.generator.set_state(torch.from_numpy(np.asarray(state["loader"], dtype=np.uint8).copy()))
    elif "attributes" in state:
        _set_attributes(target, state["attributes"])


def _set_attributes(target, attributes):
    """The new values of the test's object's own public attributes, each of the type it had (nothing else is set)."""
    own = vars(target)
    for name, value in attributes.items():
        if isinstance(name, str) and not name.startswith("_") and name in own and type(own[name]) is type(value):
            if isinstance(value, (list, dict, set)):
                _update(own[name], value, set())  # the test may hold the list itself
            else:
                setattr(target, name, value)


# --- The grader's side.
class Link:
    """The grader's connection to one student kernel: `send(text) -> reply text` is given by the executor (a frame over
    its socket; tests/helpers.py calls a Server directly). Handles made before the kernel was replaced are refused."""

    def __init__(self, send):
        self.send, self.generation, self.released = send, 0, []

    def lost(self):
        """The kernel was replaced: every handle to its objects is gone."""
        self.generation += 1
        self.released.clear()

    def request(self, op, target=None, name=None, args=(), kwargs=None):
        """One request: `op` (global, getattr, setattr, delattr, call, run, operator, builtin, numpy) on `target` with
        `name`, `args` and `kwargs`; the decoded value of the reply (or the exception the student's code raised)."""
        torch, state = _torch(), None
        if op in RANDOM_OPS or name in ("iter", "next"):
            # PyTorch's state as an array: a tensor would be pickled through torch.save, many times slower
            state = (np.random.get_state(), random.getstate(), *((torch.get_rng_state().numpy(), torch.is_grad_enabled()) if torch else (None, None)))
        with _HandlesByReference(self):
            call = _dumps((target, tuple(args), dict(kwargs or {}), state))
        message = {"op": op, "name": name, "call": _b64(call), "release": self.released[:]}
        self.released.clear()
        generation = self.generation
        reply = self.send(json.dumps(message))
        if self.generation != generation:
            raise KernelLost("the kernel running the submission had to be replaced during this call (it died, or hung past the cell timeout)")
        return self._unpack(reply, args, kwargs or {})

    def _unpack(self, text, args, kwargs):
        """The value of a reply; or the exception the student's code raised, raised; or RemoteError if the reply is
        not what the protocol says, whatever is wrong with it."""
        try:
            raised, value = self._read(text, args, kwargs)
        except RemoteError:
            raise
        except Exception as error:  # malformed in a way the checks did not name (json's recursion limit, a bad dtype string...)
            raise RemoteError(f"the submission's reply was malformed ({type(error).__name__})") from None
        if raised is not None:
            raise raised
        return value

    def _read(self, text, args, kwargs):
        reply = json.loads(text)
        if type(reply) is not dict:
            raise RemoteError("the submission's reply was malformed")
        for name in ("stdout", "stderr"):  # what the student's code printed during the call
            if isinstance(reply.get(name), str) and reply[name]:
                getattr(sys, name).write(reply[name][:REPLY_LIMIT])
        if reply.get("random") is not None:
            try:
                set_random_state(decode(reply["random"], _no_handles))
            except Exception:
                raise RemoteError("the submission's reply carried a broken random state") from None
        states = reply.get("states") or []
        if type(states) is not list or not all(type(entry) is list and len(entry) == 2 for entry in states):
            raise RemoteError("the submission's reply was malformed")
        for position, tree in states:
            target = args[position] if type(position) is int and 0 <= position < len(args) else kwargs.get(position) if isinstance(position, str) else None
            new = decode(tree, _nested_state)
            if target is not None and type(new) is dict:
                try:
                    apply_state(target, new)
                except Exception:  # a state that does not fit the test's object: the object stays as the test made it
                    pass
        if "raised" in reply:
            return _exception(reply["raised"]), None
        if "value" not in reply:
            raise RemoteError("the submission's reply was malformed")
        return None, decode(reply["value"], lambda tree: Handle._from_reply(self, tree))


def _no_handles(tree):
    raise RemoteError("the reply is malformed: plain data expected")


def _exception(raised):
    """The exception to raise in the test for one the student's code raised."""
    if type(raised) is not dict or type(raised.get("types")) is not list:
        return RemoteError("the submission's reply was malformed")
    message = str(raised.get("message", ""))[:TEXT_LIMIT]
    kind = next((getattr(builtins, name) for name in raised["types"] if isinstance(name, str) and name.isidentifier()
                 and isinstance(getattr(builtins, name, None), type) and issubclass(getattr(builtins, name), Exception)), None)
    name = str(raised["types"][0])[:200] if raised["types"] else "Exception"
    if kind is None or kind is Exception and name != "Exception":
        error = RemoteError(f"{name}: {message}")
    else:
        try:
            error = kind(message) if kind is not StopIteration else StopIteration()
        except Exception:
            error = RemoteError(f"{name}: {message}")
    trace = raised.get("traceback")
    if isinstance(trace, str) and trace:
        error.add_note("In the submission's code:\n" + trace[-TEXT_LIMIT:].rstrip())
    return error


def _dumps(value):
    """Pickle by value what the tests give the student's code (cloudpickle: the test's own classes and functions too),
    with the gradients of tensors, which pickle leaves out."""
    buffer = io.BytesIO()
    _pickler()(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


@functools.cache
def _pickler():
    """_dumps' pickler class, made once (cloudpickle is imported when the first request is)."""
    import cloudpickle

    class Pickler(cloudpickle.Pickler):
        def reducer_override(self, obj):
            torch = _torch()
            if torch is not None and type(obj) in (torch.Tensor, torch.nn.Parameter) and obj.is_leaf and obj.grad is not None:
                return _tensor_with_grad, (obj.detach(), obj.grad.detach(), type(obj) is torch.nn.Parameter, obj.requires_grad)
            return super().reducer_override(obj)

    return Pickler


def _tensor_with_grad(data, grad, parameter, requires_grad):
    """Unpickled in the student's kernel: a tensor with its .grad."""
    tensor = _torch().nn.Parameter(data, requires_grad=requires_grad) if parameter else data.requires_grad_(requires_grad)
    tensor.grad = grad
    return tensor


class _HandlesByReference:
    """While the grader pickles a request: a handle in it becomes a reference to the student's object."""

    def __init__(self, link):
        self.link = link

    def __enter__(self):
        Handle._pickling = self.link

    def __exit__(self, *exc):
        Handle._pickling = None


class _HandlesResolved:
    """While the student's kernel unpickles a request: the server that holds the handles' objects."""

    def __init__(self, server):
        self.server = server

    def __enter__(self):
        Server.current = self.server

    def __exit__(self, *exc):
        Server.current = None


def _resolve(number):
    """Unpickled in the student's kernel: the object of a handle."""
    return Server.current.objects[number]


class Handle:
    """A test's view of an object that lives in the student's kernel: every use is a request."""

    __slots__ = ("_link", "_id", "_type", "_generation", "__weakref__")
    _pickling = None

    @classmethod
    def _from_reply(cls, link, tree):
        if tree.get("$") != "handle" or type(tree.get("id")) is not int:
            raise RemoteError("the reply is malformed")
        handle = object.__new__(cls)
        for slot, value in (("_link", link), ("_id", tree["id"]), ("_type", str(tree.get("type", "object"))[:200]), ("_generation", link.generation)):
            object.__setattr__(handle, slot, value)
        return handle

    def _call(self, op, name=None, args=(), kwargs=None, target=True):
        link = object.__getattribute__(self, "_link")
        if object.__getattribute__(self, "_generation") != link.generation:
            raise KernelLost(f"this {self._type} of the submission was lost when its kernel was replaced")
        return link.request(op, self if target else None, name, args, kwargs)

    def __reduce__(self):
        if Handle._pickling is None:
            raise TypeError("a handle to a submission's object cannot be pickled")
        return _resolve, (self._id,)

    def __del__(self):
        try:
            link = object.__getattribute__(self, "_link")
            if object.__getattribute__(self, "_generation") == link.generation:
                link.released.append(self._id)
        except Exception:
            pass

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):  # a protocol probe (numpy's __array_struct__, ...): not the student's
            raise AttributeError(name)
        return self._call("getattr", name)

    def __setattr__(self, name, value):
        self._call("setattr", name, (value,))

    def __delattr__(self, name):
        self._call("delattr", name)

    def __call__(self, *args, **kwargs):
        return self._call("call", args=args, kwargs=kwargs)

    def __repr__(self):
        try:
            return str(self._call("builtin", "repr", (self,), target=False))[:TEXT_LIMIT]
        except Exception:
            return f"<{self._type} of the submission>"

    def __format__(self, spec):
        return str(self._call("builtin", "format", (self, spec), target=False))

    def __round__(self, *digits):
        return self._call("builtin", "round", (self, *digits), target=False)

    def __array__(self, dtype=None, copy=None):
        return np.asarray(self._call("numpy", "asarray", (self,), target=False), dtype=dtype)

    def __instancecheck__(self, instance):
        return self._call("builtin", "isinstance", (instance, self), target=False)

    def __subclasscheck__(self, subclass):
        return self._call("builtin", "issubclass", (subclass, self), target=False)


def _operator(name, reflected=False):
    def method(self, *others):
        arguments = (others[0], self) if reflected else (self, *others)
        return self._call("operator", name, arguments, target=False)
    method.__name__ = f"__{'r' if reflected else ''}{name.rstrip('_')}__"
    return method


def _unary(kind, name):
    """The method that applies the built-in or operator `name` to the student's object, in the student's kernel."""
    def method(self):
        return self._call(kind, name, (self,), target=False)
    return method


for _method, _kind, _name in [("__len__", "builtin", "len"), ("__iter__", "builtin", "iter"), ("__next__", "builtin", "next"),
                              ("__hash__", "builtin", "hash"), ("__float__", "builtin", "float"), ("__int__", "builtin", "int"),
                              ("__complex__", "builtin", "complex"), ("__str__", "builtin", "str"), ("__bool__", "operator", "truth"),
                              ("__index__", "operator", "index")]:
    setattr(Handle, _method, _unary(_kind, _name))
for _name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul", "lshift", "rshift", "and_", "or_", "xor"):
    setattr(Handle, f"__{_name.rstrip('_')}__", _operator(_name))
    setattr(Handle, f"__r{_name.rstrip('_')}__", _operator(_name, reflected=True))
for _name in ("neg", "pos", "abs", "invert", "lt", "le", "eq", "ne", "gt", "ge", "getitem", "setitem", "delitem", "contains"):
    setattr(Handle, f"__{_name}__", _operator(_name))


# --- The student's side: runs in the sandboxed kernel, trusted by no one.
class Server:
    """Carries out the grader's requests in the student's kernel (installed as __nbgrader_remote__ by kernel.py)."""

    current = None

    def __init__(self, namespace):
        self.namespace, self.objects, self.last = namespace, {}, 0

    def serve_forever(self, path):
        """Connect to the grader's socket and answer its requests until it says "end" (one test cell)."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(path)
            while (request := receive_frame(connection)) not in (None, '"end"'):
                send_frame(connection, self.serve(request))

    def serve(self, text):
        printed = {"stdout": io.StringIO(), "stderr": io.StringIO()}
        with contextlib.redirect_stdout(printed["stdout"]), contextlib.redirect_stderr(printed["stderr"]):
            reply = self.answer(text)
        for name, stream in printed.items():
            reply[name] = stream.getvalue()[-TEXT_LIMIT * 10:]
        return json.dumps(reply)

    def answer(self, text):
        request = json.loads(text)
        for number in request.get("release", []):
            self.objects.pop(number, None)
        reply = {}
        try:
            with _HandlesResolved(self):
                target, args, kwargs, state = pickle.loads(base64.b64decode(request["call"]))
            inputs = [*enumerate(args), *kwargs.items()]
            before = {position: (state_of(value), _inner(value)) for position, value in inputs}
            if state is not None:
                np.random.set_state(state[0])
                random.setstate(state[1])
                if state[2] is not None:  # the grader uses PyTorch, so the kernel has it too
                    import torch

                    torch.set_rng_state(torch.from_numpy(np.array(state[2], dtype=np.uint8)))
                    torch.set_grad_enabled(state[3])
            try:
                reply["value"] = encode(self.perform(request["op"], request.get("name"), target, args, kwargs), self.handle)
            finally:
                if state is not None:
                    reply["random"] = random_state()
                reply["states"] = []
                for position, value in inputs:
                    old, inner = before[position]
                    if old is not None and (new := state_of(value, inner)) != old:
                        reply["states"].append([position, new])
        except BaseException as error:  # noqa: B036 (whatever the student's code raises is the test's business)
            reply.pop("value", None)
            frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename != __file__]
            reply["raised"] = {"types": [cls.__name__ for cls in type(error).__mro__], "message": str(error)[:TEXT_LIMIT],
                               "traceback": "".join(traceback.format_list(frames))[-TEXT_LIMIT:]}
        return reply

    def perform(self, op, name, target, args, kwargs):
        if op == "global":
            if name not in self.namespace:
                raise NameError(f"name {name!r} is not defined")
            return self.namespace[name]
        if op == "getattr":
            return getattr(target, name)
        if op == "setattr":
            return setattr(target, name, args[0])
        if op == "delattr":
            return delattr(target, name)
        if op in ("call", "run"):
            return target(*args, **kwargs)
        if op == "operator" and name in OPERATORS:
            return getattr(operator, name)(*args)
        if op == "builtin" and name in BUILTINS:
            return getattr(builtins, name)(*args)
        if op == "numpy" and name == "asarray":
            return np.asarray(args[0])
        raise ValueError(f"unknown request {op} {name}")

    def handle(self, thing):
        """A new number for `thing` in each reply (a number is released when the grader's handle to it is gone)."""
        self.last += 1
        self.objects[self.last] = thing
        return {"$": "handle", "id": self.last, "type": type(thing).__qualname__}




# --- The grader's side: the test cells of one notebook.
class Tests:
    """The setup and test cells of one notebook, run in the grader's process, in one namespace of their own. A name
    that a test cell uses and no setup or test cell defines is the student's: before each test cell it is looked up
    in the student's kernel (a function or class comes back as a handle; a missing one stays undefined, so the
    test fails with NameError)."""

    def __init__(self, link, output_limit):
        self.link, self.output_limit = link, output_limit
        self.namespace = {"__name__": "__main__", "__builtins__": builtins}
        self.students = set()

    def setup(self, source, label):
        """A locked setup cell of the course: run here too (a failure is the course's, so it is raised). Its own
        in_your_kernel, which changes nothing, gives way to the grader's."""
        tree = ast.parse(source)
        tree.body = [node for node in tree.body if not (isinstance(node, ast.FunctionDef) and node.name == "in_your_kernel")]
        self.namespace["in_your_kernel"] = self.in_your_kernel
        exec(self._compile(source, label, tree), self.namespace)

    def in_your_kernel(self, procedure):
        """The grader's @in_your_kernel: the procedure, sent by value, runs in the student's kernel."""
        link = self.link

        @functools.wraps(procedure)
        def in_the_students_kernel(*args, **kwargs):
            return link.request("run", procedure, args=args, kwargs=kwargs)
        return in_the_students_kernel

    def run(self, source, label, used):
        """Run a test cell; its outputs (nbformat), as nbgrader grades them: an error or text on stderr fails it.
        used: the names the cell reads and does not bind itself."""
        self.students |= {name for name in used if name not in self.namespace and not hasattr(builtins, name)}
        outputs = []
        streams = {name: _Stream(name, outputs, self.output_limit) for name in ("stdout", "stderr")}
        with contextlib.redirect_stdout(streams["stdout"]), contextlib.redirect_stderr(streams["stderr"]):
            try:
                fetched = {}
                for name in sorted(self.students):
                    try:
                        self.namespace[name] = fetched[name] = self.link.request("global", name=name)
                    except NameError:
                        self.namespace.pop(name, None)
                try:
                    exec(self._compile(source, label), self.namespace)
                finally:  # a name the cell bound itself is the test's from now on
                    self.students -= {name for name in self.students if name in self.namespace and self.namespace[name] is not fetched.get(name)}
            except Exception as error:
                outputs.append(_error_output(error, label))
        return outputs

    @staticmethod
    def _compile(source, label, tree=None):
        """The cell's code (from `tree` if given, its parsed and edited source); its source is kept for tracebacks."""
        linecache.cache[label] = (len(source), None, source.splitlines(keepends=True), label)
        return compile(source if tree is None else tree, label, "exec")


class _Stream(io.TextIOBase):
    """A test cell's stdout or stderr, as nbformat stream outputs, at most `limit` characters in all."""

    def __init__(self, name, outputs, limit):
        self.name, self.outputs, self.limit = name, outputs, limit

    def write(self, text):
        used = sum(len(output.get("text", "")) for output in self.outputs)
        if used >= self.limit:
            text = "" if self.name == "stdout" or any(o.get("name") == "stderr" for o in self.outputs) else "[text on stderr]\n"
        elif used + len(text) > self.limit:
            text = text[:self.limit - used] + f"\n[the grader cut this cell's output at {self.limit} characters]\n"
        if text:
            last = self.outputs[-1] if self.outputs else None
            if last is not None and last.get("output_type") == "stream" and last.get("name") == self.name:
                last["text"] += text
            else:
                self.outputs.append(nbformat.v4.new_output("stream", name=self.name, text=text))
        return len(text)


def _error_output(error, label):
    """The error output of a test cell: its traceback shows the test's own frames; the value, which the feedback keeps,
    also carries the student's traceback (their own code: it shows them where it failed, and no test)."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == label]
    lines = ["Traceback (most recent call last):\n", *traceback.format_list(frames), *traceback.format_exception_only(error)]
    value = "\n".join([str(error), *getattr(error, "__notes__", [])])
    return nbformat.v4.new_output("error", ename=type(error).__name__, evalue=value, traceback=["".join(lines)])

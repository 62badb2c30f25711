"""Assignment 05_autodiff: known-wrong and alternative correct versions of its graded classes.

Each version is a whole class (the answer cell defines one class). Most wrong versions differ from the
reference in one or two lines: the mistake is named in the first item of its pair."""

WRONG = {
    'Value': {
        'grad_assigned_not_accumulated': ("assigns (=) the operands' grads in + and *: a value used twice keeps only its last use", '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad = result.grad
            other.grad = result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad = other.data * result.grad
            other.grad = self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'add_assigns_only': ('accumulates everywhere except in +, where it assigns', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad = result.grad
            other.grad = result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'tanh_derivative_not_squared': ("tanh's local derivative 1 - tanh instead of 1 - tanh^2", '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'tanh_derivative_of_input': ("tanh's derivative 1 - x^2 with the input x instead of the output", '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - self.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'tanh_is_coth': ("the seed's tanh: (e^2x + 1)/(e^2x - 1), which is coth", '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value((math.exp(2 * self.data) + 1) / (math.exp(2 * self.data) - 1), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'tanh_overflows': ('tanh as (e^2x - 1)/(e^2x + 1): right values, but overflows for large x', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value((math.exp(2 * self.data) - 1) / (math.exp(2 * self.data) + 1), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'relu_derivative_one_at_zero': ('relu passes the gradient at the kink x = 0 (>= instead of >)', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data >= 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'relu_derivative_always_one': ('relu passes the gradient on the negative side too', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'pow_derivative_off_by_one': ('d x^k/dx = k x^k instead of k x^(k-1)', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** exponent * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'pow_derivative_missing_k': ('d x^k/dx = x^(k-1), the factor k forgotten', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'pow_accepts_value_exponent': ('no ValueError for a Value exponent (TypeError from Python instead)', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'sub_as_minus_minus': ('a - b computed as a - (-b), that is a + b', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + Value._wrap(other)

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'rsub_flipped': ('2 - v computed as v - 2', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return self + (-Value._wrap(other))

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'rtruediv_flipped': ('2 / v computed as v / 2', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return self * Value._wrap(other) ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'neg_is_identity': ('-v returns v * 1', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * 1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'mul_derivative_own_factor': ('d(xy)/dx = x instead of y', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += self.data * result.grad
            other.grad += other.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'log_derivative_one_over_x_squared': ('d log x/dx = 1/x^2', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data ** 2
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'log_no_valueerror': ('no ValueError for data <= 0: takes the log of |x| instead', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        result = Value(math.log(abs(self.data) + 1e-300), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'exp_derivative_uses_input': ('d e^x/dx computed as x instead of e^x', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'backward_dfs_from_root': ('no topological order: each node passes its gradient on and recurses into its children at once', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        self.grad = 1.0

        def recurse(node):
            node._propagate()
            for parent in node._inputs:
                recurse(parent)
        recurse(self)
'''),
        'backward_breadth_first': ('visits nodes breadth first from the root (each once): a node can pass its gradient on before all its uses have sent theirs', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        self.grad = 1.0
        queue, seen = [self], {id(self)}
        while queue:
            node = queue.pop(0)
            node._propagate()
            for parent in node._inputs:
                if id(parent) not in seen:
                    seen.add(id(parent))
                    queue.append(parent)
'''),
        'backward_forward_order': ('walks the topological order forwards (inputs first) instead of in reverse', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in order:
            node._propagate()
'''),
        'root_grad_not_set': ('forgets to seed the output with grad 1', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        for node in reversed(order):
            node._propagate()
'''),
        'grad_starts_at_one': ('every Value starts with grad 1 instead of 0', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 1.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'radd_missing': ('no reflected addition: 1 + v raises TypeError', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
    },
    'MLP': {
        'tanh_on_output_layer': ("tanh on the output layer too (the chapter's network), not linear", '''
class MLP:
    def __init__(self, nin, nouts, seed=0):
        sizes = [nin, *nouts]
        if len(sizes) < 2 or any(int(size) != size or size < 1 for size in sizes):
            raise ValueError(f"MLP: need nin >= 1 and at least one layer of sizes >= 1, got nin={nin}, nouts={nouts}")
        draw = random.Random(seed)
        self.nin = int(nin)
        # self.layers[k][j] = [w_1, ..., w_m, b] of neuron j of layer k
        self.layers = [
            [[Value(draw.uniform(-1, 1)) for _ in range(fan_in + 1)] for _ in range(fan_out)]
            for fan_in, fan_out in zip(sizes[:-1], sizes[1:])
        ]

    def parameters(self):
        return [p for rows in self.layers for row in rows for p in row]

    def __call__(self, x):
        if len(x) != self.nin:
            raise ValueError(f"MLP: expected {self.nin} inputs, got {len(x)}")
        signal = list(x)
        for depth, rows in enumerate(self.layers):
            is_output = depth == len(self.layers) - 1
            produced = []
            for row in rows:
                z = row[-1]
                for weight, value in zip(row[:-1], signal):
                    z = z + weight * value
                produced.append(z.tanh())
            signal = produced
        return signal[0] if len(signal) == 1 else signal
'''),
        'no_hidden_activation': ('forgets tanh on the hidden layers: the network is linear', '''
class MLP:
    def __init__(self, nin, nouts, seed=0):
        sizes = [nin, *nouts]
        if len(sizes) < 2 or any(int(size) != size or size < 1 for size in sizes):
            raise ValueError(f"MLP: need nin >= 1 and at least one layer of sizes >= 1, got nin={nin}, nouts={nouts}")
        draw = random.Random(seed)
        self.nin = int(nin)
        # self.layers[k][j] = [w_1, ..., w_m, b] of neuron j of layer k
        self.layers = [
            [[Value(draw.uniform(-1, 1)) for _ in range(fan_in + 1)] for _ in range(fan_out)]
            for fan_in, fan_out in zip(sizes[:-1], sizes[1:])
        ]

    def parameters(self):
        return [p for rows in self.layers for row in rows for p in row]

    def __call__(self, x):
        if len(x) != self.nin:
            raise ValueError(f"MLP: expected {self.nin} inputs, got {len(x)}")
        signal = list(x)
        for depth, rows in enumerate(self.layers):
            is_output = depth == len(self.layers) - 1
            produced = []
            for row in rows:
                z = row[-1]
                for weight, value in zip(row[:-1], signal):
                    z = z + weight * value
                produced.append(z)
            signal = produced
        return signal[0] if len(signal) == 1 else signal
'''),
        'relu_hidden': ('relu instead of tanh in the hidden layers', '''
class MLP:
    def __init__(self, nin, nouts, seed=0):
        sizes = [nin, *nouts]
        if len(sizes) < 2 or any(int(size) != size or size < 1 for size in sizes):
            raise ValueError(f"MLP: need nin >= 1 and at least one layer of sizes >= 1, got nin={nin}, nouts={nouts}")
        draw = random.Random(seed)
        self.nin = int(nin)
        # self.layers[k][j] = [w_1, ..., w_m, b] of neuron j of layer k
        self.layers = [
            [[Value(draw.uniform(-1, 1)) for _ in range(fan_in + 1)] for _ in range(fan_out)]
            for fan_in, fan_out in zip(sizes[:-1], sizes[1:])
        ]

    def parameters(self):
        return [p for rows in self.layers for row in rows for p in row]

    def __call__(self, x):
        if len(x) != self.nin:
            raise ValueError(f"MLP: expected {self.nin} inputs, got {len(x)}")
        signal = list(x)
        for depth, rows in enumerate(self.layers):
            is_output = depth == len(self.layers) - 1
            produced = []
            for row in rows:
                z = row[-1]
                for weight, value in zip(row[:-1], signal):
                    z = z + weight * value
                produced.append(z if is_output else z.relu())
            signal = produced
        return signal[0] if len(signal) == 1 else signal
'''),
        'bias_drawn_first': ("draws each neuron's bias before its weights", '''
class MLP:
    def __init__(self, nin, nouts, seed=0):
        sizes = [nin, *nouts]
        if len(sizes) < 2 or any(int(size) != size or size < 1 for size in sizes):
            raise ValueError(f"MLP: need nin >= 1 and at least one layer of sizes >= 1, got nin={nin}, nouts={nouts}")
        draw = random.Random(seed)
        self.nin = int(nin)
        # self.layers[k][j] = [w_1, ..., w_m, b] of neuron j of layer k
        self.layers = [
            [[Value(draw.uniform(-1, 1)) for _ in range(fan_in + 1)] for _ in range(fan_out)]
            for fan_in, fan_out in zip(sizes[:-1], sizes[1:])
        ]

    def parameters(self):
        return [p for rows in self.layers for row in rows for p in row[1:] + row[:1]]

    def __call__(self, x):
        if len(x) != self.nin:
            raise ValueError(f"MLP: expected {self.nin} inputs, got {len(x)}")
        signal = list(x)
        for depth, rows in enumerate(self.layers):
            is_output = depth == len(self.layers) - 1
            produced = []
            for row in rows:
                z = row[0]
                for weight, value in zip(row[1:], signal):
                    z = z + weight * value
                produced.append(z if is_output else z.tanh())
            signal = produced
        return signal[0] if len(signal) == 1 else signal
'''),
        'bias_zero': ("micrograd's bias Value(0) instead of a drawn one", '''
class MLP:
    def __init__(self, nin, nouts, seed=0):
        sizes = [nin, *nouts]
        if len(sizes) < 2 or any(int(size) != size or size < 1 for size in sizes):
            raise ValueError(f"MLP: need nin >= 1 and at least one layer of sizes >= 1, got nin={nin}, nouts={nouts}")
        draw = random.Random(seed)
        self.nin = int(nin)
        # self.layers[k][j] = [w_1, ..., w_m, b] of neuron j of layer k
        self.layers = [
            [[Value(draw.uniform(-1, 1)) for _ in range(fan_in)] + [Value(0.0)] for _ in range(fan_out)]
            for fan_in, fan_out in zip(sizes[:-1], sizes[1:])
        ]

    def parameters(self):
        return [p for rows in self.layers for row in rows for p in row]

    def __call__(self, x):
        if len(x) != self.nin:
            raise ValueError(f"MLP: expected {self.nin} inputs, got {len(x)}")
        signal = list(x)
        for depth, rows in enumerate(self.layers):
            is_output = depth == len(self.layers) - 1
            produced = []
            for row in rows:
                z = row[-1]
                for weight, value in zip(row[:-1], signal):
                    z = z + weight * value
                produced.append(z if is_output else z.tanh())
            signal = produced
        return signal[0] if len(signal) == 1 else signal
'''),
        'weights_input_major': ('draws the weight matrix column by column (input after input) instead of neuron after neuron', '''
class MLP:
    def __init__(self, nin, nouts, seed=0):
        sizes = [nin, *nouts]
        if len(sizes) < 2 or any(int(size) != size or size < 1 for size in sizes):
            raise ValueError(f"MLP: need nin >= 1 and at least one layer of sizes >= 1, got nin={nin}, nouts={nouts}")
        draw = random.Random(seed)
        self.nin = int(nin)
        # self.layers[k][j] = [w_1, ..., w_m, b] of neuron j of layer k
        self.layers = []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            cols = [[Value(draw.uniform(-1, 1)) for _ in range(fan_out)] for _ in range(fan_in + 1)]
            self.layers.append([[cols[i][j] for i in range(fan_in + 1)] for j in range(fan_out)])

    def parameters(self):
        return [p for rows in self.layers for row in rows for p in row]

    def __call__(self, x):
        if len(x) != self.nin:
            raise ValueError(f"MLP: expected {self.nin} inputs, got {len(x)}")
        signal = list(x)
        for depth, rows in enumerate(self.layers):
            is_output = depth == len(self.layers) - 1
            produced = []
            for row in rows:
                z = row[-1]
                for weight, value in zip(row[:-1], signal):
                    z = z + weight * value
                produced.append(z if is_output else z.tanh())
            signal = produced
        return signal[0] if len(signal) == 1 else signal
'''),
        'global_random': ('ignores the seed: draws from the global random module', '''
class MLP:
    def __init__(self, nin, nouts, seed=0):
        sizes = [nin, *nouts]
        if len(sizes) < 2 or any(int(size) != size or size < 1 for size in sizes):
            raise ValueError(f"MLP: need nin >= 1 and at least one layer of sizes >= 1, got nin={nin}, nouts={nouts}")
        draw = random
        self.nin = int(nin)
        # self.layers[k][j] = [w_1, ..., w_m, b] of neuron j of layer k
        self.layers = [
            [[Value(draw.uniform(-1, 1)) for _ in range(fan_in + 1)] for _ in range(fan_out)]
            for fan_in, fan_out in zip(sizes[:-1], sizes[1:])
        ]

    def parameters(self):
        return [p for rows in self.layers for row in rows for p in row]

    def __call__(self, x):
        if len(x) != self.nin:
            raise ValueError(f"MLP: expected {self.nin} inputs, got {len(x)}")
        signal = list(x)
        for depth, rows in enumerate(self.layers):
            is_output = depth == len(self.layers) - 1
            produced = []
            for row in rows:
                z = row[-1]
                for weight, value in zip(row[:-1], signal):
                    z = z + weight * value
                produced.append(z if is_output else z.tanh())
            signal = produced
        return signal[0] if len(signal) == 1 else signal
'''),
        'bias_not_a_parameter': ('parameters() leaves out the biases', '''
class MLP:
    def __init__(self, nin, nouts, seed=0):
        sizes = [nin, *nouts]
        if len(sizes) < 2 or any(int(size) != size or size < 1 for size in sizes):
            raise ValueError(f"MLP: need nin >= 1 and at least one layer of sizes >= 1, got nin={nin}, nouts={nouts}")
        draw = random.Random(seed)
        self.nin = int(nin)
        # self.layers[k][j] = [w_1, ..., w_m, b] of neuron j of layer k
        self.layers = [
            [[Value(draw.uniform(-1, 1)) for _ in range(fan_in + 1)] for _ in range(fan_out)]
            for fan_in, fan_out in zip(sizes[:-1], sizes[1:])
        ]

    def parameters(self):
        return [p for rows in self.layers for row in rows for p in row[:-1]]

    def __call__(self, x):
        if len(x) != self.nin:
            raise ValueError(f"MLP: expected {self.nin} inputs, got {len(x)}")
        signal = list(x)
        for depth, rows in enumerate(self.layers):
            is_output = depth == len(self.layers) - 1
            produced = []
            for row in rows:
                z = row[-1]
                for weight, value in zip(row[:-1], signal):
                    z = z + weight * value
                produced.append(z if is_output else z.tanh())
            signal = produced
        return signal[0] if len(signal) == 1 else signal
'''),
        'parameters_miss_last_layer': ('parameters() forgets the output layer', '''
class MLP:
    def __init__(self, nin, nouts, seed=0):
        sizes = [nin, *nouts]
        if len(sizes) < 2 or any(int(size) != size or size < 1 for size in sizes):
            raise ValueError(f"MLP: need nin >= 1 and at least one layer of sizes >= 1, got nin={nin}, nouts={nouts}")
        draw = random.Random(seed)
        self.nin = int(nin)
        # self.layers[k][j] = [w_1, ..., w_m, b] of neuron j of layer k
        self.layers = [
            [[Value(draw.uniform(-1, 1)) for _ in range(fan_in + 1)] for _ in range(fan_out)]
            for fan_in, fan_out in zip(sizes[:-1], sizes[1:])
        ]

    def parameters(self):
        return [p for rows in self.layers[:-1] for row in rows for p in row]

    def __call__(self, x):
        if len(x) != self.nin:
            raise ValueError(f"MLP: expected {self.nin} inputs, got {len(x)}")
        signal = list(x)
        for depth, rows in enumerate(self.layers):
            is_output = depth == len(self.layers) - 1
            produced = []
            for row in rows:
                z = row[-1]
                for weight, value in zip(row[:-1], signal):
                    z = z + weight * value
                produced.append(z if is_output else z.tanh())
            signal = produced
        return signal[0] if len(signal) == 1 else signal
'''),
        'parameters_are_copies': ('parameters() returns new Values with the same data: training them changes nothing', '''
class MLP:
    def __init__(self, nin, nouts, seed=0):
        sizes = [nin, *nouts]
        if len(sizes) < 2 or any(int(size) != size or size < 1 for size in sizes):
            raise ValueError(f"MLP: need nin >= 1 and at least one layer of sizes >= 1, got nin={nin}, nouts={nouts}")
        draw = random.Random(seed)
        self.nin = int(nin)
        # self.layers[k][j] = [w_1, ..., w_m, b] of neuron j of layer k
        self.layers = [
            [[Value(draw.uniform(-1, 1)) for _ in range(fan_in + 1)] for _ in range(fan_out)]
            for fan_in, fan_out in zip(sizes[:-1], sizes[1:])
        ]

    def parameters(self):
        return [Value(p.data) for rows in self.layers for row in rows for p in row]

    def __call__(self, x):
        if len(x) != self.nin:
            raise ValueError(f"MLP: expected {self.nin} inputs, got {len(x)}")
        signal = list(x)
        for depth, rows in enumerate(self.layers):
            is_output = depth == len(self.layers) - 1
            produced = []
            for row in rows:
                z = row[-1]
                for weight, value in zip(row[:-1], signal):
                    z = z + weight * value
                produced.append(z if is_output else z.tanh())
            signal = produced
        return signal[0] if len(signal) == 1 else signal
'''),
        'always_returns_list': ('returns a list of one Value for a single output', '''
class MLP:
    def __init__(self, nin, nouts, seed=0):
        sizes = [nin, *nouts]
        if len(sizes) < 2 or any(int(size) != size or size < 1 for size in sizes):
            raise ValueError(f"MLP: need nin >= 1 and at least one layer of sizes >= 1, got nin={nin}, nouts={nouts}")
        draw = random.Random(seed)
        self.nin = int(nin)
        # self.layers[k][j] = [w_1, ..., w_m, b] of neuron j of layer k
        self.layers = [
            [[Value(draw.uniform(-1, 1)) for _ in range(fan_in + 1)] for _ in range(fan_out)]
            for fan_in, fan_out in zip(sizes[:-1], sizes[1:])
        ]

    def parameters(self):
        return [p for rows in self.layers for row in rows for p in row]

    def __call__(self, x):
        if len(x) != self.nin:
            raise ValueError(f"MLP: expected {self.nin} inputs, got {len(x)}")
        signal = list(x)
        for depth, rows in enumerate(self.layers):
            is_output = depth == len(self.layers) - 1
            produced = []
            for row in rows:
                z = row[-1]
                for weight, value in zip(row[:-1], signal):
                    z = z + weight * value
                produced.append(z if is_output else z.tanh())
            signal = produced
        return signal
'''),
        'no_input_length_check': ('zip silently drops extra inputs instead of raising ValueError', '''
class MLP:
    def __init__(self, nin, nouts, seed=0):
        sizes = [nin, *nouts]
        if len(sizes) < 2 or any(int(size) != size or size < 1 for size in sizes):
            raise ValueError(f"MLP: need nin >= 1 and at least one layer of sizes >= 1, got nin={nin}, nouts={nouts}")
        draw = random.Random(seed)
        self.nin = int(nin)
        # self.layers[k][j] = [w_1, ..., w_m, b] of neuron j of layer k
        self.layers = [
            [[Value(draw.uniform(-1, 1)) for _ in range(fan_in + 1)] for _ in range(fan_out)]
            for fan_in, fan_out in zip(sizes[:-1], sizes[1:])
        ]

    def parameters(self):
        return [p for rows in self.layers for row in rows for p in row]

    def __call__(self, x):
        signal = list(x)
        for depth, rows in enumerate(self.layers):
            is_output = depth == len(self.layers) - 1
            produced = []
            for row in rows:
                z = row[-1]
                for weight, value in zip(row[:-1], signal):
                    z = z + weight * value
                produced.append(z if is_output else z.tanh())
            signal = produced
        return signal[0] if len(signal) == 1 else signal
'''),
        'no_argument_checks': ('accepts nin = 0, an empty nouts or a layer of size 0', '''
class MLP:
    def __init__(self, nin, nouts, seed=0):
        sizes = [nin, *nouts]
        draw = random.Random(seed)
        self.nin = int(nin)
        # self.layers[k][j] = [w_1, ..., w_m, b] of neuron j of layer k
        self.layers = [
            [[Value(draw.uniform(-1, 1)) for _ in range(fan_in + 1)] for _ in range(fan_out)]
            for fan_in, fan_out in zip(sizes[:-1], sizes[1:])
        ]

    def parameters(self):
        return [p for rows in self.layers for row in rows for p in row]

    def __call__(self, x):
        if len(x) != self.nin:
            raise ValueError(f"MLP: expected {self.nin} inputs, got {len(x)}")
        signal = list(x)
        for depth, rows in enumerate(self.layers):
            is_output = depth == len(self.layers) - 1
            produced = []
            for row in rows:
                z = row[-1]
                for weight, value in zip(row[:-1], signal):
                    z = z + weight * value
                produced.append(z if is_output else z.tanh())
            signal = produced
        return signal[0] if len(signal) == 1 else signal
'''),
    },
}

CORRECT = {
    'Value': {
        'micrograd_style': ("micrograd's layout: _backward closures, recursive topological sort, sub/div through neg and pow", '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_children)
        self._op = _op
        self._propagate = lambda: None

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def propagate():
            self.grad += result.grad
            other.grad += result.grad
        result._propagate = propagate
        return result

    def __mul__(self, other):
        other = Value._wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def propagate():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad
        result._propagate = propagate
        return result

    def __pow__(self, exponent):
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def propagate():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad
        result._propagate = propagate
        return result

    def exp(self):
        result = Value(math.exp(self.data), (self,), "exp")

        def propagate():
            self.grad += result.data * result.grad
        result._propagate = propagate
        return result

    def log(self):
        if self.data <= 0:
            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")
        result = Value(math.log(self.data), (self,), "log")

        def propagate():
            self.grad += result.grad / self.data
        result._propagate = propagate
        return result

    def tanh(self):
        result = Value(math.tanh(self.data), (self,), "tanh")

        def propagate():
            self.grad += (1.0 - result.data ** 2) * result.grad
        result._propagate = propagate
        return result

    def relu(self):
        result = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def propagate():
            if self.data > 0:
                self.grad += result.grad
        result._propagate = propagate
        return result

    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-Value._wrap(other))

    def __rsub__(self, other):
        return Value._wrap(other) + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * Value._wrap(other) ** -1

    def __rtruediv__(self, other):
        return Value._wrap(other) * self ** -1

    def backward(self):
        order, seen = [], set()

        def build(node):
            if node not in seen:
                seen.add(node)
                for parent in node._inputs:
                    build(parent)
                order.append(node)
        build(self)
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()
'''),
        'direct_local_rules': ('every operation with its own local rule (no composition), tanh through exp for moderate x, relu with a multiplication', '''
class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._prev = list(_children)
        self._rule = None

    def __repr__(self):
        return f"Value({self.data}, grad={self.grad})"

    @staticmethod
    def _wrap(x):
        return x if isinstance(x, Value) else Value(x)

    def _node(self, data, parents, locals_):
        out = Value(data, parents)
        def rule():
            for p, d in zip(parents, locals_):
                p.grad += d * out.grad
        out._rule = rule
        return out

    def __add__(self, other):
        other = Value._wrap(other)
        return self._node(self.data + other.data, (self, other), (1.0, 1.0))

    def __radd__(self, other):
        return Value._wrap(other) + self

    def __sub__(self, other):
        other = Value._wrap(other)
        return self._node(self.data - other.data, (self, other), (1.0, -1.0))

    def __rsub__(self, other):
        return Value._wrap(other) - self

    def __mul__(self, other):
        other = Value._wrap(other)
        return self._node(self.data * other.data, (self, other), (other.data, self.data))

    def __rmul__(self, other):
        return Value._wrap(other) * self

    def __truediv__(self, other):
        other = Value._wrap(other)
        return self._node(self.data / other.data, (self, other), (1.0 / other.data, -self.data / other.data ** 2))

    def __rtruediv__(self, other):
        return Value._wrap(other) / self

    def __neg__(self):
        return self._node(-self.data, (self,), (-1.0,))

    def __pow__(self, k):
        if not isinstance(k, (int, float)) or isinstance(k, bool):
            raise ValueError("exponent must be a number")
        return self._node(self.data ** k, (self,), (k * self.data ** (k - 1),))

    def exp(self):
        e = math.exp(self.data)
        return self._node(e, (self,), (e,))

    def log(self):
        if not self.data > 0:
            raise ValueError("log of a non-positive number")
        return self._node(math.log(self.data), (self,), (1.0 / self.data,))

    def tanh(self):
        x = self.data
        t = math.tanh(x) if abs(x) > 20 else (math.exp(2 * x) - 1) / (math.exp(2 * x) + 1)
        return self._node(t, (self,), (1 - t * t,))

    def relu(self):
        return self._node(max(self.data, 0.0), (self,), (float(self.data > 0),))

    def backward(self):
        order, done = [], set()
        def visit(v):
            if id(v) in done:
                return
            done.add(id(v))
            for p in v._prev:
                visit(p)
            order.append(v)
        visit(self)
        self.grad = 1.0
        for v in order[::-1]:
            if v._rule is not None:
                v._rule()
'''),
    },
    'MLP': {
        'nested_neuron_and_layer': ('micrograd-like nested Neuron and Layer classes, sum() over a generator', '''
class MLP:
    class Neuron:
        def __init__(self, nin, rng, linear):
            self.w = [Value(rng.uniform(-1, 1)) for _ in range(nin)]
            self.b = Value(rng.uniform(-1, 1))
            self.linear = linear

        def __call__(self, x):
            z = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
            return z if self.linear else z.tanh()

    class Layer:
        def __init__(self, nin, nout, rng, linear):
            self.neurons = [MLP.Neuron(nin, rng, linear) for _ in range(nout)]

        def __call__(self, x):
            return [n(x) for n in self.neurons]

    def __init__(self, nin, nouts, seed=0):
        if not isinstance(nin, int) or nin < 1 or len(nouts) == 0 or any(k < 1 for k in nouts):
            raise ValueError("bad sizes")
        rng = random.Random(seed)
        self.nin = nin
        sizes = [nin] + list(nouts)
        self.layers = [MLP.Layer(sizes[i], sizes[i + 1], rng, i == len(nouts) - 1) for i in range(len(nouts))]

    def parameters(self):
        return [p for layer in self.layers for n in layer.neurons for p in n.w + [n.b]]

    def __call__(self, x):
        if len(x) != self.nin:
            raise ValueError("wrong number of inputs")
        for layer in self.layers:
            x = layer(x)
        return x[0] if len(x) == 1 else x
'''),
    },
}

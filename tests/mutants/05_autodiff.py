"""Assignment 05_autodiff: known-wrong and alternative correct versions of its graded classes.

Each version is a change of the class's answer cell in solutions/ ({old: new}, see tests/mutants/__init__.py),
except the correct versions written another way, which are whole classes."""

# The solution's iterative topological sort (Value.backward), removed or replaced by the backward variants.
TOPO_SORT = """\
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((parent, False) for parent in node._inputs)
"""
BACKWARD_LOOP = "for node in reversed(order):\n            node._propagate()"
ADD_RULE = "self.grad += result.grad\n            other.grad += result.grad"
POW_CHECK = """\
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
"""

WRONG = {
    "Value": {
        "grad_assigned_not_accumulated": ("assigns (=) the operands' grads in + and *: a value used twice keeps only its last use", {
            ADD_RULE: "self.grad = result.grad\n            other.grad = result.grad",
            "self.grad += other.data": "self.grad = other.data",
            "other.grad += self.data": "other.grad = self.data"}),
        "add_assigns_only": ("accumulates everywhere except in +, where it assigns", {
            ADD_RULE: "self.grad = result.grad\n            other.grad = result.grad"}),
        "tanh_derivative_not_squared": ("tanh's local derivative 1 - tanh instead of 1 - tanh^2", {
            "(1.0 - result.data ** 2)": "(1.0 - result.data)"}),
        "tanh_derivative_of_input": ("tanh's derivative 1 - x^2 with the input x instead of the output", {
            "(1.0 - result.data ** 2)": "(1.0 - self.data ** 2)"}),
        "tanh_is_coth": ("the Value article's tanh: (e^2x + 1)/(e^2x - 1), which is coth", {
            "math.tanh(self.data)": "(math.exp(2 * self.data) + 1) / (math.exp(2 * self.data) - 1)"}),
        "tanh_overflows": ("tanh as (e^2x - 1)/(e^2x + 1): right values, but overflows for large x", {
            "math.tanh(self.data)": "(math.exp(2 * self.data) - 1) / (math.exp(2 * self.data) + 1)"}),
        "relu_derivative_one_at_zero": ("relu passes the gradient at the kink x = 0 (>= instead of >)", {
            "if self.data > 0:": "if self.data >= 0:"}),
        "relu_derivative_always_one": ("relu passes the gradient on the negative side too", {
            "if self.data > 0:\n                self.grad": "self.grad"}),
        "pow_derivative_off_by_one": ("d x^k/dx = k x^k instead of k x^(k-1)", {
            "self.data ** (exponent - 1)": "self.data ** exponent"}),
        "pow_derivative_missing_k": ("d x^k/dx = x^(k-1), the factor k forgotten", {
            "exponent * self.data ** (exponent - 1)": "self.data ** (exponent - 1)"}),
        "pow_accepts_value_exponent": ("no ValueError for a Value exponent (TypeError from Python instead)", {
            POW_CHECK: ""}),
        "sub_as_minus_minus": ("a - b computed as a - (-b), that is a + b", {
            "return self + (-Value._wrap(other))": "return self + Value._wrap(other)"}),
        "rsub_flipped": ("2 - v computed as v - 2", {
            "return Value._wrap(other) + (-self)": "return self + (-Value._wrap(other))"}),
        "rtruediv_flipped": ("2 / v computed as v / 2", {
            "return Value._wrap(other) * self ** -1": "return self * Value._wrap(other) ** -1"}),
        "neg_is_identity": ("-v returns v * 1", {
            "self * -1.0": "self * 1.0"}),
        "mul_derivative_own_factor": ("d(xy)/dx = x instead of y", {
            "self.grad += other.data": "self.grad += self.data",
            "other.grad += self.data": "other.grad += other.data"}),
        "log_derivative_one_over_x_squared": ("d log x/dx = 1/x^2", {
            "result.grad / self.data": "result.grad / self.data ** 2"}),
        "log_no_valueerror": ("no ValueError for data <= 0: takes the log of |x| instead", {
            '        if self.data <= 0:\n            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")\n': "",
            "math.log(self.data)": "math.log(abs(self.data) + 1e-300)"}),
        "exp_derivative_uses_input": ("d e^x/dx computed as x instead of e^x", {
            "+= result.data * result.grad": "+= self.data * result.grad"}),
        "backward_dfs_from_root": ("no topological order: each node passes its gradient on and recurses into its children at once", {
            TOPO_SORT: "",
            BACKWARD_LOOP: "\n        def recurse(node):\n            node._propagate()\n"
                           "            for parent in node._inputs:\n                recurse(parent)\n        recurse(self)"}),
        "backward_breadth_first": ("visits nodes breadth first from the root (each once): a node can pass its gradient on before all its uses have sent theirs",
                                   {
            TOPO_SORT: "",
            BACKWARD_LOOP: "queue, seen = [self], {id(self)}\n        while queue:\n            node = queue.pop(0)\n            node._propagate()\n"
                           "            for parent in node._inputs:\n                if id(parent) not in seen:\n"
                           "                    seen.add(id(parent))\n                    queue.append(parent)"}),
        "backward_forward_order": ("walks the topological order forwards (inputs first) instead of in reverse", {
            "in reversed(order):": "in order:"}),
        "root_grad_not_set": ("forgets to seed the output with grad 1", {
            "        self.grad = 1.0\n": ""}),
        "grad_starts_at_one": ("every Value starts with grad 1 instead of 0", {
            "self.grad = 0.0": "self.grad = 1.0"}),
        "backward_recursive_topo": ("micrograd's recursive build_topo: RecursionError on a graph deeper than about 1,000 nodes", {
            TOPO_SORT: """\
        order, seen = [], set()

        def build(node):
            if node not in seen:
                seen.add(node)
                for parent in node._inputs:
                    build(parent)
                order.append(node)
        build(self)
"""}),
        "backward_zeroes_graph_first": ("backward() first sets every grad of the graph to 0: a second backward does not add up", {
            "        self.grad = 1.0\n": "        for node in order:\n            node.grad = 0.0\n        self.grad = 1.0\n"}),
        "root_grad_accumulated": ("seeds the output with grad += 1 instead of grad = 1: a second backward counts the seed twice", {
            "        self.grad = 1.0\n": "        self.grad += 1.0\n"}),
        "data_not_float": ("keeps data as given: Value(3).data is the int 3, not 3.0", {
            "self.data = float(data)": "self.data = data"}),
        "radd_missing": ("no reflected addition: 1 + v raises TypeError", {
            "    def __radd__(self, other):\n        ### BEGIN SOLUTION\n        return self + other\n        ### END SOLUTION\n\n": ""}),
    },
    "MLP": {
        "tanh_on_output_layer": ("tanh on the output layer too (the chapter's network), not linear", {
            "z if is_output else z.tanh()": "z.tanh()"}),
        "no_hidden_activation": ("forgets tanh on the hidden layers: the network is linear", {
            "z if is_output else z.tanh()": "z"}),
        "relu_hidden": ("relu instead of tanh in the hidden layers", {
            "z.tanh()": "z.relu()"}),
        "bias_drawn_first": ("draws each neuron's bias before its weights", {
            "for p in row]": "for p in row[1:] + row[:1]]",
            "z = row[-1]": "z = row[0]",
            "zip(row[:-1], signal)": "zip(row[1:], signal)"}),
        "bias_zero": ("micrograd's bias Value(0) instead of a drawn one", {
            "for _ in range(fan_in + 1)]": "for _ in range(fan_in)] + [Value(0.0)]"}),
        "weights_input_major": ("draws the weight matrix column by column (input after input) instead of neuron after neuron", {
            """\
        self.layers = [
            [[Value(draw.uniform(-1, 1)) for _ in range(fan_in + 1)] for _ in range(fan_out)]
            for fan_in, fan_out in zip(sizes[:-1], sizes[1:])
        ]""": """\
        self.layers = []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            cols = [[Value(draw.uniform(-1, 1)) for _ in range(fan_out)] for _ in range(fan_in + 1)]
            self.layers.append([[cols[i][j] for i in range(fan_in + 1)] for j in range(fan_out)])"""}),
        "global_random": ("ignores the seed: draws from the global random module", {
            "draw = random.Random(seed)": "draw = random"}),
        "default_seed_none": ("the default seed is None (fresh random weights) instead of 0", {
            "def __init__(self, nin, nouts, seed=0)": "def __init__(self, nin, nouts, seed=None)"}),
        "bias_not_a_parameter": ("parameters() leaves out the biases", {
            "for p in row]": "for p in row[:-1]]"}),
        "parameters_miss_last_layer": ("parameters() forgets the output layer", {
            "in self.layers for row": "in self.layers[:-1] for row"}),
        "parameters_are_copies": ("parameters() returns new Values with the same data: training them changes nothing", {
            "return [p for": "return [Value(p.data) for"}),
        "always_returns_list": ("returns a list of one Value for a single output", {
            "return signal[0] if len(signal) == 1 else signal": "return signal"}),
        "no_input_length_check": ("zip silently drops extra inputs instead of raising ValueError", {
            '        if len(x) != self.nin:\n            raise ValueError(f"MLP: expected {self.nin} inputs, got {len(x)}")\n': ""}),
        "no_argument_checks": ("accepts nin = 0, an empty nouts or a layer of size 0", {
            '        if len(sizes) < 2 or any(int(size) != size or size < 1 for size in sizes):\n'
            '            raise ValueError(f"MLP: need nin >= 1 and at least one layer of sizes >= 1, got nin={nin}, nouts={nouts}")\n': ""}),
    },
}

CORRECT = {
    "Value": {
        "backward_adds_fresh_gradients": ("computes this pass's gradients from zero, then adds them to the grads the nodes held before", {
            "        self.grad = 1.0\n        for node in reversed(order):\n            node._propagate()\n":
            "        held = {id(node): node.grad for node in order}\n        for node in order:\n            node.grad = 0.0\n"
            "        self.grad = 1.0\n        for node in reversed(order):\n            node._propagate()\n"
            "        for node in order:\n            if node is not self:\n                node.grad += held[id(node)]\n"}),
        'direct_local_rules': ('every operation with its own local rule (no composition), tanh through exp for moderate x, backward by Kahn\'s algorithm', '''
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
        # Kahn's algorithm: a node sends its gradient on once every use of it has sent its own
        nodes, stack = {id(self): self}, [self]
        while stack:
            v = stack.pop()
            for p in v._prev:
                if id(p) not in nodes:
                    nodes[id(p)] = p
                    stack.append(p)
        uses = dict.fromkeys(nodes, 0)
        for v in nodes.values():
            for p in v._prev:
                uses[id(p)] += 1
        self.grad = 1.0
        ready = [self]
        while ready:
            v = ready.pop()
            if v._rule is not None:
                v._rule()
            for p in v._prev:
                uses[id(p)] -= 1
                if uses[id(p)] == 0:
                    ready.append(p)
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

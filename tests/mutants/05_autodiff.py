"""Assignment 05_autodiff: known-wrong and alternative correct versions of its graded classes.

Each version is a change of the class's answer cell in solutions/ ({old: new}, see tests/mutants/__init__.py),
except the correct versions written another way, which are whole classes.

The answer cell of Value gives the chapter's __init__, __repr__, _wrap, +, * and tanh; the student writes the
other operations and backward(), so the mutants change only those (a whole class keeps the given part as given)."""

# The given part of the Value cell (the chapter's class), the head of the whole-class versions.
GIVEN = '''\
class Value:
    def __init__(self, data, children=(), op="", label=""):
        self.data = float(data)
        self.grad = 0.0
        self.children = children
        self.op = op
        self.label = label
        self._backward = lambda: None  # an input has nothing to pass on

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _wrap(x):
        """x itself if it is a Value, else a new Value holding the number x."""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += 1.0 * out.grad   # ds/dx = 1
            other.grad += 1.0 * out.grad  # ds/dy = 1
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = Value._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad  # dp/dx = y
            other.grad += self.data * out.grad  # dp/dy = x
        out._backward = _backward
        return out

    def tanh(self):
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward():
            self.grad += (1 - t * t) * out.grad
        out._backward = _backward
        return out
'''

# The solution's iterative topological sort (Value.backward), removed or replaced by the backward variants.
TOPO_SORT = """\
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif node not in seen:
                seen.add(node)
                stack.append((node, True))
                stack.extend((child, False) for child in node.children)
"""
BACKWARD_LOOP = "for node in reversed(order):\n            node._backward()"
# The whole body of the solution's backward(), for the versions that replace it.
BACKWARD = TOPO_SORT + "        self.grad = 1.0\n        " + BACKWARD_LOOP + "\n"
POW_CHECK = """\
        if isinstance(exponent, Value) or not isinstance(exponent, (int, float)):
            raise ValueError(f"Value.__pow__: the exponent must be an int or a float, got {exponent!r}")
"""
POW_RULE = "self.grad += exponent * self.data ** (exponent - 1) * out.grad"
EXP_RULE = "self.grad += out.grad * out.data"
LOG_RULE = "self.grad += out.grad / self.data"
RELU_RULE = "                self.grad += out.grad"

WRONG = {
    "Value": {
        "grad_assigned_not_accumulated": ("assigns (=) the operand's grad in **, exp, log and relu: a value used twice keeps only its last use", {
            POW_RULE: POW_RULE.replace("+=", "="), EXP_RULE: EXP_RULE.replace("+=", "="),
            LOG_RULE: LOG_RULE.replace("+=", "="), RELU_RULE: RELU_RULE.replace("+=", "=")}),
        "pow_assigns": ("accumulates everywhere except in **, where it assigns", {POW_RULE: POW_RULE.replace("+=", "=")}),
        "exp_assigns": ("accumulates everywhere except in exp, where it assigns", {EXP_RULE: EXP_RULE.replace("+=", "=")}),
        "log_assigns": ("accumulates everywhere except in log, where it assigns", {LOG_RULE: LOG_RULE.replace("+=", "=")}),
        "relu_assigns": ("accumulates everywhere except in relu, where it assigns", {RELU_RULE: RELU_RULE.replace("+=", "=")}),
        "relu_derivative_one_at_zero": ("relu passes the gradient at the kink x = 0 (>= instead of >)", {
            "if self.data > 0:": "if self.data >= 0:"}),
        "relu_derivative_always_one": ("relu passes the gradient on the negative side too", {
            "if self.data > 0:\n" + RELU_RULE: RELU_RULE.replace("    ", "", 1)}),
        "pow_derivative_off_by_one": ("d x^k/dx = k x^k instead of k x^(k-1)", {
            "self.data ** (exponent - 1)": "self.data ** exponent"}),
        "pow_derivative_missing_k": ("d x^k/dx = x^(k-1), the factor k forgotten", {
            "exponent * self.data ** (exponent - 1)": "self.data ** (exponent - 1)"}),
        "pow_derivative_without_chain": ("d x^k/dx without the incoming gradient: k x^(k-1), not times out.grad", {
            POW_RULE: "self.grad += exponent * self.data ** (exponent - 1)"}),
        "pow_accepts_value_exponent": ("no ValueError for a Value exponent (TypeError from Python instead)", {
            POW_CHECK: ""}),
        "pow_rejects_float_exponent": ("accepts only an int exponent: x ** 0.5 raises ValueError", {
            "not isinstance(exponent, (int, float))": "not isinstance(exponent, int)"}),
        "sub_as_minus_minus": ("a - b computed as a - (-b), that is a + b", {
            "return self + (-Value._wrap(other))": "return self + Value._wrap(other)"}),
        "rsub_flipped": ("2 - v computed as v - 2", {
            "return Value._wrap(other) + (-self)": "return self + (-Value._wrap(other))"}),
        "rtruediv_flipped": ("2 / v computed as v / 2", {
            "return Value._wrap(other) * self ** -1": "return self * Value._wrap(other) ** -1"}),
        "division_without_chain_rule": ("v / w with its own rule, the local derivatives 1/w and -v/w^2 not multiplied by out.grad", {
            "        return self * Value._wrap(other) ** -1\n": """\
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += 1.0 / other.data
            other.grad += -self.data / other.data ** 2
        out._backward = _backward
        return out
"""}),
        "neg_is_identity": ("-v returns v * 1", {
            "self * -1.0": "self * 1.0"}),
        "log_derivative_one_over_x_squared": ("d log x/dx = 1/x^2", {
            LOG_RULE: "self.grad += out.grad / self.data ** 2"}),
        "log_derivative_one_over_output": ("d log x/dx = 1/out, the output log x instead of the input x", {
            LOG_RULE: "self.grad += out.grad / out.data"}),
        "log_no_valueerror": ("no ValueError for data <= 0: takes the log of |x| instead", {
            '        if self.data <= 0:\n            raise ValueError(f"Value.log: the logarithm needs data > 0, got {self.data}")\n': "",
            "math.log(self.data)": "math.log(abs(self.data) + 1e-300)"}),
        "exp_derivative_uses_input": ("d e^x/dx computed as x instead of e^x", {
            EXP_RULE: "self.grad += self.data * out.grad"}),
        "radd_missing": ("no reflected addition: 1 + v raises TypeError", {
            "    def __radd__(self, other):\n        ### BEGIN SOLUTION\n        return self + other\n        ### END SOLUTION\n\n": ""}),
        "backward_dfs_from_root": ("no topological order: each node passes its gradient on and recurses into its children at once", {
            TOPO_SORT: "",
            BACKWARD_LOOP: "\n        def recurse(node):\n            node._backward()\n"
                           "            for child in node.children:\n                recurse(child)\n        recurse(self)"}),
        "backward_breadth_first": ("visits nodes breadth first from the root (each once): a node can pass its gradient on before all its uses have sent theirs",
                                   {
            TOPO_SORT: "",
            BACKWARD_LOOP: "queue, seen = [self], {id(self)}\n        while queue:\n            node = queue.pop(0)\n            node._backward()\n"
                           "            for child in node.children:\n                if id(child) not in seen:\n"
                           "                    seen.add(id(child))\n                    queue.append(child)"}),
        "backward_forward_order": ("walks the topological order forwards (inputs first) instead of in reverse", {
            "in reversed(order):": "in order:"}),
        "backward_preorder_stack": ("an iterative depth-first walk that lists a node when first reached (its children not done), walked from the root", {
            TOPO_SORT: """\
        order, seen, stack = [], set(), [self]
        while stack:
            node = stack.pop()
            if id(node) not in seen:
                seen.add(id(node))
                order.append(node)
                stack.extend(node.children)
""",
            "in reversed(order):": "in order:"}),
        "backward_marks_seen_on_push": ("marks a child visited when pushed, not when opened: one still waiting on the stack is listed after a user of it", {
            TOPO_SORT: """\
        order, seen, stack = [], {id(self)}, [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            else:
                stack.append((node, True))
                for child in node.children:
                    if id(child) not in seen:
                        seen.add(id(child))
                        stack.append((child, False))
"""}),
        "backward_no_visited_set": ("the iterative sort keeps no visited set: a node reached by two paths passes its gradient on twice", {
            "            elif node not in seen:\n                seen.add(node)\n": "            else:\n"}),
        "root_grad_not_set": ("forgets to seed the output with grad 1", {
            "        self.grad = 1.0\n": ""}),
        "backward_recursive_topo": ("the chapter's recursive topological sort: RecursionError on a graph deeper than about 1,000 nodes", {
            TOPO_SORT: """\
        order, seen = [], set()

        def build(node):
            if id(node) not in seen:
                seen.add(id(node))
                for child in node.children:
                    build(child)
                order.append(node)
        build(self)
"""}),
        "backward_zeroes_graph_first": ("backward() first sets every grad of the graph to 0: a second backward does not add up", {
            "        self.grad = 1.0\n": "        for node in order:\n            node.grad = 0.0\n        self.grad = 1.0\n"}),
        "backward_zeroes_leaves_first": ("backward() first resets the inputs' grads (the nodes with no children) to 0", {
            "        self.grad = 1.0\n": "        for node in order:\n            if not node.children:\n"
                                       "                node.grad = 0.0\n        self.grad = 1.0\n"}),
        "root_grad_accumulated": ("seeds the output with grad += 1 instead of grad = 1: a second backward counts the seed twice", {
            "        self.grad = 1.0\n": "        self.grad += 1.0\n"}),
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
            "        self.grad = 1.0\n        for node in reversed(order):\n            node._backward()\n":
            "        held = {id(node): node.grad for node in order}\n        for node in order:\n            node.grad = 0.0\n"
            "        self.grad = 1.0\n        for node in reversed(order):\n            node._backward()\n"
            "        for node in order:\n            if node is not self:\n                node.grad += held[id(node)]\n"}),
        "backward_kahn": ("Kahn's algorithm: counts each node's parents (the nodes that use it), passes a node on once all of them have sent their share", {
            BACKWARD: """\
        nodes, stack = {id(self): self}, [self]
        while stack:
            for child in stack.pop().children:
                if id(child) not in nodes:
                    nodes[id(child)] = child
                    stack.append(child)
        parents = dict.fromkeys(nodes, 0)
        for node in nodes.values():
            for child in node.children:
                parents[id(child)] += 1
        self.grad = 1.0
        ready = [self]
        while ready:
            node = ready.pop()
            node._backward()
            for child in node.children:
                parents[id(child)] -= 1
                if parents[id(child)] == 0:
                    ready.append(child)
"""}),
        "backward_iterator_stack": ("a post-order with an explicit stack of (node, iterator over its children), as the recursion would keep them", {
            TOPO_SORT: """\
        order, seen, stack = [], {id(self)}, [(self, iter(self.children))]
        while stack:
            node, pending = stack[-1]
            child = next(pending, None)
            if child is None:
                stack.pop()
                order.append(node)
            elif id(child) not in seen:
                seen.add(id(child))
                stack.append((child, iter(child.children)))
"""}),
        "backward_peek_with_done_set": ("peeks at the top of the stack: pushes its children not done yet, or, when all are, pops it and marks it done", {
            TOPO_SORT: """\
        order, done, stack = [], set(), [self]
        while stack:
            node = stack[-1]
            if id(node) in done:
                stack.pop()
                continue
            waiting = [child for child in node.children if id(child) not in done]
            if waiting:
                stack.extend(waiting)
            else:
                stack.pop()
                done.add(id(node))
                order.append(node)
"""}),
        "ops_written_otherwise": ("- and / with their own local rules, reflected forms through the forward ones, relu as x times 0 or 1", {
            "        return self * -1.0\n": "        return Value(0.0) - self\n",
            "        return self + other\n": "        return Value._wrap(other) + self\n",
            "        return self + (-Value._wrap(other))\n": """\
        other = Value._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad -= out.grad
        out._backward = _backward
        return out
""",
            "        return Value._wrap(other) + (-self)\n": "        return Value._wrap(other) - self\n",
            "        return self * other\n": "        return Value._wrap(other) * self\n",
            "        return self * Value._wrap(other) ** -1\n": """\
        other = Value._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad -= out.grad * self.data / other.data ** 2
        out._backward = _backward
        return out
""",
            "        return Value._wrap(other) * self ** -1\n": "        return Value._wrap(other) / self\n",
            '        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")\n\n'
            "        def _backward():\n            if self.data > 0:\n" + RELU_RULE + "\n        out._backward = _backward\n        return out\n":
            "        return self * (1.0 if self.data > 0 else 0.0)\n",
            LOG_RULE: "self.grad += (1.0 / self.data) * out.grad"}),
        "direct_local_rules": ("every operation with its own local rule through one helper, backward by a post-order with a stack of indices", GIVEN + '''
    def _node(self, data, operands, locals_):
        out = Value(data, operands)

        def _backward():
            for operand, local in zip(operands, locals_):
                operand.grad += local * out.grad
        out._backward = _backward
        return out

    def __radd__(self, other):
        return Value._wrap(other) + self

    def __sub__(self, other):
        other = Value._wrap(other)
        return self._node(self.data - other.data, (self, other), (1.0, -1.0))

    def __rsub__(self, other):
        return Value._wrap(other) - self

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
            raise ValueError("Value.__pow__: exponent must be a number")
        return self._node(self.data ** k, (self,), (k * self.data ** (k - 1),))

    def exp(self):
        e = math.exp(self.data)
        return self._node(e, (self,), (e,))

    def log(self):
        if not self.data > 0:
            raise ValueError("Value.log: log of a non-positive number")
        return self._node(math.log(self.data), (self,), (1.0 / self.data,))

    def relu(self):
        return self._node(max(self.data, 0.0), (self,), (float(self.data > 0),))

    def backward(self):
        # the nodes in the order in which a recursive post-order would finish them, with a stack of indices
        order, seen, stack = [], {id(self)}, [[self, 0]]
        while stack:
            top = stack[-1]
            node, i = top
            if i < len(node.children):
                top[1] += 1
                child = node.children[i]
                if id(child) not in seen:
                    seen.add(id(child))
                    stack.append([child, 0])
            else:
                stack.pop()
                order.append(node)
        self.grad = 1.0
        for node in reversed(order):
            node._backward()
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

"""Assignment 04_backpropagation: known-wrong and alternative correct versions of its graded functions."""

_BACKWARD = """    deltas = [[(o - t) * o * (1.0 - o) for o, t in zip(outputs, goals)]]
    for above in range(len(network) - 1, 0, -1):
        deltas.insert(0, [h * (1.0 - h) * sum(d * neuron[j] for d, neuron in zip(deltas[0], network[above]))
                          for j, h in enumerate(fed[above][:-1])])
    for layer, layer_deltas, inputs in zip(network, deltas, fed):
        for d, neuron in zip(layer_deltas, layer):
            for i, value in enumerate(inputs):
                neuron[i] -= lr * d * value
"""
_SIZE_CHECKS = """    for index, layer in enumerate(network):
        if any(len(neuron) != width + 1 for neuron in layer):
            raise ValueError(f"backpropagate: every neuron of layer {index} needs {width} + 1 = {width + 1} weights "
                             f"(its inputs and the bias), got {sorted({len(neuron) for neuron in layer})}")
        width = len(layer)
"""
_TWO_LAYERS = """
def backpropagate(network, x, targets, lr=1.0):
    if len(network) != 2 or not network[0] or not network[1]:
        raise ValueError("backpropagate: network must be [hidden_layer, output_layer], two non-empty layers")
    hidden_layer, output_layer = network
    inputs = [float(value) for value in x] + [1.0]
    goals = [float(value) for value in targets]
    if any(len(neuron) != len(inputs) for neuron in hidden_layer):
        raise ValueError(f"backpropagate: every hidden neuron needs len(x) + 1 = {len(inputs)} weights")
    if any(len(neuron) != len(hidden_layer) + 1 for neuron in output_layer):
        raise ValueError(f"backpropagate: every output neuron needs H + 1 = {len(hidden_layer) + 1} weights")
    if len(goals) != len(output_layer):
        raise ValueError(f"backpropagate: {len(goals)} targets for {len(output_layer)} output neurons")
    if not lr > 0:
        raise ValueError(f"backpropagate: lr must be > 0, got {lr}")
    hidden = [1.0 / (1.0 + math.exp(-sum(w * v for w, v in zip(neuron, inputs)))) for neuron in hidden_layer]
    hidden_with_bias = hidden + [1.0]
    outputs = [1.0 / (1.0 + math.exp(-sum(w * v for w, v in zip(neuron, hidden_with_bias)))) for neuron in output_layer]
    delta_out = [(o - t) * o * (1.0 - o) for o, t in zip(outputs, goals)]
    delta_hidden = [h * (1.0 - h) * sum(d * neuron[j] for d, neuron in zip(delta_out, output_layer))
                    for j, h in enumerate(hidden)]
    for d, neuron in zip(delta_out, output_layer):
        for j, value in enumerate(hidden_with_bias):
            neuron[j] -= lr * d * value
    for d, neuron in zip(delta_hidden, hidden_layer):
        for i, value in enumerate(inputs):
            neuron[i] -= lr * d * value
    return outputs
"""
_NUMPY_BACKPROPAGATE = """
def backpropagate(network, x, targets, lr=1.0):
    if not network or not all(len(layer) for layer in network):
        raise ValueError("backpropagate: the network and each of its layers must be non-empty")
    a = np.asarray(x, dtype=np.float64)
    t = np.asarray(targets, dtype=np.float64)
    width = a.size
    for layer in network:
        if any(len(neuron) != width + 1 for neuron in layer):
            raise ValueError("backpropagate: a neuron has the wrong number of weights")
        width = len(layer)
    if t.shape != (width,) or not lr > 0:
        raise ValueError("backpropagate: bad targets or lr")
    matrices = [np.array(layer, dtype=np.float64) for layer in network]
    fed = []
    for W in matrices:
        fed.append(np.append(a, 1.0))
        a = np.exp(-np.logaddexp(0.0, -(W @ fed[-1])))
    delta = (a - t) * a * (1.0 - a)
    steps = [None] * len(matrices)
    for l in reversed(range(len(matrices))):
        steps[l] = np.outer(delta, fed[l])
        if l > 0:
            h = fed[l][:-1]
            delta = (matrices[l][:, :-1].T @ delta) * h * (1.0 - h)
    for layer, W, step in zip(network, matrices, steps):
        for neuron, row in zip(layer, W - lr * step):
            neuron[:] = row.tolist()
    return a.tolist()
"""
_INIT_V = "    V = np.array([[gen.random() for _ in range(X.shape[1] + 1)] for _ in range(int(num_hidden))])\n"
_INIT_W = "    W = np.array([[gen.random() for _ in range(int(num_hidden) + 1)] for _ in range(Y.shape[1])])\n"
_D_HID = "            d_hid = (d_out @ W[:, :-1]) * hid * (1.0 - hid)\n"
_W_STEP = "            W -= lr * d_out.T @ hid_b\n"
_BATCHES = "    batches = [(with_bias[start:start + size], Y[start:start + size]) for start in range(0, len(X), size)]\n"

WRONG = {
    "backpropagate": {
        "two_layers_only": ("the chapter's two-layer step: network[0] and network[1] only, a ValueError for any other L", _TWO_LAYERS),
        "first_and_last_layer": ("the two-layer step on network[0] and network[-1]: the layers between them are skipped", _TWO_LAYERS.replace(
            "    if len(network) != 2 or not network[0] or not network[1]:", "    if len(network) < 2 or not network[0] or not network[-1]:").replace(
            "hidden_layer, output_layer = network\n", "hidden_layer, output_layer = network[0], network[-1]\n")),
        "updates_before_the_deltas_below": ("the post's order: updates a layer, then computes the deltas below it from the new weights", {
            _BACKWARD: """\
    deltas = [(o - t) * o * (1.0 - o) for o, t in zip(outputs, goals)]
    for above in range(len(network) - 1, -1, -1):
        for d, neuron in zip(deltas, network[above]):
            for i, value in enumerate(fed[above]):
                neuron[i] -= lr * d * value
        deltas = [h * (1.0 - h) * sum(d * neuron[j] for d, neuron in zip(deltas, network[above]))
                  for j, h in enumerate(fed[above][:-1])]
"""}),
        "bias_first_in_the_backward_sum": ("reads weight j + 1 of each neuron above, as if the bias came first", {
            "sum(d * neuron[j] for d": "sum(d * neuron[j + 1] for d"}),
        "row_instead_of_column": ("sums the deltas times the weights of neuron j above (a row), not weight j of every neuron (a column)", {
            "sum(d * neuron[j] for d, neuron in zip(deltas[0], network[above]))": "sum(d * w for d, w in zip(deltas[0], network[above][j]))"}),
        "numpy_drops_the_first_column": ("the matrix form with W[:, 1:].T @ delta: drops the first weight instead of the bias", _NUMPY_BACKPROPAGATE.replace(
            "matrices[l][:, :-1].T @ delta", "matrices[l][:, 1:].T @ delta")),
        "numpy_keeps_the_bias_column": ("the matrix form with W.T @ delta and the bias input: one delta too many for the layer below",
                                        _NUMPY_BACKPROPAGATE.replace(
            "(matrices[l][:, :-1].T @ delta) * h * (1.0 - h)", "(matrices[l].T @ delta) * fed[l] * (1.0 - fed[l])")),
        "every_layer_takes_x": ("updates every layer with the inputs of layer 0 (x and 1), not the outputs of the layer below", {
            "zip(network, deltas, fed)": "zip(network, deltas, [fed[0]] * len(network))"}),
        "own_outputs_as_inputs": ("off by one layer: updates each layer with its own outputs instead of its inputs", {
            "zip(network, deltas, fed)": "zip(network, deltas, fed[1:] + [outputs + [1.0]])"}),
        "only_the_last_layer_updated": ("computes every delta but steps only the output layer", {
            "zip(network, deltas, fed)": "zip(network[-1:], deltas[-1:], fed[-1:])"}),
        "sign_flipped": ("w += lr * dE/dw: a step up the error instead of down", {"neuron[i] -= lr": "neuron[i] += lr"}),
        "no_output_sigmoid_derivative": ("output delta o - t without the factor o (1 - o)", {"(o - t) * o * (1.0 - o)": "o - t"}),
        "no_hidden_sigmoid_derivative": ("the deltas below the top without the factor h (1 - h)", {"[h * (1.0 - h) * sum(": "[sum("}),
        "ignores_lr": ("steps by the plain gradient: the learning rate is never used", {"neuron[i] -= lr * d * value": "neuron[i] -= d * value"}),
        "returns_nothing": ("updates the weights correctly but returns None instead of the outputs", {"    return outputs\n": ""}),
        "returns_outputs_after_the_update": ("returns the outputs of the updated network, not those the gradient was computed at", {
            "    return outputs\n": """\
    for layer in network:
        values = [unit(neuron, values + [1.0]) for neuron in layer]
    return values
""", "    values = [float(value) for value in x]\n": "    values = start = [float(value) for value in x]\n",
            "    outputs = values\n": "    outputs = values\n    values = start\n"}),
        "returns_the_last_inputs": ("returns the values the last layer takes (with the bias 1) instead of its outputs", {
            "    return outputs\n": "    return fed[-1]\n"}),
        "appends_the_bias_input_to_x": ("x.append(1.0): the bias input is appended to the caller's list (and NumPy arrays have no append)", {
            "values = [float(value) for value in x]": "values = x", "width = len(values)": "width = len(x)",
            "fed.append(values + [1.0])": "values.append(1.0)\n        fed.append(values)"}),
        "list_plus_bias": ("values + [1.0] on x itself: right for a list, but a NumPy x adds 1 to every entry", {
            "values = [float(value) for value in x]": "values = x"}),
        "replaces_the_lists": ("builds new neuron lists and puts them into network: not in place", {
            """    for layer, layer_deltas, inputs in zip(network, deltas, fed):
        for d, neuron in zip(layer_deltas, layer):
            for i, value in enumerate(inputs):
                neuron[i] -= lr * d * value
""": """    network[:] = [[[w - lr * d * v for w, v in zip(neuron, inputs)] for d, neuron in zip(layer_deltas, layer)]
                  for layer, layer_deltas, inputs in zip(network, deltas, fed)]
"""}),
        "accepts_empty_layers": ("checks that the network has layers, not that each layer has neurons", {
            "if len(network) == 0 or any(len(layer) == 0 for layer in network):": "if len(network) == 0:"}),
        "checks_only_the_first_layer": ("checks the weights of layer 0's neurons only: a wrong neuron above goes through (zip truncates)", {
            _SIZE_CHECKS: """\
    if any(len(neuron) != width + 1 for neuron in network[0]):
        raise ValueError("backpropagate: every neuron of layer 0 needs len(x) + 1 weights")
    width = len(network[-1])
"""}),
        "accepts_lr_zero": ("lr < 0 for lr <= 0: a step of size 0 is accepted", {"if not lr > 0:": "if lr < 0:"}),
        "no_argument_checks": ("no ValueError of its own: zip silently drops extra targets and weights", {
            '''    if len(network) == 0 or any(len(layer) == 0 for layer in network):
        raise ValueError(f"backpropagate: network must be a non-empty list of non-empty layers, "
                         f"got layers of {[len(layer) for layer in network]} neurons")
''': "", _SIZE_CHECKS: "",
            '''    if len(goals) != width:
        raise ValueError(f"backpropagate: {len(goals)} targets for {width} output neurons")
    if not lr > 0:
        raise ValueError(f"backpropagate: lr must be > 0, got {lr}")
''': ""}),
    },
    "numerical_gradient": {
        "forward_difference": ("(f(x + h) - f(x)) / h: an error of order h (~1e-5), not h**2", {"= saved - h": "= saved", "/ (2 * h)": "/ h"}),
        "divides_by_h": ("central difference divided by h instead of 2h: twice the gradient", {"/ (2 * h)": "/ h"}),
        "flat_result": ("returns the gradient as a flat vector of N entries, not in x's shape", {"return grad": "return grad.ravel()"}),
        "leaves_x_modified": ("nudges the caller's array and never puts the entry back: x ends at x - h", {
            "np.array(x,": "np.asarray(x,", "        point[index] = saved\n": ""}),
        "restores_by_adding_h": ("x[i] += h, x[i] -= 2h, x[i] += h on the caller's array: float drift leaves x changed", {
            "np.array(x,": "np.asarray(x,", "saved = point[index]\n        point[index] = saved + h": "point[index] += h",
            "point[index] = saved - h": "point[index] -= 2 * h", "point[index] = saved\n": "point[index] += h\n"}),
        "float32": ("works on a float32 copy of x: x + h loses digits and the difference quotient is noise", {
            "np.array(x, dtype=np.float64)": "np.array(x, dtype=np.float32)", "np.zeros_like(point)": "np.zeros(point.shape)"}),
        "keeps_integer_dtype": ("np.array(x) keeps an integer x's dtype: x + h is truncated back to x", {
            "np.array(x, dtype=np.float64)": "np.array(x)", "np.zeros_like(point)": "np.zeros(point.shape)"}),
        "no_argument_checks": ("no ValueError of its own: h = 0 divides by zero, an array-valued f gives a TypeError", {
            '''    if not h > 0:
        raise ValueError(f"numerical_gradient: h must be > 0, got {h}")
''': "",
            '''        if f_plus.size != 1 or f_minus.size != 1:
            raise ValueError("numerical_gradient: f must return a single number")
''': "",
            "f_plus.item() - f_minus.item()": "float(f_plus) - float(f_minus)"}),
    },
    "mlp_backward": {
        "sum_not_mean": ("the gradient of the summed error: never divides by N", {"(1.0 - A2) / N": "(1.0 - A2)"}),
        "missing_one_half": ("differentiates (A2 - Y)**2 without the 1/2: every gradient twice too large", {"G2 = (A2 - Y)": "G2 = 2.0 * (A2 - Y)"}),
        "no_hidden_sigmoid_derivative": ("G1 = G2 @ W2.T without the factor A1 (1 - A1)", {"(G2 @ W2.T) * A1 * (1.0 - A1)": "G2 @ W2.T"}),
        "derivative_from_the_sums": ("sigmoid'(Z) written as Z (1 - Z) with the pre-activations instead of the activations", {
            "A1 = 1.0 / (1.0 + np.exp(-(X @ W1 + b1)))": "Z1 = X @ W1 + b1\n    A1 = 1.0 / (1.0 + np.exp(-Z1))",
            "A2 = 1.0 / (1.0 + np.exp(-(A1 @ W2 + b2)))": "Z2 = A1 @ W2 + b2\n    A2 = 1.0 / (1.0 + np.exp(-Z2))",
            "A2 * (1.0 - A2)": "Z2 * (1.0 - Z2)", "A1 * (1.0 - A1)": "Z1 * (1.0 - Z1)"}),
        "bias_gradients_per_example": ("returns the (N, H) and (N, K) deltas as db1, db2: never summed over the examples", {
            "G1.sum(axis=0), A1.T @ G2, G2.sum(axis=0)": "G1, A1.T @ G2, G2"}),
        "bias_gradients_averaged_again": ("db = mean over the examples of deltas already divided by N: 1/N**2", {
            "G1.sum(axis=0), A1.T @ G2, G2.sum(axis=0)": "G1.mean(axis=0), A1.T @ G2, G2.mean(axis=0)"}),
        "transposed_dW": ("dW1 = G1.T @ X, dW2 = G2.T @ A1: the transposes of the gradients, shapes (H, D) and (K, H)", {
            "X.T @ G1": "G1.T @ X", "A1.T @ G2": "G2.T @ A1"}),
        "hidden_delta_without_transpose": ("G1 = G2 @ W2 without the transpose: a shape error when H != K, mixed-up units when H = K", {
            "(G2 @ W2.T)": "(G2 @ W2)"}),
        "returns_a_list": ("returns [dW1, db1, dW2, db2], a list, where the docstring says a tuple", {
            "return X.T @ G1, G1.sum(axis=0), A1.T @ G2, G2.sum(axis=0)": "return [X.T @ G1, G1.sum(axis=0), A1.T @ G2, G2.sum(axis=0)]"}),
        "returns_torch_tensors": ("right values, but as float64 torch tensors instead of NumPy arrays", {
            "return X.T @ G1, G1.sum(axis=0), A1.T @ G2, G2.sum(axis=0)":
            "return tuple(torch.from_numpy(g) for g in (X.T @ G1, G1.sum(axis=0), A1.T @ G2, G2.sum(axis=0)))"}),
        "no_shape_checks": ("no ValueError of its own: a bias that broadcasts (length 1) goes through unnoticed", {'''\
    if (X.ndim != 2 or Y.ndim != 2 or W1.ndim != 2 or W2.ndim != 2 or b1.ndim != 1 or b2.ndim != 1
            or X.shape[1] != W1.shape[0] or W1.shape[1] != b1.shape[0] or W2.shape[0] != b1.shape[0]
            or W2.shape[1] != b2.shape[0] or Y.shape != (X.shape[0], b2.shape[0])):
        raise ValueError(f"mlp_backward: shapes do not fit: X {X.shape}, Y {Y.shape}, W1 {W1.shape}, "
                         f"b1 {b1.shape}, W2 {W2.shape}, b2 {b2.shape}")
''': ""}),
    },
    "train_captcha": {
        "sum_not_mean": ("one step per batch with the sum of its examples' gradients, not their mean", {
            "* (1.0 - out) / len(xb)": "* (1.0 - out)"}),
        "divides_by_batch_size": ("divides by batch_size: the short last batch's mean is too small", {"/ len(xb)": "/ size"}),
        "divides_by_n": ("divides every batch's summed gradient by N, the number of examples, not by the batch's size", {
            "/ len(xb)": "/ len(X)"}),
        "ignores_batch_size": ("always one step per example: batch_size is never used", {"size = int(batch_size)": "size = 1"}),
        "steps_per_example_in_the_batch": ("one step per example inside each batch, each of lr / |B| times its gradient", {
            _BATCHES: "    batches = [(with_bias[n:n + 1], Y[n:n + 1], min(size, len(X) - start)) for start in range(0, len(X), size)\n"
                      "               for n in range(start, min(start + size, len(X)))]\n",
            "for xb, target in batches:": "for xb, target, count in batches:", "/ len(xb)": "/ count"}),
        "drops_the_short_batch": ("range(0, N - batch_size + 1, batch_size): the last, smaller batch is never used", {
            "range(0, len(X), size)": "range(0, len(X) - size + 1, size)"}),
        "shuffles_the_batches": ("gen.shuffle(batches) every epoch: the batches are not visited in order", {
            "    for _ in range(int(epochs)):\n": "    for _ in range(int(epochs)):\n        gen.shuffle(batches)\n"}),
        "shuffles_the_examples": ("a new np.random.permutation of the examples every epoch, then batches of it", {
            "    for _ in range(int(epochs)):\n": "    for _ in range(int(epochs)):\n        order = np.random.permutation(len(X))\n"
                                                  "        batches = [(with_bias[order][s:s + size], Y[order][s:s + size])\n"
                                                  "                   for s in range(0, len(X), size)]\n"}),
        "array_split_balanced": ("np.array_split into ceil(N / batch_size) parts: batches of 3, 3, 2, 2, not 3, 3, 3, 1", {
            _BATCHES: "    parts = math.ceil(len(X) / size)\n"
                      "    batches = list(zip(np.array_split(with_bias, parts), np.array_split(Y, parts)))\n"}),
        "outer_product_of_means": ("the outer product of the batch's mean delta and mean input, not the mean of the outer products", {
            _W_STEP: "            W -= lr * np.outer(d_out.sum(axis=0), hid_b.mean(axis=0))\n",
            "            V -= lr * d_hid.T @ xb\n": "            V -= lr * np.outer(d_hid.sum(axis=0), xb.mean(axis=0))\n"}),
        "no_batch_size_check": ("no check of batch_size: a negative one trains nothing, 2.5 trains with batches of 2", {
            '''    if int(batch_size) != batch_size or batch_size < 1:
        raise ValueError(f"train_captcha: batch_size must be an integer >= 1, got {batch_size!r}")
''': ""}),
        "accepts_fractions": ("checks batch_size >= 1 only: 2.5 trains with batches of 2", {
            "if int(batch_size) != batch_size or batch_size < 1:": "if batch_size < 1:"}),
        "numpy_generator": ("draws the initial weights from np.random.default_rng(seed), not random.Random(seed)", {
            "= random.Random(seed)\n": "= np.random.default_rng(seed)\n"}),
        "output_layer_first": ("draws the output neurons' weights before the hidden ones", {_INIT_V + _INIT_W: _INIT_W + _INIT_V}),
        "seed_update_order": ("the post's order: updates W, then computes the hidden deltas from the new W", {_D_HID + _W_STEP: _W_STEP + _D_HID}),
        "ignores_the_seed": ("always random.Random(42): the seed argument is never used", {"= random.Random(seed)\n": "= random.Random(42)\n"}),
        "one_epoch_too_few": ("range(1, epochs): trains epochs - 1 times", {"range(int(epochs))": "range(1, int(epochs))"}),
        "returns_numpy_matrices": ("returns [V, W], the NumPy matrices, not lists of lists of floats", {
            "return [V.tolist(), W.tolist()]": "return [V, W]"}),
        "no_dimension_checks": ("checks only that X and Y have as many rows: a 1-D X ends in an IndexError", {
            "if X.ndim != 2 or Y.ndim != 2 or X.shape[0] != Y.shape[0] or X.shape[0] == 0:": "if len(X) != len(Y):"}),
    },
}

CORRECT = {
    "backpropagate": {
        "recursive": ("a recursive function: each layer calls the one above and gets back dE/d(its outputs)", """
def backpropagate(network, x, targets, lr=1.0):
    if not network or not all(network):
        raise ValueError("backpropagate: the network and each of its layers must be non-empty")
    x = [float(v) for v in x]
    t = [float(v) for v in targets]
    n_in = len(x)
    for layer in network:
        for neuron in layer:
            if len(neuron) != n_in + 1:
                raise ValueError("backpropagate: a neuron has the wrong number of weights")
        n_in = len(layer)
    if len(t) != n_in:
        raise ValueError("backpropagate: wrong number of targets")
    if lr <= 0:
        raise ValueError("backpropagate: lr must be > 0")
    updates = []

    def down(l, inputs):
        layer = network[l]
        a = inputs + [1.0]
        out = [1.0 / (1.0 + math.exp(-sum(w * v for w, v in zip(neuron, a)))) for neuron in layer]
        if l == len(network) - 1:
            final, dE_dout = out, [o - tk for o, tk in zip(out, t)]
        else:
            final, dE_dout = down(l + 1, out)
        delta = [g * o * (1.0 - o) for g, o in zip(dE_dout, out)]
        updates.append((layer, [[d * v for v in a] for d in delta]))
        return final, [sum(d * neuron[i] for d, neuron in zip(delta, layer)) for i in range(len(inputs))]

    outputs, _ = down(0, x)
    for layer, grads in updates:
        for neuron, g in zip(layer, grads):
            for i in range(len(neuron)):
                neuron[i] -= lr * g[i]
    return outputs
"""),
        "numpy_matrices_written_back": ("each layer as a NumPy matrix, the deltas by W[:, :-1].T @ delta, written back with neuron[:] = row",
                                        _NUMPY_BACKPROPAGATE),
        "interleaved_in_the_right_order": ("top down: the deltas of the layer below first, from the old weights, then this layer's step", {
            _BACKWARD: """\
    delta = [(o - t) * o * (1.0 - o) for o, t in zip(outputs, goals)]
    for above in range(len(network) - 1, -1, -1):
        below = [h * (1.0 - h) * sum(d * neuron[j] for d, neuron in zip(delta, network[above]))
                 for j, h in enumerate(fed[above][:-1])]
        for d, neuron in zip(delta, network[above]):
            for i, value in enumerate(fed[above]):
                neuron[i] -= lr * d * value
        delta = below
"""}),
        "gradients_first_index_loops": ("index loops over reversed(range(L)), every gradient stored first, the steps applied bottom up", """
def backpropagate(network, x, targets, lr=1.0):
    L = len(network)
    if L == 0:
        raise ValueError("backpropagate: no layers")
    acts = [list(x)]
    for l in range(L):
        if len(network[l]) == 0:
            raise ValueError(f"backpropagate: layer {l} is empty")
        for neuron in network[l]:
            if len(neuron) != len(acts[l]) + 1:
                raise ValueError(f"backpropagate: layer {l}: a neuron has {len(neuron)} weights")
        row = []
        for neuron in network[l]:
            z = neuron[-1]
            for i in range(len(acts[l])):
                z += neuron[i] * acts[l][i]
            row.append(1 / (1 + np.exp(-z)))
        acts.append(row)
    if len(targets) != len(acts[L]):
        raise ValueError("backpropagate: wrong number of targets")
    if lr <= 0:
        raise ValueError("backpropagate: lr must be > 0")
    grads = [None] * L
    delta = [(acts[L][k] - targets[k]) * acts[L][k] * (1 - acts[L][k]) for k in range(len(acts[L]))]
    for l in reversed(range(L)):
        grads[l] = [[delta[j] * a for a in acts[l]] + [delta[j]] for j in range(len(network[l]))]
        if l > 0:
            delta = [acts[l][i] * (1 - acts[l][i]) * sum(delta[j] * network[l][j][i] for j in range(len(network[l])))
                     for i in range(len(acts[l]))]
    for l in range(L):
        for j in range(len(network[l])):
            for i in range(len(network[l][j])):
                network[l][j][i] = float(network[l][j][i] - lr * grads[l][j][i])
    return [float(o) for o in acts[L]]
"""),
    },
    "numerical_gradient": {
        "nudges_the_callers_array": ("nudges the caller's own float64 array, calls f on it and restores each entry exactly", {
            "np.array(x,": "np.asarray(x,", "f_plus = np.asarray(f(point.copy())": "f_plus = np.asarray(f(point)",
            "f_minus = np.asarray(f(point.copy())": "f_minus = np.asarray(f(point)"}),
        "cs231n_in_place": ("cs231n's eval_numerical_gradient: np.nditer over x, nudge x[ix] in place, evaluate f(x), restore", """
def numerical_gradient(f, x, h=1e-5):
    if h <= 0:
        raise ValueError("numerical_gradient: h must be > 0")
    x = np.asarray(x, dtype=np.float64)
    grad = np.zeros(x.shape)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        ix = it.multi_index
        oldval = x[ix]
        x[ix] = oldval + h
        fxph = f(x)
        x[ix] = oldval - h
        fxmh = f(x)
        x[ix] = oldval
        if np.size(fxph) != 1 or np.size(fxmh) != 1:
            raise ValueError("numerical_gradient: f must return a single number")
        grad[ix] = (float(np.squeeze(fxph)) - float(np.squeeze(fxmh))) / (2 * h)
        it.iternext()
    return grad
"""),
        "flat_view_reshaped": ("loops over a flat view of a float64 copy, reshapes the gradient at the end", """
def numerical_gradient(f, x, h=1e-5):
    if h <= 0:
        raise ValueError("numerical_gradient: h must be > 0")
    point = np.array(x, dtype=np.float64, copy=True)
    flat = point.reshape(-1)
    grad = np.empty(flat.size)
    for i in range(flat.size):
        saved = flat[i]
        flat[i] = saved + h
        f_plus = f(point.copy())
        flat[i] = saved - h
        f_minus = f(point.copy())
        flat[i] = saved
        if np.ndim(f_plus) != 0 or np.ndim(f_minus) != 0:
            raise ValueError("numerical_gradient: f must return a single number")
        grad[i] = (float(f_plus) - float(f_minus)) / (2 * h)
    return grad.reshape(point.shape)
"""),
        "basis_vectors": ("f(x + h e_i) and f(x - h e_i) with a basis array e_i: x is never written to", """
def numerical_gradient(f, x, h=1e-5):
    if not h > 0:
        raise ValueError("numerical_gradient: h must be > 0")
    point = np.asarray(x, dtype=np.float64)
    grad = np.zeros(point.shape)
    step = np.zeros(point.shape)
    for index in np.ndindex(point.shape):
        step[index] = h
        f_plus, f_minus = np.asarray(f(point + step), dtype=np.float64), np.asarray(f(point - step), dtype=np.float64)
        step[index] = 0.0
        if f_plus.size != 1 or f_minus.size != 1:
            raise ValueError("numerical_gradient: f must return a single number")
        grad[index] = (f_plus.item() - f_minus.item()) / (2 * h)
    return grad
"""),
    },
    "mlp_backward": {
        "einsum": ("np.einsum for every product, the 1/N applied to the weight and bias gradients at the end", """
def mlp_backward(X, Y, W1, b1, W2, b2):
    X, Y, W1, b1, W2, b2 = (np.asarray(a, dtype=np.float64) for a in (X, Y, W1, b1, W2, b2))
    if not (X.ndim == Y.ndim == W1.ndim == W2.ndim == 2 and b1.ndim == b2.ndim == 1):
        raise ValueError("mlp_backward: wrong number of dimensions")
    N, D = X.shape
    H, K = W2.shape
    if W1.shape != (D, H) or b1.shape != (H,) or b2.shape != (K,) or Y.shape != (N, K):
        raise ValueError("mlp_backward: shapes do not fit")
    A1 = np.exp(-np.logaddexp(0.0, -(np.einsum('nd,dh->nh', X, W1) + b1)))
    A2 = np.exp(-np.logaddexp(0.0, -(np.einsum('nh,hk->nk', A1, W2) + b2)))
    D2 = (A2 - Y) * A2 * (1.0 - A2)
    D1 = np.einsum('nk,hk->nh', D2, W2) * A1 * (1.0 - A1)
    return (np.einsum('nd,nh->dh', X, D1) / N, np.einsum('nh->h', D1) / N,
            np.einsum('nh,nk->hk', A1, D2) / N, np.einsum('nk->k', D2) / N)
"""),
        "augmented_weights": ("the bias as an extra row of each weight matrix and a column of ones in the inputs, split at the end", """
def mlp_backward(X, Y, W1, b1, W2, b2):
    X, Y, W1, b1, W2, b2 = (np.asarray(a, dtype=np.float64) for a in (X, Y, W1, b1, W2, b2))
    if (X.ndim != 2 or Y.ndim != 2 or W1.ndim != 2 or W2.ndim != 2 or b1.shape != (W1.shape[1],)
            or b2.shape != (W2.shape[1],) or X.shape[1] != W1.shape[0] or W2.shape[0] != W1.shape[1]
            or Y.shape != (X.shape[0], W2.shape[1])):
        raise ValueError("mlp_backward: shapes do not fit")
    N = len(X)
    ones = np.ones((N, 1))
    X1 = np.hstack([X, ones])
    U1 = np.vstack([W1, b1])
    U2 = np.vstack([W2, b2])
    A1 = 1.0 / (1.0 + np.exp(-(X1 @ U1)))
    A1b = np.hstack([A1, ones])
    A2 = 1.0 / (1.0 + np.exp(-(A1b @ U2)))
    E2 = (A2 - Y) * A2 * (1.0 - A2)
    E1 = (E2 @ W2.T) * A1 * (1.0 - A1)
    dU1 = X1.T @ E1 / N
    dU2 = A1b.T @ E2 / N
    return dU1[:-1], dU1[-1], dU2[:-1], dU2[-1]
"""),
    },
    "train_captcha": {
        "accumulated_example_by_example": ("per batch, the gradients of its examples summed one by one, then divided by how many there were", """
def train_captcha(X, Y, num_hidden=5, epochs=10000, lr=1.0, seed=42, batch_size=1):
    X = np.array(X, dtype=float)
    Y = np.array(Y, dtype=float)
    if X.ndim != 2 or Y.ndim != 2 or len(X) != len(Y) or len(X) == 0:
        raise ValueError("train_captcha: bad shapes")
    if num_hidden != int(num_hidden) or num_hidden < 1 or epochs != int(epochs) or epochs < 1 or lr <= 0:
        raise ValueError("train_captcha: bad arguments")
    if not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise ValueError("train_captcha: batch_size must be an integer >= 1")
    gen = random.Random(seed)
    V = np.array([[gen.random() for _ in range(X.shape[1] + 1)] for _ in range(int(num_hidden))])
    W = np.array([[gen.random() for _ in range(int(num_hidden) + 1)] for _ in range(Y.shape[1])])
    N = len(X)
    for _ in range(int(epochs)):
        for start in range(0, N, batch_size):
            gV, gW, count = np.zeros_like(V), np.zeros_like(W), 0
            for n in range(start, min(start + batch_size, N)):
                xb = np.append(X[n], 1.0)
                hid = 1.0 / (1.0 + np.exp(-(V @ xb)))
                hid_b = np.append(hid, 1.0)
                out = 1.0 / (1.0 + np.exp(-(W @ hid_b)))
                d_out = (out - Y[n]) * out * (1.0 - out)
                d_hid = (W[:, :-1].T @ d_out) * hid * (1.0 - hid)
                gW += np.outer(d_out, hid_b)
                gV += np.outer(d_hid, xb)
                count += 1
            W -= lr * gW / count
            V -= lr * gV / count
    return [V.tolist(), W.tolist()]
"""),
        "separate_biases": ("the weights and biases as separate arrays, a batch at a time, joined into bias-last lists at the end", """
def train_captcha(X, Y, num_hidden=5, epochs=10000, lr=1.0, seed=42, batch_size=1):
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    if X.ndim != 2 or Y.ndim != 2 or len(X) != len(Y) or len(X) == 0:
        raise ValueError("train_captcha: bad shapes")
    if num_hidden != int(num_hidden) or num_hidden < 1 or epochs != int(epochs) or epochs < 1 or lr <= 0:
        raise ValueError("train_captcha: bad arguments")
    if batch_size != int(batch_size) or batch_size < 1:
        raise ValueError("train_captcha: bad batch_size")
    num_hidden, epochs, batch_size = int(num_hidden), int(epochs), int(batch_size)
    gen = random.Random(seed)
    hidden = [[gen.random() for _ in range(X.shape[1] + 1)] for _ in range(num_hidden)]
    output = [[gen.random() for _ in range(num_hidden + 1)] for _ in range(Y.shape[1])]
    V, c = np.array([n[:-1] for n in hidden]), np.array([n[-1] for n in hidden])
    W, b = np.array([n[:-1] for n in output]), np.array([n[-1] for n in output])
    for _ in range(epochs):
        for start in range(0, len(X), batch_size):
            x, t = X[start:start + batch_size], Y[start:start + batch_size]
            h = 1.0 / (1.0 + np.exp(-(x @ V.T + c)))
            o = 1.0 / (1.0 + np.exp(-(h @ W.T + b)))
            g_o = (o - t) * o * (1.0 - o)
            g_h = (g_o @ W) * h * (1.0 - h)
            m = len(x)
            W -= lr * (g_o.T @ h) / m
            b -= lr * g_o.mean(axis=0)
            V -= lr * (g_h.T @ x) / m
            c -= lr * g_h.mean(axis=0)
    return [np.column_stack([V, c]).tolist(), np.column_stack([W, b]).tolist()]
"""),
        "split_at_indices_einsum": ("np.array_split at the indices batch_size, 2 batch_size, ...; einsum for the mean of the outer products", """
def train_captcha(X, Y, num_hidden=5, epochs=10000, lr=1.0, seed=42, batch_size=1):
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    if X.ndim != 2 or Y.ndim != 2 or X.shape[0] != Y.shape[0] or X.shape[0] == 0:
        raise ValueError("train_captcha: bad shapes")
    if int(num_hidden) != num_hidden or num_hidden < 1 or int(epochs) != epochs or epochs < 1 or not lr > 0:
        raise ValueError("train_captcha: bad arguments")
    if isinstance(batch_size, float) or batch_size < 1:
        raise ValueError("train_captcha: bad batch_size")
    gen = random.Random(seed)
    V = np.array([[gen.random() for _ in range(X.shape[1] + 1)] for _ in range(int(num_hidden))])
    W = np.array([[gen.random() for _ in range(int(num_hidden) + 1)] for _ in range(Y.shape[1])])
    Xb = np.concatenate([X, np.ones((len(X), 1))], axis=1)
    groups = np.array_split(np.arange(len(X)), range(batch_size, len(X), batch_size))
    for _ in range(int(epochs)):
        for rows in groups:
            xb, t = Xb[rows], Y[rows]
            h = 1.0 / (1.0 + np.exp(-np.einsum('ji,ni->nj', V, xb)))
            hb = np.concatenate([h, np.ones((len(rows), 1))], axis=1)
            o = 1.0 / (1.0 + np.exp(-np.einsum('kj,nj->nk', W, hb)))
            d_o = (o - t) * o * (1 - o)
            d_h = np.einsum('nk,kj->nj', d_o, W[:, :-1]) * h * (1 - h)
            W = W - lr * np.einsum('nk,nj->kj', d_o, hb) / len(rows)
            V = V - lr * np.einsum('nj,ni->ji', d_h, xb) / len(rows)
    return [V.tolist(), W.tolist()]
"""),
    },
}

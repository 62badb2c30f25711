"""Assignment 04_backpropagation: known-wrong and alternative correct versions of its graded functions."""

_DELTA_HIDDEN = """    delta_hidden = [h * (1.0 - h) * sum(d * neuron[j] for d, neuron in zip(delta_out, output_layer))
                    for j, h in enumerate(hidden)]
"""
_UPDATES = """    for d, neuron in zip(delta_out, output_layer):
        for j, value in enumerate(hidden_with_bias):
            neuron[j] -= lr * d * value
    for d, neuron in zip(delta_hidden, hidden_layer):
        for i, value in enumerate(inputs):
            neuron[i] -= lr * d * value
"""
_INIT_V = "    V = np.array([[gen.random() for _ in range(X.shape[1] + 1)] for _ in range(int(num_hidden))])\n"
_INIT_W = "    W = np.array([[gen.random() for _ in range(int(num_hidden) + 1)] for _ in range(Y.shape[1])])\n"
_D_HID = "            d_hid = (W[:, :-1].T @ d_out) * hid * (1.0 - hid)\n"
_W_STEP = "            W -= lr * np.outer(d_out, hid_b)\n"

WRONG = {
    "backpropagate": {
        "reads_global_output_layer": ("the post's bug: the hidden deltas read a global `output_layer`, not network[1]", {
            "hidden_layer, output_layer = network": "hidden_layer = network[0]",
            "for neuron in output_layer):": "for neuron in network[1]):",
            "if len(goals) != len(output_layer):": "if len(goals) != len(network[1]):",
            "{len(output_layer)} output neurons": "{len(network[1])} output neurons",
            "for neuron in output_layer]": "for neuron in network[1]]",
            "zip(delta_out, output_layer):": "zip(delta_out, network[1]):"}),
        "updates_output_before_hidden_deltas": ("the post's order: updates the output layer, then computes the hidden deltas from the new weights", {
            _DELTA_HIDDEN: "",
            "neuron[j] -= lr * d * value\n": "neuron[j] -= lr * d * value\n" + _DELTA_HIDDEN}),
        "skips_the_bias_weights": ("updates only the weights of real inputs: the bias weights (input 1) never change", {
            "enumerate(hidden_with_bias)": "enumerate(hidden)", "enumerate(inputs)": "enumerate(inputs[:-1])"}),
        "sign_flipped": ("w += lr * dE/dw: a step up the error instead of down", {
            "neuron[j] -= lr": "neuron[j] += lr", "neuron[i] -= lr": "neuron[i] += lr"}),
        "no_output_sigmoid_derivative": ("output delta o - t without the factor o (1 - o)", {"(o - t) * o * (1.0 - o)": "o - t"}),
        "no_hidden_sigmoid_derivative": ("hidden delta sum_k delta_k w_kj without the factor h_j (1 - h_j)", {"[h * (1.0 - h) * sum(": "[sum("}),
        "ignores_lr": ("steps by the plain gradient: the learning rate is never used", {
            "neuron[j] -= lr * d": "neuron[j] -= d", "neuron[i] -= lr * d": "neuron[i] -= d"}),
        "returns_nothing": ("updates the weights correctly but returns None instead of the outputs", {"    return outputs\n": ""}),
        "returns_outputs_after_the_update": ("returns the outputs of the updated network, not those the gradient was computed at", {
            "return outputs": "hidden = [unit(neuron, inputs) for neuron in hidden_layer]\n"
                              "    return [unit(neuron, hidden + [1.0]) for neuron in output_layer]"}),
        "returns_the_hidden_values": ("returns the hidden layer's values instead of the outputs", {"return outputs": "return hidden"}),
        "appends_the_bias_input_to_x": ("x.append(1.0): the bias input is appended to the caller's list (and NumPy arrays have no append)", {
            "inputs = [float(value) for value in x] + [1.0]": "inputs = x\n    inputs.append(1.0)"}),
        "replaces_the_lists": ("builds new neuron lists and puts them into network: not in place", {_UPDATES: """\
    network[1] = [[w - lr * d * v for w, v in zip(neuron, hidden_with_bias)] for d, neuron in zip(delta_out, output_layer)]
    network[0] = [[w - lr * d * v for w, v in zip(neuron, inputs)] for d, neuron in zip(delta_hidden, hidden_layer)]
"""}),
        "accepts_empty_layers": ("checks len(network) == 2 but not that both layers are non-empty", {
            "if len(network) != 2 or not network[0] or not network[1]:": "if len(network) != 2:"}),
        "first_and_last_layer": ("network[0] and network[-1]: a network of three layers goes through", {
            "if len(network) != 2 or not network[0]": "if len(network) < 2 or not network[0]",
            "hidden_layer, output_layer = network": "hidden_layer, output_layer = network[0], network[-1]"}),
        "list_plus_bias": ("inputs = x + [1.0]: right for a list, but a NumPy x adds 1 to every entry", {
            "inputs = [float(value) for value in x] + [1.0]": "inputs = x + [1.0]"}),
        "no_argument_checks": ("no ValueError of its own: zip silently drops the extra targets", {
            '''    if len(network) != 2 or not network[0] or not network[1]:
        raise ValueError("backpropagate: network must be [hidden_layer, output_layer], two non-empty layers")
''': "",
            '''    goals = [float(value) for value in targets]
    if any(len(neuron) != len(inputs) for neuron in hidden_layer):
        raise ValueError(f"backpropagate: every hidden neuron needs len(x) + 1 = {len(inputs)} weights")
    if any(len(neuron) != len(hidden_layer) + 1 for neuron in output_layer):
        raise ValueError(f"backpropagate: every output neuron needs H + 1 = {len(hidden_layer) + 1} weights")
    if len(goals) != len(output_layer):
        raise ValueError(f"backpropagate: {len(goals)} targets for {len(output_layer)} output neurons")
    if not lr > 0:
        raise ValueError(f"backpropagate: lr must be > 0, got {lr}")
''': "",
            "zip(outputs, goals)": "zip(outputs, targets)"}),
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
        "numpy_matrices_written_back": ("both layers as NumPy matrices, the two gradients as outer products, written back with neuron[:] = row", """
def backpropagate(network, x, targets, lr=1.0):
    if len(network) != 2 or not network[0] or not network[1]:
        raise ValueError("backpropagate: network must be two non-empty layers")
    xb = np.append(np.asarray(x, dtype=np.float64), 1.0)
    t = np.asarray(targets, dtype=np.float64)
    if any(len(neuron) != xb.size for neuron in network[0]) or any(len(neuron) != len(network[0]) + 1 for neuron in network[1]):
        raise ValueError("backpropagate: a neuron has the wrong number of weights")
    if t.shape != (len(network[1]),) or not lr > 0:
        raise ValueError("backpropagate: bad targets or lr")
    V = np.array(network[0], dtype=np.float64)
    W = np.array(network[1], dtype=np.float64)
    hid = np.exp(-np.logaddexp(0.0, -(V @ xb)))
    hid_b = np.append(hid, 1.0)
    out = np.exp(-np.logaddexp(0.0, -(W @ hid_b)))
    d_out = (out - t) * out * (1.0 - out)
    d_hid = (W[:, :-1].T @ d_out) * hid * (1.0 - hid)
    V_new = V - lr * np.outer(d_hid, xb)
    W_new = W - lr * np.outer(d_out, hid_b)
    for neuron, row in zip(network[0], V_new):
        neuron[:] = row.tolist()
    for neuron, row in zip(network[1], W_new):
        neuron[:] = row.tolist()
    return out.tolist()
"""),
        "gradients_first_hidden_layer_first": ("all the gradients into new lists first, then the steps, the hidden layer first", """
def backpropagate(network, x, targets, lr=1.0):
    if len(network) != 2 or not network[0] or not network[1]:
        raise ValueError("backpropagate: network must be two non-empty layers")
    hidden_layer, output_layer = network
    inputs = list(x) + [1]
    if len(targets) != len(output_layer) or lr <= 0:
        raise ValueError("backpropagate: bad targets or lr")
    for neuron in hidden_layer:
        if len(neuron) != len(inputs):
            raise ValueError("backpropagate: hidden neuron size")
    for neuron in output_layer:
        if len(neuron) != len(hidden_layer) + 1:
            raise ValueError("backpropagate: output neuron size")
    hidden = [1 / (1 + math.exp(-sum(w * v for w, v in zip(neuron, inputs)))) for neuron in hidden_layer]
    hidden_b = hidden + [1]
    outputs = [1 / (1 + math.exp(-sum(w * v for w, v in zip(neuron, hidden_b)))) for neuron in output_layer]
    grad_W, grad_V = [], []
    deltas = []
    for k, o in enumerate(outputs):
        delta = (o - targets[k]) * o * (1 - o)
        deltas.append(delta)
        grad_W.append([delta * value for value in hidden_b])
    for j, h in enumerate(hidden):
        delta = h * (1 - h) * sum(deltas[k] * output_layer[k][j] for k in range(len(output_layer)))
        grad_V.append([delta * value for value in inputs])
    for neuron, grads in zip(hidden_layer, grad_V):
        for i in range(len(neuron)):
            neuron[i] = neuron[i] - lr * grads[i]
    for neuron, grads in zip(output_layer, grad_W):
        for j in range(len(neuron)):
            neuron[j] = neuron[j] - lr * grads[j]
    return outputs
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
        "separate_biases": ("the weights and biases as separate arrays during training, joined into bias-last lists at the end", """
def train_captcha(X, Y, num_hidden=5, epochs=10000, lr=1.0, seed=42):
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    if X.ndim != 2 or Y.ndim != 2 or len(X) != len(Y) or len(X) == 0:
        raise ValueError("train_captcha: bad shapes")
    if num_hidden != int(num_hidden) or num_hidden < 1 or epochs != int(epochs) or epochs < 1 or lr <= 0:
        raise ValueError("train_captcha: bad arguments")
    num_hidden, epochs = int(num_hidden), int(epochs)
    gen = random.Random(seed)
    hidden = [[gen.random() for _ in range(X.shape[1] + 1)] for _ in range(num_hidden)]
    output = [[gen.random() for _ in range(num_hidden + 1)] for _ in range(Y.shape[1])]
    V, c = np.array([n[:-1] for n in hidden]), np.array([n[-1] for n in hidden])
    W, b = np.array([n[:-1] for n in output]), np.array([n[-1] for n in output])
    examples = list(zip(X, Y))
    for _ in range(epochs):
        for x, t in examples:
            h = 1.0 / (1.0 + np.exp(-(V @ x + c)))
            o = 1.0 / (1.0 + np.exp(-(W @ h + b)))
            g_o = (o - t) * o * (1.0 - o)
            g_h = (g_o @ W) * h * (1.0 - h)
            W -= lr * np.multiply.outer(g_o, h)
            b -= lr * g_o
            V -= lr * np.multiply.outer(g_h, x)
            c -= lr * g_h
    return [np.column_stack([V, c]).tolist(), np.column_stack([W, b]).tolist()]
"""),
    },
}

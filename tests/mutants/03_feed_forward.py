"""Assignment 03_feed_forward: known-wrong and alternative correct versions of its graded functions."""

WRONG = {
    "sigmoid": {
        "naive_overflows": ("1 / (1 + np.exp(-z)) as written: exp(1000) overflows with a RuntimeWarning", """
def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    return 1.0 / (1.0 + np.exp(-z))
"""),
        "np_where_evaluates_both_forms": ("np.where with both forms: both are evaluated on every entry, so exp still overflows", """
def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    return np.where(z >= 0, 1.0 / (1.0 + np.exp(-z)), np.exp(z) / (1.0 + np.exp(z)))
"""),
        "sign_flipped": ("swaps the two forms: computes sigmoid(-z) = 1 - sigmoid(z)", """
def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, e / (1.0 + e), 1.0 / (1.0 + e))
"""),
        "modifies_input_in_place": ("writes the result into the caller's float array z", """
def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    positive = z >= 0
    z[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
    e = np.exp(z[~positive])
    z[~positive] = e / (1.0 + e)
    return z
"""),
        "keeps_integer_dtype": ("np.zeros_like(z) on an integer z: the output is an int array of 0s and 1s", """
def sigmoid(z):
    z = np.asarray(z)
    out = np.zeros_like(z)
    positive = z >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
    e = np.exp(z[~positive])
    out[~positive] = e / (1.0 + e)
    return out
"""),
        "clips_at_30": ("clips z to [-30, 30] to avoid the overflow: wrong beyond 30 (sigmoid(-40) becomes sigmoid(-30))", """
def sigmoid(z):
    z = np.clip(np.asarray(z, dtype=np.float64), -30.0, 30.0)
    return 1.0 / (1.0 + np.exp(-z))
"""),
        "math_exp_scalars_only": ("math.exp and an if: works for one number, fails on arrays", """
def sigmoid(z):
    import math
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    return math.exp(z) / (1.0 + math.exp(z))
"""),
        "tanh_form_loses_tail_precision": ("0.5 * (1 + tanh(z / 2)): cancellation, relative error ~1 for z below -40", """
def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=np.float64)))
"""),
        "returns_shape_1_for_a_number": ("np.atleast_1d: a number gives shape (1,) instead of ()", """
def sigmoid(z):
    z = np.atleast_1d(np.asarray(z, dtype=np.float64))
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
"""),
        "clips_at_500_too_coarse_below_minus_500": ("clips z to [-500, 500]: sigmoid(-700) and sigmoid(-1000) become 7e-218, not below 1e-300", """
def sigmoid(z):
    z = np.clip(np.asarray(z, dtype=np.float64), -500.0, 500.0)
    return 1.0 / (1.0 + np.exp(-z))
"""),
    },
    "feed_forward": {
        "bias_first": ("reads the bias from the first entry of each neuron instead of the last", """
def feed_forward(network, x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1 or len(network) == 0:
        raise ValueError("feed_forward: bad input or empty network")
    outputs = []
    for layer in network:
        if len(layer) == 0:
            raise ValueError("feed_forward: empty layer")
        for neuron in layer:
            if len(neuron) != len(x) + 1:
                raise ValueError("feed_forward: neuron size")
        z = np.array([np.dot(neuron[1:], x) + neuron[0] for neuron in layer], dtype=np.float64)
        x = sigmoid(z)
        outputs.append(x)
    return outputs
"""),
        "zip_truncates_without_check": ("the seed's zip(neuron, inputs + [1]) with no length check: a wrong neuron is silently truncated", """
def feed_forward(network, x):
    outputs = []
    for layer in network:
        inputs = list(x) + [1.0]
        x = [float(sigmoid(sum(w * v for w, v in zip(neuron, inputs)))) for neuron in layer]
        outputs.append(np.array(x))
    return outputs
"""),
        "returns_last_layer_only": ("returns only the output layer's values", """
def feed_forward(network, x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1 or len(network) == 0:
        raise ValueError("feed_forward: bad input or empty network")
    outputs = []
    for layer in network:
        if len(layer) == 0:
            raise ValueError("feed_forward: empty layer")
        for neuron in layer:
            if len(neuron) != len(x) + 1:
                raise ValueError("feed_forward: neuron size")
        z = np.array([np.dot(neuron[:-1], x) + neuron[-1] for neuron in layer], dtype=np.float64)
        x = sigmoid(z)
        outputs.append(x)
    return [outputs[-1]]
"""),
        "includes_the_input": ("puts the input x in the list as the first 'layer'", """
def feed_forward(network, x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1 or len(network) == 0:
        raise ValueError("feed_forward: bad input or empty network")
    outputs = [x]
    for layer in network:
        if len(layer) == 0:
            raise ValueError("feed_forward: empty layer")
        for neuron in layer:
            if len(neuron) != len(x) + 1:
                raise ValueError("feed_forward: neuron size")
        z = np.array([np.dot(neuron[:-1], x) + neuron[-1] for neuron in layer], dtype=np.float64)
        x = sigmoid(z)
        outputs.append(x)
    return outputs
"""),
        "every_layer_reads_the_input": ("feeds x to every layer instead of the previous layer's outputs", """
def feed_forward(network, x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1 or len(network) == 0:
        raise ValueError("feed_forward: bad input or empty network")
    outputs = []
    for layer in network:
        if len(layer) == 0:
            raise ValueError("feed_forward: empty layer")
        for neuron in layer:
            if len(neuron) != len(x) + 1:
                raise ValueError("feed_forward: neuron size")
        z = np.array([np.dot(neuron[:-1], x) + neuron[-1] for neuron in layer], dtype=np.float64)
        outputs.append(sigmoid(z))
    return outputs
"""),
        "no_sigmoid_on_last_layer": ("leaves the output layer linear (no sigmoid)", """
def feed_forward(network, x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1 or len(network) == 0:
        raise ValueError("feed_forward: bad input or empty network")
    outputs = []
    for layer in network:
        if len(layer) == 0:
            raise ValueError("feed_forward: empty layer")
        for neuron in layer:
            if len(neuron) != len(x) + 1:
                raise ValueError("feed_forward: neuron size")
        z = np.array([np.dot(neuron[:-1], x) + neuron[-1] for neuron in layer], dtype=np.float64)
        x = sigmoid(z) if len(outputs) < len(network) - 1 else z
        outputs.append(x)
    return outputs
"""),
        "forgets_the_bias": ("drops the bias: only the weighted sum", """
def feed_forward(network, x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1 or len(network) == 0:
        raise ValueError("feed_forward: bad input or empty network")
    outputs = []
    for layer in network:
        if len(layer) == 0:
            raise ValueError("feed_forward: empty layer")
        for neuron in layer:
            if len(neuron) != len(x) + 1:
                raise ValueError("feed_forward: neuron size")
        z = np.array([np.dot(neuron[:-1], x) for neuron in layer], dtype=np.float64)
        x = sigmoid(z)
        outputs.append(x)
    return outputs
"""),
        "naive_sigmoid_overflows": ("inlines 1 / (1 + np.exp(-z)): large sums overflow with a warning", """
def feed_forward(network, x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1 or len(network) == 0:
        raise ValueError("feed_forward: bad input or empty network")
    outputs = []
    for layer in network:
        if len(layer) == 0:
            raise ValueError("feed_forward: empty layer")
        for neuron in layer:
            if len(neuron) != len(x) + 1:
                raise ValueError("feed_forward: neuron size")
        z = np.array([np.dot(neuron[:-1], x) + neuron[-1] for neuron in layer], dtype=np.float64)
        x = 1.0 / (1.0 + np.exp(-z))
        outputs.append(x)
    return outputs
"""),
        "checks_only_the_first_neuron": ("checks the length of the first neuron of each layer only", """
def feed_forward(network, x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1 or len(network) == 0:
        raise ValueError("feed_forward: bad input or empty network")
    outputs = []
    for layer in network:
        if len(layer) == 0:
            raise ValueError("feed_forward: empty layer")
        for neuron in layer[:1]:
            if len(neuron) != len(x) + 1:
                raise ValueError("feed_forward: neuron size")
        z = np.array([np.dot(neuron[:len(x)], x) + neuron[len(x)] for neuron in layer], dtype=np.float64)
        x = sigmoid(z)
        outputs.append(x)
    return outputs
"""),
        "checks_only_the_first_layer": ("checks the neuron lengths in the first layer only", """
def feed_forward(network, x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1 or len(network) == 0:
        raise ValueError("feed_forward: bad input or empty network")
    outputs = []
    for layer in network:
        if len(layer) == 0:
            raise ValueError("feed_forward: empty layer")
        for neuron in layer:
            if len(outputs) == 0 and len(neuron) != len(x) + 1:
                raise ValueError("feed_forward: neuron size")
        z = np.array([np.dot(neuron[:len(x)], x) + neuron[len(x)] for neuron in layer], dtype=np.float64)
        x = sigmoid(z)
        outputs.append(x)
    return outputs
"""),
    },
    "xor_network": {
        "unscaled_perceptron_gates": ("chapter 1's perceptron weights unscaled: the sigmoids stay near 0.5", """
def xor_network():
    return [[[1.0, 1.0, -0.5], [-1.0, -1.0, 1.5]], [[1.0, 1.0, -1.5]]]
"""),
        "bias_first": ("a correct network written with the bias first", """
def xor_network():
    return [[[-10.0, 20.0, 20.0], [30.0, -20.0, -20.0]], [[-30.0, 20.0, 20.0]]]
"""),
        "computes_or": ("every neuron an OR: computes OR, not XOR", """
def xor_network():
    return [[[20.0, 20.0, -10.0], [20.0, 20.0, -10.0]], [[20.0, 20.0, -10.0]]]
"""),
        "hidden_swapped_in_output": ("output weights +60, -60: fires for AND and not OR, never", """
def xor_network():
    return [[[20, 20, -30], [20, 20, -10]], [[60, -60, -30]]]
"""),
        "three_hidden_neurons": ("three hidden neurons (a dead third one)", """
def xor_network():
    return [[[20, 20, -30], [20, 20, -10], [0, 0, 0]], [[-60, 60, 0, -30]]]
"""),
    },
    "forward_batch": {
        "zip_drops_a_layer": ("no length check: zip silently drops the layer without a bias", """
def forward_batch(X, weights, biases):
    A = np.asarray(X, dtype=np.float64)
    if A.ndim != 2:
        raise ValueError("forward_batch: X must be 2-D")
    if len(weights) == 0:
        raise ValueError("forward_batch: one bias per weight matrix")
    for W, b in zip(weights, biases):
        W = np.asarray(W, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64)
        if W.ndim != 2 or W.shape[1] != A.shape[1] or b.shape != (W.shape[0],):
            raise ValueError("forward_batch: shapes do not fit")
        A = sigmoid(A @ W.T + b)
    return A
"""),
        "no_transpose": ("A @ W with W read as (in, out): wrong for W of shape (out, in)", """
def forward_batch(X, weights, biases):
    A = np.asarray(X, dtype=np.float64)
    if A.ndim != 2:
        raise ValueError("forward_batch: X must be 2-D")
    if len(weights) == 0 or len(weights) != len(biases):
        raise ValueError("forward_batch: one bias per weight matrix")
    for W, b in zip(weights, biases):
        W = np.asarray(W, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64)
        if W.ndim != 2 or W.shape[0] != A.shape[1] or b.shape != (W.shape[1],):
            raise ValueError("forward_batch: shapes do not fit")
        A = sigmoid(A @ W + b)
    return A
"""),
        "no_sigmoid_on_last_layer": ("returns the last layer's pre-activation Z instead of sigmoid(Z)", """
def forward_batch(X, weights, biases):
    A = np.asarray(X, dtype=np.float64)
    if A.ndim != 2:
        raise ValueError("forward_batch: X must be 2-D")
    if len(weights) == 0 or len(weights) != len(biases):
        raise ValueError("forward_batch: one bias per weight matrix")
    for W, b in zip(weights, biases):
        W = np.asarray(W, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64)
        if W.ndim != 2 or W.shape[1] != A.shape[1] or b.shape != (W.shape[0],):
            raise ValueError("forward_batch: shapes do not fit")
        Z = A @ W.T + b
        A = sigmoid(Z)
    return Z
"""),
        "forgets_the_bias": ("A @ W.T without + b", """
def forward_batch(X, weights, biases):
    A = np.asarray(X, dtype=np.float64)
    if A.ndim != 2:
        raise ValueError("forward_batch: X must be 2-D")
    if len(weights) == 0 or len(weights) != len(biases):
        raise ValueError("forward_batch: one bias per weight matrix")
    for W, b in zip(weights, biases):
        W = np.asarray(W, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64)
        if W.ndim != 2 or W.shape[1] != A.shape[1] or b.shape != (W.shape[0],):
            raise ValueError("forward_batch: shapes do not fit")
        A = sigmoid(A @ W.T)
    return A
"""),
        "bias_on_the_wrong_axis": ("adds b as a column (b[:, None]), per example instead of per neuron", """
def forward_batch(X, weights, biases):
    A = np.asarray(X, dtype=np.float64)
    if A.ndim != 2:
        raise ValueError("forward_batch: X must be 2-D")
    if len(weights) == 0 or len(weights) != len(biases):
        raise ValueError("forward_batch: one bias per weight matrix")
    for W, b in zip(weights, biases):
        W = np.asarray(W, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64)
        if W.ndim != 2 or W.shape[1] != A.shape[1] or b.shape != (W.shape[0],):
            raise ValueError("forward_batch: shapes do not fit")
        A = sigmoid(A @ W.T + b[:, None])
    return A
"""),
        "no_shape_checks": ("no ValueError of its own: relies on numpy and zip", """
def forward_batch(X, weights, biases):
    A = np.asarray(X, dtype=np.float64)
    for W, b in zip(weights, biases):
        A = sigmoid(A @ np.asarray(W).T + b)
    return A
"""),
        "relu_hidden_layers": ("ReLU in the hidden layers, sigmoid only at the end", """
def forward_batch(X, weights, biases):
    A = np.asarray(X, dtype=np.float64)
    if A.ndim != 2:
        raise ValueError("forward_batch: X must be 2-D")
    if len(weights) == 0 or len(weights) != len(biases):
        raise ValueError("forward_batch: one bias per weight matrix")
    for W, b in zip(weights, biases):
        W = np.asarray(W, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64)
        if W.ndim != 2 or W.shape[1] != A.shape[1] or b.shape != (W.shape[0],):
            raise ValueError("forward_batch: shapes do not fit")
        Z = A @ W.T + b
        A = np.maximum(Z, 0)
    return sigmoid(Z)
"""),
        "naive_sigmoid_overflows": ("inlines 1 / (1 + np.exp(-Z)): large sums overflow with a warning", """
def forward_batch(X, weights, biases):
    A = np.asarray(X, dtype=np.float64)
    if A.ndim != 2:
        raise ValueError("forward_batch: X must be 2-D")
    if len(weights) == 0 or len(weights) != len(biases):
        raise ValueError("forward_batch: one bias per weight matrix")
    for W, b in zip(weights, biases):
        W = np.asarray(W, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64)
        if W.ndim != 2 or W.shape[1] != A.shape[1] or b.shape != (W.shape[0],):
            raise ValueError("forward_batch: shapes do not fit")
        A = 1.0 / (1.0 + np.exp(-(A @ W.T + b)))
    return A
"""),
        "accepts_column_bias": ("accepts a bias of shape (M, 1) and flattens it instead of raising", """
def forward_batch(X, weights, biases):
    A = np.asarray(X, dtype=np.float64)
    if A.ndim != 2:
        raise ValueError("forward_batch: X must be 2-D")
    if len(weights) == 0 or len(weights) != len(biases):
        raise ValueError("forward_batch: one bias per weight matrix")
    for W, b in zip(weights, biases):
        W = np.asarray(W, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64)
        if W.ndim != 2 or W.shape[1] != A.shape[1] or b.size != W.shape[0]:
            raise ValueError("forward_batch: shapes do not fit")
        A = sigmoid(A @ W.T + b.reshape(-1))
    return A
"""),
    },
}

CORRECT = {
    "sigmoid": {
        "boolean_masks": ("boolean masks fill an empty float array, one form per mask", """
def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    out = np.empty_like(z)
    positive = z >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
    e = np.exp(z[~positive])
    out[~positive] = e / (1.0 + e)
    return out if out.ndim else out[()]
"""),
        "logaddexp": ("exp(-log(1 + e^-z)) with np.logaddexp, which never overflows", """
def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=np.float64)))
"""),
    },
    "feed_forward": {
        "appends_one_to_the_input": ("each layer as a matrix times the input with a 1 appended (the bias-last trick)", """
def feed_forward(network, x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1 or len(network) == 0:
        raise ValueError("feed_forward: bad input or empty network")
    outputs = []
    for layer in network:
        W = np.asarray(layer, dtype=np.float64)
        if W.ndim != 2 or W.shape[0] == 0 or W.shape[1] != x.size + 1:
            raise ValueError("feed_forward: layer does not fit")
        x = sigmoid(W @ np.append(x, 1.0))
        outputs.append(x)
    return outputs
"""),
        "loops_over_neurons": ("a loop over the neurons with np.dot and a length check, calls sigmoid", """
def feed_forward(network, x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1 or len(network) == 0:
        raise ValueError("feed_forward: bad input or empty network")
    outputs = []
    for layer in network:
        if len(layer) == 0:
            raise ValueError("feed_forward: empty layer")
        for neuron in layer:
            if len(neuron) != len(x) + 1:
                raise ValueError("feed_forward: neuron size")
        z = np.array([np.dot(neuron[:-1], x) + neuron[-1] for neuron in layer], dtype=np.float64)
        x = sigmoid(z)
        outputs.append(x)
    return outputs
"""),
    },
    "xor_network": {
        "the_chapters_network": ("the chapter's AND/OR network, bias last", """
def xor_network():
    return [[[20, 20, -30], [20, 20, -10]], [[-60, 60, -30]]]
"""),
        "or_nand_and_scaled_by_10": ("OR and NAND hidden, AND output, chapter 1's weights scaled by 10", """
def xor_network():
    return [[[10.0, 10.0, -5.0], [-10.0, -10.0, 15.0]], [[10.0, 10.0, -15.0]]]
"""),
    },
    "forward_batch": {
        "zip_after_length_check": ("zip over the layers after checking that the lists have the same length", """
def forward_batch(X, weights, biases):
    A = np.asarray(X, dtype=np.float64)
    if A.ndim != 2:
        raise ValueError("forward_batch: X must be 2-D")
    if len(weights) == 0 or len(weights) != len(biases):
        raise ValueError("forward_batch: one bias per weight matrix")
    for W, b in zip(weights, biases):
        W = np.asarray(W, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64)
        if W.ndim != 2 or W.shape[1] != A.shape[1] or b.shape != (W.shape[0],):
            raise ValueError("forward_batch: shapes do not fit")
        A = sigmoid(A @ W.T + b)
    return A
"""),
        "einsum": ("np.einsum for X W^T and an explicit row broadcast of b", """
def forward_batch(X, weights, biases):
    A = np.asarray(X, dtype=np.float64)
    if A.ndim != 2:
        raise ValueError("forward_batch: X must be 2-D")
    if len(weights) == 0 or len(weights) != len(biases):
        raise ValueError("forward_batch: one bias per weight matrix")
    for W, b in zip(weights, biases):
        W = np.asarray(W, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64)
        if W.ndim != 2 or W.shape[1] != A.shape[1] or b.shape != (W.shape[0],):
            raise ValueError("forward_batch: shapes do not fit")
        A = sigmoid(np.einsum('nd,md->nm', A, W) + b[None, :])
    return A
"""),
    },
}

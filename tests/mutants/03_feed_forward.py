"""Assignment 03_feed_forward: known-wrong and alternative correct versions of its graded functions."""

WRONG = {
    "sigmoid": {
        "naive_overflows": ("1 / (1 + np.exp(-z)) as written: exp(1000) overflows with a RuntimeWarning", {
            "np.where(z >= 0, 1.0 / (1.0 + small), small / (1.0 + small))": "1.0 / (1.0 + np.exp(-z))"}),
        "np_where_evaluates_both_forms": ("np.where with both forms: both are evaluated on every entry, so exp still overflows", {
            "1.0 / (1.0 + small), small / (1.0 + small)": "1.0 / (1.0 + np.exp(-z)), np.exp(z) / (1.0 + np.exp(z))"}),
        "sign_flipped": ("swaps the two forms: computes sigmoid(-z) = 1 - sigmoid(z)", {
            "1.0 / (1.0 + small), small / (1.0 + small)": "small / (1.0 + small), 1.0 / (1.0 + small)"}),
        "modifies_input_in_place": ("writes the result into the caller's float array z",
                                    {"    result = np.where(": "    result = z\n    result[...] = np.where("}),
        "keeps_integer_dtype": ("np.zeros_like(z) on an integer z: the output is an int array of 0s and 1s", {
            "np.asarray(z, dtype=np.float64)": "np.asarray(z)", "    result = np.where(": "    result = np.zeros_like(z)\n    result[...] = np.where("}),
        "clips_at_30": ("clips z to [-30, 30] to avoid the overflow: wrong beyond 30 (sigmoid(-40) becomes sigmoid(-30))", {
            "np.asarray(z, dtype=np.float64)": "np.clip(np.asarray(z, dtype=np.float64), -30.0, 30.0)"}),
        "math_exp_scalars_only": ("math.exp and an if: works for one number, fails on arrays", """
def sigmoid(z):
    import math
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    return math.exp(z) / (1.0 + math.exp(z))
"""),
        "tanh_form_loses_tail_precision": ("0.5 * (1 + tanh(z / 2)): cancellation, relative error ~1 for z below -40", {
            "np.where(z >= 0, 1.0 / (1.0 + small), small / (1.0 + small))": "0.5 * (1.0 + np.tanh(0.5 * z))"}),
        "returns_shape_1_for_a_number": ("np.atleast_1d: a number gives shape (1,) instead of ()", {
            "np.asarray(z, dtype=np.float64)": "np.atleast_1d(np.asarray(z, dtype=np.float64))"}),
        "clips_at_500_too_coarse_below_minus_500": ("clips z to [-500, 500]: sigmoid(-700) and sigmoid(-1000) become 7e-218, not below 1e-300", {
            "np.asarray(z, dtype=np.float64)": "np.clip(np.asarray(z, dtype=np.float64), -500.0, 500.0)"}),
        "list_not_converted": ("compares z >= 0 without np.asarray: a list cannot be compared with 0", """
def sigmoid(z):
    small = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + small), small / (1.0 + small))
"""),
    },
    "feed_forward": {
        "bias_first": ("reads the bias from the first entry of each neuron instead of the last", {
            "np.dot(neuron[:-1], values) + neuron[-1]": "np.dot(neuron[1:], values) + neuron[0]"}),
        "zip_truncates_without_check": ("the PyTorch notebook's dot, a sum over zip(v, w), with no length check: a wrong neuron is silently truncated", """
def feed_forward(network, x):
    outputs = []
    for layer in network:
        inputs = list(x) + [1.0]
        x = [float(sigmoid(sum(w * v for w, v in zip(neuron, inputs)))) for neuron in layer]
        outputs.append(np.array(x))
    return outputs
"""),
        "returns_last_layer_only": ("returns only the output layer's values", {"return every_layer": "return every_layer[-1:]"}),
        "includes_the_input": ("puts the input x in the list as the first 'layer'", {"every_layer = []": "every_layer = [values]"}),
        "every_layer_reads_the_input": ("feeds x to every layer instead of the previous layer's outputs", {
            "        values = np.exp(": "        output = np.exp(", "append(values)": "append(output)"}),
        "no_sigmoid_on_last_layer": ("leaves the output layer linear (no sigmoid)", {
            "np.exp(-np.logaddexp(0.0, -sums))": "np.exp(-np.logaddexp(0.0, -sums)) if number < len(network) - 1 else sums"}),
        "forgets_the_bias": ("drops the bias: only the weighted sum", {" + neuron[-1]": ""}),
        "naive_sigmoid_overflows": ("inlines 1 / (1 + np.exp(-z)): large sums overflow with a warning", {
            "np.exp(-np.logaddexp(0.0, -sums))": "1.0 / (1.0 + np.exp(-sums))"}),
        "checks_only_the_first_neuron": ("checks the length of the first neuron of each layer only", {
            "if neuron.shape": "if j == 0 and neuron.shape", "neuron[:-1], values) + neuron[-1]": "neuron[:values.size], values) + neuron[values.size]"}),
        "checks_only_the_first_layer": ("checks the neuron lengths in the first layer only", {
            "if neuron.shape": "if number == 0 and neuron.shape", "neuron[:-1], values) + neuron[-1]": "neuron[:values.size], values) + neuron[values.size]"}),
        "layers_as_lists": ("returns each layer's outputs as a Python list, not the float64 array the docstring asks for", {
            "every_layer.append(values)": "every_layer.append(values.tolist())"}),
        "if_not_layer": ("tests `if not layer`: ambiguous, so an error, for a layer given as a 2-D array", {
            "if len(layer) == 0:": "if not layer:"}),
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
        "forgets_return": ("builds the network and forgets to return it", """
def xor_network():
    network = [[[12.0, 12.0, -6.0], [-12.0, -12.0, 18.0]], [[12.0, 12.0, -18.0]]]
"""),
    },
    "forward_batch": {
        "zip_drops_a_layer": ("no length check: zip silently drops the layer without a bias", {
            " or len(weights) != len(biases)": "", "layer in range(len(weights))": "layer, (W, b) in enumerate(zip(weights, biases))",
            "(weights[layer]": "(W", "(biases[layer]": "(b"}),
        "no_transpose": ("A @ W with W read as (in, out): wrong for W of shape (out, in)", {
            "W.shape[1] != A.shape[1] or b.shape != (W.shape[0],)": "W.shape[0] != A.shape[1] or b.shape != (W.shape[1],)", "A @ W.T": "A @ W"}),
        "no_sigmoid_on_last_layer": ("returns the last layer's pre-activation Z instead of sigmoid(Z)", {
            "A = np.exp(-np.logaddexp(0.0, -(A @ W.T + b)))": "Z = A @ W.T + b\n        A = np.exp(-np.logaddexp(0.0, -Z))", "return A": "return Z"}),
        "forgets_the_bias": ("A @ W.T without + b", {"A @ W.T + b": "A @ W.T"}),
        "bias_on_the_wrong_axis": ("adds b as a column (b[:, None]), per example instead of per neuron", {"A @ W.T + b": "A @ W.T + b[:, None]"}),
        "no_shape_checks": ("no ValueError of its own: relies on numpy and zip", {
            "    if A.ndim != 2:\n"
            '        raise ValueError(f"forward_batch: X must be 2-D (N, D), got shape {A.shape}")\n'
            "    if len(weights) == 0 or len(weights) != len(biases):\n"
            '        raise ValueError(f"forward_batch: need one bias vector per weight matrix and at least one layer, got {len(weights)} weight '
            'matrices and {len(biases)} bias vectors")\n': "",
            "layer in range(len(weights))": "layer, (W, b) in enumerate(zip(weights, biases))", "(weights[layer]": "(W", "(biases[layer]": "(b",
            "        if W.ndim != 2 or W.shape[1] != A.shape[1] or b.shape != (W.shape[0],):\n            raise ValueError(\n"
            '                f"forward_batch: layer {layer} receives {A.shape[1]} inputs, so W must be (M, {A.shape[1]}) and b (M,); "\n'
            '                f"got W {W.shape} and b {b.shape}")\n': ""}),
        "relu_hidden_layers": ("ReLU in the hidden layers, sigmoid only at the end", {
            "A = np.exp(-np.logaddexp(0.0, -(A @ W.T + b)))": "Z = A @ W.T + b\n        A = np.maximum(Z, 0)",
            "return A": "return np.exp(-np.logaddexp(0.0, -Z))"}),
        "naive_sigmoid_overflows": ("inlines 1 / (1 + np.exp(-Z)): large sums overflow with a warning", {
            "np.exp(-np.logaddexp(0.0, -(A @ W.T + b)))": "1.0 / (1.0 + np.exp(-(A @ W.T + b)))"}),
        "accepts_column_bias": ("accepts a bias of shape (M, 1) and flattens it instead of raising", {
            "b.shape != (W.shape[0],)": "b.size != W.shape[0]", "A @ W.T + b": "A @ W.T + b.reshape(-1)"}),
        "reads_W_shape_before_ndim": ("reads W.shape[1] without checking that W is 2-D: a 1-D W raises IndexError", {
            "W.ndim != 2 or W.shape[1]": "W.shape[1]"}),
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
        "converts_only_lists": ("converts x with np.array only when it is a list; arrays are used as they are", {
            "values = np.asarray(x, dtype=np.float64)": "values = np.array(x, dtype=np.float64) if isinstance(x, list) else x"}),
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
        "zip_after_length_check": ("zip over the layers after checking that the lists have the same length", {
            "layer in range(len(weights))": "layer, (W, b) in enumerate(zip(weights, biases))", "(weights[layer]": "(W", "(biases[layer]": "(b"}),
        "einsum": ("np.einsum for X W^T and an explicit row broadcast of b", {"A @ W.T + b": "np.einsum('nd,md->nm', A, W) + b[None, :]"}),
    },
}

"""Assignment 01_perceptron: known-wrong and alternative correct versions of its graded functions."""

WRONG = {
    "perceptron_predict": {
        "missing_bias": ("forgets the bias: w . x >= 0", {"X @ w + b": "X @ w"}),
        "strict_inequality": ("uses > for >=: a point on the boundary gives 0", {"b >= 0)": "b > 0)"}),
        "bias_subtracted": ("wrong sign of the bias: w . x - b >= 0", {"X @ w + b": "X @ w - b"}),
        "threshold_one_half": ("steps at 0.5 instead of 0", {">= 0)": ">= 0.5)"}),
        "mean_for_sum": ("averages w_j x_j over j instead of summing", {"(X @ w": "((X * w).mean(axis=-1)"}),
        "returns_booleans": ("returns True/False instead of the int 0/1 the docstring asks for", {".astype(int)": ""}),
        "returns_floats": ("np.heaviside: returns 0.0/1.0 floats instead of ints", {"(X @ w + b >= 0).astype(int)": "np.heaviside(X @ w + b, 1.0)"}),
        "truncates_inputs_to_int": ("converts X to int, so 0.25 becomes 0", {"np.asarray(X, dtype=float)": "np.asarray(X).astype(int)"}),
        "loop_misses_last_example": ("off-by-one: the loop stops before the last row", {"return (X @ w + b >= 0).astype(int)": (
            "if X.ndim == 1:\n        return np.array(int(X @ w + b >= 0))\n"
            "    return np.array([int(X[i] @ w + b >= 0) for i in range(len(X) - 1)])")}),
        "single_example_gives_shape_1": ("a single example (D,) gives shape (1,), not ()", {"(X @ w": "(np.atleast_2d(X) @ w"}),
        "sums_over_the_wrong_axis": ("sums w * X over the examples (axis 0) instead of the features", {"(X @ w": "((X * w).sum(axis=0)"}),
        "no_shape_checks": ("no ValueError of its own: relies on numpy, which broadcasts a 3-D X or a (D, 1) w", {
            "    if w.ndim != 1 or X.ndim not in (1, 2) or X.shape[-1] != w.shape[0]:\n        raise ValueError(\n"
            '            f"perceptron_predict: X has shape {X.shape} and w has shape {w.shape}; "\n'
            '            "X must be (N, D) or (D,) with D = len(w)"\n        )\n': ""}),
        "modifies_x_in_place": ("multiplies the caller's X by w in place", {"    return (X @ w": "    X *= w\n    return (X.sum(axis=-1)"}),
        "hard_coded_visible_answer": ("returns the visible test's answers without computing anything", {"return (X @ w + b >= 0).astype(int)": (
            "if X.ndim == 1:\n        return np.array(1)\n"
            "    return np.array([0, 1, 0, 1][:len(X)] + [0] * max(0, len(X) - 4))")}),
        "x_ndim_checked_from_above_only": ("checks X.ndim > 2 only: a 0-D X reaches X.shape[-1] and raises IndexError", {
            "X.ndim not in (1, 2)": "X.ndim > 2"}),
        "w_ndim_checked_from_above_only": ("checks w.ndim > 1 only: a 0-D w reaches w.shape[0] and raises IndexError", {
            "w.ndim != 1": "w.ndim > 1"}),
    },
    "gate_weights": {
        "and_or_swapped": ("gives OR's weights for AND and AND's for OR", {'"AND": ([1.0, 1.0], -1.5)': '"AND": ([1.0, 1.0], -0.5)',
                                                                           '"OR": ([1.0, 1.0], -0.5)': '"OR": ([1.0, 1.0], -1.5)'}),
        "nand_not_negated": ("NAND returns AND's weights (forgets to negate)", {"([-1.0, -1.0], 1.5)": "([1.0, 1.0], -1.5)"}),
        "nand_negates_bias_only": ("NAND negates the bias but not the weights", {"[-1.0, -1.0]": "[1.0, 1.0]"}),
        "and_boundary_through_negative_points": ("AND with b = -1: the line passes through (0, 1), which >= counts as 1", {"-1.5)": "-1.0)"}),
        "or_boundary_through_origin": ("OR with b = 0: the origin lies on the line and gives 1", {"-0.5)": "0.0)"}),
        "xor_gets_weights": ("returns weights for XOR instead of refusing it", {"1.5),\n    }": '1.5),\n        "XOR": ([1.0, 1.0], -0.5),\n    }'}),
        "key_error_not_value_error": ("looks the gate up in a dict and lets KeyError escape", {
            '    if gate not in weights:\n        raise ValueError(f"gate_weights: no single perceptron for {gate!r}; '
            'the gates are AND, OR and NAND (XOR is not linearly separable)")\n': ""}),
        "unknown_gate_gives_or": ("any name other than AND and NAND falls through to OR's weights", {
            "if gate not in weights:": 'if gate == "XOR":', "weights[gate]": 'weights.get(gate, weights["OR"])'}),
        "nand_negates_shared_and_in_place": ("builds NAND by negating the stored AND array in place: AND is wrong after the first NAND", {
            "def gate_weights": "AND_WEIGHTS = np.array([1.0, 1.0])\n\n\ndef gate_weights",
            "[1.0, 1.0], -1.5": "AND_WEIGHTS, -1.5", "[-1.0, -1.0], 1.5": "AND_WEIGHTS, 1.5",
            "    w, b = weights[gate]\n": '    w, b = weights[gate]\n    if gate == "NAND":\n        w *= -1\n'}),
        "returns_a_flat_triple": ("returns [w1, w2, b] instead of the pair (w, b)", {"return np.array(w), float(b)": "return [*w, b]"}),
    },
    "train_perceptron": {
        "never_stops_early": ("runs all epochs instead of stopping after the first clean one", {"        if count == 0:\n            break\n": ""}),
        "clean_epoch_not_recorded": ("stops at the clean epoch but does not record its 0", {
            "mistakes.append(count)\n        if count == 0:\n            break": "if count == 0:\n            break\n        mistakes.append(count)"}),
        "one_epoch_short": ("off-by-one: runs at most epochs - 1 epochs", {"range(epochs)": "range(max(1, epochs - 1))"}),
        "ignores_lr": ("updates with a step of 1 whatever lr is (the mistakes are the same: only w and b show it)", {
            "lr * error * x": "error * x", "b + lr * error": "b + error"}),
        "bias_never_updated": ("updates w but never b", {"                b = b + lr * error\n": ""}),
        "batch_updates": ("predicts the whole epoch with the old weights, then updates (not the online rule)", {
            "        count = 0\n": "        count, w_old, b_old = 0, w, b\n", "w @ x + b >= 0": "w_old @ x + b_old >= 0"}),
        "averaged_updates": ("divides each update by the number of examples (a mean where the rule has none)", {
            "lr * error * x": "lr * error * x / len(X)", "b + lr * error": "b + lr * error / len(X)"}),
        "shuffles_the_examples": ("visits the examples in a (seeded) random order", {
            "    w = np.zeros": "    rng = np.random.default_rng(0)\n    w = np.zeros",
            "        count = 0\n": "        count, order = 0, rng.permutation(len(X))\n", "zip(X, y)": "zip(X[order], y[order])"}),
        "random_initial_weights": ("starts from small random weights instead of zeros", {
            "np.zeros(X.shape[1])": "np.random.default_rng(0).normal(scale=0.01, size=X.shape[1])"}),
        "plus_minus_one_labels": ("recodes the labels to -1/+1 and predicts -1/+1: every step is twice as large", {
            "zip(X, y)": "zip(X, 2 * y - 1)", "else 0)": "else -1)"}),
        "strict_inequality": ("predicts with > instead of >=", {"@ x + b >= 0": "@ x + b > 0"}),
        "cumulative_mistake_count": ("never resets the count: records the running total, not each epoch's", {
            "    mistakes = []\n": "    mistakes, count = [], 0\n", "        count = 0\n": "        before = count\n", "if count == 0": "if count == before"}),
        "scales_x_by_lr_in_place": ("pre-multiplies the caller's X by lr in place", {
            "    w = np.zeros": "    X *= lr\n    w = np.zeros", "lr * error * x": "error * x"}),
        "no_argument_checks": ("no ValueError: a label of 2 just trains", {
            "    if X.ndim != 2 or y.shape != (X.shape[0],):\n"
            '        raise ValueError(f"train_perceptron: X must be (N, D) and y (N,), got X {X.shape} and y {y.shape}")\n'
            "    if not np.isin(y, [0, 1]).all():\n"
            '        raise ValueError(f"train_perceptron: labels must be 0 or 1, got {np.unique(y).tolist()}")\n'
            "    if lr <= 0 or epochs < 1:\n"
            '        raise ValueError(f"train_perceptron: need lr > 0 and epochs >= 1, got lr={lr}, epochs={epochs}")\n': ""}),
        "accepts_minus_one_labels": ("checks the labels against {-1, 0, 1}: -1 gets through", {"[0, 1]).all()": "[-1, 0, 1]).all()"}),
        "no_lr_or_epochs_checks": ("checks shapes and labels but accepts lr <= 0 and epochs < 1", {
            "    if lr <= 0 or epochs < 1:\n"
            '        raise ValueError(f"train_perceptron: need lr > 0 and epochs >= 1, got lr={lr}, epochs={epochs}")\n': ""}),
        "labels_checked_by_range": ("checks 0 <= y <= 1 instead of y in {0, 1}: a label of 0.5 gets through", {
            "not np.isin(y, [0, 1]).all()": "y.min() < 0 or y.max() > 1"}),
        "y_checked_by_length_only": ("checks len(y) == len(X) only: a (N, 1) column of labels gets through", {
            "y.shape != (X.shape[0],)": "len(y) != len(X)"}),
        "mistakes_as_an_array": ("returns the mistakes as a NumPy array, not the list the docstring asks for", {
            "return w, float(b), mistakes": "return w, float(b), np.array(mistakes)"}),
        "hard_coded_and_run": ("returns the visible AND run's answer whatever the data", """
def train_perceptron(X, y, lr=1.0, epochs=100):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or y.shape != (len(X),) or not np.isin(y, [0, 1]).all() or lr <= 0 or epochs < 1:
        raise ValueError("bad arguments")
    return np.array([2.0, 1.0])[:X.shape[1]], -3.0, [2, 3, 3, 2, 1, 0]
"""),
    },
}

CORRECT = {
    "perceptron_predict": {
        "loop_over_examples": ("a Python loop over the rows instead of X @ w", """
def perceptron_predict(X, w, b):
    X = np.array(X, dtype=float)
    w = np.array(w, dtype=float)
    if w.ndim != 1 or X.ndim not in (1, 2) or X.shape[-1] != w.shape[0]:
        raise ValueError(f"perceptron_predict: X {X.shape} does not match w {w.shape}")
    rows = X.reshape(-1, w.shape[0])
    out = np.zeros(len(rows), dtype=int)
    for i in range(len(rows)):
        total = b
        for j in range(len(w)):
            total += w[j] * rows[i, j]
        out[i] = 1 if total >= 0 else 0
    return out[0].copy() if X.ndim == 1 else out
"""),
        "where_and_dot": ("np.where on np.dot, checks written as separate ifs", """
def perceptron_predict(X, w, b):
    X = np.asarray(X, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    if w.ndim != 1:
        raise ValueError("w must be 1-D")
    if X.ndim not in (1, 2):
        raise ValueError("X must be 1-D or 2-D")
    if X.shape[-1] != len(w):
        raise ValueError("X and w disagree on D")
    return np.where(np.dot(X, w) + b >= 0, 1, 0)
"""),
        "arrays_only": ("uses X.ndim / X.shape directly (arrays only, as the docstring says): no np.asarray", """
def perceptron_predict(X, w, b):
    if w.ndim != 1 or X.ndim not in (1, 2) or X.shape[-1] != w.shape[0]:
        raise ValueError(f"perceptron_predict: X has shape {X.shape}, w has shape {w.shape}")
    return (X @ w + b >= 0).astype(int)
"""),
    },
    "gate_weights": {
        "other_weights": ("other valid weights, one of them with the line through a positive corner", """
def gate_weights(gate):
    if gate == "AND":
        return np.array([2.0, 2.0]), -3.0
    if gate == "OR":
        return np.array([1.0, 1.0]), -1.0
    if gate == "NAND":
        return np.array([-2.0, -2.0]), 3.0
    raise ValueError(f"gate_weights: {gate!r} is not AND, OR or NAND (XOR needs two layers)")
"""),
        "nand_from_and": ("NAND built from a fresh copy of AND's weights, negated", """
def gate_weights(gate):
    if gate not in ("AND", "OR", "NAND"):
        raise ValueError(f"no single perceptron computes {gate!r}")
    w, b = np.array([1.0, 1.0]), (-0.5 if gate == "OR" else -1.5)
    if gate == "NAND":
        w, b = -w, -b
    return w, b
"""),
        "ints_and_lists": ("weights as a list of ints and an int bias (the docstring asks for numbers only)", """
def gate_weights(gate):
    table = {"AND": ([2, 2], -3), "OR": ([2, 2], -1), "NAND": ([-2, -2], 3)}
    if gate not in table:
        raise ValueError(f"no single perceptron computes {gate!r}")
    return table[gate]
"""),
    },
    "train_perceptron": {
        "index_loop_with_python_floats": ("indexes the examples and keeps w as a list of floats", """
def train_perceptron(X, y, lr=1.0, epochs=100):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or y.ndim != 1 or len(y) != len(X):
        raise ValueError("X must be (N, D) and y (N,)")
    if any(label not in (0, 1) for label in y.tolist()):
        raise ValueError("labels must be 0 or 1")
    if not lr > 0 or epochs < 1:
        raise ValueError("need lr > 0 and epochs >= 1")
    n, d = X.shape
    w, b = [0.0] * d, 0.0
    mistakes = []
    epoch = 0
    while epoch < epochs:
        wrong = 0
        for i in range(n):
            s = sum(w[j] * X[i, j] for j in range(d)) + b
            p = 1 if s >= 0 else 0
            if p != y[i]:
                step = lr * (y[i] - p)
                w = [w[j] + step * X[i, j] for j in range(d)]
                b += step
                wrong += 1
        mistakes.append(wrong)
        epoch += 1
        if wrong == 0:
            break
    return np.array(w), float(b), mistakes
"""),
        "uses_perceptron_predict": ("predicts each example with perceptron_predict and updates in place on its own copy", """
def train_perceptron(X, y, lr=1.0, epochs=100):
    X = np.array(X, dtype=float)
    y = np.array(y)
    if X.ndim != 2 or y.shape != (X.shape[0],) or not set(np.unique(y).tolist()) <= {0, 1}:
        raise ValueError("bad X or y")
    if lr <= 0 or epochs < 1:
        raise ValueError("bad lr or epochs")
    w = np.zeros(X.shape[1])
    b = 0.0
    mistakes = []
    for _ in range(epochs):
        mistakes.append(0)
        for x, t in zip(X, y):
            error = t - perceptron_predict(x, w, b)
            w += lr * error * x
            b += lr * error
            mistakes[-1] += int(error != 0)
        if mistakes[-1] == 0:
            break
    return w, b, mistakes
"""),
    },
}

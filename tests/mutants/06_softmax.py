"""Assignment 06_softmax: known-wrong and alternative correct versions of its graded functions."""

WRONG = {
    "one_hot": {
        "off_by_one": ("puts the 1 at column label - 1 (label 0 wraps around to the last column)", {"np.int64)] =": "np.int64) - 1] ="}),
        "eye_without_checks": ("np.eye(K)[labels] with no checks: -1 wraps to the last class, K gives IndexError", """
def one_hot(labels, num_classes):
    return np.eye(num_classes)[np.asarray(labels)]
"""),
        "int_dtype": ("returns an int array instead of float64", {"dtype=np.float64": "dtype=int"}),
        "transposed": ("returns (K, N): one column per example", {"return encoded": "return encoded.T"}),
        "whole_columns": ("out[:, labels] = 1 marks every label's column in every row", {"encoded[np.arange(labels.shape[0]), ": "encoded[:, "}),
        "truncates_fractional_labels": ("casts labels with astype(int): 0.5 silently becomes class 0", {" and np.all(labels == np.round(labels))": ""}),
        "only_upper_bound_checked": ("checks label < K but not label >= 0: -1 wraps to the last class", {"labels.min() < 0 or ": ""}),
        "fractional_num_classes_truncated": ("int(num_classes) before the check: num_classes=2.5 silently becomes 2", {
            "if isinstance(num_classes, bool) or not isinstance(num_classes, (int, np.integer)) or num_classes < 1:":
                "num_classes = int(num_classes)\n    if num_classes < 1:"}),
        "list_not_converted": ("uses labels.ndim without np.asarray: a list raises AttributeError", {"    labels = np.asarray(labels)\n": ""}),
    },
    "softmax": {
        "unstable": ("no max subtraction: exp(1e4) overflows to inf, inf / inf is nan", {"np.exp(z - np.max(z, axis=-1, keepdims=True))": "np.exp(z)"}),
        "axis_0": ("normalises along axis 0 (down the columns) instead of the last axis", {"max(z, axis=-1": "max(z, axis=0", "exps, axis=-1": "exps, axis=0"}),
        "global_max": ("subtracts one maximum for the whole array: a row near -1e4 underflows to 0 / 0", {"np.max(z, axis=-1, keepdims=True)": "np.max(z)"}),
        "max_without_keepdims": ("z - z.max(axis=-1) without keepdims: broadcasts against the wrong axis",
                                 {"max(z, axis=-1, keepdims=True)": "max(z, axis=-1)"}),
        "sum_without_keepdims": ("divides by e.sum(axis=-1) without keepdims: wrong rows for square batches",
                                 {"exps, axis=-1, keepdims=True)": "exps, axis=-1)"}),
        "axis_1": ("hard-codes axis=1: fine for (N, K), wrong for (K,) and 3-D arrays",
                   {"    exps =": "    z = np.atleast_2d(z)\n    exps =", "max(z, axis=-1": "max(z, axis=1", "exps, axis=-1": "exps, axis=1"}),
        "subtracts_mean": ("subtracts the mean instead of the maximum: exp(+3333) still overflows", {"np.max(z": "np.mean(z"}),
        "float32": ("computes in float32: only about 7 correct digits", {"dtype=np.float64": "dtype=np.float32"}),
        "modifies_input": ("subtracts the maximum from the caller's array in place",
                           {"exps = np.exp(z - np.max(z, axis=-1, keepdims=True))": "z -= np.max(z, axis=-1, keepdims=True)\n    exps = np.exp(z)"}),
        "flattens_leading_axes": ("reshapes to (-1, K) and forgets to reshape back", {"    exps =": "    z = z.reshape(-1, z.shape[-1])\n    exps ="}),
        "no_shape_checks": ("no ValueError for a plain number", {
            "    if z.ndim == 0 or z.shape[-1] == 0:\n"
            '        raise ValueError(f"softmax: z must have at least one dimension and a non-empty last axis, got shape {z.shape}")\n': ""}),
    },
    "cross_entropy": {
        "sum_not_mean": ("sums the examples' losses instead of averaging them", {"float(np.mean(": "float(np.sum("}),
        "log_of_stable_softmax": ("takes np.log of the (stable) softmax: a probability of exp(-1e4) underflows to 0 and log 0 = -inf", {
            "shifted_log_sum_exp = np.log(np.sum(np.exp(logits - top[:, None]), axis=1))":
                "p = np.exp(logits - top[:, None]) / np.sum(np.exp(logits - top[:, None]), axis=1, keepdims=True)",
            "(top - picked) + shifted_log_sum_exp": "-np.log(p[np.arange(logits.shape[0]), labels])"}),
        "log_of_naive_softmax": ("the log of an unstable softmax: overflow at 1e4", {
            "shifted_log_sum_exp = np.log(np.sum(np.exp(logits - top[:, None]), axis=1))":
                "p = np.exp(logits) / np.sum(np.exp(logits), axis=1, keepdims=True)",
            "(top - picked) + shifted_log_sum_exp": "-np.log(p[np.arange(logits.shape[0]), labels])"}),
        "forgets_to_add_max_back": ("log-sum-exp of z - m without adding m back: -z_y + log sum exp(z - m)", {"(top - picked)": "(-picked)"}),
        "global_max": ("one maximum for the whole batch: a row near -1e4 gives log 0",
                       {"top = np.max(logits, axis=1)": "top = np.full(logits.shape[0], np.max(logits))"}),
        "mean_over_all_entries": ("divides the summed losses by N * K instead of N", {
            "float(np.mean((top - picked) + shifted_log_sum_exp))": "float(np.sum((top - picked) + shifted_log_sum_exp) / logits.size)"}),
        "indexes_with_columns": ("logits[:, labels] picks an (N, N) block instead of one entry per row",
                                 {"picked = logits[np.arange(logits.shape[0]), labels]": "picked = logits[:, labels].mean(axis=1)"}),
        "returns_per_example_losses": ("returns the (N,) losses instead of their mean",
                                       {"float(np.mean((top - picked) + shifted_log_sum_exp))": "(top - picked) + shifted_log_sum_exp"}),
        "no_empty_batch_check": ("no check for N = 0: the mean of no losses is nan, with a warning",
                                 {"logits.ndim != 2 or logits.shape[0] == 0 or": "logits.ndim != 2 or"}),
        "shifts_logits_in_place": ("subtracts the row maxima from the caller's array in place", {
            "    top = np.max(logits, axis=1)\n": "    top = np.max(logits, axis=1)\n    logits -= top[:, None]\n    top = np.zeros_like(top)\n"}),
        "one_hot_product": ("z_y as sum(one_hot * logits), then top + lse - z_y: 0 * -inf is nan, and logits of 1e15 lose their digits", """
def cross_entropy(logits, labels):
    logits = np.asarray(logits, dtype=np.float64)
    labels = np.asarray(labels)
    if logits.ndim != 2 or logits.shape[0] == 0 or logits.shape[1] == 0:
        raise ValueError("cross_entropy: logits must be (N, K)")
    if labels.shape != (logits.shape[0],):
        raise ValueError("cross_entropy: labels must be (N,)")
    targets = one_hot(labels, logits.shape[1])
    top = np.max(logits, axis=1, keepdims=True)
    log_sum_exp = top[:, 0] + np.log(np.sum(np.exp(logits - top), axis=1))
    return float(np.mean(log_sum_exp - np.sum(targets * logits, axis=1)))
"""),
        "logsumexp_then_subtract": ("(m + log sum exp(z - m)) - z_y: m + 0.13 rounds at 1e15 before z_y is taken off", {
            "return float(np.mean((top - picked) + shifted_log_sum_exp))": "return float(np.mean((top + shifted_log_sum_exp) - picked))"}),
        "logaddexp_reduce_minus_product": ("np.logaddexp.reduce(z) - sum(one_hot * z): nan for a logit of -inf, digits lost at 1e15", """
def cross_entropy(logits, labels):
    logits = np.asarray(logits, dtype=float)
    if logits.ndim != 2 or logits.shape[0] < 1 or np.shape(labels) != (logits.shape[0],):
        raise ValueError("logits (N, K) and labels (N,) needed")
    y = one_hot(labels, logits.shape[1])
    return float(np.mean(np.logaddexp.reduce(logits, axis=1) - (y * logits).sum(axis=1)))
"""),
    },
    "cross_entropy_grad": {
        "no_division_by_n": ("softmax - one_hot without / N (the gradient of the sum, not the mean)", {" / logits.shape[0]": ""}),
        "plus_instead_of_minus": ("softmax + one_hot", {"- one_hot(labels, logits": "+ one_hot(labels, logits"}),
        "wrong_sign": ("one_hot - softmax: the direction of steepest descent, not the gradient",
                       {"(softmax(logits) - one_hot(labels, logits.shape[1]))": "(one_hot(labels, logits.shape[1]) - softmax(logits))"}),
        "seed_quotient_rule": ("the seed lab's quotient rule (g'h' - h'g)/h^2 zeroes the Jacobian's diagonal: gives p (1 - y) / N",
                               {"return (softmax(logits) - ": "return softmax(logits) * (1 - "}),
        "divides_by_k": ("divides by the number of classes instead of the number of examples", {"/ logits.shape[0]": "/ logits.shape[1]"}),
        "unstable_softmax_inside": ("uses exp(z) / sum exp(z): nan for logits of 1e4",
                                    {"return (softmax(logits)": "return (np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)"}),
        "label_off_by_one": ("subtracts 1 at column label - 1", {
            "return (softmax(logits) - one_hot(labels, logits.shape[1]))": (
                "g = softmax(logits)\n"
                "    g[np.arange(len(labels)), labels - 1] -= 1.0\n"
                "    return g"
            )}),
        "forgets_the_labels": ("returns softmax / N: forgets to subtract the one-hot labels", {" - one_hot(labels, logits.shape[1])": ""}),
        "softmax_over_axis_0": ("normalises over the batch axis", {"return (softmax(logits)": "return (softmax(logits.T).T"}),
    },
    "train_softmax_regression": {
        "loss_after_update": ("records the loss after each update instead of before it",
                              {"        losses[step] = cross_entropy(Z, y)\n": "",
                               "G.sum(axis=0)\n": "G.sum(axis=0)\n        losses[step] = cross_entropy(X @ W + b, y)\n"}),
        "bias_never_trained": ("updates W but leaves b at zero", {"        b = b - lr * G.sum(axis=0)\n": ""}),
        "gradient_of_the_sum": ("uses softmax - one_hot without / N: the step is N times too large",
                                {"= cross_entropy_grad(Z, y)\n": "= softmax(Z) - one_hot(y, num_classes)\n"}),
        "legacy_random_stream": ("np.random.seed(seed) and np.random.randn: another random start than the documented one", {
            "W = 0.01 * np.random.default_rng(seed).standard_normal((X.shape[1], num_classes))": (
                "np.random.seed(seed)\n"
                "        W = 0.01 * np.random.randn(X.shape[1], num_classes)"
            )}),
        "ignores_seed_none": ("always starts from random weights, even for seed=None",
                              {"if seed is None:\n        W = np.zeros((X.shape[1], num_classes))\n    else:\n        W": "W"}),
        "bias_gradient_after_weight_update": ("updates W first, then computes b's gradient at the new W",
                                              {"b - lr * G": "b - lr * cross_entropy_grad(X @ W + b, y)"}),
        "one_step_short": ("off-by-one: runs epochs - 1 updates (and records epochs - 1 losses)",
                           {"losses = np.zeros(epochs)": "losses = np.zeros(max(1, epochs - 1))", "range(epochs)": "range(max(1, epochs - 1))"}),
        "losses_as_list": ("returns the losses as a Python list, not a float64 array",
                           {"losses = np.zeros(epochs)": "losses = []", "losses[step] = cross_entropy(Z, y)": "losses.append(cross_entropy(Z, y))"}),
        "ascends_the_gradient": ("adds the gradient: W += lr * dL/dW", {"W - lr": "W + lr", "b - lr": "b + lr"}),
        "no_argument_checks": ("accepts lr <= 0, epochs < 1 and mismatched shapes", {
            "    if X.ndim != 2 or X.shape[0] == 0 or y.shape != (X.shape[0],):\n"
            '        raise ValueError(f"train_softmax_regression: X must be (N, D) and y (N,), got X {X.shape} and y {y.shape}")\n'
            "    if not lr > 0 or isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 1:\n"
            '        raise ValueError(f"train_softmax_regression: need lr > 0 and an int epochs >= 1, got lr={lr}, epochs={epochs}")\n': "",
            "= cross_entropy(Z, y)": "= cross_entropy(Z[:len(y)], y)",
            "cross_entropy_grad(Z, y)\n": "cross_entropy_grad(Z[:len(y)], y)\n",
            "(X.T @ G)": "(X[:len(y)].T @ G)"}),
    },
}

CORRECT = {
    "one_hot": {
        "eye_rows_with_checks": ("rows of the identity matrix, checks written one by one", """
def one_hot(labels, num_classes):
    if not isinstance(num_classes, (int, np.integer)) or num_classes < 1:
        raise ValueError("num_classes must be a positive int")
    labels = np.array(labels)
    if labels.ndim != 1:
        raise ValueError("labels must be 1-D")
    if not np.issubdtype(labels.dtype, np.integer):
        raise ValueError("labels must be integers")
    if np.any(labels < 0) or np.any(labels >= num_classes):
        raise ValueError("label out of range")
    return np.eye(num_classes, dtype=np.float64)[labels]
"""),
        "python_loop": ("a loop over the labels, accepting integral floats such as 2.0", """
def one_hot(labels, num_classes):
    if int(num_classes) != num_classes or num_classes < 1:
        raise ValueError("num_classes must be a positive int")
    labels = np.asarray(labels)
    if labels.ndim != 1:
        raise ValueError("labels must be 1-D")
    out = np.zeros((len(labels), int(num_classes)))
    for n, label in enumerate(labels.tolist()):
        if label != int(label) or not 0 <= label < num_classes:
            raise ValueError(f"bad label {label}")
        out[n, int(label)] = 1.0
    return out
"""),
    },
    "softmax": {
        "log_sum_exp": ("exp(z - logsumexp(z)), the log-sum-exp computed stably", """
def softmax(z):
    z = np.asarray(z, dtype=np.float64)
    if z.ndim < 1 or z.shape[-1] < 1:
        raise ValueError("softmax needs a non-empty last axis")
    m = np.max(z, axis=-1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))
    return np.exp(z - lse)
"""),
        "loop_over_vectors": ("reshapes to rows, a Python loop, reshapes back", """
def softmax(z):
    z = np.array(z, dtype=float)
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("bad shape")
    rows = z.reshape(-1, z.shape[-1])
    out = np.empty_like(rows)
    for i, row in enumerate(rows):
        e = np.exp(row - row.max())
        out[i] = e / e.sum()
    return out.reshape(z.shape)
"""),
    },
    "cross_entropy": {
        "logaddexp_reduce": ("np.logaddexp.reduce of the shifted logits, z_y by take_along_axis", """
def cross_entropy(logits, labels):
    logits = np.asarray(logits, dtype=float)
    if logits.ndim != 2 or logits.shape[0] < 1 or np.shape(labels) != (logits.shape[0],):
        raise ValueError("logits (N, K) and labels (N,) needed")
    top = logits.max(axis=1)
    z_y = np.take_along_axis(logits, np.asarray(labels)[:, None], axis=1)[:, 0]
    return float(np.mean((top - z_y) + np.logaddexp.reduce(logits - top[:, None], axis=1)))
"""),
        "loop_with_math": ("a loop over the examples with math.exp and math.log, labels checked", """
def cross_entropy(logits, labels):
    logits, labels = np.asarray(logits, dtype=float), np.asarray(labels)
    if logits.ndim != 2 or len(logits) == 0 or labels.shape != (len(logits),):
        raise ValueError("bad shapes")
    total = 0.0
    for row, label in zip(logits.tolist(), labels.tolist()):
        if label != int(label) or not 0 <= label < len(row):
            raise ValueError("bad label")
        m = max(row)
        total += (m - row[int(label)]) + math.log(sum(math.exp(v - m) for v in row))
    return total / len(logits)
"""),
        "picks_by_index_unchecked_labels": ("(m - z_y) + log sum exp(z - m), z_y by indexing, labels not checked (the caller's promise)", """
def cross_entropy(logits, labels):
    logits = np.asarray(logits, dtype=np.float64)
    labels = np.asarray(labels)
    if logits.ndim != 2 or logits.shape[0] == 0 or labels.shape != (logits.shape[0],):
        raise ValueError("cross_entropy: logits must be (N, K) and labels (N,)")
    top = logits.max(axis=1)
    picked = logits[np.arange(len(labels)), labels]
    return float(np.mean((top - picked) + np.log(np.exp(logits - top[:, None]).sum(axis=1))))
"""),
        "arrays_only": ("uses the arrays' own methods, no np.asarray: the docstring promises arrays, not lists", """
def cross_entropy(logits, labels):
    if logits.ndim != 2 or logits.shape[0] == 0 or labels.shape != (logits.shape[0],):
        raise ValueError("cross_entropy: logits must be (N, K) and labels (N,)")
    if labels.min() < 0 or labels.max() >= logits.shape[1]:
        raise ValueError("cross_entropy: labels out of range")
    m = logits.max(axis=1, keepdims=True)
    lse = np.log(np.exp(logits - m).sum(axis=1))
    return float(np.mean(m[:, 0] - logits[np.arange(len(labels)), labels] + lse))
"""),
    },
    "cross_entropy_grad": {
        "subtract_one_in_place": ("a copy of the softmax with 1 subtracted at each label, divided by N", """
def cross_entropy_grad(logits, labels):
    logits, labels = np.asarray(logits, dtype=float), np.asarray(labels)
    if logits.ndim != 2 or len(logits) == 0 or labels.shape != (len(logits),):
        raise ValueError("bad shapes")
    one_hot(labels, logits.shape[1])  # checks the labels
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    g = e / e.sum(axis=1, keepdims=True)
    g[np.arange(len(labels)), labels] -= 1.0
    return g / len(labels)
"""),
        "eye_rows_unchecked_labels": ("softmax minus rows of the identity, labels not checked (the caller's promise)", """
def cross_entropy_grad(logits, labels):
    logits, labels = np.asarray(logits, dtype=float), np.asarray(labels)
    if logits.ndim != 2 or len(logits) == 0 or labels.shape != (len(logits),):
        raise ValueError("bad shapes")
    return (softmax(logits) - np.eye(logits.shape[1])[labels]) / len(logits)
"""),
        "jacobian_per_example": ("the softmax Jacobian diag(p) - p p^T times -y / p, written as diag(p) y - p (sum y), per example", """
def cross_entropy_grad(logits, labels):
    logits, labels = np.asarray(logits, dtype=float), np.asarray(labels)
    if logits.ndim != 2 or len(logits) == 0 or labels.shape != (len(logits),):
        raise ValueError("bad shapes")
    Y = one_hot(labels, logits.shape[1])
    P = softmax(logits)
    out = np.zeros_like(P)
    for n in range(len(P)):
        p, y = P[n], Y[n]
        out[n] = p * y.sum() - y
    return out / len(P)
"""),
    },
    "train_softmax_regression": {
        "explicit_formulas": ("writes the softmax and one-hot inline and updates in place", """
def train_softmax_regression(X, y, num_classes, lr, epochs, seed=0):
    X = np.array(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2 or len(X) == 0 or y.shape != (len(X),):
        raise ValueError("shapes")
    if np.any(y < 0) or np.any(y >= num_classes) or y.dtype.kind not in "iu":
        raise ValueError("labels")
    if lr <= 0 or epochs < 1:
        raise ValueError("lr and epochs")
    n, d = X.shape
    rng = None if seed is None else np.random.default_rng(seed)
    W = np.zeros((d, num_classes)) if rng is None else 0.01 * rng.standard_normal((d, num_classes))
    b = np.zeros(num_classes)
    Y = np.zeros((n, num_classes))
    Y[np.arange(n), y] = 1.0
    losses = []
    for _ in range(int(epochs)):
        Z = X @ W + b
        Z = Z - Z.max(axis=1, keepdims=True)
        log_P = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
        losses.append(-np.sum(Y * log_P) / n)
        G = (np.exp(log_P) - Y) / n
        W -= lr * np.einsum("nd,nk->dk", X, G)
        b -= lr * G.sum(axis=0)
    return W, b, np.asarray(losses)
"""),
        "eye_rows_unchecked_labels": ("one-hot targets as rows of the identity, labels not checked (the caller's promise)", """
def train_softmax_regression(X, y, num_classes, lr, epochs, seed=0):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or len(X) == 0 or y.shape != (len(X),):
        raise ValueError("X must be (N, D) and y (N,)")
    if not lr > 0 or epochs < 1:
        raise ValueError("lr > 0 and epochs >= 1 needed")
    n, d = X.shape
    W = np.zeros((d, num_classes)) if seed is None else 0.01 * np.random.default_rng(seed).standard_normal((d, num_classes))
    b = np.zeros(num_classes)
    Y = np.eye(num_classes)[y]
    losses = np.empty(epochs)
    for t in range(epochs):
        Z = X @ W + b
        m = Z.max(axis=1, keepdims=True)
        log_p = Z - m - np.log(np.exp(Z - m).sum(axis=1, keepdims=True))
        losses[t] = -np.mean(log_p[np.arange(n), y])
        G = (np.exp(log_p) - Y) / n
        W, b = W - lr * X.T @ G, b - lr * G.sum(axis=0)
    return W, b, losses
"""),
        "builds_on_parts_3_and_4": ("the loop of the docstring, calling cross_entropy and cross_entropy_grad, losses as a list turned into an array", """
def train_softmax_regression(X, y, num_classes, lr, epochs, seed=0):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or np.shape(y) != (X.shape[0],):
        raise ValueError("X must be (N, D) and y (N,)")
    one_hot(y, num_classes)
    if not (lr > 0 and epochs >= 1):
        raise ValueError("lr > 0 and epochs >= 1 needed")
    D = X.shape[1]
    W = np.zeros((D, num_classes))
    if seed is not None:
        W = 0.01 * np.random.default_rng(seed).standard_normal((D, num_classes))
    b = np.zeros(num_classes)
    losses = []
    for _ in range(epochs):
        logits = X @ W + b
        losses.append(cross_entropy(logits, y))
        grad = cross_entropy_grad(logits, y)
        dW, db = X.T @ grad, grad.sum(axis=0)
        W, b = W - lr * dW, b - lr * db
    return W, b, np.array(losses, dtype=float)
"""),
    },
}

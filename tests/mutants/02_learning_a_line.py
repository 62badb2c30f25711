"""Assignment 02_learning_a_line: known-wrong and alternative correct versions of its graded functions."""

WRONG = {
    "squared_loss": {
        "sum_for_mean": ("sums the squared errors instead of averaging them", {"np.mean": "np.sum"}),
        "absolute_loss": ("the mean absolute error instead of the squared one", {"((y_pred - y) ** 2)": "(np.abs(y_pred - y))"}),
        "root_mean_squared": ("takes the square root: the RMSE, not the MSE", {"(np.mean((y_pred - y) ** 2))": "(np.sqrt(np.mean((y_pred - y) ** 2)))"}),
        "half_mean_squared": ("adds the factor 1/2 that some texts put in front", {"float(np.mean": "float(0.5 * np.mean"}),
        "divides_by_n_minus_1": ("divides by N - 1, as for a sample variance",
                                 {"np.mean((y_pred - y) ** 2)": "np.sum((y_pred - y) ** 2) / max(y.size - 1, 1)"}),
        "squares_the_difference_of_means": ("(mean(y_pred) - mean(y))^2: errors of opposite sign cancel", {
            "np.mean((y_pred - y) ** 2)": "(np.mean(y_pred) - np.mean(y)) ** 2"}),
        "returns_the_squared_errors": ("returns the array of squared errors, not their mean", {"float(np.mean((y_pred - y) ** 2))": "(y_pred - y) ** 2"}),
        "mean_over_last_axis_only": ("averages along the last axis only: an array for 2-D inputs", {
            "float(np.mean((y_pred - y) ** 2))": "np.mean((y_pred - y) ** 2, axis=-1)"}),
        "no_shape_check": ("lets NumPy broadcast a column against a row into an (N, N) table", {
            '    if y_pred.shape != y.shape:\n        raise ValueError(f"squared_loss: y_pred has shape {y_pred.shape} and y has shape {y.shape}; '
            'they must be equal")\n': ""}),
        "no_empty_check": ("empty arrays give nan with a RuntimeWarning instead of a ValueError", {
            '    if y.size == 0:\n        raise ValueError("squared_loss: the arrays are empty, and the mean of no errors is not defined")\n': ""}),
        "modifies_y_pred_in_place": ("subtracts y from the caller's y_pred in place", {
            "return float(np.mean((y_pred - y) ** 2))": "y_pred -= y\n    return float(np.mean(y_pred ** 2))"}),
        "lists_not_converted": ("uses y_pred.shape without np.asarray: a list has no shape", {
            "    y_pred = np.asarray(y_pred, dtype=float)\n    y = np.asarray(y, dtype=float)\n": ""}),
    },
    "loss_gradients": {
        "sum_for_mean": ("the gradient of the summed loss: N times too large",
                         {"np.mean(residual * x)": "np.sum(residual * x)", "np.mean(residual))": "np.sum(residual))"}),
        "missing_factor_two": ("forgets the 2 that comes down from the square",
                               {"2 * np.mean(residual * x)": "np.mean(residual * x)", "2 * np.mean(residual))": "np.mean(residual))"}),
        "wrong_sign": ("uses y - y_hat without the minus in front: the ascent direction", {"residual = w * x + b - y": "residual = y - (w * x + b)"}),
        "forgets_x_in_dw": ("dL/dw without the factor x_i: the same as dL/db", {"np.mean(residual * x)": "np.mean(residual)"}),
        "x_twice_in_dw": ("multiplies by x_i twice in dL/dw", {"residual * x)": "residual * x * x)"}),
        "missing_bias_in_residual": ("computes the residual as w x - y, forgetting b", {"residual = w * x + b - y": "residual = w * x - y"}),
        "swapped_outputs": ("returns (dL/db, dL/dw)", {
            "return float(2 * np.mean(residual * x)), float(2 * np.mean(residual))": "return float(2 * np.mean(residual)), float(2 * np.mean(residual * x))"}),
        "one_point_formula_on_arrays": ("the lab's gd_weight for gd_weight_mat: per-point derivatives, no mean", {
            "return float(2 * np.mean(residual * x)), float(2 * np.mean(residual))": "return 2 * residual * x, 2 * residual"}),
        "first_point_only": ("uses only the first point, as in the one-point derivation", {
            "    residual =": "    x, y = x.ravel()[:1], y.ravel()[:1]\n    residual ="}),
        "divides_by_n_minus_1": ("divides the sums by N - 1", {
            "return float(2 * np.mean(residual * x)), float(2 * np.mean(residual))":
            "n = max(x.size - 1, 1)\n    return float(2 * np.sum(residual * x) / n), float(2 * np.sum(residual) / n)"}),
        "no_shape_check": ("lets a column x broadcast against a row y", {
            (
                "    if x.shape != y.shape:\n"
                "        raise ValueError(f\"loss_gradients: x has shape {x.shape} and y has shape {y.shape}; they must be equal\")\n"
            ): ""}),
        "no_empty_check": ("empty arrays give nan with a RuntimeWarning instead of a ValueError", {
            '    if x.size == 0:\n        raise ValueError("loss_gradients: x and y are empty; the mean loss needs at least one point")\n': ""}),
        "divides_by_len": ("sums, then divides by len(x): the number of rows, not of entries, for a 2-D x", {
            "return float(2 * np.mean(residual * x)), float(2 * np.mean(residual))":
            "return float(2 * np.sum(residual * x) / len(x)), float(2 * np.sum(residual) / len(x))"}),
        "lists_not_converted": ("uses x.shape without np.asarray: a list has no shape", {
            "    x = np.asarray(x, dtype=float)\n    y = np.asarray(y, dtype=float)\n": ""}),
    },
    "gd_step": {
        "returns_strings": ("the lab's mistake: returns formatted text instead of numbers", {
            "float(w - lr * dw), float(b - lr * db)": 'f"{w - lr * dw:.2f}", f"{b - lr * db:.2f}"'}),
        "returns_messages": ("returns messages such as 'new weight: 0.56', as the lab's gd_weight did", {
            "float(w - lr * dw), float(b - lr * db)": '"new weight: " + str(w - lr * dw), "new bias: " + str(b - lr * db)'}),
        "prints_instead_of_returning": ("prints the new values and returns nothing", {
            "return float(w - lr * dw), float(b - lr * db)": 'print("new w:", w - lr * dw, "new b:", b - lr * db)'}),
        "plus_for_minus": ("steps along the gradient: uphill", {"float(w - lr * dw), float(b - lr * db)": "float(w + lr * dw), float(b + lr * db)"}),
        "swapped_gradients": ("moves w by db and b by dw", {"float(w - lr * dw), float(b - lr * db)": "float(w - lr * db), float(b - lr * dw)"}),
        "lr_only_on_w": ("forgets the learning rate in the bias update", {"float(b - lr * db)": "float(b - db)"}),
        "rounds_results": ("rounds the new values to 2 decimals, as the lab's printout did", {
            "float(w - lr * dw), float(b - lr * db)": "round(w - lr * dw, 2), round(b - lr * db, 2)"}),
        "no_lr_check": ("accepts a zero or negative learning rate", {
            '    if not lr > 0:\n        raise ValueError(f"gd_step: the learning rate must be positive, got lr={lr}")\n': ""}),
        "accepts_zero_lr": ("refuses negative learning rates but lets lr = 0 through", {"if not lr > 0:": "if lr < 0:"}),
    },
    "fit_line": {
        "sequential_update": ("updates w, then computes the gradient of b at the new w", {
            "        w, b = gd_step(w, b, dw, db, lr)\n":
            "        w, _ = gd_step(w, b, dw, db, lr)\n        _, db = loss_gradients(xs, ys, w, b)\n        _, b = gd_step(w, b, dw, db, lr)\n"}),
        "losses_after_each_step_only": ("records the loss after each step but not the starting loss: steps entries", {
            "losses = [squared_loss(w * xs + b, ys)]": "losses = []"}),
        "losses_as_array": ("returns the loss history as a NumPy array, not the list the docstring asks for", {
            "    return w, b, losses": "    return w, b, np.array(losses)"}),
        "losses_as_strings": ("records the losses as formatted text, as the lab printed them", {
            "        losses.append(squared_loss(w * xs + b, ys))\n": '        losses.append(f"{squared_loss(w * xs + b, ys):.4f}")\n'}),
        "one_element_arrays": ("returns w and b as arrays of one entry (theta[:1]) instead of floats", {
            "    return w, b, losses": "    return np.array([w]), np.array([b]), losses"}),
        "checks_only_xs_ndim": ("checks that xs is 1-D and len(ys) == len(xs), never that ys is 1-D", """
def fit_line(xs, ys, lr, steps):
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if xs.ndim != 1 or len(ys) != len(xs) or len(xs) == 0:
        raise ValueError("fit_line: xs must be 1-D and as long as ys")
    if lr <= 0 or steps < 0:
        raise ValueError("fit_line: need lr > 0 and steps >= 0")
    n = len(xs)
    w, b = 0.0, 0.0
    losses = [float(np.sum((w * xs + b - ys) ** 2) / n)]
    for _ in range(steps):
        r = w * xs + b - ys
        w, b = w - lr * float(2 * np.sum(r * xs) / n), b - lr * float(2 * np.sum(r) / n)
        losses.append(float(np.sum((w * xs + b - ys) ** 2) / n))
    return w, b, losses
"""),
        "losses_before_each_step_only": ("records the loss before each step, missing the final one: steps entries", {
            "losses = [squared_loss(w * xs + b, ys)]": "losses = []",
            "        dw, db =": "        losses.append(squared_loss(w * xs + b, ys))\n        dw, db =",
            "        losses.append(squared_loss(w * xs + b, ys))\n    return": "    return"}),
        "sum_gradient": ("steps with the gradient of the summed loss: N times too far", {"dw, db, lr)": "dw * len(xs), db * len(xs), lr)"}),
        "missing_factor_two": ("steps with half the gradient: converges, but not along the right path", {"dw, db, lr)": "dw / 2, db / 2, lr)"}),
        "one_step_too_few": ("off-by-one: range(steps - 1)", {"range(steps)": "range(steps - 1)"}),
        "starts_at_one": ("starts from w = b = 1 instead of 0", {"w, b = 0.0, 0.0": "w, b = 1.0, 1.0"}),
        "stops_when_loss_rises": ("breaks out of the loop when the loss goes up, hiding a divergence", {
            "        losses.append(squared_loss(w * xs + b, ys))\n":
            "        losses.append(squared_loss(w * xs + b, ys))\n        if losses[-1] > losses[-2]:\n            break\n"}),
        "closed_form_answer": ("returns np.polyfit's line after the loop instead of the descended one", {
            "    return w, b, losses": "    if xs.size > 1:\n        w, b = np.polyfit(xs, ys, 1)\n    return float(w), float(b), losses"}),
        "no_argument_checks": ("no ValueError of its own: 2-D data, lr <= 0 and steps < 0 slip through", {
            "    if xs.ndim != 1 or ys.shape != xs.shape or xs.size == 0:\n"
            '        raise ValueError(f"fit_line: xs and ys must be 1-D arrays of the same length N >= 1, got shapes {xs.shape} and {ys.shape}")\n'
            "    if not lr > 0:\n"
            '        raise ValueError(f"fit_line: the learning rate must be positive, got lr={lr}")\n'
            "    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 0:\n"
            '        raise ValueError(f"fit_line: steps must be an int >= 0, got {steps!r}")\n': ""}),
        "no_steps_check": ("steps = -1 runs no step and returns instead of raising", {
            "    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 0:\n"
            '        raise ValueError(f"fit_line: steps must be an int >= 0, got {steps!r}")\n': ""}),
    },
}

CORRECT = {
    "squared_loss": {
        "python_loop": ("a loop over the flattened entries", """
def squared_loss(y_pred, y):
    y_pred = np.array(y_pred, dtype=np.float64)
    y = np.array(y, dtype=np.float64)
    if y_pred.shape != y.shape:
        raise ValueError(f"squared_loss: shapes {y_pred.shape} and {y.shape} differ")
    if y.size == 0:
        raise ValueError("squared_loss: no entries")
    total = 0.0
    for p, t in zip(y_pred.ravel(), y.ravel()):
        total += (p - t) * (p - t)
    return total / y.size
"""),
        "dot_product": ("the flattened difference dotted with itself, divided by its length", """
def squared_loss(y_pred, y):
    d = np.subtract(np.asarray(y_pred, dtype=float), np.asarray(y, dtype=float)) if np.shape(y_pred) == np.shape(y) else None
    if d is None:
        raise ValueError("squared_loss: y_pred and y must have the same shape")
    if d.size == 0:
        raise ValueError("squared_loss: empty input")
    d = d.ravel()
    return float(d @ d) / d.size
"""),
    },
    "loss_gradients": {
        "python_sums": ("sums over the points with a loop", """
def loss_gradients(x, y, w, b):
    x = np.array(x, dtype=float)
    y = np.array(y, dtype=float)
    if x.shape != y.shape or x.size == 0:
        raise ValueError(f"loss_gradients: x {x.shape} and y {y.shape} must have the same non-empty shape")
    dw = db = 0.0
    for xi, yi in zip(x.ravel(), y.ravel()):
        error = yi - (w * xi + b)
        dw += -2 * error * xi
        db += -2 * error
    return dw / x.size, db / x.size
"""),
        "expanded_moments": ("expands the sums into means of x, x^2, y and xy", """
def loss_gradients(x, y, w, b):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape:
        raise ValueError("loss_gradients: x and y must have the same shape")
    if not x.size:
        raise ValueError("loss_gradients: empty data")
    mx, my, mxx, mxy = x.mean(), y.mean(), (x * x).mean(), (x * y).mean()
    return float(2 * (w * mxx + b * mx - mxy)), float(2 * (w * mx + b - my))
"""),
    },
    "gd_step": {
        "separate_lines_numpy_floats": ("checks lr <= 0 explicitly, returns NumPy floats", """
def gd_step(w, b, dw, db, lr):
    if lr <= 0:
        raise ValueError(f"gd_step: lr={lr} is not positive")
    new_w = np.float64(w) - lr * np.float64(dw)
    new_b = np.float64(b) - lr * np.float64(db)
    return new_w, new_b
"""),
        "vector_update": ("updates the vector (w, b) at once and unpacks it", """
def gd_step(w, b, dw, db, lr):
    if not lr > 0:
        raise ValueError("gd_step: the learning rate must be > 0")
    theta = np.array([w, b], dtype=float) - lr * np.array([dw, db], dtype=float)
    return float(theta[0]), float(theta[1])
"""),
        "prints_and_returns": ("prints the new values as well as returning them", """
def gd_step(w, b, dw, db, lr):
    if lr <= 0:
        raise ValueError("gd_step: lr must be > 0")
    new_w, new_b = w - lr * dw, b - lr * db
    print(f"w={new_w}, b={new_b}")
    return float(new_w), float(new_b)
"""),
    },
    "fit_line": {
        "self_contained_loop": ("Python sums over the points, no call to the other functions", """
def fit_line(xs, ys, lr, steps):
    xs = np.array(xs, dtype=float)
    ys = np.array(ys, dtype=float)
    if xs.ndim != 1 or ys.ndim != 1 or len(xs) != len(ys) or len(xs) == 0:
        raise ValueError("fit_line: xs and ys must be 1-D, non-empty and of the same length")
    if lr <= 0:
        raise ValueError("fit_line: lr must be > 0")
    if steps < 0:
        raise ValueError("fit_line: steps must be >= 0")
    n = len(xs)
    w, b = 0.0, 0.0
    def loss(w, b):
        return sum((w * xi + b - yi) ** 2 for xi, yi in zip(xs, ys)) / n
    losses = [loss(w, b)]
    for step in range(steps):
        gw = sum(2 * (w * xi + b - yi) * xi for xi, yi in zip(xs, ys)) / n
        gb = sum(2 * (w * xi + b - yi) for xi, yi in zip(xs, ys)) / n
        w, b = w - lr * gw, b - lr * gb
        losses.append(loss(w, b))
    return w, b, losses
"""),
        "matrix_form": ("theta = (w, b) and the design matrix [x, 1]: gradient 2 U^T (U theta - y) / N", """
def fit_line(xs, ys, lr, steps):
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if xs.ndim != 1 or ys.shape != xs.shape or xs.size == 0:
        raise ValueError("fit_line: bad data shapes")
    if not (lr > 0 and steps >= 0):
        raise ValueError("fit_line: need lr > 0 and steps >= 0")
    U = np.column_stack([xs, np.ones_like(xs)])
    theta = np.zeros(2)
    losses = []
    for k in range(steps + 1):
        r = U @ theta - ys
        losses.append(float(r @ r / len(ys)))
        if k < steps:
            theta = theta - lr * 2 * U.T @ r / len(ys)
    return float(theta[0]), float(theta[1]), losses
"""),
    },
}

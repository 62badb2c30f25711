"""Assignment 02_learning_a_line: known-wrong and alternative correct versions of its graded functions."""

WRONG = {
    "squared_loss": {
        "sum_for_mean": ("sums the squared errors instead of averaging them", """
def squared_loss(y_pred, y):
    y_pred, y = np.asarray(y_pred, dtype=float), np.asarray(y, dtype=float)
    if y_pred.shape != y.shape or y.size == 0:
        raise ValueError("bad shapes")
    return float(np.sum((y_pred - y) ** 2))
"""),
        "absolute_loss": ("the mean absolute error instead of the squared one", """
def squared_loss(y_pred, y):
    y_pred, y = np.asarray(y_pred, dtype=float), np.asarray(y, dtype=float)
    if y_pred.shape != y.shape or y.size == 0:
        raise ValueError("bad shapes")
    return float(np.mean(np.abs(y_pred - y)))
"""),
        "root_mean_squared": ("takes the square root: the RMSE, not the MSE", """
def squared_loss(y_pred, y):
    y_pred, y = np.asarray(y_pred, dtype=float), np.asarray(y, dtype=float)
    if y_pred.shape != y.shape or y.size == 0:
        raise ValueError("bad shapes")
    return float(np.sqrt(np.mean((y_pred - y) ** 2)))
"""),
        "half_mean_squared": ("adds the factor 1/2 that some texts put in front", """
def squared_loss(y_pred, y):
    y_pred, y = np.asarray(y_pred, dtype=float), np.asarray(y, dtype=float)
    if y_pred.shape != y.shape or y.size == 0:
        raise ValueError("bad shapes")
    return float(0.5 * np.mean((y_pred - y) ** 2))
"""),
        "divides_by_n_minus_1": ("divides by N - 1, as for a sample variance", """
def squared_loss(y_pred, y):
    y_pred, y = np.asarray(y_pred, dtype=float), np.asarray(y, dtype=float)
    if y_pred.shape != y.shape or y.size == 0:
        raise ValueError("bad shapes")
    return float(np.sum((y_pred - y) ** 2) / max(y.size - 1, 1))
"""),
        "squares_the_difference_of_means": ("(mean(y_pred) - mean(y))^2: errors of opposite sign cancel", """
def squared_loss(y_pred, y):
    y_pred, y = np.asarray(y_pred, dtype=float), np.asarray(y, dtype=float)
    if y_pred.shape != y.shape or y.size == 0:
        raise ValueError("bad shapes")
    return float((np.mean(y_pred) - np.mean(y)) ** 2)
"""),
        "returns_the_squared_errors": ("returns the array of squared errors, not their mean", """
def squared_loss(y_pred, y):
    y_pred, y = np.asarray(y_pred, dtype=float), np.asarray(y, dtype=float)
    if y_pred.shape != y.shape or y.size == 0:
        raise ValueError("bad shapes")
    return (y_pred - y) ** 2
"""),
        "mean_over_last_axis_only": ("averages along the last axis only: an array for 2-D inputs", """
def squared_loss(y_pred, y):
    y_pred, y = np.asarray(y_pred, dtype=float), np.asarray(y, dtype=float)
    if y_pred.shape != y.shape or y.size == 0:
        raise ValueError("bad shapes")
    return np.mean((y_pred - y) ** 2, axis=-1)
"""),
        "no_shape_check": ("lets NumPy broadcast a column against a row into an (N, N) table", """
def squared_loss(y_pred, y):
    y_pred, y = np.asarray(y_pred, dtype=float), np.asarray(y, dtype=float)
    if y.size == 0:
        raise ValueError("empty")
    return float(np.mean((y_pred - y) ** 2))
"""),
        "no_empty_check": ("empty arrays give nan with a RuntimeWarning instead of a ValueError", """
def squared_loss(y_pred, y):
    y_pred, y = np.asarray(y_pred, dtype=float), np.asarray(y, dtype=float)
    if y_pred.shape != y.shape:
        raise ValueError("bad shapes")
    return float(np.mean((y_pred - y) ** 2))
"""),
        "modifies_y_pred_in_place": ("subtracts y from the caller's y_pred in place", """
def squared_loss(y_pred, y):
    y_pred, y = np.asarray(y_pred), np.asarray(y, dtype=float)
    if y_pred.shape != y.shape or y.size == 0:
        raise ValueError("bad shapes")
    if y_pred.dtype.kind == "f":
        y_pred -= y
    else:
        y_pred = y_pred - y
    return float(np.mean(y_pred ** 2))
"""),
    },
    "loss_gradients": {
        "sum_for_mean": ("the gradient of the summed loss: N times too large", """
def loss_gradients(x, y, w, b):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape or x.size == 0:
        raise ValueError("bad shapes")
    r = w * x + b - y
    return float(2 * np.sum(r * x)), float(2 * np.sum(r))
"""),
        "missing_factor_two": ("forgets the 2 that comes down from the square", """
def loss_gradients(x, y, w, b):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape or x.size == 0:
        raise ValueError("bad shapes")
    r = w * x + b - y
    return float(np.mean(r * x)), float(np.mean(r))
"""),
        "wrong_sign": ("uses y - y_hat without the minus in front: the ascent direction", """
def loss_gradients(x, y, w, b):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape or x.size == 0:
        raise ValueError("bad shapes")
    r = y - (w * x + b)
    return float(2 * np.mean(r * x)), float(2 * np.mean(r))
"""),
        "forgets_x_in_dw": ("dL/dw without the factor x_i: the same as dL/db", """
def loss_gradients(x, y, w, b):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape or x.size == 0:
        raise ValueError("bad shapes")
    r = w * x + b - y
    return float(2 * np.mean(r)), float(2 * np.mean(r))
"""),
        "x_twice_in_dw": ("multiplies by x_i twice in dL/dw", """
def loss_gradients(x, y, w, b):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape or x.size == 0:
        raise ValueError("bad shapes")
    r = w * x + b - y
    return float(2 * np.mean(r * x * x)), float(2 * np.mean(r))
"""),
        "missing_bias_in_residual": ("computes the residual as w x - y, forgetting b", """
def loss_gradients(x, y, w, b):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape or x.size == 0:
        raise ValueError("bad shapes")
    r = w * x - y
    return float(2 * np.mean(r * x)), float(2 * np.mean(r))
"""),
        "swapped_outputs": ("returns (dL/db, dL/dw)", """
def loss_gradients(x, y, w, b):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape or x.size == 0:
        raise ValueError("bad shapes")
    r = w * x + b - y
    return float(2 * np.mean(r)), float(2 * np.mean(r * x))
"""),
        "one_point_formula_on_arrays": ("the lab's gd_weight for gd_weight_mat: per-point derivatives, no mean", """
def loss_gradients(x, y, w, b):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape or x.size == 0:
        raise ValueError("bad shapes")
    r = w * x + b - y
    return 2 * r * x, 2 * r
"""),
        "first_point_only": ("uses only the first point, as in the one-point derivation", """
def loss_gradients(x, y, w, b):
    x, y = np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
    if x.shape != y.shape or x.size == 0:
        raise ValueError("bad shapes")
    r = w * x[0] + b - y[0]
    return float(2 * r * x[0]), float(2 * r)
"""),
        "divides_by_n_minus_1": ("divides the sums by N - 1", """
def loss_gradients(x, y, w, b):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape or x.size == 0:
        raise ValueError("bad shapes")
    r = w * x + b - y
    n = max(x.size - 1, 1)
    return float(2 * np.sum(r * x) / n), float(2 * np.sum(r) / n)
"""),
        "no_shape_check": ("lets a column x broadcast against a row y", """
def loss_gradients(x, y, w, b):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.size == 0:
        raise ValueError("empty")
    r = w * x + b - y
    return float(2 * np.mean(r * x)), float(2 * np.mean(r))
"""),
        "no_empty_check": ("empty arrays give nan with a RuntimeWarning instead of a ValueError", """
def loss_gradients(x, y, w, b):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape:
        raise ValueError("bad shapes")
    r = w * x + b - y
    return float(2 * np.mean(r * x)), float(2 * np.mean(r))
"""),
    },
    "gd_step": {
        "returns_strings": ("the lab's mistake: returns formatted text instead of numbers", """
def gd_step(w, b, dw, db, lr):
    if lr <= 0:
        raise ValueError("lr must be positive")
    return f"{w - lr * dw:.2f}", f"{b - lr * db:.2f}"
"""),
        "returns_messages": ("returns messages such as 'new weight: 0.56', as the lab's gd_weight did", """
def gd_step(w, b, dw, db, lr):
    if lr <= 0:
        raise ValueError("lr must be positive")
    return "new weight: " + str(w - lr * dw), "new bias: " + str(b - lr * db)
"""),
        "prints_instead_of_returning": ("prints the new values and returns nothing", """
def gd_step(w, b, dw, db, lr):
    if lr <= 0:
        raise ValueError("lr must be positive")
    print("new w:", w - lr * dw, "new b:", b - lr * db)
"""),
        "plus_for_minus": ("steps along the gradient: uphill", """
def gd_step(w, b, dw, db, lr):
    if lr <= 0:
        raise ValueError("lr must be positive")
    return float(w + lr * dw), float(b + lr * db)
"""),
        "swapped_gradients": ("moves w by db and b by dw", """
def gd_step(w, b, dw, db, lr):
    if lr <= 0:
        raise ValueError("lr must be positive")
    return float(w - lr * db), float(b - lr * dw)
"""),
        "lr_only_on_w": ("forgets the learning rate in the bias update", """
def gd_step(w, b, dw, db, lr):
    if lr <= 0:
        raise ValueError("lr must be positive")
    return float(w - lr * dw), float(b - db)
"""),
        "rounds_results": ("rounds the new values to 2 decimals, as the lab's printout did", """
def gd_step(w, b, dw, db, lr):
    if lr <= 0:
        raise ValueError("lr must be positive")
    return round(w - lr * dw, 2), round(b - lr * db, 2)
"""),
        "no_lr_check": ("accepts a zero or negative learning rate", """
def gd_step(w, b, dw, db, lr):
    return float(w - lr * dw), float(b - lr * db)
"""),
        "accepts_zero_lr": ("refuses negative learning rates but lets lr = 0 through", """
def gd_step(w, b, dw, db, lr):
    if lr < 0:
        raise ValueError("lr must not be negative")
    return float(w - lr * dw), float(b - lr * db)
"""),
    },
    "fit_line": {
        "sequential_update": ("updates w, then computes the gradient of b at the new w", """
def fit_line(xs, ys, lr, steps):
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if xs.ndim != 1 or xs.shape != ys.shape or xs.size == 0 or lr <= 0 or steps < 0:
        raise ValueError("bad arguments")
    w = b = 0.0
    losses = [float(np.mean((w * xs + b - ys) ** 2))]
    for _ in range(steps):
        w = w - lr * 2 * np.mean((w * xs + b - ys) * xs)
        b = b - lr * 2 * np.mean(w * xs + b - ys)
        losses.append(float(np.mean((w * xs + b - ys) ** 2)))
    return float(w), float(b), losses
"""),
        "losses_after_each_step_only": ("records the loss after each step but not the starting loss: steps entries", """
def fit_line(xs, ys, lr, steps):
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if xs.ndim != 1 or xs.shape != ys.shape or xs.size == 0 or lr <= 0 or steps < 0:
        raise ValueError("bad arguments")
    w = b = 0.0
    losses = []
    for _ in range(steps):
        r = w * xs + b - ys
        w, b = w - lr * 2 * np.mean(r * xs), b - lr * 2 * np.mean(r)
        losses.append(float(np.mean((w * xs + b - ys) ** 2)))
    return float(w), float(b), losses
"""),
        "losses_before_each_step_only": ("records the loss before each step, missing the final one: steps entries", """
def fit_line(xs, ys, lr, steps):
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if xs.ndim != 1 or xs.shape != ys.shape or xs.size == 0 or lr <= 0 or steps < 0:
        raise ValueError("bad arguments")
    w = b = 0.0
    losses = []
    for _ in range(steps):
        r = w * xs + b - ys
        losses.append(float(np.mean(r ** 2)))
        w, b = w - lr * 2 * np.mean(r * xs), b - lr * 2 * np.mean(r)
    return float(w), float(b), losses
"""),
        "sum_gradient": ("steps with the gradient of the summed loss: N times too far", """
def fit_line(xs, ys, lr, steps):
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if xs.ndim != 1 or xs.shape != ys.shape or xs.size == 0 or lr <= 0 or steps < 0:
        raise ValueError("bad arguments")
    w = b = 0.0
    losses = [float(np.mean((w * xs + b - ys) ** 2))]
    for _ in range(steps):
        r = w * xs + b - ys
        w, b = w - lr * 2 * np.sum(r * xs), b - lr * 2 * np.sum(r)
        losses.append(float(np.mean((w * xs + b - ys) ** 2)))
    return float(w), float(b), losses
"""),
        "missing_factor_two": ("steps with half the gradient: converges, but not along the right path", """
def fit_line(xs, ys, lr, steps):
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if xs.ndim != 1 or xs.shape != ys.shape or xs.size == 0 or lr <= 0 or steps < 0:
        raise ValueError("bad arguments")
    w = b = 0.0
    losses = [float(np.mean((w * xs + b - ys) ** 2))]
    for _ in range(steps):
        r = w * xs + b - ys
        w, b = w - lr * np.mean(r * xs), b - lr * np.mean(r)
        losses.append(float(np.mean((w * xs + b - ys) ** 2)))
    return float(w), float(b), losses
"""),
        "one_step_too_few": ("off-by-one: range(steps - 1)", """
def fit_line(xs, ys, lr, steps):
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if xs.ndim != 1 or xs.shape != ys.shape or xs.size == 0 or lr <= 0 or steps < 0:
        raise ValueError("bad arguments")
    w = b = 0.0
    losses = [float(np.mean((w * xs + b - ys) ** 2))]
    for _ in range(steps - 1):
        r = w * xs + b - ys
        w, b = w - lr * 2 * np.mean(r * xs), b - lr * 2 * np.mean(r)
        losses.append(float(np.mean((w * xs + b - ys) ** 2)))
    return float(w), float(b), losses
"""),
        "starts_at_one": ("starts from w = b = 1 instead of 0", """
def fit_line(xs, ys, lr, steps):
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if xs.ndim != 1 or xs.shape != ys.shape or xs.size == 0 or lr <= 0 or steps < 0:
        raise ValueError("bad arguments")
    w = b = 1.0
    losses = [float(np.mean((w * xs + b - ys) ** 2))]
    for _ in range(steps):
        r = w * xs + b - ys
        w, b = w - lr * 2 * np.mean(r * xs), b - lr * 2 * np.mean(r)
        losses.append(float(np.mean((w * xs + b - ys) ** 2)))
    return float(w), float(b), losses
"""),
        "stops_when_loss_rises": ("breaks out of the loop when the loss goes up, hiding a divergence", """
def fit_line(xs, ys, lr, steps):
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if xs.ndim != 1 or xs.shape != ys.shape or xs.size == 0 or lr <= 0 or steps < 0:
        raise ValueError("bad arguments")
    w = b = 0.0
    losses = [float(np.mean((w * xs + b - ys) ** 2))]
    for _ in range(steps):
        r = w * xs + b - ys
        w, b = w - lr * 2 * np.mean(r * xs), b - lr * 2 * np.mean(r)
        losses.append(float(np.mean((w * xs + b - ys) ** 2)))
        if losses[-1] > losses[-2]:
            break
    return float(w), float(b), losses
"""),
        "closed_form_answer": ("returns np.polyfit's line after the loop instead of the descended one", """
def fit_line(xs, ys, lr, steps):
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if xs.ndim != 1 or xs.shape != ys.shape or xs.size == 0 or lr <= 0 or steps < 0:
        raise ValueError("bad arguments")
    w = b = 0.0
    losses = [float(np.mean((w * xs + b - ys) ** 2))]
    for _ in range(steps):
        r = w * xs + b - ys
        w, b = w - lr * 2 * np.mean(r * xs), b - lr * 2 * np.mean(r)
        losses.append(float(np.mean((w * xs + b - ys) ** 2)))
    if xs.size > 1:
        w, b = np.polyfit(xs, ys, 1)
    return float(w), float(b), losses
"""),
        "no_argument_checks": ("no ValueError of its own: 2-D data, lr <= 0 and steps < 0 slip through", """
def fit_line(xs, ys, lr, steps):
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    w = b = 0.0
    losses = [float(np.mean((w * xs + b - ys) ** 2))]
    for _ in range(steps):
        r = w * xs + b - ys
        w, b = w - lr * 2 * np.mean(r * xs), b - lr * 2 * np.mean(r)
        losses.append(float(np.mean((w * xs + b - ys) ** 2)))
    return float(w), float(b), losses
"""),
        "no_steps_check": ("steps = -1 runs no step and returns instead of raising", """
def fit_line(xs, ys, lr, steps):
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if xs.ndim != 1 or xs.shape != ys.shape or xs.size == 0 or lr <= 0:
        raise ValueError("bad arguments")
    w = b = 0.0
    losses = [float(np.mean((w * xs + b - ys) ** 2))]
    for _ in range(steps):
        r = w * xs + b - ys
        w, b = w - lr * 2 * np.mean(r * xs), b - lr * 2 * np.mean(r)
        losses.append(float(np.mean((w * xs + b - ys) ** 2)))
    return float(w), float(b), losses
"""),
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

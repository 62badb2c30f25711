"""Assignment 07_convolution: known-wrong and alternative correct versions of its graded functions.

The lab's own mistakes (a 2x2 filter stepped 5 times over a 5x5 image, filter 0 reused for every map, values
reshaped in the wrong order, a pooling with a hard-coded divisor of 2 reshaped to (C, F, F)) are here, with
the usual ones: padding on one side only, a flipped kernel, a missing or misplaced bias, an output size
without the +1 or with ceil for floor, the stride ignored, the wrong reshape order after the matrix product.
Some end in a raw NumPy or Python error (/ for //, b=None or stride=None left unhandled, np.pad on every axis,
pooling by reshape) and are here for the hint the tests give. conv2d_fast's Python loops over output positions
(per position, per row, np.apply_along_axis) fail the count of Python steps, not only a speed ratio; a float or
tuple stride, an empty kernel or no filters must raise ValueError; the results are float64 whatever the input.
The backward passes have the issue's mistakes (the kernel not flipped for dx, the stride ignored in the scatter,
= for += where windows overlap, the gradient sent to every element of a pooling window, the padding not cropped
from dx, db summed over the wrong axes) and their neighbours: ties sent to every maximum, shared or to the last.
"""

_CONV2D_LOOPS = """    for n in range(N):  # one output value per step, as in the chapter
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    window = padded[n, :, i * stride:i * stride + KH, j * stride:j * stride + KW]
                    out[n, k, i, j] = np.sum(window * w[k]) + bias[k]
"""

_FAST_WINDOWS = """
def conv2d_fast(x, w, b=None, stride=1, padding=0):
    from numpy.lib.stride_tricks import sliding_window_view
    x, w = np.asarray(x, dtype=np.float64), np.asarray(w, dtype=np.float64)
    if x.ndim not in (3, 4) or w.ndim != 4 or 0 in w.shape or x.shape[-3] != w.shape[1]:
        raise ValueError(f"conv2d_fast: bad shapes x {x.shape}, w {w.shape}")
    if b is not None and np.shape(b) != (w.shape[0],):
        raise ValueError("conv2d_fast: b must be (K,)")
    if not isinstance(stride, int) or not isinstance(padding, int) or stride < 1 or padding < 0:
        raise ValueError(f"conv2d_fast: bad stride {stride!r} or padding {padding!r}")
    batch = x if x.ndim == 4 else x[None]
    if w.shape[2] > batch.shape[2] + 2 * padding or w.shape[3] > batch.shape[3] + 2 * padding:
        raise ValueError("conv2d_fast: the kernel does not fit")
    padded = np.pad(batch, [(0, 0), (0, 0), (padding, padding), (padding, padding)])
    windows = sliding_window_view(padded, w.shape[2:], axis=(2, 3))[:, :, ::stride, ::stride]
    out = np.tensordot(windows, w, axes=([1, 4, 5], [1, 2, 3])).transpose(0, 3, 1, 2)
    if b is not None:
        out = out + np.asarray(b, dtype=np.float64)[:, None, None]
    return out if x.ndim == 4 else out[0]
"""

WRONG = {
    "conv_output_size": {
        "no_plus_one": ("off by one: (size - kernel + 2 * padding) // stride, without + 1", {"// stride + 1)": "// stride)"}),
        "ceil_for_floor": ("rounds up: counts a last window that does not fit", {
            "int((size - kernel + 2 * padding) // stride": "int(-(-(size - kernel + 2 * padding) // stride)"}),
        "padding_one_side": ("adds the padding once instead of on both sides", {
            "size + 2 * padding:": "size + padding:", "kernel + 2 * padding) //": "kernel + padding) //"}),
        "stride_ignored": ("forgets to divide by the stride", {") // stride + 1": ") + 1"}),
        "lab_output_as_big_as_input": ("the lab's conv_2x2 assumption: as many positions as pixels", {
            "int((size - kernel + 2 * padding) // stride + 1)": "size // stride"}),
        "true_division": ("uses / instead of //: returns 3.5 where 3 positions fit", {
            "int((size - kernel + 2 * padding) // stride + 1)": "(size - kernel + 2 * padding) / stride + 1"}),
        "no_fit_check": ("never checks that the kernel fits: returns 0 or less", {'''\
    if kernel < 1 or kernel > size + 2 * padding:
        raise ValueError(f"conv_output_size: a kernel of {kernel} does not fit in {size} pixels padded by {padding}")
''': ""}),
        "no_stride_check": ("no check of the stride: stride 0 raises ZeroDivisionError, not ValueError", {'''\
    if stride < 1:
        raise ValueError(f"conv_output_size: stride must be at least 1, got {stride}")
''': ""}),
        "no_int_check": ("no int check: stride 1.5 gives a count, a tuple a TypeError", {'''\
    if not isinstance(stride, (int, np.integer)) or not isinstance(padding, (int, np.integer)):
        raise ValueError(f"conv_output_size: stride and padding must be ints, got stride={stride!r}, padding={padding!r}")
''': ""}),
    },
    "conv2d": {
        "lab_stride_overrun": ("the lab's conv_2x2: H x W positions, numpy truncates the windows at the border", {
            "out = np.empty((N, K, Ho, Wo))": "out = np.empty((N, K, H, W))", "range(Ho)": "range(H)", "range(Wo)": "range(W)"}),
        "lab_filter_zero_reused": ("the lab's K-filter version: filter 0 for every output map", {"window * w[k]": "window * w[0]"}),
        "lab_interleaved_reshape": ("the lab's K-filter version: values collected in (n, i, j, k) order, reshaped as (n, k, i, j)", {
            "np.empty((N, K, Ho, Wo))": "np.empty((N, Ho, Wo, K))", "out[n, k, i, j] =": "out[n, i, j, k] =",
            "    return out[0]": "    out = out.reshape(N, K, Ho, Wo)\n    return out[0]"}),
        "no_plus_one": ("off by one: range(H - KH) positions, the last row and column of outputs are missing", {
            "KH + 2 * padding) // stride + 1": "KH + 2 * padding) // stride", "KW + 2 * padding) // stride + 1": "KW + 2 * padding) // stride"}),
        "ceil_for_floor": ("output size rounded up, and the windows at the border truncated", {
            "Ho = (H - KH + 2 * padding) // stride + 1": "Ho = -(-(H - KH + 2 * padding) // stride) + 1",
            "Wo = (W - KW + 2 * padding) // stride + 1": "Wo = -(-(W - KW + 2 * padding) // stride) + 1",
            "(padding, padding), (padding, padding)": "(padding, padding + stride), (padding, padding + stride)"}),
        "padding_one_side": ("pads only the top and the left", {
            "KH > H + 2 * padding or KW > W + 2 * padding": "KH > H + padding or KW > W + padding",
            "KH + 2 * padding) //": "KH + padding) //", "KW + 2 * padding) //": "KW + padding) //",
            "(padding, padding), (padding, padding)": "(padding, 0), (padding, 0)"}),
        "flipped_kernel": ("true convolution: flips the kernel, PyTorch's conv2d does not", {
            "w = np.asarray(w, dtype=np.float64)": "w = np.asarray(w, dtype=np.float64)[:, :, ::-1, ::-1]"}),
        "bias_missing": ("ignores b", {" + bias[k]": ""}),
        "bias_added_per_channel": ("adds the bias inside the loop over input channels: C * b", {
            "np.sum(window * w[k]) + bias[k]": "sum(np.sum(window[c] * w[k, c]) + bias[k] for c in range(C))"}),
        "bias_only_at_first_position": ("adds b[k] once per map, at position (0, 0) only", {
            " + bias[k]": "", "    return out[0]": "    out[:, :, 0, 0] += bias\n    return out[0]"}),
        "stride_ignored_in_windows": ("right output size, but the window moves by 1, not by the stride", {
            "i * stride:i * stride + KH, j * stride:j * stride + KW": "i:i + KH, j:j + KW"}),
        "first_channel_only": ("forgets the sum over channels: uses channel 0 only", {"window * w[k]": "window[0] * w[k, 0]"}),
        "single_image_keeps_batch_axis": ("a (C, H, W) image gives (1, K, Ho, Wo) instead of (K, Ho, Wo)", {
            "return out[0] if single else out": "return out"}),
        "true_division": ("uses / for //: the output size is a float, np.empty refuses it", {
            "Ho = (H - KH + 2 * padding) // stride + 1": "Ho = (H - KH + 2 * padding) / stride + 1",
            "Wo = (W - KW + 2 * padding) // stride + 1": "Wo = (W - KW + 2 * padding) / stride + 1"}),
        "bias_none_unhandled": ("adds b[k] whatever b is: b=None fails", {" + bias[k]": " + b[k]"}),
        "pads_every_axis": ("np.pad(x, padding) pads the batch and channel axes too", {
            "np.pad(batch, ((0, 0), (0, 0), (padding, padding), (padding, padding)))": "np.pad(batch, padding)"}),
        "no_int_check": ("no int check: a float stride or padding ends in a TypeError of slicing or np.pad", {'''\
    if not isinstance(stride, (int, np.integer)) or not isinstance(padding, (int, np.integer)):
        raise ValueError(f"conv2d: stride and padding must be ints, got stride={stride!r}, padding={padding!r}")
''': ""}),
        "zero_size_w_accepted": ("accepts a w with an axis of length 0: a 0x0 kernel gives the bias everywhere, K = 0 an empty map", {'''\
    if 0 in w.shape:
        raise ValueError(f"conv2d: w needs at least one filter, one channel and a 1x1 kernel, got w {w.shape}")
''': ""}),
        "only_no_filters_refused": ("refuses K = 0 but accepts an empty kernel", {"if 0 in w.shape:": "if w.shape[0] == 0:"}),
    },
    "max_pool2d": {
        "lab_pool_2x2": ("the lab's pool_2x2: n reset to 2 (2x2 positions always), reshaped to (C, F, F)", {
            "Ho = (H - size) // stride + 1": "Ho = 2", "Wo = (W - size) // stride + 1": "Wo = 2",
            "    return out": "    return out.reshape(x.shape[:-2] + (size, size))"}),
        "lab_divisor_two": ("the lab's output size H // 2, whatever the size and the stride", {
            "Ho = (H - size) // stride + 1": "Ho = H // 2", "Wo = (W - size) // stride + 1": "Wo = W // 2"}),
        "stride_always_size": ("ignores the stride argument: stride = size always", {"if stride is None:\n        stride = size": "stride = size"}),
        "default_stride_one": ("stride None means 1 instead of size", {"    stride = size": "    stride = 1"}),
        "starts_from_zero": ("running maximum started at 0 instead of -inf: negative inputs give 0", {", -np.inf)": ", 0.0)"}),
        "ceil_mode": ("rounds the output size up, with a partial window at the border", {
            "Ho = (H - size) // stride + 1": "Ho = -(-(H - size) // stride) + 1",
            "Wo = (W - size) // stride + 1": "Wo = -(-(W - size) // stride) + 1",
            "    out = np.full(": "    x = np.pad(x, [(0, 0)] * (x.ndim - 2) + [(0, stride), (0, stride)], constant_values=-np.inf)\n"
                                "    out = np.full("}),
        "no_plus_one": ("off by one: (H - size) // stride positions", {
            "(H - size) // stride + 1": "(H - size) // stride", "(W - size) // stride + 1": "(W - size) // stride"}),
        "average_pooling": ("takes the mean of each window instead of the maximum", {
            "np.full(x.shape[:-2] + (Ho, Wo), -np.inf)": "np.zeros(x.shape[:-2] + (Ho, Wo))", "np.maximum(out, ": "out + (",
            "    return out": "    return out / size ** 2"}),
        "max_across_channels": ("takes the maximum over the channels too: one map for all", {
            "    return out": "    out[...] = out.max(axis=-3, keepdims=True)\n    return out"}),
        "no_window_check": ("no ValueError when the window is larger than the input: returns an empty array", {'''\
    if size > H or size > W:
        raise ValueError(f"max_pool2d: a {size}x{size} window does not fit in a {H}x{W} input")
''': "", "Ho = (H - size) // stride + 1": "Ho = max(0, (H - size) // stride + 1)",
            "Wo = (W - size) // stride + 1": "Wo = max(0, (W - size) // stride + 1)"}),
        "keeps_input_dtype": ("starts from the first offset's values: an int input gives ints, not float64", {
            "x = np.asarray(x, dtype=np.float64)": "x = np.asarray(x)",
            "out = np.full(x.shape[:-2] + (Ho, Wo), -np.inf)": "out = x[..., :stride * (Ho - 1) + 1:stride, :stride * (Wo - 1) + 1:stride]"}),
        "stride_none_unhandled": ("never replaces stride=None by size", {"    if stride is None:\n        stride = size\n": ""}),
        "pool_by_reshape": ("reshapes into size x size blocks: only when size divides H and W and stride = size", """
def max_pool2d(x, size=2, stride=None):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim not in (3, 4):
        raise ValueError("max_pool2d: x must be 3-D or 4-D")
    if size < 1 or size > min(x.shape[-2:]):
        raise ValueError("max_pool2d: bad size")
    H, W = x.shape[-2:]
    blocks = x.reshape(x.shape[:-2] + (H // size, size, W // size, size))
    return blocks.max(axis=(-3, -1))
"""),
        "no_int_check": ("no int check: a float size or stride ends in a TypeError of slicing", {'''\
    if not isinstance(size, (int, np.integer)) or not isinstance(stride, (int, np.integer)):
        raise ValueError(f"max_pool2d: size and stride must be ints, got size={size!r}, stride={stride!r}")
''': ""}),
    },
    "im2col": {
        "stride_ignored": ("slides the window by 1 whatever the stride", {
            "Ho = (H - kh + 2 * padding) // stride + 1": "Ho = H - kh + 2 * padding + 1",
            "Wo = (W - kw + 2 * padding) // stride + 1": "Wo = W - kw + 2 * padding + 1",
            "u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride": "u:u + Ho, v:v + Wo"}),
        "transposed_layout": ("one window per row: (N, Ho*Wo, C*kh*kw) instead of one per column", {
            "kh * kw, Ho * Wo)\n": "kh * kw, Ho * Wo).transpose(0, 2, 1)\n"}),
        "channel_last_rows": ("rows ordered (offset, channel) instead of (channel, offset)", {
            "np.empty((N, C, kh, kw, Ho, Wo))": "np.empty((N, kh, kw, C, Ho, Wo))", "cols[:, :, u, v] =": "cols[:, u, v] ="}),
        "column_major_positions": ("columns ordered j * Ho + i instead of i * Wo + j", {
            "np.empty((N, C, kh, kw, Ho, Wo))": "np.empty((N, C, kh, kw, Wo, Ho))", "+ 1:stride]\n": "+ 1:stride].transpose(0, 1, 3, 2)\n"}),
        "padding_one_side": ("pads only the top and the left", {
            "kh <= H + 2 * padding and 1 <= kw <= W + 2 * padding": "kh <= H + padding and 1 <= kw <= W + padding",
            "kh + 2 * padding) //": "kh + padding) //", "kw + 2 * padding) //": "kw + padding) //",
            "(padding, padding), (padding, padding)": "(padding, 0), (padding, 0)"}),
        "no_plus_one": ("off by one: the last row and column of windows are missing", {
            "Ho = (H - kh + 2 * padding) // stride + 1": "Ho = max(1, (H - kh + 2 * padding) // stride)",
            "Wo = (W - kw + 2 * padding) // stride + 1": "Wo = max(1, (W - kw + 2 * padding) // stride)"}),
        "kh_kw_swapped": ("takes the window as kw rows by kh columns", {
            "    x = np.asarray(x, dtype=np.float64)": "    kh, kw = kw, kh\n    x = np.asarray(x, dtype=np.float64)"}),
        "empty_window_accepted": ("accepts kh = 0 or kw = 0: returns no rows instead of raising", {
            "1 <= kh <= H + 2 * padding and 1 <= kw <= W + 2 * padding": "kh <= H + 2 * padding and kw <= W + 2 * padding"}),
        "keeps_input_dtype": ("columns in the input's dtype: an int image gives int columns, not float64", {
            "x = np.asarray(x, dtype=np.float64)": "x = np.asarray(x)",
            "cols = np.empty((N, C, kh, kw, Ho, Wo))": "cols = np.empty((N, C, kh, kw, Ho, Wo), dtype=x.dtype)"}),
        "no_int_check": ("no int check: a float stride or padding ends in a TypeError of slicing or np.pad", {'''\
    if not isinstance(stride, (int, np.integer)) or not isinstance(padding, (int, np.integer)):
        raise ValueError(f"im2col: stride and padding must be ints, got stride={stride!r}, padding={padding!r}")
''': ""}),
    },
    "conv2d_fast": {
        "wrong_reshape_order": ("the product gives (N, Ho*Wo, K), reshaped as (N, K, Ho, Wo): interleaved maps", {
            "w.reshape(K, -1) @ cols": "cols.transpose(0, 2, 1) @ w.reshape(K, -1).T", "bias[:, None]": "bias"}),
        "filter_zero_reused": ("the lab's mistake again: every map uses filter 0", {
            "w.reshape(K, -1) @": "np.repeat(w[:1], K, axis=0).reshape(K, -1) @"}),
        "filters_flattened_channel_last": ("flattens the filters as (KH, KW, C), not in im2col's (C, KH, KW) order", {
            "w.reshape(K, -1) @": "w.transpose(0, 2, 3, 1).reshape(K, -1) @"}),
        "flipped_kernel": ("true convolution: flips the kernel", {
            "w = np.asarray(w, dtype=np.float64)": "w = np.asarray(w, dtype=np.float64)[:, :, ::-1, ::-1]"}),
        "bias_missing": ("ignores b", {"out += bias[:, None]": ""}),
        "bias_on_the_wrong_axis": ("adds b along the positions axis (b[:Ho*Wo] broadcast) instead of per filter", {
            "out += bias[:, None]": "out = out + np.resize(bias, out.shape[-1])"}),
        "loop_over_every_output_value": ("correct values, but one Python step per output value: too slow", {"out = w.reshape(K, -1) @ cols": """\
out = np.empty((batch.shape[0], K, Ho * Wo))
    for n in range(batch.shape[0]):
        for k in range(K):
            for p in range(Ho * Wo):
                out[n, k, p] = np.dot(w[k].ravel(), cols[n, :, p])"""}),
        "single_image_keeps_batch_axis": ("a (C, H, W) image gives (1, K, Ho, Wo)", {"return out[0] if single else out": "return out"}),
        "loop_over_positions_one_product_each": ("a Python loop over output positions, one product for all filters per position", {
            "out = w.reshape(K, -1) @ cols": """\
out = np.empty((batch.shape[0], K, Ho * Wo))
    for p in range(Ho * Wo):
        out[:, :, p] = cols[:, :, p] @ w.reshape(K, -1).T"""}),
        "loop_over_output_rows": ("a Python loop over the rows of the output, one product per row", {
            "out = w.reshape(K, -1) @ cols": """\
out = np.empty((batch.shape[0], K, Ho * Wo))
    for i in range(Ho):
        out[:, :, i * Wo:(i + 1) * Wo] = w.reshape(K, -1) @ cols[:, :, i * Wo:(i + 1) * Wo]"""}),
        "apply_along_axis": ("np.apply_along_axis: a Python call per column, a loop over positions in disguise", {
            "out = w.reshape(K, -1) @ cols": "out = np.apply_along_axis(lambda column: w.reshape(K, -1) @ column, 1, cols)"}),
        "float32_stays_float32": ("sliding windows and tensordot without converting: a float32 input gives float32", """
def conv2d_fast(x, w, b=None, stride=1, padding=0):
    from numpy.lib.stride_tricks import sliding_window_view
    x, w = np.asarray(x), np.asarray(w)
    if x.ndim not in (3, 4) or w.ndim != 4 or x.shape[-3] != w.shape[1]:
        raise ValueError("conv2d_fast: bad shapes")
    if b is not None and np.shape(b) != (w.shape[0],):
        raise ValueError("conv2d_fast: b must be (K,)")
    batch = x if x.ndim == 4 else x[None]
    K, C, KH, KW = w.shape
    padded = np.pad(batch, [(0, 0), (0, 0), (padding, padding), (padding, padding)])
    windows = sliding_window_view(padded, (KH, KW), axis=(2, 3))[:, :, ::stride, ::stride]
    out = np.tensordot(windows, w, axes=([1, 4, 5], [1, 2, 3])).transpose(0, 3, 1, 2)
    if b is not None:
        out = out + np.asarray(b)[:, None, None]
    return out if x.ndim == 4 else out[0]
"""),
        "sliding_windows_no_empty_check": ("sliding windows and tensordot, no check of K = 0: returns an empty result",
                                           _FAST_WINDOWS.replace(" or 0 in w.shape", "")),
        "sliding_windows_no_int_check": ("sliding windows and tensordot, no int check: a float stride ends in slicing's TypeError",
                                         _FAST_WINDOWS.replace("not isinstance(stride, int) or not isinstance(padding, int) or ", "")),
    },
    "conv2d_backward": {
        "kernel_not_flipped": ("a full convolution of dout with the kernel as it is, not flipped: the scatter reads w backwards", {
            "+= grad[n, k, i, j] * w[k]": "+= grad[n, k, i, j] * w[k, :, ::-1, ::-1]"}),
        "stride_ignored_in_scatter": ("the windows of the scatter move by 1, not by the stride", {
            "rows = slice(i * stride, i * stride + KH)": "rows = slice(i, i + KH)",
            "columns = slice(j * stride, j * stride + KW)": "columns = slice(j, j + KW)"}),
        "overlap_overwritten": ("= for +=: where windows overlap, the last window's share replaces the others'", {
            "dpadded[n, :, rows, columns] += grad": "dpadded[n, :, rows, columns] = grad"}),
        "padding_not_cropped": ("returns the gradient of the padded input, its border of zeros included", {
            "dx = dpadded[:, :, padding:padding + H, padding:padding + W]": "dx = dpadded"}),
        "crop_one_side": ("crops the padding at the top and the left only", {
            "dx = dpadded[:, :, padding:padding + H, padding:padding + W]": "dx = dpadded[:, :, padding:, padding:]"}),
        "crop_misplaced": ("keeps the first H rows and W columns of the padded gradient: the border at the top and left stays in", {
            "dx = dpadded[:, :, padding:padding + H, padding:padding + W]": "dx = dpadded[:, :, :H, :W]"}),
        "db_over_positions_only": ("db summed over the positions of the first image only", {
            "db = grad.sum(axis=(0, 2, 3))": "db = grad[0].sum(axis=(1, 2))"}),
        "db_over_every_axis": ("db summed over the maps too: one number, the same for every filter", {
            "db = grad.sum(axis=(0, 2, 3))": "db = np.full(K, grad.sum())"}),
        "db_mean_not_sum": ("db is the mean of dout, not its sum", {"db = grad.sum(axis=(0, 2, 3))": "db = grad.mean(axis=(0, 2, 3))"}),
        "dw_last_image_only": ("dw written with = per image: only the last image's share is kept", {
            "    for n in range(N):\n        for k in range(K):": "    for n in range(N):\n        dw = np.zeros_like(w)\n        for k in range(K):"}),
        "dw_from_unpadded_x": ("dw from the windows of x, not of the padded x (zeros after x, so that every window is whole)", {
            "dw[k] += grad[n, k, i, j] * padded[n, :, rows, columns]":
            "dw[k] += grad[n, k, i, j] * np.pad(batch, ((0, 0), (0, 0), (0, KH), (0, KW)))[n, :, rows, columns]"}),
        "dx_filter_zero_only": ("dx from filter 0 for every map", {"+= grad[n, k, i, j] * w[k]": "+= grad[n, k, i, j] * w[0]"}),
        "single_image_keeps_batch_axis": ("a (C, H, W) image gives dx (1, C, H, W)", {
            "return (dx[0] if single else dx), dw, db": "return dx, dw, db"}),
        "returns_dw_dx_db": ("returns (dw, dx, db): the order of the contract is (dx, dw, db)", {
            "return (dx[0] if single else dx), dw, db": "return dw, (dx[0] if single else dx), db"}),
        "no_dout_check": ("no check of dout's shape: a wrong dout ends in an IndexError or broadcasts silently", {'''\
    if dout.shape != out_shape:
        raise ValueError(f"conv2d_backward: dout must have the shape of conv2d's output, {out_shape}, got {dout.shape}")
''': ""}),
        "keeps_input_dtype": ("gradients in the dtype of the inputs: float32 in, float32 out", {
            "    x = np.asarray(x, dtype=np.float64)\n    w = np.asarray(w, dtype=np.float64)\n    dout = np.asarray(dout, dtype=np.float64)":
            "    x, w, dout = np.asarray(x), np.asarray(w), np.asarray(dout)"}),
    },
    "max_pool2d_backward": {
        "every_element_of_the_window": ("sends each window's gradient to every element of the window", {
            "                u, v = np.unravel_index(np.argmax(window), window.shape)  # the first maximum on a tie\n"
            "                dmaps[m, i * stride + u, j * stride + v] += grads[m, i, j]":
            "                dmaps[m, i * stride:i * stride + size, j * stride:j * stride + size] += grads[m, i, j]"}),
        "average_pooling_gradient": ("the gradient of average pooling: dout / size**2 to every element", {
            "                u, v = np.unravel_index(np.argmax(window), window.shape)  # the first maximum on a tie\n"
            "                dmaps[m, i * stride + u, j * stride + v] += grads[m, i, j]":
            "                dmaps[m, i * stride:i * stride + size, j * stride:j * stride + size] += grads[m, i, j] / size ** 2"}),
        "ties_to_every_maximum": ("a mask window == max: a tie sends the whole gradient to every tied element", {
            "                u, v = np.unravel_index(np.argmax(window), window.shape)  # the first maximum on a tie\n"
            "                dmaps[m, i * stride + u, j * stride + v] += grads[m, i, j]":
            "                dmaps[m, i * stride:i * stride + size, j * stride:j * stride + size] += (window == window.max()) * grads[m, i, j]"}),
        "ties_shared": ("a tie shares the gradient equally between the tied elements", {
            "                u, v = np.unravel_index(np.argmax(window), window.shape)  # the first maximum on a tie\n"
            "                dmaps[m, i * stride + u, j * stride + v] += grads[m, i, j]":
            "                mask = window == window.max()\n"
            "                dmaps[m, i * stride:i * stride + size, j * stride:j * stride + size] += mask * grads[m, i, j] / mask.sum()"}),
        "ties_to_the_last_maximum": ("a tie goes to the last maximum of the window, not the first", {
            "np.unravel_index(np.argmax(window), window.shape)": "np.unravel_index(window.size - 1 - np.argmax(window.ravel()[::-1]), window.shape)"}),
        "overlap_overwritten": ("= for +=: an element that is the maximum of two windows keeps only the last one's gradient", {
            "dmaps[m, i * stride + u, j * stride + v] += grads[m, i, j]": "dmaps[m, i * stride + u, j * stride + v] = grads[m, i, j]"}),
        "stride_ignored": ("the windows move by 1, not by the stride", {
            "window = maps[m, i * stride:i * stride + size, j * stride:j * stride + size]": "window = maps[m, i:i + size, j:j + size]",
            "dmaps[m, i * stride + u, j * stride + v]": "dmaps[m, i + u, j + v]"}),
        "argmax_offset_not_added": ("puts the gradient at (u, v), the argmax within the window, not at the window's place", {
            "dmaps[m, i * stride + u, j * stride + v]": "dmaps[m, u, v]"}),
        "row_and_column_swapped": ("np.unravel_index's (row, column) read as (column, row)", {"u, v = np.unravel_index": "v, u = np.unravel_index"}),
        "stride_none_unhandled": ("never replaces stride=None by size", {"    if stride is None:\n        stride = size\n": ""}),
        "default_stride_one": ("stride None means 1 instead of size", {
            "    if stride is None:\n        stride = size": "    if stride is None:\n        stride = 1"}),
        "no_dout_check": ("no check of dout's shape: a wrong dout ends in a reshape error or an IndexError", {'''\
    if dout.shape != x.shape[:-2] + (Ho, Wo):
        raise ValueError(f"max_pool2d_backward: dout must have the shape of max_pool2d's output, {x.shape[:-2] + (Ho, Wo)}, got {dout.shape}")
''': ""}),
        "pool_by_reshape": ("reshapes into size x size blocks: only when size divides H and W and stride = size", """
def max_pool2d_backward(dout, x, size=2, stride=None):
    x, dout = np.asarray(x, dtype=np.float64), np.asarray(dout, dtype=np.float64)
    if x.ndim not in (3, 4) or not isinstance(size, int) or size < 1 or size > min(x.shape[-2:]):
        raise ValueError("max_pool2d_backward: bad x or size")
    H, W = x.shape[-2:]
    blocks = x.reshape(x.shape[:-2] + (H // size, size, W // size, size)).swapaxes(-3, -2)
    flat = blocks.reshape(blocks.shape[:-2] + (size * size,))
    first = np.arange(size * size) == flat.argmax(axis=-1)[..., None]
    grads = first * dout[..., None]
    return grads.reshape(blocks.shape).swapaxes(-3, -2).reshape(x.shape)
"""),
    },
}

CORRECT = {
    "conv_output_size": {
        "count_positions": ("counts the window positions with a while loop", """
def conv_output_size(size, kernel, stride=1, padding=0):
    if type(stride) is not int or type(padding) is not int:
        raise ValueError("stride and padding must be ints")
    if stride < 1:
        raise ValueError("stride must be >= 1")
    if padding < 0 or kernel < 1 or kernel > size + 2 * padding:
        raise ValueError("the kernel does not fit")
    count, start = 0, 0
    while start + kernel <= size + 2 * padding:
        count += 1
        start += stride
    return count
"""),
        "math_floor": ("math.floor of a true division", {
            "return int((size - kernel + 2 * padding) // stride + 1)":
                "import math\n    return math.floor((size + 2 * padding - kernel) / stride) + 1"}),
    },
    "conv2d": {
        "six_nested_loops": ("the plainest loops: one output value per step, np.sum of window times filter", """
def conv2d(x, w, b=None, stride=1, padding=0):
    x = np.array(x, dtype=float)
    w = np.array(w, dtype=float)
    if x.ndim == 3:
        return conv2d(x[None], w, b, stride, padding)[0]
    if x.ndim != 4 or w.ndim != 4 or x.shape[1] != w.shape[1] or w.size == 0:
        raise ValueError("conv2d: bad shapes")
    if not isinstance(stride, int) or not isinstance(padding, int) or stride < 1 or padding < 0:
        raise ValueError("conv2d: bad stride or padding")
    N, C, H, W = x.shape
    K, _, KH, KW = w.shape
    if KH > H + 2 * padding or KW > W + 2 * padding:
        raise ValueError("conv2d: the kernel does not fit")
    b = np.zeros(K) if b is None else np.array(b, dtype=float)
    if b.shape != (K,):
        raise ValueError("conv2d: b must be (K,)")
    xp = np.zeros((N, C, H + 2 * padding, W + 2 * padding))
    xp[:, :, padding:padding + H, padding:padding + W] = x
    Ho = (H + 2 * padding - KH) // stride + 1
    Wo = (W + 2 * padding - KW) // stride + 1
    out = np.zeros((N, K, Ho, Wo))
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    out[n, k, i, j] = np.sum(xp[n, :, i * stride:i * stride + KH, j * stride:j * stride + KW] * w[k]) + b[k]
    return out
"""),
        "tensordot_per_position": ("a loop over output positions only: one tensordot per window for every image and filter", {_CONV2D_LOOPS: """\
    for i in range(Ho):
        for j in range(Wo):
            window = padded[:, :, i * stride:i * stride + KH, j * stride:j * stride + KW]
            out[:, :, i, j] = np.tensordot(window, w, axes=([1, 2, 3], [1, 2, 3])) + bias
"""}),
        "einsum_on_sliding_windows": ("sliding_window_view, stepped by the stride, and one einsum", """
def conv2d(x, w, b=None, stride=1, padding=0):
    import operator
    from numpy.lib.stride_tricks import sliding_window_view
    x, w = np.asarray(x, dtype=np.float64), np.asarray(w, dtype=np.float64)
    if x.ndim not in (3, 4) or w.ndim != 4 or min(w.shape) == 0:
        raise ValueError("conv2d: x must be 3-D or 4-D and w 4-D, with no empty axis")
    try:
        stride, padding = operator.index(stride), operator.index(padding)
    except TypeError:
        raise ValueError("conv2d: stride and padding must be ints") from None
    batch = x.reshape((-1,) + x.shape[-3:])
    if w.shape[1] != batch.shape[1]:
        raise ValueError("conv2d: channels differ")
    if stride < 1 or padding < 0 or w.shape[2] > batch.shape[2] + 2 * padding or w.shape[3] > batch.shape[3] + 2 * padding:
        raise ValueError("conv2d: bad stride, padding or kernel size")
    if b is not None and np.shape(b) != (w.shape[0],):
        raise ValueError("conv2d: b must be (K,)")
    padded = np.pad(batch, [(0, 0), (0, 0), (padding, padding), (padding, padding)])
    windows = sliding_window_view(padded, w.shape[2:], axis=(2, 3))[:, :, ::stride, ::stride]
    out = np.einsum("nchwuv,kcuv->nkhw", windows, w)
    if b is not None:
        out = out + np.asarray(b, dtype=np.float64)[:, None, None]
    return out if x.ndim == 4 else out[0]
"""),
    },
    "max_pool2d": {
        "loop_over_positions": ("loops over output positions, .max over each window", {"""\
    for u in range(size):
        for v in range(size):
            out = np.maximum(out, x[..., u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride])
""": """\
    for i in range(Ho):
        for j in range(Wo):
            out[..., i, j] = x[..., i * stride:i * stride + size, j * stride:j * stride + size].max(axis=(-1, -2))
"""}),
        "sliding_window_view": ("windows from sliding_window_view, stepped by the stride", """
def max_pool2d(x, size=2, stride=None):
    import numbers
    from numpy.lib.stride_tricks import sliding_window_view
    x = np.asarray(x, dtype=np.float64)
    stride = size if stride is None else stride
    if not all(isinstance(value, numbers.Integral) for value in (size, stride)):
        raise ValueError("max_pool2d: size and stride must be ints")
    if x.ndim not in (3, 4):
        raise ValueError("max_pool2d: x must be 3-D or 4-D")
    if size < 1 or stride < 1 or size > min(x.shape[-2:]):
        raise ValueError("max_pool2d: bad size or stride")
    windows = sliding_window_view(x, (size, size), axis=(-2, -1))
    return windows[..., ::stride, ::stride, :, :].max(axis=(-2, -1))
"""),
    },
    "im2col": {
        "loop_over_positions": ("loops over the output positions, ravel of each window", """
def im2col(x, kh, kw, stride=1, padding=0):
    x = np.array(x, dtype=float)
    if x.ndim == 3:
        return im2col(x[None], kh, kw, stride, padding)[0]
    if not isinstance(stride, int) or not isinstance(padding, int):
        raise ValueError("im2col: stride and padding must be ints")
    if x.ndim != 4 or kh < 1 or kw < 1 or stride < 1 or padding < 0:
        raise ValueError("im2col: bad arguments")
    N, C, H, W = x.shape
    if kh > H + 2 * padding or kw > W + 2 * padding:
        raise ValueError("im2col: the window does not fit")
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    Ho = (H + 2 * padding - kh) // stride + 1
    Wo = (W + 2 * padding - kw) // stride + 1
    cols = np.zeros((N, C * kh * kw, Ho * Wo))
    for i in range(Ho):
        for j in range(Wo):
            cols[:, :, i * Wo + j] = xp[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw].reshape(N, -1)
    return cols
"""),
        "sliding_window_view": ("sliding_window_view, stepped, transposed to (N, C, kh, kw, Ho, Wo)", """
def im2col(x, kh, kw, stride=1, padding=0):
    from numpy.lib.stride_tricks import sliding_window_view
    x = np.asarray(x, dtype=np.float64)
    if x.ndim not in (3, 4):
        raise ValueError("im2col: x must be 3-D or 4-D")
    if type(stride) is not int or type(padding) is not int:
        raise ValueError("im2col: stride and padding must be ints")
    if kh < 1 or kw < 1 or stride < 1 or padding < 0 or kh > x.shape[-2] + 2 * padding or kw > x.shape[-1] + 2 * padding:
        raise ValueError("im2col: bad window, stride or padding")
    batch = x if x.ndim == 4 else x[None]
    padded = np.pad(batch, [(0, 0), (0, 0), (padding, padding), (padding, padding)])
    windows = sliding_window_view(padded, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    N, C, Ho, Wo = windows.shape[:4]
    cols = windows.transpose(0, 1, 4, 5, 2, 3).reshape(N, C * kh * kw, Ho * Wo)
    return cols if x.ndim == 4 else cols[0]
"""),
    },
    "conv2d_fast": {
        "sliding_window_view_tensordot": ("no im2col: sliding_window_view and one tensordot over (C, KH, KW)", _FAST_WINDOWS),
        "sliding_window_view_einsum": ("no im2col: sliding_window_view and one einsum", _FAST_WINDOWS.replace(
            "np.tensordot(windows, w, axes=([1, 4, 5], [1, 2, 3])).transpose(0, 3, 1, 2)",
            'np.einsum("nchwuv,kcuv->nkhw", windows, w, optimize=True)')),
        "loop_over_images": ("a Python loop over the images, im2col and einsum for each: never over positions", """
def conv2d_fast(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=np.float64), np.asarray(w, dtype=np.float64)
    if x.ndim == 3:
        return conv2d_fast(x[None], w, b, stride, padding)[0]
    if x.ndim != 4 or w.ndim != 4 or w.size == 0 or x.shape[1] != w.shape[1]:
        raise ValueError("conv2d_fast: bad shapes")
    K, C, KH, KW = w.shape
    b = np.zeros(K) if b is None else np.asarray(b, dtype=np.float64)
    if b.shape != (K,):
        raise ValueError("conv2d_fast: b must be (K,)")
    outs = []
    for image in x:
        cols = im2col(image, KH, KW, stride, padding)
        outs.append(np.einsum("kd,dl->kl", w.reshape(K, -1), cols) + b[:, None])
    Ho = (x.shape[2] + 2 * padding - KH) // stride + 1
    return np.stack(outs).reshape(len(x), K, Ho, -1)
"""),
        "einsum_on_columns": ("einsum of the flattened filters with the columns", """
def conv2d_fast(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=np.float64), np.asarray(w, dtype=np.float64)
    if x.ndim not in (3, 4) or w.ndim != 4 or w.size == 0 or x.shape[-3] != w.shape[1]:
        raise ValueError("conv2d_fast: bad shapes")
    if b is not None and np.shape(b) != (w.shape[0],):
        raise ValueError("conv2d_fast: b must be (K,)")
    batch = x if x.ndim == 4 else x[None]
    K, C, KH, KW = w.shape
    cols = im2col(batch, KH, KW, stride=stride, padding=padding)
    Ho = (batch.shape[2] + 2 * padding - KH) // stride + 1
    Wo = (batch.shape[3] + 2 * padding - KW) // stride + 1
    out = np.einsum("kd,ndl->nkl", w.reshape(K, -1), cols).reshape(-1, K, Ho, Wo)
    if b is not None:
        out += np.asarray(b, dtype=np.float64)[None, :, None, None]
    return out if x.ndim == 4 else out[0]
"""),
        "one_big_matrix": ("columns of all images side by side, one 2-D product, then transpose", """
def conv2d_fast(x, w, b=None, stride=1, padding=0):
    x = np.array(x, dtype=float)
    w = np.array(w, dtype=float)
    if x.ndim == 3:
        return conv2d_fast(x[None], w, b, stride, padding)[0]
    if x.ndim != 4 or w.ndim != 4 or min(w.shape) < 1 or x.shape[1] != w.shape[1]:
        raise ValueError("conv2d_fast: bad shapes")
    K = w.shape[0]
    b = np.zeros(K) if b is None else np.array(b, dtype=float)
    if b.shape != (K,):
        raise ValueError("conv2d_fast: b must be (K,)")
    N = x.shape[0]
    cols = im2col(x, w.shape[2], w.shape[3], stride, padding)
    L = cols.shape[2]
    wide = cols.transpose(1, 0, 2).reshape(cols.shape[1], N * L)
    out = (w.reshape(K, -1) @ wide + b[:, None]).reshape(K, N, L).transpose(1, 0, 2)
    Ho = (x.shape[2] + 2 * padding - w.shape[2]) // stride + 1
    return out.reshape(N, K, Ho, L // Ho)
"""),
    },
    "conv2d_backward": {
        "offsets_and_einsum": ("a loop over the KH x KW offsets of the kernel, einsum over the images, filters and positions", """
def conv2d_backward(dout, x, w, stride=1, padding=0):
    x, w, dout = (np.asarray(a, dtype=np.float64) for a in (x, w, dout))
    if x.ndim == 3:
        if dout.ndim != 3:
            raise ValueError("conv2d_backward: dout must be (K, Ho, Wo) for one image")
        dx, dw, db = conv2d_backward(dout[None], x[None], w, stride, padding)
        return dx[0], dw, db
    if x.ndim != 4 or w.ndim != 4 or 0 in w.shape or x.shape[1] != w.shape[1]:
        raise ValueError("conv2d_backward: bad shapes of x and w")
    if type(stride) is not int or type(padding) is not int or stride < 1 or padding < 0:
        raise ValueError("conv2d_backward: bad stride or padding")
    N, C, H, W = x.shape
    K, _, KH, KW = w.shape
    if KH > H + 2 * padding or KW > W + 2 * padding:
        raise ValueError("conv2d_backward: the kernel does not fit")
    Ho, Wo = (H + 2 * padding - KH) // stride + 1, (W + 2 * padding - KW) // stride + 1
    if dout.shape != (N, K, Ho, Wo):
        raise ValueError("conv2d_backward: dout is not the shape of the output")
    padded = np.pad(x, [(0, 0), (0, 0), (padding, padding), (padding, padding)])
    dpadded = np.zeros_like(padded)
    dw = np.empty_like(w)
    for u in range(KH):
        for v in range(KW):
            rows = slice(u, u + stride * (Ho - 1) + 1, stride)
            columns = slice(v, v + stride * (Wo - 1) + 1, stride)
            dw[:, :, u, v] = np.einsum("nkij,ncij->kc", dout, padded[:, :, rows, columns])
            dpadded[:, :, rows, columns] += np.einsum("nkij,kc->ncij", dout, w[:, :, u, v])
    return dpadded[:, :, padding:padding + H, padding:padding + W], dw, dout.sum(axis=(0, 2, 3))
"""),
        "im2col_and_col2im": ("dw and the columns' gradient as matrix products on im2col, then col2im with np.add.at", """
def conv2d_backward(dout, x, w, stride=1, padding=0):
    x, w, dout = np.asarray(x, dtype=float), np.asarray(w, dtype=float), np.asarray(dout, dtype=float)
    if dout.shape != conv2d_fast(x, w, None, stride, padding).shape:  # conv2d_fast checks the rest
        raise ValueError("conv2d_backward: dout is not the shape of the output")
    single = x.ndim == 3
    if single:
        x, dout = x[None], dout[None]
    N, C, H, W = x.shape
    K, _, KH, KW = w.shape
    Ho, Wo = dout.shape[2:]
    cols = im2col(x, KH, KW, stride, padding)  # (N, C*KH*KW, Ho*Wo)
    grad = dout.reshape(N, K, Ho * Wo)
    dw = np.einsum("nkl,ndl->kd", grad, cols).reshape(w.shape)
    dcols = np.einsum("kd,nkl->ndl", w.reshape(K, -1), grad).reshape(N, C, KH, KW, Ho, Wo)
    dpadded = np.zeros((N, C, H + 2 * padding, W + 2 * padding))
    rows = np.arange(KH)[:, None, None, None] + stride * np.arange(Ho)[None, None, :, None]
    columns = np.arange(KW)[None, :, None, None] + stride * np.arange(Wo)[None, None, None, :]
    np.add.at(dpadded, (slice(None), slice(None), rows, columns), dcols)
    dx = dpadded[:, :, padding:padding + H, padding:padding + W]
    return (dx[0] if single else dx), dw, grad.sum(axis=(0, 2))
"""),
        "full_convolution_of_dilated_dout": ("the chapter's recipe: dx is the full convolution of the dilated dout with the flipped kernel, "
                                             "dw the correlation of x with it, through conv2d", """
def conv2d_backward(dout, x, w, stride=1, padding=0):
    x, w, dout = np.asarray(x, dtype=np.float64), np.asarray(w, dtype=np.float64), np.asarray(dout, dtype=np.float64)
    expected = conv2d(x, w, None, stride, padding).shape  # every check of conv2d, and the output's shape
    if dout.shape != expected:
        raise ValueError(f"conv2d_backward: dout must be {expected}, got {dout.shape}")
    if x.ndim == 3:
        dx, dw, db = conv2d_backward(dout[None], x[None], w, stride, padding)
        return dx[0], dw, db
    N, C, H, W = x.shape
    K, _, KH, KW = w.shape
    Ho, Wo = dout.shape[2:]
    # dout dilated: stride - 1 zeros between its values, and the rows and columns that no window reached
    dilated = np.zeros((N, K, H + 2 * padding - KH + 1, W + 2 * padding - KW + 1))
    dilated[:, :, ::stride, ::stride][:, :, :Ho, :Wo] = dout
    flipped = w[:, :, ::-1, ::-1].transpose(1, 0, 2, 3)  # (C, K, KH, KW)
    full = np.pad(dilated, [(0, 0), (0, 0), (KH - 1, KH - 1), (KW - 1, KW - 1)])
    dpadded = conv2d(full, flipped)  # (N, C, H + 2P, W + 2P)
    padded = np.pad(x, [(0, 0), (0, 0), (padding, padding), (padding, padding)])
    # dw[k, c] = correlation of x_pad[:, c] with the dilated dout[:, k], summed over the images
    dw = conv2d(padded.transpose(1, 0, 2, 3), dilated.transpose(1, 0, 2, 3)).transpose(1, 0, 2, 3)
    return dpadded[:, :, padding:padding + H, padding:padding + W], dw, dout.sum(axis=(0, 2, 3))
"""),
    },
    "max_pool2d_backward": {
        "offsets_running_argmax": ("a loop over the size x size offsets, keeping the first offset of the running maximum", """
def max_pool2d_backward(dout, x, size=2, stride=None):
    x, dout = np.asarray(x, dtype=np.float64), np.asarray(dout, dtype=np.float64)
    stride = size if stride is None else stride
    if x.ndim not in (3, 4) or type(size) is not int or type(stride) is not int or size < 1 or stride < 1:
        raise ValueError("max_pool2d_backward: bad x, size or stride")
    H, W = x.shape[-2:]
    if size > H or size > W:
        raise ValueError("max_pool2d_backward: the window does not fit")
    Ho, Wo = (H - size) // stride + 1, (W - size) // stride + 1
    if dout.shape != x.shape[:-2] + (Ho, Wo):
        raise ValueError("max_pool2d_backward: dout is not the shape of the output")
    best = np.full(dout.shape, -np.inf)
    where = np.zeros(dout.shape + (2,), dtype=int)
    for u in range(size):
        for v in range(size):
            values = x[..., u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride]
            better = values > best  # strictly: on a tie the earlier offset stays
            best = np.where(better, values, best)
            where[better] = (u, v)
    dx = np.zeros_like(x)
    rows = where[..., 0] + stride * np.arange(Ho)[:, None]
    columns = where[..., 1] + stride * np.arange(Wo)[None, :]
    leading = np.indices(x.shape[:-2])[..., None, None]
    np.add.at(dx, tuple(np.broadcast_to(i, dout.shape) for i in leading) + (rows, columns), dout)
    return dx
"""),
        "sliding_windows_and_add_at": ("sliding_window_view, argmax over each flattened window, np.add.at", """
def max_pool2d_backward(dout, x, size=2, stride=None):
    from numpy.lib.stride_tricks import sliding_window_view
    x, dout = np.asarray(x, dtype=np.float64), np.asarray(dout, dtype=np.float64)
    if stride is None:
        stride = size
    if x.ndim not in (3, 4) or not all(isinstance(v, int) and v >= 1 for v in (size, stride)):
        raise ValueError("max_pool2d_backward: bad x, size or stride")
    if size > min(x.shape[-2:]):
        raise ValueError("max_pool2d_backward: the window does not fit")
    windows = sliding_window_view(x, (size, size), axis=(-2, -1))[..., ::stride, ::stride, :, :]
    if dout.shape != windows.shape[:-2]:
        raise ValueError("max_pool2d_backward: dout is not the shape of the output")
    first = windows.reshape(windows.shape[:-2] + (-1,)).argmax(axis=-1)
    u, v = np.divmod(first, size)
    Ho, Wo = dout.shape[-2:]
    flat_dx = np.zeros((int(np.prod(x.shape[:-2])),) + x.shape[-2:])
    maps = np.arange(flat_dx.shape[0]).reshape(x.shape[:-2])[..., None, None]
    rows = u + stride * np.arange(Ho)[:, None]
    columns = v + stride * np.arange(Wo)[None, :]
    np.add.at(flat_dx, (np.broadcast_to(maps, dout.shape), rows, columns), dout)
    return flat_dx.reshape(x.shape)
"""),
    },
}

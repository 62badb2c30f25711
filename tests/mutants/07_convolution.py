"""Assignment 07_convolution: known-wrong and alternative correct versions of its graded functions.

The lab's own mistakes (a 2x2 filter stepped 5 times over a 5x5 image, filter 0 reused for every map, values
reshaped in the wrong order, a pooling with a hard-coded divisor of 2 reshaped to (C, F, F)) are here, with
the usual ones: padding on one side only, a flipped kernel, a missing or misplaced bias, an output size
without the +1 or with ceil for floor, the stride ignored, the wrong reshape order after the matrix product.
"""

WRONG = {
    "conv_output_size": {
        "no_plus_one": ("off by one: (size - kernel + 2 * padding) // stride, without + 1", """
def conv_output_size(size, kernel, stride=1, padding=0):
    if stride < 1 or padding < 0 or kernel < 1 or kernel > size + 2 * padding:
        raise ValueError("bad arguments")
    return (size - kernel + 2 * padding) // stride
"""),
        "ceil_for_floor": ("rounds up: counts a last window that does not fit", """
def conv_output_size(size, kernel, stride=1, padding=0):
    if stride < 1 or padding < 0 or kernel < 1 or kernel > size + 2 * padding:
        raise ValueError("bad arguments")
    return -(-(size - kernel + 2 * padding) // stride) + 1
"""),
        "padding_one_side": ("adds the padding once instead of on both sides", """
def conv_output_size(size, kernel, stride=1, padding=0):
    if stride < 1 or padding < 0 or kernel < 1 or kernel > size + padding:
        raise ValueError("bad arguments")
    return (size - kernel + padding) // stride + 1
"""),
        "stride_ignored": ("forgets to divide by the stride", """
def conv_output_size(size, kernel, stride=1, padding=0):
    if stride < 1 or padding < 0 or kernel < 1 or kernel > size + 2 * padding:
        raise ValueError("bad arguments")
    return size - kernel + 2 * padding + 1
"""),
        "lab_output_as_big_as_input": ("the lab's conv_2x2 assumption: as many positions as pixels", """
def conv_output_size(size, kernel, stride=1, padding=0):
    if stride < 1 or padding < 0 or kernel < 1 or kernel > size + 2 * padding:
        raise ValueError("bad arguments")
    return size // stride
"""),
        "true_division": ("uses / instead of //: returns 3.5 where 3 positions fit", """
def conv_output_size(size, kernel, stride=1, padding=0):
    if stride < 1 or padding < 0 or kernel < 1 or kernel > size + 2 * padding:
        raise ValueError("bad arguments")
    return (size - kernel + 2 * padding) / stride + 1
"""),
        "no_fit_check": ("never checks that the kernel fits: returns 0 or less", """
def conv_output_size(size, kernel, stride=1, padding=0):
    if stride < 1 or padding < 0:
        raise ValueError("bad arguments")
    return (size - kernel + 2 * padding) // stride + 1
"""),
        "no_stride_check": ("no check of the stride: stride 0 raises ZeroDivisionError, not ValueError", """
def conv_output_size(size, kernel, stride=1, padding=0):
    if padding < 0 or kernel < 1 or kernel > size + 2 * padding:
        raise ValueError("bad arguments")
    return (size - kernel + 2 * padding) // stride + 1
"""),
    },
    "conv2d": {
        "lab_stride_overrun": ("the lab's conv_2x2: H x W positions, numpy truncates the windows at the border", """
def conv2d(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    N, C, H, W = x.shape
    K = w.shape[0]
    b = np.zeros(K) if b is None else np.asarray(b, dtype=float)
    if w.shape[1] != C:
        raise ValueError("channels differ")
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, K, H, W))
    for n in range(N):
        for k in range(K):
            for i in range(H):
                for j in range(W):
                    out[n, k, i, j] = np.sum(xp[n, :, i * stride:i * stride + w.shape[2], j * stride:j * stride + w.shape[3]] * w[k]) + b[k]
    return out[0] if single else out
"""),
        "lab_filter_zero_reused": ("the lab's K-filter version: filter 0 for every output map", """
def conv2d(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    N, C, H, W = x.shape
    K, C2, KH, KW = w.shape
    if C2 != C or KH > H + 2 * padding or KW > W + 2 * padding or stride < 1:
        raise ValueError("bad shapes")
    b = np.zeros(K) if b is None else np.asarray(b, dtype=float)
    Ho, Wo = (H - KH + 2 * padding) // stride + 1, (W - KW + 2 * padding) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, K, Ho, Wo))
    for k in range(K):
        for i in range(Ho):
            for j in range(Wo):
                out[:, k, i, j] = np.sum(xp[:, :, i * stride:i * stride + KH, j * stride:j * stride + KW] * w[0], axis=(1, 2, 3)) + b[k]
    return out[0] if single else out
"""),
        "lab_interleaved_reshape": ("the lab's K-filter version: values collected in (n, i, j, k) order, reshaped as (n, k, i, j)", """
def conv2d(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    N, C, H, W = x.shape
    K, C2, KH, KW = w.shape
    if C2 != C or KH > H + 2 * padding or KW > W + 2 * padding or stride < 1:
        raise ValueError("bad shapes")
    b = np.zeros(K) if b is None else np.asarray(b, dtype=float)
    Ho, Wo = (H - KH + 2 * padding) // stride + 1, (W - KW + 2 * padding) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    values = []
    for n in range(N):
        for i in range(Ho):
            for j in range(Wo):
                for k in range(K):
                    values.append(np.sum(xp[n, :, i * stride:i * stride + KH, j * stride:j * stride + KW] * w[k]) + b[k])
    out = np.array(values).reshape(N, K, Ho, Wo)
    return out[0] if single else out
"""),
        "no_plus_one": ("off by one: range(H - KH) positions, the last row and column of outputs are missing", """
def conv2d(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    N, C, H, W = x.shape
    K, C2, KH, KW = w.shape
    if C2 != C or KH > H + 2 * padding or KW > W + 2 * padding or stride < 1:
        raise ValueError("bad shapes")
    b = np.zeros(K) if b is None else np.asarray(b, dtype=float)
    Ho, Wo = (H - KH + 2 * padding) // stride, (W - KW + 2 * padding) // stride
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, K, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = np.tensordot(xp[:, :, i * stride:i * stride + KH, j * stride:j * stride + KW], w, axes=([1, 2, 3], [1, 2, 3])) + b
    return out[0] if single else out
"""),
        "ceil_for_floor": ("output size rounded up, and the windows at the border truncated", """
def conv2d(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    N, C, H, W = x.shape
    K, C2, KH, KW = w.shape
    if C2 != C or KH > H + 2 * padding or KW > W + 2 * padding or stride < 1:
        raise ValueError("bad shapes")
    b = np.zeros(K) if b is None else np.asarray(b, dtype=float)
    Ho, Wo = -(-(H - KH + 2 * padding) // stride) + 1, -(-(W - KW + 2 * padding) // stride) + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding + stride), (padding, padding + stride)))
    out = np.zeros((N, K, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = np.tensordot(xp[:, :, i * stride:i * stride + KH, j * stride:j * stride + KW], w, axes=([1, 2, 3], [1, 2, 3])) + b
    return out[0] if single else out
"""),
        "padding_one_side": ("pads only the top and the left", """
def conv2d(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    N, C, H, W = x.shape
    K, C2, KH, KW = w.shape
    if C2 != C or KH > H + padding or KW > W + padding or stride < 1:
        raise ValueError("bad shapes")
    b = np.zeros(K) if b is None else np.asarray(b, dtype=float)
    xp = np.pad(x, ((0, 0), (0, 0), (padding, 0), (padding, 0)))
    Ho, Wo = (xp.shape[2] - KH) // stride + 1, (xp.shape[3] - KW) // stride + 1
    out = np.zeros((N, K, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = np.tensordot(xp[:, :, i * stride:i * stride + KH, j * stride:j * stride + KW], w, axes=([1, 2, 3], [1, 2, 3])) + b
    return out[0] if single else out
"""),
        "flipped_kernel": ("true convolution: flips the kernel, PyTorch's conv2d does not", """
def conv2d(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)[:, :, ::-1, ::-1]
    single = x.ndim == 3
    x = x[None] if single else x
    N, C, H, W = x.shape
    K, C2, KH, KW = w.shape
    if C2 != C or KH > H + 2 * padding or KW > W + 2 * padding or stride < 1:
        raise ValueError("bad shapes")
    b = np.zeros(K) if b is None else np.asarray(b, dtype=float)
    Ho, Wo = (H - KH + 2 * padding) // stride + 1, (W - KW + 2 * padding) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, K, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = np.tensordot(xp[:, :, i * stride:i * stride + KH, j * stride:j * stride + KW], w, axes=([1, 2, 3], [1, 2, 3])) + b
    return out[0] if single else out
"""),
        "bias_missing": ("ignores b", """
def conv2d(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    N, C, H, W = x.shape
    K, C2, KH, KW = w.shape
    if C2 != C or KH > H + 2 * padding or KW > W + 2 * padding or stride < 1:
        raise ValueError("bad shapes")
    Ho, Wo = (H - KH + 2 * padding) // stride + 1, (W - KW + 2 * padding) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, K, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = np.tensordot(xp[:, :, i * stride:i * stride + KH, j * stride:j * stride + KW], w, axes=([1, 2, 3], [1, 2, 3]))
    return out[0] if single else out
"""),
        "bias_added_per_channel": ("adds the bias inside the loop over input channels: C * b", """
def conv2d(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    N, C, H, W = x.shape
    K, C2, KH, KW = w.shape
    if C2 != C or KH > H + 2 * padding or KW > W + 2 * padding or stride < 1:
        raise ValueError("bad shapes")
    b = np.zeros(K) if b is None else np.asarray(b, dtype=float)
    Ho, Wo = (H - KH + 2 * padding) // stride + 1, (W - KW + 2 * padding) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, K, Ho, Wo))
    for c in range(C):
        for i in range(Ho):
            for j in range(Wo):
                window = xp[:, c, i * stride:i * stride + KH, j * stride:j * stride + KW]
                out[:, :, i, j] += np.tensordot(window, w[:, c], axes=([1, 2], [1, 2])) + b
    return out[0] if single else out
"""),
        "bias_only_at_first_position": ("adds b[k] once per map, at position (0, 0) only", """
def conv2d(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    N, C, H, W = x.shape
    K, C2, KH, KW = w.shape
    if C2 != C or KH > H + 2 * padding or KW > W + 2 * padding or stride < 1:
        raise ValueError("bad shapes")
    b = np.zeros(K) if b is None else np.asarray(b, dtype=float)
    Ho, Wo = (H - KH + 2 * padding) // stride + 1, (W - KW + 2 * padding) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, K, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = np.tensordot(xp[:, :, i * stride:i * stride + KH, j * stride:j * stride + KW], w, axes=([1, 2, 3], [1, 2, 3]))
    out[:, :, 0, 0] += b
    return out[0] if single else out
"""),
        "stride_ignored_in_windows": ("right output size, but the window moves by 1, not by the stride", """
def conv2d(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    N, C, H, W = x.shape
    K, C2, KH, KW = w.shape
    if C2 != C or KH > H + 2 * padding or KW > W + 2 * padding or stride < 1:
        raise ValueError("bad shapes")
    b = np.zeros(K) if b is None else np.asarray(b, dtype=float)
    Ho, Wo = (H - KH + 2 * padding) // stride + 1, (W - KW + 2 * padding) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, K, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = np.tensordot(xp[:, :, i:i + KH, j:j + KW], w, axes=([1, 2, 3], [1, 2, 3])) + b
    return out[0] if single else out
"""),
        "first_channel_only": ("forgets the sum over channels: uses channel 0 only", """
def conv2d(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    N, C, H, W = x.shape
    K, C2, KH, KW = w.shape
    if C2 != C or KH > H + 2 * padding or KW > W + 2 * padding or stride < 1:
        raise ValueError("bad shapes")
    b = np.zeros(K) if b is None else np.asarray(b, dtype=float)
    Ho, Wo = (H - KH + 2 * padding) // stride + 1, (W - KW + 2 * padding) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, K, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = np.tensordot(xp[:, 0, i * stride:i * stride + KH, j * stride:j * stride + KW], w[:, 0], axes=([1, 2], [1, 2])) + b
    return out[0] if single else out
"""),
        "single_image_keeps_batch_axis": ("a (C, H, W) image gives (1, K, Ho, Wo) instead of (K, Ho, Wo)", """
def conv2d(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    x = x[None] if x.ndim == 3 else x
    N, C, H, W = x.shape
    K, C2, KH, KW = w.shape
    if C2 != C or KH > H + 2 * padding or KW > W + 2 * padding or stride < 1:
        raise ValueError("bad shapes")
    b = np.zeros(K) if b is None else np.asarray(b, dtype=float)
    Ho, Wo = (H - KH + 2 * padding) // stride + 1, (W - KW + 2 * padding) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, K, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = np.tensordot(xp[:, :, i * stride:i * stride + KH, j * stride:j * stride + KW], w, axes=([1, 2, 3], [1, 2, 3])) + b
    return out
"""),
    },
    "max_pool2d": {
        "lab_pool_2x2": ("the lab's pool_2x2: n reset to 2 (2x2 positions always), reshaped to (C, F, F)", """
def max_pool2d(x, size=2, stride=None):
    x = np.asarray(x, dtype=float)
    stride = size if stride is None else stride
    n = 2
    values = []
    for index in np.ndindex(*x.shape[:-2]):
        for i in range(n):
            for j in range(n):
                values.append(x[index][i * stride:i * stride + size, j * stride:j * stride + size].max())
    return np.array(values).reshape(x.shape[:-2] + (size, size))
"""),
        "lab_divisor_two": ("the lab's output size H // 2, whatever the size and the stride", """
def max_pool2d(x, size=2, stride=None):
    x = np.asarray(x, dtype=float)
    stride = size if stride is None else stride
    if x.ndim not in (3, 4) or size < 1 or stride < 1 or size > min(x.shape[-2:]):
        raise ValueError("bad arguments")
    Ho, Wo = x.shape[-2] // 2, x.shape[-1] // 2
    out = np.zeros(x.shape[:-2] + (Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[..., i, j] = x[..., i * stride:i * stride + size, j * stride:j * stride + size].max(axis=(-2, -1))
    return out
"""),
        "stride_always_size": ("ignores the stride argument: stride = size always", """
def max_pool2d(x, size=2, stride=None):
    x = np.asarray(x, dtype=float)
    stride = size
    if x.ndim not in (3, 4) or size < 1 or size > min(x.shape[-2:]):
        raise ValueError("bad arguments")
    Ho, Wo = (x.shape[-2] - size) // stride + 1, (x.shape[-1] - size) // stride + 1
    out = np.zeros(x.shape[:-2] + (Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[..., i, j] = x[..., i * stride:i * stride + size, j * stride:j * stride + size].max(axis=(-2, -1))
    return out
"""),
        "default_stride_one": ("stride None means 1 instead of size", """
def max_pool2d(x, size=2, stride=None):
    x = np.asarray(x, dtype=float)
    stride = 1 if stride is None else stride
    if x.ndim not in (3, 4) or size < 1 or stride < 1 or size > min(x.shape[-2:]):
        raise ValueError("bad arguments")
    Ho, Wo = (x.shape[-2] - size) // stride + 1, (x.shape[-1] - size) // stride + 1
    out = np.zeros(x.shape[:-2] + (Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[..., i, j] = x[..., i * stride:i * stride + size, j * stride:j * stride + size].max(axis=(-2, -1))
    return out
"""),
        "starts_from_zero": ("running maximum started at 0 instead of -inf: negative inputs give 0", """
def max_pool2d(x, size=2, stride=None):
    x = np.asarray(x, dtype=float)
    stride = size if stride is None else stride
    if x.ndim not in (3, 4) or size < 1 or stride < 1 or size > min(x.shape[-2:]):
        raise ValueError("bad arguments")
    Ho, Wo = (x.shape[-2] - size) // stride + 1, (x.shape[-1] - size) // stride + 1
    out = np.zeros(x.shape[:-2] + (Ho, Wo))
    for u in range(size):
        for v in range(size):
            out = np.maximum(out, x[..., u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride])
    return out
"""),
        "ceil_mode": ("rounds the output size up, with a partial window at the border", """
def max_pool2d(x, size=2, stride=None):
    x = np.asarray(x, dtype=float)
    stride = size if stride is None else stride
    if x.ndim not in (3, 4) or size < 1 or stride < 1 or size > min(x.shape[-2:]):
        raise ValueError("bad arguments")
    Ho, Wo = -(-(x.shape[-2] - size) // stride) + 1, -(-(x.shape[-1] - size) // stride) + 1
    out = np.zeros(x.shape[:-2] + (Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[..., i, j] = x[..., i * stride:i * stride + size, j * stride:j * stride + size].max(axis=(-2, -1))
    return out
"""),
        "no_plus_one": ("off by one: (H - size) // stride positions", """
def max_pool2d(x, size=2, stride=None):
    x = np.asarray(x, dtype=float)
    stride = size if stride is None else stride
    if x.ndim not in (3, 4) or size < 1 or stride < 1 or size > min(x.shape[-2:]):
        raise ValueError("bad arguments")
    Ho, Wo = (x.shape[-2] - size) // stride, (x.shape[-1] - size) // stride
    out = np.zeros(x.shape[:-2] + (Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[..., i, j] = x[..., i * stride:i * stride + size, j * stride:j * stride + size].max(axis=(-2, -1))
    return out
"""),
        "average_pooling": ("takes the mean of each window instead of the maximum", """
def max_pool2d(x, size=2, stride=None):
    x = np.asarray(x, dtype=float)
    stride = size if stride is None else stride
    if x.ndim not in (3, 4) or size < 1 or stride < 1 or size > min(x.shape[-2:]):
        raise ValueError("bad arguments")
    Ho, Wo = (x.shape[-2] - size) // stride + 1, (x.shape[-1] - size) // stride + 1
    out = np.zeros(x.shape[:-2] + (Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[..., i, j] = x[..., i * stride:i * stride + size, j * stride:j * stride + size].mean(axis=(-2, -1))
    return out
"""),
        "max_across_channels": ("takes the maximum over the channels too: one map for all", """
def max_pool2d(x, size=2, stride=None):
    x = np.asarray(x, dtype=float)
    stride = size if stride is None else stride
    if x.ndim not in (3, 4) or size < 1 or stride < 1 or size > min(x.shape[-2:]):
        raise ValueError("bad arguments")
    Ho, Wo = (x.shape[-2] - size) // stride + 1, (x.shape[-1] - size) // stride + 1
    out = np.zeros(x.shape[:-2] + (Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            best = x[..., i * stride:i * stride + size, j * stride:j * stride + size].max(axis=(-3, -2, -1))
            out[..., i, j] = best[..., None]
    return out
"""),
        "no_window_check": ("no ValueError when the window is larger than the input: returns an empty array", """
def max_pool2d(x, size=2, stride=None):
    x = np.asarray(x, dtype=float)
    stride = size if stride is None else stride
    if x.ndim not in (3, 4) or size < 1 or stride < 1:
        raise ValueError("bad arguments")
    Ho, Wo = max(0, (x.shape[-2] - size) // stride + 1), max(0, (x.shape[-1] - size) // stride + 1)
    out = np.zeros(x.shape[:-2] + (Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[..., i, j] = x[..., i * stride:i * stride + size, j * stride:j * stride + size].max(axis=(-2, -1))
    return out
"""),
    },
    "im2col": {
        "stride_ignored": ("slides the window by 1 whatever the stride", """
def im2col(x, kh, kw, stride=1, padding=0):
    x = np.asarray(x, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    N, C, H, W = x.shape
    if stride < 1 or padding < 0 or kh > H + 2 * padding or kw > W + 2 * padding:
        raise ValueError("bad arguments")
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    Ho, Wo = xp.shape[2] - kh + 1, xp.shape[3] - kw + 1
    cols = np.empty((N, C, kh, kw, Ho, Wo))
    for u in range(kh):
        for v in range(kw):
            cols[:, :, u, v] = xp[:, :, u:u + Ho, v:v + Wo]
    cols = cols.reshape(N, C * kh * kw, Ho * Wo)
    return cols[0] if single else cols
"""),
        "transposed_layout": ("one window per row: (N, Ho*Wo, C*kh*kw) instead of one per column", """
def im2col(x, kh, kw, stride=1, padding=0):
    x = np.asarray(x, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    N, C, H, W = x.shape
    if stride < 1 or padding < 0 or kh > H + 2 * padding or kw > W + 2 * padding:
        raise ValueError("bad arguments")
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    Ho, Wo = (xp.shape[2] - kh) // stride + 1, (xp.shape[3] - kw) // stride + 1
    cols = np.empty((N, C, kh, kw, Ho, Wo))
    for u in range(kh):
        for v in range(kw):
            cols[:, :, u, v] = xp[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride]
    cols = cols.reshape(N, C * kh * kw, Ho * Wo).transpose(0, 2, 1)
    return cols[0] if single else cols
"""),
        "channel_last_rows": ("rows ordered (offset, channel) instead of (channel, offset)", """
def im2col(x, kh, kw, stride=1, padding=0):
    x = np.asarray(x, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    N, C, H, W = x.shape
    if stride < 1 or padding < 0 or kh > H + 2 * padding or kw > W + 2 * padding:
        raise ValueError("bad arguments")
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    Ho, Wo = (xp.shape[2] - kh) // stride + 1, (xp.shape[3] - kw) // stride + 1
    cols = np.empty((N, kh, kw, C, Ho, Wo))
    for u in range(kh):
        for v in range(kw):
            cols[:, u, v] = xp[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride]
    cols = cols.reshape(N, C * kh * kw, Ho * Wo)
    return cols[0] if single else cols
"""),
        "column_major_positions": ("columns ordered j * Ho + i instead of i * Wo + j", """
def im2col(x, kh, kw, stride=1, padding=0):
    x = np.asarray(x, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    N, C, H, W = x.shape
    if stride < 1 or padding < 0 or kh > H + 2 * padding or kw > W + 2 * padding:
        raise ValueError("bad arguments")
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    Ho, Wo = (xp.shape[2] - kh) // stride + 1, (xp.shape[3] - kw) // stride + 1
    cols = np.empty((N, C, kh, kw, Wo, Ho))
    for u in range(kh):
        for v in range(kw):
            cols[:, :, u, v] = xp[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride].transpose(0, 1, 3, 2)
    cols = cols.reshape(N, C * kh * kw, Ho * Wo)
    return cols[0] if single else cols
"""),
        "padding_one_side": ("pads only the top and the left", """
def im2col(x, kh, kw, stride=1, padding=0):
    x = np.asarray(x, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    N, C, H, W = x.shape
    if stride < 1 or padding < 0 or kh > H + padding or kw > W + padding:
        raise ValueError("bad arguments")
    xp = np.pad(x, ((0, 0), (0, 0), (padding, 0), (padding, 0)))
    Ho, Wo = (xp.shape[2] - kh) // stride + 1, (xp.shape[3] - kw) // stride + 1
    cols = np.empty((N, C, kh, kw, Ho, Wo))
    for u in range(kh):
        for v in range(kw):
            cols[:, :, u, v] = xp[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride]
    cols = cols.reshape(N, C * kh * kw, Ho * Wo)
    return cols[0] if single else cols
"""),
        "no_plus_one": ("off by one: the last row and column of windows are missing", """
def im2col(x, kh, kw, stride=1, padding=0):
    x = np.asarray(x, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    N, C, H, W = x.shape
    if stride < 1 or padding < 0 or kh > H + 2 * padding or kw > W + 2 * padding:
        raise ValueError("bad arguments")
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    Ho, Wo = max(1, (xp.shape[2] - kh) // stride), max(1, (xp.shape[3] - kw) // stride)
    cols = np.empty((N, C, kh, kw, Ho, Wo))
    for u in range(kh):
        for v in range(kw):
            cols[:, :, u, v] = xp[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride]
    cols = cols.reshape(N, C * kh * kw, Ho * Wo)
    return cols[0] if single else cols
"""),
        "kh_kw_swapped": ("takes the window as kw rows by kh columns", """
def im2col(x, kh, kw, stride=1, padding=0):
    kh, kw = kw, kh
    x = np.asarray(x, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    N, C, H, W = x.shape
    if stride < 1 or padding < 0 or kh > H + 2 * padding or kw > W + 2 * padding:
        raise ValueError("bad arguments")
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    Ho, Wo = (xp.shape[2] - kh) // stride + 1, (xp.shape[3] - kw) // stride + 1
    cols = np.empty((N, C, kh, kw, Ho, Wo))
    for u in range(kh):
        for v in range(kw):
            cols[:, :, u, v] = xp[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride]
    cols = cols.reshape(N, C * kh * kw, Ho * Wo)
    return cols[0] if single else cols
"""),
    },
    "conv2d_fast": {
        "wrong_reshape_order": ("the product gives (N, Ho*Wo, K), reshaped as (N, K, Ho, Wo): interleaved maps", """
def conv2d_fast(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    K, C, KH, KW = w.shape
    if x.shape[1] != C:
        raise ValueError("channels differ")
    b = np.zeros(K) if b is None else np.asarray(b, dtype=float)
    cols = im2col(x, KH, KW, stride, padding)
    Ho, Wo = (x.shape[2] - KH + 2 * padding) // stride + 1, (x.shape[3] - KW + 2 * padding) // stride + 1
    out = (cols.transpose(0, 2, 1) @ w.reshape(K, -1).T + b).reshape(x.shape[0], K, Ho, Wo)
    return out[0] if single else out
"""),
        "filter_zero_reused": ("the lab's mistake again: every map uses filter 0", """
def conv2d_fast(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    K, C, KH, KW = w.shape
    if x.shape[1] != C:
        raise ValueError("channels differ")
    b = np.zeros(K) if b is None else np.asarray(b, dtype=float)
    cols = im2col(x, KH, KW, stride, padding)
    Ho, Wo = (x.shape[2] - KH + 2 * padding) // stride + 1, (x.shape[3] - KW + 2 * padding) // stride + 1
    rows = np.repeat(w[:1].reshape(1, -1), K, axis=0)
    out = (rows @ cols + b[:, None]).reshape(x.shape[0], K, Ho, Wo)
    return out[0] if single else out
"""),
        "filters_flattened_channel_last": ("flattens the filters as (KH, KW, C), not in im2col's (C, KH, KW) order", """
def conv2d_fast(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    K, C, KH, KW = w.shape
    if x.shape[1] != C:
        raise ValueError("channels differ")
    b = np.zeros(K) if b is None else np.asarray(b, dtype=float)
    cols = im2col(x, KH, KW, stride, padding)
    Ho, Wo = (x.shape[2] - KH + 2 * padding) // stride + 1, (x.shape[3] - KW + 2 * padding) // stride + 1
    out = (w.transpose(0, 2, 3, 1).reshape(K, -1) @ cols + b[:, None]).reshape(x.shape[0], K, Ho, Wo)
    return out[0] if single else out
"""),
        "flipped_kernel": ("true convolution: flips the kernel", """
def conv2d_fast(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)[:, :, ::-1, ::-1]
    single = x.ndim == 3
    x = x[None] if single else x
    K, C, KH, KW = w.shape
    if x.shape[1] != C:
        raise ValueError("channels differ")
    b = np.zeros(K) if b is None else np.asarray(b, dtype=float)
    cols = im2col(x, KH, KW, stride, padding)
    Ho, Wo = (x.shape[2] - KH + 2 * padding) // stride + 1, (x.shape[3] - KW + 2 * padding) // stride + 1
    out = (w.reshape(K, -1) @ cols + b[:, None]).reshape(x.shape[0], K, Ho, Wo)
    return out[0] if single else out
"""),
        "bias_missing": ("ignores b", """
def conv2d_fast(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    K, C, KH, KW = w.shape
    if x.shape[1] != C:
        raise ValueError("channels differ")
    cols = im2col(x, KH, KW, stride, padding)
    Ho, Wo = (x.shape[2] - KH + 2 * padding) // stride + 1, (x.shape[3] - KW + 2 * padding) // stride + 1
    out = (w.reshape(K, -1) @ cols).reshape(x.shape[0], K, Ho, Wo)
    return out[0] if single else out
"""),
        "bias_on_the_wrong_axis": ("adds b along the positions axis (b[:Ho*Wo] broadcast) instead of per filter", """
def conv2d_fast(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    K, C, KH, KW = w.shape
    if x.shape[1] != C:
        raise ValueError("channels differ")
    b = np.zeros(K) if b is None else np.asarray(b, dtype=float)
    cols = im2col(x, KH, KW, stride, padding)
    Ho, Wo = (x.shape[2] - KH + 2 * padding) // stride + 1, (x.shape[3] - KW + 2 * padding) // stride + 1
    out = w.reshape(K, -1) @ cols
    out = (out + np.resize(b, out.shape[-1])).reshape(x.shape[0], K, Ho, Wo)
    return out[0] if single else out
"""),
        "loop_over_every_output_value": ("correct values, but one Python step per output value: too slow", """
def conv2d_fast(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    single = x.ndim == 3
    x = x[None] if single else x
    K, C, KH, KW = w.shape
    if x.shape[1] != C:
        raise ValueError("channels differ")
    b = np.zeros(K) if b is None else np.asarray(b, dtype=float)
    cols = im2col(x, KH, KW, stride, padding)
    Ho, Wo = (x.shape[2] - KH + 2 * padding) // stride + 1, (x.shape[3] - KW + 2 * padding) // stride + 1
    out = np.empty((x.shape[0], K, Ho * Wo))
    for n in range(x.shape[0]):
        for k in range(K):
            for p in range(Ho * Wo):
                out[n, k, p] = np.dot(w[k].ravel(), cols[n, :, p]) + b[k]
    out = out.reshape(x.shape[0], K, Ho, Wo)
    return out[0] if single else out
"""),
        "single_image_keeps_batch_axis": ("a (C, H, W) image gives (1, K, Ho, Wo)", """
def conv2d_fast(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    x = x[None] if x.ndim == 3 else x
    K, C, KH, KW = w.shape
    if x.shape[1] != C:
        raise ValueError("channels differ")
    b = np.zeros(K) if b is None else np.asarray(b, dtype=float)
    cols = im2col(x, KH, KW, stride, padding)
    Ho, Wo = (x.shape[2] - KH + 2 * padding) // stride + 1, (x.shape[3] - KW + 2 * padding) // stride + 1
    return (w.reshape(K, -1) @ cols + b[:, None]).reshape(x.shape[0], K, Ho, Wo)
"""),
    },
}

CORRECT = {
    "conv_output_size": {
        "count_positions": ("counts the window positions with a while loop", """
def conv_output_size(size, kernel, stride=1, padding=0):
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
        "math_floor": ("math.floor of a true division", """
def conv_output_size(size, kernel, stride=1, padding=0):
    import math
    if not stride >= 1 or padding < 0 or not 1 <= kernel <= size + 2 * padding:
        raise ValueError(f"conv_output_size: bad arguments {size, kernel, stride, padding}")
    return math.floor((size + 2 * padding - kernel) / stride) + 1
"""),
    },
    "conv2d": {
        "six_nested_loops": ("the plainest loops: one output value per step, np.sum of window times filter", """
def conv2d(x, w, b=None, stride=1, padding=0):
    x = np.array(x, dtype=float)
    w = np.array(w, dtype=float)
    if x.ndim == 3:
        return conv2d(x[None], w, b, stride, padding)[0]
    if x.ndim != 4 or w.ndim != 4 or x.shape[1] != w.shape[1]:
        raise ValueError("conv2d: bad shapes")
    if stride < 1 or padding < 0:
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
        "tensordot_per_position": ("a loop over output positions only: one tensordot per window for every image and filter", """
def conv2d(x, w, b=None, stride=1, padding=0):
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    if x.ndim not in (3, 4) or w.ndim != 4:
        raise ValueError("conv2d: bad shapes")
    single = x.ndim == 3
    batch = x[None] if single else x
    N, C, H, W = batch.shape
    K, C_w, KH, KW = w.shape
    if C_w != C:
        raise ValueError("conv2d: channels differ")
    bias = np.zeros(K) if b is None else np.asarray(b, dtype=np.float64)
    if bias.shape != (K,):
        raise ValueError("conv2d: b must be (K,)")
    if stride < 1 or padding < 0 or KH > H + 2 * padding or KW > W + 2 * padding:
        raise ValueError("conv2d: bad stride, padding or kernel size")
    Ho = (H - KH + 2 * padding) // stride + 1
    Wo = (W - KW + 2 * padding) // stride + 1
    padded = np.pad(batch, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.empty((N, K, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            window = padded[:, :, i * stride:i * stride + KH, j * stride:j * stride + KW]
            out[:, :, i, j] = np.tensordot(window, w, axes=([1, 2, 3], [1, 2, 3])) + bias
    return out[0] if single else out
"""),
        "einsum_on_sliding_windows": ("sliding_window_view, stepped by the stride, and one einsum", """
def conv2d(x, w, b=None, stride=1, padding=0):
    from numpy.lib.stride_tricks import sliding_window_view
    x, w = np.asarray(x, dtype=np.float64), np.asarray(w, dtype=np.float64)
    if x.ndim not in (3, 4) or w.ndim != 4:
        raise ValueError("conv2d: x must be 3-D or 4-D and w 4-D")
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
        "loop_over_positions": ("loops over output positions, .max over each window", """
def max_pool2d(x, size=2, stride=None):
    x = np.array(x, dtype=float)
    if stride is None:
        stride = size
    if x.ndim not in (3, 4) or size < 1 or stride < 1 or size > x.shape[-1] or size > x.shape[-2]:
        raise ValueError("max_pool2d: bad arguments")
    Ho = (x.shape[-2] - size) // stride + 1
    Wo = (x.shape[-1] - size) // stride + 1
    out = np.empty(x.shape[:-2] + (Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[..., i, j] = x[..., i * stride:i * stride + size, j * stride:j * stride + size].max(axis=(-1, -2))
    return out
"""),
        "sliding_window_view": ("windows from sliding_window_view, stepped by the stride", """
def max_pool2d(x, size=2, stride=None):
    from numpy.lib.stride_tricks import sliding_window_view
    x = np.asarray(x, dtype=np.float64)
    stride = size if stride is None else stride
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
        "einsum_on_columns": ("einsum of the flattened filters with the columns", """
def conv2d_fast(x, w, b=None, stride=1, padding=0):
    x, w = np.asarray(x, dtype=np.float64), np.asarray(w, dtype=np.float64)
    if x.ndim not in (3, 4) or w.ndim != 4 or x.shape[-3] != w.shape[1]:
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
    if x.ndim != 4 or w.ndim != 4 or x.shape[1] != w.shape[1]:
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
}

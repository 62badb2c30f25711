"""Assignment 08_pytorch: known-wrong and alternative correct versions of its graded functions."""

LABNET_CHECK = ("        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 8, 8):\n"
                '            raise ValueError(f"LabNet: the input must have shape (N, 1, 8, 8), got {tuple(x.shape)}")\n')
LENET_CHECK = ("        if x.ndim != 4 or x.shape[0] < 1 or tuple(x.shape[1:]) != self.shape:\n"
               '            raise ValueError(f"LeNet5: the input must have shape (N, {\', \'.join(map(str, self.shape))}), N >= 1, got {tuple(x.shape)}")\n')
ZERO_GRAD = "    optimizer.zero_grad(set_to_none=True)   # no stale gradient can enter this step\n"

WRONG = {
    "LabNet": {
        "missing_relu": ("conv straight into the pooling: no ReLU", {"F.relu(self.conv(x))": "self.conv(x)"}),
        "average_pooling": ("average pooling where the lab uses max pooling", {"F.max_pool2d": "F.avg_pool2d"}),
        "softmax_output": ("returns probabilities, not logits: a softmax after fc",
                           {"return self.fc(": "return torch.softmax(self.fc(", "start_dim=1))": "start_dim=1)), dim=1)"}),
        "relu_on_logits": ("a ReLU after the last layer too: no negative logits",
                           {"return self.fc(": "return F.relu(self.fc(", "start_dim=1))": "start_dim=1)))"}),
        "no_padding": ("forgets padding=1: 6x6 maps, 3x3 after pooling, a linear layer of 36 inputs", {", padding=1)\n": ")\n", "4 * 4 * 4": "4 * 3 * 3"}),
        "flatten_channels_last": ("flattens in (row, column, channel) order",
                                  {"torch.flatten(pooled, start_dim=1)": "pooled.permute(0, 2, 3, 1).reshape(x.shape[0], -1)"}),
        "pool_before_conv": ("pools the image first, then convolves: same shapes, wrong network",
                             {"F.max_pool2d(F.relu(self.conv(x)), kernel_size=2)": "F.relu(self.conv(F.max_pool2d(x, kernel_size=2)))"}),
        "strided_conv_for_pooling": ("a stride-2 convolution in place of the max pooling",
                                     {"padding=1)\n": "padding=1, stride=2)\n", "F.max_pool2d(F.relu(self.conv(x)), kernel_size=2)": "F.relu(self.conv(x))"}),
        "sigmoid_for_relu": ("a sigmoid where the lab uses a ReLU", {"F.relu(": "torch.sigmoid("}),
        "forward_without_gradients": ("runs the forward pass under torch.no_grad(): right numbers, nothing to train",
                                      {"        pooled": "        with torch.no_grad():\n            pooled",
                                       "        return self.fc": "            return self.fc"}),
        "no_shape_check": ("no ValueError: a (N, 1, 8, 9) input goes through (floor pooling)", {LABNET_CHECK: ""}),
        "shape_check_without_ndim": ("checks axes 1 to 3 but not the number of axes: a 5-D input gets past it",
                                     {"x.ndim != 4 or tuple(x.shape[1:]) != (1, 8, 8)": "tuple(x.shape[1:4]) != (1, 8, 8)"}),
        "flatten_without_batch_axis": ("torch.flatten(pooled) with no start_dim: one long row for the whole batch",
                                       {"torch.flatten(pooled, start_dim=1)": "torch.flatten(pooled)"}),
        "flatten_batch_last": ("reshape(64, -1).t(): right for one image, mixes the images of a batch",
                               {"torch.flatten(pooled, start_dim=1)": "pooled.reshape(64, -1).t()"}),
        "view_after_permute": ("permutes to channels last, then view: fails on a non-contiguous tensor",
                               {"torch.flatten(pooled, start_dim=1)": "pooled.permute(0, 2, 3, 1).view(x.shape[0], -1)"}),
        "no_super_init": ("forgets super().__init__(): nn.Module cannot register the layers", {"        super().__init__()\n": ""}),
    },
    "LeNet5": {
        "no_relu_between_linear_layers": ("fc1 -> fc2 -> fc3 with no ReLU between them",
                                          {"F.relu(self.fc1(x))": "self.fc1(x)", "F.relu(self.fc2(x))": "self.fc2(x)"}),
        "no_relu_after_conv2": ("forgets the ReLU of the second block", {"F.relu(self.conv2(x))": "self.conv2(x)"}),
        "no_relu_after_conv1": ("forgets the ReLU of the first block", {"F.relu(self.conv1(x))": "self.conv1(x)"}),
        "average_pooling": ("average pooling (the 1998 subsampling) instead of max pooling",
                            {"max_pool2d(F.relu(self.conv1": "avg_pool2d(F.relu(self.conv1", "max_pool2d(F.relu(self.conv2": "avg_pool2d(F.relu(self.conv2"}),
        "tanh_activations": ("tanh (the 1998 activation) instead of ReLU",
                             {"F.relu(self.conv1": "torch.tanh(self.conv1", "F.relu(self.conv2": "torch.tanh(self.conv2",
                              "F.relu(self.fc1": "torch.tanh(self.fc1", "F.relu(self.fc2": "torch.tanh(self.fc2"}),
        "relu_on_logits": ("a ReLU after fc3 as well: logits cannot be negative", {"return self.fc3(x)": "return F.relu(self.fc3(x))"}),
        "softmax_output": ("returns softmax probabilities instead of logits", {"return self.fc3(x)": "return F.softmax(self.fc3(x), dim=1)"}),
        "flatten_channels_last": ("flattens (N, 16, s, s) in (row, column, channel) order",
                                  {"torch.flatten(x, 1)": "x.permute(0, 2, 3, 1).reshape(len(x), -1)"}),
        "flatten_without_batch_axis": ("torch.flatten(x) with no start_dim: one long row for the whole batch",
                                       {"torch.flatten(x, 1)": "torch.flatten(x)"}),
        "forward_without_gradients": ("the forward pass under torch.no_grad(): right numbers, nothing to train", {
            "        x = F.max_pool2d(F.relu(self.conv1": "        with torch.no_grad():\n            x = F.max_pool2d(F.relu(self.conv1",
            "        x = F.max_pool2d(F.relu(self.conv2": "            x = F.max_pool2d(F.relu(self.conv2",
            "        x = torch.flatten": "            x = torch.flatten",
            "        x = F.relu(self.fc1": "            x = F.relu(self.fc1",
            "        x = F.relu(self.fc2": "            x = F.relu(self.fc2",
            "        return self.fc3": "            return self.fc3"}),
        "one_pooling_only": ("forgets the second max pooling: fc1 gets 16 * (2s + ...)^2 features",
                             {"x = F.max_pool2d(F.relu(self.conv2(x)), 2)": "x = F.relu(self.conv2(x))"}),
        "padded_convolutions": ("padding=2 in conv1, as for 28x28 MNIST images: larger maps than fc1 takes",
                                {"self.conv1 = nn.Conv2d(in_channels, 6, 5)\n": "self.conv1 = nn.Conv2d(in_channels, 6, 5, padding=2)\n"}),
        # fc1's size
        "fc1_hardcoded_400": ("fc1 = nn.Linear(400, 120) whatever the image size: right only for 32x32",
                              {"nn.Linear(16 * s * s, 120)\n": "nn.Linear(400, 120)\n"}),
        "fc1_not_squared": ("fc1 takes 16 * s features, not 16 * s * s", {"nn.Linear(16 * s * s, 120)\n": "nn.Linear(16 * s, 120)\n"}),
        "s_true_division": ("s with / for //: a float, which nn.Linear refuses",
                            {"        s = ((image_size - 4) // 2 - 4) // 2": "        s = ((image_size - 4) / 2 - 4) / 2"}),
        "s_rounded": ("s with / and round(): the pooling rounds down, not to the nearest (34 -> 6, not 5)",
                      {"        s = ((image_size - 4) // 2 - 4) // 2": "        s = round(((image_size - 4) / 2 - 4) / 2)"}),
        "s_rounded_up": ("s rounded up at each pooling: one too many for odd maps (33 -> 6, not 5)",
                         {"        s = ((image_size - 4) // 2 - 4) // 2": "        s = -(-(-(-(image_size - 4) // 2) - 4) // 2)"}),
        "ceil_mode_pooling": ("pools with ceil_mode=True and sizes s for it: odd maps keep their last row",
                              {"        s = ((image_size - 4) // 2 - 4) // 2": "        s = -(-(-(-(image_size - 4) // 2) - 4) // 2)",
                               "F.max_pool2d(F.relu(self.conv1(x)), 2)": "F.max_pool2d(F.relu(self.conv1(x)), 2, ceil_mode=True)",
                               "F.max_pool2d(F.relu(self.conv2(x)), 2)": "F.max_pool2d(F.relu(self.conv2(x)), 2, ceil_mode=True)"}),
        "s_without_conv_shrink": ("s = image_size // 4: the two poolings, not the convolutions' shrink",
                                  {"        s = ((image_size - 4) // 2 - 4) // 2": "        s = image_size // 4"}),
        "s_both_shrinks_first": ("s = (image_size - 8) // 4: both convolutions' 4 pixels taken before any pooling",
                                 {"        s = ((image_size - 4) // 2 - 4) // 2": "        s = (image_size - 8) // 4"}),
        "s_one_conv_shrink": ("s = (image_size - 4) // 4: forgets the second convolution's shrink",
                              {"        s = ((image_size - 4) // 2 - 4) // 2": "        s = (image_size - 4) // 4"}),
        # the arguments
        "ignores_in_channels": ("conv1 = nn.Conv2d(1, 6, 5): grey images only", {"nn.Conv2d(in_channels, 6, 5)\n": "nn.Conv2d(1, 6, 5)\n"}),
        "ignores_num_classes": ("fc3 = nn.Linear(84, 10): 10 classes whatever num_classes says", {"nn.Linear(84, num_classes)\n": "nn.Linear(84, 10)\n"}),
        "allows_image_size_15": ("image_size >= 15 allowed: 15 gives s = 0, an fc1 of no inputs",
                                 {'("image_size", image_size, 16)]': '("image_size", image_size, 15)]'}),
        "allows_image_size_12": ("image_size >= 12 allowed (only the convolutions counted): s <= 0 below 16",
                                 {'("image_size", image_size, 16)]': '("image_size", image_size, 12)]'}),
        "allows_zero": ("in_channels and num_classes >= 0 allowed: empty layers",
                        {'("in_channels", in_channels, 1), ("num_classes", num_classes, 1)':
                         '("in_channels", in_channels, 0), ("num_classes", num_classes, 0)'}),
        "accepts_floats": ("floats allowed: 32.0 makes s a float, which nn.Linear refuses with a TypeError",
                           {"not isinstance(value, int)": "not isinstance(value, (int, float))"}),
        "no_argument_check": ("no check of the arguments: 15, 0 and 32.0 fail later or not at all", {
            '        for name, value, least in [("in_channels", in_channels, 1), ("num_classes", num_classes, 1), ("image_size", image_size, 16)]:\n'
            "            if not isinstance(value, int) or value < least:\n"
            '                raise ValueError(f"LeNet5: {name} must be an int >= {least}, got {value!r}")\n': ""}),
        "the_chapters_network": ("the chapter's network: the arguments accepted and ignored", """
class LeNet5(nn.Module):
    def __init__(self, in_channels=1, num_classes=10, image_size=32):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 32, 32):
            raise ValueError(f"LeNet5: the input must have shape (N, 1, 32, 32), got {tuple(x.shape)}")
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)
"""),
        # the input check
        "no_shape_check": ("no ValueError: a (N, 1, 32, 33) input goes through (floor pooling)", {LENET_CHECK: ""}),
        "shape_check_without_ndim": ("checks axes 1 to 3 but not the number of axes: a 5-D input gets past it",
                                     {"x.ndim != 4 or x.shape[0] < 1 or tuple(x.shape[1:]) != self.shape":
                                      "x.shape[0] < 1 or tuple(x.shape[1:4]) != self.shape"}),
        "shape_check_hardcoded_32": ("checks for (N, 1, 32, 32) whatever the arguments: refuses the images it was built for",
                                     {"tuple(x.shape[1:]) != self.shape": "tuple(x.shape[1:]) != (1, 32, 32)"}),
        "shape_check_without_channels": ("checks the image size, not the channels: a wrong channel count reaches conv1",
                                         {"tuple(x.shape[1:]) != self.shape": "tuple(x.shape[2:]) != self.shape[1:]"}),
        "empty_batch_allowed": ("no check of N >= 1: an empty batch gives (0, num_classes)", {"x.shape[0] < 1 or ": ""}),
        "no_super_init": ("forgets super().__init__(): nn.Module cannot register the layers", {"        super().__init__()\n": ""}),
    },
    "count_parameters": {
        "counts_frozen_parameters": ("counts every parameter, frozen ones included", {" if p.requires_grad": ""}),
        "weights_only": ("skips the biases (counts only parameters with 2 or more axes)", {"if p.requires_grad": "if p.requires_grad and p.ndim > 1"}),
        "state_dict_entries": ("sums the state_dict: buffers and frozen parameters count",
                               {"p.numel() for p in model.parameters() if p.requires_grad": "v.numel() for v in model.state_dict().values()"}),
        "counts_tensors": ("counts parameter tensors, not their entries", {"sum(p.numel()": "sum(1"}),
        "first_axis_only": ("adds p.shape[0] (the number of rows) instead of p.numel()", {"p.numel() for": "p.shape[0] for"}),
        "returns_tensor": ("returns a 0-d tensor instead of an int", {"return int(": "return torch.tensor("}),
        "shared_layer_twice": ("named_parameters(remove_duplicate=False): a shared layer counts twice",
                               {"for p in model.parameters()": "for _, p in model.named_parameters(remove_duplicate=False)"}),
        "no_argument_check": ("no ValueError: a list fails with AttributeError", {
            "    if not isinstance(model, nn.Module):\n"
            '        raise ValueError(f"count_parameters: expected a torch.nn.Module, got {type(model).__name__}")\n': ""}),
    },
    "train_step": {
        # the weights of the chunks
        "no_weighting": ("backpropagates each chunk's mean loss unweighted: the gradient of the sum of the chunk means",
                         {"(weight * loss).backward()": "loss.backward()"}),
        "weight_by_number_of_chunks": ("weights each chunk by 1 / the number of chunks: wrong when the last one is shorter",
                                       {"weight = len(x_chunk) / n": "weight = 1 / -(-n // size)"}),
        "weight_by_chunk_size": ("weights each chunk by chunk_size / N: the shorter last chunk counts too much",
                                 {"weight = len(x_chunk) / n": "weight = size / n"}),
        "weight_integer_division": ("len(chunk) // N: every weight 0 but for a single chunk",
                                    {"weight = len(x_chunk) / n": "weight = len(x_chunk) // n"}),
        # clearing and stepping
        "no_zero_grad": ("never clears the gradients: a stale .grad is added in", {ZERO_GRAD: ""}),
        "zero_grad_in_the_loop": ("clears the gradients before each chunk: only the last chunk's gradient is left",
                                  {ZERO_GRAD: "", "        x_chunk, y_chunk": "    " + ZERO_GRAD + "        x_chunk, y_chunk"}),
        "step_per_chunk": ("optimizer.step() after each chunk: several steps, at moving weights",
                           {"    optimizer.step()\n": "",
                            "        total += weight * loss.item()\n": "        total += weight * loss.item()\n        optimizer.step()\n"}),
        "step_and_zero_grad_per_chunk": ("a whole training step per chunk: several small steps, not one",
                                         {ZERO_GRAD: "", "    optimizer.step()\n": "",
                                          "        x_chunk, y_chunk": "    " + ZERO_GRAD + "        x_chunk, y_chunk",
                                          "        total += weight * loss.item()\n": "        total += weight * loss.item()\n        optimizer.step()\n"}),
        "step_before_backward": ("updates with the old gradients, then accumulates",
                                 {"    optimizer.step()\n": "", "    total = 0.0\n": "    optimizer.step()\n    total = 0.0\n"}),
        "zero_grad_between_backward_and_step": ("clears the gradients after the chunks: the step has nothing to use",
                                                {ZERO_GRAD: "", "    optimizer.step()\n": ZERO_GRAD + "    optimizer.step()\n"}),
        "zero_grad_at_the_end": ("clears after the step instead of before: a stale .grad enters the update",
                                 {ZERO_GRAD: "", "    optimizer.step()\n": "    optimizer.step()\n" + ZERO_GRAD}),
        "zero_grad_at_the_end_kept": ("clears after the step with set_to_none=False: .grad ends all zeros",
                                      {ZERO_GRAD: "", "    optimizer.step()\n": "    optimizer.step()\n    optimizer.zero_grad(set_to_none=False)\n"}),
        "no_step": ("forgets optimizer.step(): the weights never change", {"    optimizer.step()\n": ""}),
        "update_by_hand": ("updates p -= lr * grad itself: ignores the optimizer's momentum", {
            "    optimizer.step()\n": (
                "    with torch.no_grad():\n"
                "        for p in model.parameters():\n"
                "            p -= optimizer.param_groups[0][\"lr\"] * p.grad\n"
            )}),
        "backward_twice": ("calls backward twice per chunk (retain_graph=True): the gradient is doubled",
                           {"(weight * loss).backward()": "(weight * loss).backward(retain_graph=True)\n        (weight * loss).backward()"}),
        "forward_under_no_grad": ("computes the losses under torch.no_grad(): nothing to backpropagate",
                                  {"        loss = loss_fn(model(x_chunk), y_chunk)\n":
                                   "        with torch.no_grad():\n            loss = loss_fn(model(x_chunk), y_chunk)\n"}),
        "arguments_swapped": ("calls loss_fn(y, model(x)): the target where the scores go",
                              {"loss_fn(model(x_chunk), y_chunk)": "loss_fn(y_chunk, model(x_chunk))"}),
        # the chunks
        "ignores_chunk_size": ("the chapter's step on the whole batch, chunk_size accepted and ignored: no memory saved", """
def train_step(model, optimizer, loss_fn, x, y, chunk_size=None):
    if x.ndim == 0 or y.ndim == 0 or len(x) != len(y) or len(x) == 0:
        raise ValueError("train_step: x and y must hold the same number N >= 1 of examples")
    if chunk_size is not None and (not isinstance(chunk_size, int) or chunk_size < 1):
        raise ValueError(f"train_step: chunk_size must be None or an int >= 1, got {chunk_size!r}")
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()
"""),
        "drops_short_last_chunk": ("range(0, N - c + 1, c): the shorter last chunk is never run",
                                   {"range(0, n, size)": "range(0, n - size + 1, size)"}),
        "overlapping_chunks": ("chunks start every c examples but take c + 1: some examples count twice",
                               {"x[start:start + size], y[start:start + size]": "x[start:start + size + 1], y[start:start + size + 1]"}),
        "x_chunked_y_not": ("chunks x, but compares each chunk's scores with the first targets",
                            {"y[start:start + size]": "y[:len(x[start:start + size])]"}),
        # the value returned
        "returns_last_chunk_loss": ("returns the last chunk's loss, not the whole batch's", {"    return total\n": "    return loss.item()\n"}),
        "returns_plain_mean_of_chunk_losses": ("returns the plain mean of the chunk losses: the shorter last chunk counts too much",
                                               {"total += weight * loss.item()": "total += loss.item() / -(-n // size)"}),
        "returns_sum_of_chunk_losses": ("returns the sum of the chunk losses", {"total += weight * loss.item()": "total += loss.item()"}),
        "returns_tensor": ("returns the loss as a tensor, not a float", {"total += weight * loss.item()": "total += weight * loss.detach()"}),
        "loss_after_the_step": ("returns a loss recomputed after the update (the stale/fresh mix-up the other way)",
                                {"    return total\n": "    with torch.no_grad():\n        return loss_fn(model(x), y).item()\n"}),
        # the checks
        "no_length_check": ("no ValueError when x and y differ in length: the loss fails or broadcasts", {
            "    if x.ndim == 0 or y.ndim == 0 or len(x) != len(y) or len(x) == 0:\n"
            '        raise ValueError(f"train_step: x and y must hold the same number N >= 1 of examples, '
            'got shapes {tuple(x.shape)} and {tuple(y.shape)}")\n': ""}),
        "no_chunk_size_check": ("no ValueError for a bad chunk_size: -2 runs no chunk, 2.0 fails in range()", {
            "    if chunk_size is not None and (not isinstance(chunk_size, int) or chunk_size < 1):\n"
            '        raise ValueError(f"train_step: chunk_size must be None or an int >= 1, got {chunk_size!r}")\n': ""}),
    },
}

CORRECT = {
    "LabNet": {
        "layer_modules_and_view": ("ReLU and pooling as modules, pooling before the ReLU (they commute), view to flatten", """
class LabNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(in_channels=1, out_channels=4, kernel_size=(3, 3), stride=1, padding=(1, 1))
        self.pool = nn.MaxPool2d(kernel_size=2, stride=2)
        self.relu = nn.ReLU()
        self.fc = nn.Linear(in_features=64, out_features=10)

    def forward(self, x):
        if x.dim() != 4 or x.shape[1:] != torch.Size([1, 8, 8]):
            raise ValueError("LabNet expects images of shape (N, 1, 8, 8)")
        h = self.relu(self.pool(self.conv(x)))
        return self.fc(h.view(h.size(0), -1))
"""),
        "clamp_and_view_minus_one": ("clamp(min=0) for the ReLU, a check that also counts the axes, view(-1, 64)", """
class LabNet(nn.Module):
    def __init__(self):
        super(LabNet, self).__init__()
        self.conv = nn.Conv2d(1, 4, 3, padding=1)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        if len(x.shape) != 4 or x.shape[-3:] != (1, 8, 8):
            raise ValueError("x must be (N, 1, 8, 8)")
        h = nn.functional.max_pool2d(self.conv(x).clamp(min=0), 2, 2)
        return self.fc(h.view(-1, 64))
"""),
    },
    "LeNet5": {
        "dummy_tensor_for_s": ("fc1's size from a dummy image run through the convolutions under torch.no_grad(), nn.Flatten", """
class LeNet5(nn.Module):
    def __init__(self, in_channels=1, num_classes=10, image_size=32):
        super().__init__()
        for value in (in_channels, num_classes):
            if type(value) is not int or value < 1:
                raise ValueError(f"LeNet5: in_channels and num_classes must be positive ints, got {value!r}")
        if type(image_size) is not int or image_size < 16:
            raise ValueError(f"LeNet5: image_size must be an int of at least 16, got {image_size!r}")
        self.in_channels, self.image_size = in_channels, image_size
        self.conv1 = nn.Conv2d(in_channels, 6, kernel_size=5)
        self.conv2 = nn.Conv2d(6, 16, kernel_size=5)
        self.pool = nn.MaxPool2d(2)
        self.flatten = nn.Flatten()
        with torch.no_grad():
            dummy = torch.zeros(1, in_channels, image_size, image_size)
            features = self.flatten(self.pool(self.conv2(self.pool(self.conv1(dummy))))).shape[1]
        self.fc1 = nn.Linear(features, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, num_classes)

    def forward(self, x):
        expected = (self.in_channels, self.image_size, self.image_size)
        if x.dim() != 4 or len(x) == 0 or x.shape[1:] != expected:
            raise ValueError(f"LeNet5 expects (N >= 1, *{expected}), got {tuple(x.shape)}")
        x = self.pool(torch.relu(self.conv1(x)))
        x = self.pool(torch.relu(self.conv2(x)))
        x = torch.relu(self.fc1(self.flatten(x)))
        return self.fc3(torch.relu(self.fc2(x)))
"""),
        "formula_written_otherwise": ("s = (image_size - 12) // 4, the two floors in one, a check that also counts N", {
            "        s = ((image_size - 4) // 2 - 4) // 2": "        s = (image_size - 12) // 4",
            "x.ndim != 4 or x.shape[0] < 1 or tuple(x.shape[1:]) != self.shape": "len(x.shape) != 4 or x.numel() == 0 or x.shape[1:] != self.shape"}),
        "int_of_true_division": ("s = int(((image_size - 4) / 2 - 4) / 2): truncating a positive number is the floor",
                                 {"        s = ((image_size - 4) // 2 - 4) // 2": "        s = int(((image_size - 4) / 2 - 4) / 2)"}),
        "modules_and_reshape": ("ReLU and pooling as modules, image_size // 4 - 3, reshape(x.size(0), -1), operator.index for the check", """
class LeNet5(nn.Module):
    def __init__(self, in_channels=1, num_classes=10, image_size=32):
        import operator
        super().__init__()
        try:
            sizes = [operator.index(v) for v in (in_channels, num_classes, image_size)]
        except TypeError:
            raise ValueError(f"LeNet5: the arguments must be ints, got {in_channels!r}, {num_classes!r}, {image_size!r}") from None
        if sizes[0] < 1 or sizes[1] < 1 or sizes[2] < 16:
            raise ValueError(f"LeNet5: need in_channels >= 1, num_classes >= 1, image_size >= 16, got {sizes}")
        side = image_size // 4 - 3
        self.expected = torch.Size([in_channels, image_size, image_size])
        self.conv1 = nn.Conv2d(in_channels=in_channels, out_channels=6, kernel_size=(5, 5))
        self.conv2 = nn.Conv2d(in_channels=6, out_channels=16, kernel_size=(5, 5))
        self.fc1 = nn.Linear(in_features=16 * side ** 2, out_features=120)
        self.fc2 = nn.Linear(in_features=120, out_features=84)
        self.fc3 = nn.Linear(in_features=84, out_features=num_classes)
        self.relu = nn.ReLU()
        self.pool = nn.MaxPool2d(kernel_size=2, stride=2)

    def forward(self, x):
        if x.dim() != 4 or x.size(0) < 1 or x.shape[1:] != self.expected:
            raise ValueError(f"LeNet5: expected (N, {tuple(self.expected)}), got {tuple(x.shape)}")
        x = self.pool(self.relu(self.conv1(x)))
        x = self.pool(self.relu(self.conv2(x)))
        x = x.reshape(x.size(0), -1)
        return self.fc3(self.relu(self.fc2(self.relu(self.fc1(x)))))
"""),
    },
    "count_parameters": {
        "loop_with_math_prod": ("a loop over the parameters, math.prod of each shape", """
def count_parameters(model):
    import math
    if not isinstance(model, torch.nn.Module):
        raise ValueError("count_parameters needs an nn.Module")
    total = 0
    for p in model.parameters():
        if p.requires_grad:
            total += math.prod(p.shape)
    return total
"""),
        "numpy_sum": ("np.sum of np.prod of the shapes: a NumPy integer", """
def count_parameters(model):
    if not isinstance(model, nn.Module):
        raise ValueError("count_parameters needs an nn.Module")
    return np.sum([np.prod(p.shape, dtype=np.int64) for p in model.parameters() if p.requires_grad], dtype=np.int64)
"""),
    },
    "train_step": {
        "torch_split": ("zip of torch.split(x, c) and torch.split(y, c), model.zero_grad(), the loss from the detached chunk losses", """
def train_step(model, optimizer, loss_fn, x, y, chunk_size=None):
    if len(x.shape) == 0 or len(y.shape) == 0 or x.shape[0] != y.shape[0] or x.shape[0] < 1:
        raise ValueError(f"train_step: x and y need the same N >= 1, got {tuple(x.shape)} and {tuple(y.shape)}")
    if chunk_size is None:
        chunk_size = x.shape[0]
    elif not isinstance(chunk_size, int) or chunk_size <= 0:
        raise ValueError(f"train_step: bad chunk_size {chunk_size!r}")
    model.zero_grad()
    n = x.shape[0]
    losses = []
    for xs, ys in zip(torch.split(x, chunk_size), torch.split(y, chunk_size)):
        chunk_loss = loss_fn(model(xs), ys) * (xs.shape[0] / n)
        chunk_loss.backward()
        losses.append(chunk_loss.detach())
    optimizer.step()
    return float(torch.stack(losses).sum())
"""),
        "sum_then_divide": ("each chunk's loss times its length, the grads divided by N after the loop, tensor_split at indices", """
def train_step(model, optimizer, loss_fn, x, y, chunk_size=None):
    n = len(x) if x.dim() > 0 else 0
    if n == 0 or y.dim() == 0 or len(y) != n:
        raise ValueError("train_step: x and y must have the same length N >= 1")
    if chunk_size is not None and (type(chunk_size) is not int or chunk_size < 1):
        raise ValueError(f"train_step: chunk_size must be None or an int >= 1, got {chunk_size!r}")
    c = n if chunk_size is None else chunk_size
    for p in model.parameters():
        p.grad = None
    total = 0.0
    cuts = list(range(c, n, c))
    for xs, ys in zip(torch.tensor_split(x, cuts), torch.tensor_split(y, cuts)):
        loss = loss_fn(model(xs), ys)
        (loss * len(xs)).backward()
        total += loss.item() * len(xs)
    with torch.no_grad():
        for p in model.parameters():
            if p.grad is not None:
                p.grad /= n
    optimizer.step()
    return total / n
"""),
        "two_branches_while_loop": ("the whole batch as its own branch, a while loop with index slicing, zero_grad(set_to_none=False)", """
def train_step(model, optimizer, loss_fn, x, y, chunk_size=None):
    if x.ndim < 1 or y.ndim < 1 or x.shape[0] != y.shape[0] or x.shape[0] == 0:
        raise ValueError("train_step: x and y must hold N >= 1 examples each")
    if chunk_size is not None and not (isinstance(chunk_size, int) and chunk_size >= 1):
        raise ValueError("train_step: chunk_size must be None or a positive int")
    optimizer.zero_grad(set_to_none=False)
    if chunk_size is None:
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        return loss.item()
    n, start, weighted = x.shape[0], 0, []
    while start < n:
        stop = min(start + chunk_size, n)
        loss = loss_fn(model(x[start:stop]), y[start:stop])
        share = (stop - start) / n
        loss.mul(share).backward()
        weighted.append(share * loss.item())
        start = stop
    optimizer.step()
    return float(np.sum(weighted))
"""),
    },
}

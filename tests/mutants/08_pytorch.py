"""Assignment 08_pytorch: known-wrong and alternative correct versions of its graded functions."""

LABNET_CHECK = ("        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 8, 8):\n"
                '            raise ValueError(f"LabNet: the input must have shape (N, 1, 8, 8), got {tuple(x.shape)}")\n')
LENET_CHECK = ("        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 32, 32):\n"
               '            raise ValueError(f"LeNet5: the input must have shape (N, 1, 32, 32), got {tuple(x.shape)}")\n')
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
        "average_pooling": ("average pooling (the 1998 subsampling) instead of max pooling",
                            {"max_pool2d(F.relu(self.conv1": "avg_pool2d(F.relu(self.conv1", "max_pool2d(F.relu(self.conv2": "avg_pool2d(F.relu(self.conv2"}),
        "tanh_activations": ("tanh (the 1998 activation) instead of ReLU",
                             {"F.relu(self.conv1": "torch.tanh(self.conv1", "F.relu(self.conv2": "torch.tanh(self.conv2",
                                                                          "F.relu(self.fc1": "torch.tanh(self.fc1", "F.relu(self.fc2": "torch.tanh(self.fc2"}),
        "relu_on_logits": ("a ReLU after fc3 as well: logits cannot be negative", {"return self.fc3(x)": "return F.relu(self.fc3(x))"}),
        "softmax_output": ("returns softmax probabilities instead of logits", {"return self.fc3(x)": "return F.softmax(self.fc3(x), dim=1)"}),
        "flatten_channels_last": ("flattens (N, 16, 5, 5) in (row, column, channel) order", {"torch.flatten(x, 1)": "x.permute(0, 2, 3, 1).reshape(-1, 400)"}),
        "fc1_sized_for_28x28": ("sizes fc1 for 4x4 maps (16 * 4 * 4 inputs), as for 28x28 images", {"16 * 5 * 5, 120)\n": "16 * 4 * 4, 120)\n"}),
        "no_shape_check": ("no ValueError: a (N, 1, 32, 33) input goes through (floor pooling)", {LENET_CHECK: ""}),
        "shape_check_without_ndim": ("checks axes 1 to 3 but not the number of axes: a 5-D input gets past it",
                                     {"x.ndim != 4 or tuple(x.shape[1:]) != (1, 32, 32)": "tuple(x.shape[1:4]) != (1, 32, 32)"}),
        "forward_without_gradients": ("the forward pass under torch.no_grad(): right numbers, nothing to train", {
            "        x = F.max_pool2d(F.relu(self.conv1": "        with torch.no_grad():\n            x = F.max_pool2d(F.relu(self.conv1",
            "        x = F.max_pool2d(F.relu(self.conv2": "            x = F.max_pool2d(F.relu(self.conv2",
            "        x = torch.flatten": "            x = torch.flatten",
            "        x = F.relu(self.fc1": "            x = F.relu(self.fc1",
            "        x = F.relu(self.fc2": "            x = F.relu(self.fc2",
            "        return self.fc3": "            return self.fc3"}),
        "flatten_without_batch_axis": ("torch.flatten(x) with no start_dim: one long row for the whole batch",
                                       {"torch.flatten(x, 1)": "torch.flatten(x)"}),
        "one_pooling_only": ("forgets the second max pooling: fc1 gets 16 * 10 * 10 features",
                             {"x = F.max_pool2d(F.relu(self.conv2(x)), 2)": "x = F.relu(self.conv2(x))"}),
        "padded_convolutions": ("padding=2 in conv1, as for 28x28 MNIST images: fc1 gets 16 * 6 * 6 features",
                                {"self.conv1 = nn.Conv2d(1, 6, 5)\n": "self.conv1 = nn.Conv2d(1, 6, 5, padding=2)\n"}),
        "no_relu_after_conv1": ("forgets the ReLU of the first block", {"F.relu(self.conv1(x))": "self.conv1(x)"}),
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
        "no_zero_grad": ("never clears the gradients: they accumulate across calls", {ZERO_GRAD: ""}),
        "step_before_backward": ("updates with the old gradients, then backpropagates",
                                 {"loss.backward()\n    optimizer.step()": "optimizer.step()\n    loss.backward()"}),
        "zero_grad_between_backward_and_step": ("clears the gradients after backward: the step has nothing to use",
                                                {ZERO_GRAD: "", "loss.backward()\n": "loss.backward()\n" + ZERO_GRAD}),
        "zero_grad_at_the_end": ("clears after the step instead of before: a stale .grad enters the first update",
                                 {ZERO_GRAD: "", "optimizer.step()\n": "optimizer.step()\n" + ZERO_GRAD}),
        "returns_tensor": ("returns the loss tensor, not a float", {"return loss.item()": "return loss"}),
        "backward_twice": ("calls backward twice (retain_graph=True): the gradient is doubled",
                           {"loss.backward()": "loss.backward(retain_graph=True)\n    loss.backward()"}),
        "backward_twice_without_retain": ("calls backward twice: the freed graph raises", {"loss.backward()": "loss.backward()\n    loss.backward()"}),
        "loss_after_the_step": ("returns a loss recomputed after the update (the stale/fresh mix-up the other way)",
                                {"return loss.item()": "with torch.no_grad():\n        return loss_fn(model(x), y).item()"}),
        "no_step": ("forgets optimizer.step(): the weights never change", {"    optimizer.step()\n": ""}),
        "update_by_hand": ("updates p -= lr * grad itself: ignores the optimizer's momentum", {
            "    optimizer.step()\n": (
                "    with torch.no_grad():\n"
                "        for p in model.parameters():\n"
                "            p -= optimizer.param_groups[0][\"lr\"] * p.grad\n"
            )}),
        "arguments_swapped": ("calls loss_fn(y, model(x)): the target where the scores go", {"= loss_fn(model(x), y)": "= loss_fn(y, model(x))"}),
        "forward_under_no_grad": ("computes the loss under torch.no_grad(): nothing to backpropagate",
                                  {"    loss = loss_fn(model(x), y)\n": "    with torch.no_grad():\n        loss = loss_fn(model(x), y)\n"}),
        "zero_grad_at_the_end_kept": ("clears after the step with set_to_none=False: .grad ends all zeros",
                                      {ZERO_GRAD: "", "optimizer.step()\n": "optimizer.step()\n    optimizer.zero_grad(set_to_none=False)\n"}),
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
        "pool_module_and_reshape": ("one MaxPool2d module, nn.functional ReLU, reshape(-1, 16 * 5 * 5)", """
class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, kernel_size=5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, kernel_size=5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        if len(x.shape) != 4 or x.shape[1] != 1 or x.shape[2] != 32 or x.shape[3] != 32:
            raise ValueError(f"LeNet5 needs (N, 1, 32, 32), got {tuple(x.shape)}")
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = x.reshape(-1, 16 * 5 * 5)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)
"""),
        "flatten_module_and_torch_relu": ("nn.Flatten() and torch.relu, a shape check on x.dim() and x.shape[1:]", """
class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.flatten = nn.Flatten()
        self.fc1 = nn.Linear(400, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        if x.dim() != 4 or x.shape[1:] != (1, 32, 32):
            raise ValueError("LeNet5 expects (N, 1, 32, 32)")
        x = F.max_pool2d(torch.relu(self.conv1(x)), (2, 2))
        x = F.max_pool2d(torch.relu(self.conv2(x)), (2, 2))
        x = torch.relu(self.fc1(self.flatten(x)))
        return self.fc3(torch.relu(self.fc2(x)))
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
        "model_zero_grad_in_place": ("model.zero_grad(set_to_none=False), float(loss) before the step", """
def train_step(model, optimizer, loss_fn, x, y):
    model.zero_grad(set_to_none=False)
    scores = model(x)
    loss = loss_fn(scores, y)
    loss.backward()
    value = float(loss.detach())
    optimizer.step()
    return value
"""),
        "grads_set_to_none": ("sets every .grad to None by hand, loss.detach().item()", """
def train_step(model, optimizer, loss_fn, x, y):
    for group in optimizer.param_groups:
        for p in group["params"]:
            p.grad = None
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.detach().item()
"""),
    },
}

"""Assignment 08_pytorch: known-wrong and alternative correct versions of its graded functions."""

WRONG = {
    "LabNet": {
        "missing_relu": ("conv straight into the pooling: no ReLU", """
class LabNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, kernel_size=3, padding=1)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 8, 8):
            raise ValueError("LabNet: bad input shape")
        return self.fc(torch.flatten(F.max_pool2d(self.conv(x), 2), 1))
"""),
        "average_pooling": ("average pooling where the lab uses max pooling", """
class LabNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, kernel_size=3, padding=1)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 8, 8):
            raise ValueError("LabNet: bad input shape")
        return self.fc(torch.flatten(F.avg_pool2d(F.relu(self.conv(x)), 2), 1))
"""),
        "softmax_output": ("returns probabilities, not logits: a softmax after fc", """
class LabNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, kernel_size=3, padding=1)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 8, 8):
            raise ValueError("LabNet: bad input shape")
        return torch.softmax(self.fc(torch.flatten(F.max_pool2d(F.relu(self.conv(x)), 2), 1)), dim=1)
"""),
        "relu_on_logits": ("a ReLU after the last layer too: no negative logits", """
class LabNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, kernel_size=3, padding=1)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 8, 8):
            raise ValueError("LabNet: bad input shape")
        return F.relu(self.fc(torch.flatten(F.max_pool2d(F.relu(self.conv(x)), 2), 1)))
"""),
        "no_padding": ("forgets padding=1: 6x6 maps, 3x3 after pooling, a linear layer of 36 inputs", """
class LabNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, kernel_size=3)
        self.fc = nn.Linear(36, 10)

    def forward(self, x):
        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 8, 8):
            raise ValueError("LabNet: bad input shape")
        return self.fc(torch.flatten(F.max_pool2d(F.relu(self.conv(x)), 2), 1))
"""),
        "flatten_channels_last": ("flattens in (row, column, channel) order", """
class LabNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, kernel_size=3, padding=1)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 8, 8):
            raise ValueError("LabNet: bad input shape")
        h = F.max_pool2d(F.relu(self.conv(x)), 2)
        return self.fc(h.permute(0, 2, 3, 1).reshape(x.shape[0], -1))
"""),
        "pool_before_conv": ("pools the image first, then convolves: same shapes, wrong network", """
class LabNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, kernel_size=3, padding=1)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 8, 8):
            raise ValueError("LabNet: bad input shape")
        return self.fc(torch.flatten(F.relu(self.conv(F.max_pool2d(x, 2))), 1))
"""),
        "strided_conv_for_pooling": ("a stride-2 convolution in place of the max pooling", """
class LabNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, kernel_size=3, padding=1, stride=2)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 8, 8):
            raise ValueError("LabNet: bad input shape")
        return self.fc(torch.flatten(F.relu(self.conv(x)), 1))
"""),
        "sigmoid_for_relu": ("a sigmoid where the lab uses a ReLU", """
class LabNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, kernel_size=3, padding=1)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 8, 8):
            raise ValueError("LabNet: bad input shape")
        return self.fc(torch.flatten(F.max_pool2d(torch.sigmoid(self.conv(x)), 2), 1))
"""),
        "forward_without_gradients": ("runs the forward pass under torch.no_grad(): right numbers, nothing to train", """
class LabNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, kernel_size=3, padding=1)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 8, 8):
            raise ValueError("LabNet: bad input shape")
        with torch.no_grad():
            return self.fc(torch.flatten(F.max_pool2d(F.relu(self.conv(x)), 2), 1))
"""),
        "no_shape_check": ("no ValueError: a (N, 1, 8, 9) input goes through (floor pooling)", """
class LabNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, kernel_size=3, padding=1)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        return self.fc(torch.flatten(F.max_pool2d(F.relu(self.conv(x)), 2), 1))
"""),
    },
    "LeNet5": {
        "no_relu_between_linear_layers": ("fc1 -> fc2 -> fc3 with no ReLU between them", """
class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 6, 5), nn.Conv2d(6, 16, 5)
        self.fc1, self.fc2, self.fc3 = nn.Linear(400, 120), nn.Linear(120, 84), nn.Linear(84, 10)

    def forward(self, x):
        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 32, 32):
            raise ValueError("LeNet5: bad input shape")
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc3(self.fc2(self.fc1(torch.flatten(x, 1))))
"""),
        "no_relu_after_conv2": ("forgets the ReLU of the second block", """
class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 6, 5), nn.Conv2d(6, 16, 5)
        self.fc1, self.fc2, self.fc3 = nn.Linear(400, 120), nn.Linear(120, 84), nn.Linear(84, 10)

    def forward(self, x):
        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 32, 32):
            raise ValueError("LeNet5: bad input shape")
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(self.conv2(x), 2)
        x = F.relu(self.fc1(torch.flatten(x, 1)))
        return self.fc3(F.relu(self.fc2(x)))
"""),
        "average_pooling": ("average pooling (the 1998 subsampling) instead of max pooling", """
class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 6, 5), nn.Conv2d(6, 16, 5)
        self.fc1, self.fc2, self.fc3 = nn.Linear(400, 120), nn.Linear(120, 84), nn.Linear(84, 10)

    def forward(self, x):
        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 32, 32):
            raise ValueError("LeNet5: bad input shape")
        x = F.avg_pool2d(F.relu(self.conv1(x)), 2)
        x = F.avg_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.fc1(torch.flatten(x, 1)))
        return self.fc3(F.relu(self.fc2(x)))
"""),
        "tanh_activations": ("tanh (the 1998 activation) instead of ReLU", """
class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 6, 5), nn.Conv2d(6, 16, 5)
        self.fc1, self.fc2, self.fc3 = nn.Linear(400, 120), nn.Linear(120, 84), nn.Linear(84, 10)

    def forward(self, x):
        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 32, 32):
            raise ValueError("LeNet5: bad input shape")
        x = F.max_pool2d(torch.tanh(self.conv1(x)), 2)
        x = F.max_pool2d(torch.tanh(self.conv2(x)), 2)
        x = torch.tanh(self.fc1(torch.flatten(x, 1)))
        return self.fc3(torch.tanh(self.fc2(x)))
"""),
        "relu_on_logits": ("a ReLU after fc3 as well: logits cannot be negative", """
class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 6, 5), nn.Conv2d(6, 16, 5)
        self.fc1, self.fc2, self.fc3 = nn.Linear(400, 120), nn.Linear(120, 84), nn.Linear(84, 10)

    def forward(self, x):
        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 32, 32):
            raise ValueError("LeNet5: bad input shape")
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.fc1(torch.flatten(x, 1)))
        return F.relu(self.fc3(F.relu(self.fc2(x))))
"""),
        "softmax_output": ("returns softmax probabilities instead of logits", """
class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 6, 5), nn.Conv2d(6, 16, 5)
        self.fc1, self.fc2, self.fc3 = nn.Linear(400, 120), nn.Linear(120, 84), nn.Linear(84, 10)

    def forward(self, x):
        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 32, 32):
            raise ValueError("LeNet5: bad input shape")
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.fc1(torch.flatten(x, 1)))
        return F.softmax(self.fc3(F.relu(self.fc2(x))), dim=1)
"""),
        "flatten_channels_last": ("flattens (N, 16, 5, 5) in (row, column, channel) order", """
class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 6, 5), nn.Conv2d(6, 16, 5)
        self.fc1, self.fc2, self.fc3 = nn.Linear(400, 120), nn.Linear(120, 84), nn.Linear(84, 10)

    def forward(self, x):
        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 32, 32):
            raise ValueError("LeNet5: bad input shape")
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.fc1(x.permute(0, 2, 3, 1).reshape(-1, 400)))
        return self.fc3(F.relu(self.fc2(x)))
"""),
        "fc1_sized_for_28x28": ("sizes fc1 for 4x4 maps (16 * 4 * 4 inputs), as for 28x28 images", """
class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 6, 5), nn.Conv2d(6, 16, 5)
        self.fc1, self.fc2, self.fc3 = nn.Linear(16 * 4 * 4, 120), nn.Linear(120, 84), nn.Linear(84, 10)

    def forward(self, x):
        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 32, 32):
            raise ValueError("LeNet5: bad input shape")
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.fc1(torch.flatten(x, 1)))
        return self.fc3(F.relu(self.fc2(x)))
"""),
        "no_shape_check": ("no ValueError: a (N, 1, 32, 33) input goes through (floor pooling)", """
class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 6, 5), nn.Conv2d(6, 16, 5)
        self.fc1, self.fc2, self.fc3 = nn.Linear(400, 120), nn.Linear(120, 84), nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.fc1(torch.flatten(x, 1)))
        return self.fc3(F.relu(self.fc2(x)))
"""),
    },
    "count_parameters": {
        "counts_frozen_parameters": ("counts every parameter, frozen ones included", """
def count_parameters(model):
    if not isinstance(model, nn.Module):
        raise ValueError("not a module")
    return sum(p.numel() for p in model.parameters())
"""),
        "weights_only": ("skips the biases (counts only parameters with 2 or more axes)", """
def count_parameters(model):
    if not isinstance(model, nn.Module):
        raise ValueError("not a module")
    return sum(p.numel() for p in model.parameters() if p.requires_grad and p.ndim > 1)
"""),
        "state_dict_entries": ("sums the state_dict: buffers and frozen parameters count", """
def count_parameters(model):
    if not isinstance(model, nn.Module):
        raise ValueError("not a module")
    return sum(v.numel() for v in model.state_dict().values())
"""),
        "counts_tensors": ("counts parameter tensors, not their entries", """
def count_parameters(model):
    if not isinstance(model, nn.Module):
        raise ValueError("not a module")
    return len([p for p in model.parameters() if p.requires_grad])
"""),
        "first_axis_only": ("adds p.shape[0] (the number of rows) instead of p.numel()", """
def count_parameters(model):
    if not isinstance(model, nn.Module):
        raise ValueError("not a module")
    return sum(p.shape[0] for p in model.parameters() if p.requires_grad)
"""),
        "returns_tensor": ("returns a 0-d tensor instead of an int", """
def count_parameters(model):
    if not isinstance(model, nn.Module):
        raise ValueError("not a module")
    return torch.tensor(sum(p.numel() for p in model.parameters() if p.requires_grad))
"""),
        "shared_layer_twice": ("named_parameters(remove_duplicate=False): a shared layer counts twice", """
def count_parameters(model):
    if not isinstance(model, nn.Module):
        raise ValueError("not a module")
    return sum(p.numel() for _, p in model.named_parameters(remove_duplicate=False) if p.requires_grad)
"""),
        "no_argument_check": ("no ValueError: a list fails with AttributeError", """
def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
"""),
    },
    "train_step": {
        "no_zero_grad": ("never clears the gradients: they accumulate across calls", """
def train_step(model, optimizer, loss_fn, x, y):
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()
"""),
        "step_before_backward": ("updates with the old gradients, then backpropagates", """
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    optimizer.step()
    loss.backward()
    return loss.item()
"""),
        "zero_grad_between_backward_and_step": ("clears the gradients after backward: the step has nothing to use", """
def train_step(model, optimizer, loss_fn, x, y):
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.zero_grad()
    optimizer.step()
    return loss.item()
"""),
        "zero_grad_at_the_end": ("clears after the step instead of before: a stale .grad enters the first update", """
def train_step(model, optimizer, loss_fn, x, y):
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    return loss.item()
"""),
        "returns_tensor": ("returns the loss tensor, not a float", """
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss
"""),
        "backward_twice": ("calls backward twice (retain_graph=True): the gradient is doubled", """
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward(retain_graph=True)
    loss.backward()
    optimizer.step()
    return loss.item()
"""),
        "backward_twice_without_retain": ("calls backward twice: the freed graph raises", """
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    loss.backward()
    optimizer.step()
    return loss.item()
"""),
        "loss_after_the_step": ("returns a loss recomputed after the update (the stale/fresh mix-up the other way)", """
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    with torch.no_grad():
        return loss_fn(model(x), y).item()
"""),
        "no_step": ("forgets optimizer.step(): the weights never change", """
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    return loss.item()
"""),
        "update_by_hand": ("updates p -= lr * grad itself: ignores the optimizer's momentum", """
def train_step(model, optimizer, loss_fn, x, y):
    for p in model.parameters():
        p.grad = None
    loss = loss_fn(model(x), y)
    loss.backward()
    lr = optimizer.param_groups[0]["lr"]
    with torch.no_grad():
        for p in model.parameters():
            p -= lr * p.grad
    return loss.item()
"""),
        "arguments_swapped": ("calls loss_fn(y, model(x)): the target where the scores go", """
def train_step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad()
    loss = loss_fn(y, model(x))
    loss.backward()
    optimizer.step()
    return loss.item()
"""),
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

"""Assignment 09_digits: known-wrong and alternative correct versions of its graded functions."""

WRONG = {
    "make_loaders": {
        "unstratified_split": ("a random split without stratify: the test part misses the class proportions", """
def make_loaders(X, y, batch_size, test_size=0.2, seed=0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim not in (2, 3) or X.shape[1:] not in ((64,), (8, 8)) or y.shape != (len(X),) or batch_size < 1 or not 0 < test_size < 1:
        raise ValueError("bad arguments")
    a, b, c, d = train_test_split(X.reshape(-1, 1, 8, 8) / 16, y, test_size=test_size, random_state=seed)
    g = torch.Generator().manual_seed(seed)
    train = TensorDataset(torch.tensor(a, dtype=torch.float32), torch.tensor(c, dtype=torch.int64))
    test = TensorDataset(torch.tensor(b, dtype=torch.float32), torch.tensor(d, dtype=torch.int64))
    return DataLoader(train, batch_size=batch_size, shuffle=True, generator=g), DataLoader(test, batch_size=batch_size)
"""),
        "no_scaling": ("keeps the raw pixels 0..16", """
def make_loaders(X, y, batch_size, test_size=0.2, seed=0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim not in (2, 3) or X.shape[1:] not in ((64,), (8, 8)) or y.shape != (len(X),) or batch_size < 1 or not 0 < test_size < 1:
        raise ValueError("bad arguments")
    a, b, c, d = train_test_split(X.reshape(-1, 1, 8, 8), y, test_size=test_size, stratify=y, random_state=seed)
    g = torch.Generator().manual_seed(seed)
    train = TensorDataset(torch.tensor(a, dtype=torch.float32), torch.tensor(c, dtype=torch.int64))
    test = TensorDataset(torch.tensor(b, dtype=torch.float32), torch.tensor(d, dtype=torch.int64))
    return DataLoader(train, batch_size=batch_size, shuffle=True, generator=g), DataLoader(test, batch_size=batch_size)
"""),
        "divides_by_max": ("divides by the largest pixel seen instead of 16", """
def make_loaders(X, y, batch_size, test_size=0.2, seed=0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim not in (2, 3) or X.shape[1:] not in ((64,), (8, 8)) or y.shape != (len(X),) or batch_size < 1 or not 0 < test_size < 1:
        raise ValueError("bad arguments")
    a, b, c, d = train_test_split(X.reshape(-1, 1, 8, 8) / X.max(), y, test_size=test_size, stratify=y, random_state=seed)
    g = torch.Generator().manual_seed(seed)
    train = TensorDataset(torch.tensor(a, dtype=torch.float32), torch.tensor(c, dtype=torch.int64))
    test = TensorDataset(torch.tensor(b, dtype=torch.float32), torch.tensor(d, dtype=torch.int64))
    return DataLoader(train, batch_size=batch_size, shuffle=True, generator=g), DataLoader(test, batch_size=batch_size)
"""),
        "test_loader_shuffled": ("shuffles the test loader too", """
def make_loaders(X, y, batch_size, test_size=0.2, seed=0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim not in (2, 3) or X.shape[1:] not in ((64,), (8, 8)) or y.shape != (len(X),) or batch_size < 1 or not 0 < test_size < 1:
        raise ValueError("bad arguments")
    a, b, c, d = train_test_split(X.reshape(-1, 1, 8, 8) / 16, y, test_size=test_size, stratify=y, random_state=seed)
    g = torch.Generator().manual_seed(seed)
    train = TensorDataset(torch.tensor(a, dtype=torch.float32), torch.tensor(c, dtype=torch.int64))
    test = TensorDataset(torch.tensor(b, dtype=torch.float32), torch.tensor(d, dtype=torch.int64))
    return DataLoader(train, batch_size=batch_size, shuffle=True, generator=g), DataLoader(test, batch_size=batch_size, shuffle=True, generator=g)
"""),
        "train_not_shuffled": ("forgets shuffle=True on the training loader", """
def make_loaders(X, y, batch_size, test_size=0.2, seed=0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim not in (2, 3) or X.shape[1:] not in ((64,), (8, 8)) or y.shape != (len(X),) or batch_size < 1 or not 0 < test_size < 1:
        raise ValueError("bad arguments")
    a, b, c, d = train_test_split(X.reshape(-1, 1, 8, 8) / 16, y, test_size=test_size, stratify=y, random_state=seed)
    train = TensorDataset(torch.tensor(a, dtype=torch.float32), torch.tensor(c, dtype=torch.int64))
    test = TensorDataset(torch.tensor(b, dtype=torch.float32), torch.tensor(d, dtype=torch.int64))
    return DataLoader(train, batch_size=batch_size), DataLoader(test, batch_size=batch_size)
"""),
        "shuffle_without_generator": ("shuffles with torch's global random state: the batches depend on whatever ran before", """
def make_loaders(X, y, batch_size, test_size=0.2, seed=0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim not in (2, 3) or X.shape[1:] not in ((64,), (8, 8)) or y.shape != (len(X),) or batch_size < 1 or not 0 < test_size < 1:
        raise ValueError("bad arguments")
    a, b, c, d = train_test_split(X.reshape(-1, 1, 8, 8) / 16, y, test_size=test_size, stratify=y, random_state=seed)
    train = TensorDataset(torch.tensor(a, dtype=torch.float32), torch.tensor(c, dtype=torch.int64))
    test = TensorDataset(torch.tensor(b, dtype=torch.float32), torch.tensor(d, dtype=torch.int64))
    return DataLoader(train, batch_size=batch_size, shuffle=True), DataLoader(test, batch_size=batch_size)
"""),
        "flat_images": ("keeps the images flat, (B, 64) instead of (B, 1, 8, 8)", """
def make_loaders(X, y, batch_size, test_size=0.2, seed=0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim not in (2, 3) or X.shape[1:] not in ((64,), (8, 8)) or y.shape != (len(X),) or batch_size < 1 or not 0 < test_size < 1:
        raise ValueError("bad arguments")
    a, b, c, d = train_test_split(X.reshape(-1, 64) / 16, y, test_size=test_size, stratify=y, random_state=seed)
    g = torch.Generator().manual_seed(seed)
    train = TensorDataset(torch.tensor(a, dtype=torch.float32), torch.tensor(c, dtype=torch.int64))
    test = TensorDataset(torch.tensor(b, dtype=torch.float32), torch.tensor(d, dtype=torch.int64))
    return DataLoader(train, batch_size=batch_size, shuffle=True, generator=g), DataLoader(test, batch_size=batch_size)
"""),
        "float64_images": ("leaves the images float64 (torch.tensor of a float64 array)", """
def make_loaders(X, y, batch_size, test_size=0.2, seed=0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim not in (2, 3) or X.shape[1:] not in ((64,), (8, 8)) or y.shape != (len(X),) or batch_size < 1 or not 0 < test_size < 1:
        raise ValueError("bad arguments")
    a, b, c, d = train_test_split(X.reshape(-1, 1, 8, 8) / 16, y, test_size=test_size, stratify=y, random_state=seed)
    g = torch.Generator().manual_seed(seed)
    train = TensorDataset(torch.tensor(a), torch.tensor(c, dtype=torch.int64))
    test = TensorDataset(torch.tensor(b), torch.tensor(d, dtype=torch.int64))
    return DataLoader(train, batch_size=batch_size, shuffle=True, generator=g), DataLoader(test, batch_size=batch_size)
"""),
        "drops_last_batch": ("drop_last=True: the examples of the last partial batch never appear", """
def make_loaders(X, y, batch_size, test_size=0.2, seed=0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim not in (2, 3) or X.shape[1:] not in ((64,), (8, 8)) or y.shape != (len(X),) or batch_size < 1 or not 0 < test_size < 1:
        raise ValueError("bad arguments")
    a, b, c, d = train_test_split(X.reshape(-1, 1, 8, 8) / 16, y, test_size=test_size, stratify=y, random_state=seed)
    g = torch.Generator().manual_seed(seed)
    train = TensorDataset(torch.tensor(a, dtype=torch.float32), torch.tensor(c, dtype=torch.int64))
    test = TensorDataset(torch.tensor(b, dtype=torch.float32), torch.tensor(d, dtype=torch.int64))
    return DataLoader(train, batch_size=batch_size, shuffle=True, generator=g, drop_last=True), DataLoader(test, batch_size=batch_size, drop_last=True)
"""),
        "no_argument_checks": ("no ValueError: mismatched X and y or batch_size 0 go through or fail obscurely", """
def make_loaders(X, y, batch_size, test_size=0.2, seed=0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    a, b, c, d = train_test_split(X.reshape(len(X), 1, 8, -1) / 16, y[:len(X)], test_size=test_size, stratify=y[:len(X)], random_state=seed)
    g = torch.Generator().manual_seed(seed)
    train = TensorDataset(torch.tensor(a, dtype=torch.float32), torch.tensor(c, dtype=torch.int64))
    test = TensorDataset(torch.tensor(b, dtype=torch.float32), torch.tensor(d, dtype=torch.int64))
    return DataLoader(train, batch_size=max(1, batch_size), shuffle=True, generator=g), DataLoader(test, batch_size=max(1, batch_size))
"""),
    },
    "train_epoch": {
        "mean_of_batch_means": ("averages the batch means: the smaller last batch counts as much as a full one", """
def train_epoch(model, loader, optimizer, loss_fn):
    model.train()
    losses = []
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    if not losses:
        raise ValueError("empty loader")
    return sum(losses) / len(losses)
"""),
        "missing_zero_grad": ("never zeroes the gradients: they accumulate over the batches", """
def train_epoch(model, loader, optimizer, loss_fn):
    model.train()
    total, n = 0.0, 0
    for xb, yb in loader:
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(yb)
        n += len(yb)
    if n == 0:
        raise ValueError("empty loader")
    return total / n
"""),
        "zero_grad_after_backward": ("zeroes the gradients between backward and step: no learning", """
def train_epoch(model, loader, optimizer, loss_fn):
    model.train()
    total, n = 0.0, 0
    for xb, yb in loader:
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.zero_grad()
        optimizer.step()
        total += loss.item() * len(yb)
        n += len(yb)
    if n == 0:
        raise ValueError("empty loader")
    return total / n
"""),
        "no_train_mode": ("forgets model.train(): a model left in eval mode trains without dropout", """
def train_epoch(model, loader, optimizer, loss_fn):
    total, n = 0.0, 0
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(yb)
        n += len(yb)
    if n == 0:
        raise ValueError("empty loader")
    return total / n
"""),
        "returns_tensor": ("accumulates the loss tensors and returns a tensor (with its graph)", """
def train_epoch(model, loader, optimizer, loss_fn):
    model.train()
    total, n = 0.0, 0
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total = total + loss * len(yb)
        n += len(yb)
    if n == 0:
        raise ValueError("empty loader")
    return total / n
"""),
        "loss_after_step": ("records the loss recomputed after the step, not the one the step used", """
def train_epoch(model, loader, optimizer, loss_fn):
    model.train()
    total, n = 0.0, 0
    for xb, yb in loader:
        optimizer.zero_grad()
        loss_fn(model(xb), yb).backward()
        optimizer.step()
        with torch.no_grad():
            total += loss_fn(model(xb), yb).item() * len(yb)
        n += len(yb)
    if n == 0:
        raise ValueError("empty loader")
    return total / n
"""),
        "last_batch_only": ("returns the last batch's loss", """
def train_epoch(model, loader, optimizer, loss_fn):
    model.train()
    last = None
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        last = loss.item()
    if last is None:
        raise ValueError("empty loader")
    return last
"""),
        "no_empty_check": ("returns 0.0 on an empty loader instead of raising ValueError", """
def train_epoch(model, loader, optimizer, loss_fn):
    model.train()
    total, n = 0.0, 0
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(yb)
        n += len(yb)
    return total / max(n, 1)
"""),
    },
    "evaluate": {
        "accuracy_over_batches": ("averages the batch accuracies: the smaller last batch counts as much as a full one", """
def evaluate(model, loader):
    model.eval()
    losses, accs, n = 0.0, [], 0
    with torch.no_grad():
        for xb, yb in loader:
            out = model(xb)
            losses += F.cross_entropy(out, yb, reduction="sum").item()
            accs.append((out.argmax(1) == yb).float().mean().item())
            n += len(yb)
    if n == 0:
        raise ValueError("empty loader")
    return losses / n, sum(accs) / len(accs)
"""),
        "loss_over_batches": ("averages the batch mean losses", """
def evaluate(model, loader):
    model.eval()
    losses, correct, n = [], 0, 0
    with torch.no_grad():
        for xb, yb in loader:
            out = model(xb)
            losses.append(F.cross_entropy(out, yb).item())
            correct += (out.argmax(1) == yb).sum().item()
            n += len(yb)
    if n == 0:
        raise ValueError("empty loader")
    return sum(losses) / len(losses), correct / n
"""),
        "no_eval_mode": ("forgets model.eval(): dropout stays on", """
def evaluate(model, loader):
    total, correct, n = 0.0, 0, 0
    with torch.no_grad():
        for xb, yb in loader:
            out = model(xb)
            total += F.cross_entropy(out, yb, reduction="sum").item()
            correct += (out.argmax(1) == yb).sum().item()
            n += len(yb)
    if n == 0:
        raise ValueError("empty loader")
    return total / n, correct / n
"""),
        "no_no_grad": ("forgets torch.no_grad(): builds a graph for nothing", """
def evaluate(model, loader):
    model.eval()
    total, correct, n = 0.0, 0, 0
    for xb, yb in loader:
        out = model(xb)
        total += F.cross_entropy(out, yb, reduction="sum").item()
        correct += (out.argmax(1) == yb).sum().item()
        n += len(yb)
    if n == 0:
        raise ValueError("empty loader")
    return total / n, correct / n
"""),
        "returns_tensors": ("returns 0-d tensors instead of Python floats", """
def evaluate(model, loader):
    model.eval()
    total, correct, n = 0.0, 0, 0
    with torch.no_grad():
        for xb, yb in loader:
            out = model(xb)
            total = total + F.cross_entropy(out, yb, reduction="sum")
            correct = correct + (out.argmax(1) == yb).sum()
            n += len(yb)
    if n == 0:
        raise ValueError("empty loader")
    return total / n, correct / n
"""),
        "argmax_over_batch_axis": ("argmax over dim 0 (the batch) instead of the classes", """
def evaluate(model, loader):
    model.eval()
    total, correct, n = 0.0, 0, 0
    with torch.no_grad():
        for xb, yb in loader:
            out = model(xb)
            total += F.cross_entropy(out, yb, reduction="sum").item()
            pred = out.argmax(0)
            correct += sum(int(pred[i] == yb[i]) for i in range(min(len(pred), len(yb))))
            n += len(yb)
    if n == 0:
        raise ValueError("empty loader")
    return total / n, correct / n
"""),
        "returns_accuracy_first": ("returns (accuracy, loss)", """
def evaluate(model, loader):
    model.eval()
    total, correct, n = 0.0, 0, 0
    with torch.no_grad():
        for xb, yb in loader:
            out = model(xb)
            total += F.cross_entropy(out, yb, reduction="sum").item()
            correct += (out.argmax(1) == yb).sum().item()
            n += len(yb)
    if n == 0:
        raise ValueError("empty loader")
    return correct / n, total / n
"""),
    },
    "DigitCNN": {
        "softmax_before_cross_entropy": ("ends with a softmax: CrossEntropyLoss then applies a second one", """
class DigitCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                  nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                  nn.Flatten(), nn.Linear(128, 10), nn.Softmax(dim=1))

    def forward(self, x):
        return self.body(x)
"""),
        "one_conv_layer": ("a single convolution, then a linear layer", """
class DigitCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 16, 3, padding=1)
        self.fc = nn.Linear(16 * 4 * 4, 10)

    def forward(self, x):
        return self.fc(torch.flatten(F.max_pool2d(F.relu(self.conv(x)), 2), 1))
"""),
        "too_many_parameters": ("a wide first linear layer: about 270,000 parameters, over the budget", """
class DigitCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.fc1 = nn.Linear(64 * 8 * 8, 64)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x):
        x = F.relu(self.conv2(F.relu(self.conv1(x))))
        return self.fc2(F.relu(self.fc1(x.flatten(1))))
"""),
        "flatten_with_hard_coded_size": ("x.view(-1, 128) after a layer that gives 32 x 4 x 4 = 512 features per image: the batch is regrouped", """
class DigitCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.fc = nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv2(F.relu(self.conv1(x)))), 2)
        return self.fc(x.view(-1, 128))
"""),
        "unused_layer": ("defines a layer it never uses in forward", """
class DigitCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.conv3 = nn.Conv2d(32, 32, 3, padding=1)
        self.fc = nn.Linear(32 * 2 * 2, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc(x.flatten(1))
"""),
        "mixes_the_batch": ("flattens the whole batch into one vector per channel: images leak into each other's logits", """
class DigitCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.fc = nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv2(F.max_pool2d(F.relu(self.conv1(x)), 2))), 2).flatten(1)
        return self.fc(x - x.mean(dim=0, keepdim=True))
"""),
    },
}

CORRECT = {
    "make_loaders": {
        "own_stratified_split": ("a stratified split written by hand with a NumPy generator, a Dataset subclass", """
def make_loaders(X, y, batch_size, test_size=0.2, seed=0):
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim == 3 and X.shape[1:] == (8, 8):
        X = X.reshape(len(X), 64)
    if X.ndim != 2 or X.shape[1] != 64:
        raise ValueError("X must be (N, 64) or (N, 8, 8)")
    if y.shape != (len(X),):
        raise ValueError("y must be (N,)")
    if batch_size < 1 or not (0 < test_size < 1):
        raise ValueError("bad batch_size or test_size")
    rng = np.random.default_rng(seed)
    n_test = int(np.ceil(test_size * len(y)))
    classes, counts = np.unique(y, return_counts=True)
    exact = counts * n_test / len(y)
    take = np.floor(exact).astype(int)
    for i in np.argsort(-(exact - take), kind="stable")[: n_test - take.sum()]:
        take[i] += 1
    test_idx = np.concatenate([rng.permutation(np.flatnonzero(y == c))[:k] for c, k in zip(classes, take)])
    train_idx = np.setdiff1d(np.arange(len(y)), test_idx)

    class Digits(torch.utils.data.Dataset):
        def __init__(self, idx):
            self.x = torch.from_numpy((X[idx] / 16).astype(np.float32)).reshape(-1, 1, 8, 8)
            self.y = torch.from_numpy(y[idx].astype(np.int64))
        def __len__(self):
            return len(self.y)
        def __getitem__(self, i):
            return self.x[i], self.y[i]

    gen = torch.Generator()
    gen.manual_seed(seed)
    return (DataLoader(Digits(train_idx), batch_size=batch_size, shuffle=True, generator=gen),
            DataLoader(Digits(test_idx), batch_size=batch_size))
"""),
        "tensors_first": ("converts to tensors before splitting, multiplies by 1/16", """
def make_loaders(X, y, batch_size, test_size=0.2, seed=0):
    X = np.asarray(X, dtype=np.float32)
    y = np.asarray(y)
    if not (X.ndim == 2 and X.shape[1] == 64) and not (X.ndim == 3 and X.shape[1:] == (8, 8)):
        raise ValueError("X has the wrong shape")
    if len(y) != len(X) or y.ndim != 1:
        raise ValueError("y does not match X")
    if not isinstance(batch_size, int) or batch_size <= 0:
        raise ValueError("batch_size must be a positive int")
    if test_size <= 0 or test_size >= 1:
        raise ValueError("test_size must be in (0, 1)")
    images = torch.from_numpy(X).view(-1, 1, 8, 8) * (1 / 16)
    targets = torch.from_numpy(y).long()
    train_idx, test_idx = train_test_split(np.arange(len(y)), test_size=test_size, stratify=y, random_state=seed)
    train_idx, test_idx = torch.from_numpy(train_idx), torch.from_numpy(test_idx)
    return (DataLoader(TensorDataset(images[train_idx], targets[train_idx]), batch_size, shuffle=True,
                       generator=torch.Generator().manual_seed(seed)),
            DataLoader(TensorDataset(images[test_idx], targets[test_idx]), batch_size, shuffle=False))
"""),
    },
    "train_epoch": {
        "tensor_accumulator": ("accumulates detached float64 tensors; zero_grad after the step instead of before the forward", """
def train_epoch(model, loader, optimizer, loss_fn):
    model.train()
    total = torch.zeros((), dtype=torch.float64)
    count = 0
    for batch in loader:
        inputs, targets = batch
        loss = loss_fn(model(inputs), targets)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        total += loss.detach().double() * targets.shape[0]
        count += targets.shape[0]
    if count == 0:
        raise ValueError("no examples")
    return total.item() / count
"""),
        "model_zero_grad": ("model.zero_grad() before the forward pass, losses kept in lists", """
def train_epoch(model, loader, optimizer, loss_fn):
    model.train(True)
    sums, sizes = [], []
    for inputs, targets in loader:
        model.zero_grad()
        outputs = model(inputs)
        loss = loss_fn(outputs, targets)
        loss.backward()
        optimizer.step()
        sums.append(loss.item() * len(inputs))
        sizes.append(len(inputs))
    if sum(sizes) == 0:
        raise ValueError("train_epoch: empty loader")
    return float(sum(sums) / sum(sizes))
"""),
    },
    "evaluate": {
        "concatenate_then_measure": ("collects all logits, then one cross-entropy and one count", """
def evaluate(model, loader):
    model.eval()
    with torch.inference_mode():
        pairs = [(model(x), y) for x, y in loader]
    if not pairs or sum(len(y) for _, y in pairs) == 0:
        raise ValueError("evaluate: empty loader")
    logits = torch.cat([p[0] for p in pairs])
    labels = torch.cat([p[1] for p in pairs])
    return float(F.cross_entropy(logits, labels)), float((logits.argmax(-1) == labels).float().mean())
"""),
        "log_softmax_by_hand": ("the loss from log_softmax and gather, in float64", """
def evaluate(model, loader):
    model.train(False)
    loss_sum = 0.0
    right = 0
    n = 0
    with torch.no_grad():
        for inputs, labels in loader:
            logp = F.log_softmax(model(inputs).double(), dim=1)
            loss_sum -= logp.gather(1, labels.view(-1, 1)).sum().item()
            right += (logp.argmax(dim=1) == labels).sum().item()
            n += len(labels)
    if n == 0:
        raise ValueError("nothing to evaluate")
    return loss_sum / n, right / n
"""),
    },
    "DigitCNN": {
        "pool_after_each_conv": ("conv-relu-pool twice, then a linear layer (about 6,000 parameters)", """
class DigitCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.fc = nn.Linear(32 * 2 * 2, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc(x.flatten(1))
"""),
        "batch_norm_and_dropout": ("the chapter's CNN with batch normalisation, plus a hidden layer and dropout", """
class DigitCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Dropout(0.2), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))

    def forward(self, x):
        return self.net(x)
"""),
        "log_softmax_output": ("ends with log_softmax: valid logits, cross-entropy gives the same loss", """
class DigitCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 12, 3)
        self.c2 = nn.Conv2d(12, 24, 3)
        self.out = nn.Linear(24 * 4 * 4, 10)

    def forward(self, x):
        x = F.relu(self.c2(F.relu(self.c1(x))))
        return F.log_softmax(self.out(x.reshape(x.shape[0], -1)), dim=1)
"""),
    },
}

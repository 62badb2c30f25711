"""Assignment 09_digits: known-wrong and alternative correct versions of its graded functions."""

WRONG = {
    "make_loaders": {
        "unstratified_split": ("a random split without stratify: the test part misses the class proportions", {" stratify=targets,": ""}),
        "no_scaling": ("keeps the raw pixels 0..16", {" / 16.0": ""}),
        "divides_by_max": ("divides by the largest pixel seen instead of 16", {"/ 16.0": "/ pixels.max()"}),
        "test_loader_shuffled": ("shuffles the test loader too", {"shuffle=False)": "shuffle=True, generator=shuffler)"}),
        "train_not_shuffled": ("forgets shuffle=True on the training loader", {", shuffle=True, generator=shuffler": ""}),
        "shuffle_without_generator": ("shuffles with torch's global random state: the batches depend on whatever ran before", {", generator=shuffler": ""}),
        "flat_images": ("keeps the images flat, (B, 64) instead of (B, 1, 8, 8)", {"reshape(-1, 1, 8, 8)": "reshape(-1, 64)"}),
        "float64_images": ("leaves the images float64 (torch.tensor of a float64 array)", {"images, dtype=torch.float32": "images"}),
        "drops_last_batch": ("drop_last=True: the examples of the last partial batch never appear",
                             {"generator=shuffler)": "generator=shuffler, drop_last=True)", "shuffle=False)": "shuffle=False, drop_last=True)"}),
        "no_argument_checks": ("no ValueError: mismatched X and y or batch_size 0 go through or fail obscurely", {
            "    if pixels.ndim not in (2, 3) or pixels.shape[1:] not in ((64,), (8, 8)):\n"
            '        raise ValueError(f"make_loaders: X must be (N, 64) or (N, 8, 8), got shape {pixels.shape}")\n'
            "    if targets.shape != (pixels.shape[0],):\n"
            '        raise ValueError(f"make_loaders: y must have shape ({pixels.shape[0]},) to match X, got {targets.shape}")\n'
            "    if int(batch_size) != batch_size or batch_size < 1:\n"
            '        raise ValueError(f"make_loaders: batch_size must be an int >= 1, got {batch_size!r}")\n'
            "    if not 0 < test_size < 1:\n"
            '        raise ValueError(f"make_loaders: test_size must be strictly between 0 and 1, got {test_size!r}")\n': ""}),
        "y_length_only_check": ("checks only len(y) == len(X): labels of shape (N, 1) go through", {
            "if targets.shape != (pixels.shape[0],):": "if len(targets) != len(pixels):"}),
    },
    "train_epoch": {
        "mean_of_batch_means": ("averages the batch means: the smaller last batch counts as much as a full one",
                                {" * len(targets)": "", "seen += len(targets)": "seen += 1"}),
        "missing_zero_grad": ("never zeroes the gradients: they accumulate over the batches", {"        optimizer.zero_grad(set_to_none=True)\n": ""}),
        "zero_grad_after_backward": ("zeroes the gradients between backward and step: no learning",
                                     {"        optimizer.zero_grad(set_to_none=True)\n": "",
                                      "backward()\n": "backward()\n        optimizer.zero_grad(set_to_none=True)\n"}),
        "no_train_mode": ("forgets model.train(): a model left in eval mode trains without dropout", {"    model.train()\n": ""}),
        "returns_tensor": ("accumulates the loss tensors and returns a tensor (with its graph)", {"float(batch_loss.detach())": "batch_loss"}),
        "loss_after_step": ("records the loss recomputed after the step, not the one the step used",
                            {"weighted_sum += float(batch_loss.detach())": (
                                 "with torch.no_grad():\n"
                                 "            weighted_sum += loss_fn(model(inputs), targets).item()"
                             )}),
        "last_batch_only": ("returns the last batch's loss", {"weighted_sum +=": "weighted_sum =", "seen +=": "seen ="}),
        "no_empty_check": ("returns 0.0 on an empty loader instead of raising ValueError",
                           {'    if seen == 0:\n        raise ValueError("train_epoch: the loader yielded no example")\n': "", "/ seen": "/ max(seen, 1)"}),
    },
    "evaluate": {
        "accuracy_over_batches": ("averages the batch accuracies: the smaller last batch counts as much as a full one", {
            "0.0, 0, 0": "0.0, [], 0",
            "hits += int((logits.argmax(dim=1) == labels).sum())": "hits.append((logits.argmax(dim=1) == labels).float().mean().item())",
            "hits / seen": "sum(hits) / len(hits)"}),
        "loss_over_batches": ("averages the batch mean losses", {
            "0.0, 0, 0": "[], 0, 0",
            "loss_total += F.cross_entropy(logits, labels, reduction=\"sum\").item()": "loss_total.append(F.cross_entropy(logits, labels).item())",
            "loss_total / seen": "sum(loss_total) / len(loss_total)"}),
        "no_eval_mode": ("forgets model.eval(): dropout stays on", {"    model.eval()\n": ""}),
        "no_no_grad": ("forgets torch.no_grad(): builds a graph for nothing",
                       {"    with torch.no_grad():\n        for inputs, labels in loader:": "    for inputs, labels in loader:"}),
        "returns_tensors": ("returns 0-d tensors instead of Python floats", {".item()": "", "int((logits": "((logits"}),
        "argmax_over_batch_axis": ("argmax over dim 0 (the batch) instead of the classes", {
            "hits += int((logits.argmax(dim=1) == labels).sum())":
                "pred = logits.argmax(dim=0)\n            hits += sum(int(pred[i] == labels[i]) for i in range(min(len(pred), len(labels))))"}),
        "returns_accuracy_first": ("returns (accuracy, loss)", {"return loss_total / seen, hits / seen": "return hits / seen, loss_total / seen"}),
    },
    "DigitCNN": {
        "softmax_before_cross_entropy": ("ends with a softmax: CrossEntropyLoss then applies a second one",
                                         {"return self.classifier(": "return torch.softmax(self.classifier(", "start_dim=1))": "start_dim=1)), dim=1)"}),
        "one_conv_layer": ("a single convolution, then a linear layer",
                           {"            nn.Conv2d(16, 32, kernel_size=3, padding=1), nn.ReLU(),\n": "", "32 * 4 * 4": "16 * 4 * 4"}),
        "too_many_parameters": ("a wide first linear layer: about 270,000 parameters, over the budget",
                                {"nn.Linear(32 * 4 * 4, 10)": "nn.Sequential(nn.Linear(32 * 4 * 4, 512), nn.ReLU(), nn.Linear(512, 10))"}),
        "flatten_with_hard_coded_size": ("x.view(-1, 128) after a layer that gives 32 x 4 x 4 = 512 features per image: the batch is regrouped",
                                         {"32 * 4 * 4": "128", "torch.flatten(self.features(x), start_dim=1)": "self.features(x).view(-1, 128)"}),
        "unused_layer": ("defines a layer it never uses in forward",
                         {"        self.classifier": "        self.extra = nn.Conv2d(32, 32, kernel_size=3, padding=1)\n        self.classifier"}),
        "linear_in_features_wrong": ("the first nn.Linear expects 32 * 2 * 2 features where the convolutions give 32 * 4 * 4",
                                     {"32 * 4 * 4": "32 * 2 * 2"}),
        "kernels_too_large_for_8x8": ("LeNet's 5x5 kernels without padding: the second convolution meets a 4x4 image", {
            "nn.Conv2d(1, 16, kernel_size=3, padding=1)": "nn.Conv2d(1, 16, kernel_size=5)",
            "nn.Conv2d(16, 32, kernel_size=3, padding=1)": "nn.Conv2d(16, 32, kernel_size=5)"}),
        "seeds_inside_init": ("calls torch.manual_seed(0) in __init__: every instance starts from the same weights", {
            "        super().__init__()\n": "        super().__init__()\n        torch.manual_seed(0)\n"}),
        "mixes_the_batch": ("flattens the whole batch into one vector per channel: images leak into each other's logits", {
            "return self.classifier(torch.flatten(self.features(x), start_dim=1))":
                "x = torch.flatten(self.features(x), start_dim=1)\n        return self.classifier(x - x.mean(dim=0, keepdim=True))"}),
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
        "pool_after_each_conv": ("conv-relu-pool twice, then a linear layer (about 6,000 parameters)",
                                 {"nn.ReLU(),\n            nn.Conv2d(16": "nn.ReLU(), nn.MaxPool2d(kernel_size=2),\n            nn.Conv2d(16",
                                  "32 * 4 * 4": "32 * 2 * 2"}),
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

"""Assignment 09_digits: known-wrong and alternative correct versions of its graded functions."""

_STATS = "mean, std = float(parts[0].mean()), float(parts[0].std())"
_LAYERS = (
    "nn.Conv2d(1, 16, kernel_size=3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),\n"
    "            nn.Conv2d(16, 32, kernel_size=3, padding=1), nn.BatchNorm2d(32), nn.ReLU(),\n"
    "            nn.MaxPool2d(kernel_size=2),\n"
    "            nn.Conv2d(32, 10, kernel_size=3, padding=1)"
)
_POOLING = "return self.features(x).mean(dim=(2, 3))"

WRONG = {
    "make_loaders": {
        "unstratified_split": ("a random split without stratify: the test part misses the class proportions", {" stratify=targets,": ""}),
        "divides_by_16_only": ("the chapter's scaling, pixels / 16, instead of standardising", {_STATS: "mean, std = 0.0, 16.0"}),
        "stats_from_all_data": ("mean and std of all of X: the test images leak into the statistics of training",
                                {"float(parts[0].mean()), float(parts[0].std())": "float(pixels.mean()), float(pixels.std())"}),
        "stats_from_test_part": ("mean and std of the test part",
                                 {"float(parts[0].mean()), float(parts[0].std())": "float(parts[1].mean()), float(parts[1].std())"}),
        "stats_from_first_rows": ("mean and std of the first rows of X, as many as the training part, not of the training part",
                                  {"float(parts[0].mean()), float(parts[0].std())":
                                   "float(pixels[:len(parts[0])].mean()), float(pixels[:len(parts[0])].std())"}),
        "std_with_ddof_1": ("the sample standard deviation (ddof=1, torch.std's default) for the population one",
                            {"float(parts[0].std())": "float(parts[0].std(ddof=1))"}),
        "per_image_standardisation": ("standardises each image with its own mean and std",
                                      {"(images - mean) / std":
                                       "(images - images.mean(axis=(1, 2, 3), keepdims=True)) / images.std(axis=(1, 2, 3), keepdims=True)"}),
        "per_position_standardisation": ("one mean and std per pixel position (a StandardScaler), not one for all pixels",
                                         {"(images - mean) / std": "(images - parts[0].mean(axis=0)) / (parts[0].std(axis=0) + 1e-8)"}),
        "returns_pair_only": ("forgets to return the statistics", {"shuffle=False), (mean, std))": "shuffle=False))"}),
        "test_loader_shuffled": ("shuffles the test loader too", {"shuffle=False)": "shuffle=True, generator=shuffler)"}),
        "train_not_shuffled": ("forgets shuffle=True on the training loader", {", shuffle=True, generator=shuffler": ""}),
        "shuffle_without_generator": ("shuffles with torch's global random state: the batches depend on whatever ran before", {", generator=shuffler": ""}),
        "flat_images": ("keeps the images flat, (B, 64) instead of (B, 1, 8, 8)", {"reshape(-1, 1, 8, 8)": "reshape(-1, 64)"}),
        "float64_images": ("leaves the images float64 (a tensor of a float64 array)", {"(images - mean) / std, dtype=torch.float32": "(images - mean) / std"}),
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
        "chapter_cnn_linear_head": ("the chapter's CNN copied: conv-BN-ReLU twice, a pooling, a flatten and an nn.Linear head", """
class DigitCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(1, 8, 3), nn.BatchNorm2d(8), nn.ReLU(),
            nn.Conv2d(8, 16, 3), nn.BatchNorm2d(16), nn.ReLU(),
            nn.MaxPool2d(2), nn.Flatten(), nn.Linear(16 * 2 * 2, 10),
        )

    def forward(self, x):
        return self.net(x)
"""),
        "linear_head_after_pooling": ("global average pooling of 32 maps, then an nn.Linear to the 10 classes", {
            "nn.Conv2d(32, 10, kernel_size=3, padding=1),": "nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, 10),",
            _POOLING: "return self.features(x)"}),
        "one_conv_layer": ("a single convolution covering the image: a linear model written as a convolution",
                           {_LAYERS: "nn.Conv2d(1, 10, kernel_size=8)"}),
        "softmax_at_the_end": ("ends with a softmax: CrossEntropyLoss then applies a second one",
                               {_POOLING: "return torch.softmax(self.features(x).mean(dim=(2, 3)), dim=1)"}),
        "relu_after_last_conv": ("a ReLU after the scoring convolution too: no class score can be negative",
                                 {"padding=1),  # one 4x4": "padding=1), nn.ReLU(),  # one 4x4"}),
        "learned_logit_bias": ("adds a parameter of its own (a bias per class) after the pooling", {
            "per class\n        )": "per class\n        )\n        self.bias = nn.Parameter(torch.zeros(10))",
            "mean(dim=(2, 3))  #": "mean(dim=(2, 3)) + self.bias  #"}),
        "too_many_parameters": ("64 maps in the second convolution: 15,370 parameters, over the budget", {
            "nn.Conv2d(16, 32, kernel_size=3, padding=1), nn.BatchNorm2d(32)": "nn.Conv2d(16, 64, kernel_size=3, padding=1), nn.BatchNorm2d(64)",
            "nn.Conv2d(32, 10": "nn.Conv2d(64, 10"}),
        "squeeze_drops_batch_axis": ("squeeze() after the pooling: a batch of one image gives (10,), not (1, 10)",
                                     {_POOLING: "return F.adaptive_avg_pool2d(self.features(x), 1).squeeze()"}),
        "flatten_without_batch_axis": ("torch.flatten from dim 0: the whole batch becomes one vector (N * 10,)",
                                       {_POOLING: "return torch.flatten(F.adaptive_avg_pool2d(self.features(x), 1))"}),
        "unused_layer": ("defines a layer it never uses in forward",
                         {"        )\n        ### END SOLUTION": "        )\n        self.extra = nn.Conv2d(10, 10, kernel_size=1)\n        ### END SOLUTION"}),
        "kernels_too_large_for_8x8": ("LeNet's 5x5 kernels without padding: the second convolution meets a 4x4 image", {
            "nn.Conv2d(1, 16, kernel_size=3, padding=1)": "nn.Conv2d(1, 16, kernel_size=5)",
            "nn.Conv2d(16, 32, kernel_size=3, padding=1)": "nn.Conv2d(16, 32, kernel_size=5)"}),
        "seeds_inside_init": ("calls torch.manual_seed(0) in __init__: every instance starts from the same weights", {
            "        super().__init__()\n": "        super().__init__()\n        torch.manual_seed(0)\n"}),
        "mixes_the_batch": ("subtracts the batch's mean scores: images leak into each other's logits", {
            _POOLING: "scores = self.features(x)\n        return (scores - scores.mean(dim=0, keepdim=True)).mean(dim=(2, 3))"}),
    },
}

CORRECT = {
    "make_loaders": {
        "own_split_dataset_transform": ("a stratified split by hand, a Dataset that standardises each image in __getitem__", """
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
    mean, std = X[train_idx].mean(), X[train_idx].std()

    class Digits(torch.utils.data.Dataset):
        def __init__(self, idx):
            self.idx = idx
        def __len__(self):
            return len(self.idx)
        def __getitem__(self, i):
            k = self.idx[i]
            image = torch.tensor((X[k] - mean) / std, dtype=torch.float32).reshape(1, 8, 8)
            return image, torch.tensor(y[k], dtype=torch.int64)

    gen = torch.Generator()
    gen.manual_seed(seed)
    return (DataLoader(Digits(train_idx), batch_size=batch_size, shuffle=True, generator=gen),
            DataLoader(Digits(test_idx), batch_size=batch_size), (float(mean), float(std)))
"""),
        "torch_stats_float32": ("converts to float32 tensors first, splits indices, mean and std(correction=0) in torch", """
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
    images = torch.from_numpy(X).view(-1, 1, 8, 8)
    targets = torch.from_numpy(y).long()
    train_idx, test_idx = train_test_split(np.arange(len(y)), test_size=test_size, stratify=y, random_state=seed)
    train_idx, test_idx = torch.from_numpy(train_idx), torch.from_numpy(test_idx)
    mean = images[train_idx].mean()
    std = images[train_idx].std(correction=0)
    images = (images - mean) / std
    return (DataLoader(TensorDataset(images[train_idx], targets[train_idx]), batch_size, shuffle=True,
                       generator=torch.Generator().manual_seed(seed)),
            DataLoader(TensorDataset(images[test_idx], targets[test_idx]), batch_size, shuffle=False),
            (mean.item(), std.item()))
"""),
        "torch_var_mean_after_split": ("splits the arrays, then torch.var_mean in float64 on the training tensor", """
def make_loaders(X, y, batch_size, test_size=0.2, seed=0):
    X, y = np.array(X, dtype=np.float64), np.array(y)
    if X.shape[1:] == (8, 8):
        X = X.reshape(-1, 64)
    if X.ndim != 2 or X.shape[1] != 64:
        raise ValueError(f"make_loaders: X of shape {X.shape}")
    if y.ndim != 1 or y.shape[0] != X.shape[0]:
        raise ValueError(f"make_loaders: y of shape {y.shape}")
    if batch_size < 1:
        raise ValueError(f"make_loaders: batch_size {batch_size}")
    if not 0 < test_size < 1:
        raise ValueError(f"make_loaders: test_size {test_size}")
    x_tr, x_te, y_tr, y_te = train_test_split(X, y, test_size=test_size, random_state=seed, stratify=y)
    x_tr, x_te = torch.from_numpy(x_tr), torch.from_numpy(x_te)
    var, mean = torch.var_mean(x_tr, correction=0)
    std = var.sqrt()
    train = TensorDataset(((x_tr - mean) / std).float().reshape(-1, 1, 8, 8), torch.from_numpy(y_tr).to(torch.int64))
    test = TensorDataset(((x_te - mean) / std).float().reshape(-1, 1, 8, 8), torch.from_numpy(y_te).to(torch.int64))
    g = torch.Generator().manual_seed(seed)
    return DataLoader(train, batch_size, shuffle=True, generator=g), DataLoader(test, batch_size), (float(mean), float(std))
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
        "global_max_pooling": ("the maximum of each map of scores instead of its mean", {"mean(dim=(2, 3))": "amax(dim=(2, 3))"}),
        "last_conv_covers_the_map": ("conv-BN-ReLU-pool twice, then a 2x2 convolution over the 2x2 map that is left (6,186 parameters)", """
class DigitCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 10, 2))

    def forward(self, x):
        return self.body(x).flatten(1)
"""),
        "no_batch_norm_adaptive_pool": ("no normalisation, nn.AdaptiveAvgPool2d and nn.Flatten as layers", """
class DigitCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 10, 3, padding=1), nn.AdaptiveAvgPool2d(1), nn.Flatten())

    def forward(self, x):
        return self.layers(x)
"""),
        "functional_group_norm": ("layers as attributes, GroupNorm, F.relu and F.max_pool2d, an unpadded last conv averaged by F.avg_pool2d", """
class DigitCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.norm1 = nn.GroupNorm(4, 16)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.norm2 = nn.GroupNorm(8, 32)
        self.score = nn.Conv2d(32, 10, 3)

    def forward(self, x):
        x = F.relu(self.norm1(self.conv1(x)))
        x = F.max_pool2d(F.relu(self.norm2(self.conv2(x))), 2)
        x = self.score(x)
        return F.avg_pool2d(x, x.shape[-2:]).view(x.shape[0], 10)
"""),
    },
}

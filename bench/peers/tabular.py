#!/usr/bin/python3
"""Plain-PyTorch peer for ``zoo bench tabular``.

Trains the Zoo's tabular mlp (dense 64-32-16 with ReLU, one logit with a
sigmoid for two classes, else a softmax) on the same table, the same 80/20
split (the rows shuffled as Java's Collections.shuffle with java.util.Random
seeded by --seed), the same standardisation (the training split's mean and
population standard deviation) and the same optimizer (Adam with cosine decay
over the whole run) as the Java benchmark, then measures training rows/s after
warm-up, test accuracy, rows/s classifying the test split as one batch, the
median time to classify one row, and peak memory. Progress goes to stderr; the
last line on stdout is one JSON object.

The table is --data (a CSV with a header; the class column is --label, else
the last), else scikit-learn's breast cancer table from Debian's
python3-sklearn (its first line of counts and class names turned into a
header x1..x30,class), else the fruit table embedded in zoo-tabular.

Example:
    /usr/bin/python3 bench/peers/tabular.py --epochs 40 --batch-size 32 \\
        --lr 1e-3 --threads 2 --seed 42
"""

import csv
import math
import os
import time

import torch
from torch import nn
import torch.nn.functional as F

import common
from common import log

BREAST_CANCER = "/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv"
FRUIT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "zoo-tabular",
                     "src", "main", "resources", "dev", "zoo", "tabular", "fruit.csv")
LATENCY_ROWS = 200
SCORED_ROWS = 20000


# ---------------------------------------------------------------- data (as zoo-api's CsvTable)

def read_table(path):
    """(header, rows of strings) of a CSV file with a header line."""
    with open(path, encoding="utf-8", newline="") as handle:
        lines = [r for r in csv.reader(handle) if r and any(v.strip() for v in r)]
    return [h.strip() for h in lines[0]], [[v.strip() for v in r] for r in lines[1:]]


def read_sklearn(path):
    """A scikit-learn table whose first line holds counts and class names, with the header
    x1..xN,class and class names in place of class indices."""
    with open(path, encoding="utf-8") as handle:
        lines = [line.strip() for line in handle if line.strip()]
    first = lines[0].split(",")
    header = [f"x{i}" for i in range(1, int(first[1]) + 1)] + ["class"]
    rows = []
    for line in lines[1:]:
        values = line.split(",")
        rows.append([v.strip() for v in values[:-1]] + [first[2 + int(values[-1])].strip()])
    return header, rows


class JavaRandom:
    """java.util.Random: the 48-bit linear congruential generator and its nextInt(bound)."""

    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & ((1 << 48) - 1)

    def next(self, bits):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & ((1 << 48) - 1)
        return _int32(self.seed >> (48 - bits))

    def next_int(self, bound):
        r = self.next(31)
        m = bound - 1
        if bound & m == 0:
            return (bound * r) >> 31
        u = r
        while True:
            r = u % bound
            if _int32(u - r + m) >= 0:
                return r
            u = self.next(31)


def _int32(value):
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value >= 1 << 31 else value


def java_shuffle(items, seed):
    """The order Collections.shuffle(list, new Random(seed)) gives a list."""
    items = list(items)
    random = JavaRandom(seed)
    for i in range(len(items), 1, -1):
        j = random.next_int(i)
        items[i - 1], items[j] = items[j], items[i - 1]
    return items


def split(rows, seed, test_fraction=0.2):
    """(training rows, test rows) as CsvTable.split: shuffled, the first round(f * n) for test."""
    shuffled = java_shuffle(rows, seed)
    test = int(math.floor(test_fraction * len(rows) + 0.5))
    return shuffled[test:], shuffled[:test]


def features(header, rows, label, classes):
    """(float features of every column but label, class indices) of rows."""
    column = header.index(label)
    x = torch.tensor([[float(v) for i, v in enumerate(r) if i != column] for r in rows])
    y = torch.tensor([classes.index(r[column]) for r in rows])
    return x, y


# ---------------------------------------------------------------- model (as zoo-tabular's)

def mlp(inputs, classes):
    return nn.Sequential(
        nn.Linear(inputs, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU(),
        nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 1 if classes == 2 else classes))


def loss_of(logits, y):
    if logits.shape[1] == 1:
        return F.binary_cross_entropy_with_logits(logits[:, 0], y.float())
    return F.cross_entropy(logits, y)


@torch.no_grad()
def predicted(model, x):
    logits = model(x)
    if logits.shape[1] == 1:
        return (torch.sigmoid(logits[:, 0]) > 0.5).long()
    return F.softmax(logits, 1).argmax(1)


def main(argv=None):
    p = common.parser(__doc__, ["mlp"], "mlp", epochs=40, batch_size=32, lr=1e-3)
    p.add_argument("--label", default="", help="the class column (default: the last)")
    args = common.parse(common.run_options(p, data=None,
                                           limit_help="training rows to use (0 = all)"), argv)
    if args.data:
        header, rows = read_table(args.data)
        source, name = args.data, os.path.basename(args.data)
    elif os.path.isfile(BREAST_CANCER):
        header, rows = read_sklearn(BREAST_CANCER)
        source = f"scikit-learn's breast cancer table ({BREAST_CANCER})"
        name = os.path.basename(BREAST_CANCER)
    else:
        header, rows = read_table(FRUIT)
        source, name = "the fruit table embedded in zoo-tabular", "fruit.csv"
    label = args.label or header[-1]
    train_rows, test_rows = split(rows, args.seed)
    if args.limit > 0:
        train_rows = train_rows[:args.limit]
    classes = sorted({r[header.index(label)] for r in train_rows})
    x, y = features(header, train_rows, label, classes)
    test_x, test_y = features(header, test_rows, label, classes)
    mean = x.double().mean(0)
    std = x.double().std(0, unbiased=False)
    std[std <= 1e-8] = 1
    x = ((x.double() - mean) / std).float()
    test_x = ((test_x.double() - mean) / std).float()
    log(f"torch {torch.__version__}, {torch.get_num_threads()} threads; {source}: "
        f"{len(x)} training / {len(test_x)} test rows, classes {classes}")

    model = mlp(x.shape[1], len(classes))
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    shuffle = torch.Generator().manual_seed(args.seed)
    per_epoch = (len(x) + args.batch_size - 1) // args.batch_size
    total = per_epoch * args.epochs
    clock, step = common.StepClock(), 0
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(len(x), generator=shuffle)
        for first in range(0, len(x), args.batch_size):
            start = time.perf_counter()
            step += 1
            for group in optimizer.param_groups:
                group["lr"] = args.lr * 0.5 * (1 + math.cos(math.pi * min(1.0, step / total)))
            idx = order[first:first + args.batch_size]
            loss = loss_of(model(x[idx]), y[idx])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            clock.add(len(idx), time.perf_counter() - start)
    model.eval()
    accuracy = (predicted(model, test_x) == test_y).float().mean().item()
    log(f"{args.epochs} epochs: test accuracy {accuracy:.4f}")

    repeats = max(1, SCORED_ROWS // len(test_x))
    predicted(model, test_x)
    begin = time.perf_counter()
    for _ in range(repeats):
        predicted(model, test_x)
    scoring = repeats * len(test_x) / (time.perf_counter() - begin)
    times = []
    for i in range(-20, LATENCY_ROWS):
        row = test_x[i % len(test_x)].unsqueeze(0)
        begin = time.perf_counter()
        predicted(model, row)
        if i >= 0:
            times.append(time.perf_counter() - begin)

    common.print_result(common.row(
        args,
        epochs=args.epochs,
        batch_size=args.batch_size,
        train_examples=len(x),
        data=source,
        **common.figures(
            train=clock.per_second(), unit="rows",
            infer=scoring, infer_batch=len(test_x), latency=common.median_ms(times),
            quality=accuracy, quality_name="test accuracy",
            budget=f"{args.epochs} epoch{'' if args.epochs == 1 else 's'} of {len(x):,} rows,"
                   f" batch {args.batch_size} ({name})"),
    ))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Plain-PyTorch peer for ``zoo bench cnn``.

Trains one of the Zoo CNN architectures on Fashion-MNIST with the same
hyper-parameters as the Java benchmark, then measures training throughput,
test accuracy, batched inference throughput, single-image latency and peak
memory. Progress goes to stderr; the last line on stdout is one JSON object.

Example:
    /usr/bin/python3 bench/peers/cnn.py --model simple-cnn --epochs 1 \\
        --batch-size 128 --lr 1e-3 --threads 2 \\
        --data /usr/share/datasets/fashion-mnist --limit 0 --seed 42
"""

import os
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

import common
from common import INFER_BATCH, log

WARMUP_INFER_BATCHES = 3
WARMUP_LATENCY_IMAGES = 20
LATENCY_IMAGES = 200


# ---------------------------------------------------------------- data

def load_split(directory, prefix, limit=0):
    """Return (images, labels): float32 N x 1 x 28 x 28 in [0, 1], int64 N."""
    images = common.read_idx(os.path.join(directory, f"{prefix}-images-idx3-ubyte.gz"))
    labels = common.read_idx(os.path.join(directory, f"{prefix}-labels-idx1-ubyte.gz"))
    if len(images) != len(labels):
        raise ValueError(f"{prefix}: {len(images)} images but {len(labels)} labels")
    if limit > 0:
        images, labels = images[:limit], labels[:limit]
    x = torch.from_numpy(images.astype(np.float32)).div_(255.0).unsqueeze(1)
    y = torch.from_numpy(labels.astype(np.int64))
    return x, y


# ---------------------------------------------------------------- models

def simple_cnn():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(),
        nn.Flatten(),
        nn.Linear(3 * 3 * 64, 64), nn.ReLU(),
        nn.Linear(64, 10),
    )


def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10),
    )


class BasicBlock(nn.Module):
    """conv3x3-BN-ReLU-conv3x3-BN plus shortcut, then ReLU."""

    def __init__(self, in_channels, out_channels, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        if stride != 1 or in_channels != out_channels:
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, 1, stride, bias=False),
                nn.BatchNorm2d(out_channels),
            )
        else:
            self.shortcut = nn.Identity()

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + self.shortcut(x))


def resnet():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(),
        BasicBlock(32, 32, 1),
        BasicBlock(32, 64, 2),
        BasicBlock(64, 128, 2),
        nn.AdaptiveAvgPool2d(1),
        nn.Flatten(),
        nn.Linear(128, 10),
    )


MODELS = {"simple-cnn": simple_cnn, "lenet": lenet, "resnet": resnet}


def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


# ---------------------------------------------------------------- training and evaluation

def train_epoch(model, optimizer, x, y, batch_size, generator, clock):
    """Train one epoch, timing each step on clock; return the epoch's images/s."""
    model.train()
    order = torch.randperm(len(x), generator=generator)
    batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    epoch_start = time.perf_counter()
    for step, idx in enumerate(batches):
        start = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x[idx]), y[idx])
        loss.backward()
        optimizer.step()
        clock.add(len(idx), time.perf_counter() - start)
        if (step + 1) % 100 == 0:
            log(f"  batch {step + 1}/{len(batches)} loss {loss.item():.4f}")
    return len(x) / (time.perf_counter() - epoch_start)


@torch.no_grad()
def accuracy(model, x, y, batch_size=INFER_BATCH):
    model.eval()
    correct = 0
    for i in range(0, len(x), batch_size):
        correct += (model(x[i:i + batch_size]).argmax(1) == y[i:i + batch_size]).sum().item()
    return correct / len(x)


@torch.no_grad()
def inference_throughput(model, x, batch_size=INFER_BATCH):
    """Images/s over the whole set at a fixed batch size, after a warm-up."""
    model.eval()
    for i in range(WARMUP_INFER_BATCHES):
        model(x[i * batch_size:(i + 1) * batch_size])
    start = time.perf_counter()
    for i in range(0, len(x), batch_size):
        model(x[i:i + batch_size])
    return len(x) / (time.perf_counter() - start)


@torch.no_grad()
def median_latency_ms(model, x):
    """Median wall time of single-image inference, in milliseconds."""
    model.eval()
    for i in range(WARMUP_LATENCY_IMAGES):
        model(x[i:i + 1])
    times = []
    for i in range(LATENCY_IMAGES):
        image = x[i:i + 1]
        start = time.perf_counter()
        model(image)
        times.append(time.perf_counter() - start)
    return common.median_ms(times)


# ---------------------------------------------------------------- main

def main(argv=None):
    p = common.parser(__doc__, sorted(MODELS), "simple-cnn", epochs=1, batch_size=128, lr=1e-3)
    args = common.parse(common.run_options(p), argv)

    train_x, train_y = load_split(args.data, "train", args.limit)
    test_x, test_y = load_split(args.data, "t10k")
    log(f"torch {torch.__version__}, {torch.get_num_threads()} threads; "
        f"{len(train_x)} training / {len(test_x)} test images")

    model = MODELS[args.model]()
    parameters = count_parameters(model)
    log(f"model {args.model}: {parameters} parameters")
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    generator = torch.Generator().manual_seed(args.seed)

    clock, throughputs, accuracies = common.StepClock(), [], []
    for epoch in range(1, args.epochs + 1):
        throughputs.append(train_epoch(model, optimizer, train_x, train_y,
                                       args.batch_size, generator, clock))
        accuracies.append(accuracy(model, test_x, test_y))
        log(f"epoch {epoch}/{args.epochs}: {throughputs[-1]:.1f} images/s, "
            f"test accuracy {accuracies[-1]:.4f}")

    infer = inference_throughput(model, test_x)
    log(f"inference (batch {INFER_BATCH}): {infer:.1f} images/s")
    latency = median_latency_ms(model, test_x)
    log(f"latency (batch 1, median of {LATENCY_IMAGES}): {latency:.3f} ms")

    epochs = "epoch" if args.epochs == 1 else "epochs"
    common.print_result(common.row(
        args,
        epochs=args.epochs,
        batch_size=args.batch_size,
        train_examples=len(train_x),
        parameters=parameters,
        train_images_per_s_per_epoch=common.rounded(throughputs),
        test_accuracy_per_epoch=common.rounded(accuracies, 4),
        **common.figures(
            train=clock.per_second(), unit="images",
            infer=infer, infer_batch=INFER_BATCH, latency=latency,
            quality=accuracies[-1], quality_name="test accuracy",
            budget=f"{args.epochs} {epochs} of {len(train_x):,} images, batch {args.batch_size}",
            details="test accuracy per epoch "
                    + " / ".join(f"{a:.4f}" for a in accuracies)),
    ))


if __name__ == "__main__":
    main()

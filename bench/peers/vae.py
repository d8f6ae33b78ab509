#!/usr/bin/python3
"""Plain-PyTorch peer for ``zoo bench vae``.

Trains the Zoo VAE architectures (mlp-vae: 784-512-256 encoder and the mirror
decoder; conv-vae: conv 32-64 stride 2, a stride-2 transposed convolution to 32
channels and a sub-pixel output layer) at latent dimension 16 on Fashion-MNIST
with Bernoulli (binary cross-entropy from logits, summed over pixels) plus KL
loss and Adam, as the Java benchmark does. Reports training images/s, the test
negative ELBO per image after every epoch, scoring images/s at batch 256, the
median time to score one image, peak RSS, and the ROC-AUC of the negative ELBO
at telling class Bag from the rest after a second run with Bag held out.
Progress goes to stderr; the last line on stdout is one JSON object.

Example:
    /usr/bin/python3 bench/peers/vae.py --model mlp-vae --epochs 2 \\
        --batch-size 128 --lr 1e-3 --threads 2 --seed 42
"""

import argparse
import gzip
import json
import os
import resource
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

LATENT = 16
HOLDOUT = 8  # Bag
SCORE_BATCH = 256
WARMUP_BATCHES = 20


def say(text):
    print(text, file=sys.stderr, flush=True)


def idx_array(folder, name, header, shape):
    """The bytes after an IDX file's header, as uint8 of the given trailing shape."""
    path = os.path.join(folder, name + ".gz")
    opener = gzip.open if os.path.exists(path) else open
    path = path if os.path.exists(path) else os.path.join(folder, name)
    with opener(path, "rb") as handle:
        raw = handle.read()
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape((-1,) + shape)


def fashion(folder, split, limit):
    prefix = "train" if split == "train" else "t10k"
    pixels = idx_array(folder, prefix + "-images-idx3-ubyte", 16, (1, 28, 28))
    classes = idx_array(folder, prefix + "-labels-idx1-ubyte", 8, ()).reshape(-1)
    if limit:
        pixels, classes = pixels[:limit], classes[:limit]
    return torch.tensor(pixels, dtype=torch.float32) / 255.0, torch.tensor(classes.astype(np.int64))


class Vae(nn.Module):
    def __init__(self, kind, latent):
        super().__init__()
        self.latent = latent
        if kind == "mlp-vae":
            self.encoder = nn.Sequential(
                nn.Flatten(), nn.Linear(784, 512), nn.ReLU(),
                nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 2 * latent))
            self.decoder = nn.Sequential(
                nn.Linear(latent, 256), nn.ReLU(), nn.Linear(256, 512), nn.ReLU(),
                nn.Linear(512, 784), nn.Unflatten(1, (1, 28, 28)))
        else:
            self.encoder = nn.Sequential(
                nn.Conv2d(1, 32, 3, 2, 1), nn.ReLU(), nn.Conv2d(32, 64, 3, 2, 1), nn.ReLU(),
                nn.Flatten(), nn.Linear(64 * 7 * 7, 2 * latent))
            self.decoder = nn.Sequential(
                nn.Linear(latent, 64 * 7 * 7), nn.ReLU(), nn.Unflatten(1, (64, 7, 7)),
                nn.ConvTranspose2d(64, 32, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
                nn.Conv2d(32, 4, 3, padding=1), nn.PixelShuffle(2))

    def forward(self, x):
        mean, log_var = self.encoder(x).split(self.latent, dim=1)
        z = mean + torch.exp(0.5 * log_var) * torch.randn_like(mean)
        return self.decoder(z), mean, log_var


def terms(model, x):
    """Per-image reconstruction and KL terms, nats."""
    logits, mean, log_var = model(x)
    rec = F.binary_cross_entropy_with_logits(logits, x, reduction="none").flatten(1).sum(1)
    kl = 0.5 * (mean.pow(2) + log_var.exp() - log_var - 1).sum(1)
    return rec, kl


@torch.no_grad()
def scores(model, x):
    model.eval()
    return torch.cat([sum(terms(model, x[i:i + SCORE_BATCH])) for i in range(0, len(x), SCORE_BATCH)])


def roc_auc(score, positive):
    """Mann-Whitney ROC-AUC with average ranks for ties."""
    order = np.argsort(score, kind="mergesort")
    ranks = np.empty(len(score))
    sorted_scores = score[order]
    start = 0
    while start < len(score):
        end = start
        while end + 1 < len(score) and sorted_scores[end + 1] == sorted_scores[start]:
            end += 1
        ranks[order[start:end + 1]] = (start + end) / 2 + 1
        start = end + 1
    n_pos = positive.sum()
    n_neg = len(score) - n_pos
    return (ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def train(kind, x, test_x, args, label):
    torch.manual_seed(args.seed)
    model = Vae(kind, LATENT)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    shuffle = torch.Generator().manual_seed(args.seed)
    speeds, elbos = [], []
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(len(x), generator=shuffle)
        skip = WARMUP_BATCHES if epoch == 1 and len(x) > 2 * WARMUP_BATCHES * args.batch_size else 0
        clock, seen = None, 0
        for step, first in enumerate(range(0, len(x), args.batch_size)):
            if step == skip:
                clock, seen = time.perf_counter(), 0
            rec, kl = terms(model, x[order[first:first + args.batch_size]])
            optimizer.zero_grad(set_to_none=True)
            (rec.mean() + kl.mean()).backward()
            optimizer.step()
            seen += min(args.batch_size, len(x) - first)
        speeds.append(seen / (time.perf_counter() - clock))
        elbos.append(scores(model, test_x).mean().item())
        say(f"{label} epoch {epoch}/{args.epochs}: {speeds[-1]:.0f} images/s, "
            f"test -ELBO {elbos[-1]:.2f}")
    return model, speeds, elbos


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", choices=["conv-vae", "mlp-vae"], default="conv-vae")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--seed", type=int, default=42)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)

    x, y = fashion(args.data, "train", args.limit)
    test_x, test_y = fashion(args.data, "test", 0)
    say(f"torch {torch.__version__}, {torch.get_num_threads()} threads, "
        f"{len(x)} training and {len(test_x)} test images")

    model, speeds, elbos = train(args.model, x, test_x, args, args.model)
    scores(model, test_x[:1000])
    started = time.perf_counter()
    scores(model, test_x)
    scoring = len(test_x) / (time.perf_counter() - started)
    single = []
    for i in range(-20, 200):
        image = test_x[i % len(test_x)].unsqueeze(0)
        started = time.perf_counter()
        scores(model, image)
        if i >= 0:
            single.append(time.perf_counter() - started)

    kept = y != HOLDOUT
    held, _, _ = train(args.model, x[kept], test_x, args, "Bag held out:")
    auc = roc_auc(scores(held, test_x).numpy(), (test_y == HOLDOUT).numpy())
    say(f"Bag held out: ROC-AUC {auc:.4f}")

    print(json.dumps({
        "peer": "pytorch-python",
        "torch": torch.__version__,
        "model": args.model,
        "latent_dim": LATENT,
        "epochs": args.epochs,
        "batch_size": args.batch_size,
        "threads": args.threads,
        "train_images": len(x),
        "train_images_per_s": round(speeds[-1], 1),
        "train_images_per_s_per_epoch": [round(s, 1) for s in speeds],
        "quality_name": "test -ELBO nats",
        "quality": [round(e, 3) for e in elbos],
        "infer_images_per_s_b256": round(scoring, 1),
        "latency_ms_b1_median": round(statistics.median(single) * 1000, 3),
        "holdout_class": "Bag",
        "holdout_auc": round(float(auc), 4),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }), flush=True)


if __name__ == "__main__":
    main()

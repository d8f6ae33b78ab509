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

import gzip
import os
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

import common
from common import log

LATENT = 16
HOLDOUT = 8  # Bag
SCORE_BATCH = 256


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
    """Trains a VAE; returns (model, training images/s after warm-up, test -ELBO per epoch)."""
    torch.manual_seed(args.seed)
    model = Vae(kind, LATENT)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    shuffle = torch.Generator().manual_seed(args.seed)
    clock, elbos = common.StepClock(), []
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(len(x), generator=shuffle)
        for first in range(0, len(x), args.batch_size):
            start = time.perf_counter()
            batch = x[order[first:first + args.batch_size]]
            rec, kl = terms(model, batch)
            optimizer.zero_grad(set_to_none=True)
            (rec.mean() + kl.mean()).backward()
            optimizer.step()
            clock.add(len(batch), time.perf_counter() - start)
        elbos.append(scores(model, test_x).mean().item())
        log(f"{label} epoch {epoch}/{args.epochs}: test -ELBO {elbos[-1]:.2f}")
    return model, clock.per_second(), elbos


@torch.no_grad()
def generation_throughput(model, count):
    """Images/s decoded from the prior at batch SCORE_BATCH."""
    model.eval()
    model.decoder(torch.randn(SCORE_BATCH, LATENT))
    start = time.perf_counter()
    for i in range(0, count, SCORE_BATCH):
        torch.sigmoid(model.decoder(torch.randn(min(SCORE_BATCH, count - i), LATENT)))
    return count / (time.perf_counter() - start)


def main():
    p = common.parser(__doc__, ["conv-vae", "mlp-vae"], "conv-vae", epochs=2, batch_size=128,
                      lr=1e-3)
    args = common.parse(common.run_options(p, limit_help=None), seed=False)

    x, y = fashion(args.data, "train", args.limit)
    test_x, test_y = fashion(args.data, "test", 0)
    log(f"torch {torch.__version__}, {torch.get_num_threads()} threads, "
        f"{len(x)} training and {len(test_x)} test images")

    model, speed, elbos = train(args.model, x, test_x, args, args.model)
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
    generation = generation_throughput(model, len(test_x))

    kept = y != HOLDOUT
    held, _, _ = train(args.model, x[kept], test_x, args, "Bag held out:")
    auc = roc_auc(scores(held, test_x).numpy(), (test_y == HOLDOUT).numpy())
    log(f"Bag held out: ROC-AUC {auc:.4f}")

    epochs = "epoch" if args.epochs == 1 else "epochs"
    common.print_result(common.row(
        args,
        latent_dim=LATENT,
        epochs=args.epochs,
        batch_size=args.batch_size,
        train_examples=len(x),
        test_negative_elbo_per_epoch=common.rounded(elbos, 3),
        holdout_class="Bag",
        holdout_auc=round(float(auc), 4),
        **common.figures(
            train=speed, unit="images",
            infer=scoring, infer_batch=SCORE_BATCH, latency=common.median_ms(single),
            gen=generation, gen_unit="images",
            quality=elbos[-1], quality_name="test -ELBO nats",
            budget=f"{args.epochs} {epochs} of {len(x):,} images, batch {args.batch_size},"
                   f" latent {LATENT}",
            details=f"test -ELBO per epoch {common.rounded(elbos, 3)}; Bag held out: ROC-AUC"
                    f" {auc:.4f}"),
    ))


if __name__ == "__main__":
    main()

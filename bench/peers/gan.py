#!/usr/bin/python3
"""Plain-PyTorch peer for ``zoo bench gan``.

Trains the Zoo's DCGAN (or MLP GAN) on Fashion-MNIST with the same
architecture and hyper-parameters as the Java benchmark -- one discriminator
step and one generator step per batch, Adam with beta1 0.5, the
non-saturating generator loss, DCGAN's N(0, 0.02) initial weights -- and
measures training throughput, generation throughput at batch 256,
single-image latency and peak memory. Progress goes to stderr; the last line
on stdout is one JSON object; --grid writes the generator's images of 64
fixed noise vectors as a PNG.

Example:
    /usr/bin/python3 bench/peers/gan.py --model dcgan --steps 2400 \\
        --batch-size 32 --lr 2e-4 --threads 2 \\
        --data /usr/share/datasets/fashion-mnist --limit 10000 --seed 42
"""

import os
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

import common
from common import INFER_BATCH, log

LATENT = 100
LATENCY_IMAGES = 100
G_CHANNELS = 64  # the zoo's g_channels: maps after the generator's projection
D_CHANNELS = 32  # the zoo's d_channels: maps of the discriminator's first convolution


def load_images(directory, limit):
    """Training images as float32 N x 1 x 28 x 28 in [-1, 1]."""
    images = common.read_idx(os.path.join(directory, "train-images-idx3-ubyte.gz"))
    if limit > 0:
        images = images[:limit]
    return torch.from_numpy(images.astype(np.float32)).div_(127.5).sub_(1.0).unsqueeze(1)


def dcgan(args):
    """The zoo's dcgan: dense to g_channels x 7 x 7, two stride-2 transposed 4x4 convolutions
    (padding 1) and tanh; a discriminator of two stride-2 4x4 convolutions (d_channels, twice
    that with batch norm) and one logit; weights from N(0, 0.02)."""
    g, d = args.g_channels, args.d_channels
    generator = nn.Sequential(
        nn.Linear(LATENT, g * 7 * 7, bias=False), nn.BatchNorm1d(g * 7 * 7), nn.ReLU(),
        nn.Unflatten(1, (g, 7, 7)),
        nn.ConvTranspose2d(g, g // 2, 4, 2, 1, bias=False), nn.BatchNorm2d(g // 2), nn.ReLU(),
        nn.ConvTranspose2d(g // 2, 1, 4, 2, 1), nn.Tanh(),
    )
    discriminator = nn.Sequential(
        nn.Conv2d(1, d, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(d, 2 * d, 4, 2, 1), nn.BatchNorm2d(2 * d), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(2 * d * 7 * 7, 1),
    )
    for module in list(generator.modules()) + list(discriminator.modules()):
        if isinstance(module, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(module.weight, 0.0, 0.02)
            if module.bias is not None:
                nn.init.zeros_(module.bias)
    return generator, discriminator


def mlp_gan(args):
    generator = nn.Sequential(
        nn.Linear(LATENT, 256), nn.ReLU(), nn.Linear(256, 512), nn.ReLU(),
        nn.Linear(512, 784), nn.Tanh(), nn.Unflatten(1, (1, 28, 28)),
    )
    discriminator = nn.Sequential(
        nn.Flatten(), nn.Linear(784, 512), nn.LeakyReLU(0.2),
        nn.Linear(512, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1),
    )
    return generator, discriminator


MODELS = {"dcgan": dcgan, "mlp-gan": mlp_gan}


def train_epoch(g, d, opt_g, opt_d, x, batch_size, generator, clock, max_steps):
    """One epoch of at most max_steps steps, timed on clock; returns (steps, mean D loss, mean G
    loss)."""
    order = torch.randperm(len(x), generator=generator)
    batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)][:max_steps]
    d_sum, g_sum = 0.0, 0.0
    for step, idx in enumerate(batches):
        start = time.perf_counter()
        real = x[idx]
        n = len(idx)
        fake = g(torch.randn(n, LATENT)).detach()
        opt_d.zero_grad(set_to_none=True)
        d_loss = (F.softplus(-d(real)).mean() + F.softplus(d(fake)).mean())
        d_loss.backward()
        opt_d.step()
        opt_g.zero_grad(set_to_none=True)
        g_loss = F.softplus(-d(g(torch.randn(n, LATENT)))).mean()
        g_loss.backward()
        opt_g.step()
        clock.add(n, time.perf_counter() - start)
        d_sum += d_loss.item()
        g_sum += g_loss.item()
        if (step + 1) % 100 == 0:
            log(f"  batch {step + 1}/{len(batches)} D loss {d_loss.item():.4f}"
                f" G loss {g_loss.item():.4f}")
    return len(batches), d_sum / max(1, len(batches)), g_sum / max(1, len(batches))


@torch.no_grad()
def generation_throughput(g, count):
    g.eval()
    g(torch.randn(INFER_BATCH, LATENT))
    start = time.perf_counter()
    for i in range(0, count, INFER_BATCH):
        g(torch.randn(min(INFER_BATCH, count - i), LATENT))
    return count / (time.perf_counter() - start)


@torch.no_grad()
def median_latency_ms(g):
    g.eval()
    times = []
    for i in range(LATENCY_IMAGES + 10):
        z = torch.randn(1, LATENT)
        start = time.perf_counter()
        g(z)
        if i >= 10:
            times.append(time.perf_counter() - start)
    return common.median_ms(times)


@torch.no_grad()
def write_grid(g, path, seed):
    """The generator's images of 64 noise vectors drawn with seed, as an 8 x 8 grid PNG."""
    from PIL import Image
    g.eval()
    z = torch.randn(64, LATENT, generator=torch.Generator().manual_seed(seed))
    pixels = g(z).add(1).div(2).clamp(0, 1).mul(255).byte().squeeze(1).numpy()
    rows = [np.concatenate(list(pixels[r * 8:(r + 1) * 8]), 1) for r in range(8)]
    Image.fromarray(np.concatenate(rows, 0)).save(path)


def main(argv=None):
    p = common.parser(__doc__, sorted(MODELS), "dcgan", epochs=1, batch_size=32, lr=2e-4)
    p.add_argument("--steps", type=int, default=0,
                   help="train this many steps (batches) instead of --epochs epochs")
    p.add_argument("--g-channels", type=int, default=G_CHANNELS)
    p.add_argument("--d-channels", type=int, default=D_CHANNELS)
    p.add_argument("--grid", help="write 64 generated images to this PNG file")
    args = common.parse(common.run_options(p), argv)
    x = load_images(args.data, args.limit)
    log(f"torch {torch.__version__}, {torch.get_num_threads()} threads; {len(x)} training images")
    g, d = MODELS[args.model](args)
    per_epoch = -(-len(x) // args.batch_size)
    epochs = -(-args.steps // per_epoch) if args.steps > 0 else args.epochs
    left = args.steps if args.steps > 0 else epochs * per_epoch
    args.epochs = epochs
    opt_g = torch.optim.Adam(g.parameters(), lr=args.lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=args.lr, betas=(0.5, 0.999))
    shuffle = torch.Generator().manual_seed(args.seed)
    per_epoch = (len(x) + args.batch_size - 1) // args.batch_size
    total = args.steps if args.steps > 0 else args.epochs * per_epoch
    clock, done, epoch = common.StepClock(), 0, 0
    while done < total:
        epoch += 1
        g.train()
        steps, d_loss, g_loss = train_epoch(
            g, d, opt_g, opt_d, x, args.batch_size, shuffle, clock, total - done)
        done += steps
        log(f"epoch {epoch}: {done}/{total} steps, D loss {d_loss:.4f}, G loss {g_loss:.4f}")
    if args.grid:
        write_grid(g, args.grid, args.seed)
    generation = generation_throughput(g, 10000)
    latency = median_latency_ms(g)
    common.print_result(common.row(
        args,
        epochs=epoch,
        steps=done,
        batch_size=args.batch_size,
        train_examples=len(x),
        **common.figures(
            train=clock.per_second(), unit="images",
            infer=None, infer_batch=INFER_BATCH, latency=latency,
            gen=generation, gen_unit="images",
            quality=None, quality_name="FD",
            quality_note=f"no judge; D loss {d_loss:.3f}, G loss {g_loss:.3f}",
            budget=f"{done:,} steps of {args.batch_size} images on {len(x):,} images"),
    ))


if __name__ == "__main__":
    main()

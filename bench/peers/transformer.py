#!/usr/bin/python3
"""Plain-PyTorch peer for ``zoo bench transformer``.

Trains the same character-level GPT as the Java char-gpt (4 pre-LayerNorm
blocks, 4 heads, width 128, feed-forward 512, context 128, weight tying,
dropout 0.1, AdamW with warm-up and cosine decay) on the same corpus and the
same split (every tenth record held out), then measures training tokens/s,
validation bits per character on the same validation tokens, and peak memory.
Progress goes to stderr; the last line on stdout is one JSON object.

Example:
    /usr/bin/python3 bench/peers/transformer.py --model char-gpt --steps 300 \\
        --batch-size 64 --lr 1e-3 --threads 2 --seed 42
"""

import math
import os
import time

import torch
from torch import nn
import torch.nn.functional as F

import common
from common import log

MAX_VALIDATION_TOKENS = 32768
EVAL_BATCH = 16
SCORED_WINDOWS = 64  # inference: bits per character of the first 64 validation windows
LATENCY_RUNS = 50
GENERATED = 256


# ---------------------------------------------------------------- data (as zoo-api's Corpus)

def read_corpus(path):
    records = []
    for f in common.corpus_files(path):
        with open(f, "rb") as handle:
            records.extend(common.parse_records(handle.read().decode("utf-8")))
    return records


def locate(data):
    if data:
        return data
    if os.environ.get("ZOO_TEXT"):
        return os.environ["ZOO_TEXT"]
    if os.path.isdir(common.FORTUNES):
        return common.FORTUNES
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(here, "..", "..", "zoo-api", "src", "main", "resources",
                        "dev", "zoo", "api", "text", "embedded")


# ---------------------------------------------------------------- model (as zoo-transformer's)

class Block(nn.Module):
    def __init__(self, width, heads, ff, dropout):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.LayerNorm(width)
        self.qkv = nn.Linear(width, 3 * width)
        self.proj = nn.Linear(width, width)
        self.norm2 = nn.LayerNorm(width)
        self.expand = nn.Linear(width, ff)
        self.contract = nn.Linear(ff, width)
        self.drop = nn.Dropout(dropout)

    def forward(self, x, mask):
        b, t, d = x.shape
        q, k, v = self.qkv(self.norm1(x)).split(d, dim=2)
        q, k, v = (z.view(b, t, self.heads, d // self.heads).transpose(1, 2) for z in (q, k, v))
        scores = q @ k.transpose(2, 3) / math.sqrt(d // self.heads) + mask[:t, :t]
        y = self.drop(scores.softmax(-1)) @ v
        x = x + self.drop(self.proj(y.transpose(1, 2).reshape(b, t, d)))
        return x + self.drop(self.contract(F.gelu(self.expand(self.norm2(x)))))


class Gpt(nn.Module):
    def __init__(self, vocab, layers, heads, width, ff, context, dropout):
        super().__init__()
        self.tokens = nn.Parameter(torch.randn(vocab, width) * 0.02)
        self.positions = nn.Parameter(torch.randn(context, width) * 0.02)
        self.drop = nn.Dropout(dropout)
        self.blocks = nn.ModuleList(Block(width, heads, ff, dropout) for _ in range(layers))
        self.norm = nn.LayerNorm(width)
        r = torch.arange(context)
        self.register_buffer("mask", (r[:, None] < r[None, :]).float() * -1e9)
        for block in self.blocks:
            for m in (block.qkv, block.expand):
                nn.init.normal_(m.weight, std=0.02)
                nn.init.zeros_(m.bias)
            for m in (block.proj, block.contract):
                nn.init.normal_(m.weight, std=0.02 / math.sqrt(2 * layers))
                nn.init.zeros_(m.bias)

    def forward(self, idx):
        t = idx.shape[1]
        x = self.drop(self.tokens[idx] + self.positions[:t])
        for block in self.blocks:
            x = block(x, self.mask)
        return self.norm(x) @ self.tokens.t()


def rate(step, base, total, warmup):
    if step <= warmup:
        return base * step / warmup
    progress = min(1.0, (step - warmup) / max(1, total - warmup))
    return base * 0.5 * (1 + math.cos(math.pi * progress))


def bits_per_char(model, tokens, context):
    length = min(context, len(tokens) - 1)
    windows = (len(tokens) - 1) // length
    nats = 0.0
    model.eval()
    with torch.no_grad():
        for start in range(0, windows, EVAL_BATCH):
            n = min(EVAL_BATCH, windows - start)
            rows = torch.stack([tokens[(start + i) * length:(start + i) * length + length + 1]
                                for i in range(n)])
            logits = model(rows[:, :-1])
            nats += F.cross_entropy(logits.reshape(-1, logits.shape[-1]),
                                    rows[:, 1:].reshape(-1), reduction="sum").item()
    model.train()
    return nats / math.log(2) / (windows * length)


@torch.no_grad()
def generate(model, prompt, length, context, generator):
    """Samples length tokens after prompt (unrestricted), recomputing the last context tokens
    for each one; returns tokens/s."""
    model.eval()
    x = prompt.unsqueeze(0)
    start = time.perf_counter()
    for _ in range(length):
        logits = model(x[:, -context:])[0, -1]
        token = torch.multinomial(F.softmax(logits, -1), 1, generator=generator)
        x = torch.cat([x, token.view(1, 1)], 1)
    model.train()
    return length / (time.perf_counter() - start)


def main():
    p = common.parser(__doc__, None, "char-gpt", epochs=0, batch_size=64, lr=1e-3)
    p.add_argument("--steps", type=int, default=300)
    p.add_argument("--warmup", type=int, default=30)
    p.add_argument("--weight-decay", type=float, default=0.1)
    p.add_argument("--context", type=int, default=128)
    common.run_options(p, threads=os.cpu_count(), data=None,
                       limit_help="training windows, 0 for all")
    a = common.parse(p, interop=False)
    if a.model != "char-gpt":
        raise SystemExit(f"the peer implements char-gpt only, not {a.model}")

    records = read_corpus(locate(a.data))
    chars, index, train_tokens, valid_tokens = common.char_tokens(records, *common.held_out(records))
    valid_tokens = valid_tokens[:MAX_VALIDATION_TOKENS + 1]
    ctx = a.context
    windows = (len(train_tokens) - 1) // ctx
    if a.limit > 0:
        windows = min(windows, a.limit)
    log(f"{len(records)} records, vocabulary {len(chars)}, {windows} windows of {ctx}")

    model = Gpt(len(chars), 4, 4, 128, 512, ctx, 0.1)
    optimizer = torch.optim.AdamW(model.parameters(), lr=a.lr, betas=(0.9, 0.99), eps=1e-8,
                                  weight_decay=a.weight_decay)
    step, clock = 0, common.StepClock()
    generator = torch.Generator().manual_seed(a.seed)
    while step < a.steps:
        order = torch.randperm(windows, generator=generator)
        for start in range(0, windows, a.batch_size):
            if step >= a.steps:
                break
            t0 = time.perf_counter()
            idx = order[start:start + a.batch_size]
            rows = torch.stack([train_tokens[i * ctx:i * ctx + ctx + 1] for i in idx.tolist()])
            step += 1
            for group in optimizer.param_groups:
                group["lr"] = rate(step, a.lr, a.steps, a.warmup)
            logits = model(rows[:, :-1])
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), rows[:, 1:].reshape(-1))
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            clock.add(rows.shape[0] * ctx, time.perf_counter() - t0)
            if step % 20 == 0:
                log(f"step {step}/{a.steps} loss {loss.item():.4f}")
    bpc = bits_per_char(model, valid_tokens, ctx)
    counts = torch.bincount(train_tokens, minlength=len(chars)).double() + 1
    unigram = -(counts / counts.sum()).log2()[valid_tokens].mean().item()

    scored = valid_tokens[:SCORED_WINDOWS * ctx + 1]
    one = valid_tokens[:ctx + 1]
    bits_per_char(model, scored, ctx)
    begin = time.perf_counter()
    bits_per_char(model, scored, ctx)
    scoring = (len(scored) - 1) / (time.perf_counter() - begin)
    times = []
    for i in range(-5, LATENCY_RUNS):
        begin = time.perf_counter()
        bits_per_char(model, one, ctx)
        if i >= 0:
            times.append(time.perf_counter() - begin)
    prompt = torch.tensor([index[c] for c in "The " if c in index], dtype=torch.long)
    sampler = torch.Generator().manual_seed(a.seed)
    generate(model, prompt, 32, ctx, sampler)
    generation = generate(model, prompt, GENERATED, ctx, sampler)

    common.print_result(common.row(
        a,
        steps=step,
        batch_size=a.batch_size,
        context=ctx,
        unigram_bpc=round(unigram, 4),
        **common.figures(
            train=clock.per_second(), unit="tokens",
            infer=scoring, infer_batch=EVAL_BATCH, latency=common.median_ms(times),
            gen=generation, gen_unit="tokens",
            quality=bpc, quality_name="val bpc", quality_note=f"unigram {unigram:.3f}",
            budget=f"{step} steps of {a.batch_size} x {ctx} tokens",
            details=f"generation {generation:.0f} tokens/s recomputing every step (no cache)"),
    ))


if __name__ == "__main__":
    main()

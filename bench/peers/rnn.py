#!/usr/bin/python3
"""Plain-PyTorch peer for ``zoo bench rnn``.

Trains the Zoo character LSTM (embedding, stacked LSTM with dropout between
layers, dropout, linear head) on the same corpus, vocabulary, validation split
and step budget as the Java benchmark, then measures training characters/s,
validation bits per character, generation characters/s and peak memory.
Progress goes to stderr; the last line on stdout is one JSON object.

Example:
    /usr/bin/python3 bench/peers/rnn.py --model char-lstm --steps 300 \\
        --batch-size 64 --seq-len 128 --lr 3e-3 --threads 2 \\
        --data /usr/share/games/fortunes --seed 42
"""

import math
import time

import torch
from torch import nn
import torch.nn.functional as F

import common
from common import log

GENERATED = 400
WARM_UP = 20
SCORED_WINDOWS = 64  # inference: bits per character of the first 64 validation windows
LATENCY_RUNS = 50
VALIDATION_EVERY = 10  # every 10th record is held out, as Corpus.split(0.1) does


# ---------------------------------------------------------------- data (as zoo-api's Corpus)

def read_corpus(path):
    records = []
    for f in common.corpus_files(path):
        with open(f, encoding="utf-8", errors="strict") as handle:
            records.extend(common.parse_records(handle.read()))
    return records


def windows(tokens, length, indices):
    """Inputs and targets of the windows at indices, (len(indices), length) each."""
    x = torch.stack([tokens[i * length:(i + 1) * length] for i in indices])
    y = torch.stack([tokens[i * length + 1:(i + 1) * length + 1] for i in indices])
    return x, y


# ---------------------------------------------------------------- model

class CharLstm(nn.Module):
    def __init__(self, vocabulary, embedding, hidden, layers, dropout):
        super().__init__()
        self.embedding = nn.Embedding(vocabulary, embedding)
        self.lstm = nn.LSTM(embedding, hidden, layers, batch_first=True,
                            dropout=dropout if layers > 1 else 0.0)
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(hidden, vocabulary)

    def forward(self, x, state=None):
        out, state = self.lstm(self.embedding(x), state)
        return self.head(self.dropout(out)), state


@torch.no_grad()
def bits_per_character(model, tokens, length, count, batch_size=64):
    """Mean cross-entropy in bits over count windows spread evenly, as BitsPerToken does."""
    model.eval()
    size = (len(tokens) - 1) // length
    count = min(count, size)
    chosen = [i * size // count for i in range(count)]
    nats = 0.0
    for start in range(0, count, batch_size):
        x, y = windows(tokens, length, chosen[start:start + batch_size])
        logits, _ = model(x)
        nats += F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1),
                                reduction="sum").item()
    model.train()
    return nats / (count * length) / math.log(2)


@torch.no_grad()
def generate(model, prompt, length, temperature, top_k, generator):
    """Samples length tokens, carrying the LSTM state forward one token at a time."""
    model.eval()
    x = prompt.unsqueeze(0)
    state, out = None, []
    for _ in range(length):
        logits, state = model(x, state)
        logits = logits[0, -1] / temperature
        values, indices = logits.topk(top_k)
        choice = torch.multinomial(F.softmax(values, -1), 1, generator=generator)
        token = indices[choice]
        out.append(token.item())
        x = token.view(1, 1)
    return out


# ---------------------------------------------------------------- main

def main(argv=None):
    p = common.parser(__doc__, ["char-lstm"], "char-lstm", epochs=0, batch_size=64, lr=3e-3)
    p.add_argument("--steps", type=int, default=300)
    p.add_argument("--seq-len", type=int, default=128)
    p.add_argument("--embedding", type=int, default=128)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--eval-windows", type=int, default=256)
    common.run_options(p, data=common.FORTUNES,
                       limit_help="number of training windows to use (0 = all)")
    args = common.parse(p, argv)

    records = read_corpus(args.data)
    train_records, valid_records = common.held_out(records, VALIDATION_EVERY)
    vocabulary, index, train, valid = common.char_tokens(records, train_records, valid_records)
    if args.limit > 0:
        train = train[:args.limit * args.seq_len + 1]
    counts = torch.bincount(train, minlength=len(vocabulary)).double() + 1
    unigram = -(counts / counts.sum()).log2()[valid].mean().item()
    log(f"torch {torch.__version__}, {torch.get_num_threads()} threads; {len(records)} records, "
        f"{len(train):,} training / {len(valid):,} validation characters, "
        f"vocabulary {len(vocabulary)}")

    model = CharLstm(len(vocabulary), args.embedding, args.hidden, args.layers, args.dropout)
    parameters = sum(p.numel() for p in model.parameters())
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    generator = torch.Generator().manual_seed(args.seed)
    size = (len(train) - 1) // args.seq_len
    order = torch.randperm(size, generator=generator)
    clock = common.StepClock()
    model.train()
    for step in range(args.steps):
        start = time.perf_counter()
        first = (step * args.batch_size) % size
        indices = [order[(first + i) % size].item() for i in range(args.batch_size)]
        x, y = windows(train, args.seq_len, indices)
        optimizer.zero_grad(set_to_none=True)
        logits, _ = model(x)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
        loss.backward()
        optimizer.step()
        clock.add(x.numel(), time.perf_counter() - start)
        if (step + 1) % 25 == 0:
            log(f"  step {step + 1}/{args.steps} loss {loss.item():.4f}")
    train_speed = clock.per_second()
    bpc = bits_per_character(model, valid, args.seq_len, args.eval_windows)
    log(f"train {train_speed:.0f} chars/s; validation {bpc:.3f} bits per character "
        f"(unigram {unigram:.3f}) after {args.steps} steps")

    scored = valid[:SCORED_WINDOWS * args.seq_len + 1]
    one = valid[:args.seq_len + 1]
    bits_per_character(model, scored, args.seq_len, SCORED_WINDOWS)
    begin = time.perf_counter()
    bits_per_character(model, scored, args.seq_len, SCORED_WINDOWS)
    scoring = (len(scored) - 1) / (time.perf_counter() - begin)
    times = []
    for i in range(-5, LATENCY_RUNS):
        begin = time.perf_counter()
        bits_per_character(model, one, args.seq_len, 1)
        if i >= 0:
            times.append(time.perf_counter() - begin)

    prompt = torch.tensor([index[c] for c in "The " if c in index], dtype=torch.long)
    generate(model, prompt, WARM_UP, 0.8, 20, generator)
    begin = time.perf_counter()
    generate(model, prompt, GENERATED, 0.8, 20, generator)
    gen_speed = GENERATED / (time.perf_counter() - begin)

    common.print_result(common.row(
        args,
        steps=args.steps,
        batch_size=args.batch_size,
        seq_len=args.seq_len,
        learning_rate=args.lr,
        unigram_bpc=round(unigram, 4),
        parameters=parameters,
        **common.figures(
            train=train_speed, unit="chars",
            infer=scoring, infer_batch=64, latency=common.median_ms(times),
            gen=gen_speed, gen_unit="chars",
            quality=bpc, quality_name="val bpc", quality_note=f"unigram {unigram:.3f}",
            budget=f"{args.steps} steps of {args.batch_size} x {args.seq_len} characters"),
    ))


if __name__ == "__main__":
    main()

"""What the plain-PyTorch peers of ``zoo bench`` share.

Command-line options common to every peer, thread and seed settings, reading
Fashion-MNIST's IDX files and text corpora as zoo-api does, timing, peak
memory, and printing the one JSON object that ``zoo bench`` parses (the last
line on stdout; progress goes to stderr).
"""

import argparse
import gzip
import json
import os
import resource
import statistics
import sys

import numpy as np
import torch

FASHION_MNIST = "/usr/share/datasets/fashion-mnist"
FORTUNES = "/usr/share/games/fortunes"
INFER_BATCH = 256  # the batch of infer_per_s for image models
WARMUP_STEPS = 10  # training steps left out of train_per_s, as zoo-api's StepTimer does


def log(message):
    """Progress, on stderr."""
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- command line

def parser(doc, model_choices, default_model, epochs, batch_size, lr):
    """A parser with --model, --epochs, --batch-size and --lr; doc's first paragraph describes it."""
    p = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    p.add_argument("--model", choices=model_choices, default=default_model)
    p.add_argument("--epochs", type=int, default=epochs,
                   help="ignored: the budget is --steps" if epochs == 0 else None)
    p.add_argument("--batch-size", type=int, default=batch_size)
    p.add_argument("--lr", type=float, default=lr)
    return p


def run_options(p, threads=2, data=FASHION_MNIST,
                limit_help="number of training images to use (0 = all)"):
    """Adds --threads, --data, --limit (0 for all) and --seed to p; returns p."""
    p.add_argument("--threads", type=int, default=threads)
    p.add_argument("--data", default=data)
    p.add_argument("--limit", type=int, default=0, help=limit_help)
    p.add_argument("--seed", type=int, default=42)
    return p


def parse(p, argv=None, seed=True, interop=True):
    """The options of argv (default: the command line's) by p, with torch set to use --threads
    intra-op threads (and one inter-op thread when interop) and seeded with --seed when seed."""
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    if interop:
        torch.set_num_interop_threads(1)
    if seed:
        torch.manual_seed(args.seed)
    return args


# ---------------------------------------------------------------- data

def read_idx(path):
    """Read a gzip-compressed IDX file (unsigned-byte data) into a numpy array."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, dtype_code, ndim = data[0] << 8 | data[1], data[2], data[3]
    if zero != 0 or dtype_code != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    offset = 4 + 4 * ndim
    return np.frombuffer(data, dtype=np.uint8, offset=offset).reshape(dims)


def corpus_files(path):
    """The text files of a corpus, as zoo-api's Corpus reads them: a file, or a folder's files
    in name order without hidden files and the fortune program's *.dat and *.u8 files."""
    if not os.path.isdir(path):
        return [path]
    names = sorted(n for n in os.listdir(path)
                   if not n.startswith(".") and not n.endswith((".dat", ".u8"))
                   and os.path.isfile(os.path.join(path, n)))
    return [os.path.join(path, n) for n in names]


def parse_records(text):
    """The non-empty records of one file: fortune format splits at lines holding only '%',
    else at blank lines."""
    text = text.replace("\r\n", "\n")
    fortune = text.startswith("%\n") or "\n%\n" in text
    records, current = [], []
    for line in text.split("\n"):
        if (line == "%") if fortune else (line.strip() == ""):
            records.append("".join(current).strip())
            current = []
        else:
            current.append(line + "\n")
    records.append("".join(current).strip())
    return [r for r in records if r]


def held_out(records, every=10):
    """(training, validation): every tenth record is held out, as Corpus.split(0.1) does."""
    train = [r for i, r in enumerate(records) if i % every != every - 1]
    valid = [r for i, r in enumerate(records) if i % every == every - 1]
    return train, valid


def join(records):
    """The text of records as Corpus.text() joins them."""
    return "\n\n".join(records) + "\n\n"


def char_tokens(records, train, valid):
    """(vocabulary, index, training tokens, validation tokens): the sorted characters of all
    records, each character's index, and the joined training and validation records as tensors
    of indices."""
    vocabulary = sorted(set(join(records)))
    index = {c: i for i, c in enumerate(vocabulary)}
    train_tokens = torch.tensor([index[c] for c in join(train)], dtype=torch.long)
    valid_tokens = torch.tensor([index[c] for c in join(valid)], dtype=torch.long)
    return vocabulary, index, train_tokens, valid_tokens


# ---------------------------------------------------------------- figures

def median_ms(seconds):
    """The median of durations in seconds, in milliseconds."""
    return statistics.median(seconds) * 1000.0


def peak_rss_mb():
    """The peak resident set size of this process, in megabytes."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rounded(values, digits=1):
    """Each value rounded to digits decimals."""
    return [round(v, digits) for v in values]


def row(args, **fields):
    """The opening of a peer's figures: who ran which model with how many threads, then fields."""
    out = {"peer": "pytorch-python", "engine": "pytorch", "engine_version": torch.__version__,
           "torch": torch.__version__, "model": args.model, "threads": args.threads}
    out.update(fields)
    return out


def figures(train=None, unit=None, infer=None, infer_batch=None, latency=None, gen=None,
            gen_unit=None, quality=None, quality_name=None, quality_note=None, budget=None,
            details=None):
    """The figures every runner of zoo bench reports, under the keys of zoo-api's BenchRow:
    training unit/s after warm-up, inference unit/s at infer_batch, median latency in ms at
    batch 1, generation gen_unit/s, the quality figure with its name and a note, the budget in
    words, further figures in one line, and this process's peak RSS."""
    out = {"train_per_s": _round(train, 1), "unit": unit,
           "infer_per_s": _round(infer, 1), "infer_batch": infer_batch,
           "latency_ms": _round(latency, 3), "gen_per_s": _round(gen, 1), "gen_unit": gen_unit,
           "quality": _round(quality, 4), "quality_name": quality_name}
    if quality_note is not None:
        out["quality_note"] = quality_note
    out["budget"] = budget
    if details is not None:
        out["details"] = details
    out["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return out


def _round(value, digits):
    return None if value is None else round(float(value), digits)


class StepClock:
    """Training throughput after warm-up: the first WARMUP_STEPS steps of the run are left out
    (all count when the run is no longer than that)."""

    def __init__(self, warmup=WARMUP_STEPS):
        self.warmup, self.steps = warmup, 0
        self.timed = [0, 0.0]  # examples, seconds after warm-up
        self.all = [0, 0.0]

    def add(self, examples, seconds):
        """One step of examples that took seconds."""
        self.steps += 1
        self.all[0] += examples
        self.all[1] += seconds
        if self.steps > self.warmup:
            self.timed[0] += examples
            self.timed[1] += seconds

    def per_second(self):
        examples, seconds = self.timed if self.timed[1] > 0 else self.all
        return examples / seconds if seconds > 0 else None


def print_result(row):
    """Prints the peer's figures as the one JSON line that zoo bench parses."""
    print(json.dumps(row), flush=True)

#!/usr/bin/env python3
"""Writes scikit-learn's 8x8 handwritten digits (Debian's python3-sklearn) as Fashion-MNIST-style
IDX files of 28x28 images, for bench/finetune.sh: the first TRAIN digits (after a seeded shuffle)
for training, the rest for testing. Standard library only."""
import csv
import gzip
import os
import random
import struct
import sys

DIGITS = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"


def write_idx(folder, prefix, rows):
    with open(os.path.join(folder, prefix + "-images-idx3-ubyte"), "wb") as f:
        f.write(struct.pack(">IIII", 2051, len(rows), 28, 28))
        for pixels, _ in rows:
            # nearest-neighbour upscaling of 8x8 values 0..16 to 28x28 grey levels 0..255
            f.write(bytes(min(255, pixels[(y * 8 // 28) * 8 + x * 8 // 28] * 16)
                          for y in range(28) for x in range(28)))
    with open(os.path.join(folder, prefix + "-labels-idx1-ubyte"), "wb") as f:
        f.write(struct.pack(">II", 2049, len(rows)))
        f.write(bytes(label for _, label in rows))


def main():
    folder, train = sys.argv[1], int(sys.argv[2])
    with gzip.open(DIGITS, "rt") as f:
        rows = [([int(float(v)) for v in r[:64]], int(float(r[64]))) for r in csv.reader(f) if r]
    random.Random(42).shuffle(rows)
    os.makedirs(folder, exist_ok=True)
    write_idx(folder, "train", rows[:train])
    write_idx(folder, "t10k", rows[train:])
    print(f"{folder}: {train} training and {len(rows) - train} test digits, 28x28")


if __name__ == "__main__":
    main()

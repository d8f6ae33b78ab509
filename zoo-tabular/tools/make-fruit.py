#!/usr/bin/env python3
"""Writes fruit.csv, the tabular family's embedded table: 300 made-up fruits, 100 of each kind.

Each kind draws its five measurements from independent normal distributions (means and standard
deviations below, invented to overlap so that no single column separates the kinds); values are
rounded as a kitchen scale, a calliper, a refractometer and a pH meter would give them. Only the
Python standard library is used, with a fixed seed, so the file is the same on every run:

    python3 zoo-tabular/tools/make-fruit.py > zoo-tabular/src/main/resources/dev/zoo/tabular/fruit.csv
"""
import random

KINDS = {
    #         weight_g    diameter_mm  sugar_brix  acidity_ph  skin_hue_deg
    "apple": ((170, 30), (75, 7), (12.5, 1.5), (3.4, 0.25), (30, 25)),
    "orange": ((190, 35), (78, 7), (10.5, 1.5), (3.7, 0.3), (35, 8)),
    "lemon": ((110, 25), (60, 7), (7.0, 1.5), (2.4, 0.3), (55, 8)),
}
DIGITS = (0, 1, 1, 2, 0)

rng = random.Random(20261130)
rows = []
for kind, params in KINDS.items():
    for _ in range(100):
        values = [f"{rng.gauss(m, s):.{d}f}" for (m, s), d in zip(params, DIGITS)]
        rows.append(values + [kind])
rng.shuffle(rows)
print("weight_g,diameter_mm,sugar_brix,acidity_ph,skin_hue_deg,kind")
for r in rows:
    print(",".join(r))

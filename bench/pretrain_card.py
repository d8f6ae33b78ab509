#!/usr/bin/env python3
"""Writes one pretrained model into zoo-models: copies its checkpoint files, hashes them and
replaces the model's entry (its model card) in META-INF/zoo/pretrained.json. Called by
bench/pretrain.sh after training and evaluating the model; standard library only."""
import argparse
import hashlib
import json
import os
import shutil
import tempfile


def main():
    p = argparse.ArgumentParser(description=__doc__)
    for name in ("resources", "checkpoint", "info", "eval", "name", "family", "variant",
                 "summary", "data", "budget", "trained-on", "measured-by", "licence"):
        p.add_argument("--" + name, required=True)
    p.add_argument("--seconds", type=float, required=True)
    p.add_argument("--quality", action="append", default=[],
                   help="a figure of zoo eval --json to record, e.g. accuracy")
    a = p.parse_args()

    with open(a.eval) as f:
        evaluation = json.load(f)
    with open(a.info) as f:
        info = json.load(f)
    quality = {}
    for key in a.quality:
        quality[key] = float(evaluation[key])

    resource = "dev/zoo/models/" + a.name
    folder = os.path.join(a.resources, resource)
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    os.makedirs(folder)
    files = {}
    size = 0
    for file in sorted(os.listdir(a.checkpoint)):
        source = os.path.join(a.checkpoint, file)
        if not os.path.isfile(source):
            continue
        shutil.copyfile(source, os.path.join(folder, file))
        with open(source, "rb") as f:
            files[file] = hashlib.sha256(f.read()).hexdigest()
        size += os.path.getsize(source)

    entry = {
        "name": a.name, "family": a.family, "variant": a.variant, "summary": a.summary,
        "resource": resource, "files": files, "parameters": info.get("parameters") or -1,
        "bytes": size, "data": a.data, "budget": a.budget, "trainingSeconds": round(a.seconds, 1),
        "trainedOn": a.trained_on, "quality": quality, "measuredBy": a.measured_by,
        "licence": a.licence,
    }
    index = os.path.join(a.resources, "META-INF", "zoo", "pretrained.json")
    models = []
    if os.path.exists(index):
        with open(index) as f:
            models = [m for m in json.load(f) if m["name"] != a.name]
    models.append(entry)
    models.sort(key=lambda m: m["name"])
    os.makedirs(os.path.dirname(index), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(index))
    with os.fdopen(fd, "w") as f:
        json.dump(models, f, indent=2)
        f.write("\n")
    os.replace(tmp, index)
    print(f"{a.name}: {size / 1e6:.1f} MB, {quality}")


if __name__ == "__main__":
    main()

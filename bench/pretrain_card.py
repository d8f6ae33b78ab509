#!/usr/bin/env python3
"""Writes one pretrained model into zoo-models: copies its checkpoint's weights (not the
optimizer state), hashes them and replaces the model's entry (its model card) in
META-INF/zoo/pretrained.json. Called by bench/pretrain.sh after training and evaluating the model;
standard library only."""
import argparse
import hashlib
import json
import os
import shutil
import tempfile


def is_optimizer_state(name):
    """Whether a checkpoint file holds optimizer state, which inference and fine-tuning (a new
    optimizer) never read."""
    return name.endswith(".state") and "optimizer" in name


def ship_weights(checkpoint, folder):
    """Copies a checkpoint without its optimizer state into folder: model.json is rewritten to
    list only the files shipped. Returns the files' SHA-256 by name and their total size."""
    with open(os.path.join(checkpoint, "model.json")) as f:
        info = json.load(f)
    info["files"] = {k: v for k, v in info["files"].items() if not is_optimizer_state(k)}
    with open(os.path.join(folder, "model.json"), "w") as f:
        json.dump(info, f, indent=2)
        f.write("\n")
    for file in info["files"]:
        shutil.copyfile(os.path.join(checkpoint, file), os.path.join(folder, file))
    files, size = {}, 0
    for file in sorted(os.listdir(folder)):
        path = os.path.join(folder, file)
        with open(path, "rb") as f:
            files[file] = hashlib.sha256(f.read()).hexdigest()
        size += os.path.getsize(path)
    return files, size


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
    files, size = ship_weights(a.checkpoint, folder)

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

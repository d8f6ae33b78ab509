#!/usr/bin/env bash
# Fine-tuning against training from scratch at the same small budget, on data the pretrained model
# never saw: scikit-learn's 8x8 handwritten digits (Debian's python3-sklearn), upscaled to 28x28.
#
#   bench/finetune.sh [TRAIN_DIGITS] [EPOCHS] [FROM]
#
# TRAIN_DIGITS (default 200) digits train, the other 1,797 - TRAIN_DIGITS test; EPOCHS (default 5);
# FROM (default fashion-mnist/simple-cnn) is the pretrained model or checkpoint to start from. Both
# runs use the same seed, engine (ZOO_ENGINE, default pytorch) and budget; prints test accuracy.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
zoo="$root/zoo"
train="${1:-200}"
epochs="${2:-5}"
from="${3:-fashion-mnist/simple-cnn}"
engine="${ZOO_ENGINE:-pytorch}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$root/bench/digits_idx.py" "$work/digits" "$train" >&2
accuracy() {
  "$zoo" eval cnn --checkpoint "$1" --data "$work/digits" --engine "$engine" --json \
    | python3 -c 'import json, sys; print(format(json.load(sys.stdin)["accuracy"], ".4f"))'
}
common=(--data "$work/digits" --epochs "$epochs" --engine "$engine" --seed 42)
"$zoo" train cnn "${common[@]}" --out "$work/scratch" >&2
"$zoo" train cnn "${common[@]}" --from "$from" --out "$work/tuned" >&2
echo "digits: $train training, $((1797 - train)) test images; $epochs epochs, batch 32, $engine"
printf '%-40s %s\n' "run" "test accuracy"
printf '%-40s %s\n' "from scratch" "$(accuracy "$work/scratch")"
printf '%-40s %s\n' "fine-tuned from $from" "$(accuracy "$work/tuned")"

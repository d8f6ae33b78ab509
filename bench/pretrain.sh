#!/usr/bin/env bash
# Trains the pretrained models that zoo-models ships, from scratch with a fixed seed and budget,
# evaluates each on held-out data and writes its files and model card into
# zoo-models/src/main/resources (bench/pretrain_card.py). Its output is what ships.
#
#   bench/pretrain.sh                 # every model (about an hour on 2 idle cores)
#   bench/pretrain.sh fashion-mnist/simple-cnn breast-cancer/mlp
#
# Needs Debian's dataset-fashion-mnist and fortunes (the zoo's default data) and python3-sklearn
# (the breast cancer table). Each model trains on the PyTorch engine with seed 42, with
# ZOO_THREADS native threads (default 1: steadier on a shared machine).
set -euo pipefail
export ZOO_THREADS="${ZOO_THREADS:-1}"
root="$(cd "$(dirname "$0")/.." && pwd)"
zoo="$root/zoo"
resources="$root/zoo-models/src/main/resources"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cores="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
breast_csv="$work/breast_cancer.csv"
sklearn_csv=/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv

# name | family | variant | training options | evaluation options | figures of zoo eval --json | summary | data | budget | licence
models=(
  "fashion-mnist/simple-cnn|cnn|simple-cnn|--epochs 2||accuracy|classifies 28x28 grey clothing images into the 10 Fashion-MNIST classes|Fashion-MNIST (Zalando, MIT licence): 60,000 training images; quality on its 10,000 test images|2 epochs of 60,000 images, batch 32, Adam 0.002 with cosine decay|weights: distributed with the zoo under its licence; data: Fashion-MNIST, MIT (Expat), see /usr/share/doc/dataset-fashion-mnist/copyright"
  "breast-cancer/mlp|tabular|mlp|--data BREAST --label class|--data BREAST|accuracy|tells malignant from benign breast tumours from 30 measurements of cell nuclei|the Wisconsin diagnostic breast cancer table (569 rows, from scikit-learn; UCI ML repository, CC BY 4.0): 455 training rows; quality on the 114 held-out rows (split seed 42)|the variant's default epochs, batch 32|weights: distributed with the zoo under its licence; data: the UCI Wisconsin diagnostic breast cancer set (CC BY 4.0) as scikit-learn ships it"
  "fashion-mnist/conv-vae|vae|conv-vae|||negative_elbo|encodes 28x28 clothing images into a 16-d latent, reconstructs, samples and scores anomalies|Fashion-MNIST (Zalando, MIT licence): 60,000 training images; quality on its 10,000 test images|2 epochs of 60,000 images, batch 128, Adam 0.001|weights: distributed with the zoo under its licence; data: Fashion-MNIST, MIT (Expat), see /usr/share/doc/dataset-fashion-mnist/copyright"
  "fashion-mnist/dcgan|gan|dcgan|||fd,class_entropy,min_class_fraction|draws 28x28 clothing images from 100-d noise (DCGAN)|Fashion-MNIST (Zalando, MIT licence): the first 10,000 training images; quality: Fréchet distance and class entropy of 10,000 generated images against the 10,000 test images, in the features of fashion-mnist/simple-cnn|3,200 steps of 32 images, Adam 2e-4, beta1 0.5|weights: distributed with the zoo under its licence; data: Fashion-MNIST, MIT (Expat), see /usr/share/doc/dataset-fashion-mnist/copyright"
  "fortunes/char-lstm|rnn|char-lstm|--epochs 30||bpc|writes English text character by character in the style of the fortune cookies|Debian's fortunes (the fortune-mod data files): 90% for training; quality on the held-out 10%|30 epochs of 640 windows of 100 characters, batch 32, Adam 0.003 with cosine decay|weights: distributed with the zoo under its licence; data: the fortune-mod data files, see /usr/share/doc/fortunes/copyright"
)

selected=("$@")
wanted() {
  [ ${#selected[@]} -eq 0 ] && return 0
  local n; for n in "${selected[@]}"; do [ "$n" = "$1" ] && return 0; done; return 1
}

for spec in "${models[@]}"; do
  IFS='|' read -r name family variant train evaluate quality summary data budget licence <<<"$spec"
  wanted "$name" || continue
  if [[ "$train$evaluate" == *BREAST* && ! -f "$breast_csv" ]]; then
    # scikit-learn's first line holds counts and class names: give the table a header x1..x30,class.
    awk -F, -v OFS=, 'NR==1 {for (i = 3; i <= NF; i++) name[i-3] = $i; for (i = 1; i <= $2; i++) printf "x%d,", i; print "class"; next} {$NF = name[$NF]; print}' "$sklearn_csv" > "$breast_csv"
  fi
  train="${train//BREAST/$breast_csv}"
  evaluate="${evaluate//BREAST/$breast_csv}"
  run="$work/${name//\//_}"
  echo "== $name: zoo train $family --variant $variant --engine pytorch --seed 42 $train" >&2
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  "$zoo" train "$family" --variant "$variant" --engine pytorch --seed 42 $train --out "$run" >&2
  seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')
  # shellcheck disable=SC2086
  "$zoo" eval "$family" --checkpoint "$run" --engine pytorch $evaluate --json > "$run.eval.json"
  "$zoo" info --checkpoint "$run" --json > "$run.info.json"
  args=()
  IFS=',' read -ra keys <<<"$quality"
  for k in "${keys[@]}"; do args+=(--quality "$k"); done
  measured="zoo eval $family --model $name --engine pytorch${evaluate:+ ${evaluate//$breast_csv/breast_cancer.csv}}"
  python3 "$root/bench/pretrain_card.py" --resources "$resources" --checkpoint "$run/checkpoint" \
    --info "$run.info.json" --eval "$run.eval.json" --name "$name" --family "$family" \
    --variant "$variant" --summary "$summary" --data "$data" --budget "$budget" \
    --trained-on "$cores, PyTorch engine, $ZOO_THREADS thread(s), $(date -u +%F)" --measured-by "$measured" \
    --licence "$licence" --seconds "$seconds" "${args[@]}"
done

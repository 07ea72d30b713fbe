#!/usr/bin/env bash
# Augmentation's worth: banking77 at 10 training queries per class, with and without augmentation, probed by a
# logistic regression on MiniLM embeddings, accuracy on the official test set (3,080). See README.md.
#   bench/augment-worth/run.sh [SEEDS…]      (default seeds 1 2 3; writes out/augment-worth/<seed>/<condition>/)
#   CONDITIONS="base syn-bt" bench/augment-worth/run.sh   (default: every recipe here)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ $# -gt 0 ]; then seeds=("$@"); else seeds=(1 2 3); fi
dotnet build src/Winnow.Cli/Winnow.Cli.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build bench/augment-worth/AugmentWorth.Bench.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
winnow=${WINNOW:-src/Winnow.Cli/bin/Release/net10.0/winnow}   # WINNOW: a copy, to keep building while it runs
dirs=()
for seed in "${seeds[@]}"; do
  for c in ${CONDITIONS:-base syn syn-eda bt syn-bt}; do
    d=out/augment-worth/$seed/$c
    mkdir -p "$d"
    "$winnow" run bench/augment-worth/$c.yaml --seed "$seed" --output "$d" > "$d.log" 2>&1 || { cat "$d.log"; exit 1; }
    # Embeddings are cached by text hash: the test set and the shared originals are embedded once.
    for split in train test; do "$winnow" embed "$d/$split.jsonl" --output "$d/$split.emb.jsonl" >> "$d.log" 2>&1; done
    dirs+=("$d")
  done
done
dotnet bench/augment-worth/bin/Release/net10.0/AugmentWorth.Bench.dll "${dirs[@]}"

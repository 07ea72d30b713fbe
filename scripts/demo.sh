#!/usr/bin/env bash
# One command: set up what is missing, build, and run the bundled banking77 example end to end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
"$root/scripts/publish.sh"
cd "$root"
winnow() { "$root/bin/winnow" "$@"; }

echo "== winnow run examples/banking77/recipe.yaml"
winnow run examples/banking77/recipe.yaml --output out/banking77
echo
echo "== winnow stats out/banking77/train.jsonl"
winnow stats out/banking77/train.jsonl
echo
echo "== winnow validate out/banking77/train/chat.jsonl --format openai-chat"
winnow validate out/banking77/train/chat.jsonl --format openai-chat

# Fine-tuning (issue #10): LoRA on MiniLM for one epoch, the official test set, and a small comparison.
# Estimated on the idle 2-core machine: train ≈ 4–5 min, eval ≈ 20 s, compare ≈ 3 min.
echo
echo "== winnow train examples/banking77/train-demo.yaml"
rm -rf out/banking77/train-demo   # a finished run keeps its checkpoint; the demo trains afresh
winnow train examples/banking77/train-demo.yaml
echo
echo "== winnow eval --model out/banking77/train-demo/best out/banking77/test.jsonl"
winnow eval --model out/banking77/train-demo/best out/banking77/test.jsonl --output out/banking77/train-demo/eval-test
echo
echo "== winnow compare examples/banking77/compare-demo.yaml"
winnow compare examples/banking77/compare-demo.yaml --output out/banking77-compare-demo
echo
echo "adapter:     $root/out/banking77/train-demo/best (PEFT layout: adapter_config.json, adapter_model.safetensors)"
echo "evaluation:  $root/out/banking77/train-demo/eval-test/eval.json and confusion.png"
echo "comparison:  $root/out/banking77-compare-demo/comparison.md and comparison.html"

# The labelling app (issue #13): two annotators through the API, agreement, export.
echo
"$root/scripts/annotate-demo.sh"

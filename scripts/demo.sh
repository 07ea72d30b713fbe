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

echo
echo "== annotate.label_issues: likely label errors in banking77's test split (examples/banking77/label-issues.yaml)"
winnow run examples/banking77/label-issues.yaml --output out/banking77-label-issues
echo "flagged: $(grep -c '"label_issue":true' out/banking77-label-issues/data.jsonl) of $(wc -l < out/banking77-label-issues/data.jsonl)" \
  "($(grep -c '"label_issue_kind":"outlier"' out/banking77-label-issues/data.jsonl) outliers: no intent fits them); a few, with the label the model suggests:"
grep -m 5 '"label_issue":true' out/banking77-label-issues/data.jsonl \
  | sed -E -e 's/.*"text":"([^"]*)".*"label":"([^"]*)".*"label_issue_kind":"outlier","outlier_score":([0-9.e-]*).*/  "\1"  given: \2  outlier: no intent fits (distance \3)/' \
    -e 's/.*"text":"([^"]*)".*"label":"([^"]*)".*"suggested_label":"([^"]*)".*"label_quality":([0-9.e-]*).*/  "\1"  given: \2  suggested: \3  (p of given \4)/'
# What relabelling does to a test score (issue #12): a noisy sample of banking77's training split (2,000 queries, 15% of
# labels moved, 40 off-topic texts, 40 near-duplicates), annotate.label_issues' defaults in relabel mode, and a probe
# (logistic regression on MiniLM embeddings) trained on clean, noisy and relabelled data (≈ 30 s with cached embeddings).
echo
echo "== annotate.label_issues, mode relabel, on a noisy banking77 sample: what it found and the test score (bench/annotate-label-issues --demo)"
dotnet run -c Release -v quiet --project bench/annotate-label-issues -- "$root" --demo
# Augmentation (issue #14): the four smallest training classes grown with WordNet synonyms (≈10 s).
echo
echo "== winnow run examples/banking77/augment.yaml"
winnow run examples/banking77/augment.yaml --output out/banking77-augment
echo "augmented:   $root/out/banking77-augment/train.jsonl (variants: ids <parent>~syn<n>, meta.augmented_by)"
echo "  (the report above, section Splits: per class, the records written and derived)"
echo "== winnow run examples/banking77/balance-target.yaml (balance strategy target: small classes filled to 120 with variants)"
winnow run examples/banking77/balance-target.yaml --output out/banking77-balance-target
echo "  (the report above, section Balance: the classes before and after, and the classes left short and why)"

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

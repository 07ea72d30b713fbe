#!/usr/bin/env bash
# Fine-tuning benchmarks of the Fine-tuning I issue, on a quiet machine (2 threads):
#   1. the step benchmark (batch 32 × 64 tokens): s/step, model FLOPs, fraction of the measured fp32 matmul
#      FLOP/s, peak RSS — for LoRA and full fine-tuning;
#   2. banking77 train → official test, 3 epochs: LoRA (examples/banking77/train.yaml), full, head-only, adapters,
#      prefix and prompt tuning (bench/tuning/banking77-*.yaml), each timed by /usr/bin/time (wall, CPU, peak RSS);
#   3. WNUT 2017 named entities (train → official test, entity F1): LoRA (examples/wnut17/train.yaml) and full.
# Logs and JSON go to bench/tuning/results/ (git-ignored); bench/tuning/results/summary.md is the written record.
#   ./bench/tuning/run.sh [step|lora|full|head|adapter|prefix|prompt|wnut-lora|wnut-full ...]     (default: all of them)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
"$root/scripts/setup.sh"
"$root/scripts/publish.sh"
[ -f out/banking77/train.jsonl ] || bin/winnow run examples/banking77/recipe.yaml
[ -f out/wnut17/train.jsonl ] || bin/winnow run examples/wnut17/recipe.yaml
results=bench/tuning/results
mkdir -p "$results"
stamp=$(date -u +%Y%m%dT%H%MZ)
what=("$@"); [ ${#what[@]} -eq 0 ] && what=(step lora full head adapter prefix prompt wnut-lora wnut-full)

run_train() { # name, recipe
  local name="$1" recipe="$2" out="out/bench-tuning/$1"
  rm -rf "$out"
  echo "== $name: $recipe (load $(cut -d' ' -f1-3 /proc/loadavg))"
  /usr/bin/time -v -o "$results/$name-$stamp.time" bin/winnow train "$recipe" --threads 2 --output "$out" \
    > "$results/$name-$stamp.log" 2>&1
  grep -E '"event":"(eval|done)"' "$out/metrics.jsonl" | tee -a "$results/$name-$stamp.log"
  grep -E 'Elapsed|Maximum resident|User time|System time' "$results/$name-$stamp.time"
}

for w in "${what[@]}"; do
  case "$w" in
    step)
      dotnet build -c Release bench/tuning/Winnow.Tuning.Bench -v q -nologo
      for m in lora full adapter prefix prompt head; do
        echo "== step benchmark: $m (load $(cut -d' ' -f1-3 /proc/loadavg))"
        dotnet bench/tuning/Winnow.Tuning.Bench/bin/Release/net10.0/Winnow.Tuning.Bench.dll --method "$m" --threads 2 --steps 10 \
          | tee "$results/step-$m-$stamp.json"
      done ;;
    lora) run_train lora examples/banking77/train.yaml ;;
    full) run_train full bench/tuning/banking77-full.yaml ;;
    head) run_train head bench/tuning/banking77-head.yaml ;;
    adapter|prefix|prompt) run_train "$w" "bench/tuning/banking77-$w.yaml" ;;
    wnut-lora) run_train wnut-lora examples/wnut17/train.yaml ;;
    wnut-full) run_train wnut-full bench/tuning/wnut17-full.yaml ;;
    *) echo "unknown benchmark '$w' (step, lora, full, head, adapter, prefix, prompt, wnut-lora, wnut-full)" >&2; exit 2 ;;
  esac
done

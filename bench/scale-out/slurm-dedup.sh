#!/usr/bin/env bash
# Issue 11, target "10,000,000 short records deduplicated (exact + MinHash) by 8 shard tasks under Slurm on this
# machine within 24 GiB, with the time per stage". Starts the one-node cluster (scripts/slurm-up.sh, as root) unless
# one answers (and stops it at the end), runs slurm-dedup.yaml with --executor slurm --tasks 8, and logs when each stage's last task and each
# plan finished (polling the completion markers every second), then the merge. Peak memory: each task's and plan's
# own high-water mark (VmHWM), which the merge writes to run.json ("tasks"); the test cluster has no accounting (sacct).
#   sudo bench/scale-out/slurm-dedup.sh [RECORDS] [TASKS]     (default 10,000,000 and 8; idle machine, ≈2 GB data)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
records="${1:-10000000}"; tasks="${2:-8}"
started=0
sinfo >/dev/null 2>&1 || { "$root/scripts/slurm-up.sh"; started=1; }   # a cluster it starts, it stops at the end
data="$(generate "$records")"
out="$results/slurm-dedup"
rm -rf "$out" && mkdir -p "$out"
sed "s|DATA|$data|" "$here/slurm-dedup.yaml" > "$out/recipe.yaml"
start=$(date +%s.%N)
# The markers live under OUT/.winnow/shards/<N>-<key>/: stage-S/shard-IIIII.done and plan-S.done.
( declare -A seen
  while sleep 1; do
    for d in "$out"/run/.winnow/shards/*/stage-* "$out"/run/.winnow/shards/*/plan-*.done; do
      [ -e "$d" ] || continue
      name=$(basename "$d" .done)
      if [ -d "$d" ]; then [ "$(ls "$d"/*.done 2>/dev/null | wc -l)" -ge "$tasks" ] || continue; fi
      [ -z "${seen[$name]:-}" ] || continue
      seen[$name]=1
      awk -v s="$start" -v n="$(date +%s.%N)" -v name="$name" 'BEGIN { printf "%-10s done at %8.1f s\n", name, n - s }'
    done
  done ) > "$out/stages.txt" &
poller=$!
trap 'kill $poller 2>/dev/null || true; [ "$started" = 0 ] || "$root/scripts/slurm-down.sh"' EXIT
/usr/bin/time -f '%e s wall, %M KB peak RSS (the submitting command)' -o "$out/time.txt" \
  "$winnow" run "$out/recipe.yaml" --output "$out/run" --executor slurm --tasks "$tasks" --workers "$tasks" --cpus 1 \
  2> >(tee "$out/stderr.txt" >&2)
kill $poller 2>/dev/null || true
cat "$out/stages.txt" "$out/time.txt"
echo "per-step seconds (summed over tasks, planning included):"
jq -r '.steps[]? | "\(.name) \(.seconds)"' "$out/run/run.json" 2>/dev/null || cat "$out/run/run.json"
echo "peak resident memory (MB): the largest task of each stage, each plan, the merge:"
jq -r '(.tasks | group_by(.task | sub(" shard .*"; "")) | .[] | max_by(.peak_rss_mb) | "\(.task) \(.peak_rss_mb) MB (\(.seconds) s)"),
       "merge \(.peak_rss_mb) MB"' "$out/run/run.json"

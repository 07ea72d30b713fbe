#!/usr/bin/env bash
# End-to-end throughput benchmark of the foundation issue:
#   (a) read → write (the floor), (b) normalize + filter.length + dedup.exact, and jq -c . as a yardstick,
#   (c) split (stratified 0.8/0.1/0.1) and (d) enrich (defaults), each timed alone,
# on 1,000,000 generated JSONL records. Prints records/s and peak RSS; writes bench/results/throughput.json.
#   ./bench/run.sh [RECORDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
records="${1:-1000000}"
"$root/scripts/setup.sh"
"$root/scripts/publish.sh"
command -v jq >/dev/null || { echo "jq is needed (apt-get install jq)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed (apt-get install time)" >&2; exit 1; }
cd "$root/bench"
mkdir -p data results
data="data/records.jsonl"
if [ ! -f "$data" ] || [ "$(cat data/.records 2>/dev/null)" != "$records" ]; then
  dotnet run --project Winnow.Bench -c Release -- generate "$data" --records "$records"
  echo "$records" > data/.records
fi
bytes=$(stat -c %s "$data")
cat "$data" > /dev/null   # warm the page cache so every contender reads from memory

measure() { # name, command...
  local name="$1"; shift
  local log="results/$name.time"
  /usr/bin/time -f '%e %M' -o "$log" "$@" > /dev/null 2> "results/$name.stderr"
  read -r secs kb < "$log"
  printf '%s %s %s\n' "$name" "$secs" "$kb"
}

{
  measure jq jq -c . "$data"
  measure read-write "$root/bin/winnow" run read-write.yaml --output results/out-a
  measure curate "$root/bin/winnow" run curate.yaml --output results/out-b
  measure split "$root/bin/winnow" run split.yaml --output results/out-c
  measure enrich "$root/bin/winnow" run enrich.yaml --output results/out-d
} | tee results/raw.txt

awk -v n="$records" -v bytes="$bytes" '
  { secs[$1]=$2; kb[$1]=$3 }
  END {
    printf "%-12s %10s %14s %12s\n", "run", "seconds", "records/s", "peak RSS MB"
    for (k in secs) printf "%-12s %10.2f %14.0f %12.0f\n", k, secs[k], n/secs[k], kb[k]/1024
    printf "\n(a) read-write vs jq: %.2fx   (b) curate vs (a): %.2f\n", secs["jq"]/secs["read-write"], secs["read-write"]/secs["curate"]
    printf "{\"records\":%d,\"bytes\":%d,\"jq\":{\"seconds\":%s,\"peak_rss_kb\":%s},\"read_write\":{\"seconds\":%s,\"peak_rss_kb\":%s},\"curate\":{\"seconds\":%s,\"peak_rss_kb\":%s},\"split\":{\"seconds\":%s,\"peak_rss_kb\":%s},\"enrich\":{\"seconds\":%s,\"peak_rss_kb\":%s}}\n", \
      n, bytes, secs["jq"], kb["jq"], secs["read-write"], kb["read-write"], secs["curate"], kb["curate"], secs["split"], kb["split"], secs["enrich"], kb["enrich"] > "results/throughput.json"
  }' results/raw.txt

#!/usr/bin/env bash
# Issue 11, target "JSONL read → write of 1,000,000 records ≥ 2× jq -c ." (what every shard pays): winnow with no
# steps (bench/read-write.yaml's recipe) and jq -c . on the same file, in the same run, alternating, ROUNDS times;
# both write their output to a file on the same disk (jq is also timed writing to /dev/null, for reference);
# prints each run and the ratio of the medians. Under load the ratio of a pair is fairly robust; the seconds are not.
#   bench/scale-out/read-write.sh [RECORDS] [ROUNDS]     (default 1,000,000 and 3)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
records="${1:-1000000}"; rounds="${2:-3}"
command -v jq >/dev/null || { echo "jq is needed (apt-get install jq)" >&2; exit 1; }
data="$(generate "$records")"
out="$results/read-write"
rm -rf "$out" && mkdir -p "$out"
printf 'name: bench-read-write\ninputs:\n  - path: %s\noutputs:\n  - path: records.jsonl\n' "$data" > "$out/recipe.yaml"
for i in $(seq "$rounds"); do
  # read → write: jq writes its file on the same disk as winnow's output (jqnull: jq to /dev/null, for reference)
  seconds "jq-$i" sh -c 'jq -c . "$0" > "$1"' "$data" "$out/jq.jsonl"
  seconds "jqnull-$i" jq -c . "$data"
  rm -f "$out/jq.jsonl"
  seconds "winnow-$i" "$winnow" run "$out/recipe.yaml" --output "$out/run"
done | tee "$results/read-write.txt"
# medians of each contender's seconds, and the median of the rounds' ratios (a round's three runs are seconds apart, so
# its ratio holds when the machine's speed drifts between rounds; the ratio of the medians does not). sort, not gawk's
# asort: Debian's awk is mawk.
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
seconds_of() { grep "^$1-" "$results/read-write.txt" | awk '{ print $2 }' | median; }
ratios() { # jq-i / winnow-i for each round i
  awk -v a="$1" '{ split($1, k, "-"); t[k[1], k[2]] = $2; n = k[2] > n ? k[2] : n }
    END { for (i = 1; i <= n; i++) print t[a, i] / t["winnow", i] }' "$results/read-write.txt" | median
}
j="$(seconds_of jq)"; n="$(seconds_of jqnull)"; w="$(seconds_of winnow)"; rj="$(ratios jq)"; rn="$(ratios jqnull)"
awk -v j="$j" -v n="$n" -v w="$w" -v rj="$rj" -v rn="$rn" 'BEGIN {
  printf "median seconds: jq %.2f (to /dev/null %.2f), winnow %.2f\n", j, n, w
  printf "median of the rounds: winnow is %.2fx jq writing a file (target ≥ 2x), %.2fx jq writing nothing\n", rj, rn }'

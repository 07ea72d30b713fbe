#!/usr/bin/env bash
# Issue 11, target "1 local process vs 2 local shards on 1,000,000 records: same bytes; the merge < 10% of the run".
# The recipe (shards.yaml) has per-record steps and two whole-dataset steps (dedup.exact, split), so the sharded run
# has 3 stages, 2 plans and a merge. Prints both wall-clocks, whether the outputs are byte-identical, and the merge's
# share of the sharded run (its "merged … in X s" line over the whole command).
#   bench/scale-out/shards.sh [RECORDS]     (default 1,000,000; on an idle machine)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
records="${1:-1000000}"
data="$(generate "$records")"
out="$results/shards"
rm -rf "$out" && mkdir -p "$out"
sed "s|DATA|$data|" "$here/shards.yaml" > "$out/recipe.yaml"
seconds one "$winnow" run "$out/recipe.yaml" --output "$out/one"
seconds two "$winnow" run "$out/recipe.yaml" --output "$out/two" --executor local --tasks 2 --workers 2
total=$(awk '{print $1}' "$results/two.time")
merge=$(grep -o "merged 2 shard(s) in [0-9.]* s" "$results/two.stderr" | awk "{print \$5}" || true)
[ -n "$merge" ] || { echo "no \"merged … in X s\" line in $results/two.stderr" >&2; exit 1; }
if [ "$(hashes "$out/one")" = "$(hashes "$out/two")" ]; then same=yes; else same=NO; fi
echo "records $records: 1 process $(awk '{print $1}' "$results/one.time") s, 2 local shards $total s; same bytes: $same"
awk -v m="$merge" -v t="$total" 'BEGIN { printf "merge %.2f s = %.1f%% of the sharded run (target < 10%%)\n", m, 100 * m / t }'
[ "$same" = yes ]

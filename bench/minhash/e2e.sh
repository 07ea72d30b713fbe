#!/usr/bin/env bash
# The command a user runs, end to end: `winnow run` with only dedup.minhash (threshold 0.8, 5-word shingles, 128
# permutations: the defaults) on DOCS documents of 80–300 words from bench/minhash's near-duplicate corpus.
# Prints the wall-clock and CPU seconds and peak RSS of each of RUNS runs, and the step's own seconds (run.json).
#   bench/minhash/e2e.sh [DOCS=20000] [RUNS=3]
# DATASKETCH=DIR (a folder holding datasketch's source, datasketch/, with numpy and scipy for PYTHON, default
# /usr/bin/python3): each round also runs datasketch_e2e.py on the same corpus, right after winnow, and the median of the
# rounds' ratios is printed. datasketch is no part of the project (see bench/minhash/README.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
docs="${1:-20000}"; runs="${2:-3}"
work="${WINNOW_BENCH_DIR:-$root/bench/results/minhash-e2e}"
mkdir -p "$work"
rm -f "$work/ratios.txt"
corpus="$work/corpus-$docs.jsonl"
[ -f "$corpus" ] || dotnet run -c Release --project "$root/bench/minhash" -- --docs "$docs" --write "$corpus"
cat > "$work/minhash.yaml" <<YAML
name: minhash-e2e
inputs:
  - path: corpus-$docs.jsonl
steps:
  - dedup.minhash: {threshold: 0.8, ngram: 5, permutations: 128}
outputs:
  - path: kept.jsonl
YAML
winnow="${WINNOW:-$root/bin/winnow}"   # WINNOW="dotnet …/winnow.dll" to time a build that is not published
echo "corpus: $corpus ($(wc -l < "$corpus") docs, $(du -h "$corpus" | cut -f1)); cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" $winnow run "$work/minhash.yaml" --output "$work/out" >/dev/null 2>"$work/stderr.txt"
  read -r wall user sys rss < "$work/time.txt"
  step="$(jq -r '.steps[0].seconds' "$work/out/run.json")"
  kept="$(jq -r '.outputs[0].records' "$work/out/manifest.json")"
  echo "run $i: wall ${wall} s, cpu $(echo "$user + $sys" | bc) s, peak RSS $((rss / 1024)) MB, dedup.minhash ${step} s, kept ${kept}"
  [ -n "${DATASKETCH:-}" ] || continue
  /usr/bin/time -f "%e %U %S %M" -o "$work/time-ds.txt" env PYTHONPATH="$DATASKETCH" "${PYTHON:-/usr/bin/python3}" \
    "$root/bench/minhash/datasketch_e2e.py" "$corpus" "$work/datasketch-kept.jsonl" > "$work/datasketch.txt"
  read -r dwall duser dsys drss < "$work/time-ds.txt"
  echo "  datasketch: wall ${dwall} s, cpu $(echo "$duser + $dsys" | bc) s, peak RSS $((drss / 1024)) MB, $(cat "$work/datasketch.txt")"
  echo "$dwall $wall" >> "$work/ratios.txt"
done
if [ -n "${DATASKETCH:-}" ]; then
  awk '{ print $1 / $2 }' "$work/ratios.txt" | sort -n | awk '{ v[NR] = $1 } END { printf "winnow is %.2fx datasketch by wall-clock (median of %d rounds; target >= 3x)\n", v[int((NR + 1) / 2)], NR }'
fi

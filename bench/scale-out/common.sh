# Shared by the scale-out benchmarks: the published winnow, the generated data, a timer. Sourced, not run.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/bench/scale-out"
winnow="${WINNOW:-$root/bin/winnow}"   # WINNOW: another build of the command
[ "${SKIP_PUBLISH:-0}" = 1 ] || "$root/scripts/publish.sh"
data_dir="$root/bench/data/scale-out"; results="$root/bench/results/scale-out"   # both git-ignored
mkdir -p "$data_dir" "$results"

# generate RECORDS → path of bench/scale-out/data/records-RECORDS.jsonl (≈200-byte records, 5% repeats; bench/Winnow.Bench)
generate() {
  local n="$1" out="$data_dir/records-$1.jsonl"
  if [ ! -f "$out" ]; then
    dotnet run --project "$root/bench/Winnow.Bench" -c Release -- generate "$out.tmp" --records "$n" >&2
    mv "$out.tmp" "$out"
  fi
  cat "$out" > /dev/null   # warm the page cache so every contender reads from memory
  echo "$out"
}

# seconds NAME COMMAND… : runs it, prints "NAME SECONDS PEAK_RSS_MB", keeps its stderr in results/NAME.stderr
seconds() {
  local name="$1"; shift
  /usr/bin/time -f '%e %M' -o "$results/$name.time" "$@" > /dev/null 2> "$results/$name.stderr"
  read -r secs kb < "$results/$name.time"
  printf '%s %s %d\n' "$name" "$secs" "$((kb / 1024))"
}

# hashes DIR : SHA-256 of every file under DIR but run.json (timings), sorted by path
hashes() { (cd "$1" && find . -type f ! -name run.json -print0 | sort -z | xargs -0 sha256sum); }

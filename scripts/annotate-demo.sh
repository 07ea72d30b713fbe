#!/usr/bin/env bash
# The labelling app in one minute: a banking77 project (200 test texts, their labels as suggestions), two
# annotators labelling through the JSON API (k = 2, they disagree now and then), agreement and progress from the
# API, the app stopped, and the decided labels exported. Called by demo.sh; runs alone too.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
winnow() { "$root/bin/winnow" "$@"; }
work="$root/out/annotate-demo"
rm -rf "$work" && mkdir -p "$work"
head -n 201 "$root/examples/banking77/test.csv" > "$work/bank.csv"
db="$work/labels.db"

echo "== winnow annotate load (k = 2) and users add"
winnow annotate load "$work/bank.csv" --label category --db "$db" --project banking77 --k 2
ann=$(winnow annotate users add ann --db "$db" 2>/dev/null)
bob=$(winnow annotate users add bob --db "$db" 2>/dev/null)
lead=$(winnow annotate users add lead --role reviewer --db "$db" 2>/dev/null)

echo "== winnow annotate serve (in the background)"
setsid "$root/bin/winnow" annotate serve --db "$db" --port 0 > /dev/null 2> "$work/serve.log" &
server=$!   # its own process group: stopping it stops the dotnet process too
trap 'kill -- -$server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q "serving" "$work/serve.log" 2>/dev/null && break; sleep 0.5; done
url=$(sed -n 's/.* on \(http[^ ]*\) .*/\1/p' "$work/serve.log" | head -n 1)
echo "app at $url"

label() { # token, how many, disagree every Nth (0: never)
  local token="$1" n="$2" every="$3"
  for i in $(seq 1 "$n"); do
    item=$(curl -sf -H "Authorization: Bearer $token" "${url}api/next?project=banking77")
    id=$(echo "$item" | jq .id)
    choice=$(echo "$item" | jq -r '.suggestions[0].label')
    if [ "$every" -gt 0 ] && [ $((i % every)) -eq 0 ]; then choice=$(echo "$item" | jq -r --arg s "$choice" '[.labels[] | select(. != $s)][0]'); fi
    curl -sf -o /dev/null -X POST -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
      -H "Idempotency-Key: demo-$id-$i" -d "{\"label\": \"$choice\", \"seconds\": 2.5}" "${url}api/items/$id/annotations"
  done
}
echo "== ann and bob label 20 items each through the API"
label "$ann" 20 0
label "$bob" 20 4
echo "== GET /api/agreement (as the reviewer)"
curl -sf -H "Authorization: Bearer $lead" "${url}api/agreement?project=banking77" | jq .agreement
echo "== GET /api/stats"
curl -sf -H "Authorization: Bearer $lead" "${url}api/stats?project=banking77" | jq '{items, complete, annotations, annotators: [.annotators[] | {name, done}]}'
kill -- -"$server"; wait "$server" 2>/dev/null || true
echo "== winnow annotate export --decided-only"
winnow annotate export --db "$db" --project banking77 -o "$work/decided.jsonl" --decided-only

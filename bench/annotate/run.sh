#!/usr/bin/env bash
# The labelling app under load: 20 annotators through the JSON API for 2 minutes against SQLite and against
# PostgreSQL (a private cluster on loopback), then once more with the server killed mid-load and restarted.
# Prints one JSON line per run (p50/p95/p99 latency, acknowledged vs stored, lost, counted twice, items above k)
# and writes bench/results/annotate.jsonl.
#   ./bench/annotate/run.sh [SECONDS] [ANNOTATORS]      (defaults 120 and 20; measure on an idle machine)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-120}"; annotators="${2:-20}"
"$root/scripts/setup.sh"
winnow="$root/src/Winnow.Cli/bin/Release/net10.0/winnow.dll"
work="$(mktemp -d /tmp/winnow-annotate-bench.XXXXXX)"
mkdir -p "$root/bench/results"
out="$root/bench/results/annotate.jsonl"; : > "$out"
bench() { dotnet run --project "$root/bench/annotate" -c Release --no-build -- --winnow "$winnow" --annotators "$annotators" --seconds "$seconds" "$@" | tee -a "$out"; }
dotnet build "$root/bench/annotate" -c Release -nologo -v quiet -clp:ErrorsOnly

# PostgreSQL: a private cluster (as the postgres user when root: PostgreSQL refuses to run as root).
pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
port=$((20000 + RANDOM % 20000))
as_pg "$pgbin/initdb" -D "$work/pg" -A trust -U winnow -E UTF8 >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
trap 'as_pg "$pgbin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null; rm -rf "$work"' EXIT
psql -h 127.0.0.1 -p "$port" -U winnow -d postgres -qc "CREATE DATABASE bench" >/dev/null

bench --db "$work/labels.db"
bench --db "postgres://winnow@127.0.0.1:$port/bench"
bench --db "$work/labels.db" --kill-at $((seconds / 2))
bench --db "postgres://winnow@127.0.0.1:$port/bench" --kill-at $((seconds / 2))

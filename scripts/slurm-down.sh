#!/usr/bin/env bash
# Stops the one-node cluster scripts/slurm-up.sh started, by the pid files in $WINNOW_SLURM_DIR.
set -uo pipefail
dir="${WINNOW_SLURM_DIR:-/tmp/winnow-slurm}"
for daemon in slurmd slurmctld; do
  pidfile="$dir/$daemon.pid"
  [ -f "$pidfile" ] || continue
  pid="$(cat "$pidfile")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  rm -f "$pidfile"
done
exit 0

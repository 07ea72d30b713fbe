#!/usr/bin/env bash
# Installs what Winnow needs and is missing, then builds it. Sourced by demo.sh and test.sh; safe to run again.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

need_apt=()
command -v jq >/dev/null 2>&1 || need_apt+=(jq)
[ -x /usr/bin/time ] || need_apt+=(time)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)   # the report's browser test
command -v curl >/dev/null 2>&1 || need_apt+=(curl)   # the labelling demo (scripts/annotate-demo.sh)
[ -x /usr/sbin/slurmctld ] || need_apt+=(slurm-wlm)              # the Slurm executor's tests (scripts/slurm-up.sh)
[ -f /usr/share/wordnet/index.noun ] || need_apt+=(wordnet-base)          # augment.synonyms, augment.eda
command -v apertium >/dev/null 2>&1 || need_apt+=(apertium)              # back-translation
[ -d /usr/share/apertium/apertium-eng-spa ] || need_apt+=(apertium-eng-spa)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need_apt+=(postgresql)   # the label store's PostgreSQL tests (a private cluster)
if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK is missing; trying the distribution's package" >&2
  need_apt+=(dotnet-sdk-10.0)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null \
      || echo "setup: could not install ${need_apt[*]} (jq and time serve the benchmarks, chromium the report test)" >&2
  else
    echo "setup: please install: ${need_apt[*]}" >&2
  fi
fi
command -v dotnet >/dev/null 2>&1 || { echo "setup: no .NET SDK; install .NET 10 (https://dot.net) and run again" >&2; exit 1; }

cd "$root"
echo "setup: building (Release)…" >&2
dotnet build Winnow.sln -c Release -nologo -v quiet -clp:ErrorsOnly >&2

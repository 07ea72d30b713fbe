#!/usr/bin/env bash
# Starts a one-node Slurm cluster on this machine (root, no systemd, no munge), as DEPENDENCIES.md "Distributed
# execution" describes; idempotent: an already running cluster is left as it is. State lives in $WINNOW_SLURM_DIR
# (default /tmp/winnow-slurm); scripts/slurm-down.sh stops the daemons by their pid files there.
set -euo pipefail
dir="${WINNOW_SLURM_DIR:-/tmp/winnow-slurm}"
[ -x /usr/sbin/slurmctld ] || { echo "slurm-up: slurm-wlm is not installed (scripts/setup.sh installs it as root)" >&2; exit 1; }
if [ -f "$dir/slurmctld.pid" ] && kill -0 "$(cat "$dir/slurmctld.pid")" 2>/dev/null \
   && [ -f "$dir/slurmd.pid" ] && kill -0 "$(cat "$dir/slurmd.pid")" 2>/dev/null; then
  exit 0
fi
host="$(hostname -s)"
mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) * 8 / 10 / 1024 ))
mkdir -p "$dir/spool/ctld" "$dir/spool/d" "$dir/log" /etc/slurm
conf=/etc/slurm/slurm.conf
cat > "$conf.winnow" <<CONF
# Written by winnow scripts/slurm-up.sh: a one-node cluster for tests.
ClusterName=winnow
SlurmctldHost=$host
AuthType=auth/none
CredType=cred/none
SlurmUser=root
SlurmdUser=root
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MaxArraySize=1001
StateSaveLocation=$dir/spool/ctld
SlurmdSpoolDir=$dir/spool/d
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SchedulerParameters=sched_interval=1
MinJobAge=30
NodeName=$host CPUs=$(nproc) RealMemory=$mem State=UNKNOWN
PartitionName=winnow Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
# Keep a configuration someone else wrote.
if [ -f "$conf" ] && ! grep -q "winnow scripts/slurm-up.sh" "$conf"; then
  echo "slurm-up: $conf exists and is not ours; using it as it is" >&2
else
  mv "$conf.winnow" "$conf"
fi
rm -f "$conf.winnow"
/usr/sbin/slurmctld -i
/usr/sbin/slurmd
for _ in $(seq 1 60); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then exit 0; fi
  sleep 0.5
done
echo "slurm-up: the node did not come up within 30 s; see $dir/log" >&2
exit 1

#!/usr/bin/env bash
# What the kernel may use, read from its cgroup (a container's or a JupyterHub pod's limits) rather than
# from the machine: in a pod, nproc and /proc/meminfo count the whole node.
#   limits.sh cpus   CPUs: the CPU quota rounded up (cgroup v2 cpu.max, v1 cpu.cfs_quota_us /
#                    cpu.cfs_period_us), never more than nproc, at least 1
#   limits.sh heap   the JVM heap for the kernel: 1g (sized for Binder's 2 GB), or half of a smaller
#                    memory limit (the engines' arrays live outside the heap), at least 256m
#   limits.sh memory the session's memory limit in bytes (cgroup v2 memory.max, v1 memory.limit_in_bytes,
#                    then JupyterHub's MEM_LIMIT); empty if there is none
# COURSE_CGROUP_DIR (default /sys/fs/cgroup) lets a test point it at fake cgroup files.
set -euo pipefail
cg="${COURSE_CGROUP_DIR:-/sys/fs/cgroup}"

# The process's own cgroup v2 folder and its parents up to the root: a limit may be set on any of them.
v2_dirs() {
  local rel
  rel="$(sed -n 's/^0:://p' /proc/self/cgroup 2>/dev/null | head -1)"
  [[ -n "${COURSE_CGROUP_DIR:-}" || -z "$rel" ]] && rel=/
  while :; do
    echo "$cg${rel%/}"
    [[ "$rel" == / || -z "$rel" ]] && break
    rel="$(dirname "$rel")"
  done
}

cpus() {
  local n best quota period dir
  n="$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc)"  # nproc heeds OMP_NUM_THREADS: not wanted here
  best="$n"
  if [[ -e "$cg/cgroup.controllers" ]]; then
    for dir in $(v2_dirs); do
      [[ -r "$dir/cpu.max" ]] || continue
      read -r quota period < "$dir/cpu.max"
      [[ "$quota" == max ]] && continue
      n=$(( (quota + period - 1) / period ))
      (( n < best )) && best="$n"
    done
  else
    for dir in "$cg/cpu" "$cg/cpu,cpuacct" "$cg/cpuacct,cpu"; do
      [[ -r "$dir/cpu.cfs_quota_us" ]] || continue
      quota="$(cat "$dir/cpu.cfs_quota_us")"
      period="$(cat "$dir/cpu.cfs_period_us")"
      (( quota > 0 )) || continue
      n=$(( (quota + period - 1) / period ))
      (( n < best )) && best="$n"
    done
  fi
  (( best < 1 )) && best=1
  echo "$best"
}

memory_limit_bytes() {
  local best="" value dir
  if [[ -e "$cg/cgroup.controllers" ]]; then
    for dir in $(v2_dirs); do
      [[ -r "$dir/memory.max" ]] || continue
      value="$(cat "$dir/memory.max")"
      [[ "$value" == max ]] && continue
      [[ -z "$best" || "$value" -lt "$best" ]] && best="$value"
    done
  elif [[ -r "$cg/memory/memory.limit_in_bytes" ]]; then
    value="$(cat "$cg/memory/memory.limit_in_bytes")"
    (( value < 1 << 50 )) && best="$value"   # v1 says "no limit" with a huge number
  fi
  # No cgroup limit visible (a chroot, an old runtime): the one JupyterHub's spawner announces, if any.
  [[ -z "$best" && "${MEM_LIMIT:-}" =~ ^[0-9]+$ ]] && best="$MEM_LIMIT"
  echo "$best"
}

heap() {
  local limit mib
  limit="$(memory_limit_bytes)"
  if [[ -z "$limit" ]] || (( limit >= 2 << 30 )); then echo 1g; return; fi
  mib=$(( limit / 2 >> 20 ))
  (( mib < 256 )) && mib=256
  echo "${mib}m"
}

case "${1:-}" in
  cpus) cpus ;;
  heap) heap ;;
  memory) memory_limit_bytes ;;
  *) echo "usage: limits.sh cpus|heap|memory" >&2; exit 2 ;;
esac

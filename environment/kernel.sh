#!/usr/bin/env bash
# Starts the kit's Java kernel (JJava) with the course support library on its classpath.
# Called by the kernelspec that './course setup' writes: kernel.sh RESOURCE_DIR CONNECTION_FILE
# Everything here can be overridden from the environment (the Docker image sets COURSE_HOME).
set -euo pipefail
resource_dir="$1"
connection_file="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="${COURSE_HOME:-$(dirname "$here")}"
# DJL wants the engine's exact spelling; the kit takes any case (a wrong value is left for the first
# cell to explain in one sentence).
source "$here/switches.sh"
# Binder (one shared CPU, 2 GB, CPU-heavy repositories banned): the fast profile, every notebook within
# minutes, unless the session chose a profile. BinderHub's spawner sets the BINDER_* variables.
profile="${COURSE_PROFILE:-}"
if [[ -z "${profile// /}" && -n "${BINDER_LAUNCH_HOST:-}${BINDER_REPO_URL:-}" ]]; then
  export COURSE_PROFILE=fast
fi
switches_export

export JJAVA_CLASSPATH="${COURSE_SUPPORT_JAR:-$root/support-lib/target/course-support.jar}"
if [[ -f "$JJAVA_CLASSPATH" ]]; then
  export JJAVA_STARTUP_SCRIPTS_PATH="$here/startup.jshell"
else
  export JJAVA_STARTUP_SCRIPTS_PATH="$here/missing-jar.jshell"
fi
# Heap sized for a 2 GB session (Binder): 1 GB of heap leaves room for the engines' native memory; half
# of a smaller memory limit (limits.sh). A JVM crash log goes to the temporary folder, never notebooks/.
heap="$(bash "$here/limits.sh" heap)"
crash_log="${TMPDIR:-/tmp}/dl-course-hs_err_pid%p.log"
export JJAVA_JVM_OPTS="${JJAVA_JVM_OPTS:--Xmx$heap -XX:ErrorFile=$crash_log -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -ea -Djava.awt.headless=true -Dai.djl.offline=true}"
# Engine threads (measured by ./course bench --defaults). Inside the JVM both engines' OpenMP runs on one core
# unless told. MXNet's NaiveEngine runs each operator on the calling thread: one OpenMP team instead of
# one per engine thread, and no hand-off per operator. Idle OpenMP threads spin a short while (about
# 0.1 ms) before sleeping: long enough to catch the next operator, short enough not to starve another
# process sharing the cores (OpenMP's default spins ~100x longer; PASSIVE does not spin at all).
# One thread per CPU of the quota (limits.sh): in a pod, nproc counts the node's CPUs, not the pod's.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-$(bash "$here/limits.sh" cpus)}"
export GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-3000}"
export MXNET_ENGINE_TYPE="${MXNET_ENGINE_TYPE:-NaiveEngine}"
# DJL never downloads: native libraries come from the jar, extracted at set-up time into this cache.
export DJL_OFFLINE=true
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$root/build/djl-cache}"
export ENGINE_CACHE_DIR="${ENGINE_CACHE_DIR:-$DJL_CACHE_DIR}"
export COURSE_DATA="${COURSE_DATA:-$root/datasets}"

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# What JJava's own launcher does, without its extra JVM (saves ~40 MB and a start-up).
# shellcheck disable=SC2086
exec "$java" $JJAVA_JVM_OPTS -Djava.util.logging.config.file="$here/kernel-logging.properties" --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED \
  -jar "$resource_dir/jjava.jar" "$connection_file"

#!/usr/bin/env bash
# ./course bench: the kit against PyTorch and Keras, engine against engine; writes docs/benchmarks.md.
# Usage: environment/bench.sh [--quick] [--notebooks fast|full] [--kernel-variants] [--no-keras] [--rounds N] ...
# (all options: environment/bench.sh --help). Benchmarks print numbers; they are not tests.
#
# Prepares, each step skipped when done: the reference virtualenv build/bench-venv (PyTorch, Keras on
# TensorFlow; bench/requirements.txt, a few GB, apart from the kit's .venv), a copy of the support jar
# (others may rebuild the jar while the benchmark runs), the benchmark's Java classes (bench/java,
# compiled with javac against that jar: no Maven). Then bench/bench.py does the measuring.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
build="$root/build/bench"
venv="$root/build/bench-venv"
jar="$root/support-lib/target/course-support.jar"
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$root/build/djl-cache}"
export JUPYTER_PATH="$root/build/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"

die() { echo "bench: $*" >&2; exit 1; }
step() { echo "==> $*"; }

for arg in "$@"; do
  [[ "$arg" == -h || "$arg" == --help ]] && exec python3 "$root/bench/bench.py" --help
done

[[ -x "$root/.venv/bin/python" && -f "$jar" && -f "$root/build/jupyter/kernels/dl-course/kernel.json" ]] \
  || die "the kit is not set up: run ./course setup first."
command -v javac >/dev/null || die "javac is missing: install a JDK 17+ (apt-get install openjdk-17-jdk-headless)."

# The reference side: its own virtualenv, pinned, --no-deps (see bench/requirements.txt for why).
want="$(sha256sum "$root/bench/requirements.txt" | cut -c1-16)"
if [[ "$(cat "$venv/.bench-stamp" 2>/dev/null || true)" != "$want" ]]; then
  step "Reference virtualenv build/bench-venv: PyTorch 2.7.1, Keras 3 on TensorFlow (first time: ~3.5 GB from PyPI)"
  [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r "$root/bench/requirements.txt" \
    || die "could not install the reference packages (see pip's output above)."
  echo "$want" > "$venv/.bench-stamp"
fi

# A private copy of the jar: a JVM reading a jar that Maven rewrites under it crashes.
mkdir -p "$build/classes"
if ! cmp -s "$jar" "$build/course-support.jar" 2>/dev/null; then
  cp "$jar" "$build/course-support.jar.tmp" && mv "$build/course-support.jar.tmp" "$build/course-support.jar"
  rm -rf "$build/classes" "$build/kernel-cds.jsa" && mkdir -p "$build/classes"   # both belong to the old jar
fi
if [[ -n "$(find "$root/bench/java" -name '*.java' -newer "$build/classes/.stamp" -print -quit 2>/dev/null)" \
      || ! -f "$build/classes/.stamp" ]]; then
  step "Benchmark classes (javac bench/java)"
  javac -nowarn -d "$build/classes" -cp "$build/course-support.jar" $(find "$root/bench/java" -name '*.java') \
    || die "bench/java did not compile against the support library."
  touch "$build/classes/.stamp"
fi

exec "$root/.venv/bin/python" "$root/bench/bench.py" --jar "$build/course-support.jar" "$@"

#!/usr/bin/env bash
# The image's own test, run inside the image as its user (the CI's image test calls it; anyone can:
#   docker run --rm dl-course bash /opt/dl-course/environment/docker/selftest.sh):
#  1. every notebook, executed headless through the kit's kernel (run_notebooks.py, fast profile); in
#     the student edition (COURSE_EDITION=student) each must fail at its exercises and nowhere else;
#  2. asking for a GPU where there is none must fail loudly: a one-cell notebook with
#     COURSE_DEVICE=gpu must stop with "*** NO USABLE GPU ***", on each engine.
# Usage: selftest.sh [--out DIR] [run_notebooks.py ARGS: --engine E ..., --profile P, NOTEBOOK ...]
# (default: --engine MXNet, the French edition's notebooks in $HOME/notebooks/fr). Exit status: 0 only if
# all passed.
set -euo pipefail
home="${COURSE_HOME:-/opt/dl-course}"
out=/tmp/dl-course-selftest
if [[ "${1:-}" == --out ]]; then out="$2"; shift 2; fi
mkdir -p "$out"
args=("$@")
if [[ ! " ${args[*]-} " =~ " --engine " ]]; then args=(--engine MXNet "${args[@]}"); fi
has_notebook=false
for a in "${args[@]}"; do [[ "$a" == *.ipynb ]] && has_notebook=true; done
if ! $has_notebook; then
  shopt -s nullglob
  notebooks=("$HOME"/notebooks/fr/[0-9]*.ipynb)
  [[ ${#notebooks[@]} -gt 0 ]] || notebooks=("$home"/notebooks/fr/[0-9]*.ipynb)
  args+=("${notebooks[@]}")
fi

edition="${COURSE_EDITION:-solution}"
echo "=== selftest as $(id -un) (uid $(id -u)) on $(java -version 2>&1 | head -1); $edition edition"
failed=0
if [[ "$edition" == student ]]; then
  # Student versions fail at their exercises by design: each must fail there, with its TODO, and
  # nowhere else (student.py --check --as-is reads the exercises from the notebooks themselves).
  echo "=== 1. student notebooks, executed through the kernel: they must fail exactly at their exercises"
  engines=() profile=() notebooks=()
  while [[ ${#args[@]} -gt 0 ]]; do
    case "${args[0]}" in
      --engine) engines+=("${args[1]}"); args=("${args[@]:2}") ;;
      --profile) profile=(--profile "${args[1]}"); args=("${args[@]:2}") ;;
      *) notebooks+=("${args[0]}"); args=("${args[@]:1}") ;;
    esac
  done
  for engine in "${engines[@]}"; do
    python3 "$home/environment/student.py" --check --as-is --engine "$engine" "${profile[@]}" \
      --executed "$out/student" "${notebooks[@]}" || failed=1
  done
else
  echo "=== 1. notebooks, executed through the kernel"
  python3 "$home/environment/run_notebooks.py" --out "$out/notebooks" "${args[@]}" || failed=1
fi

echo "=== 2. COURSE_DEVICE=gpu without a usable GPU must fail loudly"
check="$out/gpu-check/gpu_check.ipynb"
mkdir -p "$(dirname "$check")"
python3 - "$check" <<'PY'
import sys, nbformat
nb = nbformat.v4.new_notebook(metadata={
    "kernelspec": {"name": "dl-course", "display_name": "Java · DL course", "language": "java"},
    "language_info": {"name": "java"}})
nb.cells = [nbformat.v4.new_code_cell("var course = Course.start();")]
nbformat.write(nb, sys.argv[1])
PY
for engine in MXNet PyTorch; do
  log="$out/gpu-check/$engine.log"
  if COURSE_DEVICE=gpu python3 "$home/environment/run_notebooks.py" --engine "$engine" \
       --out "$out/gpu-check/run" "$check" >"$log" 2>&1; then
    echo "    FAILED [$engine]: the notebook ran on without a GPU; it must stop with *** NO USABLE GPU ***"
    failed=1
  elif grep -q '\*\*\* NO USABLE GPU \*\*\*' "$log"; then
    echo "    ok [$engine]: stopped with: $(grep -m1 -o 'COURSE_DEVICE=gpu asks for a GPU.*' "$log")"
  else
    echo "    FAILED [$engine]: the notebook failed, but without the *** NO USABLE GPU *** message:"
    sed 's/^/      /' "$log" | tail -15
    failed=1
  fi
done
[[ $failed -eq 0 ]] && echo "=== selftest passed" || echo "=== selftest FAILED"
exit $failed

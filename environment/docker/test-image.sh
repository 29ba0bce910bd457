#!/usr/bin/env bash
# The image test (./course image): builds the root Dockerfile and tests the image as a student uses
# it, without a Docker engine (buildah with chroot isolation; CI runs as root).
#   1. tools: buildah, podman, debootstrap, curl, Chromium (apt-get), Playwright (PyPI, build/image/)
#   2. base: a debootstrapped Debian bookworm, imported as localhost/debian:bookworm (once, kept)
#   3. build: buildah bud with layer caching (a re-run rebuilds only what changed)
#   4. config: user jovyan (1000), port 8888, HEALTHCHECK, JupyterLab as the command
#   5. selftest, inside the image as jovyan: the notebooks through the kernel (fast profile), and
#      COURSE_DEVICE=gpu without a GPU must stop with "*** NO USABLE GPU ***"
#   6. lab: JupyterLab from the image on 127.0.0.1, the HEALTHCHECK passes, and a real browser
#      (Playwright + /usr/bin/chromium) runs notebook 01 and saves screenshots in build/image/
# Usage: test-image.sh [--target cpu|cuda] [--engine MXNet|PyTorch]... [--skip-browser] [--build-only]
#                      [NOTEBOOK.ipynb ...]   (default: every notebook, on MXNet)
# Environment: IMAGE_CIFAR=skip|download (default skip: CI has no access to CIFAR-10's site),
#   IMAGE_NAME (default localhost/dl-course:test), IMAGE_BASE (default localhost/debian:bookworm).
# Results and timings: build/image/report.txt. Ends with "image: N passed, N failed".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/build/image"
HERE="$ROOT/environment/docker"
BASE="${IMAGE_BASE:-localhost/debian:bookworm}"
IMG="${IMAGE_NAME:-localhost/dl-course:test}"
CIFAR="${IMAGE_CIFAR:-skip}"
PLAYWRIGHT_VERSION=1.65.2
target=cpu
engines=()
notebooks=()
browser=true
build_only=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --target) target="$2"; shift 2 ;;
    --engine) engines+=(--engine "$2"); shift 2 ;;
    --skip-browser) browser=false; shift ;;
    --build-only) build_only=true; shift ;;
    *.ipynb) notebooks+=("/home/jovyan/notebooks/$(basename "$1")"); shift ;;
    -h|--help) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "test-image: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$target" == cpu || "$target" == cuda ]] || { echo "test-image: --target cpu or cuda" >&2; exit 2; }
[[ "$target" == cuda ]] && IMG="${IMAGE_NAME:-localhost/dl-course:test-cuda}"
[[ $(id -u) -eq 0 ]] || { echo "test-image: run as root (buildah and debootstrap need it)" >&2; exit 1; }

mkdir -p "$OUT"
REPORT="$OUT/report.txt"
: > "$REPORT"
passed=0
failed=0
step() { echo "==> $*"; }
note() { echo "    $*"; echo "$*" >> "$REPORT"; }
pass() { passed=$((passed + 1)); note "ok: $*"; }
fail() { failed=$((failed + 1)); note "FAILED: $*"; }
now() { date +%s; }
finish() {
  echo "Report: $REPORT"
  echo "image: $passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}

# --- 1. tools --------------------------------------------------------------------------------------
step "tools"
need=()
command -v buildah >/dev/null || need+=(buildah)
command -v podman >/dev/null || need+=(podman)
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v curl >/dev/null || need+=(curl)
$browser && { [[ -x /usr/bin/chromium ]] || need+=(chromium); }
if [[ ${#need[@]} -gt 0 ]]; then
  echo "    apt-get install ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" fuse-overlayfs >/dev/null
fi
PW="$OUT/browser-venv"
if $browser && ! "$PW/bin/python" -c "import playwright" 2>/dev/null; then
  echo "    Playwright $PLAYWRIGHT_VERSION (Python, PyPI) in $PW; it drives /usr/bin/chromium, no browser download"
  python3 -m venv "$PW"
  "$PW/bin/pip" install --quiet --disable-pip-version-check "playwright==$PLAYWRIGHT_VERSION"
fi
note "buildah $(buildah --version | awk '{print $3}'), $( $browser && /usr/bin/chromium --version 2>/dev/null | head -1)"

# --- 2. base image -----------------------------------------------------------------------------------
step "base image $BASE"
t=$(now)
bash "$HERE/base-image.sh" "$BASE"
note "base image: $(( $(now) - t )) s"

# --- 3. build ------------------------------------------------------------------------------------------
step "build $IMG (target $target, CIFAR=$CIFAR; log: $OUT/build.log)"
t=$(now)
if buildah bud --isolation chroot --network host --format docker --layers --force-rm \
     --build-arg BASE_IMAGE="$BASE" --build-arg CIFAR="$CIFAR" --target "$target" \
     -t "$IMG" "$ROOT" > "$OUT/build.log" 2>&1; then
  build_s=$(( $(now) - t ))
  size=$(podman image inspect --format '{{.Size}}' "$IMG")
  pass "build in ${build_s} s; image $IMG is $(( size / 1000000 )) MB ($(numfmt --to=iec "$size"))"
else
  tail -30 "$OUT/build.log"
  fail "build (see $OUT/build.log)"
  finish; exit 1
fi
# Storage: keep this build's layer cache, drop what earlier builds left (gigabytes a run otherwise).
# The build and data stages are no image's parent, so they are tagged to keep their cache (cached:
# seconds); then every image that no tag or child needs goes.
for stage in build data; do
  buildah bud --isolation chroot --network host --format docker --layers --build-arg BASE_IMAGE="$BASE" \
    --build-arg CIFAR="$CIFAR" --target "$stage" -t "localhost/dl-course-cache:$stage" "$ROOT" >/dev/null 2>&1 || true
done
podman image prune -f >/dev/null 2>&1 || true
note "container storage: $(du -sh /var/lib/containers/storage 2>/dev/null | cut -f1)"
$build_only && { finish; exit $?; }

# --- 4. image configuration -------------------------------------------------------------------------------
step "image configuration"
cfg() { buildah inspect --type image --format "$1" "$IMG"; }
problems=()
[[ "$(cfg '{{.Docker.Config.User}}')" == 1000 ]] || problems+=("user is '$(cfg '{{.Docker.Config.User}}')', not 1000")
[[ "$(cfg '{{.Docker.Config.ExposedPorts}}')" == *8888* ]] || problems+=("port 8888 not exposed")
[[ "$(cfg '{{.Docker.Config.Healthcheck}}')" == *healthcheck.py* ]] || problems+=("no HEALTHCHECK")
[[ "$(cfg '{{.Docker.Config.Cmd}}')" == *"jupyter lab"* ]] || problems+=("command is not jupyter lab: $(cfg '{{.Docker.Config.Cmd}}')")
[[ "$(cfg '{{.Docker.Config.Env}}')" == *HOME=/home/jovyan* ]] || problems+=("HOME is not /home/jovyan")
if [[ ${#problems[@]} -eq 0 ]]; then pass "configuration: user 1000, EXPOSE 8888, HEALTHCHECK, CMD jupyter lab"
else fail "configuration: ${problems[*]}"; fi

# Every container of this run; removed at exit.
containers=()
lab_pid=""
cleanup() {
  [[ -n "$lab_pid" ]] && kill "$lab_pid" 2>/dev/null || true
  for c in "${containers[@]}"; do buildah rm "$c" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
# Sets $c (not echoed: a command substitution's subshell would not record it for the cleanup).
new_container() { c=$(buildah from --pull=never "$IMG"); containers+=("$c"); }
run_in() { local c="$1"; shift; buildah run --isolation chroot --network host "$c" -- "$@"; }

# The CUDA image asks for a GPU by default; on a machine without one its notebooks run on the CPU
# (COURSE_DEVICE=auto, PyTorch: the CUDA build of libtorch), and the no-GPU check still runs.
device_env=()
if [[ "$target" == cuda ]]; then
  [[ ${#engines[@]} -gt 0 ]] || engines=(--engine PyTorch)
  if ! nvidia-smi -L >/dev/null 2>&1; then
    device_env=(--env COURSE_DEVICE=auto)
    note "no GPU here: the CUDA image's notebooks run with COURSE_DEVICE=auto (on the CPU)"
  fi
fi

# --- 5. selftest inside the image, as jovyan --------------------------------------------------------------
step "selftest inside the image (log: $OUT/selftest.log)"
rm -rf "$OUT/selftest" && mkdir -p "$OUT/selftest" && chmod 0777 "$OUT/selftest"
new_container
t=$(now)
if buildah run --isolation chroot --network host "${device_env[@]}" -v "$OUT/selftest:/out:rw" "$c" -- \
     bash /opt/dl-course/environment/docker/selftest.sh --out /out "${engines[@]}" "${notebooks[@]}" 2>&1 \
     | grep --line-buffered -vE '\] Loop (started|stopped)\.$' | tee "$OUT/selftest.log"; then
  pass "selftest as jovyan in $(( $(now) - t )) s: $(grep -m1 '^notebooks:' "$OUT/selftest.log"), no-GPU message on both engines"
else
  fail "selftest (see $OUT/selftest.log)"
fi
awk '/^--- /{nb=$2" ("$4")"} /^    (ok|FAILED) in/{sub(/^ +/, ""); print "    " nb ": " $0}' "$OUT/selftest.log" >> "$REPORT" || true

# --- 6. JupyterLab from the image, the healthcheck, and a browser ----------------------------------------
step "JupyterLab from the image on 127.0.0.1 (log: $OUT/lab.log)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
new_container
t=$(now)
buildah run --isolation chroot --network host "${device_env[@]}" --env COURSE_PROFILE=fast --env JUPYTER_TOKEN="$token" \
  --env JUPYTER_PORT="$port" "$c" -- \
  bash /opt/dl-course/environment/docker/entrypoint.sh \
  jupyter lab --ip=127.0.0.1 --port="$port" --no-browser > "$OUT/lab.log" 2>&1 &
lab_pid=$!
ready=false
for _ in $(seq 1 180); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/lab?token=$token" 2>/dev/null; then ready=true; break; fi
  kill -0 "$lab_pid" 2>/dev/null || break
  sleep 0.5
done
if $ready; then
  pass "JupyterLab answered /lab $(( $(now) - t )) s after the container started"
  if run_in "$c" env JUPYTER_PORT="$port" python3 /opt/dl-course/environment/docker/healthcheck.py; then
    pass "HEALTHCHECK (healthcheck.py) passes on the running server"
  else
    fail "HEALTHCHECK fails on the running server"
  fi
  if $browser; then
    step "browser: notebook 01, Run All Cells, charts, screenshots"
    nb=$(cd "$ROOT" && ls notebooks/01_*.ipynb 2>/dev/null | head -1)
    if [[ -z "$nb" ]]; then
      fail "browser: no notebooks/01_*.ipynb to open"
    elif "$PW/bin/python" "$HERE/browser_test.py" --url "http://127.0.0.1:$port" --token "$token" \
          --notebook "$nb" --screenshots "$OUT" 2>&1 | tee "$OUT/browser.log"; then
      pass "browser: $nb ran in JupyterLab without error; $(grep -m1 'chart images' "$OUT/browser.log" | xargs); screenshots in $OUT"
    else
      fail "browser (see $OUT/browser.log)"
    fi
  fi
  curl -fsS -X POST -H "Authorization: token $token" "http://127.0.0.1:$port/api/shutdown" >/dev/null 2>&1 || true
else
  tail -20 "$OUT/lab.log"
  fail "JupyterLab did not answer within 90 s (see $OUT/lab.log)"
fi
for _ in $(seq 1 20); do kill -0 "$lab_pid" 2>/dev/null || break; sleep 0.5; done
kill "$lab_pid" 2>/dev/null || true
lab_pid=""

finish

#!/usr/bin/env bash
# The image test (./course image): builds the root Dockerfile and tests the image as a student uses
# it, without a Docker engine (buildah with chroot isolation; CI runs as root). Steps 3-6 run for each
# edition: the student image (the default build) and the solution image (COURSE_EDITION=solution).
#   1. tools: buildah, podman, debootstrap, curl, Chromium (apt-get), Playwright (PyPI, build/image/)
#   2. base: a debootstrapped Debian bookworm, imported as localhost/debian:bookworm (once, kept)
#   3. build: buildah bud with layer caching (a re-run rebuilds only what changed)
#   4. config: user jovyan (1000), port 8888, HEALTHCHECK, JupyterLab as the command; the edition's
#      notebooks (student: exactly what ./course student generates, no solution left in the image);
#      library/ beside them, linked to the image's read-only copy of support-lib/src/main/java
#   5. selftest, inside the image as jovyan: the notebooks through the kernel (fast profile; student
#      versions must fail exactly at their exercises), and COURSE_DEVICE=gpu without a GPU must stop
#      with "*** NO USABLE GPU ***". The student image runs every French notebook on MXNet; the solution
#      image (the same layers but the last, its notebooks checked byte for byte in 4, their solutions run
#      on the host by ./course test) runs, in English on PyTorch, the notebooks whose data or files are
#      the image's own: 04 (CIFAR or its stand-in), 04c (writes in the home's cache), 05b (wfrench)
#   6. lab: JupyterLab from the image on 127.0.0.1, the HEALTHCHECK passes, it lists
#      notebooks/library and refuses to save there, and a real browser
#      (Playwright + /usr/bin/chromium) runs notebook 01 (student: up to its first exercise's TODO)
#      and saves screenshots in build/image/
#   7. session (solution image): a student on Binder clicking through notebooks 01 to 06 in one JupyterLab,
#      no kernel shut down by hand: every cell passes and the server with all its kernels stays under 2 GB
#   8. (student image) a student-only repository for Binder, as docs/docker.md says to make it: no
#      solution in it, and it builds FROM the student image (environment/docker/binder/Dockerfile)
# Usage: test-image.sh [--target cpu|cuda] [--edition student|solution]... [--engine MXNet|PyTorch]...
#                      [--skip-browser] [--build-only] [NOTEBOOK.ipynb ...]
#   (default: both image editions, student and solution; every notebook of the French edition, on MXNet)
# Environment: IMAGE_CIFAR=skip|download (default skip: CI has no access to CIFAR-10's site),
#   IMAGE_NAME (default localhost/dl-course:test; the solution image gets "-solution" appended),
#   IMAGE_BASE (default localhost/debian:bookworm).
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
editions=()
engines=()
notebooks=()
browser=true
build_only=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --target) target="$2"; shift 2 ;;
    --edition) editions+=("$2"); shift 2 ;;
    --engine) engines+=(--engine "$2"); shift 2 ;;
    --skip-browser) browser=false; shift ;;
    --build-only) build_only=true; shift ;;
    # notebooks/en/NN.ipynb: the English edition; any other path names the French one.
    *.ipynb) lang="$(basename "$(dirname "$1")")"; [[ "$lang" == en ]] || lang=fr
             notebooks+=("/home/jovyan/notebooks/$lang/$(basename "$1")"); shift ;;
    -h|--help) sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "test-image: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$target" == cpu || "$target" == cuda ]] || { echo "test-image: --target cpu or cuda" >&2; exit 2; }
[[ "$target" == cuda ]] && IMG="${IMAGE_NAME:-localhost/dl-course:test-cuda}"
[[ ${#editions[@]} -gt 0 ]] || editions=(student solution)
for e in "${editions[@]}"; do
  [[ "$e" == student || "$e" == solution ]] || { echo "test-image: --edition student or solution" >&2; exit 2; }
done
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

# Every container of this run; removed at exit.
containers=()
lab_pid=""
cleanup() {
  [[ -n "$lab_pid" ]] && kill "$lab_pid" 2>/dev/null || true
  for c in "${containers[@]}"; do buildah rm "$c" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT

# --- 3. build ------------------------------------------------------------------------------------------
# Sets $img to the image built for edition $1; returns non-zero if the build fails.
build_edition() {
  local edition="$1" t size
  img="$IMG"; [[ "$edition" == student ]] || img="$IMG-$edition"
  step "build $img (target $target, $edition edition, CIFAR=$CIFAR; log: $OUT/build-$edition.log)"
  t=$(now)
  if buildah bud --isolation chroot --network host --format docker --layers --force-rm \
       --build-arg BASE_IMAGE="$BASE" --build-arg CIFAR="$CIFAR" --build-arg COURSE_EDITION="$edition" \
       --target "$target" -t "$img" "$ROOT" > "$OUT/build-$edition.log" 2>&1; then
    size=$(podman image inspect --format '{{.Size}}' "$img")
    pass "[$edition] build in $(( $(now) - t )) s; image $img is $(( size / 1000000 )) MB ($(numfmt --to=iec "$size"))"
  else
    tail -30 "$OUT/build-$edition.log"
    fail "[$edition] build (see $OUT/build-$edition.log)"
    return 1
  fi
}

# Sets $c (not echoed: a command substitution's subshell would not record it for the cleanup).
new_container() { c=$(buildah from --pull=never "$img"); containers+=("$c"); }
run_in() { local c="$1"; shift; buildah run --isolation chroot --network host "$c" -- "$@"; }

# --- 4. image configuration, and the edition's notebooks -----------------------------------------------------
check_configuration() {
  local edition="$1" problems=() cfg_env
  cfg() { buildah inspect --type image --format "$1" "$img"; }
  [[ "$(cfg '{{.Docker.Config.User}}')" == 1000 ]] || problems+=("user is '$(cfg '{{.Docker.Config.User}}')', not 1000")
  [[ "$(cfg '{{.Docker.Config.ExposedPorts}}')" == *8888* ]] || problems+=("port 8888 not exposed")
  [[ "$(cfg '{{.Docker.Config.Healthcheck}}')" == *healthcheck.py* ]] || problems+=("no HEALTHCHECK")
  [[ "$(cfg '{{.Docker.Config.Cmd}}')" == *"jupyter lab"* ]] || problems+=("command is not jupyter lab: $(cfg '{{.Docker.Config.Cmd}}')")
  cfg_env="$(cfg '{{.Docker.Config.Env}}')"
  [[ "$cfg_env" == *HOME=/home/jovyan* ]] || problems+=("HOME is not /home/jovyan")
  [[ "$cfg_env" == *SHELL=/bin/bash* ]] || problems+=("SHELL is not /bin/bash (JupyterLab's terminal would open sh)")
  [[ "$cfg_env" == *COURSE_EDITION=$edition* ]] || problems+=("COURSE_EDITION is not $edition")
  new_container
  run_in "$c" python3 -c 'import json, sys; c = json.load(open(sys.argv[1]))["MappingKernelManager"]; sys.exit(not (c["cull_idle_timeout"] > 0 and c["cull_connected"]))' \
      /opt/dl-course/venv/etc/jupyter/jupyter_server_config.json 2>/dev/null \
    || problems+=("idle kernels are not culled (venv/etc/jupyter/jupyter_server_config.json)")
  run_in "$c" bash -c 'command -v course-fresh' >/dev/null 2>&1 || problems+=("course-fresh is not on the PATH")
  # Another UID in group 100 (how OpenShift and some JupyterHubs run images) saves notebooks and Jupyter's files.
  buildah run --isolation chroot --user 4242:100 "$c" -- bash -c 'cd && touch notebooks/fr/01_*.ipynb \
      && mkdir -p .local/share/jupyter/runtime .cache/dl-course && touch notebooks/en/.w && rm notebooks/en/.w' >/dev/null 2>&1 \
    || problems+=("UID 4242 in group 100 cannot write the home's notebooks and Jupyter's folders")
  # %maven with no network (a network namespace without one around buildah run): the kit's DJL resolves.
  local maven
  if maven=$(unshare -n bash -c "ip link set lo up; buildah run --isolation chroot --network host $c -- \
       python3 /opt/dl-course/environment/docker/maven_offline.py" 2>&1 | tail -1) && [[ "$maven" == maven-offline:*resolved* ]]; then
    pass "[$edition] ${maven#maven-offline: }"
  else
    problems+=("$maven")
  fi
  if [[ ${#problems[@]} -eq 0 ]]; then pass "[$edition] configuration: user 1000, EXPOSE 8888, HEALTHCHECK, CMD jupyter lab, SHELL=/bin/bash, COURSE_EDITION=$edition, idle kernels culled, course-fresh, home writable by group 100"
  else fail "[$edition] configuration: ${problems[*]}"; fi

  # The notebooks in the image, both copies, against what they must be: the repository's solutions in
  # both editions (editions.py), or what ./course student makes of them (byte for byte: generation is
  # deterministic). library/ is not a notebook (./course's read-only copy on the host, a link in the
  # image): checked below.
  local expected="$OUT/expected-$edition" got="$OUT/got-$edition" solutions="$OUT/solutions-$edition" differ=() leaked
  rm -rf "$expected" "$got" "$solutions" && mkdir -p "$got/pristine" "$got/home"
  python3 -c 'import nbformat' 2>/dev/null && py=python3 || py="$ROOT/.venv/bin/python"
  "$py" "$ROOT/environment/editions.py" --out "$solutions" >/dev/null && rm -f "$solutions/.editions.json" \
    || { fail "[$edition] notebooks: could not write the editions on the host"; return; }
  if [[ "$edition" == student ]]; then
    "$py" "$ROOT/environment/student.py" "$solutions"/fr/[0-9]*.ipynb "$solutions"/en/[0-9]*.ipynb --out "$expected" \
      >/dev/null && rm -f "$expected"/*/.generated.json \
      || { fail "[$edition] notebooks: could not generate the student versions on the host"; return; }
  else
    cp -R "$solutions" "$expected"
  fi
  run_in "$c" tar -C /opt/dl-course/notebooks --exclude=./library -c . | tar -C "$got/pristine" -x
  run_in "$c" tar -C /home/jovyan/notebooks --exclude=./library -c . | tar -C "$got/home" -x
  for copy in pristine home; do
    diff -rq "$expected" "$got/$copy" >/dev/null || differ+=("$copy: $( (diff -rq "$expected" "$got/$copy" || true) | head -3 | xargs)")
  done
  leaked=$(run_in "$c" bash -c 'grep -rl -e "BEGIN SOLUTION" -e "END SOLUTION" /opt/dl-course/notebooks /home/jovyan 2>/dev/null' || true)
  if [[ "$edition" == student ]] && ! run_in "$c" cat /opt/dl-course/venv/etc/jupyter/labconfig/page_config.json 2>/dev/null \
       | grep -q '"@jupyter/nbgrader:formgrader": true'; then
    differ+=("nbgrader's formgrader is not disabled")
  fi
  if [[ ${#differ[@]} -gt 0 ]]; then
    fail "[$edition] notebooks and tools in the image are not the $edition edition's: ${differ[*]}"
  elif [[ "$edition" == student && -n "$leaked" ]]; then
    fail "[$edition] solutions left in the student image: $(echo $leaked)"
  else
    pass "[$edition] notebooks: /opt/dl-course/notebooks and ~/notebooks are the $(find "$expected" -name '*.ipynb' | wc -l) $edition versions (fr and en)$([[ $edition == student ]] && echo ', no solution in any notebook of the image, nbgrader instructor tools off')"
  fi

  # library/ beside both notebook folders: a link to /opt/dl-course/library, which is the library's
  # sources byte for byte (whatever packages they hold) and which the user (jovyan) cannot write.
  local links library="$OUT/got-library-$edition" writable problems=()
  links=$(run_in "$c" bash -c 'readlink /opt/dl-course/notebooks/library; readlink /home/jovyan/notebooks/library' | xargs)
  [[ "$links" == "/opt/dl-course/library /opt/dl-course/library" ]] \
    || problems+=("notebooks/library and ~/notebooks/library link to '$links', not /opt/dl-course/library")
  rm -rf "$library" && mkdir -p "$library"
  run_in "$c" tar -C /opt/dl-course/library -c . | tar -C "$library" -x
  diff -rq "$ROOT/support-lib/src/main/java" "$library" >/dev/null \
    || problems+=("/opt/dl-course/library is not support-lib/src/main/java: $( (diff -rq "$ROOT/support-lib/src/main/java" "$library" || true) | head -3 | xargs)")
  writable=$(run_in "$c" find /opt/dl-course/library -writable | head -3 | xargs)
  [[ -z "$writable" ]] || problems+=("jovyan can write in /opt/dl-course/library: $writable")
  if [[ ${#problems[@]} -gt 0 ]]; then fail "[$edition] library sources: ${problems[*]}"
  else pass "[$edition] library sources: ~/notebooks/library links to /opt/dl-course/library, the $(find "$library" -type f | wc -l) files of support-lib/src/main/java, read-only for jovyan"; fi
}

# Asks the running JupyterLab for notebooks/library (as a student's file browser does): it must list the
# library's sources, read-only, and refuse to save one. Prints what is wrong; silent when all is well.
check_library_in_lab() {
  python3 - "$1" "$2" "$(cd "$ROOT/support-lib/src/main/java" && find . -type f | sort | head -1 | cut -c3-)" <<'PY'
import json, sys, urllib.error, urllib.request
port, token, source = sys.argv[1:]
def call(method, path, body=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/contents/{path}", method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None
status, folder = call("GET", "notebooks/library")
if status != 200 or folder["type"] != "directory" or not folder["content"]:
    sys.exit(f"GET notebooks/library: HTTP {status}, {str(folder)[:200]}")
status, model = call("GET", f"notebooks/library/{source}?content=0")
if status != 200 or model["writable"]:
    sys.exit(f"GET notebooks/library/{source}: HTTP {status}, writable {model and model['writable']}")
status, _ = call("PUT", f"notebooks/library/{source}", {"type": "file", "format": "text", "content": "broken"})
if status != 403:
    sys.exit(f"saving notebooks/library/{source}: HTTP {status}, not 403")
PY
}

# --- 5. selftest inside the image, as jovyan --------------------------------------------------------------
selftest() {
  local edition="$1" t log="$OUT/selftest-$edition.log"
  step "[$edition] selftest inside the image (log: $log)"
  rm -rf "$OUT/selftest-$edition" && mkdir -p "$OUT/selftest-$edition" && chmod 0777 "$OUT/selftest-$edition"
  local run=("${engines[@]}" "${notebooks[@]}")
  if [[ "$edition" == solution && ${#engines[@]} -eq 0 && ${#notebooks[@]} -eq 0 ]]; then
    run=(--engine PyTorch /home/jovyan/notebooks/en/{04_cnn_cifar10,04c_transfer_learning,05b_text_generation}.ipynb)
  fi
  new_container
  t=$(now)
  if buildah run --isolation chroot --network host "${device_env[@]}" -v "$OUT/selftest-$edition:/out:rw" "$c" -- \
       bash /opt/dl-course/environment/docker/selftest.sh --out /out "${run[@]}" 2>&1 \
       | grep --line-buffered -vE '\] Loop (started|stopped)\.$' | tee "$log"; then
    pass "[$edition] selftest as jovyan in $(( $(now) - t )) s: $(grep -m1 -E '^(notebooks|student versions):' "$log"), no-GPU message on both engines"
  else
    fail "[$edition] selftest (see $log)"
  fi
  awk '/^--- /{nb=$0; sub(/^--- /, "", nb)} /^    (ok|FAILED) in/{sub(/^ +/, ""); print "    " nb ": " $0}' "$log" >> "$REPORT" || true
}

# --- 6. JupyterLab from the image, the healthcheck, and a browser ----------------------------------------
lab_and_browser() {
  local edition="$1" port token t ready nb problem
  step "[$edition] JupyterLab from the image on 127.0.0.1 (log: $OUT/lab-$edition.log)"
  t=$(now)
  if start_lab "$OUT/lab-$edition.log" --env COURSE_PROFILE=fast; then
    pass "[$edition] JupyterLab answered /lab $(( $(now) - t )) s after the container started"
    if run_in "$c" env JUPYTER_PORT="$port" python3 /opt/dl-course/environment/docker/healthcheck.py; then
      pass "[$edition] HEALTHCHECK (healthcheck.py) passes on the running server"
    else
      fail "[$edition] HEALTHCHECK fails on the running server"
    fi
    # The server's front page leads to the French edition (jupyter_server_config.json's default_url).
    local landing
    landing=$(curl -sS -o /dev/null -w '%{redirect_url}' "http://127.0.0.1:$port/?token=$token" 2>/dev/null || true)
    if [[ "$landing" == */lab/tree/notebooks/fr* ]]; then
      pass "[$edition] JupyterLab opens on the French edition (notebooks/fr), the English one beside it"
    else
      fail "[$edition] JupyterLab's front page leads to '$landing', not /lab/tree/notebooks/fr"
    fi
    if problem=$(check_library_in_lab "$port" "$token" 2>&1); then
      pass "[$edition] JupyterLab lists notebooks/library, its files read-only, and refuses to save one (HTTP 403)"
    else
      fail "[$edition] JupyterLab and notebooks/library: $problem"
    fi
    if $browser; then
      step "[$edition] browser: notebook 01, Run All Cells, charts, screenshots"
      nb=$(cd "$ROOT/source" && ls 01_*.ipynb 2>/dev/null | head -1)
      nb="${nb:+notebooks/fr/$nb}"   # the French edition, where JupyterLab opens
      if [[ -z "$nb" ]]; then
        fail "[$edition] browser: no source/01_*.ipynb, so no notebooks/fr/01_*.ipynb to open"
      elif "$PW/bin/python" "$HERE/browser_test.py" --url "http://127.0.0.1:$port" --token "$token" \
            --notebook "$nb" --screenshots "$OUT/$edition" $([[ $edition == student ]] && echo --student) 2>&1 \
            | tee "$OUT/browser-$edition.log"; then
        pass "[$edition] browser: $nb ran in JupyterLab $([[ $edition == student ]] && echo 'up to its first exercise, which says TODO' || echo 'without error'); $(grep -m1 'chart images' "$OUT/browser-$edition.log" | xargs); screenshots in $OUT/$edition"
      else
        fail "[$edition] browser (see $OUT/browser-$edition.log)"
      fi
    fi
  else
    tail -20 "$OUT/lab-$edition.log"
    fail "[$edition] JupyterLab did not answer within 90 s (see $OUT/lab-$edition.log)"
  fi
  stop_lab
}

# Starts JupyterLab from the image ($img) on 127.0.0.1 with the entrypoint, as docker run does; extra
# arguments are buildah run's (--env ...). Sets $port, $token, $lab_pid; returns non-zero if it does not answer.
start_lab() {
  local log="$1"; shift
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  token=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  new_container
  buildah run --isolation chroot --network host "${device_env[@]}" "$@" --env JUPYTER_TOKEN="$token" \
    --env JUPYTER_PORT="$port" "$c" -- \
    bash /opt/dl-course/environment/docker/entrypoint.sh \
    jupyter lab --ip=127.0.0.1 --port="$port" --no-browser > "$log" 2>&1 &
  lab_pid=$!
  for _ in $(seq 1 180); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/lab?token=$token" 2>/dev/null && return 0
    kill -0 "$lab_pid" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}

stop_lab() {
  curl -fsS -X POST -H "Authorization: token $token" "http://127.0.0.1:$port/api/shutdown" >/dev/null 2>&1 || true
  for _ in $(seq 1 20); do kill -0 "$lab_pid" 2>/dev/null || break; sleep 0.5; done
  kill "$lab_pid" 2>/dev/null || true
  lab_pid=""
}

# --- 8. a student-only repository for Binder (student image only): what docs/docker.md tells an instructor to
# publish, ./course student's notebooks and binder/Dockerfile, holds no solution and builds on the student image.
binder_repository() {
  local repo="$OUT/binder-repository" leaked t
  step "[student] a student-only repository for Binder (in $repo)"
  rm -rf "$repo" && mkdir -p "$repo"
  t=$(now)
  cp "$HERE/binder/Dockerfile" "$repo/Dockerfile"
  "$py" "$ROOT/environment/student.py" "$OUT/solutions-student"/fr/[0-9]*.ipynb "$OUT/solutions-student"/en/[0-9]*.ipynb \
      --out "$repo/notebooks" >/dev/null || { fail "[student] Binder repository: ./course student failed"; return; }
  leaked=$(grep -rl -e "BEGIN SOLUTION" -e "END SOLUTION" "$repo" || true)
  if [[ -n "$leaked" ]]; then fail "[student] Binder repository: solutions in $(echo $leaked)"; return; fi
  if buildah bud --isolation chroot --network host --format docker --layers --build-arg COURSE_IMAGE="$img" \
       -t "$IMG-binder" "$repo" > "$OUT/build-binder.log" 2>&1; then
    new_container
    if run_in "$c" bash -c 'cd ~/notebooks && ls fr/01_*.ipynb en/01_*.ipynb && ! grep -rl "BEGIN SOLUTION" . /opt/dl-course/notebooks' >/dev/null 2>&1; then
      pass "[student] Binder repository: $(find "$repo/notebooks" -name '*.ipynb' | wc -l) student notebooks and binder/Dockerfile, no solution; it builds on the student image in $(( $(now) - t )) s"
    else
      fail "[student] Binder repository: the image built from it lacks the notebooks or holds a solution"
    fi
    podman rmi -f "$IMG-binder" >/dev/null 2>&1 || true
  else
    tail -20 "$OUT/build-binder.log"
    fail "[student] Binder repository: it does not build (see $OUT/build-binder.log)"
  fi
}

# --- 7. a student's session on Binder: every notebook from 01 to 06, one after the other, in one server --------
# Binder's variables (kernel.sh picks the fast profile) and its 2 GB (MEM_LIMIT: memory_budget.py's limit, as
# JupyterHub announces it). session_memory_test.py runs each notebook's cells through the server's API,
# shuts no kernel down, and samples the memory of the server and all its kernels: the peak must stay under 2 GB.
session_memory() {
  local edition="$1" log="$OUT/session-memory-$edition.log" limit=2000000000 t notebooks=()
  step "[$edition] a student's session: notebooks 01 to 06 in one server under 2 GB (log: $log)"
  for nb in "$ROOT"/source/0[1-6]*.ipynb; do notebooks+=("notebooks/fr/$(basename "$nb")"); done
  t=$(now)
  if ! start_lab "$OUT/lab-session-$edition.log" --env BINDER_REPO_URL=https://github.com/example/dl-course \
       --env MEM_LIMIT="$limit"; then
    tail -20 "$OUT/lab-session-$edition.log"
    fail "[$edition] session memory: JupyterLab did not start (see $OUT/lab-session-$edition.log)"
    stop_lab; return
  fi
  if "$ROOT/.venv/bin/python" "$HERE/session_memory_test.py" --url "http://127.0.0.1:$port" --token "$token" \
       --limit "$limit" "${notebooks[@]}" 2>&1 | tee "$log"; then
    pass "[$edition] $(tail -1 "$log" | sed 's/^session-memory: //'), in $(( $(now) - t )) s; $(grep -c 'Memory budget' "$OUT/lab-session-$edition.log") idle kernels shut down by memory_budget.py"
  else
    fail "[$edition] session memory (see $log and $OUT/lab-session-$edition.log)"
  fi
  grep -E '^  notebooks/' "$log" | sed 's/^ */    /' >> "$REPORT" || true
  stop_lab
}

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

built=()
for edition in "${editions[@]}"; do
  build_edition "$edition" && built+=("$edition:$img")
done
# Storage: keep this build's layer cache, drop what earlier builds left (gigabytes a run otherwise).
# The build and data stages are no image's parent, so they are tagged to keep their cache (cached:
# seconds); then every image that no tag or child needs goes.
for stage in build data; do
  buildah bud --isolation chroot --network host --format docker --layers --build-arg BASE_IMAGE="$BASE" \
    --build-arg CIFAR="$CIFAR" --target "$stage" -t "localhost/dl-course-cache:$stage" "$ROOT" >/dev/null 2>&1 || true
done
podman image prune -f >/dev/null 2>&1 || true
note "container storage: $(du -sh /var/lib/containers/storage 2>/dev/null | cut -f1)"
if $build_only || [[ ${#built[@]} -eq 0 ]]; then finish; exit $?; fi

for entry in "${built[@]}"; do
  edition="${entry%%:*}"; img="${entry#*:}"
  check_configuration "$edition"
  [[ "$edition" == student && "$target" == cpu ]] && binder_repository
  selftest "$edition"
  lab_and_browser "$edition"
  # The solutions run to the end (the student versions stop at their exercises), on the default engine.
  if [[ "$edition" == solution && ${#notebooks[@]} -eq 0 && ${#engines[@]} -eq 0 && "$target" == cpu ]]; then
    session_memory "$edition"
  fi
done

finish

#!/usr/bin/env bash
# The README's path on stock distributions, as a new user takes it: in a minimal Debian root
# (debootstrap) with only README's prerequisites installed (the exact apt-get line README gives for
# that release), a fresh clone of this commit, run by an unprivileged user:
#     ./course setup
#     ./course test notebooks/fr/01_linear_regression.ipynb notebooks/en/01_linear_regression.ipynb
#         (unit tests, notebook 01 in French on MXNet and in English on PyTorch, the fast Python tests)
# It fails loudly, naming the distribution and the step, when that path breaks.
#
# Usage: environment/distro-test.sh [bookworm|trixie ...]   (as root; default: both)
# Kept between runs, outside the clone, in $COURSE_CI_CACHE (default /var/cache/dl-course-ci):
#   roots/SUITE     the debootstrapped root before README's packages (remade after 30 days)
#   apt/SUITE       downloaded .deb files; m2/ and pip/ the user's Maven and pip caches
# Logs and timings: build/distro/ (report.txt ends with "distro: N passed, N failed").
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/environment/debian-root.sh"
CACHE="${COURSE_CI_CACHE:-/var/cache/dl-course-ci}"
OUT="$ROOT/build/distro"
WORK=/var/tmp/dl-course-distro
USER_NAME=student
suites=("$@")
[[ ${#suites[@]} -gt 0 ]] || suites=(bookworm trixie)

declare -A release=([bookworm]="Debian 12" [trixie]="Debian 13")
for s in "${suites[@]}"; do
  [[ -n "${release[$s]:-}" ]] || { echo "distro-test: unknown suite '$s' (bookworm or trixie)" >&2; exit 2; }
done
[[ $(id -u) -eq 0 ]] || { echo "distro-test: run as root (debootstrap and chroot need it)" >&2; exit 1; }
command -v debootstrap >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
}
git -C "$ROOT" diff --quiet HEAD -- 2>/dev/null \
  || echo "distro-test: note: uncommitted changes are not tested (the roots get a clone of HEAD)"

mkdir -p "$OUT" "$CACHE"/{roots,apt,m2,pip} "$WORK"
REPORT="$OUT/report.txt"
: > "$REPORT"
passed=0
failed=0
note() { echo "    $*"; echo "$*" >> "$REPORT"; }
now() { date +%s; }

# README's prerequisites for a release: the apt-get line on README's line that names it.
readme_packages() {
  local line
  line="$(grep -m1 -F "${release[$1]} (" "$ROOT/README.md" | grep -o '`apt-get install [^`]*`' | head -1)"
  [[ -n "$line" ]] || { echo "distro-test: README names no \`apt-get install ...\` line for ${release[$1]}" >&2; return 1; }
  line="${line//\`/}"
  echo "${line#apt-get install }"
}

# Runs "$@" in ROOT (as root, or as the user with --user) with /proc, /sys, /dev and the caches
# mounted in a private mount namespace, so every mount ends with the command.
read -r -d '' IN_ROOT <<'SH' || true
set -e
root="$1" as="$2" cache="$3"; shift 3
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"
cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
suite="$(. "$root/etc/os-release"; echo "$VERSION_CODENAME")"
mkdir -p "$cache/apt/$suite" && mount --bind "$cache/apt/$suite" "$root/var/cache/apt/archives"
home="$root/home/student"
if [[ -d "$home" ]]; then
  mkdir -p "$home/.m2" "$home/.cache/pip"
  mount --bind "$cache/m2" "$home/.m2"
  mount --bind "$cache/pip" "$home/.cache/pip"
fi
bundle=/etc/ssl/certs/ca-certificates.crt
env=(HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8
     DEBIAN_FRONTEND=noninteractive SSL_CERT_FILE=$bundle PIP_CERT=$bundle REQUESTS_CA_BUNDLE=$bundle)
if [[ "$as" == root ]]; then
  exec chroot "$root" env -i "${env[@]}" "$@"
fi
exec chroot --userspec="$as:$as" "$root" env -i "${env[@]}" HOME=/home/student USER=student "$@"
SH
in_root() {
  local root="$1" as=root; shift
  [[ "$1" == --user ]] && { as="$USER_NAME"; shift; }
  unshare --mount --propagation private bash -c "$IN_ROOT" in-root "$root" "$as" "$CACHE" "$@" </dev/null
}

# Runs a named step, timing it; on failure names the distribution and the step, shows the log's end.
step() {
  local suite="$1" name="$2" log="$OUT/$1-$3.log" t; shift 3
  echo "==> [${release[$suite]}] $name (log: $log)"
  t=$(now)
  if "$@" > "$log" 2>&1; then
    note "${release[$suite]} ($suite): $name: $(( $(now) - t )) s"
  else
    tail -40 "$log"
    note "FAILED: ${release[$suite]} ($suite): the README path breaks at '$name' after $(( $(now) - t )) s (log: $log)"
    return 1
  fi
}

base_root() {
  local suite="$1" base="$CACHE/roots/$1"
  if [[ -f "$base/.ready" && -z "$(find "$base/.ready" -mtime +30)" ]]; then
    echo "cached root $base (from $(date -r "$base/.ready" +%F))"
    return
  fi
  rm -rf "$base" "$base.new"
  debootstrap_root "$suite" "$base.new"
  rm -rf "$base.new"/var/cache/apt/archives/*.deb
  touch "$base.new/.ready" && mv "$base.new" "$base"
}

prepare_root() {
  local suite="$1" root="$WORK/$1" packages
  packages="$(readme_packages "$suite")" || return 1
  rm -rf "$root" && cp -a "$CACHE/roots/$suite" "$root"
  write_sources "$root" "$suite"
  echo "README's prerequisites for ${release[$suite]}: apt-get install $packages"
  in_root "$root" apt-get update -q
  # shellcheck disable=SC2086  # the package list is README's, word-split on purpose
  in_root "$root" apt-get install -y -q $packages
  # Java's keystore is made when the JDK arrives: the host's certificates go in too (the proxy's).
  in_root "$root" update-ca-certificates --fresh
  in_root "$root" useradd --create-home --shell /bin/bash "$USER_NAME"
  chown -R "$(stat -c %u "$root/home/$USER_NAME")" "$CACHE/m2" "$CACHE/pip"
  git clone -q --no-local "$ROOT" "$root/home/$USER_NAME/dl-course"
  chown -R --reference="$root/home/$USER_NAME" "$root/home/$USER_NAME/dl-course"
  in_root "$root" --user bash -c 'python3 --version; java -version 2>&1 | head -1; mvn -v 2>/dev/null | head -1; git -C ~/dl-course log --oneline -1'
}

for suite in "${suites[@]}"; do
  root="$WORK/$suite"
  t0=$(now)
  if step "$suite" "debootstrap a minimal root" debootstrap base_root "$suite" \
     && step "$suite" "README's apt-get line, a fresh clone, an unprivileged user" prerequisites prepare_root "$suite" \
     && step "$suite" "./course setup" setup in_root "$root" --user bash -c 'cd ~/dl-course && ./course setup' \
     && step "$suite" "./course test notebooks/fr/01_linear_regression.ipynb notebooks/en/01_linear_regression.ipynb" test \
          in_root "$root" --user bash -c 'cd ~/dl-course && ./course test notebooks/fr/01_linear_regression.ipynb notebooks/en/01_linear_regression.ipynb'; then
    passed=$((passed + 1))
    note "ok: ${release[$suite]} ($suite): $(grep -m1 -o 'Python [0-9.]*' "$OUT/$suite-prerequisites.log"), $(grep -m1 -o 'openjdk version "[^"]*"' "$OUT/$suite-prerequisites.log" | tr -d '"'); README path in $(( $(now) - t0 )) s"
  else
    failed=$((failed + 1))
  fi
  rm -rf "$root"
done

echo "Report: $REPORT"
cat "$REPORT"
echo "distro: $passed passed, $failed failed"
[[ $failed -eq 0 ]]

#!/usr/bin/env bash
# Makes the local base image the image test builds on, without Docker Hub: a minimal Debian
# bookworm (debootstrap) that trusts this machine's extra certificate authorities (so Maven
# Central and PyPI work through a TLS-inspecting proxy), imported as localhost/debian:bookworm.
# Made once and kept in the container storage: a re-run returns at once.
# Usage: base-image.sh [IMAGE_NAME]   (run as root; needs debootstrap and podman)
set -euo pipefail
name="${1:-localhost/debian:bookworm}"
suite="${DEBIAN_SUITE:-bookworm}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if podman image exists "$name"; then
  echo "base image $name: present (podman rmi $name to make it again)"
  exit 0
fi

rootfs="$(mktemp -d /var/tmp/dl-course-rootfs.XXXXXX)"
trap 'rm -rf "$rootfs"' EXIT
echo "==> debootstrap --variant=minbase $suite (a few minutes, once)"
debootstrap --variant=minbase --include=ca-certificates "$suite" "$rootfs" "$mirror" >"$rootfs.log" 2>&1 \
  || { tail -20 "$rootfs.log" >&2; echo "base-image: debootstrap failed (log: $rootfs.log)" >&2; exit 1; }
rm -f "$rootfs.log"

# The host's extra CAs (a proxy's), trusted inside the base too.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  echo "==> trusting the host's extra CAs inside the base"
  mkdir -p "$rootfs/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/"
  chroot "$rootfs" update-ca-certificates >/dev/null
fi
# The image's apt lists are fetched by the Dockerfile; the base carries none.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb

bundle=/etc/ssl/certs/ca-certificates.crt
echo "==> podman import as $name"
tar -C "$rootfs" -c . | podman import --quiet \
  --change "ENV SSL_CERT_FILE=$bundle" --change "ENV PIP_CERT=$bundle" \
  --change "ENV REQUESTS_CA_BUNDLE=$bundle" --change "ENV CURL_CA_BUNDLE=$bundle" \
  --change 'CMD ["/bin/bash"]' - "$name" >/dev/null
echo "base image $name: made"

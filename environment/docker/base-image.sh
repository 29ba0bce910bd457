#!/usr/bin/env bash
# Makes the local base image the image test builds on, without Docker Hub: a minimal Debian
# bookworm (debootstrap, from this machine's own apt mirror) that trusts every certificate this
# machine trusts (so Maven Central and PyPI work through a TLS-inspecting proxy), imported as
# localhost/debian:bookworm. Made once and kept in the container storage: a re-run returns at once.
# Usage: base-image.sh [IMAGE_NAME]   (run as root; needs debootstrap and podman)
# Environment: DEBIAN_SUITE (default bookworm), DEBIAN_MIRROR (default: the host's apt mirror).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../debian-root.sh"
name="${1:-localhost/debian:bookworm}"
suite="${DEBIAN_SUITE:-bookworm}"

if podman image exists "$name"; then
  echo "base image $name: present (podman rmi $name to make it again)"
  exit 0
fi

rootfs="$(mktemp -d /var/tmp/dl-course-rootfs.XXXXXX)"
trap 'rm -rf "$rootfs"' EXIT
cached="${COURSE_CI_CACHE:-/var/cache/dl-course-ci}/roots/$suite"
if [[ -f "$cached/.ready" ]]; then
  # The same minimal root the README-path test made (environment/distro-test.sh): no second debootstrap.
  echo "==> the minimal $suite root of $cached, trusting the host's certificates"
  cp -a "$cached/." "$rootfs/" && rm -f "$rootfs/.ready"
  trust_host_certificates "$rootfs"
else
  echo "==> debootstrap --variant=minbase $suite (a few minutes, once), trusting the host's certificates"
  debootstrap_root "$suite" "$rootfs"
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

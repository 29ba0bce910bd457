# Sourced by the scripts that make a minimal Debian root with debootstrap (the image's base,
# environment/docker/base-image.sh; the README-path test, environment/distro-test.sh).
# No mirror is named here: it is read from this machine's own apt configuration.

# The Debian mirror this machine's apt uses (deb822 .sources or one-line sources.list), without the
# security archive. Overridden by DEBIAN_MIRROR.
host_debian_mirror() {
  if [[ -n "${DEBIAN_MIRROR:-}" ]]; then echo "$DEBIAN_MIRROR"; return; fi
  local uri
  uri=$(
    { awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }' /etc/apt/sources.list.d/*.sources 2>/dev/null
      awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:\/\//) { print $i; break } }' \
        /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null
    } | grep -v -e '-security' -e 'security\.' | head -1)
  [[ -n "$uri" ]] || { echo "debian-root: no Debian mirror in /etc/apt (set DEBIAN_MIRROR=URL)" >&2; return 1; }
  echo "${uri%/}"
}

# The security archive of this machine's apt configuration, if it has one.
host_debian_security_mirror() {
  { awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }' /etc/apt/sources.list.d/*.sources 2>/dev/null
    awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:\/\//) { print $i; break } }' \
      /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null
  } | grep -e '-security' | head -1 | sed 's:/$::'
}

# Writes ROOT/etc/apt/sources.list for SUITE (main, updates and security), from the host's mirrors.
write_sources() {
  local root="$1" suite="$2" mirror security
  mirror="$(host_debian_mirror)" || return 1
  security="$(host_debian_security_mirror)"
  rm -f "$root"/etc/apt/sources.list.d/*.sources
  {
    echo "deb $mirror $suite main"
    echo "deb $mirror $suite-updates main"
    [[ -n "$security" ]] && echo "deb $security $suite-security main"
  } > "$root/etc/apt/sources.list"
}

# Makes ROOT trust every certificate this machine trusts: each certificate of the host's bundle
# (on some machines a TLS-inspecting proxy's CA is only there) becomes one file in
# /usr/local/share/ca-certificates (Java's keystore reads one certificate per file).
trust_host_certificates() {
  local root="$1" bundle=/etc/ssl/certs/ca-certificates.crt dir
  dir="$root/usr/local/share/ca-certificates/host"
  rm -rf "$dir" && mkdir -p "$dir"
  awk -v dir="$dir" '
    /-----BEGIN CERTIFICATE-----/ { n++; file = sprintf("%s/host-%03d.crt", dir, n) }
    file { print > file }
    /-----END CERTIFICATE-----/ { close(file); file = "" }' "$bundle"
  chroot "$root" update-ca-certificates --fresh >/dev/null
}

# A minimal Debian SUITE in DIR (debootstrap minbase, ca-certificates), trusting the host's
# certificates, with apt sources from the host's mirrors. Prints nothing unless it fails.
debootstrap_root() {
  local suite="$1" dir="$2" mirror log
  mirror="$(host_debian_mirror)" || return 1
  log="$(mktemp /var/tmp/debootstrap-"$suite".XXXXXX.log)"
  if ! debootstrap --variant=minbase --include=ca-certificates "$suite" "$dir" "$mirror" >"$log" 2>&1; then
    tail -20 "$log" >&2
    echo "debian-root: debootstrap $suite failed (log: $log)" >&2
    return 1
  fi
  rm -f "$log"
  trust_host_certificates "$dir"
  write_sources "$dir" "$suite"
}

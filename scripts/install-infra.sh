#!/usr/bin/env bash
# Installs the servers the system needs (PostgreSQL 15, RabbitMQ, smtp4dev) on a fresh
# Debian 12 machine. Idempotent: installs only what is missing, prints nothing when all present.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SMTP4DEV_VERSION=3.15.0

die() { echo "install-infra: $*" >&2; exit 1; }

# Runs a command with its output kept aside; shows it only when the command fails.
quiet() {
  local log
  log="$(mktemp)"
  if ! "$@" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }

[ "$(id -u)" = 0 ] || die "must run as root (apt-get, service users)"

missing=()
for pkg in postgresql rabbitmq-server; do
  installed "$pkg" || missing+=("$pkg")
done

# Another apt/dpkg run may hold a lock (e.g. a parallel install). DPkg::Lock::Timeout waits for
# the dpkg lock only; the lists/archives locks fail at once, so retry those for up to 10 min.
apt_get() {
  local log rc deadline=$((SECONDS + 600))
  log="$(mktemp)"
  while :; do
    rc=0
    apt-get -q -y -o DPkg::Lock::Timeout=600 "$@" >"$log" 2>&1 || rc=$?
    if [ "$rc" != 0 ] && grep -q 'Could not get lock' "$log" && [ "$SECONDS" -lt "$deadline" ]; then
      sleep 3
      continue
    fi
    [ "$rc" = 0 ] || tail -n 30 "$log" >&2
    rm -f "$log"
    return "$rc"
  done
}

if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt_get update || die "apt-get update failed"
  apt_get install "${missing[@]}" || die "apt-get install ${missing[*]} failed"
  for pkg in "${missing[@]}"; do echo "installed $pkg"; done

  if [[ " ${missing[*]} " == *" rabbitmq-server "* ]]; then
    # Auto-start is normally blocked (no systemd, policy-rc.d), but if the package did start a
    # broker it runs with default settings (all interfaces): stop it so test-infra.sh starts
    # the loopback-only one. Right after a fresh install no other node of ours can exist.
    for pid in $(pgrep -u rabbitmq -f -- '-s rabbit boot' || true); do
      kill -TERM "$pid" 2>/dev/null || true
    done
    for _ in $(seq 1 60); do
      pgrep -u rabbitmq -f -- '-s rabbit boot' >/dev/null || break
      sleep 0.5
    done
  fi
fi

if [ ! -x "$REPO/.tools/smtp4dev" ]; then
  command -v dotnet >/dev/null || die "dotnet not found on PATH (needed for the smtp4dev tool)"
  quiet dotnet tool install --tool-path "$REPO/.tools" Rnwood.Smtp4dev --version "$SMTP4DEV_VERSION" \
    || die "dotnet tool install Rnwood.Smtp4dev $SMTP4DEV_VERSION failed"
  echo "installed smtp4dev $SMTP4DEV_VERSION in $REPO/.tools"
fi

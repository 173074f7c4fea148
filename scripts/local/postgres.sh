#!/usr/bin/env bash
# Runs a PostgreSQL 15 server in the FOREGROUND for the Aspire AppHost (an executable resource):
#   postgres.sh PORT DATADIR
# Creates the cluster on first use (superuser postgres, password $POSTGRES_PASSWORD, default
# "postgres"; the password only applies when the cluster is created) and keeps it between runs.
# Listens on 127.0.0.1:PORT only; its unix socket lives in DATADIR so it never clashes with the
# system cluster's /var/run/postgresql. SIGTERM stops it (smart shutdown: waits for open sessions).
set -euo pipefail

PGBIN=/usr/lib/postgresql/15/bin

die() { echo "local/postgres: $*" >&2; exit 1; }
port_ok() { [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le 65535 ]; }

[ "$#" = 2 ] || die "usage: $0 PORT DATADIR"
PORT="$1"
port_ok "$PORT" || die "bad PORT: $PORT"
[ "$(id -u)" = 0 ] || die "must run as root (the server runs as user postgres)"
[ -x "$PGBIN/postgres" ] || die "$PGBIN/postgres not found: run scripts/install-infra.sh first"
DATADIR="$(realpath -m -- "$2")"
PASSWORD="${POSTGRES_PASSWORD:-postgres}"

mkdir -p -- "$DATADIR"
chown postgres:postgres "$DATADIR"
chmod 700 "$DATADIR"
# Every parent directory must be searchable by user postgres (e.g. not under /root).
setpriv --reuid=postgres --regid=postgres --init-groups test -w "$DATADIR" \
  || die "user postgres cannot write $DATADIR (a parent directory is not searchable by it)"

if [ ! -s "$DATADIR/PG_VERSION" ]; then
  pwfile="$(mktemp)"
  log="$(mktemp)"
  trap 'rm -f "$pwfile" "$log"' EXIT
  printf '%s\n' "$PASSWORD" >"$pwfile"
  chown postgres "$pwfile"
  chmod 600 "$pwfile"
  (cd / && setpriv --reuid=postgres --regid=postgres --init-groups \
    "$PGBIN/initdb" -D "$DATADIR" -U postgres --pwfile="$pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8) >"$log" 2>&1 \
    || { tail -n 20 "$log" >&2; die "initdb in $DATADIR failed (not empty and not a cluster?)"; }
  rm -f "$pwfile" "$log"
  trap - EXIT
fi

# A unix socket path is limited to 107 bytes; with a very long DATADIR go TCP-only.
SOCKDIR="$DATADIR"
[ "${#DATADIR}" -le 90 ] || SOCKDIR=""

# setpriv switches user and execs in place (runuser would stay as a parent and SIGKILL the
# server 2 s after forwarding SIGTERM), so the AppHost's signal reaches the postmaster itself,
# and a hard kill of it takes its backends down too.
cd "$DATADIR"
exec setpriv --reuid=postgres --regid=postgres --init-groups \
  "$PGBIN/postgres" -D "$DATADIR" -p "$PORT" -k "$SOCKDIR" -h 127.0.0.1

#!/usr/bin/env bash
# Starts/stops the servers the test suite uses, on fixed loopback ports:
#   PostgreSQL 15 (Debian cluster 15/main) on 127.0.0.1:5432, user postgres / password postgres
#   RabbitMQ (system node rabbit@localhost) on 127.0.0.1:5672, guest/guest (loopback only),
#   management UI on 127.0.0.1:15672.
# Usage: test-infra.sh up|down|status|sweep   (status exits 1 when something does not answer)
# Idempotent: "up" on running servers only checks that they answer.
# "sweep" deletes the databases and virtual hosts earlier test runs left behind (named <prefix>_<guid> /
# <prefix>-<guid>) and nobody is connected to: scripts/test.sh runs it before the suite, and another suite running on
# the same servers keeps its own.
set -euo pipefail

PG_VERSION=15
PG_CLUSTER=main
PG_PORT=5432
PG_MAX_CONNECTIONS=300
PG_PASSWORD=postgres
RMQ_NODE=rabbit@localhost
RMQ_LOG="/var/log/rabbitmq/$RMQ_NODE.log"
RMQ_DATA="/var/lib/rabbitmq/mnesia/$RMQ_NODE"
RMQ_PID_FILE="$RMQ_DATA.pid"
PG_TIMEOUT=60
RMQ_TIMEOUT=120
# What the tests name their databases and virtual hosts: a prefix and a GUID (Partnership.Testing/TestServers.cs).
TEST_DB_NAME='_[0-9a-f]{32}$'
TEST_VHOST_NAME='^[a-z0-9-]+-[0-9a-f]{32}$'
# A stopped broker recovers every virtual host at boot, about 0.4 s each here: past this many left by
# earlier test runs, its data is reset instead (it is this suite's own broker; nothing else lives there).
RMQ_RESET_ABOVE=25

die() { echo "test-infra: $*" >&2; exit 1; }

# The system broker must not pick up RABBITMQ_* settings meant for another node (e.g. the
# AppHost's local node): the Debian wrappers pass the caller's environment through.
for v in "${!RABBITMQ_@}"; do unset "$v"; done
# runuser'd commands complain when the current directory is not readable by that user.
cd /

# Runs a command with its output kept aside; shows the tail only when it fails.
quiet() {
  local log rc=0
  log="$(mktemp)"
  "$@" >"$log" 2>&1 || rc=$?
  [ "$rc" = 0 ] || tail -n 20 "$log" >&2
  rm -f "$log"
  return "$rc"
}

# Writes FILE (owned by OWNER) only when its content differs, so repeated runs change nothing.
write_if_changed() {
  local file="$1" owner="$2" content="$3"
  if [ ! -f "$file" ] || [ "$(cat "$file")" != "$content" ]; then
    printf '%s\n' "$content" >"$file"
    chown "$owner" "$file"
    chmod 644 "$file"
  fi
}

need() { command -v "$1" >/dev/null || die "$1 not found: run scripts/install-infra.sh first"; }

# ---------------------------------------------------------------- PostgreSQL
pg_running() { pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1; }
pg_answers() { pg_isready -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; }
pg_login_ok() {
  PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 psql -h 127.0.0.1 -p "$PG_PORT" -U postgres \
    -d postgres -XAtqc 'select 1' >/dev/null 2>&1
}

pg_up() {
  need pg_ctlcluster
  if [ ! -f "/etc/postgresql/$PG_VERSION/$PG_CLUSTER/postgresql.conf" ]; then
    quiet pg_createcluster --port "$PG_PORT" "$PG_VERSION" "$PG_CLUSTER" \
      || die "pg_createcluster $PG_VERSION $PG_CLUSTER failed"
  fi
  # The tests connect to a fixed port; a cluster created elsewhere may have another one.
  local port
  port="$(pg_conftool -s "$PG_VERSION" "$PG_CLUSTER" show port 2>/dev/null || true)"
  if [ "$port" != "$PG_PORT" ]; then
    quiet pg_conftool "$PG_VERSION" "$PG_CLUSTER" set port "$PG_PORT" || die "cannot set port $PG_PORT"
    if pg_running; then
      quiet pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart || die "pg_ctlcluster restart failed"
    fi
  fi
  # Test projects run side by side, and each running system holds up to 4 services x Postgres:MaxPoolSize connections:
  # the default 100 runs out (53300) when an end-to-end system and the integration tests meet.
  local max
  max="$(pg_conftool -s "$PG_VERSION" "$PG_CLUSTER" show max_connections 2>/dev/null || true)"
  if [ "$max" != "$PG_MAX_CONNECTIONS" ]; then
    quiet pg_conftool "$PG_VERSION" "$PG_CLUSTER" set max_connections "$PG_MAX_CONNECTIONS" || die "cannot set max_connections"
    if pg_running; then
      quiet pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart || die "pg_ctlcluster restart failed"
    fi
  fi
  # (Re)start inside the wait loop: a killed postmaster stays a zombie for a moment, and while
  # it does, "status" says running and "start" refuses (stale postmaster.pid).
  local deadline=$((SECONDS + PG_TIMEOUT)) err=""
  until pg_answers; do
    if ! pg_running; then
      err="$(pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start 2>&1)" || true
    fi
    [ "$SECONDS" -lt "$deadline" ] \
      || die "PostgreSQL not ready on 127.0.0.1:$PG_PORT after ${PG_TIMEOUT}s${err:+: ${err//$'\n'/ }} (see /var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log)"
    sleep 0.5
  done
  # Password login over TCP (what the tests use) needs the role to have a password.
  if ! pg_login_ok; then
    quiet runuser -u postgres -- psql -p "$PG_PORT" -XAtqc "ALTER ROLE postgres WITH PASSWORD '$PG_PASSWORD'" \
      || die "cannot set the password of role postgres"
    pg_login_ok || die "password login as postgres on 127.0.0.1:$PG_PORT fails (check pg_hba.conf)"
  fi
}

pg_down() {
  if pg_running; then
    quiet pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop || die "pg_ctlcluster $PG_VERSION $PG_CLUSTER stop failed"
  fi
}

# ---------------------------------------------------------------- RabbitMQ
# A killed broker lingers as a zombie beam.smp, so match the live boot command line. The node
# name is not on that line and the AppHost's local node also runs as user rabbitmq, so the
# system node is the live one whose pid is in its pid file.
rmq_running() {
  local pid
  pid="$(cat "$RMQ_PID_FILE" 2>/dev/null)" || return 1
  pgrep -u rabbitmq -f -- '-s rabbit boot' | grep -qx "$pid"
}
# "ping" only proves the Erlang VM is up; port connectivity means AMQP clients can connect.
rmq_answers() { timeout 30 rabbitmq-diagnostics -q -n "$RMQ_NODE" check_port_connectivity >/dev/null 2>&1; }

rmq_up() {
  need rabbitmq-server
  # Loopback only, fixed node name (a host-name based node name breaks if the host name changes).
  write_if_changed /etc/rabbitmq/rabbitmq-env.conf rabbitmq:rabbitmq \
"# Written by scripts/test-infra.sh: loopback-only broker for the test suite.
NODENAME=$RMQ_NODE
NODE_IP_ADDRESS=127.0.0.1
# Erlang distribution (CLI tools) on loopback too; epmd takes this only when it (re)starts.
ERL_EPMD_ADDRESS=127.0.0.1
SERVER_ADDITIONAL_ERL_ARGS=\"-kernel inet_dist_use_interface {127,0,0,1}\""
  write_if_changed /etc/rabbitmq/rabbitmq.conf rabbitmq:rabbitmq \
"# Written by scripts/test-infra.sh: loopback-only broker for the test suite.
listeners.tcp.default = 127.0.0.1:5672
management.tcp.ip = 127.0.0.1
management.tcp.port = 15672"
  # Enabling the plugin before the first start avoids a slow plugin step at boot.
  write_if_changed /etc/rabbitmq/enabled_plugins rabbitmq:rabbitmq "[rabbitmq_management]."

  if ! rmq_running; then
    rmq_reset_if_littered
    quiet rabbitmq-server -detached || die "rabbitmq-server -detached failed"
  fi
  local deadline=$((SECONDS + RMQ_TIMEOUT))
  until rmq_answers; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "test-infra: RabbitMQ not ready on 127.0.0.1:5672 after ${RMQ_TIMEOUT}s; tail of $RMQ_LOG:" >&2
      tail -n 30 "$RMQ_LOG" >&2 2>/dev/null || true
      exit 1
    fi
    sleep 1
  done
}

# The virtual hosts a stopped node holds, one name a line, read from its message stores.
rmq_stored_vhosts() {
  local f
  for f in "$RMQ_DATA"/msg_stores/vhosts/*/.vhost; do
    [ -f "$f" ] && { cat "$f"; echo; }
  done
  return 0
}

# Deletes the stopped node's data when earlier test runs left so many virtual hosts that it would boot
# for minutes (CI once timed out at 90 s on about 440); only when nothing but test hosts lives there.
rmq_reset_if_littered() {
  local names tests others
  names="$(rmq_stored_vhosts)"
  tests="$(grep -cE "$TEST_VHOST_NAME" <<<"$names" || true)"
  others="$(grep -vE "$TEST_VHOST_NAME" <<<"$names" | grep -cvx -e / -e '' || true)"
  if [ "$tests" -gt "$RMQ_RESET_ABOVE" ] && [ "$others" = 0 ]; then
    echo "test-infra: resetting RabbitMQ's data: $tests virtual hosts left by earlier test runs would slow its boot" >&2
    rm -rf "$RMQ_DATA" "$RMQ_DATA-feature_flags"
  fi
}

rmq_sweep() {
  local vhost n=0
  while read -r vhost; do
    [ -n "$vhost" ] || continue
    # The management API answers in milliseconds; each rabbitmqctl call boots an Erlang VM (and reads stdin).
    if command -v curl >/dev/null; then
      quiet curl -fsS -u guest:guest -X DELETE "http://127.0.0.1:15672/api/vhosts/$vhost" </dev/null
    else
      quiet rabbitmqctl -q -n "$RMQ_NODE" delete_vhost "$vhost" </dev/null
    fi || die "cannot delete virtual host $vhost"
    n=$((n + 1))
  done < <(rabbitmqctl -q -n "$RMQ_NODE" list_vhosts name 2>/dev/null | grep -E "$TEST_VHOST_NAME" \
    | grep -vxF -f <(rabbitmqctl -q -n "$RMQ_NODE" list_connections vhost 2>/dev/null | sort -u; echo '<none>') || true)
  [ "$n" = 0 ] || echo "test-infra: deleted $n virtual hosts left by earlier test runs"
}

pg_sweep() {
  local db n=0
  while read -r db; do
    [ -n "$db" ] || continue
    PGPASSWORD="$PG_PASSWORD" quiet psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -XAtqc \
      "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" </dev/null || die "cannot drop database $db"
    n=$((n + 1))
  done < <(PGPASSWORD="$PG_PASSWORD" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -XAtqc \
    "SELECT datname FROM pg_database d WHERE datname ~ '$TEST_DB_NAME'
       AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)" 2>/dev/null || true)
  [ "$n" = 0 ] || echo "test-infra: dropped $n databases left by earlier test runs"
}

rmq_down() {
  if rmq_running; then
    quiet rabbitmqctl -q -n "$RMQ_NODE" shutdown || die "rabbitmqctl shutdown failed"
  fi
}

# ---------------------------------------------------------------- main
[ "$(id -u)" = 0 ] || die "must run as root (starts servers as users postgres and rabbitmq)"

case "${1:-}" in
  up)
    pg_up
    rmq_up
    ;;
  sweep)
    pg_sweep
    rmq_sweep
    ;;
  down)
    rmq_down
    pg_down
    ;;
  status)
    rc=0
    if pg_answers; then echo "postgresql: up (127.0.0.1:$PG_PORT)"; else echo "postgresql: down"; rc=1; fi
    if rmq_answers; then echo "rabbitmq: up (127.0.0.1:5672, node $RMQ_NODE)"; else echo "rabbitmq: down"; rc=1; fi
    exit "$rc"
    ;;
  *)
    echo "usage: $0 up|down|status|sweep" >&2
    exit 2
    ;;
esac

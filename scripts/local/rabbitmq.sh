#!/usr/bin/env bash
# Runs a separate RabbitMQ node in the FOREGROUND for the Aspire AppHost (an executable resource):
#   rabbitmq.sh PORT MGMT_PORT DATADIR
# Node partnership@localhost, AMQP on 127.0.0.1:PORT, management UI on 127.0.0.1:MGMT_PORT, all
# state (mnesia, logs, config) under DATADIR and kept between runs. It runs beside the system
# node of scripts/test-infra.sh (rabbit@localhost, 5672) without sharing anything but epmd.
# Default user from RABBITMQ_DEFAULT_USER / RABBITMQ_DEFAULT_PASS (guest/guest when unset; the AppHost
# passes admin and its generated password, then deletes guest); like any RabbitMQ default user it is
# created only on the node's first start.
# SIGTERM stops the node gracefully (~6 s, 5 of them in the management plugin's stop); SIGINT
# only opens the Erlang BREAK menu.
set -euo pipefail

NODENAME=partnership@localhost
RMQ_SERVER=/usr/lib/rabbitmq/bin/rabbitmq-server
RMQ_HOME=/var/lib/rabbitmq

die() { echo "local/rabbitmq: $*" >&2; exit 1; }
port_ok() { [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le 65535 ]; }

[ "$#" = 3 ] || die "usage: $0 PORT MGMT_PORT DATADIR"
PORT="$1"
MGMT_PORT="$2"
port_ok "$PORT" || die "bad PORT: $PORT"
port_ok "$MGMT_PORT" || die "bad MGMT_PORT: $MGMT_PORT"
[ "$(id -u)" = 0 ] || die "must run as root (the node runs as user rabbitmq)"
[ -x "$RMQ_SERVER" ] || die "$RMQ_SERVER not found: run scripts/install-infra.sh first"
DATADIR="$(realpath -m -- "$3")"
USER_NAME="${RABBITMQ_DEFAULT_USER:-guest}"
USER_PASS="${RABBITMQ_DEFAULT_PASS:-guest}"
[[ "$USER_NAME$USER_PASS" != *$'\n'* ]] || die "RABBITMQ_DEFAULT_USER/PASS must not contain newlines"

# Erlang distribution port: RabbitMQ's convention is AMQP port + 20000; when that does not fit
# (PORT > 45535) use PORT - 10000. Must differ from the system node's 25672 and from the CLI
# tools' 35672-35682. RABBITMQ_DIST_PORT from the environment wins.
DIST_PORT="${RABBITMQ_DIST_PORT:-$((PORT + 20000))}"
[ "$DIST_PORT" -le 65535 ] || DIST_PORT=$((PORT - 10000))
port_ok "$DIST_PORT" || die "bad distribution port: $DIST_PORT"

mkdir -p -- "$DATADIR/mnesia" "$DATADIR/log"
chown rabbitmq:rabbitmq "$DATADIR" "$DATADIR/mnesia" "$DATADIR/log"
chmod 750 "$DATADIR"
setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups test -w "$DATADIR/mnesia" \
  || die "user rabbitmq cannot write $DATADIR (a parent directory is not searchable by it)"

# Rewritten on every start so port or password changes from the AppHost take effect
# (default_user/default_pass only matter on the very first start).
umask 077
cat >"$DATADIR/rabbitmq.conf" <<CONF
# Written by scripts/local/rabbitmq.sh on each start: edits are lost.
listeners.tcp.default = 127.0.0.1:$PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $MGMT_PORT
default_user = $USER_NAME
default_pass = $USER_PASS
# Logs go to the console (shown by the AppHost dashboard) and to $DATADIR/log/partnership.log
# (naming a console output turns the default file output off, so it is named too).
log.console = true
log.console.level = info
log.file = partnership.log
log.file.level = info
CONF
# Enabled before the first start: avoids a slow plugin step at boot.
echo '[rabbitmq_management].' >"$DATADIR/enabled_plugins"
chown rabbitmq:rabbitmq "$DATADIR/rabbitmq.conf" "$DATADIR/enabled_plugins"
umask 022

# The system node's /etc/rabbitmq/rabbitmq-env.conf would set its node name: point at a file
# that does not exist instead. NOTIFY_SOCKET would make the node talk to a systemd.
unset NOTIFY_SOCKET
# setpriv switches to user rabbitmq and execs in place, keeping these variables (the Debian
# /usr/sbin wrapper goes through su/runuser, which stay as parent and SIGKILL the node 2 s after
# forwarding SIGTERM). RUNNING_UNDER_SYSTEMD makes the server script exec erl itself instead of
# running it as a child, so the AppHost's SIGTERM reaches the Erlang VM (graceful stop) and a
# hard kill cannot leave an orphaned node. HOME holds the Erlang cookie the CLI tools use.
cd "$RMQ_HOME"
exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups env \
  HOME="$RMQ_HOME" \
  RUNNING_UNDER_SYSTEMD=true \
  RABBITMQ_CONF_ENV_FILE="$DATADIR/rabbitmq-env.conf.none" \
  RABBITMQ_NODENAME="$NODENAME" \
  RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
  RABBITMQ_NODE_PORT="$PORT" \
  RABBITMQ_DIST_PORT="$DIST_PORT" \
  RABBITMQ_MNESIA_BASE="$DATADIR/mnesia" \
  RABBITMQ_LOG_BASE="$DATADIR/log" \
  RABBITMQ_CONFIG_FILE="$DATADIR/rabbitmq.conf" \
  RABBITMQ_ADVANCED_CONFIG_FILE="$DATADIR/advanced.config" \
  RABBITMQ_ENABLED_PLUGINS_FILE="$DATADIR/enabled_plugins" \
  RABBITMQ_PID_FILE="$DATADIR/$NODENAME.pid" \
  ERL_EPMD_ADDRESS=127.0.0.1 \
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
  "$RMQ_SERVER"

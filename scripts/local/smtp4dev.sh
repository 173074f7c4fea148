#!/usr/bin/env bash
# Runs smtp4dev (development SMTP server with a web inbox) in the FOREGROUND for the AppHost:
#   smtp4dev.sh SMTP_PORT WEB_PORT DATADIR
# SMTP on 127.0.0.1:SMTP_PORT, web inbox + API (GET /api/messages) on http://127.0.0.1:WEB_PORT,
# IMAP on WEB_PORT+1, POP3 on WEB_PORT+2. Mail and settings are kept in DATADIR between runs.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SMTP4DEV="$REPO/.tools/smtp4dev"

die() { echo "local/smtp4dev: $*" >&2; exit 1; }
port_ok() { [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le 65535 ]; }

[ "$#" = 3 ] || die "usage: $0 SMTP_PORT WEB_PORT DATADIR"
SMTP_PORT="$1"
WEB_PORT="$2"
port_ok "$SMTP_PORT" || die "bad SMTP_PORT: $SMTP_PORT"
if ! port_ok "$WEB_PORT" || ! port_ok "$((WEB_PORT + 2))"; then
  die "bad WEB_PORT: $WEB_PORT (WEB_PORT+1 and +2 are used too)"
fi
[ -x "$SMTP4DEV" ] || die "$SMTP4DEV not found: run scripts/install-infra.sh first"
DATADIR="$(realpath -m -- "$3")"
mkdir -p -- "$DATADIR"

# --baseappdatapath keeps smtp4dev's own settings file in DATADIR instead of ~/.config.
cd "$DATADIR"
exec "$SMTP4DEV" \
  --urls="http://127.0.0.1:$WEB_PORT" \
  --smtpport="$SMTP_PORT" \
  --imapport="$((WEB_PORT + 1))" \
  --pop3port="$((WEB_PORT + 2))" \
  --db="$DATADIR/smtp4dev.db" \
  --baseappdatapath="$DATADIR" \
  --bindaddress=127.0.0.1

#!/usr/bin/env bash
# Measures how long scripts/run.sh takes from its start to four healthy services:
#   scripts/startup-time.sh [warm|cold] [RUNS]
# warm (default): nothing changed since the last build, the servers' data kept (.data/).
# cold: the build output of every project is removed first (bin/ and obj/; restore, build and start),
#       the servers' data kept.
# Each run starts the whole system, polls each service's /health (its HTTP/1.1 port) every 0.2 s, prints when the
# AppHost started (build done) and when each service first answered healthy, then stops the AppHost with SIGTERM.
# Needs the local run's ports free (no other scripts/run.sh on this machine). Other load on the machine (builds,
# tests) shows in the figures: say what ran beside them.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE="${1:-warm}"
RUNS="${2:-1}"
LIMIT=300
declare -A PORTS=([identity]=5120 [billing]=5130 [customer]=5110 [notification]=5140)

die() { echo "startup-time: $*" >&2; exit 1; }
[[ "$MODE" == warm || "$MODE" == cold ]] || die "usage: $0 [warm|cold] [RUNS]"
# The dashboard's, the services' and the local servers' ports (PostgreSQL, RabbitMQ, smtp4dev).
ports_free() {
  local port
  for port in 15888 "${PORTS[@]}" 55432 55672 5080; do
    ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || return 1
  done
}
ports_free || die "the system's ports are in use: is another system running?"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# The AppHost among run.sh's descendants (dotnet run's child, or run.sh itself once it execs the built AppHost):
# only this run's, never another engineer's.
descendants() { local c; for c in $(pgrep -P "$1" || true); do echo "$c"; descendants "$c"; done; }
apphost_pids() {
  local p
  for p in "$1" $(descendants "$1"); do
    [[ "$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null)" =~ Partnership\.AppHost(\.dll)?( |$) ]] && echo "$p"
  done
  return 0
}

# CPU seconds each part of the system had spent by now (run.sh's process tree, grouped), largest first: where a start's
# time goes when the machine, not waiting, is the limit.
# The system's processes: run.sh's tree, DCP's (it detaches from the AppHost and starts the dashboard and the services),
# and whatever runs from this checkout (the servers' data lives here), with their children (PostgreSQL's backends).
system_pids() {
  local roots apphost r
  apphost="$(apphost_pids "$1" | head -n 1)"
  roots="$1 $(pgrep -f -- "$REPO/" || true) $([ -z "$apphost" ] || pgrep -f -- "--monitor $apphost( |$)" || true)"
  for r in $roots; do echo "$r"; descendants "$r"; done | sort -un
}

cpu_breakdown() {
  local pids
  pids="$(system_pids "$1" | tr '\n' ',' | sed 's/,$//')"
  ps -o times=,args= -p "$pids" 2>/dev/null | awk '
    {
      cpu = $1; name = $2
      if ($0 ~ /dotnet run .*--no-build/) { match($0, /Partnership\.[A-Za-z]+\.csproj/); name = "dotnet-run:" substr($0, RSTART + 12, RLENGTH - 19) }
      else if ($0 ~ /MSBuild|Roslyn/) name = "msbuild"
      else if ($0 ~ /beam\.smp/) name = "rabbitmq"
      else if ($0 ~ /\/dcp /) name = "dcp"
      else if ($0 ~ /Aspire\.Dashboard/) name = "dashboard"
      else if ($0 ~ /smtp4dev/) name = "smtp4dev"
      else if ($0 ~ /postgres/) name = "postgres"
      else if ($0 ~ /startup-time|curl|pgrep|ps -o/) next
      else if ($0 ~ /Partnership\.[A-Za-z]+(\.dll)?( |$)/) { match($0, /Partnership\.[A-Za-z]+/); name = substr($0, RSTART + 12, RLENGTH - 12) }
      else { n = split(name, parts, "/"); name = parts[n] }
      sub(/ +$/, "", name); total[name] += cpu; all += cpu
    }
    END { for (n in total) if (total[n] >= 1) printf "%s=%d\n", n, total[n]; printf "ALL=%d\n", all }' |
    sort -t= -k2 -nr | tr '\n' ' '
}

stop() {
  local pid="$1"
  for p in $(apphost_pids "$pid"); do kill -TERM "$p" 2>/dev/null || true; done
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 450); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && die "run.sh (pid $pid) still running 90 s after SIGTERM"
  # The servers and services stop after the AppHost: the next run needs their ports.
  for _ in $(seq 1 300); do ports_free && return 0; sleep 0.2; done
  die "the system's ports are still in use 60 s after it stopped"
}

measure() {
  local log start pid started="" healthy_all=""
  declare -A healthy=()
  log="$(mktemp)"
  if [ "$MODE" = cold ]; then
    find "$REPO" -type d \( -name bin -o -name obj \) -prune -not -path "$REPO/.tools/*" -not -path "$REPO/.data/*" \
      -exec rm -rf {} +
  fi
  start="$(now)"
  bash "$REPO/scripts/run.sh" >"$log" 2>&1 &
  pid=$!
  while :; do
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$log" >&2; die "run.sh exited before the services were healthy"; }
    [ -n "$started" ] || ! grep -q "Infrastructure mode" "$log" || started="$(since "$start")"
    for service in "${!PORTS[@]}"; do
      [ -z "${healthy[$service]:-}" ] || continue
      if curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:${PORTS[$service]}/health"; then
        healthy[$service]="$(since "$start")"
      fi
    done
    if [ "${#healthy[@]}" = 4 ]; then healthy_all="$(since "$start")"; break; fi
    [ "$(since "$start" | cut -d. -f1)" -lt "$LIMIT" ] || { stop "$pid"; die "not healthy after $LIMIT s (log: $log)"; }
    sleep 0.2
  done
  printf '%s start: AppHost running %5s s; healthy: identity %5s, billing %5s, customer %5s, notification %5s; all %5s s (load %s)\n' \
    "$MODE" "${started:-?}" "${healthy[identity]}" "${healthy[billing]}" "${healthy[customer]}" "${healthy[notification]}" \
    "$healthy_all" "$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "  CPU s by then: $(cpu_breakdown "$pid")"
  stop "$pid"
  rm -f "$log"
}

for _ in $(seq 1 "$RUNS"); do measure; done

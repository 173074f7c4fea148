#!/usr/bin/env bash
# Runs one fault scenario again and again, to catch a failure that comes once in many runs, with the services'
# MassTransit and Partnership logs at Debug:
#   scripts/fault-loop.sh [SECONDS] [FILTER]      (defaults: 1800, Broker_stopped)
# Each run's detailed log goes to artifacts/fault-loop/run-N.txt (kept only when the run failed); one line per run in
# artifacts/fault-loop/summary.txt. When a run is still going 45 s after its fault cleared (a passing run is done by
# then), every service process is dumped (dotnet-dump, installed if missing) to artifacts/fault-loop/dump-N-<service>.dmp
# while it is stuck, for `dotnet-dump analyze` (e.g. `dumpasync`, `clrstack -all`).
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
SECONDS_TO_RUN="${1:-1800}"
FILTER="${2:-Broker_stopped}"
OUT="$REPO/artifacts/fault-loop"
mkdir -p "$OUT"
export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-dump >/dev/null || dotnet tool install -g dotnet-dump >/dev/null

bash scripts/install-infra.sh >/dev/null && bash scripts/test-infra.sh up || exit 1
dotnet build tests/Partnership.FaultTests >/dev/null || exit 1

end=$((SECONDS + SECONDS_TO_RUN))
n=0
while [ "$SECONDS" -lt "$end" ]; do
  n=$((n + 1))
  log="$OUT/run-$n.txt"
  FAULTS=1 PARTNERSHIP_SERVICE_LOG_LEVELS="MassTransit=Debug;Partnership=Debug" timeout 600 dotnet test tests/Partnership.FaultTests \
    --no-build --filter "FullyQualifiedName~$FILTER" --logger "console;verbosity=detailed" >"$log" 2>&1 &
  test_pid=$!
  cleared_at="" dumped=0
  while kill -0 "$test_pid" 2>/dev/null; do
    sleep 2
    [ "$dumped" = 0 ] || continue
    if [ -z "$cleared_at" ] && grep -q "cleared (" "$log"; then cleared_at=$SECONDS; fi
    if [ -n "$cleared_at" ] && [ $((SECONDS - cleared_at)) -ge 45 ]; then
      for pid in $(pgrep -f 'Partnership\.(BillingAccount|IdentityRoles|Customer|Notification)\.dll'); do
        name="$(ps -o args= -p "$pid" | grep -oE 'Partnership\.[A-Za-z]+\.dll' | head -1)"
        dotnet-dump collect -p "$pid" -o "$OUT/dump-$n-${name%.dll}.dmp" >/dev/null 2>&1
      done
      dumped=1
    fi
  done
  wait "$test_pid"
  rc=$?
  echo "run $n: exit $rc, dumped $dumped, $(grep -m1 -oE '(Passed|Failed) Partnership[^ ]*' "$log")" >>"$OUT/summary.txt"
  [ "$rc" = 0 ] && rm -f "$log"
done
tail -n "$n" "$OUT/summary.txt"

#!/usr/bin/env bash
# Runs all tests: makes sure the test servers are installed and running (fast no-ops when they
# are), runs `dotnet test` on the solution, and ends with one summary line read from the TRX
# results:  N passed, N failed, N skipped
# Extra arguments go to dotnet test (e.g. --filter ...). Exit code: dotnet test's, and non-zero
# when any test failed or no test ran.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="$REPO/.test-results"

die() { echo "test: $*" >&2; exit 1; }

cd "$REPO"
bash scripts/install-infra.sh
bash scripts/test-infra.sh up
# What an earlier run left (killed before it could clean up) only slows the servers down.
bash scripts/test-infra.sh sweep

SLN=Partnership.sln
[ -f "$SLN" ] || die "no $SLN in $REPO"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# Old result files would be counted again.
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

run_tests() { # TARGET [dotnet test arguments...]
  dotnet test "$1" --results-directory "$RESULTS" \
    --logger "trx;LogFilePrefix=results" --logger "console;verbosity=normal" "${@:2}"
}

# The fault suite holds a whole system per scenario (about 60 PostgreSQL connections): run beside the end-to-end tests
# it would exceed the test server's connection limit, so the solution runs without it (its scenarios skip unless
# FAULTS is set) and it runs alone afterwards: the quick scenarios, or those FAULTS asks for (README: Fault suite).
FAULT_TESTS=tests/Partnership.FaultTests/Partnership.FaultTests.csproj
rc=0
if [ -f "$FAULT_TESTS" ] && [ "$#" = 0 ]; then
  FAULTS= run_tests "$SLN" --filter 'FullyQualifiedName!~Partnership.FaultTests' || rc=$?
  FAULTS="${FAULTS:-quick}" run_tests "$FAULT_TESTS" --no-build || rc=$?
else
  FAULTS= run_tests "$SLN" "$@" || rc=$?
fi

# Count the per-test outcomes of every TRX file (one <UnitTestResult .../> per test run).
passed=0 failed=0 skipped=0
while read -r n outcome; do
  case "$outcome" in
    Passed) passed=$((passed + n)) ;;
    NotExecuted | Inconclusive | Pending) skipped=$((skipped + n)) ;;
    *) failed=$((failed + n)) ;; # Failed, Error, Timeout, Aborted, ...
  esac
done < <(find "$RESULTS" -name '*.trx' -print0 | xargs -0 -r cat \
  | grep -o '<UnitTestResult [^>]*' | grep -o ' outcome="[A-Za-z]*"' | cut -d'"' -f2 | sort | uniq -c)

echo
echo "$passed passed, $failed failed, $skipped skipped"

if [ "$rc" = 0 ] && [ "$failed" -gt 0 ]; then rc=1; fi
if [ "$rc" = 0 ] && [ "$((passed + failed))" = 0 ]; then
  echo "test: no test ran" >&2
  rc=1
fi
exit "$rc"

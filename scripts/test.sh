#!/usr/bin/env bash
# The whole test suite: build with warnings as errors, check that both migrations sets cover the model, then every test
# (the provider-dependent ones on SQLite and on PostgreSQL, see docs/development.md). Ends with the line
# "N passed, N failed, N skipped".
# Starts a throwaway PostgreSQL (scripts/pg-up.sh) unless EDUDUTY_TEST_PG already names one.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

scripts/os-packages.sh test
EDUDUTY_VNU_JAR="$(scripts/vnu.sh)"
EDUDUTY_OPENAPI_LINT="$(scripts/openapi-lint.sh)"
export EDUDUTY_OPENAPI_LINT
export EDUDUTY_VNU_JAR
if [ -z "${EDUDUTY_TEST_PG:-}" ]; then
  pg="$(scripts/pg-up.sh)"
  export EDUDUTY_TEST_PG="$pg"
fi

start=$(date +%s)
dotnet tool restore >/dev/null
dotnet build EduDuty.sln -c Debug -warnaserror -nologo -v q
echo "build: $(( $(date +%s) - start )) s"

# Both migration sets must cover the model. The two checks only read the build, so they run beside the tests.
checks=$(mktemp -d)
# Each provider is given a connection string of its own form (the host reads it at start: SQLite's cache signal parses it);
# nothing connects. The subshell records the exit code itself, so errexit must not end it before it does.
declare -A design=([Sqlite]="Data Source=:memory:" [Postgres]="Host=localhost;Database=design-time")
for provider in Sqlite Postgres; do
  ( set +e
    dotnet ef migrations has-pending-model-changes --no-build \
      --project "src/EduDuty.Data.$provider" --startup-project src/EduDuty.Web \
      -- --Database:Provider "$provider" "--ConnectionStrings:EduDuty=${design[$provider]}" \
      > "$checks/$provider.log" 2>&1
    echo $? > "$checks/$provider.rc" ) &
done

results="${EDUDUTY_ARTIFACTS:-artifacts}/test-results"
rm -rf "$results"
mkdir -p "$results"
start=$(date +%s)
set +e
# Every test assembly at once (-m:8). With the default, one per core, the assemblies ran two at a time in solution order,
# so the two long ones (web, browser, last in the solution) started only after all the others had finished; together, a
# process waiting on PostgreSQL, Chromium or LibreOffice leaves its core to another.
dotnet test EduDuty.sln --no-build -c Debug -m:8 --logger "trx" --results-directory "$results" -v q
rc=$?
wait
set -e
echo "tests: $(( $(date +%s) - start )) s"
for provider in Sqlite Postgres; do
  cat "$checks/$provider.log"
  if [ "$(cat "$checks/$provider.rc" 2>/dev/null)" != 0 ]; then echo "$provider migrations lag behind the model" >&2; rc=1; fi
done
rm -rf "$checks"

# This checkout's results only: another checkout's run on the same machine may write to the same folder.
mapfile -t trx < <(grep -lF "$(pwd)/tests/" "$results"/*.trx 2>/dev/null || true)
sum() { [ ${#trx[@]} -gt 0 ] || { echo 0; return; }; grep -ho "<Counters [^>]*>" "${trx[@]}" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" | awk '{s+=$1} END {print s+0}'; }
total=$(sum total); passed=$(sum passed)
failed=$(( $(sum failed) + $(sum error) + $(sum timeout) + $(sum aborted) ))
skipped=$(( total - passed - failed ))
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
exit $rc

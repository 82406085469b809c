#!/usr/bin/env bash
# Runs the portal on the embedded SQLite database with demo data (Development), at http://localhost:5080.
# The database file is src/EduDuty.Web/data/eduduty.db; delete it to start over. Demo sign-ins: see README.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/os-packages.sh run
export ASPNETCORE_ENVIRONMENT=Development
exec dotnet run --project src/EduDuty.Web --no-launch-profile -- --urls "${EDUDUTY_URLS:-http://localhost:5080}"

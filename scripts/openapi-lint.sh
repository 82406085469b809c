#!/usr/bin/env bash
# Makes Redocly's OpenAPI linter (@redocly/cli, run by node) available under .tools/openapi and prints the path of its
# command. The web tests lint the served OpenAPI document with it (EDUDUTY_OPENAPI_LINT, which scripts/test.sh sets), as the
# browser tests check the pages' HTML with vnu (scripts/vnu.sh). Needs node and npm (scripts/os-packages.sh test installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
version=2.77.0
cli=.tools/openapi/node_modules/@redocly/cli/bin/cli.js
if [ ! -f "$cli" ] || [ "$(cat .tools/openapi/version 2>/dev/null)" != "$version" ]; then
  mkdir -p .tools/openapi
  # --ignore-scripts: nothing of the package needs an install step to lint; no package's scripts run here.
  npm install --no-audit --no-fund --ignore-scripts --prefix .tools/openapi "@redocly/cli@$version" >&2
  echo "$version" > .tools/openapi/version
fi
echo "$(pwd)/$cli"

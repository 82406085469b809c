#!/usr/bin/env bash
# Makes the Nu HTML Checker (vnu.jar, from the vnu-jar npm package) available under .tools/vnu and prints its path.
# The browser tests run it over the HTML of every main page. Needs Java and npm (scripts/os-packages.sh test installs both).
set -euo pipefail
cd "$(dirname "$0")/.."
version=26.9.27
jar=.tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar
if [ ! -f "$jar" ] || [ "$(cat .tools/vnu/version 2>/dev/null)" != "$version" ]; then
  mkdir -p .tools/vnu
  # --ignore-scripts: the package's postinstall only offers to download a Java runtime; Debian's is used.
  npm install --no-audit --no-fund --ignore-scripts --prefix .tools/vnu "vnu-jar@$version" >&2
  echo "$version" > .tools/vnu/version
fi
echo "$(pwd)/$jar"

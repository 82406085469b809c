#!/usr/bin/env bash
# Installs the Debian packages EduDuty needs that are not on the machine yet (needs root, or says what to run).
# Usage: scripts/os-packages.sh run|test
set -euo pipefail
case "${1:-}" in
  run)  wanted=(fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei) ;;
  test) wanted=(postgresql docker-compose chromium chromium-headless-shell qpdf poppler-utils libreoffice-calc-nogui libreoffice-writer-nogui fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei clamav-daemon) ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

missing=()
for p in "${wanted[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
# Commands rather than packages: a machine may already have Java or Node.js (with its npm) from elsewhere, and Debian's npm
# package cannot be installed beside such a Node.js.
if [ "$1" = test ]; then
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >&2

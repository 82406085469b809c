#!/usr/bin/env bash
# Installs the Debian packages EduDuty needs that are not on the machine yet (needs root, or says what to run).
# Usage: scripts/os-packages.sh run|test
set -euo pipefail
case "${1:-}" in
  run)  wanted=(fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei) ;;
  test) wanted=(postgresql docker-compose chromium qpdf poppler-utils fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei default-jre-headless npm) ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

missing=()
for p in "${wanted[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
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

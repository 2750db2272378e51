#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright's own browser download is not used).
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
elif command -v apt-get >/dev/null 2>&1; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
else
  echo "The browser tests need Chromium at /usr/bin/chromium (Debian: apt-get install chromium)." >&2
  exit 1
fi

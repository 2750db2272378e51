#!/usr/bin/env bash
# The deployment test (tests/postgres/two-processes.test.ts) puts Debian's nginx in front of two Jot
# processes. Installs the package when it is missing; its own site is never started by the test.
set -euo pipefail
command -v nginx >/dev/null 2>&1 && exit 0
[ -x /usr/sbin/nginx ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The deployment test needs nginx (Debian: apt-get install nginx)." >&2
  exit 1
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
$sudo apt-get update -qq
# The package may try to start its default site; where that cannot be done (no init system), it is harmless.
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null

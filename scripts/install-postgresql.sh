#!/usr/bin/env bash
# The PostgreSQL suites start a throwaway server from Debian's postgresql package (15 or newer),
# unless TEST_POSTGRES_URL names a server of your own. Installs the package when it is missing.
set -euo pipefail
[ -n "${TEST_POSTGRES_URL:-}" ] && exit 0
for initdb in /usr/lib/postgresql/*/bin/initdb; do
  version=$(basename "$(dirname "$(dirname "$initdb")")")
  [ -x "$initdb" ] && [ "$version" -ge 15 ] 2>/dev/null && exit 0
done
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The PostgreSQL tests need PostgreSQL 15+ server programs (Debian: apt-get install postgresql), or TEST_POSTGRES_URL set to a server where the user may create databases." >&2
  exit 1
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
# Only the programs are needed: no always-on cluster of the package's own.
$sudo mkdir -p /etc/postgresql-common/createcluster.d
echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.d/jot-tests.conf >/dev/null
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null

#!/usr/bin/env bash
# The one test command: whatever the tests need that a fresh machine lacks, then every test of the project.
#  - Redis on 127.0.0.1:6379 (RedisDecisionCacheTest) and Node.js with npm (the decision API's test with OPA's
#    TypeScript client), nginx (the bundle server the bundle tests start themselves): installed with apt-get when
#    missing and run as root, Redis started when not listening;
#  - the OPA corpora the tests read (../shared): fetched by scripts/fetch-corpora.sh when absent.
# It installs the artifacts (mvn install runs every test, as verify does) so that scripts/add-extension-check.sh can
# add the extension to a fresh application by its keyword, through the project's registry.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v npm >/dev/null || missing+=(nodejs npm)
command -v nginx >/dev/null || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "missing ${missing[*]}: install them (Debian: apt-get install ${missing[*]}), or run this as root" >&2
    exit 1
  fi
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port 6379 --save '' --appendonly no --daemonize yes
  for _ in $(seq 20); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
# a server that answers but refuses writes (e.g. its snapshots cannot be saved: MISCONF) would fail the cache tests
# with a message about Redis, not about this project: say so before the build
if [ "$(redis-cli -h 127.0.0.1 -p 6379 set sark-opa:test-probe 1 2>&1)" != "OK" ]; then
  echo "the Redis server on 127.0.0.1:6379 refuses writes: $(redis-cli -h 127.0.0.1 -p 6379 set sark-opa:test-probe 1 2>&1)" >&2
  echo "stop it (redis-cli -p 6379 shutdown nosave) and run this again: a server of its own is then started" >&2
  exit 1
fi
redis-cli -h 127.0.0.1 -p 6379 del sark-opa:test-probe >/dev/null

for corpus in opa-conformance opa-v1 gatekeeper-library; do
  [ -d "../shared/$corpus" ] || { bash scripts/fetch-corpora.sh; break; }
done

mvn -B install "$@"
bash scripts/add-extension-check.sh

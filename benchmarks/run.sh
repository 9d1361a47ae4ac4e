#!/usr/bin/env bash
# Benchmarks and load test in one run (issue #9): builds what it needs, runs the JMH benchmarks (with a Redis
# server of its own for the cached-decision comparison) and wrk against the packaged sample gateway, then writes
# docs/benchmarks.md and docs/benchmarks.svg from this run only.
#
#   benchmarks/run.sh           full run (about 35 minutes on 2 cores)
#   benchmarks/run.sh --quick   one short iteration per benchmark and 5 s wrk runs: checks that everything works
#   benchmarks/run.sh --continue   finishes a run that stopped after its JMH and memory steps, in the same run
#                                  directory and mode (the profiles, wrk and bundle steps, then the page)
#
# Needs JDK 17+, Maven, python3; installs wrk and redis-server with apt-get when missing (as root). Every server it
# starts is stopped when it ends, also on failure. OPA's conformance cases are read from ../shared/opa-conformance
# when present (OPA_CONFORMANCE_DIR overrides).
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=full
CONTINUE=0
if [[ "${1:-}" == "--quick" || "${QUICK:-0}" == "1" ]]; then
  MODE=quick
elif [[ "${1:-}" == "--continue" ]]; then
  CONTINUE=1
  MODE=$(sed -n 's/^mode=//p' benchmarks/target/run/run.properties)
fi
OUT=benchmarks/target/run
CONFORMANCE_DIR=${OPA_CONFORMANCE_DIR:-../shared/opa-conformance}
BENCH_JAR=benchmarks/target/benchmarks.jar
GATEWAY_JAR=integration-tests/target/quarkus-app/quarkus-run.jar

if [[ $MODE == quick ]]; then
  JMH_TIMING=(-wi 1 -w 2s -i 1 -r 2s -f 1)
  WRK_WARMUP=5 WRK_SECONDS=5
else
  # the compiled wasm classes are large: C2 needs several seconds of warm-up on a shared 2-core machine
  JMH_TIMING=(-wi 5 -w 2s -i 5 -r 2s -f 1)
  WRK_WARMUP=30 WRK_SECONDS=30
fi
# wrk shares the 2 cores with the server: 2 threads, 64 connections (see docs/benchmarks.md)
WRK_THREADS=2 WRK_CONNECTIONS=64

SERVER_PIDS=()
stop_servers() {
  for pid in "${SERVER_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  SERVER_PIDS=()
}
trap stop_servers EXIT
trap 'exit 130' INT TERM

log() { echo "== $*" >&2; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until a TCP port on loopback accepts connections, or fails after $2 seconds.
wait_for_port() {
  local port=$1 seconds=$2
  for _ in $(seq $((seconds * 10))); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "nothing listens on port $port after ${seconds}s" >&2
  return 1
}

install_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v redis-server >/dev/null || missing+=(redis-server)
  if ((${#missing[@]})); then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
      log "installing ${missing[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "missing ${missing[*]}: install them (Debian: apt-get install ${missing[*]})" >&2
      exit 1
    fi
  fi
}

build() {
  log "building the project, the sample gateway and the benchmarks"
  mvn -B -q -Pbenchmarks -DskipTests install
}

run_jmh() {
  local redis_port policies
  redis_port=$(free_port)
  log "starting redis-server on 127.0.0.1:$redis_port"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$OUT/redis.log" 2>&1 &
  SERVER_PIDS+=($!)
  wait_for_port "$redis_port" 10
  policies=$(java -Dsark.policies.dir=policies -Dopa.conformance.dir="$CONFORMANCE_DIR" \
    -cp "$BENCH_JAR" io.sark.opa.benchmarks.PolicyCatalog)
  log "JMH ($MODE); realistic policies: $policies"
  # JMH's forks inherit the -D properties of this JVM
  java -Dsark.redis.port="$redis_port" -Dsark.policies.dir=policies -Dopa.conformance.dir="$CONFORMANCE_DIR" \
    -jar "$BENCH_JAR" \
    '\.(DemoPolicyBenchmark|DemoPolicyOwnModuleBenchmark|RealisticPolicyBenchmark|CachedDecisionBenchmark|CacheKeyBenchmark|InputSizeBenchmark|RuntimePolicyBenchmark|JavaObjectInputBenchmark)\.' \
    -p policy="$policies" -p sharedData=true,false "${JMH_TIMING[@]}" -prof gc \
    -rf json -rff "$OUT/jmh.json" >"$OUT/jmh.txt" 2>&1 || {
      tail -40 "$OUT/jmh.txt" >&2
      exit 1
    }
  # a benchmark that fails does not stop the others; the page counts and names them
  echo "jmh_failures=$(grep -c '<failure>' "$OUT/jmh.txt" || true)" >>"$OUT/run.properties"
  stop_servers
}

# Heap retained per policy instance with 4 MB of role data, shared or private (issue #18): not timed, so it
# runs alone, with a serial collector whose full collections leave only what is reachable.
run_memory() {
  log "data memory: 1, 2 and 8 instances over 4 MB of role data"
  java -XX:+UseSerialGC -Xmx3g -Dsark.policies.dir=policies -cp "$BENCH_JAR" \
    io.sark.opa.benchmarks.DataMemoryBenchmark "$OUT/memory.json" 2>"$OUT/memory.txt" || {
      tail -20 "$OUT/memory.txt" >&2
      exit 1
    }
}

# One wrk measurement of the packaged gateway: $1 label, $2 route, then extra JVM options of the gateway.
run_wrk() {
  local label=$1 route=$2 port url
  shift 2
  port=$(free_port)
  log "wrk $label: $route $*"
  java "$@" -Dquarkus.http.port="$port" -Dquarkus.http.host=127.0.0.1 -jar "$GATEWAY_JAR" \
    >"$OUT/gateway-$label.log" 2>&1 &
  SERVER_PIDS+=($!)
  wait_for_port "$port" 60
  url="http://127.0.0.1:$port$route"
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'X-User: alice' "$url")
  [[ $status == 200 ]] || { echo "$url answered $status, not 200" >&2; exit 1; }
  # warm-up (JIT) first; its numbers are not kept
  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WRK_WARMUP}s" -s benchmarks/wrk-invoke.lua "$url" >/dev/null
  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --latency -s benchmarks/wrk-invoke.lua "$url" \
    >"$OUT/wrk-$label.txt"
  # the gateway's own counters (decision logs sent and dropped), after its uploads of the last events
  sleep 3
  curl -s "http://127.0.0.1:$port/q/metrics" | grep '^sark_opa_decision_logs' >"$OUT/metrics-$label.txt" || true
  stop_servers
}

# The plan route with every decision logged to a decision-log service (benchmarks/log_sink.py, which only counts),
# uploads every 1 to 2 s in bodies of up to 1 MiB, with room for 200,000 waiting events.
run_wrk_decision_logs() {
  local sink_port
  sink_port=$(free_port)
  python3 benchmarks/log_sink.py "$sink_port" "$OUT/log-sink.json" &
  SERVER_PIDS+=($!)
  wait_for_port "$sink_port" 10
  run_wrk decision-logs /v2/tools/search/invoke -Dquarkus.sark-opa.cache.enabled=false \
    -Dquarkus.sark-opa.services.sink.url="http://127.0.0.1:$sink_port" \
    -Dquarkus.sark-opa.decision-logs.service=sink \
    -Dquarkus.sark-opa.decision-logs.upload.min-delay=1s -Dquarkus.sark-opa.decision-logs.upload.max-delay=2s \
    -Dquarkus.sark-opa.decision-logs.upload.size-limit-bytes=1048576 \
    -Dquarkus.sark-opa.decision-logs.buffer.max-events=200000 \
    -Dquarkus.sark-opa.decision-logs.buffer.max-bytes=268435456
}

# Time from a bundle's publication to the first decision that follows it (benchmarks/bundle_latency.py).
run_bundle_latency() {
  local mode rounds=20
  [[ $MODE == quick ]] && rounds=4
  for mode in polling long-polling; do
    log "bundle publication to decision: $mode"
    python3 benchmarks/bundle_latency.py --jar "$GATEWAY_JAR" --mode "$mode" --rounds "$rounds" \
      --out "$OUT/bundle-latency-$mode.json"
  done
}

# CPU profiles of one decision with async-profiler (issue #18, item 7): flame graphs under docs/profiles/ and the
# share of each layer (host, input, evaluation, result, cache) for the page. Needs perf events: as root the run
# lowers kernel.perf_event_paranoid to 1; otherwise async-profiler samples with a timer (itimer) instead.
PROFILES=(
  "gateway-plan-1kb|InputSizeBenchmark.sarkGatewayPlan\$|-p inputBytes=1024|plan:gateway-tools@gateway/tools/allow"
  "gateway-plan-1kb-whole-input|InputSizeBenchmark.sarkGatewayPlanWholeInput\$|-p inputBytes=1024|plan:gateway-tools@gateway/tools/allow"
  "tool-access-rego|RealisticPolicyBenchmark.sarkEvaluator\$|-p policy=rego:tool-access@gateway/access/allow -p sharedData=true|rego:tool-access@gateway/access/allow"
  "map-input|JavaObjectInputBenchmark.mapInput\$||plan:gateway-tools@gateway/tools/allow"
)
run_profiles() {
  local dir=$OUT/profiles lib converter event=cpu entry label pattern params policy artifact
  log "profiles: ${#PROFILES[@]} flame graphs"
  mkdir -p "$dir" docs/profiles
  for artifact in async-profiler jfr-converter; do
    mvn -B -q -N dependency:copy -Dartifact=tools.profiler:$artifact:4.1 -DoutputDirectory="$dir" >/dev/null
  done
  (cd "$dir" && unzip -o -q async-profiler-4.1.jar 'linux-x64/*')
  lib=$(cd "$dir" && pwd)/linux-x64/libasyncProfiler.so # JMH wants an absolute path
  converter=$dir/jfr-converter-4.1.jar
  if [[ $(cat /proc/sys/kernel/perf_event_paranoid) -gt 1 ]]; then
    if [[ $(id -u) == 0 ]]; then
      sysctl -q -w kernel.perf_event_paranoid=1
    else
      event=itimer
    fi
  fi
  echo "profile_event=$event" >>"$OUT/run.properties"
  for entry in "${PROFILES[@]}"; do
    IFS='|' read -r label pattern params policy <<<"$entry"
    # shellcheck disable=SC2086 # params holds several JMH options
    java -Dsark.policies.dir=policies -jar "$BENCH_JAR" "$pattern" $params -bm avgt "${JMH_TIMING[@]}" \
      -prof "async:libPath=$lib;event=$event;interval=100000;output=collapsed;dir=$dir/$label" \
      >"$dir/$label.txt" 2>&1 || { tail -20 "$dir/$label.txt" >&2; exit 1; }
    java -Dsark.policies.dir=policies -cp "$BENCH_JAR" io.sark.opa.benchmarks.WasmFunctionNames "$policy" \
      >"$dir/$label.names.tsv"
    python3 benchmarks/profile_layers.py "$(find "$dir/$label" -name 'collapsed-*.csv' | head -1)" \
      "$dir/$label.names.tsv" "$dir/$label.collapsed" "$dir/$label.json"
    java -jar "$converter" --minwidth 0.2 --title "sark-opa: $label ($event)" "$dir/$label.collapsed" "docs/profiles/$label.html" \
      >/dev/null
  done
}

describe_run() {
  {
    echo "mode=$MODE"
    echo "date=$(date -u +%Y-%m-%dT%H:%MZ)"
    echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "cores=$(nproc)"
    echo "memory=$(free -g | awk '/Mem:/ {print $2 " GiB"}')"
    echo "load=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "jdk=$(java -version 2>&1 | head -1)"
    echo "jdk_vm=$(java -version 2>&1 | tail -1)"
    echo "wrk=$(wrk -v 2>&1 | head -1)"
    echo "redis=$(redis-server --version)"
    echo "jmh_timing=${JMH_TIMING[*]}"
    echo "wrk_threads=$WRK_THREADS"
    echo "wrk_connections=$WRK_CONNECTIONS"
    echo "wrk_warmup_s=$WRK_WARMUP"
    echo "wrk_seconds=$WRK_SECONDS"
    echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  } >"$OUT/run.properties"
}

main() {
  local started=$SECONDS
  install_tools
  if ((CONTINUE)); then
    [[ -f $OUT/jmh.json && -f $OUT/memory.json ]] || { echo "no finished JMH and memory steps in $OUT" >&2; exit 1; }
    started=$((SECONDS - $(sed -n 's/^jmh_and_memory_s=//p' "$OUT/run.properties")))
    echo "continued=1" >>"$OUT/run.properties"
  else
    build
    rm -rf "$OUT"
    mkdir -p "$OUT"
    describe_run
    run_jmh
    run_memory
    echo "jmh_and_memory_s=$((SECONDS - started))" >>"$OUT/run.properties"
  fi
  run_profiles
  # the sample gateway caches decisions by default: the per-request routes turn the cache off
  run_wrk policy /tools/search/invoke -Dquarkus.sark-opa.cache.enabled=false
  run_wrk plan-policy /v2/tools/search/invoke -Dquarkus.sark-opa.cache.enabled=false
  run_wrk_decision_logs
  run_wrk cached /tools/search/invoke -Dquarkus.sark-opa.cache.enabled=true
  run_wrk http-floor /floor/tools/search/invoke
  run_bundle_latency
  echo "duration_s=$((SECONDS - started))" >>"$OUT/run.properties"
  python3 benchmarks/report.py "$OUT" docs/benchmarks.md docs/benchmarks.svg
  log "wrote docs/benchmarks.md and docs/benchmarks.svg ($((SECONDS - started)) s)"
}

main

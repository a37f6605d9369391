# Shared by the benchmark scripts: where things are, how to start a gateway and the bare server, how to stop them.
# Every server started here listens on 127.0.0.1 only and is stopped by PID when the script exits.
set -euo pipefail
LT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$LT_DIR/.." && pwd)
# The JDK that runs the servers (Temurin 25 when present: the Dockerfile's runtime), compiled for release 17 anyway.
if [ -z "${BENCH_JAVA:-}" ]; then
  BENCH_JAVA=$(ls -d /usr/lib/jvm/temurin-25-jdk-*/bin/java 2>/dev/null | head -1 || true)
  BENCH_JAVA=${BENCH_JAVA:-java}
fi
RESULTS_DIR=${RESULTS_DIR:-$LT_DIR/results}
WORK=${BENCH_WORK:-$LT_DIR/target/bench}
mkdir -p "$RESULTS_DIR" "$WORK"
PIDS=()
cleanup() { set +e; for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null; done; for p in "${PIDS[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null; done; return 0; }
trap cleanup EXIT

gateway_cp() {
  if [ ! -s "$WORK/gateway.cp" ] || [ "$ROOT/gateway/pom.xml" -nt "$WORK/gateway.cp" ]; then
    (cd "$ROOT" && mvn -B -q -o -pl gateway dependency:build-classpath -Dmdep.outputFile="$WORK/gateway.cp" >/dev/null)
  fi
  echo "${GATEWAY_CLASSES:-$ROOT/gateway/target/classes}:$(cat "$WORK/gateway.cp")"
}
load_cp() {
  if [ ! -s "$WORK/load.cp" ] || [ "$LT_DIR/pom.xml" -nt "$WORK/load.cp" ]; then
    (cd "$ROOT" && mvn -B -q -o -pl load-tests dependency:build-classpath -Dmdep.includeScope=compile \
       -Dmdep.outputFile="$WORK/load.cp" >/dev/null)
  fi
  # the gateway's own classes first, so a rebuilt gateway is measured without installing it
  echo "$ROOT/gateway/target/classes:$LT_DIR/target/classes:$(cat "$WORK/load.cp")"
}

# seed DATA_DIR FEED_DIR ARGS…: seed-load into the embedded database of DATA_DIR (started and stopped for it)
seed() {
  local data=$1 feed=$2; shift 2
  # always this checkout's classes: a baseline build being measured may predate seed-load
  QRSHARE_DATA_DIR=$data "$BENCH_JAVA" -cp "$(GATEWAY_CLASSES='' gateway_cp)" ua.qrshare.cli.Main seed-load --out "$feed" "$@" \
    2>"$WORK/seed.err" || { echo "seed-load failed: $(tail -3 "$WORK/seed.err")" >&2; return 1; }
}

# start_gateway NAME PORT DATA_DIR [ENV=VALUE…] : a gateway with embedded defaults and raised rate limits
start_gateway() {
  local name=$1 port=$2 data=$3; shift 3
  env QRSHARE_APP_RATE_PER_SUBJECT=10000000 QRSHARE_APP_RATE_PER_IP=10000000 QRSHARE_DATA_DIR="$data" \
    QRSHARE_HTTP_PORT="$port" QRSHARE_HTTP_HOST=127.0.0.1 "$@" \
    "$BENCH_JAVA" ${GATEWAY_JVM_OPTS:--Xmx1g} -cp "$(gateway_cp)" ua.qrshare.cli.Main >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  eval "${name}_PID=$!"
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "gateway $name did not become ready; log: $WORK/$name.log" >&2; tail -20 "$WORK/$name.log" >&2; return 1
}

start_bare() {
  local port=$1 bytes=$2
  "$BENCH_JAVA" -Xmx256m -cp "$(load_cp)" ua.qrshare.load.BareServer "$port" "$bytes" >"$WORK/bare.log" 2>&1 &
  PIDS+=($!)
  BARE_PID=$!
  for _ in $(seq 1 60); do
    curl -fs -X POST "http://127.0.0.1:$port/" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "bare server did not start" >&2; return 1
}

java_version() { "$BENCH_JAVA" -version 2>&1 | sed -n 1p; }

#!/usr/bin/env bash
# CI's smoke load run (about 20 s of traffic, 2-3 minutes in all): the built jar with embedded defaults, seeded with
# seed-load, then SmokeSimulation (scans, shares polled until sent, cabinet sessions with КЕП logins), failing on any
# failed request. Needs gateway/target/qrshare-gateway.jar and the gateway artifact in the local Maven repository
# (mvn install). Traffic goes to 127.0.0.1 only; the gateway is stopped whatever happens.
#   load-tests/bin/smoke.sh      → exit 0 when no request failed; the HTML report under load-tests/target/gatling/
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=gateway/target/qrshare-gateway.jar
[ -f "$JAR" ] || { echo "$JAR is missing: build it first (mvn -B install)" >&2; exit 1; }
run_dir=$(mktemp -d)
port=${SMOKE_PORT:-18090}
gateway_pid=""
finish() {
  if [ -n "$gateway_pid" ]; then kill -TERM "$gateway_pid" 2>/dev/null || true; wait "$gateway_pid" 2>/dev/null || true; fi
  rm -rf "$run_dir"
}
trap finish EXIT

echo "seeding (embedded PostgreSQL under $run_dir/data)…"
QRSHARE_DATA_DIR="$run_dir/data" timeout 180 java -jar "$JAR" seed-load --partners 4 --branches 1 --services 2 \
  --citizens 60 --out "$run_dir/feed" >"$run_dir/seed.log" 2>&1 || { cat "$run_dir/seed.log"; exit 1; }
tail -1 "$run_dir/seed.log"

# rate limits raised: all virtual citizens come from 127.0.0.1
QRSHARE_HTTP_HOST=127.0.0.1 QRSHARE_HTTP_PORT=$port QRSHARE_DATA_DIR="$run_dir/data" \
  QRSHARE_APP_RATE_PER_IP=10000000 QRSHARE_APP_RATE_PER_SUBJECT=10000000 \
  java -jar "$JAR" >"$run_dir/gateway.log" 2>&1 &
gateway_pid=$!
for _ in $(seq 1 90); do
  curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null || { tail -40 "$run_dir/gateway.log"; echo "gateway not ready" >&2; exit 1; }

status=0
timeout 400 mvn -B -q -pl load-tests gatling:test -Dgatling.simulationClass=ua.qrshare.load.SmokeSimulation \
  -DbaseUrl="http://127.0.0.1:$port" -Dfeed="$run_dir/feed" >"$run_dir/gatling.log" 2>&1 || status=$?
sed -n '/Global Information/,/^=====/p' "$run_dir/gatling.log" | tail -25
grep -E "^(Global|Details).*: (true|false)" "$run_dir/gatling.log" || true
grep -o 'file://.*index.html' "$run_dir/gatling.log" | tail -1 || true
if [ "$status" -ne 0 ]; then
  tail -60 "$run_dir/gatling.log"; echo "--- gateway log (last 40 lines) ---"; grep -v "qrshare.access" "$run_dir/gateway.log" | tail -40
  echo "smoke load run failed" >&2
  exit 1
fi
echo "smoke load run: no failed request"

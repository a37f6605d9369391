#!/usr/bin/env bash
# Benchmark 1: POST /api/v1/app/qr/resolve (cache hit) against a bare Vert.x server returning a constant JSON body of
# the same size, both under wrk with the same threads, connections and duration, alternating bare / gateway for
# ROUNDS rounds so that both see the same machine. Production configuration: access log and metrics on.
#   load-tests/bin/bench-resolve.sh            → results/resolve-vs-bare.tsv (one line per wrk run) and a summary
# Env: ROUNDS (5), DURATION (8s), WARMUP (10s per gateway) × WARMUP_RUNS (5), THREADS (1), CONNECTIONS (64), GATEWAY_ENV (extra QRSHARE_*=… for the gateway).
# Same-run comparison of two gateways: COMPARE_CLASSES (another build's gateway/target/classes, e.g. before a change)
# and/or COMPARE_ENV (e.g. QRSHARE_HTTP_ACCESS_LOG=false) and/or COMPARE_JVM_OPTS (its JVM options) start a second
# gateway on the same database, measured in the
# same rounds → results/resolve-compare.tsv.
source "$(dirname "$0")/common.sh"
ROUNDS=${ROUNDS:-5}; DURATION=${DURATION:-8s}; THREADS=${THREADS:-1}; CONNECTIONS=${CONNECTIONS:-64}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
data=$WORK/resolve-data; feed=$WORK/resolve-feed
if [ ! -s "$feed/qr-codes.csv" ]; then rm -rf "$data" "$feed"; seed "$data" "$feed" --partners 5 --citizens 20; fi
start_gateway gw 8480 "$data" ${GATEWAY_ENV:-}
export QRSHARE_TOKEN=$(sed -n 2p "$feed/citizens.csv" | cut -d, -f2)
export QRSHARE_QR=$(sed -n 2p "$feed/qr-codes.csv" | cut -d, -f1)
size=$(curl -s -X POST -H "Authorization: Bearer $QRSHARE_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"qr\":\"$QRSHARE_QR\"}" http://127.0.0.1:8480/api/v1/app/qr/resolve | wc -c)
start_bare 8490 "$size"
compare=""
if [ -n "${COMPARE_CLASSES:-}${COMPARE_ENV:-}${COMPARE_JVM_OPTS:-}" ]; then
  compare=yes
  pg_url="postgresql://postgres@127.0.0.1:$(sed -n 4p "$data/pg/postmaster.pid")/qrshare"
  GATEWAY_CLASSES=${COMPARE_CLASSES:-} GATEWAY_JVM_OPTS=${COMPARE_JVM_OPTS:-${GATEWAY_JVM_OPTS:-}} \
    start_gateway gw2 8483 "$data" QRSHARE_DB_URL="$pg_url" ${COMPARE_ENV:-}
fi
script=$LT_DIR/bin/resolve.lua
# CPU time of a process in clock ticks (user + system), from /proc
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)
# run DURATION URL PID → "requests/s  CPU-µs-per-request" (the server's own CPU time per request: robust when other
# processes share the cores, where requests/s alone swings with their load)
run() {
  local before after out
  before=$(ticks "$3")
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" -s "$script" "$2")
  after=$(ticks "$3")
  if grep -q Non-2xx <<<"$out"; then echo "non-2xx answers from $2: $(grep Non-2xx <<<"$out")" >&2; exit 1; fi
  awk -v t=$((after - before)) -v hz="$HZ" '/requests in/ {n = $1} /Requests\/sec/ {r = $2} END {printf "%s %.1f", r, t / hz * 1e6 / n}' <<<"$out"
}
# The warm-up is several runs, not one long one: every run opens and closes its connections, and the first few times
# that happens the JIT throws compiled code away and compiles it again (C2 took 6.7 µs of CPU per scan in a run after
# one 30-second warm-up, 1.2 µs after five 10-second ones), which the first measured rounds then paid for.
echo "warm-up…" >&2
for _ in $(seq 1 "${WARMUP_RUNS:-5}"); do
  run 5s http://127.0.0.1:8490/ "$BARE_PID" >/dev/null
  run "${WARMUP:-10s}" http://127.0.0.1:8480/api/v1/app/qr/resolve "$gw_PID" >/dev/null
  [ -n "$compare" ] && run "${WARMUP:-10s}" http://127.0.0.1:8483/api/v1/app/qr/resolve "$gw2_PID" >/dev/null
done
cmp_out=$RESULTS_DIR/resolve-compare.tsv
[ -n "$compare" ] && { [ -s "$cmp_out" ] || printf 'date\tlabel\tcompared\tround\tbare_rps\tresolve_rps\tcompared_rps\tratio\tcompared_ratio\tbare_cpu_us\tresolve_cpu_us\tcompared_cpu_us\tload\n' >"$cmp_out"; }
out=$RESULTS_DIR/resolve-vs-bare.tsv
[ -s "$out" ] || printf 'date\tlabel\tjava\tround\tbare_rps\tresolve_rps\tratio\tbare_cpu_us\tresolve_cpu_us\tcpu_ratio\tload\twrk\n' >"$out"
label=${LABEL:-$(git -C "$ROOT" rev-parse --short HEAD)}
ratios=(); cpu_ratios=()
for r in $(seq 1 "$ROUNDS"); do
  read -r b bc <<<"$(run "$DURATION" http://127.0.0.1:8490/ "$BARE_PID")"
  # with two gateways, every other round measures the second one first: the one measured right after the bare server
  # was seen to use more CPU per scan, whichever build it was
  if [ -n "$compare" ] && [ $((r % 2)) -eq 0 ]; then
    read -r c cc <<<"$(run "$DURATION" http://127.0.0.1:8483/api/v1/app/qr/resolve "$gw2_PID")"
    read -r g gc <<<"$(run "$DURATION" http://127.0.0.1:8480/api/v1/app/qr/resolve "$gw_PID")"
  else
    read -r g gc <<<"$(run "$DURATION" http://127.0.0.1:8480/api/v1/app/qr/resolve "$gw_PID")"
    if [ -n "$compare" ]; then read -r c cc <<<"$(run "$DURATION" http://127.0.0.1:8483/api/v1/app/qr/resolve "$gw2_PID")"; fi
  fi
  ratio=$(awk -v g="$g" -v b="$b" 'BEGIN {printf "%.3f", g / b}')
  cpu_ratio=$(awk -v g="$gc" -v b="$bc" 'BEGIN {printf "%.3f", b / g}')
  ratios+=("$ratio"); cpu_ratios+=("$cpu_ratio")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$label" "$(java_version | tr '\t' ' ')" "$r" \
    "$b" "$g" "$ratio" "$bc" "$gc" "$cpu_ratio" "$(cut -d' ' -f1 /proc/loadavg)" \
    "-t$THREADS -c$CONNECTIONS -d$DURATION body=${size}B" | tee -a "$out"
  if [ -n "$compare" ]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$label" \
      "${COMPARE_LABEL:-${COMPARE_CLASSES:+other build}${COMPARE_ENV:+ $COMPARE_ENV}}" "$r" "$b" "$g" "$c" "$ratio" \
      "$(awk -v c="$c" -v b="$b" 'BEGIN {printf "%.3f", c / b}')" "$bc" "$gc" "$cc" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$cmp_out"
  fi
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "resolve / bare (label $label, $ROUNDS rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)):" \
  "throughput ratio median $(median "${ratios[@]}"), CPU-per-request ratio (bare / resolve) median $(median "${cpu_ratios[@]}")"

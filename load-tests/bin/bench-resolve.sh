#!/usr/bin/env bash
# Benchmark 1: POST /api/v1/app/qr/resolve (cache hit) against a bare Vert.x server returning a constant JSON body of
# the same size, both under wrk with the same threads, connections and duration, alternating bare / gateway for
# ROUNDS rounds so that both see the same machine. Production configuration: access log and metrics on.
#   load-tests/bin/bench-resolve.sh            → results/resolve-vs-bare.tsv (one line per wrk run) and a summary
# Env: ROUNDS (5), DURATION (8s), THREADS (1), CONNECTIONS (64), GATEWAY_ENV (extra QRSHARE_*=… for the gateway)
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
echo "warm-up…" >&2
run 5s http://127.0.0.1:8490/ "$BARE_PID" >/dev/null; run 10s http://127.0.0.1:8480/api/v1/app/qr/resolve "$gw_PID" >/dev/null
out=$RESULTS_DIR/resolve-vs-bare.tsv
[ -s "$out" ] || printf 'date\tlabel\tjava\tround\tbare_rps\tresolve_rps\tratio\tbare_cpu_us\tresolve_cpu_us\tcpu_ratio\tload\twrk\n' >"$out"
label=${LABEL:-$(git -C "$ROOT" rev-parse --short HEAD)}
ratios=(); cpu_ratios=()
for r in $(seq 1 "$ROUNDS"); do
  read -r b bc <<<"$(run "$DURATION" http://127.0.0.1:8490/ "$BARE_PID")"
  read -r g gc <<<"$(run "$DURATION" http://127.0.0.1:8480/api/v1/app/qr/resolve "$gw_PID")"
  ratio=$(awk -v g="$g" -v b="$b" 'BEGIN {printf "%.3f", g / b}')
  cpu_ratio=$(awk -v g="$gc" -v b="$bc" 'BEGIN {printf "%.3f", b / g}')
  ratios+=("$ratio"); cpu_ratios+=("$cpu_ratio")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$label" "$(java_version | tr '\t' ' ')" "$r" \
    "$b" "$g" "$ratio" "$bc" "$gc" "$cpu_ratio" "$(cut -d' ' -f1 /proc/loadavg)" \
    "-t$THREADS -c$CONNECTIONS -d$DURATION body=${size}B" | tee -a "$out"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "resolve / bare (label $label, $ROUNDS rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)):" \
  "throughput ratio median $(median "${ratios[@]}"), CPU-per-request ratio (bare / resolve) median $(median "${cpu_ratios[@]}")"

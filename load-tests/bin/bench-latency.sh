#!/usr/bin/env bash
# Benchmark 4: resolve latency against offered load, at constant arrival rates (open model; OpenLoad, a light Vert.x
# client timing each scan from when it was due, because Gatling's own CPU use on 2 shared cores swamped what it measured),
# then the p99 at half the peak: the peak is the highest offered rate the gateway still served in full (achieved ≥ 95 %
# of offered, under 1 % failed); the last run offers half of it.
#   load-tests/bin/bench-latency.sh     → results/latency-vs-load.tsv (one line per rate) and results/latency-summary.txt
# Env: RATES ("1000 2000 4000 8000 12000 16000"), HOLD (15 s per rate, after WARMUP 5 s not counted), CONNECTIONS (128).
# The load generator shares the 2 cores with the gateway; each run warms it up first (OpenLoad, closed loop). The bare
# server is measured at the half-peak rate too, in the same run: the machine's own floor for the p99. The gateway's GC
# pauses are logged (target/bench/latency-gc.log) and the longest during the half-peak run is reported.
source "$(dirname "$0")/common.sh"
RATES=${RATES:-"1000 2000 4000 8000 12000 16000"}; HOLD=${HOLD:-15}
data=$WORK/latency-data; feed=$WORK/latency-feed
if [ ! -s "$feed/qr-codes.csv" ]; then rm -rf "$data" "$feed"; seed "$data" "$feed" --partners 20 --citizens 200; fi
gc_log=$WORK/latency-gc.log
GATEWAY_JVM_OPTS="${GATEWAY_JVM_OPTS:--Xmx1g} -Xlog:gc:file=$gc_log" start_gateway gw 8482 "$data" QRSHARE_SHARE_WORKERS=-1
out=$RESULTS_DIR/latency-vs-load.tsv
[ -s "$out" ] || printf 'date\tlabel\tjava\toffered_rps\tachieved_rps\tfailed_pct\tp50_ms\tp95_ms\tp99_ms\tmax_ms\n' >"$out"
label=${LABEL:-$(git -C "$ROOT" rev-parse --short HEAD)}
# run_rate RATE [URL]
run_rate() {
  "$BENCH_JAVA" -Xmx512m -cp "$(load_cp)" ua.qrshare.load.OpenLoad "${2:-http://127.0.0.1:8482/api/v1/app/qr/resolve}" "$feed" \
    "$1" "$HOLD" "${CONNECTIONS:-128}" "${WARMUP:-5}" 2>/dev/null | tail -1
}
# every citizen's app token verified once (an ES256 check, ~20 cached scans' worth of CPU), every QR state loaded once,
# and the JIT warm: the runs below measure cache hits
"$BENCH_JAVA" -Xmx512m -cp "$(load_cp)" ua.qrshare.load.OpenLoad http://127.0.0.1:8482/api/v1/app/qr/resolve "$feed" \
  100 $(( $(wc -l <"$feed/citizens.csv") / 100 + 2 )) 16 0 >/dev/null 2>&1
"$BENCH_JAVA" -Xmx512m -cp "$(load_cp)" ua.qrshare.load.OpenLoad http://127.0.0.1:8482/api/v1/app/qr/resolve "$feed" \
  2000 10 64 0 >/dev/null 2>&1
for rate in $RATES; do
  line=$(run_rate "$rate")
  printf '%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$label" "$(java_version)" "$line" | tee -a "$out"
done
# the peak: the highest rate served in full; then half of it
peak=$(awk -F'\t' -v l="$label" '$2 == l && $6 < 1 && $5 >= 0.95 * $4 {p = $4} END {print p + 0}' "$out")
half=$(( ${peak%.*} / 2 ))
gc_from=$(grep -c Pause "$gc_log" || true)
line=$(run_rate "$half")
printf '%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$label-half-peak" "$(java_version)" "$line" | tee -a "$out"
# G1 logs its pauses as "Pause … N.NNNms"; ZGC's pauses are sub-millisecond and not in this log (0 then)
gc_max=$(tail -n +"$((gc_from + 1))" "$gc_log" | awk '/Pause/ {sub("ms", "", $NF); if ($NF + 0 > m) m = $NF + 0} END {print m + 0}')
start_bare 8492 716
bare=$(run_rate "$half" http://127.0.0.1:8492/api/v1/app/qr/resolve)
printf '%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$label-bare-half-peak" "$(java_version)" "$bare" | tee -a "$out"
echo "peak served in full: $peak/s; at half of it ($half/s): p99 $(cut -f6 <<<"$line") ms (target < 10 ms), longest gateway GC pause in that run $gc_max ms; the bare server at the same rate: p99 $(cut -f6 <<<"$bare") ms — $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)" \
  | tee -a "$RESULTS_DIR/latency-summary.txt"

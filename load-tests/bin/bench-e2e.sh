#!/usr/bin/env bash
# Benchmark 3 (and 5 with INSTANCES=2): signed copies per second end to end, from accepted shares to messages in the
# embedded SMTP sink, with the embedded TSA; queue latency percentiles; heap and RSS over the run.
#   load-tests/bin/bench-e2e.sh     → results/e2e-<label>.tsv (time series) and results/e2e-summary.txt
# Two phases, so the load generator does not compete with the signing workers for the 2 cores:
#   1. a gateway without workers (share.workers=-1) accepts SHARES two-document shares offered by Gatling
#      (ShareSimulation -Dpoll=false at OFFER_RATE/s);
#   2. that gateway stops; INSTANCES gateways with signing workers (one per core each) start on the same database and
#      drain the queue; ShareProbe samples the table, the mail sink, heap and RSS until every share is sent.
# Steady mode (MODE=steady): the workers run during phase 1 instead, for queue latency under a constant offered load.
# Env: SHARES (3000), OFFER_RATE (100), INSTANCES (1), MODE (drain|steady), WORKERS (0 = one per core), LABEL,
#      DRAIN_JVM_OPTS (the draining gateways' JVM options, e.g. a JFR recording; default GATEWAY_JVM_OPTS or -Xmx1g),
#      PORT (8481: the accepting gateway; the draining ones listen on PORT+10+i), so two checkouts can run it apart
# CPU per copy: the draining gateways' user+system CPU time (/proc/PID/stat) from ready to drained, over the copies.
source "$(dirname "$0")/common.sh"
PORT=${PORT:-8481}; SHARES=${SHARES:-3000}; OFFER_RATE=${OFFER_RATE:-100}; INSTANCES=${INSTANCES:-1}; MODE=${MODE:-drain}; WORKERS=${WORKERS:-0}
# utime + stime of the given PIDs, in clock ticks
cpu_ticks() { local t=0 p; for p in "$@"; do t=$(( t + $(awk '{print $14 + $15}' "/proc/$p/stat") )); done; echo "$t"; }
# "task-id kind ticks" for every thread of the given PIDs; kind: jit (C1/C2 compiler threads), gc (G1's), java (the rest)
thread_ticks() {
  local p
  for p in "$@"; do
    for t in /proc/"$p"/task/*/stat; do cat "$t" 2>/dev/null; done
  done | awk '{ name = $0; sub(/^[0-9]+ \(/, "", name); sub(/\) [A-Z] .*/, "", name)
                rest = $0; sub(/.*\) /, "", rest); split(rest, f, " ")
                kind = name ~ /CompilerThre/ ? "jit" : name ~ /^(GC Thread|G1 )/ ? "gc" : "java"
                print $1, kind, f[12] + f[13] }'
}
# another checkout's run on the same ports would answer the readiness check and take this run's traffic
for p in "$PORT" $(seq $(( PORT + 11 )) $(( PORT + 10 + INSTANCES ))); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use (another benchmark?): set PORT" >&2; exit 1; fi
done
label=${LABEL:-$MODE-x$INSTANCES-$(git -C "$ROOT" rev-parse --short HEAD)}
data=$WORK/e2e-data; feed=$WORK/e2e-feed
rm -rf "$data" "$feed"
seed "$data" "$feed" --partners 10 --citizens 500
tail -1 "$WORK/seed.err" >&2 || true
offer_workers=-1; [ "$MODE" = steady ] && offer_workers=$WORKERS
start_gateway gw1 "$PORT" "$data" QRSHARE_SHARE_WORKERS=$offer_workers
duration=$(( SHARES / OFFER_RATE ))
gatling() {
  (cd "$ROOT" && mvn -B -q -o -pl load-tests gatling:test -Dgatling.simulationClass=ua.qrshare.load.ShareSimulation \
    -DbaseUrl=http://127.0.0.1:$PORT -Dfeed="$feed" -Dpoll=false -Drate="$OFFER_RATE" -Dramp=1 -Dduration="$duration" \
    -Dp95Ms=100000 -Dp99Ms=100000 -DmaxFailedPct=100) >"$WORK/e2e-gatling.log" 2>&1 || true
}
if [ "$MODE" = steady ]; then
  gatling &
  gatling_pid=$!
  "$BENCH_JAVA" -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener -cp "$(load_cp)" ua.qrshare.load.ShareProbe "$data" http://127.0.0.1:$PORT/metrics "$gw1_PID" \
    "$SHARES" $(( duration + 300 )) 1000 "$RESULTS_DIR/e2e-$label.tsv" | tee "$WORK/e2e-probe.txt"
  wait "$gatling_pid" || true
else
  gatling
  accepted=$(grep -E "^> share " "$WORK/e2e-gatling.log" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
  echo "accepted: ${accepted:-?} shares" >&2
  kill "$gw1_PID"; wait "$gw1_PID" 2>/dev/null || true
  pids=(); urls=()
  for i in $(seq 1 "$INSTANCES"); do
    # the first instance runs the embedded PostgreSQL; the others connect to it as to an external database (a second
    # embedded start on the same data directory would take the server over and cut the first one's connections)
    db_env=()
    if [ "$i" -gt 1 ]; then db_env=(QRSHARE_DB_URL="postgresql://postgres@127.0.0.1:$(sed -n 4p "$data/pg/postmaster.pid")/qrshare"); fi
    GATEWAY_JVM_OPTS=${DRAIN_JVM_OPTS:-${GATEWAY_JVM_OPTS:--Xmx1g}} \
      start_gateway "w$i" $(( PORT + 10 + i )) "$data" QRSHARE_SHARE_WORKERS=$WORKERS "${db_env[@]}"
    pids+=("$(eval echo "\$w${i}_PID")"); urls+=("http://127.0.0.1:$(( PORT + 10 + i ))/metrics")
  done
  expected=${accepted:-$SHARES}; expected=${expected//,/}
  cpu_before=$(cpu_ticks "${pids[@]}")
  thread_ticks "${pids[@]}" >"$WORK/e2e-threads-before.txt"
  "$BENCH_JAVA" -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener -cp "$(load_cp)" ua.qrshare.load.ShareProbe "$data" "$(IFS=,; echo "${urls[*]}")" "$(IFS=,; echo "${pids[*]}")" \
    "$expected" 900 1000 "$RESULTS_DIR/e2e-$label.tsv" | tee "$WORK/e2e-probe.txt"
  cpu_s=$(awk -v a="$cpu_before" -v b="$(cpu_ticks "${pids[@]}")" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.1f", (b-a)/hz}')
  thread_ticks "${pids[@]}" >"$WORK/e2e-threads-after.txt"
  copies=$(sed -n 's/.*(\([0-9]*\) copies.*/\1/p' "$WORK/e2e-probe.txt" | tail -1)
  echo "gateway CPU while draining: $cpu_s s, $(awk -v c="$cpu_s" -v n="${copies:-0}" 'BEGIN{printf "%.2f", n ? 1000*c/n : 0}') ms per copy" \
    | tee -a "$WORK/e2e-probe.txt"
  # by thread kind, from the threads alive at the end (a thread that ended while draining is missing from it)
  awk -v n="${copies:-0}" -v hz="$(getconf CLK_TCK)" '
    FNR == NR { before[$1] = $3; next }
    { ms[$2] += ($3 - before[$1]) * 1000 / hz }
    END { if (n) printf "  of which per copy: Java threads %.2f ms, JIT compiler threads %.2f ms, GC threads %.2f ms\n",
                       ms["java"] / n, ms["jit"] / n, ms["gc"] / n }' \
    "$WORK/e2e-threads-before.txt" "$WORK/e2e-threads-after.txt" | tee -a "$WORK/e2e-probe.txt"
fi
# no share sent twice: one message per share id, and one Message-ID per share
dups=$(grep -h -i '^Message-ID:' "$data"/mail/*.eml 2>/dev/null | sort | uniq -d | wc -l)
mails=$(ls "$data"/mail/*.eml 2>/dev/null | wc -l)
{
  echo "== $label ($(date -u +%FT%TZ), $(java_version), mode $MODE, $INSTANCES instance(s), workers ${WORKERS} (0 = one per core), offered $SHARES shares at $OFFER_RATE/s, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  cat "$WORK/e2e-probe.txt"
  echo "messages $mails, duplicate Message-IDs $dups"
} | tee -a "$RESULTS_DIR/e2e-summary.txt"

#!/usr/bin/env bash
# Benchmark 2 (JMH): the gateway's CopyRenderer + SealSigner against a naive PDFBox + BouncyCastle loop that loads and
# subsets the font for every copy; 1 thread, then 2 threads, in one run.
#   load-tests/bin/bench-copies.sh      → results/copies-t1.csv, results/copies-t2.csv and a summary line each
# Env: JMH_ARGS (extra JMH options, e.g. "-wi 1 -i 3" for a quicker run). Needs the load-tests module compiled.
source "$(dirname "$0")/common.sh"
for t in 1 2; do
  "$BENCH_JAVA" -cp "$(load_cp)" org.openjdk.jmh.Main ua.qrshare.load.bench.CopyBenchmark -t "$t" ${JMH_ARGS:-} \
    -rf csv -rff "$RESULTS_DIR/copies-t$t.csv" >"$WORK/jmh-t$t.log" 2>&1 || { tail -30 "$WORK/jmh-t$t.log"; exit 1; }
  awk -F, -v t="$t" 'NR > 1 {gsub(/"/, ""); n = split($1, p, "."); s[p[n]] = $5} END {
    printf "copies/s with %d thread(s): gateway %.0f, naive %.0f, ratio %.1fx\n", t, s["gateway"], s["naive"], s["gateway"] / s["naive"]}' \
    "$RESULTS_DIR/copies-t$t.csv" | tee -a "$RESULTS_DIR/copies-summary.txt"
done
echo "($(date -u +%FT%TZ), $(java_version), load average $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$RESULTS_DIR/copies-summary.txt"

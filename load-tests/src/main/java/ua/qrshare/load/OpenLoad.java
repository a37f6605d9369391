package ua.qrshare.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A light open-model load generator for benchmark 4, where Gatling's own CPU use on the shared 2 cores swamped the
 * latencies it measured: scans are sent at a constant arrival rate, each timed from the moment it was due (not from
 * when it could be sent, so a stalled server is not hidden: no coordinated omission), over a pool of connections.
 *
 * <p>{@code OpenLoad URL FEED_DIR RATE SECONDS [CONNECTIONS] [WARMUP_SECONDS]} → one line: offered, achieved, failed,
 * p50/p95/p99/max ms of the requests after the warm-up (sent at the same rate, not counted; 5 s by default).
 *
 * <p>Before the schedule starts, the generator warms itself up in a closed loop ({@code -Dopenload.warm=N} answers,
 * 20,000 by default; every connection opened): a cold generator JVM fell seconds behind its own schedule while its
 * JIT warmed up, and every scan it then sent late counted as a stall of the server, the p99 of hundreds of ms measured
 * against the bare server as much as against the gateway.
 */
public final class OpenLoad {

    public static void main(String[] args) throws Exception {
        java.net.URI url = java.net.URI.create(args[0]);
        Path feed = Path.of(args[1]);
        double rate = Double.parseDouble(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int connections = args.length > 4 ? Integer.parseInt(args[4]) : 256;
        int warmupSeconds = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        List<String> qrs = Files.readAllLines(feed.resolve("qr-codes.csv")).stream()
                .skip(1)
                .map(l -> l.split(",")[0])
                .toList();
        List<String> tokens = Files.readAllLines(feed.resolve("citizens.csv")).stream()
                .skip(1)
                .map(l -> l.split(",")[1])
                .toList();
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5000),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        warm(client, url, qrs, tokens, Integer.getInteger("openload.warm", 20_000), connections);
        long warmup = (long) (rate * warmupSeconds);
        long total = warmup + (long) (rate * seconds);
        long[] latencies = new long[(int) total];
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(1);
        long start = System.nanoTime() + 200_000_000L;
        double intervalNanos = 1e9 / rate;
        // one timer tick per millisecond sends every request that has fallen due
        long[] next = {0};
        long[] measuredFrom = {start};
        vertx.setPeriodic(1, id -> {
            long now = System.nanoTime();
            while (next[0] < total && start + (long) (next[0] * intervalNanos) <= now) {
                int i = (int) next[0]++;
                long due = start + (long) (i * intervalNanos);
                scan(client, url, qrs.get(i % qrs.size()), tokens.get(i % tokens.size()))
                        .onComplete(ar -> {
                            latencies[i] = System.nanoTime() - due;
                            if (i == warmup) {
                                measuredFrom[0] = due;
                            }
                            if (i >= warmup && (ar.failed() || ar.result() != 200)) {
                                failed.incrementAndGet();
                            }
                            if (done.incrementAndGet() == total) {
                                finished.countDown();
                            }
                        });
            }
            if (next[0] >= total) {
                vertx.cancelTimer(id);
            }
        });
        boolean all = finished.await(seconds + 60L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - measuredFrom[0]) / 1e9;
        long n = Math.max(0, done.get() - warmup);
        long measured = total - warmup;
        long[] sorted = Arrays.copyOfRange(latencies, (int) warmup, (int) (warmup + n));
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%.0f\t%.1f\t%.3f\t%.2f\t%.2f\t%.2f\t%.2f%s%n",
                rate,
                n / elapsed,
                100.0 * (failed.get() + (measured - n)) / measured,
                pct(sorted, 0.50),
                pct(sorted, 0.95),
                pct(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                all ? "" : "\t(unfinished)");
        vertx.close();
    }

    /** {@code count} scans, {@code inFlight} at a time, untimed: the generator's JIT and connections warm. */
    private static void warm(
            HttpClient client, java.net.URI url, List<String> qrs, List<String> tokens, int count, int inFlight)
            throws InterruptedException {
        CountDownLatch answered = new CountDownLatch(count);
        AtomicLong sent = new AtomicLong();
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            long i = sent.getAndIncrement();
            if (i < count) {
                scan(client, url, qrs.get((int) (i % qrs.size())), tokens.get((int) (i % tokens.size())))
                        .onComplete(done -> {
                            answered.countDown();
                            next[0].run();
                        });
            }
        };
        for (int c = 0; c < Math.min(count, inFlight); c++) {
            next[0].run();
        }
        answered.await(120, TimeUnit.SECONDS);
    }

    private static Future<Integer> scan(HttpClient client, java.net.URI url, String qr, String token) {
        return client.request(new RequestOptions()
                        .setMethod(HttpMethod.POST)
                        .setHost(url.getHost())
                        .setPort(url.getPort())
                        .setURI(url.getPath())
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Authorization", "Bearer " + token))
                .compose(req -> req.send(Buffer.buffer("{\"qr\":\"" + qr + "\"}")))
                .compose(resp -> resp.body().map(b -> resp.statusCode()));
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0
                ? 0
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}

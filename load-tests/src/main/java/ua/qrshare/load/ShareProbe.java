package ua.qrshare.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import ua.qrshare.dev.EmbeddedPostgres;

/**
 * Watches a gateway deliver shares, for the end-to-end benchmarks: every {@code interval} it samples the share table
 * (by status), the messages the embedded SMTP sink saved, the gateway's heap (from its Prometheus metrics) and its RSS
 * (from /proc), writing one TSV line per sample; it stops when {@code expected} shares are sent (or failed) or after
 * {@code timeout} (and none is left accepted or signing), then prints copies per second and the queue latency percentiles from the table.
 * It also samples the gateways' CPU time (/proc/PID/stat) and prints the CPU per copy over the second half of the
 * shares sent: a drain of a minute or two from a fresh JVM spends much of its CPU compiling (C2), mostly early, so
 * the second half shows the steady cost per copy that a longer run would converge to.
 *
 * <p>{@code ShareProbe DATA_DIR METRICS_URL PIDS(comma-separated) EXPECTED_SHARES TIMEOUT_S INTERVAL_MS OUT.tsv [DB_URL]}
 */
public final class ShareProbe {

    /** /proc counts CPU time in USER_HZ ticks, 100 a second on Linux (what {@code getconf CLK_TCK} says). */
    private static final double CLOCK_TICKS = 100;

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        String[] metricsUrls = args[1].split(",");
        String[] pids = args[2].split(",");
        long expected = Long.parseLong(args[3]);
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[4]));
        long intervalMs = Long.parseLong(args[5]);
        Path out = Path.of(args[6]);
        String dbUrl = args.length > 7
                ? args[7]
                : EmbeddedPostgres.runningUrl(data.resolve("pg"))
                        .orElseThrow(() -> new IllegalStateException("no embedded PostgreSQL running in " + data));
        io.vertx.pgclient.PgConnectOptions o = io.vertx.pgclient.PgConnectOptions.fromUri(dbUrl);
        HttpClient http = HttpClient.newHttpClient();
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase(),
                        o.getUser(),
                        o.getPassword());
                PrintWriter tsv = new PrintWriter(Files.newBufferedWriter(out))) {
            tsv.println("t_s\taccepted\tsigning\tsent\tfailed\tmails\theap_mb\trss_mb\tcpu_s");
            List<long[]> sentAndCpu = new ArrayList<>();
            long start = System.nanoTime();
            long firstSentNanos = 0;
            long sentAtFirst = 0;
            double maxHeap = 0;
            double maxRss = 0;
            long[] counts;
            while (true) {
                counts = counts(c);
                double t = (System.nanoTime() - start) / 1e9;
                double heap = 0;
                for (String url : metricsUrls) {
                    heap += heapMb(http, url);
                }
                double rss = 0;
                for (String pid : pids) {
                    rss += rssMb(pid);
                }
                long cpuTicks = 0;
                for (String pid : pids) {
                    cpuTicks += cpuTicks(pid);
                }
                sentAndCpu.add(new long[] {counts[2], cpuTicks});
                maxHeap = Math.max(maxHeap, heap);
                maxRss = Math.max(maxRss, rss);
                long mails = mails(data.resolve("mail"));
                tsv.printf(
                        Locale.ROOT,
                        "%.1f\t%d\t%d\t%d\t%d\t%d\t%.0f\t%.0f\t%.2f%n",
                        t,
                        counts[0],
                        counts[1],
                        counts[2],
                        counts[3],
                        mails,
                        heap,
                        rss,
                        (double) cpuTicks / CLOCK_TICKS);
                tsv.flush();
                if (firstSentNanos == 0 && counts[2] > 0) {
                    firstSentNanos = System.nanoTime();
                    sentAtFirst = counts[2];
                }
                // Done when the queue is empty too: shares the server accepted but the load generator saw fail (a
                // client-side
                // timeout) are in the table and get delivered, and a drain measured without them ends early.
                if (counts[0] + counts[1] == 0 && counts[2] + counts[3] >= expected
                        || System.nanoTime() - start > timeout.toNanos()) {
                    break;
                }
                Thread.sleep(intervalMs);
            }
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT count(*),"
                            + " extract(epoch FROM max(sent_at) - min(sent_at)),"
                            + " percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at)),"
                            + " percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - signing_at)),"
                            + " sum(cardinality(document_types))"
                            + " FROM share WHERE status = 'sent'")) {
                r.next();
                long sent = r.getLong(1);
                double span = r.getDouble(2);
                Double[] queue = (Double[]) r.getArray(3).getArray();
                Double[] work = (Double[]) r.getArray(4).getArray();
                long copies = r.getLong(5);
                System.out.printf(
                        Locale.ROOT,
                        "sent %d shares (%d copies, %d failed) over %.1f s between the first and the last"
                                + " sent_at: %.1f copies/s, %.1f shares/s%n",
                        sent,
                        copies,
                        counts[3],
                        span,
                        span > 0 ? copies / span : 0,
                        span > 0 ? sent / span : 0);
                System.out.printf(
                        Locale.ROOT,
                        "accepted→sent (s): p50 %.2f p95 %.2f p99 %.2f; claimed→sent (s): p50 %.3f p95 %.3f p99 %.3f%n",
                        queue[0],
                        queue[1],
                        queue[2],
                        work[0],
                        work[1],
                        work[2]);
                long[] half = sentAndCpu.stream()
                        .filter(sample -> 2 * sample[0] >= sent)
                        .findFirst()
                        .orElse(null);
                long[] last = sentAndCpu.get(sentAndCpu.size() - 1);
                if (half != null && last[0] > half[0] && sent > 0) {
                    double copiesThen = (double) (last[0] - half[0]) * copies / sent;
                    System.out.printf(
                            Locale.ROOT,
                            "gateway CPU over the second half of the shares sent: %.2f ms per copy, %.0f copies%n",
                            1000.0 * (last[1] - half[1]) / CLOCK_TICKS / copiesThen,
                            copiesThen);
                }
                System.out.printf(
                        Locale.ROOT,
                        "mails in the sink %d; max heap used %.0f MB; max RSS %.0f MB%n",
                        mails(data.resolve("mail")),
                        maxHeap,
                        maxRss);
            }
        }
    }

    private static long[] counts(Connection c) throws Exception {
        long[] counts = new long[4];
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT status, count(*) FROM share GROUP BY status")) {
            while (r.next()) {
                int i = switch (r.getString(1)) {
                    case "accepted" -> 0;
                    case "signing" -> 1;
                    case "sent" -> 2;
                    default -> 3;
                };
                counts[i] = r.getLong(2);
            }
        }
        return counts;
    }

    private static double heapMb(HttpClient http, String url) {
        try {
            String body = http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            return body.lines()
                            .filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                            .sum()
                    / 1e6;
        } catch (IOException | InterruptedException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** utime + stime, in clock ticks; 0 once the process is gone. */
    private static long cpuTicks(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the
            // 14th and 15th fields of the line, the 12th and 13th after the name.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double rssMb(String pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", pid, "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:"))
                    .mapToDouble(l -> Double.parseDouble(l.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst()
                    .orElse(Double.NaN);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static long mails(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".eml")).count();
        } catch (IOException e) {
            return -1;
        }
    }
}

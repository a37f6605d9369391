package ua.qrshare.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One line per request: method, path without the query string, status, time, bytes sent, request id. No client
 * address, no query, no headers, no bodies: those can carry personal data.
 *
 * <p>Written without going through the logging framework, because one logging event per request (formatting,
 * pattern layout, the async appender's lock) cost more than half the throughput of the scan endpoint. Each router
 * (one per event loop) appends its lines to its own buffer — no lock, no allocation beyond the line's characters —
 * and hands full buffers (or every 200 ms) to one writer thread that prints them to standard output as whole lines.
 * The lines look like the logging framework's ({@code HH:mm:ss.SSS INFO  qrshare.access - …}).
 *
 * <p>Losing lines: when standard output cannot keep up and the hand-off queue is full, lines of successful and
 * client-error requests are dropped and counted ({@code access log: N lines dropped}), but lines of server errors
 * (5xx) are never dropped: they go to an unbounded side queue that the writer empties first.
 */
public final class AccessLog implements Handler<RoutingContext> {

    private static final int MAX_PATH = 120;
    private static final int FLUSH_BYTES = 16 * 1024;
    private static final long FLUSH_EVERY_MS = 200;
    private static final ZoneId ZONE = ZoneId.systemDefault();

    private static final Writer WRITER = new Writer(System.out);

    private final StringBuilder lines = new StringBuilder(FLUSH_BYTES + 512);
    private final StringBuilder errorLines = new StringBuilder();
    private boolean timerStarted;
    /** The formatted {@code HH:mm:ss.} of the current second and the second it stands for. */
    private long clockSecond = Long.MIN_VALUE;

    private String clockPrefix = "";

    @Override
    public void handle(RoutingContext ctx) {
        startFlushing(ctx.vertx());
        long start = System.nanoTime();
        ctx.addEndHandler(done -> append(ctx.request(), start, RequestId.of(ctx)));
        ctx.next();
    }

    /** The direct lane's requests: the line is written when the response ends or the connection closes first. */
    void watch(Vertx vertx, HttpServerRequest request, String requestId) {
        startFlushing(vertx);
        long start = System.nanoTime();
        boolean[] written = {false};
        Handler<Void> line = done -> {
            if (!written[0]) {
                written[0] = true;
                append(request, start, requestId);
            }
        };
        request.response().endHandler(line).closeHandler(line);
    }

    /** On the first request, so the timer runs on the event loop that appends the lines. */
    private void startFlushing(Vertx vertx) {
        if (!timerStarted) {
            timerStarted = true;
            vertx.setPeriodic(FLUSH_EVERY_MS, id -> flush());
        }
    }

    private void append(HttpServerRequest request, long start, String requestId) {
        String path = request.path();
        if (path != null && path.length() > MAX_PATH) {
            path = path.substring(0, MAX_PATH) + "…";
        }
        int status = request.response().getStatusCode();
        int begin = lines.length();
        timestamp(System.currentTimeMillis());
        lines.append(" INFO  qrshare.access - ")
                .append(request.method().name())
                .append(' ')
                .append(path)
                .append(' ')
                .append(status)
                .append(' ')
                .append((System.nanoTime() - start) / 1_000_000)
                .append("ms ")
                .append(request.response().bytesWritten())
                .append("B ")
                .append(requestId)
                .append('\n');
        if (status >= 500) {
            errorLines.append(lines, begin, lines.length());
        }
        if (lines.length() >= FLUSH_BYTES) {
            flush();
        }
    }

    private void timestamp(long millis) {
        long second = Math.floorDiv(millis, 1000);
        if (second != clockSecond) {
            ZonedDateTime t = Instant.ofEpochSecond(second).atZone(ZONE);
            clockPrefix = two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond()) + ".";
            clockSecond = second;
        }
        int ms = (int) Math.floorMod(millis, 1000);
        lines.append(clockPrefix)
                .append((char) ('0' + ms / 100))
                .append((char) ('0' + ms / 10 % 10))
                .append((char) ('0' + ms % 10));
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    /** Hands the buffered lines to the writer; on the router's event loop. */
    void flush() {
        if (lines.length() == 0) {
            return;
        }
        WRITER.submit(lines.toString(), errorLines.length() == 0 ? null : errorLines.toString());
        lines.setLength(0);
        errorLines.setLength(0);
    }

    /** How many lines were dropped because standard output was too slow (never a 5xx line). */
    public static long dropped() {
        return WRITER.dropped.get();
    }

    /** The one thread that prints access-log lines; a daemon, so it never holds up the JVM's exit. */
    private static final class Writer implements Runnable {
        private final BlockingQueue<String> chunks = new ArrayBlockingQueue<>(256);
        private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        private final AtomicLong dropped = new AtomicLong();
        private final PrintStream out;
        private long reportedDropped;

        Writer(PrintStream out) {
            this.out = out;
            Thread thread = new Thread(this, "qrshare-access-log");
            thread.setDaemon(true);
            thread.start();
            Runtime.getRuntime().addShutdownHook(new Thread(this::drain, "qrshare-access-log-drain"));
        }

        private void drain() {
            for (String e; (e = errors.poll()) != null; ) {
                write(e);
            }
            for (String c; (c = chunks.poll()) != null; ) {
                write(c);
            }
        }

        void submit(String chunk, String errorLines) {
            if (chunks.offer(chunk)) {
                return;
            }
            dropped.addAndGet(count(chunk) - (errorLines == null ? 0 : count(errorLines)));
            if (errorLines != null) {
                errors.add(errorLines);
            }
        }

        private static long count(String chunk) {
            return chunk.chars().filter(c -> c == '\n').count();
        }

        @Override
        public void run() {
            while (true) {
                try {
                    String chunk = chunks.poll(1, TimeUnit.SECONDS);
                    for (String e; (e = errors.poll()) != null; ) {
                        write(e);
                    }
                    if (chunk != null) {
                        write(chunk);
                    }
                    long lost = dropped.get();
                    if (lost != reportedDropped) {
                        write(java.time.LocalTime.now() + " WARN  qrshare.access - access log: "
                                + (lost - reportedDropped)
                                + " lines dropped (standard output too slow; server errors are never dropped)\n");
                        reportedDropped = lost;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    // keep the writer alive whatever happens to one chunk
                }
            }
        }

        /** One write of whole lines: PrintStream's own lock keeps them apart from other output. */
        private void write(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
            out.flush();
        }
    }
}

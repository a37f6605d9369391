package ua.qrshare.share;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an operator watches on the share pipeline: jobs by state and the age of the oldest pending one (from the
 * table, every few seconds, so every instance reports the shared queue), render, seal and mail latencies, TSA
 * outages, and the hit ratios of the caches on the scan path.
 */
public final class ShareMetrics {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ShareMetrics.class);
    private static final long REFRESH_MS = 5_000;
    private static final String STATES = "SELECT status, count(*) AS n,"
            + " coalesce(extract(epoch FROM now() - min(created_at)), 0) AS oldest FROM share"
            + " WHERE status IN ('accepted', 'signing') OR created_at > now() - interval '1 day' GROUP BY status";

    final Timer render;
    final Timer seal;
    final Timer mail;
    final Counter tsaUnavailable;
    private final Map<String, AtomicLong> jobs = new ConcurrentHashMap<>();
    private final AtomicLong oldestPendingSeconds = new AtomicLong();

    public ShareMetrics(MeterRegistry registry) {
        render = Timer.builder("qrshare.copy.render")
                .description("Rendering one PDF copy")
                .publishPercentileHistogram()
                .register(registry);
        seal = Timer.builder("qrshare.copy.seal")
                .description("Sealing and time-stamping one copy (CAdES-T)")
                .publishPercentileHistogram()
                .register(registry);
        mail = Timer.builder("qrshare.mail.send")
                .description("Handing one share's e-mail to the SMTP server")
                .publishPercentileHistogram()
                .register(registry);
        tsaUnavailable = Counter.builder("qrshare.tsa.unavailable")
                .description("Time-stamp requests the TSA did not answer")
                .register(registry);
        for (String state : new String[] {"accepted", "signing", "sent", "failed"}) {
            AtomicLong count = jobs.computeIfAbsent(state, s -> new AtomicLong());
            Gauge.builder("qrshare.shares", count, AtomicLong::get)
                    .tag("state", state)
                    .description("Shares by state (sent and failed: last 24 hours)")
                    .register(registry);
        }
        Gauge.builder("qrshare.shares.oldest.pending", oldestPendingSeconds, AtomicLong::get)
                .baseUnit("seconds")
                .description("Age of the oldest share not yet delivered")
                .register(registry);
    }

    /** Age in seconds of the oldest share not yet delivered, as last read from the table. */
    public long oldestPendingSeconds() {
        return oldestPendingSeconds.get();
    }

    /** A WARN every minute while the oldest pending share is older than {@code alert}. */
    public void alertBacklog(Vertx vertx, java.time.Duration alert) {
        vertx.setPeriodic(60_000, id -> {
            long oldest = oldestPendingSeconds.get();
            if (oldest > alert.toSeconds()) {
                log.warn(
                        "Deliveries are not moving: the oldest pending share is {} s old (alert at {} s; {} accepted, {} signing)",
                        oldest,
                        alert.toSeconds(),
                        jobs.get("accepted").get(),
                        jobs.get("signing").get());
            }
        });
    }

    /** Keeps the queue gauges current. */
    public void watch(Vertx vertx, SqlClient db) {
        vertx.setPeriodic(
                0,
                REFRESH_MS,
                id -> db.query(STATES).execute().onSuccess(rows -> {
                    jobs.values().forEach(c -> c.set(0));
                    long oldest = 0;
                    for (Row r : rows) {
                        jobs.computeIfAbsent(r.getString("status"), s -> new AtomicLong())
                                .set(r.getLong("n"));
                        if (r.getString("status").equals("accepted")
                                || r.getString("status").equals("signing")) {
                            oldest = Math.max(oldest, r.getNumeric("oldest").longValue());
                        }
                    }
                    oldestPendingSeconds.set(oldest);
                }));
    }
}

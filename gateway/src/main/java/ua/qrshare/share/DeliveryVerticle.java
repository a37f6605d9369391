package ua.qrshare.share;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.qrshare.catalog.DocumentCatalog;
import ua.qrshare.config.Config;
import ua.qrshare.ops.Readiness;
import ua.qrshare.sealing.Sealing;
import ua.qrshare.start.Infrastructure;

/**
 * Delivery on this instance: the signing workers' loops, the queue's metrics and backlog alert, and the hourly
 * retention purge. Deployed once HTTP is up (in dev the workers stamp at this gateway's own TSA route) and undeployed
 * first: no new job is claimed, and the ones in hand finish.
 */
public final class DeliveryVerticle extends VerticleBase {

    private static final Logger log = LoggerFactory.getLogger(DeliveryVerticle.class);
    private static final long RETENTION_PERIOD_MS = 3_600_000;

    private final Infrastructure infra;
    private final Sealing sealing;
    private final DocumentCatalog catalog;
    private final io.vertx.ext.healthchecks.HealthChecks readiness;
    private ShareWorker worker;

    public DeliveryVerticle(
            Infrastructure infra,
            Sealing sealing,
            DocumentCatalog catalog,
            io.vertx.ext.healthchecks.HealthChecks readiness) {
        this.infra = infra;
        this.sealing = sealing;
        this.catalog = catalog;
        this.readiness = readiness;
    }

    /** Signing workers on this instance: {@code share.workers}, 0 meaning one per core, -1 none. */
    public static int workers(Infrastructure infra) {
        int configured = infra.config().shareWorkers();
        return configured == 0 ? infra.cores() : configured;
    }

    @Override
    public Future<?> start() {
        Config config = infra.config();
        ShareMetrics metrics = new ShareMetrics(infra.metrics().registry());
        metrics.watch(vertx, infra.database().client());
        ShareJobs jobs = new ShareJobs(infra.database().client(), config.shareMaxAge());
        // Retention: on every instance (the DELETE is idempotent); metadata only, the inputs are long gone.
        vertx.setPeriodic(
                0,
                RETENTION_PERIOD_MS,
                id -> jobs.purge(config.shareRetention()).onSuccess(n -> {
                    if (n > 0) {
                        log.info("Purged {} share(s) past the retention period", n);
                    }
                }));
        int workers = workers(infra);
        if (workers < 0) {
            return Future.succeededFuture();
        }
        // Only instances that deliver report the backlog: an API-only instance stays ready while mail is held.
        Readiness.watchBacklog(readiness, metrics::oldestPendingSeconds, config.shareBacklogAlert());
        metrics.alertBacklog(vertx, config.shareBacklogAlert());
        worker = new ShareWorker(infra, sealing, catalog, jobs, metrics);
        worker.start(workers);
        return Future.succeededFuture();
    }

    /**
     * Half the shutdown budget for the jobs in hand, the rest for HTTP: a job still in hand (say, on a silent SMTP
     * server) keeps its lease only until it runs out, then another instance takes it.
     */
    @Override
    public Future<?> stop() {
        return worker == null
                ? Future.succeededFuture()
                : worker.stop(infra.config().shutdownTimeout().dividedBy(2));
    }
}

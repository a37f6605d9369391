package ua.qrshare.ops;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * Operations endpoints: {@code /health/live} (the process answers), {@code /health/ready} (it can serve: database
 * reachable, signing key usable; 503 otherwise) and {@code /metrics} (Prometheus).
 */
public final class OpsRoutes implements ua.qrshare.http.Routes {

    private static final Buffer LIVE = new JsonObject().put("status", "UP").toBuffer();

    private final HealthChecks readiness;
    private final Metrics metrics;

    public OpsRoutes(HealthChecks readiness, Metrics metrics) {
        this.readiness = readiness;
        this.metrics = metrics;
    }

    @Override
    public void mount(Router router) {
        router.get("/health/live")
                .handler(ctx -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .end(LIVE));
        router.get("/health/ready")
                .handler(ctx -> {
                    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                    ctx.next();
                })
                .handler(HealthCheckHandler.createWithHealthChecks(readiness));
        router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics.registry()));
    }
}

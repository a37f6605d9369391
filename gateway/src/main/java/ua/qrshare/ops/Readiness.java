package ua.qrshare.ops;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import ua.qrshare.pki.SigningIdentity;

/**
 * What "ready" means: the database answers, the seal key can sign copies that verify today, and (on an instance
 * that delivers) the oldest share not yet delivered is younger than the backlog alert: a queue that stopped moving
 * shows here instead of staying silent.
 */
public final class Readiness {

    private static final long DATABASE_TIMEOUT_MS = 3_000;

    private Readiness() {}

    public static HealthChecks checks(Vertx vertx, SqlClient database, SigningIdentity seal) {
        HealthChecks checks = HealthChecks.create(vertx);
        checks.register(
                "database",
                DATABASE_TIMEOUT_MS,
                promise -> database.query("SELECT 1")
                        .execute()
                        .onSuccess(rows -> promise.complete(Status.OK()))
                        .onFailure(e -> promise.complete(Status.KO(
                                new JsonObject().put("error", e.getClass().getSimpleName())))));
        checks.register("signing-key", promise -> {
            boolean valid = seal.isValidAt(Instant.now());
            JsonObject data = new JsonObject()
                    .put("subject", seal.certificate().getSubjectX500Principal().getName())
                    .put(
                            "notAfter",
                            seal.certificate().getNotAfter().toInstant().toString());
            promise.complete(valid ? Status.OK(data) : Status.KO(data.put("error", "certificate not valid now")));
        });
        return checks;
    }

    /** Adds the check {@code mail-backlog}: KO while the oldest pending share is older than {@code alert}. */
    public static void watchBacklog(
            HealthChecks checks, java.util.function.LongSupplier oldestPendingSeconds, java.time.Duration alert) {
        checks.register("mail-backlog", promise -> {
            long oldest = oldestPendingSeconds.getAsLong();
            JsonObject data =
                    new JsonObject().put("oldestPendingSeconds", oldest).put("alertSeconds", alert.toSeconds());
            promise.complete(
                    oldest > alert.toSeconds()
                            ? Status.KO(data.put("error", "deliveries are not moving"))
                            : Status.OK(data));
        });
    }
}

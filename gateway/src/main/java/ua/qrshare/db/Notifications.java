package ua.qrshare.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays PostgreSQL {@code NOTIFY}s on {@link #CACHE_CHANNEL} to every local verticle through the event bus, so a
 * change made through any gateway instance drops the cached entries of all of them. It reconnects, forever, after
 * the database restarts; because notifications sent while it was away are lost, each (re)subscription publishes a
 * flush-everything message first.
 */
public final class Notifications {

    /** The PostgreSQL channel, and the local event-bus address its payloads are published on. */
    public static final String CACHE_CHANNEL = "qrshare_cache";

    public static final String CACHE_ADDRESS = "qrshare.cache.invalidate";

    /** Published on every (re)subscription: drop everything cached. */
    public static final JsonObject FLUSH_ALL = new JsonObject().put("all", true);

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    private static final long MAX_RETRY_DELAY_MS = 5_000;

    private final PgSubscriber subscriber;

    private Notifications(PgSubscriber subscriber) {
        this.subscriber = subscriber;
    }

    public static Future<Notifications> start(Vertx vertx, PgConnectOptions options) {
        PgSubscriber subscriber = PgSubscriber.subscriber(vertx, new PgConnectOptions(options))
                .reconnectPolicy(attempt -> Math.min(MAX_RETRY_DELAY_MS, 100L << Math.min(attempt, 6)));
        subscriber
                .channel(CACHE_CHANNEL)
                .subscribeHandler(v -> {
                    log.info("Listening for cache invalidations on channel {}", CACHE_CHANNEL);
                    vertx.eventBus().publish(CACHE_ADDRESS, FLUSH_ALL);
                })
                .handler(payload -> vertx.eventBus().publish(CACHE_ADDRESS, parse(payload)));
        subscriber.closeHandler(v -> log.warn("Notification listener connection closed"));
        return subscriber.connect().map(v -> new Notifications(subscriber));
    }

    /**
     * Announces a change that alters what a QR shows. Sent inside the caller's transaction, PostgreSQL delivers it
     * only if the transaction commits.
     */
    public static Future<Void> publish(io.vertx.sqlclient.SqlClient connection, JsonObject change) {
        return connection
                .preparedQuery("SELECT pg_notify($1, $2)")
                .execute(io.vertx.sqlclient.Tuple.of(CACHE_CHANNEL, change.encode()))
                .mapEmpty();
    }

    public boolean connected() {
        return !subscriber.closed() && subscriber.actualConnection() != null;
    }

    public Future<Void> close() {
        return subscriber.close();
    }

    /** A payload that is not a JSON object cannot say what to drop, so it drops everything. */
    private static JsonObject parse(String payload) {
        try {
            return new JsonObject(payload);
        } catch (RuntimeException e) {
            return FLUSH_ALL;
        }
    }
}

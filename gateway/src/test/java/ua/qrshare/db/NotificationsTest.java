package ua.qrshare.db;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.qrshare.testing.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import ua.qrshare.config.Config;
import ua.qrshare.testing.TestPostgres;

/** NOTIFYs on the cache channel reach the event bus. */
@Tag("persistence")
class NotificationsTest {

    Vertx vertx;
    Database database;
    Notifications notifications;
    final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        PgConnectOptions options =
                Database.connectOptions(new Config.Database(null, null, null, 2), TestPostgres.freshDatabaseUrl());
        database = Database.connect(vertx, options, 2);
        vertx.eventBus().<JsonObject>consumer(Notifications.CACHE_ADDRESS, m -> received.add(m.body()));
        notifications = await(Notifications.start(vertx, options));
    }

    @AfterEach
    void stop() {
        await(notifications.close());
        database.close();
        await(vertx.close());
    }

    @Test
    void a_notify_from_any_session_is_published_locally() throws Exception {
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(Notifications.FLUSH_ALL);
        await(database.pool()
                .query("NOTIFY " + Notifications.CACHE_CHANNEL + ", '{\"qr\": \"3f2a\"}'")
                .execute());
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(new JsonObject().put("qr", "3f2a"));
        await(database.pool()
                .query("SELECT pg_notify('" + Notifications.CACHE_CHANNEL + "', 'not json')")
                .execute());
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(Notifications.FLUSH_ALL);
    }
}

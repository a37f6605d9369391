package ua.qrshare.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.qrshare.testing.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import ua.qrshare.config.Config;
import ua.qrshare.db.Database;
import ua.qrshare.db.Notifications;
import ua.qrshare.testing.TestDirs;

/** The embedded server: a real PostgreSQL whose data directory outlives it. */
@Isolated // stops and starts PostgreSQL servers
@Tag("embedded")
class EmbeddedPostgresTest {

    @TempDir
    Path dir;

    @Test
    void a_second_start_reuses_the_data_directory() throws Exception {
        Path data = dir.resolve("pg");
        try (EmbeddedPostgres first = EmbeddedPostgres.start(data, TestDirs.postgresBinaries())) {
            assertThat(Database.migrate(PgConnectOptions.fromUri(first.url()))).isPositive();
            sql(first, "CREATE TABLE marker (note text); INSERT INTO marker VALUES ('survives restarts')");
        }
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
        long initialised = Files.getLastModifiedTime(data.resolve("PG_VERSION")).toMillis();

        try (EmbeddedPostgres second = EmbeddedPostgres.start(data, TestDirs.postgresBinaries())) {
            assertThat(Database.migrate(PgConnectOptions.fromUri(second.url()))).isZero();
            try (Connection c = DriverManager.getConnection(
                            second.jdbcUrl(EmbeddedPostgres.DATABASE), EmbeddedPostgres.USER, "");
                    ResultSet rs = c.createStatement().executeQuery("SELECT note FROM marker")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("survives restarts");
            }
        }
        assertThat(Files.getLastModifiedTime(data.resolve("PG_VERSION")).toMillis())
                .isEqualTo(initialised);
    }

    @Test
    void a_server_left_running_by_a_killed_gateway_is_taken_over() throws Exception {
        Path data = dir.resolve("pg");
        EmbeddedPostgres orphan = EmbeddedPostgres.start(data, TestDirs.postgresBinaries());
        // No close(): as if the JVM had been killed. The next start must still succeed on the same data.
        try (EmbeddedPostgres next = EmbeddedPostgres.start(data, TestDirs.postgresBinaries())) {
            assertThat(next.port()).isNotEqualTo(orphan.port());
            sql(next, "SELECT 1");
        }
    }

    @Test
    void the_notification_listener_reconnects_after_the_database_restarts() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir.resolve("pg"), TestDirs.postgresBinaries())) {
            PgConnectOptions options = Database.connectOptions(new Config.Database(null, null, null, 2), pg.url());
            BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
            vertx.eventBus().<JsonObject>consumer(Notifications.CACHE_ADDRESS, m -> received.add(m.body()));
            Notifications notifications = await(Notifications.start(vertx, options));
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(Notifications.FLUSH_ALL);

            pg.stop();
            pg.start();

            // Re-subscribing announces a flush: whatever was notified while it was away is covered.
            assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo(Notifications.FLUSH_ALL);
            sql(pg, "NOTIFY " + Notifications.CACHE_CHANNEL + ", '{\"service\": \"after-restart\"}'");
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(new JsonObject().put("service", "after-restart"));
            assertThat(notifications.connected()).isTrue();
            await(notifications.close());
        } finally {
            await(vertx.close());
        }
    }

    private static void sql(EmbeddedPostgres pg, String statements) throws Exception {
        try (Connection c =
                DriverManager.getConnection(pg.jdbcUrl(EmbeddedPostgres.DATABASE), EmbeddedPostgres.USER, "")) {
            c.createStatement().execute(statements);
        }
    }
}

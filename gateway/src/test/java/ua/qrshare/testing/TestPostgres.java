package ua.qrshare.testing;

import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import ua.qrshare.dev.EmbeddedPostgres;

/**
 * The PostgreSQL the tests use: the server at {@code QRSHARE_TEST_PG_URL} when set (CI's second pass against
 * Debian's PostgreSQL), else one embedded server per test JVM. Each caller gets a database of its own.
 */
public final class TestPostgres {

    public static final String EXTERNAL_URL_ENV = "QRSHARE_TEST_PG_URL";

    private static PgConnectOptions server;

    private TestPostgres() {}

    public static boolean external() {
        return System.getenv(EXTERNAL_URL_ENV) != null;
    }

    /** A new, empty database; its URL in the form {@code db.url} takes (credentials included). */
    public static synchronized String freshDatabaseUrl() {
        PgConnectOptions s = server();
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(jdbcUrl(s, s.getDatabase()), s.getUser(), s.getPassword())) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
        String credentials =
                s.getUser() + (s.getPassword() == null || s.getPassword().isEmpty() ? "" : ":" + s.getPassword());
        return "postgresql://" + credentials + "@" + s.getHost() + ":" + s.getPort() + "/" + name;
    }

    public static String jdbcUrl(PgConnectOptions options, String database) {
        return "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + database;
    }

    private static PgConnectOptions server() {
        if (server != null) {
            return server;
        }
        String url = System.getenv(EXTERNAL_URL_ENV);
        if (url != null) {
            server = PgConnectOptions.fromUri(url);
        } else {
            EmbeddedPostgres pg = EmbeddedPostgres.start(
                    Path.of("target", "test-pg", UUID.randomUUID().toString()), TestDirs.postgresBinaries());
            Runtime.getRuntime().addShutdownHook(new Thread(pg::close));
            server = PgConnectOptions.fromUri(pg.url());
        }
        return server;
    }
}

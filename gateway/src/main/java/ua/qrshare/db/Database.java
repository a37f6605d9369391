package ua.qrshare.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import ua.qrshare.config.Config;

/**
 * The gateway's two ways into PostgreSQL: a pipelined {@link #client()} for single statements on hot paths, and a
 * {@link #pool()} for transactions. Both cache prepared statements.
 */
public final class Database implements AutoCloseable {

    /** Statements in flight per connection of the pipelined client. */
    private static final int PIPELINING_LIMIT = 256;
    /** Fail fast when the database is down, so readiness and requests answer instead of hanging. */
    private static final NetClientOptions NET_OPTIONS = new NetClientOptions().setConnectTimeout(5_000);

    private final PgConnectOptions connectOptions;
    private final Pool pool;
    private final SqlClient client;

    private Database(PgConnectOptions connectOptions, Pool pool, SqlClient client) {
        this.connectOptions = connectOptions;
        this.pool = pool;
        this.client = client;
    }

    public static Database connect(Vertx vertx, PgConnectOptions options, int poolSize) {
        PgConnectOptions cached =
                new PgConnectOptions(options).setCachePreparedStatements(true).setPreparedStatementCacheMaxSize(512);
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions()
                        .setMaxSize(poolSize)
                        .setName("qrshare-tx")
                        .setShared(false))
                .with(NET_OPTIONS)
                .connectingTo(cached)
                .using(vertx)
                .build();
        SqlClient client = PgBuilder.client()
                .with(new PoolOptions().setMaxSize(poolSize).setName("qrshare-pipelined"))
                .with(NET_OPTIONS)
                .connectingTo(new PgConnectOptions(cached).setPipeliningLimit(PIPELINING_LIMIT))
                .using(vertx)
                .build();
        return new Database(cached, pool, client);
    }

    /** Connection options from {@code db.url}, with {@code db.user}/{@code db.password} taking precedence. */
    public static PgConnectOptions connectOptions(Config.Database settings, String url) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^postgres://", "postgresql://"));
        if (settings.user() != null) {
            options.setUser(settings.user());
        }
        if (settings.password() != null) {
            options.setPassword(settings.password());
        }
        return options.setReconnectAttempts(0);
    }

    /** Applies the Flyway migrations under {@code db/migration}. Blocking: start-up only. */
    public static int migrate(PgConnectOptions options) {
        Flyway flyway = Flyway.configure()
                .dataSource(jdbcUrl(options), options.getUser(), options.getPassword())
                .locations("classpath:db/migration")
                .load();
        return flyway.migrate().migrationsExecuted;
    }

    /**
     * A plain JDBC connection, for blocking work outside Vert.x: start-up seeding and the CLI. Its errors leave out
     * the server's detail and the statement's values, which can hold personal data.
     */
    public static Connection jdbcConnection(PgConnectOptions options) throws SQLException {
        Properties properties = new Properties();
        if (options.getUser() != null) {
            properties.setProperty("user", options.getUser());
        }
        if (options.getPassword() != null) {
            properties.setProperty("password", options.getPassword());
        }
        properties.setProperty("logServerErrorDetail", "false");
        return DriverManager.getConnection(jdbcUrl(options), properties);
    }

    private static String jdbcUrl(PgConnectOptions options) {
        return "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
    }

    public Pool pool() {
        return pool;
    }

    public SqlClient client() {
        return client;
    }

    public PgConnectOptions connectOptions() {
        return connectOptions;
    }

    public Future<Void> closeAsync() {
        return Future.join(client.close(), pool.close()).mapEmpty();
    }

    @Override
    public void close() {
        closeAsync().toCompletionStage().toCompletableFuture().join();
    }
}

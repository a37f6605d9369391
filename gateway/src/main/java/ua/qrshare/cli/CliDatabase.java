package ua.qrshare.cli;

import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import ua.qrshare.config.Config;
import ua.qrshare.db.Database;
import ua.qrshare.dev.EmbeddedPostgres;

/**
 * The database a CLI command works on, migrated to the current schema: the configured one; else the embedded one of
 * a gateway running on the same data directory; else the embedded one, started for the command and stopped after.
 */
final class CliDatabase implements AutoCloseable {

    private final PgConnectOptions options;
    private final EmbeddedPostgres startedHere;

    private CliDatabase(PgConnectOptions options, EmbeddedPostgres startedHere) {
        this.options = options;
        this.startedHere = startedHere;
    }

    /** Blocking. */
    static CliDatabase open(Config config) {
        CliDatabase database = connect(config);
        try {
            Database.migrate(database.options);
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    Connection connection() throws SQLException {
        return Database.jdbcConnection(options);
    }

    @Override
    public void close() {
        if (startedHere != null) {
            startedHere.close();
        }
    }

    private static CliDatabase connect(Config config) {
        if (!config.database().embedded()) {
            return new CliDatabase(
                    Database.connectOptions(config.database(), config.database().url()), null);
        }
        Path dataDir = config.dataDir().toAbsolutePath();
        // Starting our own server would stop the running gateway's (it takes over a server left running).
        Optional<String> running = EmbeddedPostgres.runningUrl(dataDir.resolve("pg"));
        if (running.isPresent()) {
            return new CliDatabase(Database.connectOptions(config.database(), running.get()), null);
        }
        EmbeddedPostgres embedded = EmbeddedPostgres.start(dataDir.resolve("pg"), dataDir.resolve("pg-bin"));
        return new CliDatabase(Database.connectOptions(config.database(), embedded.url()), embedded);
    }
}

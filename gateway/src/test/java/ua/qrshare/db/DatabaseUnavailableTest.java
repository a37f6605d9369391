package ua.qrshare.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** Outages are told from statement errors by type and SQLSTATE, never by message text. */
class DatabaseUnavailableTest {

    @Test
    void connection_level_failures_are_outages() {
        assertThat(DatabaseUnavailable.is(new ConnectException("Connection refused")))
                .isTrue();
        assertThat(DatabaseUnavailable.is(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(DatabaseUnavailable.is(new RuntimeException(new java.net.SocketException("reset"))))
                .isTrue();
        assertThat(DatabaseUnavailable.is(new PgException("terminating connection", "FATAL", "57P01", null)))
                .isTrue();
        assertThat(DatabaseUnavailable.is(new PgException("connection failure", "FATAL", "08006", null)))
                .isTrue();
        assertThat(DatabaseUnavailable.is(new VertxException("Timeout", true))).isTrue();
    }

    @Test
    void statement_errors_and_lookalike_messages_are_not() {
        assertThat(DatabaseUnavailable.is(new PgException("duplicate key", "ERROR", "23505", null)))
                .isFalse();
        assertThat(DatabaseUnavailable.is(new IllegalStateException("Connection refused")))
                .isFalse();
        assertThat(DatabaseUnavailable.is(new VertxException("Connection refused")))
                .isFalse();
    }
}

package ua.qrshare.db;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.ConnectException;
import java.net.SocketException;

/**
 * Tells a database that is not there from a statement that went wrong, by the type of the failure: connection
 * refused, reset or closed, no connection from the pool in time, or a server-side state that means "not now"
 * (SQLSTATE class 08 connection exception, 57P0x shutting down, 53300 too many connections). These are worth
 * retrying later; a caller answers them with 503, never with a stack trace.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {}

    public static boolean is(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof ConnectException
                    || e instanceof SocketException
                    || e instanceof ClosedConnectionException
                    || e instanceof ConnectionPoolTooBusyException) {
                return true;
            }
            // The pool's own "no connection in time" has no type of its own: a bare VertxException with one of the
            // pool's two fixed messages (vertx-sql-client 5 SqlConnectionPool).
            if (e.getClass() == VertxException.class
                    && ("Timeout".equals(e.getMessage()) || "Timeout waiting for connection".equals(e.getMessage()))) {
                return true;
            }
            if (e instanceof DatabaseException db && db.getSqlState() != null) {
                String state = db.getSqlState();
                if (state.startsWith("08") || state.startsWith("57P0") || state.equals("53300")) {
                    return true;
                }
            }
        }
        return false;
    }
}

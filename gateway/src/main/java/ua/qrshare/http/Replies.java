package ua.qrshare.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.function.Supplier;

/** How the cabinet's resources answer: the one row a query found, or the resource's own 404; 201 for a new one. */
public final class Replies {

    private Replies() {}

    /** The query's one row; none means absent, deleted or another partner's, which all answer the same 404. */
    public static Future<Row> one(RowSet<Row> rows, Supplier<Problem> notFound) {
        return rows.size() == 0
                ? Future.failedFuture(notFound.get())
                : Future.succeededFuture(rows.iterator().next());
    }

    public static void created(RoutingContext ctx, JsonObject resource) {
        ctx.response().setStatusCode(201);
        ctx.json(resource);
    }
}

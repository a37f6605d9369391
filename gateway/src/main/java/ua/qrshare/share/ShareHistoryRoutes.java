package ua.qrshare.share;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import ua.qrshare.auth.PartnerPrincipal;
import ua.qrshare.http.Page;
import ua.qrshare.http.Problem;
import ua.qrshare.http.Routes;

/**
 * {@code GET /api/v1/shares}: the partner's delivery history — metadata only (when, where, which service, which
 * document types, what became of it); the documents themselves are never kept. Filters: {@code status},
 * {@code branchId}, {@code serviceId}, {@code from}, {@code to} (ISO instants); cursor pagination.
 */
public final class ShareHistoryRoutes implements Routes {

    private static final Set<String> STATUSES = Set.of("accepted", "signing", "sent", "failed");
    private static final String QUERY =
            "SELECT s.id, s.created_at, s.status, s.branch_id, b.name AS branch_name, s.service_id,"
                    + " array_to_string(sv.names, ', ') AS service_name, s.document_types, s.sent_at, s.failed_at, s.failure_reason"
                    + " FROM share s JOIN branch b ON b.id = s.branch_id JOIN service sv ON sv.id = s.service_id"
                    + " WHERE s.partner_id = $1 AND ($2::text IS NULL OR s.status = $2) AND ($3::uuid IS NULL OR s.branch_id = $3)"
                    + " AND ($4::uuid IS NULL OR s.service_id = $4) AND ($5::timestamptz IS NULL OR s.created_at >= $5)"
                    + " AND ($6::timestamptz IS NULL OR s.created_at < $6) AND (s.created_at, s.id) > ($7, $8)"
                    + " ORDER BY s.created_at, s.id LIMIT $9";

    private final SqlClient db;
    private final Handler<RoutingContext> authentication;
    private final Handler<RoutingContext> gate;

    public ShareHistoryRoutes(SqlClient db, Handler<RoutingContext> authentication, Handler<RoutingContext> gate) {
        this.db = db;
        this.authentication = authentication;
        this.gate = gate;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/shares").handler(authentication).handler(gate).handler(this::list);
    }

    private void list(RoutingContext ctx) {
        Page page = Page.of(ctx);
        String status = ctx.request().getParam("status");
        if (status != null && !STATUSES.contains(status)) {
            throw invalidFilter("status");
        }
        Tuple args = Tuple.of(
                        PartnerPrincipal.of(ctx).partnerId(),
                        status,
                        uuid(ctx, "branchId"),
                        uuid(ctx, "serviceId"),
                        time(ctx, "from"),
                        time(ctx, "to"),
                        page.afterCreatedAt(),
                        page.afterId())
                .addValue(page.limit());
        db.preparedQuery(QUERY)
                .execute(args)
                .onSuccess(rows -> ctx.json(page.body(rows, "created_at", ShareHistoryRoutes::json)))
                .onFailure(ctx::fail);
    }

    private static JsonObject json(Row r) {
        return new JsonObject()
                .put("shareId", r.getUUID("id").toString())
                .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
                .put("status", r.getString("status"))
                .put(
                        "branch",
                        new JsonObject()
                                .put("id", r.getUUID("branch_id").toString())
                                .put("name", r.getString("branch_name")))
                .put(
                        "service",
                        new JsonObject()
                                .put("id", r.getUUID("service_id").toString())
                                .put("name", r.getString("service_name")))
                .put("documentTypes", new JsonArray(Arrays.asList(r.getArrayOfStrings("document_types"))))
                .put("sentAt", instant(r.getOffsetDateTime("sent_at")))
                .put("failedAt", instant(r.getOffsetDateTime("failed_at")))
                .put("failureReason", "failed".equals(r.getString("status")) ? r.getString("failure_reason") : null);
    }

    private static String instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }

    private static UUID uuid(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalidFilter(name);
        }
    }

    /** PostgreSQL's timestamptz ends in year 294276 and Java's OffsetDateTime sooner: accept the years 1–9999. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static OffsetDateTime time(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        if (value == null) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value);
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw invalidFilter(name);
            }
            return instant.atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw invalidFilter(name);
        }
    }

    private static Problem invalidFilter(String name) {
        return Problem.badRequest(
                "INVALID_FILTER",
                "Неправильне значення фільтра «" + name + "».",
                "Invalid value of the \"" + name + "\" filter.");
    }
}

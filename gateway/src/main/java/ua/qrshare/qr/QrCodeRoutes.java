package ua.qrshare.qr;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import ua.qrshare.auth.PartnerPrincipal;
import ua.qrshare.db.Notifications;
import ua.qrshare.http.Page;
import ua.qrshare.http.PathIds;
import ua.qrshare.http.Routes;
import ua.qrshare.service.ServiceRoutes;

/**
 * QR codes of the caller's services: issue (valid {@value #VALIDITY_DAYS} days, carrying the branch address of the
 * moment), list with status, download as SVG or as a printable A4 PDF poster, revoke.
 */
public final class QrCodeRoutes implements Routes {

    public static final int VALIDITY_DAYS = 180;
    /** A QR this close to expiry is shown as "expiring" so the partner reissues it in time. */
    static final Duration EXPIRING_WITHIN = Duration.ofDays(14);

    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    private static final String SELECT =
            "SELECT q.id, q.service_id, q.token, q.address_text, q.issued_at, q.expires_at,"
                    + " q.revoked_at, b.address_text AS branch_address, b.name AS branch_name, s.names, p.name AS partner_name"
                    + " FROM qr_code q JOIN service s ON s.id = q.service_id JOIN branch b ON b.id = s.branch_id"
                    + " JOIN partner p ON p.id = q.partner_id";

    private final Vertx vertx;
    private final SqlClient db;
    private final Pool pool;
    private final QrTokens tokens;
    private final String publicBaseUrl;
    private final Clock clock;
    private final Handler<RoutingContext> authentication;
    private final Handler<RoutingContext> gate;

    public QrCodeRoutes(
            Vertx vertx,
            SqlClient db,
            Pool pool,
            QrTokens tokens,
            String publicBaseUrl,
            Clock clock,
            Handler<RoutingContext> authentication,
            Handler<RoutingContext> gate) {
        this.vertx = vertx;
        this.db = db;
        this.pool = pool;
        this.tokens = tokens;
        this.publicBaseUrl = publicBaseUrl;
        this.clock = clock;
        this.authentication = authentication;
        this.gate = gate;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/v1/services/:serviceId/qr-codes")
                .handler(authentication)
                .handler(gate)
                .handler(this::issue);
        router.get("/api/v1/services/:serviceId/qr-codes")
                .handler(authentication)
                .handler(gate)
                .handler(this::list);
        router.get("/api/v1/qr-codes/:qrId.svg")
                .handler(authentication)
                .handler(gate)
                .handler(this::svg);
        router.get("/api/v1/qr-codes/:qrId.pdf")
                .handler(authentication)
                .handler(gate)
                .handler(this::pdf);
        router.delete("/api/v1/qr-codes/:qrId")
                .handler(authentication)
                .handler(gate)
                .handler(this::revoke);
    }

    /** The URL a QR encodes: what a citizen's scanner reads. */
    public String url(String token) {
        return publicBaseUrl + "/s/" + token;
    }

    private void issue(RoutingContext ctx) {
        UUID serviceId = PathIds.uuid(ctx, "serviceId", ServiceRoutes::notFound);
        UUID partnerId = PartnerPrincipal.of(ctx).partnerId();
        UUID id = UUID.randomUUID();
        Instant issuedAt = clock.instant();
        Instant expiresAt = issuedAt.plus(Duration.ofDays(VALIDITY_DAYS));
        String token = tokens.issue(id, expiresAt);
        db.preparedQuery("INSERT INTO qr_code (id, partner_id, service_id, token, address_text, issued_at, expires_at)"
                        + " SELECT $1, $2, s.id, $4, b.address_text, $5, $6 FROM service s JOIN branch b ON b.id = s.branch_id"
                        + " WHERE s.id = $3 AND s.partner_id = $2 AND s.deleted_at IS NULL AND b.deleted_at IS NULL")
                .execute(Tuple.of(
                        id,
                        partnerId,
                        serviceId,
                        token,
                        issuedAt.atOffset(ZoneOffset.UTC),
                        expiresAt.atOffset(ZoneOffset.UTC)))
                .compose(inserted ->
                        inserted.rowCount() == 0 ? Future.failedFuture(ServiceRoutes.notFound()) : find(id, partnerId))
                .onSuccess(row -> {
                    ctx.response().setStatusCode(201);
                    ctx.json(json(row));
                })
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        UUID serviceId = PathIds.uuid(ctx, "serviceId", ServiceRoutes::notFound);
        UUID partnerId = PartnerPrincipal.of(ctx).partnerId();
        Page page = Page.of(ctx);
        db.preparedQuery("SELECT 1 FROM service WHERE id = $1 AND partner_id = $2 AND deleted_at IS NULL")
                .execute(Tuple.of(serviceId, partnerId))
                .compose(own -> own.size() == 0
                        ? Future.failedFuture(ServiceRoutes.notFound())
                        : db.preparedQuery(SELECT + " WHERE q.service_id = $1 AND q.partner_id = $2"
                                        + " AND (q.issued_at, q.id) > ($3, $4) ORDER BY q.issued_at, q.id LIMIT $5")
                                .execute(Tuple.of(
                                        serviceId, partnerId, page.afterCreatedAt(), page.afterId(), page.limit())))
                .onSuccess(rows -> ctx.json(page.body(rows, "issued_at", this::json)))
                .onFailure(ctx::fail);
    }

    private void svg(RoutingContext ctx) {
        printable(ctx)
                .onSuccess(row -> ctx.response()
                        .putHeader("Content-Type", "image/svg+xml; charset=utf-8")
                        .putHeader("Content-Disposition", "attachment; filename=\"qr-" + row.getUUID("id") + ".svg\"")
                        .end(QrSvg.render(url(row.getString("token")))))
                .onFailure(ctx::fail);
    }

    private void pdf(RoutingContext ctx) {
        printable(ctx)
                .compose(row -> vertx.executeBlocking(
                                () -> QrPoster.render(new QrPoster.PosterContent(
                                        url(row.getString("token")),
                                        row.getString("partner_name"),
                                        row.getString("branch_name"),
                                        row.getString("branch_address"),
                                        Arrays.asList(row.getArrayOfStrings("names")),
                                        row.getOffsetDateTime("expires_at")
                                                .atZoneSameInstant(KYIV)
                                                .toLocalDate())),
                                false)
                        .map(pdf -> {
                            ctx.response()
                                    .putHeader(
                                            "Content-Disposition",
                                            "attachment; filename=\"qr-" + row.getUUID("id") + ".pdf\"");
                            return pdf;
                        }))
                .onSuccess(pdf -> ctx.response()
                        .putHeader("Content-Type", "application/pdf")
                        .end(Buffer.buffer(pdf)))
                .onFailure(ctx::fail);
    }

    /** A QR to print: the caller's, not revoked, not expired (a poster of a dead code only misleads citizens). */
    private Future<Row> printable(RoutingContext ctx) {
        UUID id = PathIds.uuid(ctx, "qrId", QrProblems::notFound);
        return find(id, PartnerPrincipal.of(ctx).partnerId()).compose(row -> switch (status(row, clock.instant())) {
            case "revoked" -> Future.failedFuture(QrProblems.revoked(QrProblems.Reader.PARTNER));
            case "expired" -> Future.failedFuture(QrProblems.expired(QrProblems.Reader.PARTNER));
            default -> Future.succeededFuture(row);
        });
    }

    private void revoke(RoutingContext ctx) {
        UUID id = PathIds.uuid(ctx, "qrId", QrProblems::notFound);
        UUID partnerId = PartnerPrincipal.of(ctx).partnerId();
        pool.withTransaction(tx -> tx.preparedQuery("UPDATE qr_code SET revoked_at = coalesce(revoked_at, now())"
                                + " WHERE id = $1 AND partner_id = $2")
                        .execute(Tuple.of(id, partnerId))
                        .compose(updated -> updated.rowCount() == 0
                                ? Future.<Void>failedFuture(QrProblems.notFound())
                                : Notifications.publish(tx, new JsonObject().put("qr", id.toString()))))
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private Future<Row> find(UUID id, UUID partnerId) {
        return db.preparedQuery(SELECT + " WHERE q.id = $1 AND q.partner_id = $2")
                .execute(Tuple.of(id, partnerId))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(QrProblems.notFound())
                        : Future.succeededFuture(rows.iterator().next()));
    }

    /** revoked › expired › outdated (the branch moved since issue) › expiring (≤ 14 days left) › active. */
    static String status(Row row, Instant now) {
        Instant expiresAt = row.getOffsetDateTime("expires_at").toInstant();
        if (row.getOffsetDateTime("revoked_at") != null) {
            return "revoked";
        }
        if (!now.isBefore(expiresAt)) {
            return "expired";
        }
        if (!row.getString("address_text").equals(row.getString("branch_address"))) {
            return "outdated";
        }
        return now.plus(EXPIRING_WITHIN).isBefore(expiresAt) ? "active" : "expiring";
    }

    private JsonObject json(Row row) {
        return new JsonObject()
                .put("id", row.getUUID("id").toString())
                .put("serviceId", row.getUUID("service_id").toString())
                .put("url", url(row.getString("token")))
                .put("addressText", row.getString("address_text"))
                .put("currentAddressText", row.getString("branch_address"))
                .put("issuedAt", row.getOffsetDateTime("issued_at").toInstant().toString())
                .put(
                        "expiresAt",
                        row.getOffsetDateTime("expires_at").toInstant().toString())
                .put("status", status(row, clock.instant()));
    }
}

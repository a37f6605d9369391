package ua.qrshare.service;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.UUID;
import ua.qrshare.auth.PartnerPrincipal;
import ua.qrshare.branch.BranchRoutes;
import ua.qrshare.catalog.DocumentCatalog;
import ua.qrshare.db.Notifications;
import ua.qrshare.http.JsonBody;
import ua.qrshare.http.Page;
import ua.qrshare.http.PathIds;
import ua.qrshare.http.Problem;
import ua.qrshare.http.Replies;
import ua.qrshare.http.Routes;

/**
 * Services (послуги) of the caller's branches. Scoped like branches: another partner's service is a 404. Any change
 * alters what its QR codes show, so every change notifies every gateway instance.
 */
public final class ServiceRoutes implements Routes {

    private static final String COLUMNS = "id, branch_id, names, documents, legal_basis, created_at, updated_at";

    private final SqlClient db;
    private final Pool pool;
    private final DocumentCatalog catalog;
    private final Handler<RoutingContext> authentication;
    private final Handler<RoutingContext> gate;

    public ServiceRoutes(
            SqlClient db,
            Pool pool,
            DocumentCatalog catalog,
            Handler<RoutingContext> authentication,
            Handler<RoutingContext> gate) {
        this.db = db;
        this.pool = pool;
        this.catalog = catalog;
        this.authentication = authentication;
        this.gate = gate;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/branches/:branchId/services")
                .handler(authentication)
                .handler(gate)
                .handler(this::list);
        router.post("/api/v1/branches/:branchId/services")
                .consumes("application/json")
                .handler(authentication)
                .handler(gate)
                .handler(this::create);
        router.get("/api/v1/services/:serviceId")
                .handler(authentication)
                .handler(gate)
                .handler(this::get);
        router.put("/api/v1/services/:serviceId")
                .consumes("application/json")
                .handler(authentication)
                .handler(gate)
                .handler(this::update);
        router.delete("/api/v1/services/:serviceId")
                .handler(authentication)
                .handler(gate)
                .handler(this::delete);
    }

    public static Problem notFound() {
        return new Problem(404, "SERVICE_NOT_FOUND", "Такої послуги немає.", "There is no such service.");
    }

    private void list(RoutingContext ctx) {
        UUID branchId = PathIds.uuid(ctx, "branchId", BranchRoutes::notFound);
        UUID partnerId = PartnerPrincipal.of(ctx).partnerId();
        Page page = Page.of(ctx);
        ownBranch(branchId, partnerId)
                .compose(v -> db.preparedQuery(
                                "SELECT " + COLUMNS + " FROM service WHERE branch_id = $1 AND partner_id = $2"
                                        + " AND deleted_at IS NULL AND (created_at, id) > ($3, $4) ORDER BY created_at, id LIMIT $5")
                        .execute(Tuple.of(branchId, partnerId, page.afterCreatedAt(), page.afterId(), page.limit())))
                .onSuccess(rows -> ctx.json(page.body(rows, "created_at", ServiceRoutes::json)))
                .onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        UUID branchId = PathIds.uuid(ctx, "branchId", BranchRoutes::notFound);
        UUID partnerId = PartnerPrincipal.of(ctx).partnerId();
        ServiceInput input = ServiceInput.validate(JsonBody.of(ctx), catalog);
        ownBranch(branchId, partnerId)
                .compose(v -> db.preparedQuery(
                                "INSERT INTO service (id, partner_id, branch_id, names, documents, legal_basis,"
                                        + " legal_basis_confirmed) VALUES ($1, $2, $3, $4, $5, $6, true) RETURNING "
                                        + COLUMNS)
                        .execute(Tuple.of(
                                UUID.randomUUID(),
                                partnerId,
                                branchId,
                                input.names().toArray(new String[0]),
                                input.documents().toArray(new String[0]),
                                input.legalBasis())))
                .onSuccess(rows -> Replies.created(ctx, json(rows.iterator().next())))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        UUID id = PathIds.uuid(ctx, "serviceId", ServiceRoutes::notFound);
        db.preparedQuery("SELECT " + COLUMNS + " FROM service WHERE id = $1 AND partner_id = $2 AND deleted_at IS NULL")
                .execute(Tuple.of(id, PartnerPrincipal.of(ctx).partnerId()))
                .compose(rows -> Replies.one(rows, ServiceRoutes::notFound))
                .onSuccess(row -> ctx.json(json(row)))
                .onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        UUID id = PathIds.uuid(ctx, "serviceId", ServiceRoutes::notFound);
        ServiceInput input = ServiceInput.validate(JsonBody.of(ctx), catalog);
        UUID partnerId = PartnerPrincipal.of(ctx).partnerId();
        pool.withTransaction(tx -> tx.preparedQuery("UPDATE service SET names = $3, documents = $4, legal_basis = $5,"
                                + " updated_at = now() WHERE id = $1 AND partner_id = $2 AND deleted_at IS NULL RETURNING "
                                + COLUMNS)
                        .execute(Tuple.of(
                                id,
                                partnerId,
                                input.names().toArray(new String[0]),
                                input.documents().toArray(new String[0]),
                                input.legalBasis()))
                        .compose(rows -> rows.size() == 0
                                ? Future.<Row>failedFuture(notFound())
                                : Notifications.publish(tx, new JsonObject().put("service", id.toString()))
                                        .map(v -> rows.iterator().next())))
                .onSuccess(row -> ctx.json(json(row)))
                .onFailure(ctx::fail);
    }

    /** Deleting a service revokes its QR codes; a citizen scanning one is told the service is gone. */
    private void delete(RoutingContext ctx) {
        UUID id = PathIds.uuid(ctx, "serviceId", ServiceRoutes::notFound);
        UUID partnerId = PartnerPrincipal.of(ctx).partnerId();
        pool.withTransaction(tx -> tx.preparedQuery("UPDATE service SET deleted_at = now()"
                                + " WHERE id = $1 AND partner_id = $2 AND deleted_at IS NULL")
                        .execute(Tuple.of(id, partnerId))
                        .compose(deleted -> deleted.rowCount() == 0
                                ? Future.<Void>failedFuture(notFound())
                                : tx.preparedQuery(
                                                "UPDATE qr_code SET revoked_at = now() WHERE service_id = $1 AND revoked_at IS NULL")
                                        .execute(Tuple.of(id))
                                        .compose(q -> Notifications.publish(
                                                tx, new JsonObject().put("service", id.toString())))))
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private Future<Void> ownBranch(UUID branchId, UUID partnerId) {
        return db.preparedQuery("SELECT 1 FROM branch WHERE id = $1 AND partner_id = $2 AND deleted_at IS NULL")
                .execute(Tuple.of(branchId, partnerId))
                .compose(rows ->
                        rows.size() == 1 ? Future.succeededFuture() : Future.failedFuture(BranchRoutes.notFound()));
    }

    static JsonObject json(Row row) {
        String[] names = row.getArrayOfStrings("names");
        return new JsonObject()
                .put("id", row.getUUID("id").toString())
                .put("branchId", row.getUUID("branch_id").toString())
                .put("name", String.join(", ", names))
                .put("names", new JsonArray(Arrays.asList(names)))
                .put("documents", new JsonArray(Arrays.asList(row.getArrayOfStrings("documents"))))
                .put("legalBasis", row.getString("legal_basis"))
                .put("legalBasisConfirmed", true)
                .put(
                        "createdAt",
                        row.getOffsetDateTime("created_at").toInstant().toString())
                .put(
                        "updatedAt",
                        row.getOffsetDateTime("updated_at").toInstant().toString());
    }
}

package ua.qrshare.branch;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import ua.qrshare.auth.PartnerPrincipal;
import ua.qrshare.db.Notifications;
import ua.qrshare.http.JsonBody;
import ua.qrshare.http.Page;
import ua.qrshare.http.PathIds;
import ua.qrshare.http.Problem;
import ua.qrshare.http.Replies;
import ua.qrshare.http.Routes;

/**
 * Branches (відділення) of the calling partner. Every query is scoped to the caller's partner id: another partner's
 * branch does not exist for it (404). Changing the address or deleting a branch notifies every gateway instance.
 */
public final class BranchRoutes implements Routes {

    static final String COLUMNS = "id, name, address, address_text, email, created_at, updated_at";

    private final SqlClient db;
    private final Pool pool;
    private final Handler<RoutingContext> authentication;
    private final Handler<RoutingContext> gate;

    public BranchRoutes(SqlClient db, Pool pool, Handler<RoutingContext> authentication, Handler<RoutingContext> gate) {
        this.db = db;
        this.pool = pool;
        this.authentication = authentication;
        this.gate = gate;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/branches").handler(authentication).handler(gate).handler(this::list);
        router.post("/api/v1/branches")
                .consumes("application/json")
                .handler(authentication)
                .handler(gate)
                .handler(this::create);
        router.get("/api/v1/branches/:branchId")
                .handler(authentication)
                .handler(gate)
                .handler(this::get);
        router.put("/api/v1/branches/:branchId")
                .consumes("application/json")
                .handler(authentication)
                .handler(gate)
                .handler(this::update);
        router.delete("/api/v1/branches/:branchId")
                .handler(authentication)
                .handler(gate)
                .handler(this::delete);
    }

    public static Problem notFound() {
        return new Problem(404, "BRANCH_NOT_FOUND", "Такого відділення немає.", "There is no such branch.");
    }

    private void list(RoutingContext ctx) {
        Page page = Page.of(ctx);
        db.preparedQuery("SELECT " + COLUMNS + " FROM branch WHERE partner_id = $1 AND deleted_at IS NULL"
                        + " AND (created_at, id) > ($2, $3) ORDER BY created_at, id LIMIT $4")
                .execute(Tuple.of(
                        PartnerPrincipal.of(ctx).partnerId(), page.afterCreatedAt(), page.afterId(), page.limit()))
                .onSuccess(rows -> ctx.json(page.body(rows, "created_at", BranchRoutes::json)))
                .onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        BranchInput input = BranchInput.validate(JsonBody.of(ctx));
        db.preparedQuery("INSERT INTO branch (id, partner_id, name, address, address_text, email)"
                        + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS)
                .execute(Tuple.of(
                        UUID.randomUUID(),
                        PartnerPrincipal.of(ctx).partnerId(),
                        input.name(),
                        input.address(),
                        input.addressText(),
                        input.email()))
                .onSuccess(rows -> Replies.created(ctx, json(rows.iterator().next())))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        UUID id = PathIds.uuid(ctx, "branchId", BranchRoutes::notFound);
        db.preparedQuery("SELECT " + COLUMNS + " FROM branch WHERE id = $1 AND partner_id = $2 AND deleted_at IS NULL")
                .execute(Tuple.of(id, PartnerPrincipal.of(ctx).partnerId()))
                .compose(rows -> Replies.one(rows, BranchRoutes::notFound))
                .onSuccess(row -> ctx.json(json(row)))
                .onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        UUID id = PathIds.uuid(ctx, "branchId", BranchRoutes::notFound);
        BranchInput input = BranchInput.validate(JsonBody.of(ctx));
        UUID partnerId = PartnerPrincipal.of(ctx).partnerId();
        pool.withTransaction(tx -> tx.preparedQuery("SELECT address_text FROM branch"
                                + " WHERE id = $1 AND partner_id = $2 AND deleted_at IS NULL FOR UPDATE")
                        .execute(Tuple.of(id, partnerId))
                        .compose(found -> {
                            if (found.size() == 0) {
                                return Future.failedFuture(notFound());
                            }
                            boolean moved = !found.iterator()
                                    .next()
                                    .getString("address_text")
                                    .equals(input.addressText());
                            return tx.preparedQuery(
                                            "UPDATE branch SET name = $3, address = $4, address_text = $5, email = $6,"
                                                    + " updated_at = now() WHERE id = $1 AND partner_id = $2 RETURNING "
                                                    + COLUMNS)
                                    .execute(Tuple.of(
                                            id,
                                            partnerId,
                                            input.name(),
                                            input.address(),
                                            input.addressText(),
                                            input.email()))
                                    .compose(updated -> Notifications.publish(
                                                    tx, new JsonObject().put("branch", id.toString()))
                                            .map(v -> updated.iterator().next()));
                        }))
                .onSuccess(row -> ctx.json(json(row)))
                .onFailure(ctx::fail);
    }

    /** Deleting a branch deletes its services and revokes their QR codes: a QR must never point to nothing. */
    private void delete(RoutingContext ctx) {
        UUID id = PathIds.uuid(ctx, "branchId", BranchRoutes::notFound);
        UUID partnerId = PartnerPrincipal.of(ctx).partnerId();
        pool.withTransaction(tx -> tx.preparedQuery("UPDATE branch SET deleted_at = now()"
                                + " WHERE id = $1 AND partner_id = $2 AND deleted_at IS NULL")
                        .execute(Tuple.of(id, partnerId))
                        .compose(deleted -> {
                            if (deleted.rowCount() == 0) {
                                return Future.failedFuture(notFound());
                            }
                            return tx.preparedQuery(
                                            "UPDATE service SET deleted_at = now() WHERE branch_id = $1 AND deleted_at IS NULL")
                                    .execute(Tuple.of(id))
                                    .compose(s -> tx.preparedQuery(
                                                    "UPDATE qr_code SET revoked_at = now() WHERE revoked_at IS NULL"
                                                            + " AND service_id IN (SELECT id FROM service WHERE branch_id = $1)")
                                            .execute(Tuple.of(id)))
                                    .compose(q ->
                                            Notifications.publish(tx, new JsonObject().put("branch", id.toString())));
                        }))
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    static JsonObject json(Row row) {
        JsonObject address = (JsonObject) row.getValue("address");
        JsonObject out = new JsonObject()
                .put("id", row.getUUID("id").toString())
                .put("name", row.getString("name"))
                .put("addressText", row.getString("address_text"))
                .put("email", row.getString("email"))
                .put(
                        "createdAt",
                        row.getOffsetDateTime("created_at").toInstant().toString())
                .put(
                        "updatedAt",
                        row.getOffsetDateTime("updated_at").toInstant().toString());
        if (address.containsKey("custom")) {
            out.putNull("address").put("customAddress", address.getString("custom"));
        } else {
            out.put("address", address).putNull("customAddress");
        }
        return out;
    }
}

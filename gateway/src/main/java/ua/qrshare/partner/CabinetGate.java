package ua.qrshare.partner;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import ua.qrshare.auth.PartnerAuthentication;
import ua.qrshare.auth.PartnerPrincipal;
import ua.qrshare.http.Problem;

/**
 * Keeps a partner out of the cabinet's working routes (branches, services, QR codes) until it has filled the profile
 * and signed the current offer version, as the service's rules require. Mount it right after
 * {@link PartnerAuthentication}:
 *
 * <pre>{@code
 * CabinetGate gate = new CabinetGate(gateway.database().client());
 * router.post("/api/v1/branches").handler(gateway.partnerAuthentication()).handler(gate).handler(this::create);
 * }</pre>
 *
 * It answers 403 {@code PROFILE_INCOMPLETE} (with {@code missing}: the fields to fill) or 403
 * {@code OFFER_NOT_ACCEPTED} (with {@code currentVersion}), and otherwise passes the request on. One indexed query
 * per request on the pipelined client, nothing cached: filling the profile or signing the offer takes effect on the
 * next request, on every gateway instance. The gate checks that the passport is stored, not that it decrypts (that
 * would need the field key here); {@code GET /api/v1/partner} reports an unreadable one as missing.
 * Instances are immutable and may be shared by all routes and event loops.
 */
public final class CabinetGate implements Handler<RoutingContext> {

    private static final String STATUS = """
            SELECT p.email IS NOT NULL AS has_email, p.phone IS NOT NULL AS has_phone,
                   p.passport_encrypted IS NOT NULL AS has_passport,
                   EXISTS (SELECT 1 FROM offer_acceptance a WHERE a.partner_id = p.id AND a.offer_version = $2)
                       AS offer_accepted
            FROM partner p WHERE p.id = $1""";

    private final SqlClient db;
    private final int offerVersion;

    /** @param db the gateway's pipelined client, {@code gateway.database().client()} */
    public CabinetGate(SqlClient db) {
        this(db, Offer.CURRENT_VERSION);
    }

    /** With the offer version partners must have signed: tests publish a newer one than {@link Offer#CURRENT_VERSION}. */
    CabinetGate(SqlClient db, int offerVersion) {
        this.db = db;
        this.offerVersion = offerVersion;
    }

    @Override
    public void handle(RoutingContext ctx) {
        PartnerPrincipal principal = PartnerPrincipal.of(ctx);
        db.preparedQuery(STATUS)
                .execute(Tuple.of(principal.partnerId(), offerVersion))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        ctx.fail(ar.cause());
                    } else if (ar.result().size() == 0) {
                        ctx.fail(PartnerAuthentication.unauthenticated());
                    } else {
                        admit(ctx, ar.result().iterator().next());
                    }
                });
    }

    private void admit(RoutingContext ctx, Row status) {
        JsonArray missing = new JsonArray();
        addIfFalse(missing, status, "has_email", "email");
        addIfFalse(missing, status, "has_phone", "phone");
        addIfFalse(missing, status, "has_passport", "passport");
        if (!missing.isEmpty()) {
            ctx.fail(profileIncomplete(missing));
        } else if (!status.getBoolean("offer_accepted")) {
            ctx.fail(offerNotAccepted(offerVersion));
        } else {
            ctx.next();
        }
    }

    private static void addIfFalse(JsonArray missing, Row status, String column, String field) {
        if (!status.getBoolean(column)) {
            missing.add(field);
        }
    }

    static Problem profileIncomplete(JsonArray missing) {
        return new Problem(
                403,
                "PROFILE_INCOMPLETE",
                "Спершу заповніть профіль: електронну пошту, телефон і паспортні дані керівника"
                        + " (розділ «Профіль» у кабінеті).",
                "Complete the profile first: the e-mail, the phone and the head's passport data"
                        + " (the Profile section of the cabinet).",
                new JsonObject().put("missing", missing));
    }

    static Problem offerNotAccepted(int currentVersion) {
        return new Problem(
                403,
                "OFFER_NOT_ACCEPTED",
                "Підпишіть заяву про приєднання до публічної оферти (версія " + currentVersion
                        + ") КЕП керівника, з яким ви увійшли до кабінету.",
                "Sign the statement of accession to the public offer (version " + currentVersion
                        + ") with the head's qualified e-signature you logged in with.",
                new JsonObject().put("currentVersion", currentVersion));
    }
}

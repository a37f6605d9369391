package ua.qrshare.partner;

import io.netty.handler.codec.http.HttpHeaderValues;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import ua.qrshare.auth.PartnerAuthentication;
import ua.qrshare.auth.PartnerPrincipal;
import ua.qrshare.http.JsonBody;
import ua.qrshare.http.Problem;
import ua.qrshare.http.Routes;
import ua.qrshare.pki.CmsSignatures;
import ua.qrshare.secrets.FieldCipher;
import ua.qrshare.secrets.LookupHash;

/**
 * The partner's own profile and the public offer, all behind the partner login:
 * {@code GET /api/v1/partner}, {@code PUT /api/v1/partner/profile}, {@code GET /api/v1/offer} and
 * {@code POST /api/v1/offer/accept}. These are what a partner must get through before {@link CabinetGate} opens the
 * rest of the cabinet, so they are not behind the gate themselves.
 */
public final class PartnerRoutes implements Routes {

    private final PartnerAuthentication authentication;
    private final Partners partners;
    private final OfferAccession accession;
    private final Offer offer;
    private final Buffer offerDocument;

    public PartnerRoutes(
            Vertx vertx,
            SqlClient db,
            FieldCipher fieldCipher,
            LookupHash lookupHash,
            CmsSignatures kepSignatures,
            PartnerAuthentication authentication) {
        this(vertx, db, fieldCipher, lookupHash, kepSignatures, authentication, Offer.current());
    }

    /** With the offer version to publish: tests publish a newer one than {@link Offer#CURRENT_VERSION}. */
    PartnerRoutes(
            Vertx vertx,
            SqlClient db,
            FieldCipher fieldCipher,
            LookupHash lookupHash,
            CmsSignatures kepSignatures,
            PartnerAuthentication authentication,
            Offer offer) {
        this.authentication = authentication;
        this.partners = new Partners(db, new PassportCipher(fieldCipher));
        this.accession = new OfferAccession(
                vertx, db, kepSignatures, lookupHash, partners, offer, new AccessionEvidence(fieldCipher));
        this.offer = offer;
        // The offer never changes while the gateway runs: encode its document once.
        this.offerDocument = new JsonObject()
                .put("version", offer.version())
                .put("text", new String(offer.text(), StandardCharsets.UTF_8))
                .put("sha256", offer.sha256())
                .toBuffer();
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/partner").handler(authentication).handler(this::partner);
        router.put("/api/v1/partner/profile")
                .consumes("application/json")
                .handler(authentication)
                .handler(this::updateProfile);
        router.get("/api/v1/offer").handler(authentication).handler(ctx -> send(ctx, offerDocument));
        router.post("/api/v1/offer/accept")
                .consumes("application/json")
                .handler(authentication)
                .handler(this::accept);
    }

    private void partner(RoutingContext ctx) {
        UUID partnerId = PartnerPrincipal.of(ctx).partnerId();
        view(partnerId).onSuccess(view -> send(ctx, view.toJson().toBuffer())).onFailure(ctx::fail);
    }

    private void updateProfile(RoutingContext ctx) {
        UUID partnerId = PartnerPrincipal.of(ctx).partnerId();
        ProfileForm.Update update = ProfileForm.read(JsonBody.of(ctx));
        partners.updateProfile(partnerId, update)
                .compose(updated -> updated ? view(partnerId) : Future.failedFuture(ProfileForm.passportRequired()))
                .onSuccess(view -> send(ctx, view.toJson().toBuffer()))
                .onFailure(ctx::fail);
    }

    private void accept(RoutingContext ctx) {
        UUID partnerId = PartnerPrincipal.of(ctx).partnerId();
        AcceptanceForm form = AcceptanceForm.read(JsonBody.of(ctx));
        if (form.version() != offer.version()) {
            throw outdated(offer.version());
        }
        accession
                .accept(partnerId, form.signature())
                .onSuccess(acceptance -> send(ctx, acceptance.toJson().toBuffer()))
                .onFailure(ctx::fail);
    }

    private Future<PartnerView> view(UUID partnerId) {
        return partners.view(partnerId, offer.version())
                .compose(view -> view.map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture(PartnerAuthentication.unauthenticated())));
    }

    static Problem outdated(int currentVersion) {
        return new Problem(
                409,
                "OFFER_VERSION_OUTDATED",
                "Ви підписали не ту версію оферти. Чинна версія — " + currentVersion
                        + ": завантажте її текст знову та підпишіть його.",
                "You signed another version of the offer. The current version is " + currentVersion
                        + ": fetch its text again and sign it.",
                new JsonObject().put("currentVersion", currentVersion));
    }

    /** Personal data: never cached by browsers or proxies. */
    private static void send(RoutingContext ctx, Buffer json) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .putHeader(HttpHeaders.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .end(json);
    }
}

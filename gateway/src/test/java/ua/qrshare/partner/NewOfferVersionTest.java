package ua.qrshare.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.qrshare.partner.CabinetClient.assertProblem;
import static ua.qrshare.partner.CabinetClient.profile;
import static ua.qrshare.partner.OfferAcceptanceTest.accept;
import static ua.qrshare.testing.Await.await;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import ua.qrshare.config.Config;
import ua.qrshare.http.HttpVerticle;
import ua.qrshare.http.Routes;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.KepSigner;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.TestGateway;

/**
 * Publishing a new offer version: partners who signed the old one have to sign again. The gateway keeps serving
 * {@link Offer#CURRENT_VERSION}; a second HTTP front end on the same Vert.x, database and keys publishes a test
 * version, as the gateway will once a new text ships.
 */
class NewOfferVersionTest {

    /** Far above any published version, so this test resource never shadows a real offer text on the classpath. */
    static final int NEXT_VERSION = 999;

    static final String GATED = "/api/v1/test/gated";

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.with(Map.of());

    static Http current;
    static Http next;
    static Offer nextOffer;

    @BeforeAll
    static void start() {
        current = new Http(gateway.config().httpPort());
        nextOffer = Offer.load(NEXT_VERSION);
        assertThat(nextOffer.version()).isGreaterThan(Offer.CURRENT_VERSION);

        Config frontEnd = TestGateway.config(gateway.dataDir(), Map.of());
        Routes partnerRoutes = new PartnerRoutes(
                gateway.vertx(),
                gateway.database().client(),
                gateway.fieldCipher(),
                gateway.lookupHash(),
                gateway.kepSignatures(),
                gateway.partnerAuthentication(),
                nextOffer);
        CabinetGate gate = new CabinetGate(gateway.database().client(), NEXT_VERSION);
        Routes probe = (Router router) -> router.get(GATED)
                .handler(gateway.partnerAuthentication())
                .handler(gate)
                .handler(ctx -> ctx.json(new JsonObject().put("open", true)));
        await(gateway.vertx()
                .deployVerticle(
                        () -> new HttpVerticle(frontEnd, List.of(partnerRoutes, probe)), new DeploymentOptions()));
        next = new Http(frontEnd.httpPort());
    }

    @Test
    void a_new_version_must_be_signed_again() {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, current);
        partner.put("/api/v1/partner/profile", profile("office@example.com", "+380671112233", "123456789"));
        var head = KepSigner.head(
                gateway.devPki(), partner.headRnokpp(), partner.edrpou, "Тестовий Керівник", "ТОВ «Тест»");
        assertThat(accept(
                                partner,
                                Offer.CURRENT_VERSION,
                                KepSigner.sign(head, Offer.current().text(), false))
                        .statusCode())
                .isEqualTo(200);

        CabinetClient later = partner.via(next);
        JsonObject offer = later.partner().getJsonObject("offer");
        assertThat(offer.getInteger("currentVersion")).isEqualTo(NEXT_VERSION);
        assertThat(offer.getInteger("acceptedVersion")).isEqualTo(Offer.CURRENT_VERSION);
        assertThat(offer.getBoolean("accepted")).isFalse();
        assertProblem(later.get(GATED), 403, "OFFER_NOT_ACCEPTED");

        JsonObject served = new JsonObject(later.get("/api/v1/offer").body());
        assertThat(served.getInteger("version")).isEqualTo(NEXT_VERSION);
        assertThat(served.getString("sha256")).isEqualTo(nextOffer.sha256());

        JsonObject outdated = assertProblem(
                accept(
                        later,
                        Offer.CURRENT_VERSION,
                        KepSigner.sign(head, Offer.current().text(), false)),
                409,
                "OFFER_VERSION_OUTDATED");
        assertThat(outdated.getInteger("currentVersion")).isEqualTo(NEXT_VERSION);
        assertProblem(
                accept(later, NEXT_VERSION, KepSigner.sign(head, Offer.current().text(), false)),
                401,
                "INVALID_SIGNATURE");

        HttpResponse<String> signed = accept(later, NEXT_VERSION, KepSigner.sign(head, nextOffer.text(), true));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        offer = later.partner().getJsonObject("offer");
        assertThat(offer.getInteger("acceptedVersion")).isEqualTo(NEXT_VERSION);
        assertThat(offer.getBoolean("accepted")).isTrue();
        assertThat(later.get(GATED).statusCode()).isEqualTo(200);

        // Both acceptances stay on record.
        assertThat(CabinetClient.query(
                                gateway,
                                "SELECT offer_version FROM offer_acceptance WHERE partner_id = $1"
                                        + " ORDER BY offer_version",
                                partner.partnerId)
                        .size())
                .isEqualTo(2);
    }
}

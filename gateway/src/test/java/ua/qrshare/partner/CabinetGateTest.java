package ua.qrshare.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.qrshare.partner.CabinetClient.assertProblem;
import static ua.qrshare.partner.CabinetClient.profile;
import static ua.qrshare.partner.CabinetClient.query;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import ua.qrshare.http.Routes;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.KepSigner;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.TestPartners;

/** {@link CabinetGate} in front of a probe route standing in for the branch, service and QR endpoints. */
class CabinetGateTest {

    static final String GATED = "/api/v1/test/gated";

    static CabinetGate gate;
    static Http http;

    /** The gateway mounts routes while it starts, before {@code gateway} is assigned: resolve both per request. */
    static final Routes PROBE = router -> router.get(GATED)
            .handler(ctx -> CabinetGateTest.gateway.partnerAuthentication().handle(ctx))
            .handler(ctx -> gate.handle(ctx))
            .handler(ctx -> ctx.json(new JsonObject().put("open", true)));

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.with(Map.of(), PROBE);

    @BeforeAll
    static void start() {
        gate = new CabinetGate(gateway.database().client());
        http = new Http(gateway.config().httpPort());
    }

    @Test
    void the_cabinet_opens_after_the_profile_and_then_the_offer() {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        JsonObject incomplete = assertProblem(partner.get(GATED), 403, "PROFILE_INCOMPLETE");
        assertThat(incomplete.getJsonArray("missing"))
                .isEqualTo(new JsonArray().add("email").add("phone").add("passport"));
        assertThat(incomplete.getJsonObject("messages").getString("uk")).contains("профіль");

        assertThat(partner.put("/api/v1/partner/profile", profile("office@example.com", "+380671112233", "КН123456"))
                        .statusCode())
                .isEqualTo(200);
        JsonObject notAccepted = assertProblem(partner.get(GATED), 403, "OFFER_NOT_ACCEPTED");
        assertThat(notAccepted.getInteger("currentVersion")).isEqualTo(Offer.CURRENT_VERSION);
        assertThat(notAccepted.getJsonObject("messages").getString("uk"))
                .contains("оферт")
                .contains("КЕП");

        String signature = KepSigner.sign(
                KepSigner.head(
                        gateway.devPki(), partner.headRnokpp(), partner.edrpou, "Тестовий Керівник", "ТОВ «Тест»"),
                Offer.current().text(),
                false);
        assertThat(OfferAcceptanceTest.accept(partner, Offer.CURRENT_VERSION, signature)
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> open = partner.get(GATED);
        assertThat(open.statusCode()).as(open.body()).isEqualTo(200);
        assertThat(new JsonObject(open.body()).getBoolean("open")).isTrue();
    }

    @Test
    void the_profile_is_checked_before_the_offer_and_names_what_is_missing() {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        query(gateway, "UPDATE partner SET email = 'office@example.com' WHERE id = $1", partner.partnerId);
        query(
                gateway,
                "INSERT INTO offer_acceptance (partner_id, offer_version, text_sha256, signature_encrypted,"
                        + " signer_certificate_encrypted)"
                        + " VALUES ($1, $2, '\\x00', '\\x00', '\\x00')",
                partner.partnerId,
                Offer.CURRENT_VERSION);
        JsonObject problem = assertProblem(partner.get(GATED), 403, "PROFILE_INCOMPLETE");
        assertThat(problem.getJsonArray("missing"))
                .isEqualTo(new JsonArray().add("phone").add("passport"));
    }

    @Test
    void an_active_partner_passes_and_a_stranger_is_401() {
        UUID active = TestPartners.activeLegalEntity(gateway, "39999999", "ТОВ «Активна»");
        assertThat(new CabinetClient(http, gateway, active, "39999999")
                        .get(GATED)
                        .statusCode())
                .isEqualTo(200);
        assertProblem(http.get(GATED), 401, "UNAUTHENTICATED");
    }

    @Test
    void an_acceptance_of_another_version_does_not_open_the_cabinet() {
        UUID partnerId = TestPartners.activeLegalEntity(gateway, "39999998", "ТОВ «Стара версія»");
        query(
                gateway,
                "UPDATE offer_acceptance SET offer_version = $2 WHERE partner_id = $1",
                partnerId,
                Offer.CURRENT_VERSION - 1);
        assertProblem(new CabinetClient(http, gateway, partnerId, "39999998").get(GATED), 403, "OFFER_NOT_ACCEPTED");
    }
}

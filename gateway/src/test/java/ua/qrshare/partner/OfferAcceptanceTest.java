package ua.qrshare.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.qrshare.partner.CabinetClient.assertProblem;
import static ua.qrshare.partner.CabinetClient.fieldErrors;
import static ua.qrshare.partner.CabinetClient.query;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import ua.qrshare.dev.PartnerCertificates;
import ua.qrshare.pki.SigningIdentity;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.KepSigner;
import ua.qrshare.testing.RunningGateway;

/** {@code GET /api/v1/offer} and {@code POST /api/v1/offer/accept} with real КЕП signatures from the dev CA. */
class OfferAcceptanceTest {

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.with(Map.of());

    static Http http;
    static byte[] offerText;

    @BeforeAll
    static void start() throws IOException {
        http = new Http(gateway.config().httpPort());
        try (InputStream in = OfferAcceptanceTest.class.getResourceAsStream("/offer/offer-v1.uk.txt")) {
            offerText = in.readAllBytes();
        }
    }

    @Test
    void the_offer_is_served_with_the_sha256_of_its_exact_bytes() throws Exception {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        HttpResponse<String> r = partner.get("/api/v1/offer");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject offer = new JsonObject(r.body());
        assertThat(offer.getInteger("version")).isEqualTo(Offer.CURRENT_VERSION);
        byte[] served = offer.getString("text").getBytes(StandardCharsets.UTF_8);
        assertThat(served).isEqualTo(offerText);
        assertThat(offer.getString("sha256"))
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(served)));
        assertThat(offer.getString("text"))
                .startsWith("ДОГОВІР ПРИЄДНАННЯ")
                .contains("180 днів")
                .contains("Про захист персональних даних")
                .contains("P7S")
                .doesNotContain("\r");
    }

    @Test
    void the_head_accepts_with_a_detached_signature() {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        SigningIdentity head = head(partner);
        String signature = KepSigner.sign(head, offerText, false);

        HttpResponse<String> r = accept(partner, Offer.CURRENT_VERSION, signature);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject acceptance = new JsonObject(r.body());
        assertThat(acceptance.getInteger("version")).isEqualTo(Offer.CURRENT_VERSION);
        assertThat(acceptance.getString("sha256")).isEqualTo(Offer.current().sha256());
        assertThat(Instant.parse(acceptance.getString("acceptedAt")))
                .isBetween(Instant.now().minusSeconds(60), Instant.now());

        JsonObject status = partner.partner().getJsonObject("offer");
        assertThat(status.getBoolean("accepted")).isTrue();
        assertThat(status.getInteger("acceptedVersion")).isEqualTo(Offer.CURRENT_VERSION);
        assertThat(status.getString("acceptedAt")).isEqualTo(acceptance.getString("acceptedAt"));

        Row stored = acceptanceRow(partner.partnerId);
        AccessionEvidence.Opened evidence = evidence(partner.partnerId, stored);
        assertThat(evidence.signature()).isEqualTo(Base64.getDecoder().decode(signature));
        assertThat(evidence.signerCertificate()).isEqualTo(encoded(head));
        assertThat(HexFormat.of().formatHex(stored.getBuffer("text_sha256").getBytes()))
                .isEqualTo(Offer.current().sha256());
    }

    @Test
    void the_evidence_is_stored_encrypted_and_still_proves_the_accession() throws Exception {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        SigningIdentity head = head(partner);
        assertThat(accept(partner, Offer.CURRENT_VERSION, KepSigner.sign(head, offerText, true))
                        .statusCode())
                .isEqualTo(200);

        // Nothing in the row names the head: neither the RNOKPP (TINUA-…, or its digits) nor the name, in any column.
        Row stored = acceptanceRow(partner.partnerId);
        for (int i = 0; i < stored.size(); i++) {
            Object value = stored.getValue(i);
            byte[] bytes = value instanceof io.vertx.core.buffer.Buffer b
                    ? b.getBytes()
                    : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
            String asText = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(asText)
                    .as(stored.getColumnName(i))
                    .doesNotContain(partner.headRnokpp())
                    .doesNotContain(
                            new String("Керівник".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        }
        assertThat(query(
                                gateway,
                                "SELECT column_name FROM information_schema.columns WHERE table_name = 'offer_acceptance'"
                                        + " AND data_type = 'bytea' AND column_name NOT LIKE '%\\_encrypted' AND column_name <> 'text_sha256'")
                        .size())
                .isZero();

        // The key holder proves it: open the evidence, verify the signature over the offer text, read the signer.
        AccessionEvidence.Opened evidence = evidence(partner.partnerId, stored);
        var verified = gateway.kepSignatures().verify(evidence.signature(), offerText, Instant.now());
        assertThat(verified.signer().getEncoded()).isEqualTo(evidence.signerCertificate());
        assertThat(ua.qrshare.auth.KepIdentity.of(verified.signer()).rnokpp()).isEqualTo(partner.headRnokpp());

        // Bound to its row: the ciphertext does not open for another partner.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AccessionEvidence(gateway.fieldCipher())
                        .open(
                                UUID.randomUUID(),
                                Offer.CURRENT_VERSION,
                                stored.getBuffer("signature_encrypted").getBytes(),
                                stored.getBuffer("signer_certificate_encrypted").getBytes()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static AccessionEvidence.Opened evidence(UUID partnerId, Row stored) {
        return new AccessionEvidence(gateway.fieldCipher())
                .open(
                        partnerId,
                        stored.getInteger("offer_version"),
                        stored.getBuffer("signature_encrypted").getBytes(),
                        stored.getBuffer("signer_certificate_encrypted").getBytes());
    }

    @Test
    void the_head_accepts_with_an_attached_signature() {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        HttpResponse<String> r = accept(partner, Offer.CURRENT_VERSION, KepSigner.sign(head(partner), offerText, true));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(partner.partner().getJsonObject("offer").getBoolean("accepted"))
                .isTrue();
    }

    @Test
    void signing_the_same_version_again_answers_with_the_acceptance_on_record() {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        SigningIdentity head = head(partner);
        String first = KepSigner.sign(head, offerText, false);
        JsonObject accepted =
                new JsonObject(accept(partner, Offer.CURRENT_VERSION, first).body());

        HttpResponse<String> again = accept(partner, Offer.CURRENT_VERSION, KepSigner.sign(head, offerText, true));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(again.body())).isEqualTo(accepted);
        assertThat(query(gateway, "SELECT count(*) FROM offer_acceptance WHERE partner_id = $1", partner.partnerId)
                        .iterator()
                        .next()
                        .getLong(0))
                .isEqualTo(1);
        assertThat(evidence(partner.partnerId, acceptanceRow(partner.partnerId)).signature())
                .isEqualTo(Base64.getDecoder().decode(first));
    }

    @Test
    void a_signature_over_other_bytes_is_invalid() {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        SigningIdentity head = head(partner);
        byte[] altered = new String(offerText, StandardCharsets.UTF_8)
                .replace("180 днів", "365 днів")
                .getBytes(StandardCharsets.UTF_8);
        byte[] crlf = new String(offerText, StandardCharsets.UTF_8)
                .replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8);

        assertProblem(
                accept(partner, Offer.CURRENT_VERSION, KepSigner.sign(head, altered, false)), 401, "INVALID_SIGNATURE");
        assertProblem(
                accept(partner, Offer.CURRENT_VERSION, KepSigner.sign(head, altered, true)), 401, "INVALID_SIGNATURE");
        assertProblem(
                accept(partner, Offer.CURRENT_VERSION, KepSigner.sign(head, crlf, false)), 401, "INVALID_SIGNATURE");
        assertNotAccepted(partner);
    }

    @Test
    void a_valid_signature_by_anyone_but_the_head_is_refused() {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        SigningIdentity employee = KepSigner.head(
                gateway.devPki(), "2" + partner.edrpou + "9", partner.edrpou, "Інша Особа", "ТОВ «Тест»");
        SigningIdentity headOfAnotherCompany =
                KepSigner.head(gateway.devPki(), partner.headRnokpp(), "49999999", "Тестовий Керівник", "ТОВ «Інша»");
        SigningIdentity headAsPrivatePerson =
                KepSigner.head(gateway.devPki(), partner.headRnokpp(), null, "Тестовий Керівник", null);

        for (SigningIdentity signer : new SigningIdentity[] {employee, headOfAnotherCompany, headAsPrivatePerson}) {
            JsonObject problem = assertProblem(
                    accept(partner, Offer.CURRENT_VERSION, KepSigner.sign(signer, offerText, false)),
                    403,
                    "SIGNER_NOT_PARTNER_HEAD");
            assertThat(problem.getJsonObject("messages").getString("uk")).contains("керівник");
        }
        assertNotAccepted(partner);
    }

    @Test
    void a_sole_proprietor_signs_with_a_personal_certificate_not_a_companys() {
        String rnokpp = "3012345678";
        UUID id = UUID.randomUUID();
        query(
                gateway,
                "INSERT INTO partner (id, kind, owner_rnokpp_hash, name, head_name)"
                        + " VALUES ($1, 'sole_proprietor', $2, 'ФОП Тестовий', 'Тестовий Підприємець')",
                id,
                io.vertx.core.buffer.Buffer.buffer(gateway.lookupHash().of(rnokpp)));
        CabinetClient partner = new CabinetClient(http, gateway, id, null);
        assertThat(partner.partner().getString("kind")).isEqualTo("sole-proprietor");

        SigningIdentity companyCertificate =
                KepSigner.head(gateway.devPki(), rnokpp, "48888888", "Тестовий Підприємець", "ТОВ «Чужа»");
        assertProblem(
                accept(partner, Offer.CURRENT_VERSION, KepSigner.sign(companyCertificate, offerText, false)),
                403,
                "SIGNER_NOT_PARTNER_HEAD");

        SigningIdentity personal = KepSigner.head(gateway.devPki(), rnokpp, null, "Тестовий Підприємець", null);
        HttpResponse<String> r = accept(partner, Offer.CURRENT_VERSION, KepSigner.sign(personal, offerText, true));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void only_the_current_version_can_be_accepted() {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        String signature = KepSigner.sign(head(partner), offerText, false);
        for (int version : new int[] {Offer.CURRENT_VERSION - 1, Offer.CURRENT_VERSION + 1}) {
            JsonObject problem = assertProblem(accept(partner, version, signature), 409, "OFFER_VERSION_OUTDATED");
            assertThat(problem.getInteger("currentVersion")).isEqualTo(Offer.CURRENT_VERSION);
            assertThat(problem.getJsonObject("messages").getString("en"))
                    .contains("version is " + Offer.CURRENT_VERSION);
        }
        assertNotAccepted(partner);
    }

    @Test
    void malformed_requests_and_certificate_problems_get_their_own_codes() {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        assertThat(fieldErrors(partner.post("/api/v1/offer/accept", new JsonObject())))
                .containsExactlyInAnyOrder("version:REQUIRED", "signature:REQUIRED");
        assertThat(fieldErrors(partner.post(
                        "/api/v1/offer/accept",
                        new JsonObject().put("version", "1").put("signature", 7))))
                .containsExactlyInAnyOrder("version:NOT_AN_INTEGER", "signature:NOT_A_STRING");
        assertProblem(accept(partner, Offer.CURRENT_VERSION, "bm90IGEgc2lnbmF0dXJl"), 400, "MALFORMED_SIGNATURE");
        assertProblem(accept(partner, Offer.CURRENT_VERSION, "A"), 400, "MALFORMED_SIGNATURE");

        Instant now = Instant.now();
        SigningIdentity expired = PartnerCertificates.issue(
                gateway.devPki(),
                new PartnerCertificates.Request(
                        partner.headRnokpp(),
                        partner.edrpou,
                        "Тестовий Керівник",
                        "Директор",
                        "ТОВ «Тест»",
                        now.minus(Duration.ofDays(400)),
                        now.minus(Duration.ofDays(1)),
                        true));
        assertProblem(
                accept(partner, Offer.CURRENT_VERSION, KepSigner.sign(expired, offerText, false)),
                401,
                "CERTIFICATE_EXPIRED");
        assertNotAccepted(partner);
    }

    private static SigningIdentity head(CabinetClient partner) {
        return KepSigner.head(
                gateway.devPki(), partner.headRnokpp(), partner.edrpou, "Тестовий Керівник", "ТОВ «Тест»");
    }

    static HttpResponse<String> accept(CabinetClient partner, int version, String signature) {
        return partner.post(
                "/api/v1/offer/accept", new JsonObject().put("version", version).put("signature", signature));
    }

    private static void assertNotAccepted(CabinetClient partner) {
        assertThat(partner.partner().getJsonObject("offer").getBoolean("accepted"))
                .isFalse();
        assertThat(query(gateway, "SELECT count(*) FROM offer_acceptance WHERE partner_id = $1", partner.partnerId)
                        .iterator()
                        .next()
                        .getLong(0))
                .isZero();
    }

    private static Row acceptanceRow(UUID partnerId) {
        return query(gateway, "SELECT * FROM offer_acceptance WHERE partner_id = $1", partnerId)
                .iterator()
                .next();
    }

    private static byte[] encoded(SigningIdentity identity) {
        try {
            return identity.certificate().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

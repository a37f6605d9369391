package ua.qrshare.share;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.qrshare.testing.Api.expect;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import ua.qrshare.dev.JwsIssuer;
import ua.qrshare.scan.ShareRequests;
import ua.qrshare.testing.Api;
import ua.qrshare.testing.AppClient;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.Problems;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.TestPartners;

/** The citizen's confirmation: every check before the job row is committed, idempotent retries, single use. */
class ShareAcceptanceTest {

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.with(Map.of("share.workers", "-1"));

    static Http http;
    static Api partner;
    static AppClient app;

    @BeforeAll
    static void start() {
        // No signing workers: these tests look at accepted jobs before anything delivers them.
        http = new Http(gateway.config().httpPort());
        partner = new Api(
                http, TestPartners.login(gateway, TestPartners.activeLegalEntity(gateway, "33000001", "ТОВ «Прокат»")));
        app = new AppClient(http, partner);
    }

    static String attestation(String subject, String type, long expiresInSeconds) {
        return gateway.devDocumentService()
                .sign(new JsonObject()
                        .put("sub", subject)
                        .put("type", type)
                        .put("iat", Instant.now().getEpochSecond())
                        .put("exp", Instant.now().getEpochSecond() + expiresInSeconds)
                        .put(
                                "fields",
                                new JsonObject()
                                        .put("lastName", "Шевченко")
                                        .put("firstName", "Тарас")
                                        .put("documentNumber", "004512345")));
    }

    static JsonObject body(String requestToken, String... attestations) {
        return new JsonObject()
                .put("requestToken", requestToken)
                .put("documents", new JsonArray(java.util.List.of((Object[]) attestations)));
    }

    static HttpResponse<String> share(String token, String key, JsonObject body) {
        HttpRequest.Builder b = http.request("/api/v1/app/shares")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return http.send(b.build());
    }

    /** A fresh QR for driver-license + id-card, resolved by {@code subject}: {token, requestToken}. */
    static String[] resolved(String subject) {
        String[] qr = app.issueQr();
        String token = app.appToken(subject);
        return new String[] {token, expect(app.resolve(token, qr[3]), 200).getString("requestToken")};
    }

    @Test
    void a_confirmed_share_is_committed_encrypted_before_the_202_and_its_status_is_visible_to_its_owner() {
        String subject = "citizen-share-" + UUID.randomUUID();
        String[] r = resolved(subject);
        JsonObject b = body(r[1], attestation(subject, "driver-license", 600), attestation(subject, "id-card", 600));
        JsonObject accepted = expect(share(r[0], "key-1", b), 202);
        assertThat(accepted.getString("status")).isEqualTo("accepted");
        String shareId = accepted.getString("shareId");

        Row row =
                one("SELECT status, document_types, payload_encrypted, subject_hash FROM share WHERE id = $1", shareId);
        assertThat(row.getString("status")).isEqualTo("accepted");
        assertThat(row.getArrayOfStrings("document_types")).containsExactly("driver-license", "id-card");
        String raw = new String(row.getBuffer("payload_encrypted").getBytes(), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("004512345");
        assertThat(new String(row.getBuffer("payload_encrypted").getBytes(), StandardCharsets.UTF_8))
                .doesNotContain("Шевченко");
        assertThat(new String(row.getBuffer("subject_hash").getBytes(), StandardCharsets.ISO_8859_1))
                .doesNotContain(subject);

        JsonObject status = expect(
                http.send(http.request("/api/v1/app/shares/" + shareId)
                        .header("Authorization", "Bearer " + r[0])
                        .build()),
                200);
        assertThat(status.getString("status")).isEqualTo("accepted");
        assertThat(status.getString("acceptedAt")).isNotNull();
        Problems.assertProblem(
                http.send(http.request("/api/v1/app/shares/" + shareId)
                        .header("Authorization", "Bearer " + app.appToken("someone-else"))
                        .build()),
                404,
                "SHARE_NOT_FOUND");
        // A path id that is not a UUID is the same 404 (http.PathIds), as for branches, services and QR codes.
        Problems.assertProblem(
                http.send(http.request("/api/v1/app/shares/not-a-uuid")
                        .header("Authorization", "Bearer " + r[0])
                        .build()),
                404,
                "SHARE_NOT_FOUND");
    }

    @Test
    void the_dev_document_service_mints_attestations_the_share_accepts() {
        String subject = "citizen-dev-docs-" + UUID.randomUUID();
        String[] r = resolved(subject);
        JsonObject minted = expect(
                http.send(http.request("/dev/documents")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                                .put("subject", subject)
                                .put("photo", true)
                                .put(
                                        "types",
                                        new JsonArray().add("driver-license").add("id-card"))
                                .encode()))
                        .build()),
                200);
        JsonArray docs = minted.getJsonArray("documents");
        assertThat(docs).hasSize(2);
        expect(
                share(
                        r[0],
                        "dev-docs",
                        body(
                                r[1],
                                docs.getJsonObject(0).getString("attestation"),
                                docs.getJsonObject(1).getString("attestation"))),
                202);
        Problems.assertProblem(
                http.send(http.request("/dev/documents")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                                .put("subject", subject)
                                .put("types", new JsonArray().add("moon-passport"))
                                .encode()))
                        .build()),
                422,
                "VALIDATION_FAILED");
    }

    @Test
    void the_partner_sees_its_delivery_history_as_metadata_only() {
        String subject = "citizen-history-" + UUID.randomUUID();
        String[] r = resolved(subject);
        String shareId = expect(
                        share(
                                r[0],
                                "history",
                                body(
                                        r[1],
                                        attestation(subject, "driver-license", 600),
                                        attestation(subject, "id-card", 600))),
                        202)
                .getString("shareId");
        JsonObject page = expect(partner.get("/api/v1/shares?limit=100"), 200);
        JsonObject item = page.getJsonArray("items").stream()
                .map(JsonObject.class::cast)
                .filter(i -> i.getString("shareId").equals(shareId))
                .findFirst()
                .orElseThrow();
        assertThat(item.getJsonArray("documentTypes")).containsExactly("driver-license", "id-card");
        assertThat(item.getJsonObject("service").getString("name")).isEqualTo("Оренда авто");
        assertThat(page.encode()).doesNotContain("Шевченко", "004512345", subject);
        assertThat(expect(partner.get("/api/v1/shares?status=failed"), 200).getJsonArray("items"))
                .isEmpty();
        Problems.assertProblem(partner.get("/api/v1/shares?status=lost"), 400, "INVALID_FILTER");
        Problems.assertProblem(partner.get("/api/v1/shares?from=yesterday"), 400, "INVALID_FILTER");
        Api stranger = new Api(
                http,
                TestPartners.login(gateway, TestPartners.activeLegalEntity(gateway, "33000099", "ТОВ «Стороння»")));
        assertThat(expect(stranger.get("/api/v1/shares"), 200).getJsonArray("items"))
                .isEmpty();
    }

    @Test
    void a_retry_with_the_same_key_gets_the_same_answer_and_a_reused_key_or_request_is_refused() {
        String subject = "citizen-retry-" + UUID.randomUUID();
        String[] r = resolved(subject);
        JsonObject b = body(r[1], attestation(subject, "driver-license", 600), attestation(subject, "id-card", 600));
        String first = expect(share(r[0], "retry-key", b), 202).getString("shareId");
        assertThat(expect(share(r[0], "retry-key", b), 202).getString("shareId"))
                .isEqualTo(first);
        Problems.assertProblem(share(r[0], "retry-key", b.copy().put("extra", true)), 422, "IDEMPOTENCY_KEY_REUSED");
        Problems.assertProblem(share(r[0], "another-key", b), 409, "REQUEST_ALREADY_USED");
        assertThat(one("SELECT count(*) AS n FROM share WHERE request_id = $1", r[1], true)
                        .getLong("n"))
                .isEqualTo(1);
        Problems.assertProblem(share(r[0], null, b), 400, "IDEMPOTENCY_KEY_REQUIRED");
    }

    @Test
    void requests_are_bound_to_their_citizen_and_expire() {
        String subject = "citizen-owner-" + UUID.randomUUID();
        String[] r = resolved(subject);
        String thief = "citizen-thief-" + UUID.randomUUID();
        Problems.assertProblem(
                share(
                        app.appToken(thief),
                        "k",
                        body(r[1], attestation(thief, "driver-license", 600), attestation(thief, "id-card", 600))),
                403,
                "REQUEST_WRONG_SUBJECT");
        Problems.assertProblem(
                share(r[0], "k2", body("garbage", attestation(subject, "id-card", 600))), 400, "REQUEST_MALFORMED");
        String old = new ShareRequests(gateway.secrets().shareRequests())
                .issue(UUID.randomUUID(), subject, Instant.now().minusSeconds(1));
        Problems.assertProblem(
                share(r[0], "k3", body(old, attestation(subject, "id-card", 600))), 410, "REQUEST_EXPIRED");
    }

    @Test
    void attestations_must_verify_be_current_belong_to_the_caller_and_match_the_request_exactly() {
        String subject = "citizen-docs-" + UUID.randomUUID();
        String[] r = resolved(subject);
        String license = attestation(subject, "driver-license", 600);
        String idCard = attestation(subject, "id-card", 600);
        Problems.assertProblem(share(r[0], "a", body(r[1], license)), 422, "DOCUMENT_MISSING");
        Problems.assertProblem(
                share(r[0], "b", body(r[1], license, idCard, attestation(subject, "taxpayer-card", 600))),
                422,
                "DOCUMENT_EXTRA");
        Problems.assertProblem(share(r[0], "c", body(r[1], license, idCard, idCard)), 422, "DOCUMENT_EXTRA");
        Problems.assertProblem(
                share(r[0], "d", body(r[1], license, attestation(subject, "id-card", -60))),
                422,
                "ATTESTATION_EXPIRED");
        Problems.assertProblem(
                share(r[0], "e", body(r[1], license, attestation("somebody-else", "id-card", 600))),
                403,
                "ATTESTATION_WRONG_SUBJECT");
        String forged = JwsIssuer.loadOrCreate(
                        gateway.vertx(),
                        "qrshare-dev-documents",
                        gateway.dataDir().resolve("x").resolve("f.pem"))
                .sign(new JsonObject()
                        .put("sub", subject)
                        .put("type", "id-card")
                        .put("exp", Instant.now().getEpochSecond() + 600)
                        .put("fields", new JsonObject()));
        Problems.assertProblem(share(r[0], "f", body(r[1], license, forged)), 422, "ATTESTATION_INVALID");
        Problems.assertProblem(share(r[0], "g", body(r[1], license, "not-a-jws")), 422, "ATTESTATION_INVALID");
        // None of the refusals used the request up.
        expect(share(r[0], "h", body(r[1], license, idCard)), 202);
    }

    private static Row one(String sql, String id) {
        return one(sql, id, false);
    }

    private static Row one(String sql, String value, boolean text) {
        try {
            Tuple t = text ? Tuple.of(value) : Tuple.of(UUID.fromString(value));
            return gateway.database()
                    .client()
                    .preparedQuery(sql)
                    .execute(t)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS)
                    .iterator()
                    .next();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

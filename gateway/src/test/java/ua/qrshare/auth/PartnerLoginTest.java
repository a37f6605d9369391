package ua.qrshare.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.qrshare.testing.Await.await;
import static ua.qrshare.testing.Problems.assertProblem;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import ua.qrshare.db.Database;
import ua.qrshare.dev.DevPki;
import ua.qrshare.dev.PartnerCertificates;
import ua.qrshare.pki.SigningIdentity;
import ua.qrshare.register.Register;
import ua.qrshare.register.RegisterEntry;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.KepSigner;
import ua.qrshare.testing.LoginClient;
import ua.qrshare.testing.RunningGateway;

/**
 * The КЕП login through a real gateway: certificates from the dev CA (and from a CA it does not trust), real CMS
 * signatures (BouncyCastle and the openssl command), the register and partners in a real PostgreSQL.
 */
class PartnerLoginTest {

    static final String EDRPOU = "41259384";
    static final String HEAD_RNOKPP = "3106504219";
    static final String HEAD_NAME = "Петренко Оксана Василівна";
    static final String ORGANISATION = "ТОВ «Тестова логістика»";
    static final RegisterEntry SECOND = new RegisterEntry(
            "39876548",
            "ПрАТ «Тестовий завод»",
            "2750112345",
            "Гнатюк Роман Ігорович",
            "61000, м. Харків, вул. Сумська, буд. 1");

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.with(Map.of());

    static DevPki pki;
    static Http http;
    static LoginClient client;

    @BeforeAll
    static void start() throws Exception {
        pki = gateway.devPki();
        http = new Http(gateway.config().httpPort());
        client = new LoginClient(http);
        try (Connection connection = Database.jdbcConnection(gateway.database().connectOptions())) {
            Register.write(
                    connection,
                    gateway.lookupHash(),
                    List.of(
                            new RegisterEntry(
                                    EDRPOU,
                                    ORGANISATION,
                                    HEAD_RNOKPP,
                                    "ПЕТРЕНКО ОКСАНА ВАСИЛІВНА",
                                    "01001, м. Київ, вул. Тестова, буд. 1"),
                            SECOND),
                    true);
        }
    }

    @Test
    void the_challenge_is_32_random_bytes_valid_for_five_minutes() {
        LoginClient.Challenge first = client.challenge();
        LoginClient.Challenge second = client.challenge();
        assertThat(first.nonce()).hasSize(32);
        assertThat(first.nonce()).isNotEqualTo(second.nonce());
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(Duration.between(Instant.now(), first.expiresAt()))
                .isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5).plusSeconds(1));
    }

    @Test
    void the_head_of_a_registered_legal_entity_logs_in_with_the_name_from_the_register() {
        SigningIdentity head = KepSigner.head(pki, HEAD_RNOKPP, EDRPOU, HEAD_NAME, "ТОВ ЗЕЛЕНИЙ КВАРТАЛ");
        HttpResponse<String> r = client.login(head, true);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = new JsonObject(r.body());
        JsonObject partner = body.getJsonObject("partner");
        assertThat(partner.getString("kind")).isEqualTo("legal-entity");
        assertThat(partner.getString("edrpou")).isEqualTo(EDRPOU);
        assertThat(partner.getString("name")).isEqualTo(ORGANISATION); // the register's, not the certificate's O
        assertThat(partner.getString("headName")).isEqualTo(HEAD_NAME);
        assertThat(body.getString("token")).isNotBlank();
        assertThat(Instant.parse(body.getString("expiresAt")))
                .isAfter(Instant.now().plus(Duration.ofHours(7)));
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");

        Row row = one(
                "SELECT id, kind, edrpou, name, head_name, owner_rnokpp_hash FROM partner WHERE edrpou = $1", EDRPOU);
        assertThat(row.getUUID("id")).hasToString(partner.getString("id"));
        assertThat(row.getString("name")).isEqualTo(ORGANISATION);
        assertThat(row.getBuffer("owner_rnokpp_hash").getBytes())
                .isEqualTo(gateway.lookupHash().of(HEAD_RNOKPP));
    }

    @Test
    void logging_in_again_keeps_the_same_partner() {
        SigningIdentity head = KepSigner.head(pki, SECOND.headRnokpp(), SECOND.edrpou(), SECOND.headName(), null);
        String first = new JsonObject(client.login(head, true).body())
                .getJsonObject("partner")
                .getString("id");
        String second = new JsonObject(client.login(head, false).body())
                .getJsonObject("partner")
                .getString("id");
        assertThat(second).isEqualTo(first);
        assertThat(one("SELECT count(*) AS n FROM partner WHERE edrpou = $1", SECOND.edrpou())
                        .getLong("n"))
                .isEqualTo(1);
    }

    @Test
    void a_sole_proprietor_logs_in_on_the_taxpayer_number_alone() {
        SigningIdentity fop = KepSigner.head(pki, "3308933114", null, "Ткаченко Василь Іванович", null);
        HttpResponse<String> r = client.login(fop, false);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject partner = new JsonObject(r.body()).getJsonObject("partner");
        assertThat(partner.getString("kind")).isEqualTo("sole-proprietor");
        assertThat(partner.containsKey("edrpou")).isTrue();
        assertThat(partner.getString("edrpou")).isNull();
        assertThat(partner.getString("name")).isEqualTo("ФОП Ткаченко Василь Іванович");
        assertThat(partner.getString("headName")).isEqualTo("Ткаченко Василь Іванович");
        Row row = one("SELECT kind, edrpou FROM partner WHERE id = $1", UUID.fromString(partner.getString("id")));
        assertThat(row.getString("kind")).isEqualTo("sole_proprietor");
        assertThat(row.getString("edrpou")).isNull();
    }

    @Test
    void a_sole_proprietor_whose_certificate_repeats_the_taxpayer_number_as_edrpou_is_a_sole_proprietor() {
        SigningIdentity fop = KepSigner.head(pki, "2756520459", "2756520459", "Мельник Ігор Петрович", null);
        HttpResponse<String> r = client.login(fop, true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(new JsonObject(r.body()).getJsonObject("partner").getString("kind"))
                .isEqualTo("sole-proprietor");
    }

    @Test
    void an_employee_who_is_not_the_head_is_refused() {
        SigningIdentity accountant =
                KepSigner.head(pki, "3333344445", EDRPOU, "Бухгалтерова Ганна Ігорівна", ORGANISATION);
        assertProblem(client.login(accountant, true), 403, "NOT_ORGANISATION_HEAD");
    }

    @Test
    void an_organisation_missing_from_the_register_is_refused() {
        SigningIdentity head = KepSigner.head(pki, HEAD_RNOKPP, "23456783", HEAD_NAME, "ТОВ «Невідома»");
        assertProblem(client.login(head, true), 403, "UNKNOWN_ORGANISATION");
    }

    @Test
    void an_expired_certificate_is_refused() {
        Instant now = Instant.now();
        SigningIdentity expired = PartnerCertificates.issue(
                pki,
                new PartnerCertificates.Request(
                        HEAD_RNOKPP,
                        EDRPOU,
                        HEAD_NAME,
                        "Директор",
                        ORGANISATION,
                        now.minus(Duration.ofDays(400)),
                        now.minus(Duration.ofDays(1)),
                        true));
        assertProblem(client.login(expired, true), 401, "CERTIFICATE_EXPIRED");
    }

    @Test
    void a_certificate_not_yet_valid_is_refused() {
        Instant now = Instant.now();
        SigningIdentity future = PartnerCertificates.issue(
                pki,
                new PartnerCertificates.Request(
                        HEAD_RNOKPP,
                        EDRPOU,
                        HEAD_NAME,
                        "Директор",
                        ORGANISATION,
                        now.plus(Duration.ofDays(1)),
                        now.plus(Duration.ofDays(400)),
                        true));
        assertProblem(client.login(future, true), 401, "CERTIFICATE_NOT_YET_VALID");
    }

    @Test
    void a_certificate_from_an_untrusted_ca_is_refused() {
        // Same CA name as the trusted dev CA, different key: only the signature on the certificate tells them apart.
        DevPki other = DevPki.loadOrCreate(
                gateway.dataDir().resolve("other-pki"), gateway.config().publicBaseUrl());
        SigningIdentity head = KepSigner.head(other, HEAD_RNOKPP, EDRPOU, HEAD_NAME, ORGANISATION);
        assertProblem(client.login(head, true), 401, "UNTRUSTED_CA");
    }

    @Test
    void an_encryption_only_key_is_refused() {
        Instant now = Instant.now();
        SigningIdentity encryption = PartnerCertificates.issue(
                pki,
                new PartnerCertificates.Request(
                        HEAD_RNOKPP,
                        EDRPOU,
                        HEAD_NAME,
                        "Директор",
                        ORGANISATION,
                        now.minus(Duration.ofHours(1)),
                        now.plus(Duration.ofDays(30)),
                        false));
        assertProblem(client.login(encryption, true), 401, "WRONG_KEY_USAGE");
    }

    @Test
    void attached_and_detached_signatures_both_log_in() {
        SigningIdentity head = KepSigner.head(pki, HEAD_RNOKPP, EDRPOU, HEAD_NAME, ORGANISATION);
        assertThat(client.login(head, true).statusCode()).isEqualTo(200);
        assertThat(client.login(head, false).statusCode()).isEqualTo(200);
    }

    @Test
    void signatures_made_by_openssl_log_in_attached_and_detached() throws Exception {
        SigningIdentity head = KepSigner.head(pki, HEAD_RNOKPP, EDRPOU, HEAD_NAME, ORGANISATION);
        Path dir = Files.createTempDirectory(gateway.dataDir(), "openssl");
        Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", head.key().getEncoded()));
        Files.writeString(
                dir.resolve("cert.pem"), pem("CERTIFICATE", head.certificate().getEncoded()));
        Files.writeString(
                dir.resolve("ca.pem"), pem("CERTIFICATE", pki.caCertificate().getEncoded()));

        for (boolean attached : new boolean[] {true, false}) {
            LoginClient.Challenge challenge = client.challenge();
            Files.write(dir.resolve("nonce.bin"), challenge.nonce());
            List<String> command = new ArrayList<>(List.of(
                    "cms",
                    "-sign",
                    "-binary",
                    "-in",
                    "nonce.bin",
                    "-signer",
                    "cert.pem",
                    "-inkey",
                    "key.pem",
                    "-certfile",
                    "ca.pem",
                    "-outform",
                    "DER",
                    "-out",
                    "signature.der"));
            if (attached) {
                command.add("-nodetach"); // detached is openssl's default
            }
            openssl(dir, command);
            // MIME base64 wraps lines, as `openssl base64` does: the API must accept that.
            String signature = Base64.getMimeEncoder().encodeToString(Files.readAllBytes(dir.resolve("signature.der")));
            HttpResponse<String> r = client.login(challenge.id(), signature);
            assertThat(r.statusCode())
                    .as("attached " + attached + ": " + r.body())
                    .isEqualTo(200);
            assertThat(new JsonObject(r.body()).getJsonObject("partner").getString("edrpou"))
                    .isEqualTo(EDRPOU);
        }
    }

    @Test
    void rsa_and_p384_keys_log_in() {
        for (var keys : List.of(TestCertificates.rsa(2048), TestCertificates.ec("secp384r1"))) {
            SigningIdentity fop = TestCertificates.issue(
                    pki.ca(), keys, "C=UA,CN=Гончаренко Марія Олексіївна,SERIALNUMBER=TINUA-3211506787", Map.of());
            HttpResponse<String> r = client.login(fop, true);
            assertThat(r.statusCode())
                    .as(keys.getPublic().getAlgorithm() + ": " + r.body())
                    .isEqualTo(200);
        }
    }

    @Test
    void a_certificate_without_a_taxpayer_number_is_refused() {
        // A person who refused the number for religious reasons: the certificate names a passport instead.
        SigningIdentity passportOnly = TestCertificates.issue(
                pki.ca(),
                TestCertificates.ec("secp256r1"),
                "C=UA,CN=Савченко Петро Іванович,SERIALNUMBER=PASUA-МЕ123456",
                Map.of());
        assertProblem(client.login(passportOnly, true), 403, "NO_TAXPAYER_NUMBER");
    }

    @Test
    void a_certificate_naming_nobody_is_refused() {
        SigningIdentity nameless = TestCertificates.issue(
                pki.ca(), TestCertificates.ec("secp256r1"), "C=UA,SERIALNUMBER=TINUA-3308933114", Map.of());
        assertProblem(client.login(nameless, true), 403, "NO_SIGNER_NAME");
    }

    @Test
    void a_challenge_is_good_for_one_login_only() {
        SigningIdentity head = KepSigner.head(pki, HEAD_RNOKPP, EDRPOU, HEAD_NAME, ORGANISATION);
        LoginClient.Challenge challenge = client.challenge();
        String signature = KepSigner.sign(head, challenge.nonce(), true);
        assertThat(client.login(challenge.id(), signature).statusCode()).isEqualTo(200);
        assertProblem(client.login(challenge.id(), signature), 401, "CHALLENGE_INVALID");
    }

    @Test
    void a_failed_login_uses_up_the_challenge_too() {
        SigningIdentity head = KepSigner.head(pki, HEAD_RNOKPP, EDRPOU, HEAD_NAME, ORGANISATION);
        LoginClient.Challenge challenge = client.challenge();
        assertProblem(
                client.login(challenge.id(), KepSigner.sign(head, "other".getBytes(StandardCharsets.UTF_8), true)),
                401,
                "INVALID_SIGNATURE");
        assertProblem(
                client.login(challenge.id(), KepSigner.sign(head, challenge.nonce(), true)), 401, "CHALLENGE_INVALID");
    }

    @Test
    void an_expired_challenge_is_refused() {
        SigningIdentity head = KepSigner.head(pki, HEAD_RNOKPP, EDRPOU, HEAD_NAME, ORGANISATION);
        LoginClient.Challenge challenge = client.challenge();
        one(
                "UPDATE auth_challenge SET expires_at = now() - interval '1 second' WHERE id = $1 RETURNING id",
                UUID.fromString(challenge.id()));
        assertProblem(
                client.login(challenge.id(), KepSigner.sign(head, challenge.nonce(), true)), 401, "CHALLENGE_INVALID");
    }

    @Test
    void unknown_and_malformed_challenge_ids_are_refused_alike() {
        SigningIdentity head = KepSigner.head(pki, HEAD_RNOKPP, EDRPOU, HEAD_NAME, ORGANISATION);
        String signature = KepSigner.sign(head, new byte[32], true);
        assertProblem(client.login(UUID.randomUUID().toString(), signature), 401, "CHALLENGE_INVALID");
        assertProblem(client.login("not-a-uuid", signature), 401, "CHALLENGE_INVALID");
    }

    @Test
    void a_tampered_signature_value_is_invalid() throws Exception {
        SigningIdentity head = KepSigner.head(pki, HEAD_RNOKPP, EDRPOU, HEAD_NAME, ORGANISATION);
        LoginClient.Challenge challenge = client.challenge();
        byte[] der = Base64.getDecoder().decode(KepSigner.sign(head, challenge.nonce(), true));
        SignerInformation signer =
                new CMSSignedData(der).getSignerInfos().getSigners().iterator().next();
        byte[] value = signer.getSignature();
        int at = indexOf(der, value) + value.length - 1; // the last byte of s in the ECDSA (r, s)
        der[at] ^= 0x01;
        assertProblem(client.login(challenge.id(), Base64.getEncoder().encodeToString(der)), 401, "INVALID_SIGNATURE");
    }

    @Test
    void a_signature_over_other_bytes_is_invalid_attached_or_detached() {
        SigningIdentity head = KepSigner.head(pki, HEAD_RNOKPP, EDRPOU, HEAD_NAME, ORGANISATION);
        for (boolean attached : new boolean[] {true, false}) {
            LoginClient.Challenge challenge = client.challenge();
            byte[] other = challenge.nonce().clone();
            other[0] ^= 0x01;
            assertProblem(
                    client.login(challenge.id(), KepSigner.sign(head, other, attached)), 401, "INVALID_SIGNATURE");
        }
    }

    @Test
    void garbage_is_a_malformed_signature() {
        assertProblem(client.login(client.challenge().id(), "%%% not base64 %%%"), 400, "MALFORMED_SIGNATURE");
        String notCms = Base64.getEncoder().encodeToString("just some bytes, not CMS".getBytes(StandardCharsets.UTF_8));
        assertProblem(client.login(client.challenge().id(), notCms), 400, "MALFORMED_SIGNATURE");
    }

    @Test
    void a_bad_login_body_is_the_one_validation_shape_with_every_field_at_once() {
        JsonObject empty = assertProblem(client.post(AuthRoutes.LOGIN, "{}"), 422, "VALIDATION_FAILED");
        assertThat(fieldErrors(empty)).containsExactlyInAnyOrder("challengeId:REQUIRED", "signature:REQUIRED");
        assertThat(empty.containsKey("field")).isFalse();
        JsonObject noSignature = assertProblem(
                client.post(
                        AuthRoutes.LOGIN,
                        new JsonObject()
                                .put("challengeId", UUID.randomUUID().toString())
                                .encode()),
                422,
                "VALIDATION_FAILED");
        assertThat(fieldErrors(noSignature)).containsExactly("signature:REQUIRED");
        JsonObject numericId = assertProblem(
                client.post(
                        AuthRoutes.LOGIN,
                        new JsonObject()
                                .put("challengeId", 42)
                                .put("signature", 7)
                                .encode()),
                422,
                "VALIDATION_FAILED");
        assertThat(fieldErrors(numericId))
                .containsExactlyInAnyOrder("challengeId:NOT_A_STRING", "signature:NOT_A_STRING");
        assertProblem(client.post(AuthRoutes.LOGIN, "[]"), 400, "MALFORMED_JSON");

        JsonObject english = assertProblem(
                http.send(http.request(AuthRoutes.LOGIN)
                        .header("Content-Type", "application/json")
                        .header("Accept-Language", "en")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                        .build()),
                422,
                "VALIDATION_FAILED");
        JsonObject error = english.getJsonArray("errors").getJsonObject(0);
        assertThat(error.getString("detail"))
                .isEqualTo(error.getJsonObject("messages").getString("en"));
    }

    /** {@code errors[{field, code, detail, messages}]} as "field:CODE"; the detail is the Ukrainian message. */
    private static java.util.List<String> fieldErrors(JsonObject problem) {
        return problem.getJsonArray("errors").stream()
                .map(JsonObject.class::cast)
                .peek(e -> {
                    assertThat(e.getString("detail"))
                            .isEqualTo(e.getJsonObject("messages").getString("uk"))
                            .isNotBlank();
                    assertThat(e.getJsonObject("messages").getString("en")).isNotBlank();
                })
                .map(e -> e.getString("field") + ":" + e.getString("code"))
                .toList();
    }

    private static Row one(String sql, Object parameter) {
        RowSet<Row> rows = await(gateway.database().pool().preparedQuery(sql).execute(Tuple.of(parameter)));
        assertThat(rows.size()).as(sql).isEqualTo(1);
        return rows.iterator().next();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static void openssl(Path dir, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(args);
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("the signature value is not in the DER");
    }
}

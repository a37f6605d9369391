package ua.qrshare;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.qrshare.testing.Api.expect;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import ua.qrshare.dev.DemoPartners;
import ua.qrshare.pki.SigningIdentity;
import ua.qrshare.testing.Api;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.KepSigner;
import ua.qrshare.testing.Problems;
import ua.qrshare.testing.RunningGateway;

/**
 * The whole partner journey through the API alone, as a partner head does it on a dev instance: the demo head's
 * PKCS#12 file → КЕП login → profile → signed offer → branch → service → QR code → a printed poster that scans.
 */
class PartnerJourneyTest {

    @TempDir
    Path work;

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.with(Map.of());

    static Http http;

    @BeforeAll
    static void start() {
        http = new Http(gateway.config().httpPort());
    }

    @Test
    void from_a_pkcs12_file_to_a_printable_qr_code() throws Exception {
        Path pki = gateway.dataDir().resolve("pki");
        String password =
                Files.readString(pki.resolve(DemoPartners.PASSWORD_FILE)).strip();
        SigningIdentity head = SigningIdentity.fromPkcs12(pki.resolve(DemoPartners.KEY_STORE), password.toCharArray());

        java.util.concurrent.BlockingQueue<JsonObject> changes = new java.util.concurrent.LinkedBlockingQueue<>();
        gateway.onCacheChange(changes::add);

        JsonObject challenge = expect(
                http.send(http.request("/api/v1/auth/challenge")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build()),
                201);
        byte[] nonce = Base64.getDecoder().decode(challenge.getString("nonce"));
        JsonObject login = expect(
                http.send(http.request("/api/v1/auth/login")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                                .put("challengeId", challenge.getString("challengeId"))
                                .put("signature", KepSigner.sign(head, nonce, false))
                                .encode()))
                        .build()),
                200);
        Api api = new Api(http, login.getString("token"));
        assertThat(login.getJsonObject("partner").getString("kind")).isEqualTo("legal-entity");
        // The login may have refreshed the partner's name from the register: every instance hears about it.
        JsonObject change;
        do {
            change = changes.poll(10, TimeUnit.SECONDS);
        } while (change != null && change.containsKey("all"));
        assertThat(change)
                .isEqualTo(new JsonObject()
                        .put("partner", login.getJsonObject("partner").getString("id")));

        JsonObject branch =
                new JsonObject().put("name", "Головний офіс").put("customAddress", "м. Київ, вул. Хрещатик, 22");
        Problems.assertProblem(api.post("/api/v1/branches", branch), 403, "PROFILE_INCOMPLETE");

        expect(
                api.put(
                        "/api/v1/partner/profile",
                        new JsonObject()
                                .put("email", "office@example.ua")
                                .put("phone", "+380 (44) 123-45-67")
                                .put("passport", "123456789")),
                200);
        Problems.assertProblem(api.post("/api/v1/branches", branch), 403, "OFFER_NOT_ACCEPTED");

        JsonObject offer = expect(api.get("/api/v1/offer"), 200);
        expect(
                api.post(
                        "/api/v1/offer/accept",
                        new JsonObject()
                                .put("version", offer.getInteger("version"))
                                .put(
                                        "signature",
                                        KepSigner.sign(
                                                head, offer.getString("text").getBytes(StandardCharsets.UTF_8), true))),
                200);
        assertThat(expect(api.get("/api/v1/partner"), 200).getBoolean("profileComplete"))
                .isTrue();

        String branchId = expect(api.post("/api/v1/branches", branch), 201).getString("id");
        String serviceId = expect(
                        api.post(
                                "/api/v1/branches/" + branchId + "/services",
                                new JsonObject()
                                        .put("name", "Відкриття рахунку")
                                        .put("documents", new JsonArray(List.of("id-card", "taxpayer-card")))
                                        .put("legalBasis", "Закон України «Про банки і банківську діяльність», ст. 64")
                                        .put("legalBasisConfirmed", true)),
                        201)
                .getString("id");
        JsonObject qr = expect(api.post("/api/v1/services/" + serviceId + "/qr-codes", null), 201);

        HttpResponse<byte[]> poster = api.getBytes("/api/v1/qr-codes/" + qr.getString("id") + ".pdf");
        assertThat(poster.statusCode()).isEqualTo(200);
        Path pdf = work.resolve("poster.pdf");
        Files.write(pdf, poster.body());
        run(
                "pdftoppm",
                "-r",
                "100",
                "-png",
                "-singlefile",
                pdf.toString(),
                work.resolve("poster").toString());
        assertThat(run("zbarimg", "--raw", "-q", work.resolve("poster.png").toString())
                        .strip())
                .isEqualTo(qr.getString("url"));
        assertThat(run("pdftotext", pdf.toString(), "-")).contains("Головний офіс", "Хрещатик", "Відкриття рахунку");
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
        return out;
    }
}

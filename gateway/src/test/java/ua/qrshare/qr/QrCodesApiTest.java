package ua.qrshare.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.qrshare.testing.Api.expect;
import static ua.qrshare.testing.Await.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import ua.qrshare.db.Notifications;
import ua.qrshare.testing.Api;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.Problems;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.TestPartners;

/** QR codes through the API, checked by independent tools: rsvg-convert, pdftoppm, zbarimg, pdftotext. */
class QrCodesApiTest {

    @TempDir
    Path work;

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.with(Map.of("public.base.url", "https://qr.example.ua"));

    static Http http;
    static Api alpha;
    static Api beta;
    static final BlockingQueue<JsonObject> notified = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() {
        http = new Http(gateway.config().httpPort());
        alpha = new Api(
                http,
                TestPartners.login(gateway, TestPartners.activeLegalEntity(gateway, "31000001", "ТОВ «Кредит Плюс»")));
        beta = new Api(
                http, TestPartners.login(gateway, TestPartners.activeLegalEntity(gateway, "31000002", "ТОВ «Інша»")));
        gateway.onCacheChange(notified::add);
    }

    /** A branch with one service; returns {branchId, serviceId}. */
    static String[] branchWithService(Api api, String branchName) {
        String branchId = expect(
                        api.post(
                                "/api/v1/branches",
                                new JsonObject()
                                        .put("name", branchName)
                                        .put("customAddress", "м. Львів, вул. Городоцька, 15")),
                        201)
                .getString("id");
        String serviceId = expect(
                        api.post(
                                "/api/v1/branches/" + branchId + "/services",
                                new JsonObject()
                                        .put("name", "Оформлення кредиту, Відкриття рахунку")
                                        .put("documents", new JsonArray(List.of("id-card", "taxpayer-card")))
                                        .put("legalBasis", "Закон України «Про споживче кредитування»")
                                        .put("legalBasisConfirmed", true)),
                        201)
                .getString("id");
        return new String[] {branchId, serviceId};
    }

    @Test
    void an_issued_qr_is_valid_180_days_and_decodes_to_its_url_from_svg_and_pdf() throws Exception {
        String serviceId = branchWithService(alpha, "Львів-центр")[1];
        JsonObject qr = expect(alpha.post("/api/v1/services/" + serviceId + "/qr-codes", null), 201);
        String url = qr.getString("url");
        assertThat(url).startsWith("https://qr.example.ua/s/");
        assertThat(qr.getString("status")).isEqualTo("active");
        assertThat(Duration.between(Instant.parse(qr.getString("issuedAt")), Instant.parse(qr.getString("expiresAt"))))
                .isEqualTo(Duration.ofDays(180));

        HttpResponse<byte[]> svg = alpha.getBytes("/api/v1/qr-codes/" + qr.getString("id") + ".svg");
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type")).get().asString().startsWith("image/svg+xml");
        Path svgFile = work.resolve("qr.svg");
        Files.write(svgFile, svg.body());
        run("rsvg-convert", "-w", "600", "-o", work.resolve("svg.png").toString(), svgFile.toString());
        assertThat(run("zbarimg", "--raw", "-q", work.resolve("svg.png").toString())
                        .strip())
                .isEqualTo(url);

        HttpResponse<byte[]> pdf = alpha.getBytes("/api/v1/qr-codes/" + qr.getString("id") + ".pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
        Path pdfFile = work.resolve("poster.pdf");
        Files.write(pdfFile, pdf.body());
        run(
                "pdftoppm",
                "-r",
                "100",
                "-png",
                "-singlefile",
                pdfFile.toString(),
                work.resolve("poster").toString());
        assertThat(run("zbarimg", "--raw", "-q", work.resolve("poster.png").toString())
                        .strip())
                .isEqualTo(url);
        String text = run("pdftotext", "-layout", pdfFile.toString(), "-");
        assertThat(text).contains("ТОВ «Кредит Плюс»", "Львів-центр", "Городоцька", "Оформлення кредиту", "Дія");
    }

    @Test
    void status_moves_through_expiring_outdated_expired_and_revoked() throws Exception {
        String[] ids = branchWithService(alpha, "Статуси");
        String qrId = expect(alpha.post("/api/v1/services/" + ids[1] + "/qr-codes", null), 201)
                .getString("id");
        assertThat(statusOf(ids[1], qrId)).isEqualTo("active");

        sql("UPDATE qr_code SET expires_at = now() + interval '10 days' WHERE id = $1", qrId);
        assertThat(statusOf(ids[1], qrId)).isEqualTo("expiring");

        expect(
                alpha.put(
                        "/api/v1/branches/" + ids[0],
                        new JsonObject().put("name", "Статуси").put("customAddress", "м. Львів, площа Ринок, 1")),
                200);
        JsonObject moved = qrOf(ids[1], qrId);
        assertThat(moved.getString("status")).isEqualTo("outdated");
        assertThat(moved.getString("addressText")).isEqualTo("м. Львів, вул. Городоцька, 15");
        assertThat(moved.getString("currentAddressText")).isEqualTo("м. Львів, площа Ринок, 1");

        sql("UPDATE qr_code SET expires_at = now() - interval '1 minute' WHERE id = $1", qrId);
        assertThat(statusOf(ids[1], qrId)).isEqualTo("expired");
        Problems.assertProblem(alpha.get("/api/v1/qr-codes/" + qrId + ".svg"), 410, "QR_EXPIRED");

        String second = expect(alpha.post("/api/v1/services/" + ids[1] + "/qr-codes", null), 201)
                .getString("id");
        notified.clear();
        assertThat(alpha.delete("/api/v1/qr-codes/" + second).statusCode()).isEqualTo(204);
        assertThat(statusOf(ids[1], second)).isEqualTo("revoked");
        assertThat(nextChange()).isEqualTo(new JsonObject().put("qr", second));
        Problems.assertProblem(alpha.get("/api/v1/qr-codes/" + second + ".pdf"), 410, "QR_REVOKED");
    }

    @Test
    void deleting_a_service_or_branch_revokes_its_qr_codes() {
        String[] ids = branchWithService(alpha, "Видалення");
        String qr1 = expect(alpha.post("/api/v1/services/" + ids[1] + "/qr-codes", null), 201)
                .getString("id");
        assertThat(alpha.delete("/api/v1/services/" + ids[1]).statusCode()).isEqualTo(204);
        assertThat(revoked(qr1)).isTrue();

        String[] other = branchWithService(alpha, "Видалення-2");
        String qr2 = expect(alpha.post("/api/v1/services/" + other[1] + "/qr-codes", null), 201)
                .getString("id");
        assertThat(alpha.delete("/api/v1/branches/" + other[0]).statusCode()).isEqualTo(204);
        assertThat(revoked(qr2)).isTrue();
    }

    @Test
    void another_partners_qr_codes_do_not_exist_for_the_caller() {
        String[] ids = branchWithService(alpha, "Чуже");
        String qrId = expect(alpha.post("/api/v1/services/" + ids[1] + "/qr-codes", null), 201)
                .getString("id");
        Problems.assertProblem(beta.post("/api/v1/services/" + ids[1] + "/qr-codes", null), 404, "SERVICE_NOT_FOUND");
        Problems.assertProblem(beta.get("/api/v1/services/" + ids[1] + "/qr-codes"), 404, "SERVICE_NOT_FOUND");
        Problems.assertProblem(beta.get("/api/v1/qr-codes/" + qrId + ".svg"), 404, "QR_NOT_FOUND");
        Problems.assertProblem(beta.get("/api/v1/qr-codes/" + qrId + ".pdf"), 404, "QR_NOT_FOUND");
        Problems.assertProblem(beta.delete("/api/v1/qr-codes/" + qrId), 404, "QR_NOT_FOUND");
        assertThat(statusOf(ids[1], qrId)).isEqualTo("active");
    }

    @Test
    void a_generic_camera_gets_a_page_that_says_to_use_the_app() {
        String serviceId = branchWithService(alpha, "Камера")[1];
        String url = expect(alpha.post("/api/v1/services/" + serviceId + "/qr-codes", null), 201)
                .getString("url");
        String token = url.substring(url.lastIndexOf('/') + 1);

        HttpResponse<String> page = http.get("/s/" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.body()).contains("застосунку Дія");

        char last = token.charAt(10);
        String forged = token.substring(0, 10) + (last == 'A' ? 'B' : 'A') + token.substring(11);
        assertThat(http.get("/s/" + forged).statusCode()).isEqualTo(404);
        assertThat(http.get("/s/" + token.substring(0, 20)).statusCode()).isEqualTo(404);

        String expired = new QrTokens(gateway.secrets().qrTokens())
                .issue(java.util.UUID.randomUUID(), Instant.now().minusSeconds(60));
        HttpResponse<String> gone = http.get("/s/" + expired);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("Строк дії");
    }

    private static String statusOf(String serviceId, String qrId) {
        return qrOf(serviceId, qrId).getString("status");
    }

    private static JsonObject qrOf(String serviceId, String qrId) {
        return expect(alpha.get("/api/v1/services/" + serviceId + "/qr-codes"), 200).getJsonArray("items").stream()
                .map(JsonObject.class::cast)
                .filter(q -> q.getString("id").equals(qrId))
                .findFirst()
                .orElseThrow();
    }

    private static boolean revoked(String qrId) {
        return await(gateway.database()
                        .client()
                        .preparedQuery("SELECT revoked_at IS NOT NULL AS r FROM qr_code WHERE id = $1")
                        .execute(Tuple.of(java.util.UUID.fromString(qrId))))
                .iterator()
                .next()
                .getBoolean("r");
    }

    private static void sql(String statement, String id) {
        await(gateway.database().client().preparedQuery(statement).execute(Tuple.of(java.util.UUID.fromString(id))));
    }

    private static JsonObject nextChange() throws InterruptedException {
        JsonObject m;
        do {
            m = notified.poll(10, TimeUnit.SECONDS);
        } while (m != null && m.equals(Notifications.FLUSH_ALL));
        return m;
    }

    static String run(String... command) throws Exception {
        // stdout only: zbarimg chatters about D-Bus on stderr.
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + text).isZero();
        return text;
    }
}

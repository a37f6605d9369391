package ua.qrshare.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import ua.qrshare.http.GatewayHttpTest;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.RunningGateway;

/** The dev-only endpoints behind the web app's demo screens, and the one page that may use the camera. */
class DevPagesTest {

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.with(Map.of());

    static Http http;

    @BeforeAll
    static void start() {
        http = new Http(gateway.config().httpPort());
    }

    @Test
    void dev_info_says_where_the_demo_key_and_its_password_are() throws Exception {
        HttpResponse<String> r = http.get(DevInfo.PATH);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject info = new JsonObject(r.body());
        JsonObject demo = info.getJsonObject("demoPartner");
        Path keyFile = Path.of(demo.getString("keyFile"));
        assertThat(keyFile).isAbsolute().exists();
        assertThat(Files.readString(Path.of(demo.getString("passwordFile"))).strip())
                .isEqualTo(demo.getString("password"));
        assertThat(demo.getString("organisation")).contains("43187521");
        assertThat(info.getBoolean("simulator")).isTrue();
        assertThat(info.getBoolean("mailbox")).isTrue();
        assertThat(info.getInteger("smtpSinkPort")).isPositive();
    }

    @Test
    void the_mailbox_lists_received_mail_newest_first_and_serves_attachments() throws Exception {
        byte[] pdf = "%PDF-1.7 test copy".getBytes(StandardCharsets.US_ASCII);
        byte[] p7s = new byte[] {0x30, (byte) 0x80, 0x06, 0x09, 1, 2, 3};
        send("first@example.com", "Перший лист", List.of());
        Thread.sleep(5);
        send(
                "partner@example.com",
                "Копії документів: Відкриття рахунку",
                List.of(
                        MailAttachment.create()
                                .setName("id-card-1.pdf")
                                .setContentType("application/pdf")
                                .setData(Buffer.buffer(pdf)),
                        MailAttachment.create()
                                .setName("id-card-1.pdf.p7s")
                                .setContentType("application/pkcs7-signature")
                                .setData(Buffer.buffer(p7s))));

        HttpResponse<String> r = http.get(DevMailbox.LIST_PATH);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        JsonArray items = new JsonObject(r.body()).getJsonArray("items");
        assertThat(items).hasSize(2);
        JsonObject newest = items.getJsonObject(0);
        assertThat(newest.getString("subject")).isEqualTo("Копії документів: Відкриття рахунку");
        assertThat(newest.getJsonArray("to").getList()).containsExactly("partner@example.com");
        assertThat(newest.getString("receivedAt"))
                .isGreaterThan(items.getJsonObject(1).getString("receivedAt"));
        JsonArray attachments = newest.getJsonArray("attachments");
        assertThat(attachments).hasSize(2);
        assertThat(attachments.getJsonObject(1).getString("filename")).isEqualTo("id-card-1.pdf.p7s");
        assertThat(attachments.getJsonObject(1).getString("contentType")).isEqualTo("application/pkcs7-signature");
        assertThat(attachments.getJsonObject(1).getInteger("size")).isEqualTo(p7s.length);
        assertThat(items.getJsonObject(1).getJsonArray("attachments")).isEmpty();

        String id = newest.getString("id");
        HttpResponse<byte[]> file = Http.client()
                .send(
                        http.request(DevMailbox.LIST_PATH + "/" + id + "/attachments/1")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(p7s);
        assertThat(file.headers().firstValue("Content-Type")).contains("application/pkcs7-signature");
        assertThat(file.headers().firstValue("Content-Disposition"))
                .get()
                .asString()
                .contains("id-card-1.pdf.p7s");
        HttpResponse<byte[]> first = Http.client()
                .send(
                        http.request(DevMailbox.LIST_PATH + "/" + id + "/attachments/0")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(first.body()).isEqualTo(pdf);

        GatewayHttpTest.assertProblem(http.get(DevMailbox.LIST_PATH + "/" + id + "/attachments/2"), 404, "NOT_FOUND");
        GatewayHttpTest.assertProblem(
                http.get(DevMailbox.LIST_PATH + "/..%2F..%2Fkeys/attachments/0"), 404, "NOT_FOUND");
        GatewayHttpTest.assertProblem(http.get(DevMailbox.LIST_PATH + "/" + id + "/attachments/x"), 404, "NOT_FOUND");
    }

    @Test
    void only_the_simulator_page_may_use_the_camera_and_the_demo_routes_are_the_spa() {
        String index = http.get("/").body();
        for (String route : new String[] {"/login", "/demo/scan", "/demo/mailbox", "/cabinet/history"}) {
            HttpResponse<String> r = http.get(route);
            assertThat(r.statusCode()).as(route).isEqualTo(200);
            assertThat(r.body()).as(route).isEqualTo(index);
        }
        assertThat(http.get("/demo/scan").headers().firstValue("Permissions-Policy"))
                .get()
                .asString()
                .startsWith("camera=(self),");
        for (String other :
                new String[] {"/", "/login", "/demo/mailbox", "/demo/scan/other", "/api/v1/document-types"}) {
            assertThat(http.get(other).headers().firstValue("Permissions-Policy"))
                    .as(other)
                    .get()
                    .asString()
                    .startsWith("camera=(),");
        }
    }

    private static void send(String to, String subject, List<MailAttachment> attachments) throws Exception {
        MailMessage message = new MailMessage()
                .setFrom("qrshare <noreply@qrshare.localhost>")
                .setTo(to)
                .setSubject(subject)
                .setText("test")
                .setAttachment(attachments.isEmpty() ? null : attachments);
        gateway.mailSinkClient()
                .send(message)
                .toCompletionStage()
                .toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
    }
}

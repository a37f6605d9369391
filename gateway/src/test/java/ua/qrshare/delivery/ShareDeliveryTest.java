package ua.qrshare.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.qrshare.testing.Api.expect;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.LoggerFactory;
import ua.qrshare.dev.SyntheticDocuments;
import ua.qrshare.testing.Api;
import ua.qrshare.testing.AppClient;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.TestGateway;
import ua.qrshare.testing.TestPartners;

/**
 * The whole share path against a real SMTP server (GreenMail): resolve → share → the e-mail arrives → its PDFs and
 * P7S files check out with openssl → the job's inputs are gone. Also: SMTP away during a batch loses nothing.
 */
@Isolated // captures the log
class ShareDeliveryTest {

    @TempDir
    static Path dataDir;

    @TempDir
    Path work;

    static GreenMail smtp;
    static int smtpPort;
    static RunningGateway gateway;
    static Http http;
    static AppClient app;
    static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    static final List<String> personalData = new ArrayList<>();

    @BeforeAll
    static void start() {
        smtpPort = TestGateway.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
        smtp.start();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        gateway =
                TestGateway.start(dataDir, Map.of("smtp.host", "127.0.0.1", "smtp.port", smtpPort, "smtp.tls", "none"));
        http = new Http(gateway.config().httpPort());
        Api partner = new Api(
                http,
                TestPartners.login(gateway, TestPartners.activeLegalEntity(gateway, "35000001", "ТОВ «Доставка»")));
        app = new AppClient(http, partner);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        smtp.stop();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    /** Resolves a fresh QR and confirms it with synthetic attested documents; returns the share id. */
    static String shareOnce(long seed) {
        String subject = "citizen-" + seed;
        String[] qr = app.issueQr();
        String token = app.appToken(subject);
        String requestToken = expect(app.resolve(token, qr[3]), 200).getString("requestToken");
        JsonArray documents = new JsonArray();
        for (String type : List.of("driver-license", "id-card")) {
            SyntheticDocuments.SyntheticDocument doc = SyntheticDocuments.generate(type, seed, LocalDate.now(), true);
            personalData.add(doc.fields().get("lastName"));
            doc.fields().forEach((k, v) -> {
                if (k.toLowerCase().contains("number")) personalData.add(v);
            });
            JsonObject claims = new JsonObject()
                    .put("sub", subject)
                    .put("type", type)
                    .put("exp", Instant.now().getEpochSecond() + 600)
                    .put("fields", new JsonObject(new HashMap<>(doc.fields())));
            if (doc.photoPng() != null) {
                claims.put("photo", java.util.Base64.getEncoder().encodeToString(doc.photoPng()));
            }
            documents.add(gateway.devDocumentService().sign(claims));
        }
        return expect(
                        http.send(http.request("/api/v1/app/shares")
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", "k-" + seed)
                                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                                        .put("requestToken", requestToken)
                                        .put("documents", documents)
                                        .encode()))
                                .build()),
                        202)
                .getString("shareId");
    }

    @Test
    void a_confirmed_share_arrives_as_verifiable_signed_copies_and_its_inputs_are_erased() throws Exception {
        int before = smtp.getReceivedMessages().length;
        String shareId = shareOnce(1001);
        assertThat(smtp.waitForIncomingEmail(60_000, before + 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[before];
        assertThat(mail.getSubject()).contains("Оренда авто");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("office-35000001@example.ua");
        assertThat(mail.getMessageID()).contains(shareId);

        Map<String, byte[]> files = attachments(mail);
        assertThat(files.keySet())
                .containsExactlyInAnyOrder(
                        "driver-license-" + shareId + ".pdf",
                        "driver-license-" + shareId + ".pdf.p7s",
                        "id-card-" + shareId + ".pdf",
                        "id-card-" + shareId + ".pdf.p7s");
        Path ca = dataDir.resolve("pki").resolve("ca.pem");
        Path tsaPem = dataDir.resolve("pki").resolve("tsa.pem");
        SyntheticDocuments.SyntheticDocument license =
                SyntheticDocuments.generate("driver-license", 1001, LocalDate.now(), true);
        for (String type : List.of("driver-license", "id-card")) {
            Path pdf = work.resolve(type + ".pdf");
            Path p7s = work.resolve(type + ".pdf.p7s");
            Files.write(pdf, files.get(type + "-" + shareId + ".pdf"));
            Files.write(p7s, files.get(type + "-" + shareId + ".pdf.p7s"));
            String text = run("pdftotext", pdf.toString(), "-");
            assertThat(text).contains("ТОВ «Доставка»", license.fields().get("lastName"), shareId);

            Path out = work.resolve(type + "-verified.pdf");
            run(
                    "openssl",
                    "cms",
                    "-verify",
                    "-binary",
                    "-inform",
                    "DER",
                    "-in",
                    p7s.toString(),
                    "-CAfile",
                    ca.toString(),
                    "-out",
                    out.toString());
            assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(pdf));

            SignerInformation signer = new CMSSignedData(Files.readAllBytes(p7s))
                    .getSignerInfos()
                    .getSigners()
                    .iterator()
                    .next();
            Attribute stamp = signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
            assertThat(stamp).isNotNull();
            Path token = work.resolve(type + ".tst");
            Files.write(
                    token,
                    new TimeStampToken(new CMSSignedData(stamp.getAttrValues()
                                    .getObjectAt(0)
                                    .toASN1Primitive()
                                    .getEncoded()))
                            .getEncoded());
            String digest = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(signer.getSignature()));
            assertThat(run(
                            "openssl",
                            "ts",
                            "-verify",
                            "-in",
                            token.toString(),
                            "-token_in",
                            "-digest",
                            digest,
                            "-CAfile",
                            ca.toString(),
                            "-untrusted",
                            tsaPem.toString()))
                    .contains("Verification: OK");

            JsonObject report = verify(Files.readAllBytes(p7s));
            assertThat(report.getBoolean("valid")).as(report.encode()).isTrue();
            assertThat(report.getString("level")).isEqualTo("CAdES-BASELINE-LT");
            assertThat(report.getJsonObject("document").getString("shareId")).isEqualTo(shareId);

            byte[] tampered = Files.readAllBytes(p7s);
            tampered[tampered.length / 2] ^= 0x01;
            Files.write(p7s, tampered);
            assertThat(exit(
                            "openssl",
                            "cms",
                            "-verify",
                            "-binary",
                            "-inform",
                            "DER",
                            "-in",
                            p7s.toString(),
                            "-CAfile",
                            ca.toString(),
                            "-out",
                            work.resolve("x.pdf").toString()))
                    .isNotZero();
            assertThat(verify(tampered).getBoolean("valid")).isFalse();
        }
        eventually(() -> "sent".equals(status(shareId)));
        assertThat(payloadGone(shareId)).isTrue();

        String metrics = http.get("/metrics").body();
        assertThat(metrics)
                .contains(
                        "qrshare_shares{state=\"sent\"}",
                        "qrshare_shares_oldest_pending_seconds",
                        "qrshare_cache_hit_ratio{cache=\"qr-state\"}",
                        "qrshare_cache_hit_ratio{cache=\"app-token\"}",
                        "qrshare_tsa_unavailable_total",
                        "qrshare_mail_send_seconds_bucket");
        assertThat(metrics.lines()
                        .filter(l -> l.startsWith("qrshare_copy_render_seconds_count"))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                        .sum())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void nothing_is_lost_while_the_mail_server_is_away() throws Exception {
        smtp.stop();
        List<String> ids = new ArrayList<>();
        for (long seed = 2001; seed < 2004; seed++) {
            ids.add(shareOnce(seed));
        }
        Thread.sleep(3000);
        for (String id : ids) {
            assertThat(status(id)).isIn("accepted", "signing");
            assertThat(payloadGone(id)).isFalse();
        }
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
        smtp.start();
        eventually(() -> ids.stream().allMatch(id -> "sent".equals(status(id))));
        assertThat(smtp.getReceivedMessages().length).isEqualTo(3);
        for (String id : ids) {
            assertThat(payloadGone(id)).isTrue();
        }
        assertNoPersonalDataLogged();
    }

    @Test
    void shares_accepted_before_a_restart_are_delivered_by_the_next_gateway() throws Exception {
        Path restartDir = dataDir.resolveSibling(dataDir.getFileName() + "-restart");
        int port = TestGateway.freePort();
        Map<String, Object> mailDown = Map.of("smtp.host", "127.0.0.1", "smtp.port", port, "smtp.tls", "none");
        RunningGateway first = TestGateway.start(restartDir, mailDown);
        List<String> ids = new ArrayList<>();
        String dbUrl = first.config().database().url();
        try {
            Http firstHttp = new Http(first.config().httpPort());
            Api partner = new Api(
                    firstHttp,
                    TestPartners.login(first, TestPartners.activeLegalEntity(first, "35000002", "ТОВ «Перезапуск»")));
            AppClient firstApp = new AppClient(firstHttp, partner);
            for (int i = 0; i < 2; i++) {
                String subject = "citizen-restart-" + i;
                String[] qr = firstApp.issueQr();
                String token = firstApp.appToken(subject);
                String requestToken =
                        expect(firstApp.resolve(token, qr[3]), 200).getString("requestToken");
                JsonArray docs = new JsonArray();
                for (String type : List.of("driver-license", "id-card")) {
                    docs.add(first.devDocumentService()
                            .sign(new JsonObject()
                                    .put("sub", subject)
                                    .put("type", type)
                                    .put("exp", Instant.now().getEpochSecond() + 600)
                                    .put(
                                            "fields",
                                            new JsonObject()
                                                    .put("lastName", "Коваленко")
                                                    .put("firstName", "Олена"))));
                }
                ids.add(expect(
                                firstHttp.send(firstHttp
                                        .request("/api/v1/app/shares")
                                        .header("Authorization", "Bearer " + token)
                                        .header("Content-Type", "application/json")
                                        .header("Idempotency-Key", "restart-" + i)
                                        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                                                .put("requestToken", requestToken)
                                                .put("documents", docs)
                                                .encode()))
                                        .build()),
                                202)
                        .getString("shareId"));
            }
        } finally {
            first.close();
        }
        GreenMail mailBack = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        mailBack.start();
        Map<String, Object> again = new HashMap<>(mailDown);
        again.put("db.url", dbUrl);
        RunningGateway second = TestGateway.start(restartDir, again);
        try {
            assertThat(mailBack.waitForIncomingEmail(90_000, 2)).isTrue();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!allSent(second, ids) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(allSent(second, ids)).isTrue();
        } finally {
            second.close();
            mailBack.stop();
        }
    }

    private static boolean allSent(RunningGateway g, List<String> ids) {
        return ids.stream().allMatch(id -> {
            try {
                return "sent"
                        .equals(g.database()
                                .client()
                                .preparedQuery("SELECT status FROM share WHERE id = $1")
                                .execute(Tuple.of(UUID.fromString(id)))
                                .toCompletionStage()
                                .toCompletableFuture()
                                .get(10, TimeUnit.SECONDS)
                                .iterator()
                                .next()
                                .getString("status"));
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static JsonObject verify(byte[] p7s) {
        return new JsonObject(http.send(http.request("/api/v1/verify")
                        .header("Content-Type", "application/pkcs7-signature")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(p7s))
                        .build())
                .body());
    }

    static void assertNoPersonalDataLogged() {
        List<String> lines = new ArrayList<>();
        synchronized (logs.list) {
            logs.list.forEach(e -> lines.add(e.getFormattedMessage()));
        }
        assertThat(lines).isNotEmpty();
        for (String value : personalData) {
            assertThat(lines).noneMatch(l -> l.contains(value));
        }
    }

    private static String status(String shareId) {
        return row("SELECT status FROM share WHERE id = $1", shareId).getString("status");
    }

    private static boolean payloadGone(String shareId) {
        return row("SELECT payload_encrypted IS NULL AS gone FROM share WHERE id = $1", shareId)
                .getBoolean("gone");
    }

    private static io.vertx.sqlclient.Row row(String sql, String id) {
        try {
            return gateway.database()
                    .client()
                    .preparedQuery(sql)
                    .execute(Tuple.of(UUID.fromString(id)))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS)
                    .iterator()
                    .next();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> attachments(MimeMessage mail) throws Exception {
        Map<String, byte[]> files = new HashMap<>();
        Multipart parts = (Multipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            Part part = parts.getBodyPart(i);
            if (part.getFileName() != null) {
                files.put(part.getFileName(), part.getInputStream().readAllBytes());
            }
        }
        return files;
    }

    private static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 60 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    private static int exit(String... command) throws Exception {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}

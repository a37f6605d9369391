package ua.qrshare.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ua.qrshare.testing.Api.expect;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.LoggerFactory;
import ua.qrshare.copy.CopyContent;
import ua.qrshare.copy.CopyRenderer;
import ua.qrshare.copy.DocumentFields;
import ua.qrshare.dev.SyntheticDocuments;
import ua.qrshare.pki.Asn1Depth;
import ua.qrshare.testing.Api;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.Problems;
import ua.qrshare.testing.RawHttp;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.TestPartners;

/**
 * The hostile requests an independent check sent, each through real HTTP against a started gateway: every one gets a
 * 4xx problem document with a stable code, quickly, and nothing is logged at ERROR or with a stack trace.
 */
@Isolated // captures the log
class HostileInputTest {

    static Http http;
    static Api partner;
    static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    static final int RATE = 40;

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.with(Map.of(
            "http.anonymous.rate.per.ip", RATE, "http.anonymous.concurrency", 2, "http.anonymous.inflight.mib", 12));

    @BeforeAll
    static void start() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        http = new Http(gateway.config().httpPort());
        partner = new Api(
                http,
                TestPartners.login(gateway, TestPartners.activeLegalEntity(gateway, "36000001", "ТОВ «Стійкість»")));
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    /** No hostile request may leave an ERROR or a stack trace behind (the async appender needs a moment). */
    @AfterEach
    void nothing_logged_as_an_error() throws InterruptedException {
        Thread.sleep(200);
        List<String> bad = new ArrayList<>();
        synchronized (logs.list) {
            for (ILoggingEvent e : logs.list) {
                if (e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null) {
                    bad.add(e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null
                                    ? ""
                                    : " / " + e.getThrowableProxy().getClassName()));
                }
            }
            logs.list.clear();
        }
        assertThat(bad).isEmpty();
    }

    // ---- deeply nested ASN.1 ----

    /** {@code depth} SEQUENCEs, each holding the next, around a NULL: about 4 bytes a level. */
    static byte[] nestedSequences(int depth) {
        byte[] inner = {0x05, 0x00};
        for (int i = 0; i < depth; i++) {
            inner = nestedSequencesOf(0x30, inner);
        }
        return inner;
    }

    /** One DER TLV. */
    static byte[] nestedSequencesOf(int tag, byte[] inner) {
        {
            ByteArrayOutputStream out = new ByteArrayOutputStream(inner.length + 6);
            out.write(tag);
            int n = inner.length;
            if (n < 0x80) {
                out.write(n);
            } else if (n < 0x100) {
                out.write(0x81);
                out.write(n);
            } else if (n < 0x10000) {
                out.write(0x82);
                out.write(n >> 8);
                out.write(n);
            } else {
                out.write(0x83);
                out.write(n >> 16);
                out.write(n >> 8);
                out.write(n);
            }
            out.writeBytes(inner);
            return out.toByteArray();
        }
    }

    /** The same in BER, indefinite lengths: {@code 30 80} a level down, {@code 00 00} a level up. */
    static byte[] nestedIndefinite(int depth) {
        byte[] out = new byte[depth * 4 + 2];
        for (int i = 0; i < depth; i++) {
            out[2 * i] = 0x30;
            out[2 * i + 1] = (byte) 0x80;
        }
        out[2 * depth] = 0x05;
        return out; // the NULL, then depth pairs of end-of-contents (zero bytes)
    }

    @Test
    void deeply_nested_asn1_is_refused_by_verify() {
        for (byte[] hostile : List.of(nestedSequences(5_000), nestedIndefinite(10_000))) {
            HttpResponse<String> r = http.send(http.request("/api/v1/verify")
                    .header("Content-Type", "application/pkcs7-signature")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(hostile))
                    .build());
            Problems.assertProblem(r, 400, "ASN1_TOO_DEEP");
        }
    }

    @Test
    void deeply_nested_asn1_is_refused_by_the_login() {
        for (byte[] hostile : List.of(nestedSequences(2_000), nestedIndefinite(10_000))) {
            JsonObject challenge = new JsonObject(http.send(http.request("/api/v1/auth/challenge")
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build())
                    .body());
            HttpResponse<String> r = http.send(http.request("/api/v1/auth/login")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                            .put("challengeId", challenge.getString("challengeId"))
                            .put("signature", Base64.getEncoder().encodeToString(hostile))
                            .encode()))
                    .build());
            Problems.assertProblem(r, 400, "ASN1_TOO_DEEP");
        }
    }

    @Test
    void deeply_nested_asn1_is_refused_by_the_offer_acceptance() {
        Api newcomer = new Api(
                http, TestPartners.login(gateway, TestPartners.newLegalEntity(gateway, "36000002", "ТОВ «Новачок»")));
        HttpResponse<String> r = newcomer.post(
                "/api/v1/offer/accept",
                new JsonObject()
                        .put("version", 1)
                        .put("signature", Base64.getEncoder().encodeToString(nestedSequences(3_000))));
        Problems.assertProblem(r, 400, "ASN1_TOO_DEEP");
    }

    /** What BouncyCastle parses inside OCTET STRINGs (extensions, time-stamp tokens) is scanned too, iteratively. */
    @Test
    void nesting_hidden_in_octet_strings_is_seen_and_the_scan_itself_cannot_overflow() {
        byte[] hidden = wrap(0x04, nestedSequences(100));
        assertThatThrownBy(() -> Asn1Depth.requireAtMost(wrap(0x30, hidden))).isInstanceOf(Asn1Depth.TooDeep.class);
        byte[] octets = {0x05, 0x00};
        for (int i = 0; i < 10_000; i++) {
            octets = wrap(0x04, octets);
        }
        byte[] chain = octets;
        assertThatThrownBy(() -> Asn1Depth.requireAtMost(chain)).isInstanceOf(Asn1Depth.TooDeep.class);
        assertThat(Asn1Depth.depthOf(nestedSequences(Asn1Depth.MAX_DEPTH - 1))).isEqualTo(Asn1Depth.MAX_DEPTH);
    }

    /** A real sealed and time-stamped copy nests far less deeply than the limit, and still verifies. */
    @Test
    void a_real_copy_is_well_within_the_limit() throws Exception {
        String type = DocumentFields.all().get(0).documentType();
        byte[] pdf = new CopyRenderer()
                .render(new CopyContent(
                        type,
                        "Документ",
                        SyntheticDocuments.generate(type, 7, LocalDate.of(2026, 7, 1), true)
                                .fields(),
                        null,
                        "ТОВ «Стійкість»",
                        "Відділення",
                        "м. Київ, вул. Хрещатик, 1",
                        "Відкриття рахунку",
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        "https://qr.example.ua/verify"));
        byte[] p7s = gateway.sealSigner()
                .signT(pdf, gateway.pkiWorkers(), gateway.tsaClient())
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertThat(Asn1Depth.depthOf(p7s)).isBetween(10, Asn1Depth.MAX_DEPTH / 2); // 23 when this was written
        HttpResponse<String> r = http.send(http.request("/api/v1/verify")
                .header("Content-Type", "application/pkcs7-signature")
                .POST(HttpRequest.BodyPublishers.ofByteArray(p7s))
                .build());
        assertThat(new JsonObject(r.body()).getBoolean("valid")).as(r.body()).isTrue();
    }

    static byte[] wrap(int tag, byte[] content) {
        return nestedSequencesOf(tag, content);
    }

    // ---- text a citizen or partner is shown ----

    static JsonObject branch(String name) {
        return new JsonObject().put("name", name).put("customAddress", "м. Київ, вул. Хрещатик, 1");
    }

    static JsonObject service(String name, String legalBasis) {
        return new JsonObject()
                .put("name", name)
                .put("documents", new JsonArray().add("id-card"))
                .put("legalBasis", legalBasis)
                .put("legalBasisConfirmed", true);
    }

    static List<String> fieldCodes(HttpResponse<String> r) {
        JsonObject problem = Problems.assertProblem(r, 422, "VALIDATION_FAILED");
        List<String> codes = new ArrayList<>();
        problem.getJsonArray("errors")
                .forEach(
                        e -> codes.add(((JsonObject) e).getString("field") + ":" + ((JsonObject) e).getString("code")));
        return codes;
    }

    @Test
    void control_and_bidi_characters_are_refused_in_branch_texts() {
        for (String bad : List.of(
                "Відділення\u0000",
                "Відділення\r\nBcc: x",
                "Каса \u202Eінвертовано",
                "Каса \u2067ізольовано\u2069",
                "Каса\u0007",
                "Каса \u200F")) {
            assertThat(fieldCodes(partner.post("/api/v1/branches", branch(bad))))
                    .as(bad)
                    .containsExactly("name:FORBIDDEN_CHARACTER");
        }
        JsonObject badAddress = new JsonObject().put("name", "Відділення").put("customAddress", "м. Київ\u0000");
        assertThat(fieldCodes(partner.post("/api/v1/branches", badAddress)))
                .containsExactly("customAddress:FORBIDDEN_CHARACTER");
        expect(partner.post("/api/v1/branches", branch("Відділення «Центр» №1 — 2/3")), 201);
    }

    @Test
    void control_and_bidi_characters_are_refused_in_service_texts() {
        String branchId = expect(partner.post("/api/v1/branches", branch("Відділення для послуг")), 201)
                .getString("id");
        String path = "/api/v1/branches/" + branchId + "/services";
        assertThat(fieldCodes(partner.post(path, service("Оренда\u0000 авто", "ЦК України, ст. 799"))))
                .containsExactly("name:FORBIDDEN_CHARACTER");
        assertThat(fieldCodes(partner.post(path, service("Оренда авто\nДругий рядок", "ЦК України, ст. 799"))))
                .containsExactly("name:FORBIDDEN_CHARACTER");
        assertThat(fieldCodes(partner.post(path, service("Оренда \u202Eотва", "ЦК України, ст. 799"))))
                .containsExactly("name:FORBIDDEN_CHARACTER");
        assertThat(fieldCodes(partner.post(path, service("Оренда авто", "ЦК\u0000 України"))))
                .containsExactly("legalBasis:FORBIDDEN_CHARACTER");
        assertThat(fieldCodes(partner.post(path, service("Оренда авто", "ЦК України \u2066ст. 799"))))
                .containsExactly("legalBasis:FORBIDDEN_CHARACTER");
        // The legal basis is a paragraph: line breaks stay allowed there.
        expect(partner.post(path, service("Оренда авто", "Цивільний кодекс України,\nст. 799")), 201);
    }

    // ---- query parameters, headers, tokens ----

    @Test
    void out_of_range_history_filters_are_a_400() {
        for (String q : List.of(
                "from=%2B1000000000-01-01T00:00:00Z",
                "to=-999999999-01-01T00:00:00Z", "from=%2B294277-01-01T00:00:00Z", "to=0000-01-01T00:00:00Z")) {
            Problems.assertProblem(partner.get("/api/v1/shares?" + q), 400, "INVALID_FILTER");
        }
        expect(partner.get("/api/v1/shares?from=2024-01-01T00:00:00Z&to=2999-12-31T23:59:59Z"), 200);
    }

    @Test
    void an_expectation_other_than_100_continue_is_a_417() {
        try (RawHttp raw = new RawHttp(gateway.config().httpPort())) {
            RawHttp.Answer a = raw.send("POST /api/v1/auth/challenge HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\n"
                            + "Content-Length: 0\r\n\r\n")
                    .read(5_000);
            assertThat(a).isNotNull();
            assertThat(a.status()).isEqualTo(417);
            assertThat(a.header("Content-Type")).isEqualTo(ProblemHandler.CONTENT_TYPE);
            assertThat(new JsonObject(a.body()).getString("code")).isEqualTo("EXPECTATION_FAILED");
        }
    }

    /** curl sends this before every body over a kilobyte: it keeps working. */
    @Test
    void expect_100_continue_still_works() {
        try (RawHttp raw = new RawHttp(gateway.config().httpPort())) {
            RawHttp.Answer interim = raw.send("POST /api/v1/verify HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                            + "Content-Type: application/pkcs7-signature\r\nContent-Length: 2\r\n\r\n")
                    .read(5_000);
            assertThat(interim.status()).isEqualTo(100);
            RawHttp.Answer report = raw.send(new byte[] {0x30, 0x00}).read(5_000);
            assertThat(report.status()).isEqualTo(200);
            assertThat(new JsonObject(report.body()).getBoolean("valid")).isFalse();
        }
    }

    @Test
    void an_app_token_with_a_non_numeric_exp_is_a_401() {
        for (Object exp : List.of("tomorrow", new JsonObject().put("n", 1), new JsonArray().add(1), true)) {
            String token = gateway.devIdentityProvider()
                    .sign(new JsonObject().put("sub", "citizen-1").put("exp", exp));
            HttpResponse<String> r = http.send(http.request("/api/v1/app/qr/resolve")
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            new JsonObject().put("qr", "x").encode()))
                    .build());
            Problems.assertProblem(r, 401, "APP_UNAUTHENTICATED");
        }
    }

    /**
     * Vert.x closes a connection whose chunked body does not decode, right after telling the request: a 400 written
     * then is not flushed. What the gateway controls is that this costs one WARN line, no ERROR and no stack trace,
     * and that the client is not left hanging.
     */
    @Test
    void malformed_chunked_bodies_cost_one_warning_line_and_no_stack_trace() {
        List<String> bodies = List.of(
                "zz\r\n{}\r\n0\r\n\r\n",
                "5\r\n{}\r\n0\r\n\r\n",
                "fffffffffffffffff\r\n{}\r\n0\r\n\r\n",
                "2;" + "x".repeat(10_000) + "\r\n{}\r\n0\r\n\r\n");
        for (String body : bodies) {
            try (RawHttp raw = new RawHttp(gateway.config().httpPort())) {
                RawHttp.Answer a = raw.send(
                                "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                        + "Transfer-Encoding: chunked\r\n\r\n" + body)
                        .read(5_000);
                if (a != null) {
                    assertThat(a.status()).as(body).isEqualTo(400);
                    assertThat(a.header("Content-Type")).isEqualTo(ProblemHandler.CONTENT_TYPE);
                }
            }
        }
        long warnings = waitForLog(
                e -> e.getLevel() == Level.WARN && e.getFormattedMessage().startsWith("Malformed HTTP"), bodies.size());
        assertThat(warnings).isBetween(1L, (long) bodies.size());
    }

    static long waitForLog(java.util.function.Predicate<ILoggingEvent> matching, long atLeast) {
        long deadline = System.currentTimeMillis() + 3_000;
        while (true) {
            long n;
            synchronized (logs.list) {
                n = logs.list.stream().filter(matching).count();
            }
            if (n >= atLeast || System.currentTimeMillis() > deadline) {
                return n;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return n;
            }
        }
    }

    // ---- metrics, paths ----

    @Test
    void made_up_methods_do_not_become_metric_labels() {
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = http.send(http.request("/api/v1/document-types")
                    .method("MADEUP" + i, HttpRequest.BodyPublishers.noBody())
                    .build());
            Problems.assertProblem(r, 501, "METHOD_NOT_IMPLEMENTED");
        }
        String metrics = http.get("/metrics").body();
        assertThat(metrics).doesNotContain("MADEUP");
        assertThat(metrics).contains("method=\"OTHER\"");
    }

    @Test
    void a_long_path_of_many_segments_is_refused_cheaply() {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < 1_300; i++) {
            path.append('/').append(Integer.toString(i, 36));
        }
        assertThat(path.length()).isGreaterThan(2_500);
        long start = System.nanoTime();
        HttpResponse<String> r = http.get(path.toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        Problems.assertProblem(r, 414, "URI_TOO_LONG");
        assertThat(millis).isLessThan(1_000);
        StringBuilder segments = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            segments.append("/a");
        }
        Problems.assertProblem(http.get(segments.toString()), 404, "NOT_FOUND");
        Problems.assertProblem(
                http.get("/cabinet/x/../../" + UUID.randomUUID() + "/" + "b/".repeat(40)), 404, "NOT_FOUND");
    }

    /**
     * Synthetic documents (PNG photos, ECDSA attestations) are made on worker threads: sampled while the gateway
     * works on a large request, the thread that generates them is never an event loop.
     */
    @Test
    void dev_documents_are_made_off_the_event_loop() throws Exception {
        JsonArray types = new JsonArray();
        DocumentFields.all().forEach(d -> types.add(d.documentType()));
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int attempt = 0; attempt < 5 && threads.isEmpty(); attempt++) {
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            Thread sampler = new Thread(() -> {
                while (!done.get()) {
                    Thread.getAllStackTraces().forEach((thread, frames) -> {
                        for (StackTraceElement frame : frames) {
                            if (frame.getClassName().equals(SyntheticDocuments.class.getName())) {
                                threads.add(thread.getName());
                                break;
                            }
                        }
                    });
                }
            });
            sampler.start();
            HttpResponse<String> r = http.send(http.request("/dev/documents")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                            .put("subject", "s-" + attempt)
                            .put("types", types)
                            .put("photo", true)
                            .encode()))
                    .build());
            done.set(true);
            sampler.join();
            assertThat(r.statusCode()).isEqualTo(200);
        }
        assertThat(threads).isNotEmpty().noneMatch(name -> name.contains("eventloop"));
    }

    // ---- anonymous crypto endpoints: rate, concurrency, bytes in flight ----

    @Test
    void the_login_challenge_is_rate_limited_per_client_address() {
        HttpResponse<String> last = null;
        for (int i = 0; i <= RATE; i++) {
            last = http.send(http.request("/api/v1/auth/challenge")
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build());
            if (last.statusCode() == 429) {
                break;
            }
            assertThat(last.statusCode()).isEqualTo(201);
        }
        Problems.assertProblem(last, 429, "TOO_MANY_REQUESTS");
        assertThat(Integer.parseInt(last.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1, 60);
        // Another endpoint has its own budget.
        HttpResponse<String> verify = http.send(http.request("/api/v1/verify")
                .header("Content-Type", "application/pkcs7-signature")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x30, 0x00}))
                .build());
        assertThat(verify.statusCode()).isEqualTo(200);
    }

    @Test
    void large_uploads_to_verify_wait_for_their_turn_instead_of_filling_the_heap() throws Exception {
        int port = gateway.config().httpPort();
        String nineMegabytes =
                "POST /api/v1/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/pkcs7-signature\r\n"
                        + "Content-Length: 9400000\r\n\r\n";
        try (RawHttp first = new RawHttp(port);
                RawHttp second = new RawHttp(port)) {
            first.send(nineMegabytes).send(new byte[1024]); // holds 9.4 MB of the 12 MiB budget while it uploads
            Thread.sleep(300);
            RawHttp.Answer refused = second.send(nineMegabytes).read(5_000);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(new JsonObject(refused.body()).getString("code")).isEqualTo("SERVER_BUSY");
            assertThat(refused.header("Retry-After")).isEqualTo("2");
        }
        awaitIdle();
        // Once the upload is gone, its budget is back.
        HttpResponse<String> after = http.send(http.request("/api/v1/verify")
                .header("Content-Type", "application/pkcs7-signature")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[9_000_000]))
                .build());
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
    }

    @Test
    void requests_in_progress_per_endpoint_are_bounded() throws Exception {
        int port = gateway.config().httpPort();
        String slowLogin = "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{";
        try (RawHttp one = new RawHttp(port);
                RawHttp two = new RawHttp(port);
                RawHttp three = new RawHttp(port)) {
            one.send(slowLogin);
            two.send(slowLogin);
            Thread.sleep(300);
            RawHttp.Answer refused = three.send(slowLogin).read(5_000);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("2");
        }
        awaitIdle();
    }

    /** The budget taken by a request returns when its connection goes. */
    static void awaitIdle() throws InterruptedException {
        Thread.sleep(500);
    }

    // ---- what an error repeats ----

    @Test
    void a_validation_error_reports_a_bounded_number_of_bounded_items() {
        String branchId = expect(partner.post("/api/v1/branches", branch("Відділення для помилок")), 201)
                .getString("id");
        JsonArray documents = new JsonArray();
        for (int i = 0; i < 2_000; i++) {
            documents.add("unknown-" + "x".repeat(10) + i);
        }
        documents.add("y".repeat(5_000));
        JsonObject body = service("Оренда авто", "ЦК України, ст. 799").put("documents", documents);
        assertThat(body.encode().length()).isGreaterThan(50_000);
        HttpResponse<String> r = partner.post("/api/v1/branches/" + branchId + "/services", body);
        JsonObject problem = Problems.assertProblem(r, 422, "VALIDATION_FAILED");
        assertThat(problem.getJsonArray("errors")).hasSize(Validation.MAX_ERRORS);
        assertThat(problem.getInteger("errorsOmitted")).isEqualTo(2_001 - Validation.MAX_ERRORS);
        assertThat(r.body().length()).isLessThan(16_000);
    }

    @Test
    void dev_documents_refuses_more_types_than_a_share_can_carry() {
        JsonArray types = new JsonArray();
        for (int i = 0; i < 5_000; i++) {
            types.add("id-card");
        }
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(http.request("/dev/documents")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                        .put("subject", "s-1")
                        .put("types", types)
                        .put("photo", true)
                        .encode()))
                .build());
        assertThat(fieldCodes(r)).containsExactly("types:TOO_MANY");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
        HttpResponse<String> ok = http.send(http.request("/dev/documents")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                        .put("subject", "s-1")
                        .put("types", new JsonArray().add("id-card").add("driver-license"))
                        .put("photo", true)
                        .encode()))
                .build());
        assertThat(expect(ok, 200).getJsonArray("documents")).hasSize(2);
    }
}

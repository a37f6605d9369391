package ua.qrshare.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.qrshare.testing.Api.expect;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import ua.qrshare.qr.QrTokens;
import ua.qrshare.testing.Api;
import ua.qrshare.testing.AppClient;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.Problems;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.TestPartners;

/** The scan path: QR token → cached QR state → a request token, with every refusal the citizen can meet. */
class ResolveTest {

    @RegisterExtension
    static final RunningGateway gateway =
            RunningGateway.with(Map.of("app.rate.per.subject", 25, "public.base.url", "https://qr.example.ua"));

    static Http http;
    static Api partner;
    static AppClient app;

    @BeforeAll
    static void start() {
        http = new Http(gateway.config().httpPort());
        partner = new Api(
                http, TestPartners.login(gateway, TestPartners.activeLegalEntity(gateway, "32000001", "ТОВ «Сканер»")));
        app = new AppClient(http, partner);
    }

    static String[] issueQr() {
        return app.issueQr();
    }

    static String appToken(String subject) {
        return app.appToken(subject);
    }

    static HttpResponse<String> resolve(String token, String qr) {
        return app.resolve(token, qr);
    }

    @Test
    void a_scanned_url_or_bare_token_resolves_to_who_asks_for_what_and_where() {
        String[] qr = issueQr();
        String token = appToken("citizen-resolve-1");
        JsonObject answer = expect(resolve(token, qr[3]), 200);
        assertThat(answer.getJsonObject("partner").getString("name")).isEqualTo("ТОВ «Сканер»");
        assertThat(answer.getJsonObject("partner").getString("edrpou")).isEqualTo("32000001");
        assertThat(answer.getJsonObject("branch").getString("address")).isEqualTo("м. Одеса, вул. Дерибасівська, 10");
        assertThat(answer.getJsonObject("service").getJsonArray("names")).containsExactly("Оренда авто");
        assertThat(answer.getJsonArray("documents").stream().map(d -> ((JsonObject) d).getString("code")))
                .containsExactly("driver-license", "id-card");
        assertThat(answer.getString("qrAddress")).isEqualTo("м. Одеса, вул. Дерибасівська, 10");
        assertThat(answer.getBoolean("addressChanged")).isFalse();
        assertThat(Duration.between(Instant.now(), Instant.parse(answer.getString("expiresAt"))))
                .isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
        assertThat(answer.getString("requestToken")).matches("[A-Za-z0-9_-]{20,100}");

        String bare = qr[3].substring(qr[3].lastIndexOf('/') + 1);
        assertThat(expect(resolve(token, bare), 200).getString("requestToken"))
                .isNotEqualTo(answer.getString("requestToken"));
    }

    /**
     * A plain scan is served in front of the router ({@code Content-Type: application/json} exactly); any other, here
     * with a charset, through it: the same headers, the same answer, the same problem documents, the same metrics.
     */
    @Test
    void a_scan_is_answered_alike_in_front_of_the_router_and_through_it() {
        String[] qr = issueQr();
        String token = appToken("citizen-lanes");
        for (String scanned : List.of(qr[3], "x")) {
            HttpResponse<String> direct = resolve(token, scanned);
            HttpResponse<String> routed = http.send(http.request(ResolveRoutes.PATH)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            new JsonObject().put("qr", scanned).encode()))
                    .build());
            assertThat(direct.statusCode()).isEqualTo(routed.statusCode()).isIn(200, 400);
            assertThat(withoutIds(direct.headers().map()))
                    .isEqualTo(withoutIds(routed.headers().map()));
            assertThat(direct.headers().firstValue("x-request-id")).isPresent();
            JsonObject directBody = new JsonObject(direct.body());
            JsonObject routedBody = new JsonObject(routed.body());
            for (String perRequest : List.of("requestToken", "expiresAt", "requestId")) {
                assertThat(directBody.containsKey(perRequest)).isEqualTo(routedBody.containsKey(perRequest));
                directBody.remove(perRequest);
                routedBody.remove(perRequest);
            }
            assertThat(directBody).isEqualTo(routedBody);
        }
        assertThat(http.get("/metrics").body()).contains("route=\"" + ResolveRoutes.PATH + "\"");
    }

    private static Map<String, List<String>> withoutIds(Map<String, List<String>> headers) {
        Map<String, List<String>> kept = new java.util.TreeMap<>(headers);
        kept.remove("x-request-id");
        return kept;
    }

    @Test
    void a_cached_resolve_does_no_database_io() {
        String[] qr = issueQr();
        String token = appToken("citizen-cache");
        expect(resolve(token, qr[3]), 200);
        // The QR state is the only thing resolve reads from PostgreSQL, and only on a cache miss. (The global
        // statement counter would also count the delivery workers' and metrics' background queries.)
        double loads = gateway.metric("qrshare_cache_loads_total");
        assertThat(loads).isPositive();
        for (int i = 0; i < 15; i++) {
            expect(resolve(token, qr[3]), 200);
        }
        assertThat(gateway.metric("qrshare_cache_loads_total")).isEqualTo(loads);
    }

    @Test
    void every_refusal_has_its_own_code() {
        String token = appToken("citizen-refusals");
        Problems.assertProblem(resolve(token, "https://example.com/not-ours"), 400, "QR_MALFORMED");
        Problems.assertProblem(resolve(token, "x"), 400, "QR_MALFORMED");

        String[] qr = issueQr();
        String good = qr[3].substring(qr[3].lastIndexOf('/') + 1);
        String forged = good.substring(0, 30) + (good.charAt(30) == 'A' ? 'B' : 'A') + good.substring(31);
        Problems.assertProblem(resolve(token, forged), 404, "QR_UNKNOWN");

        QrTokens tokens = new QrTokens(gateway.secrets().qrTokens());
        Problems.assertProblem(
                resolve(token, tokens.issue(UUID.randomUUID(), Instant.now().plusSeconds(3600))), 404, "QR_UNKNOWN");
        Problems.assertProblem(
                resolve(
                        token,
                        tokens.issue(UUID.fromString(qr[2]), Instant.now().minusSeconds(5))),
                410,
                "QR_EXPIRED");

        expect(resolve(token, qr[3]), 200);
        assertThat(partner.delete("/api/v1/qr-codes/" + qr[2]).statusCode()).isEqualTo(204);
        eventually(() -> resolve(token, qr[3]).statusCode() == 410);
        Problems.assertProblem(resolve(token, qr[3]), 410, "QR_REVOKED");

        String[] other = issueQr();
        expect(resolve(token, other[3]), 200);
        assertThat(partner.delete("/api/v1/services/" + other[1]).statusCode()).isEqualTo(204);
        eventually(() -> resolve(token, other[3]).statusCode() == 410);
        Problems.assertProblem(resolve(token, other[3]), 410, "SERVICE_GONE");
    }

    /** Scans of the same body are remembered once verified, but never past the token's own expiry. */
    @Test
    void a_body_scanned_many_times_is_refused_once_its_token_expires() throws InterruptedException {
        String[] qr = issueQr();
        String token = appToken("citizen-expiring");
        Instant expiry = Instant.now().plusSeconds(3);
        String shortLived = new QrTokens(gateway.secrets().qrTokens()).issue(UUID.fromString(qr[2]), expiry);
        for (int i = 0; i < 5; i++) {
            expect(resolve(token, shortLived), 200);
        }
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiry).toMillis()) + 1100);
        Problems.assertProblem(resolve(token, shortLived), 410, "QR_EXPIRED");
    }

    @Test
    void a_moved_branch_shows_both_addresses_after_the_change_notice() {
        String[] qr = issueQr();
        String token = appToken("citizen-moved");
        assertThat(expect(resolve(token, qr[3]), 200).getBoolean("addressChanged"))
                .isFalse();
        expect(
                partner.put(
                        "/api/v1/branches/" + qr[0],
                        new JsonObject()
                                .put("name", "Каса №3")
                                .put("customAddress", "м. Одеса, вул. Преображенська, 5")),
                200);
        eventually(() -> new JsonObject(resolve(token, qr[3]).body()).getBoolean("addressChanged"));
        JsonObject moved = expect(resolve(token, qr[3]), 200);
        assertThat(moved.getString("qrAddress")).isEqualTo("м. Одеса, вул. Дерибасівська, 10");
        assertThat(moved.getJsonObject("branch").getString("address")).isEqualTo("м. Одеса, вул. Преображенська, 5");
    }

    @Test
    void the_app_must_present_a_valid_token() {
        String[] qr = issueQr();
        Problems.assertProblem(
                http.send(http.request("/api/v1/app/qr/resolve")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                new JsonObject().put("qr", qr[3]).encode()))
                        .build()),
                401,
                "APP_UNAUTHENTICATED");
        String token = appToken("citizen-tamper");
        String tampered = token.substring(0, token.length() - 3) + (token.endsWith("AAA") ? "BBB" : "AAA");
        Problems.assertProblem(resolve(tampered, qr[3]), 401, "APP_UNAUTHENTICATED");
        // A token signed by another issuer (a key the gateway does not trust).
        String foreign = ua.qrshare.dev.JwsIssuer.loadOrCreate(
                        gateway.vertx(),
                        "qrshare-dev-idp",
                        gateway.dataDir().resolve("other").resolve("foreign.pem"))
                .sign(new JsonObject().put("sub", "x"), 600);
        Problems.assertProblem(resolve(foreign, qr[3]), 401, "APP_UNAUTHENTICATED");
    }

    @Test
    void one_citizen_is_rate_limited_without_affecting_others() {
        String[] qr = issueQr();
        String busy = appToken("citizen-busy");
        HttpResponse<String> last = null;
        for (int i = 0; i < 26; i++) {
            last = resolve(busy, qr[3]);
        }
        Problems.assertProblem(last, 429, "TOO_MANY_REQUESTS");
        assertThat(Integer.parseInt(last.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1, 60);
        expect(resolve(appToken("citizen-calm"), qr[3]), 200);
    }

    /** One budget per citizen for resolves and shares together: resolves that used it up leave no share. */
    @Test
    void a_citizen_who_used_the_budget_on_resolves_cannot_share() {
        String[] qr = issueQr();
        String token = appToken("citizen-budget");
        for (int attempt = 0; attempt < 2; attempt++) {
            long minute = System.currentTimeMillis() / 60_000;
            HttpResponse<String> resolved;
            do {
                resolved = resolve(token, qr[3]);
            } while (resolved.statusCode() == 200);
            Problems.assertProblem(resolved, 429, "TOO_MANY_REQUESTS");
            HttpResponse<String> shared = http.send(http.request("/api/v1/app/shares")
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "budget-" + attempt)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"requestToken\":\"x\",\"documents\":[]}"))
                    .build());
            if (System.currentTimeMillis() / 60_000 != minute) {
                continue; // a new window opened in between: try once more
            }
            Problems.assertProblem(shared, 429, "TOO_MANY_REQUESTS");
            assertThat(Integer.parseInt(
                            shared.headers().firstValue("Retry-After").orElseThrow()))
                    .isBetween(1, 60);
            return;
        }
        throw new AssertionError("two minute windows opened during the test");
    }

    private static void eventually(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

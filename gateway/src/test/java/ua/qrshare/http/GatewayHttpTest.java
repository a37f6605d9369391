package ua.qrshare.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.RunningGateway;

/** The HTTP contract every feature relies on, through a real gateway on a real socket. */
public class GatewayHttpTest {

    static Http http;

    /** Routes standing in for the features to come: they use the same body, JSON and error machinery. */
    static final Routes PROBES = router -> {
        router.post("/api/v1/test/echo")
                .consumes("application/json")
                .handler(ctx -> ctx.json(new JsonObject().put("echo", JsonBody.of(ctx))));
        router.get("/api/v1/test/boom").handler(ctx -> {
            throw new IllegalStateException("secret internal detail 0123456789");
        });
        router.get("/api/v1/test/problem")
                .handler(ctx -> ctx.fail(new Problem(
                        409, "TEST_CONFLICT", "Конфлікт.", "Conflict.", new JsonObject().put("field", "name"))));
    };

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.with(Map.of("http.body.limit", 2048), PROBES);

    @BeforeAll
    static void start() {
        http = new Http(gateway.config().httpPort());
    }

    @Test
    void liveness_is_up() {
        HttpResponse<String> r = http.get("/health/live");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(r.body()).getString("status")).isEqualTo("UP");
    }

    @Test
    void readiness_reports_database_signing_key_and_mail_backlog() {
        HttpResponse<String> r = http.get("/health/ready");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getString("status")).isEqualTo("UP");
        assertThat(body.getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("id")))
                .containsExactlyInAnyOrder("database", "signing-key", "mail-backlog");
    }

    @Test
    void unknown_route_is_a_404_problem() {
        HttpResponse<String> r = http.get("/api/v1/no-such-thing");
        assertProblem(r, 404, "NOT_FOUND");
    }

    @Test
    void wrong_method_is_a_405_problem() {
        HttpResponse<String> r = http.send(http.request("/health/live").DELETE().build());
        assertProblem(r, 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void malformed_json_is_a_400_problem() {
        HttpResponse<String> r = http.send(json("/api/v1/test/echo", "{\"a\": "));
        assertProblem(r, 400, "MALFORMED_JSON");
        HttpResponse<String> array = http.send(json("/api/v1/test/echo", "[1,2]"));
        assertProblem(array, 400, "MALFORMED_JSON");
    }

    @Test
    void well_formed_json_reaches_the_route() {
        HttpResponse<String> r = http.send(json("/api/v1/test/echo", "{\"a\": \"Київ\"}"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(r.body()).getJsonObject("echo").getString("a"))
                .isEqualTo("Київ");
    }

    @Test
    void oversized_body_is_a_413_problem() {
        HttpResponse<String> r = http.send(json("/api/v1/test/echo", "{\"a\": \"" + "x".repeat(4000) + "\"}"));
        assertProblem(r, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void wrong_content_type_is_a_415_problem() {
        HttpResponse<String> r = http.send(http.request("/api/v1/test/echo")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
        assertProblem(r, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void unexpected_exception_is_a_500_without_internals() {
        HttpResponse<String> r = http.get("/api/v1/test/boom");
        assertProblem(r, 500, "INTERNAL_ERROR");
        assertThat(r.body()).doesNotContain("secret internal detail", "IllegalStateException", "ua.qrshare", "at ");
    }

    @Test
    void a_feature_problem_keeps_its_status_code_and_extensions() {
        HttpResponse<String> r = http.get("/api/v1/test/problem");
        JsonObject body = assertProblem(r, 409, "TEST_CONFLICT");
        assertThat(body.getString("field")).isEqualTo("name");
    }

    @Test
    void detail_follows_accept_language() {
        HttpResponse<String> uk = http.get("/api/v1/missing");
        HttpResponse<String> en = http.send(http.request("/api/v1/missing")
                .header("Accept-Language", "en-GB,en;q=0.9")
                .build());
        assertThat(new JsonObject(uk.body()).getString("detail")).isEqualTo("Такого ресурсу немає.");
        assertThat(new JsonObject(en.body()).getString("detail")).isEqualTo("There is no such resource.");
    }

    @Test
    void security_headers_are_on_success_and_error_responses() {
        for (HttpResponse<String> r :
                new HttpResponse[] {http.get("/health/live"), http.get("/api/v1/missing"), http.get("/api/v1/test/boom")
                }) {
            assertThat(r.headers().firstValue("Content-Security-Policy"))
                    .get()
                    .asString()
                    .contains("default-src 'self'")
                    .contains("frame-ancestors 'none'");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            // Plain http here: HSTS would be wrong.
            assertThat(r.headers().firstValue("Strict-Transport-Security")).isEmpty();
        }
    }

    @Test
    void every_response_has_a_request_id_and_a_sane_client_id_is_kept() {
        String generated1 =
                http.get("/health/live").headers().firstValue("X-Request-Id").orElseThrow();
        String generated2 =
                http.get("/health/live").headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(generated1).isNotEqualTo(generated2);

        HttpResponse<String> kept = http.send(http.request("/api/v1/missing")
                .header("X-Request-Id", "app-retry-42abc")
                .build());
        assertThat(kept.headers().firstValue("X-Request-Id")).contains("app-retry-42abc");
        assertThat(new JsonObject(kept.body()).getString("requestId")).isEqualTo("app-retry-42abc");

        HttpResponse<String> replaced = http.send(
                http.request("/health/live").header("X-Request-Id", "<script>").build());
        assertThat(replaced.headers().firstValue("X-Request-Id"))
                .get()
                .asString()
                .doesNotContain("<");
    }

    @Test
    void metrics_expose_http_pool_and_jvm_in_prometheus_format() {
        http.get("/health/ready");
        // The server records a request once its response is written, which can be just after the client has it.
        HttpResponse<String> r = http.get("/metrics");
        for (int i = 0; i < 50 && !r.body().contains("vertx_http_server_requests_total{"); i++) {
            sleep(100);
            r = http.get("/metrics");
        }
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("vertx_http_server_requests_total{")
                .contains("route=\"/health/ready\"")
                .contains(
                        "vertx_http_server_response_time_seconds_count{code=\"200\",method=\"GET\",route=\"/health/ready\"}")
                .contains("vertx_http_server_response_bytes_count{code=\"200\",method=\"GET\",route=\"/health/ready\"}")
                .contains("vertx_http_server_request_bytes_count{method=\"GET\"}")
                .contains("vertx_http_server_active_requests{method=\"GET\"}")
                .contains("vertx_http_server_active_connections")
                .contains("vertx_pool_in_use")
                .contains("vertx_sql_processing_time_seconds")
                .contains("jvm_memory_used_bytes")
                .contains("jvm_gc_")
                // times have histogram buckets (percentiles by histogram_quantile), sizes only count, sum and max
                .containsPattern(
                        "vertx_http_server_response_time_seconds_bucket\\{[^}]*route=\"/health/ready\",le=\"[0-9.]+\"}")
                .contains("vertx_http_server_response_bytes_max{")
                .doesNotContain("vertx_http_server_response_bytes_bucket")
                .doesNotContain("vertx_http_server_request_bytes_bucket");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static HttpRequest json(String path, String body) {
        return http.request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** Kept here as well as in {@link ua.qrshare.testing.Problems}: the HTTP contract's own assertion. */
    public static JsonObject assertProblem(HttpResponse<String> r, int status, String code) {
        return ua.qrshare.testing.Problems.assertProblem(r, status, code);
    }
}

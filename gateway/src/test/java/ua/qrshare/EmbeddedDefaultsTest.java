package ua.qrshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import ua.qrshare.http.Routes;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.TestGateway;

/**
 * The zero-configuration gateway: embedded PostgreSQL, embedded SMTP sink and dev PKI under one data directory.
 * The tests run in order on one instance; the last one stops it.
 */
@Isolated // stops its database under the gateway
@Tag("embedded")
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class EmbeddedDefaultsTest {

    @TempDir
    static Path dataDir;

    static RunningGateway gateway;
    static Http http;

    /** A request that takes a while, to be in flight while the gateway stops. */
    static final Routes SLOW = router -> router.get("/api/v1/test/slow")
            .handler(ctx -> ctx.vertx().setTimer(1500, t -> ctx.json(new JsonObject().put("finished", true))));

    @BeforeAll
    static void start() {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("db.url", null);
        gateway = TestGateway.start(dataDir, overrides, SLOW);
        http = new Http(gateway.config().httpPort());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void everything_lives_under_the_data_directory() {
        assertThat(gateway.embeddedPostgres()).isNotNull();
        assertThat(dataDir.resolve("pg").resolve("PG_VERSION")).exists();
        assertThat(dataDir.resolve("pki").resolve("ca.pem")).exists();
        assertThat(dataDir.resolve("mail")).isDirectory();
        assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void readiness_fails_while_the_database_is_down_and_recovers_after() throws Exception {
        gateway.embeddedPostgres().stop();
        HttpResponse<String> down = http.get("/health/ready");
        assertThat(down.statusCode()).isEqualTo(503);
        JsonObject report = new JsonObject(down.body());
        assertThat(report.getString("status")).isEqualTo("DOWN");
        assertThat(report.getJsonArray("checks").stream()
                        .map(JsonObject.class::cast)
                        .filter(c -> c.getString("id").equals("database"))
                        .findFirst()
                        .orElseThrow()
                        .getString("status"))
                .isEqualTo("DOWN");
        assertThat(http.get("/health/live").statusCode()).isEqualTo(200);

        gateway.embeddedPostgres().start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int status;
        do {
            status = http.get("/health/ready").statusCode();
        } while (status != 200 && System.nanoTime() < deadline && sleep());
        assertThat(status).isEqualTo(200);
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void stopping_drains_in_flight_requests_then_stops_the_embedded_servers() throws Exception {
        CompletableFuture<HttpResponse<String>> inFlight = Http.client()
                .sendAsync(http.request("/api/v1/test/slow").build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);
        gateway.close();

        HttpResponse<String> finished = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(finished.body()).getBoolean("finished")).isTrue();
        assertThatThrownBy(() -> http.get("/health/live")).isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(dataDir.resolve("pg").resolve("postmaster.pid")).doesNotExist();
    }

    private static boolean sleep() {
        try {
            Thread.sleep(250);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

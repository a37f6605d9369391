package ua.qrshare.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.qrshare.dev.DevPki;
import ua.qrshare.pki.PkiRoutes;

/**
 * The CRLs a copy carries, for a CA the gateway does not run: fetched from the certificate's distribution point (a
 * small HTTP server here), once for many copies, and refused when not the issuer's.
 */
class CrlSourceTest {

    @TempDir
    static Path dir;

    static HttpServer server;
    static DevPki ca;
    static DevPki stranger;
    static Vertx vertx;
    static final AtomicInteger requests = new AtomicInteger();
    /** What the distribution point serves: the CA's CRL, or another CA's. */
    static final AtomicReference<byte[]> served = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ca = DevPki.loadOrCreate(
                dir.resolve("ca"), "http://127.0.0.1:" + server.getAddress().getPort());
        stranger = DevPki.loadOrCreate(dir.resolve("stranger"), "http://stranger.example");
        server.createContext(PkiRoutes.CA_CRL, exchange -> {
            requests.incrementAndGet();
            byte[] crl = served.get();
            exchange.sendResponseHeaders(200, crl.length);
            try (var body = exchange.getResponseBody()) {
                body.write(crl);
            }
        });
        server.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop(0);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void the_crl_is_fetched_from_the_distribution_point_once_for_many_copies() throws Exception {
        served.set(ca.crl());
        requests.set(0);
        CrlSource source = new CrlSource(Map.of(), vertx, Duration.ofSeconds(5), Clock.systemUTC());
        List<Future<List<X509CRL>>> copies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            copies.add(source.crls(List.of(ca.seal().chain(), ca.tsa().chain())));
        }
        for (Future<List<X509CRL>> copy : copies) {
            List<X509CRL> crls = copy.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(crls).hasSize(1);
            assertThat(crls.get(0).getEncoded()).isEqualTo(ca.crl());
        }
        assertThat(requests.get()).isEqualTo(1);
        source.close();
    }

    @Test
    void a_crl_not_signed_by_the_issuer_is_refused_as_unavailable() {
        served.set(stranger.crl());
        CrlSource source = new CrlSource(Map.of(), vertx, Duration.ofSeconds(5), Clock.systemUTC());
        assertThatThrownBy(() -> source.crls(List.of(ca.seal().chain()))
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(RevocationUnavailableException.class)
                .hasMessageContaining("not signed by its CA"); // both dev CAs bear the same name
    }

    @Test
    void a_crl_of_the_ca_itself_is_taken_without_fetching() throws Exception {
        requests.set(0);
        CrlSource source = new CrlSource(
                Map.of(ca.caCertificate(), ca::currentCrl), null, Duration.ofSeconds(5), Clock.systemUTC());
        assertThat(source.crls(List.of(ca.seal().chain()))
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS))
                .hasSize(1);
        assertThat(requests.get()).isZero();
    }
}

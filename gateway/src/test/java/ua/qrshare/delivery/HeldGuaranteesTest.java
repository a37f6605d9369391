package ua.qrshare.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import ua.qrshare.dev.TsaRoutes;
import ua.qrshare.testing.Api;
import ua.qrshare.testing.AppClient;
import ua.qrshare.testing.FaultySmtp;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.Shares;
import ua.qrshare.testing.TcpProxy;
import ua.qrshare.testing.TestGateway;
import ua.qrshare.testing.TestPartners;
import ua.qrshare.testing.TestPostgres;

/**
 * Guarantees that held under fault injection, kept as tests: two delivering instances on one database share the
 * queue without a duplicate; a TSA that stops answering (instance {@code b} stamps through a relay that can hang)
 * delays copies but loses none.
 */
@Isolated // times two instances and a hanging TSA
class HeldGuaranteesTest {

    @TempDir
    static Path dataDir;

    static FaultySmtp smtp;
    static TcpProxy tsa;
    static RunningGateway a;
    static RunningGateway b;
    static Http http;
    static AppClient app;
    static int subjects;

    @BeforeAll
    static void start() {
        smtp = new FaultySmtp();
        String db = TestPostgres.freshDatabaseUrl();
        Map<String, Object> common = new HashMap<>(Map.of(
                "db.url",
                db,
                "smtp.host",
                "127.0.0.1",
                "smtp.port",
                smtp.port(),
                "smtp.tls",
                "none",
                "smtp.timeout.ms",
                2000,
                "share.workers",
                2,
                "share.lease.seconds",
                3));
        a = TestGateway.start(dataDir, common); // stamps at its own embedded TSA
        tsa = new TcpProxy("127.0.0.1", a.config().httpPort());
        Map<String, Object> throughRelay = new HashMap<>(common);
        throughRelay.put("tsa.url", "http://127.0.0.1:" + tsa.port() + TsaRoutes.PATH);
        throughRelay.put("tsa.timeout.ms", 1000);
        b = TestGateway.start(dataDir, throughRelay);
        http = new Http(a.config().httpPort());
        app = new AppClient(
                http,
                new Api(http, TestPartners.login(a, TestPartners.activeLegalEntity(a, "36000003", "ТОВ «Двоє»"))));
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
        tsa.close();
        smtp.close();
    }

    @Test
    void two_instances_on_one_database_deliver_every_share_once() throws Exception {
        double sentByA = sent(a);
        double sentByB = sent(b);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            ids.add(Shares.share(a, http, app, "citizen-two-" + (++subjects)));
        }
        eventually(() -> ids.stream().allMatch(id -> "sent".equals(status(id))));
        for (String id : ids) {
            assertThat(messages(id)).as("messages for share " + id).isEqualTo(1);
        }
        System.out.printf("two instances: a sent %.0f, b sent %.0f%n", sent(a) - sentByA, sent(b) - sentByB);
    }

    @Test
    void a_tsa_that_stops_answering_delays_copies_and_loses_none() throws Exception {
        double unavailable = metric(b, "qrshare_tsa_unavailable_total");
        tsa.hang(true);
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(Shares.share(a, http, app, "citizen-tsa-" + (++subjects)));
            }
            eventually(() -> metric(b, "qrshare_tsa_unavailable_total") > unavailable);
            tsa.restore();
            eventually(() -> ids.stream().allMatch(id -> "sent".equals(status(id))));
            for (String id : ids) {
                assertThat(messages(id)).isEqualTo(1);
            }
        } finally {
            tsa.restore();
        }
    }

    private static double sent(RunningGateway g) {
        return metric(g, "qrshare_mail_send_seconds_count");
    }

    private static double metric(RunningGateway g, String name) {
        return new Http(g.config().httpPort())
                .get("/metrics")
                .body()
                .lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static int messages(String shareId) {
        int n = 0;
        for (byte[] raw : smtp.messages()) {
            if (new String(raw, StandardCharsets.UTF_8).contains("Message-ID: <share-" + shareId)) {
                n++;
            }
        }
        return n;
    }

    private static String status(String id) {
        try {
            return a.database()
                    .client()
                    .preparedQuery("SELECT status FROM share WHERE id = $1")
                    .execute(Tuple.of(UUID.fromString(id)))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS)
                    .iterator()
                    .next()
                    .getString("status");
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 90 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}

package ua.qrshare.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.qrshare.testing.Await.await;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import ua.qrshare.cli.Main;
import ua.qrshare.share.ShareJobs;
import ua.qrshare.testing.Api;
import ua.qrshare.testing.AppClient;
import ua.qrshare.testing.FaultySmtp;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.Shares;
import ua.qrshare.testing.TestGateway;
import ua.qrshare.testing.TestPartners;
import ua.qrshare.testing.TestPostgres;

/**
 * A gateway in its own JVM, as an orchestrator runs it, working two shares while the SMTP server accepts
 * connections and never answers: a SIGTERM still stops it within {@code http.shutdown.timeout}, and after a SIGKILL
 * its jobs are back in the queue within one lease (2 s here), while it was alive its heartbeat kept them.
 */
@Isolated // kills and times a child gateway
class GatewayProcessFaultsTest {

    static final int LEASE_SECONDS = 2;
    static final int SHUTDOWN_SECONDS = 6;

    @TempDir
    static Path dataDir;

    static FaultySmtp smtp;
    static RunningGateway api;
    static String dbUrl;

    @BeforeAll
    static void start() {
        smtp = new FaultySmtp();
        smtp.mode(FaultySmtp.Mode.HANG);
        dbUrl = TestPostgres.freshDatabaseUrl();
        api = TestGateway.start(
                dataDir,
                Map.of(
                        "db.url",
                        dbUrl,
                        "smtp.host",
                        "127.0.0.1",
                        "smtp.port",
                        smtp.port(),
                        "smtp.tls",
                        "none",
                        "share.workers",
                        "-1"));
        Http http = new Http(api.config().httpPort());
        AppClient app = new AppClient(
                http,
                new Api(
                        http,
                        TestPartners.login(api, TestPartners.activeLegalEntity(api, "36000002", "ТОВ «Процес»"))));
        Shares.share(api, http, app, "citizen-process-1");
        Shares.share(api, http, app, "citizen-process-2");
    }

    @AfterAll
    static void stop() {
        api.close();
        smtp.close();
    }

    @Test
    void a_killed_gateway_returns_its_jobs_within_a_lease_and_sigterm_on_a_silent_smtp_server_stops_in_time()
            throws Exception {
        ShareJobs jobs = new ShareJobs(api.database().pool(), Duration.ofHours(24));

        Process first = gateway("first");
        try {
            eventually(Duration.ofSeconds(90), () -> heldShares() == 2);
            Thread.sleep(3L * LEASE_SECONDS * 1000); // three leases: only the heartbeat keeps them
            assertThat(heldShares())
                    .as("leases renewed while the worker holds the jobs")
                    .isEqualTo(2);
            assertThat(await(jobs.claim(Duration.ofMillis(200)))).isEmpty();
        } finally {
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        long killed = System.nanoTime();
        Optional<ShareJobs.Job> back = Optional.empty();
        while (back.isEmpty()
                && System.nanoTime() - killed < Duration.ofSeconds(30).toNanos()) {
            back = await(jobs.claim(Duration.ofMillis(200)));
            Thread.sleep(100);
        }
        double returnedAfter = (System.nanoTime() - killed) / 1e9;
        assertThat(back).isPresent();
        assertThat(returnedAfter)
                .as("seconds until a killed gateway's job is claimable")
                .isLessThan(LEASE_SECONDS + 2.5);
        Thread.sleep(500); // our own 200 ms claim runs out

        Path log = dataDir.resolve("second.log");
        Process second = gateway("second");
        eventually(Duration.ofSeconds(90), () -> heldShares() == 2);
        long term = System.nanoTime();
        second.destroy(); // SIGTERM
        boolean exited = second.waitFor(60, TimeUnit.SECONDS);
        double stoppedAfter = (System.nanoTime() - term) / 1e9;
        if (!exited) {
            second.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exited).isTrue();
        assertThat(stoppedAfter).as("seconds from SIGTERM to exit\n" + output).isLessThan(SHUTDOWN_SECONDS + 2.0);
        assertThat(output).doesNotContain("timed out after").contains("Stopped");
        System.out.printf(
                "killed gateway's job claimable after %.1f s; SIGTERM to exit %.1f s%n", returnedAfter, stoppedAfter);
        output.lines().filter(l -> l.contains("Stop")).forEach(System.out::println);
    }

    /** A delivering gateway on the same database and data directory, with a long SMTP timeout (the hang lasts). */
    private static Process gateway(String name) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dataDir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("QRSHARE_"));
        int port = TestGateway.freePort();
        pb.environment()
                .putAll(Map.ofEntries(
                        Map.entry("QRSHARE_HTTP_HOST", "127.0.0.1"),
                        Map.entry("QRSHARE_HTTP_PORT", String.valueOf(port)),
                        Map.entry("QRSHARE_DATA_DIR", dataDir.toString()),
                        Map.entry("QRSHARE_DB_URL", dbUrl),
                        Map.entry("QRSHARE_SMTP_HOST", "127.0.0.1"),
                        Map.entry("QRSHARE_SMTP_PORT", String.valueOf(smtp.port())),
                        Map.entry("QRSHARE_SMTP_TLS", "none"),
                        Map.entry("QRSHARE_SMTP_TIMEOUT_MS", "60000"),
                        Map.entry("QRSHARE_SHARE_LEASE_SECONDS", String.valueOf(LEASE_SECONDS)),
                        Map.entry("QRSHARE_HTTP_SHUTDOWN_TIMEOUT", String.valueOf(SHUTDOWN_SECONDS)),
                        Map.entry("QRSHARE_SHARE_WORKERS", "2")));
        Path log = dataDir.resolve(name + ".log");
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Http http = new Http(port);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
            try {
                HttpResponse<String> live = http.get("/health/live");
                if (live.statusCode() == 200) {
                    return p;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        p.destroyForcibly();
        throw new AssertionError("the gateway did not start:\n" + Files.readString(log));
    }

    /** Shares in 'signing' whose lease has not run out. */
    private static long heldShares() {
        try {
            Row r = await(api.database()
                            .client()
                            .preparedQuery("SELECT count(*) AS n FROM share WHERE status = 'signing'"
                                    + " AND lease_until > now()")
                            .execute(Tuple.tuple()))
                    .iterator()
                    .next();
            return r.getLong("n");
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static void eventually(Duration limit, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime())
                    .as("condition within " + limit.toSeconds() + " s")
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}

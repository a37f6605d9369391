package ua.qrshare.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.qrshare.testing.Api.expect;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.LoggerFactory;
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
 * Delivery under faults, with a real SMTP server that misbehaves on purpose ({@link FaultySmtp}) and the real
 * PostgreSQL reached through a relay that can be cut ({@link TcpProxy}). Short timeouts by configuration: 1 s per
 * SMTP step, a 2 s lease, a 3 s backlog alert.
 */
@Isolated // captures the log and cuts the database and SMTP
class DeliveryFaultsTest {

    @TempDir
    static Path dataDir;

    static FaultySmtp smtp;
    static TcpProxy database;
    static RunningGateway gateway;
    static Http http;
    static AppClient app;
    static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    static int subjects;

    @BeforeAll
    static void start() {
        smtp = new FaultySmtp();
        URI direct = URI.create(TestPostgres.freshDatabaseUrl());
        database = new TcpProxy(direct.getHost(), direct.getPort());
        String proxied = direct.getScheme() + "://" + direct.getRawUserInfo() + "@127.0.0.1:" + database.port()
                + direct.getRawPath();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        Map<String, Object> config = new HashMap<>();
        config.put("db.url", proxied);
        config.put("smtp.host", "127.0.0.1");
        config.put("smtp.port", smtp.port());
        config.put("smtp.tls", "none");
        config.put("smtp.timeout.ms", 1000);
        config.put("share.lease.seconds", 2);
        config.put("share.backlog.alert.seconds", 3);
        config.put("share.workers", 2);
        gateway = TestGateway.start(dataDir, config);
        http = new Http(gateway.config().httpPort());
        Api partner = new Api(
                http, TestPartners.login(gateway, TestPartners.activeLegalEntity(gateway, "36000001", "ТОВ «Збої»")));
        app = new AppClient(http, partner);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        smtp.close();
        database.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @BeforeEach
    void healthyAndIdle() throws Exception {
        smtp.mode(FaultySmtp.Mode.ACCEPT);
        smtp.dropAfterDot(0);
        smtp.beforeFinalReply(() -> {});
        smtp.up();
        database.restore();
        eventually(Duration.ofSeconds(60), () -> pendingCount() == 0);
    }

    static String share() {
        return Shares.share(gateway, http, app, "citizen-fault-" + (++subjects));
    }

    @Test
    void a_server_that_accepts_and_never_answers_delays_delivery_loses_nothing_and_is_visible() throws Exception {
        smtp.mode(FaultySmtp.Mode.HANG);
        List<String> ids = List.of(share(), share());
        eventually(Duration.ofSeconds(30), () -> logged(Level.WARN, "timed out"));
        for (String id : ids) {
            assertThat(status(id)).isIn("accepted", "signing");
            assertThat(row(id).getBuffer("payload_encrypted")).isNotNull();
        }
        // The stuck queue shows: readiness names the backlog, the metric counts the timeouts.
        eventually(Duration.ofSeconds(20), () -> http.get("/health/ready").statusCode() == 503);
        assertThat(http.get("/health/ready").body()).contains("mail-backlog");
        assertThat(metric("qrshare_mail_timeouts_total")).isGreaterThanOrEqualTo(1);

        smtp.mode(FaultySmtp.Mode.ACCEPT);
        eventually(Duration.ofSeconds(60), () -> ids.stream().allMatch(id -> "sent".equals(status(id))));
        eventually(Duration.ofSeconds(20), () -> http.get("/health/ready").statusCode() == 200);
    }

    @Test
    void an_outage_holds_claims_and_the_retry_mails_the_copies_sealed_the_first_time() throws Exception {
        double rendered = metric("qrshare_copy_render_seconds_count");
        double sealed = metric("qrshare_copy_seal_seconds_count");
        smtp.down();
        String id = share();
        eventually(
                Duration.ofSeconds(30),
                () -> row(id).getInteger("attempts") >= 1
                        && row(id).getBuffer("copies_encrypted") != null
                        && "SMTP_UNAVAILABLE".equals(row(id).getString("failure_reason")));
        assertThat(metric("qrshare_mail_breaker_open")).isEqualTo(1.0);
        // The copies kept for the retry are encrypted, not the PDFs in clear.
        assertThat(new String(
                        row(id).getBuffer("copies_encrypted").getBytes(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("%PDF");
        Thread.sleep(5_000); // without the breaker the job would be claimed again after its 2 s and 4 s backoffs
        assertThat(row(id).getInteger("attempts")).isEqualTo(1);

        smtp.up();
        eventually(Duration.ofSeconds(60), () -> "sent".equals(status(id)));
        assertThat(row(id).getInteger("attempts")).isGreaterThanOrEqualTo(2);
        assertThat(row(id).getBuffer("copies_encrypted")).isNull();
        assertThat(row(id).getBuffer("payload_encrypted")).isNull();
        // Two documents: rendered, sealed and stamped twice in all, not twice per attempt.
        assertThat(metric("qrshare_copy_render_seconds_count") - rendered).isEqualTo(2);
        assertThat(metric("qrshare_copy_seal_seconds_count") - sealed).isEqualTo(2);
        assertThat(messagesWithId(id)).isEqualTo(1);
    }

    @Test
    void a_relay_refusal_is_an_outage_to_wait_out_not_a_verdict_on_the_shares() throws Exception {
        smtp.mode(FaultySmtp.Mode.RELAY_DENIED);
        List<String> ids = List.of(share(), share());
        eventually(
                Duration.ofSeconds(30),
                () -> ids.stream().anyMatch(id -> "SMTP_UNAVAILABLE".equals(row(id).getString("failure_reason"))));
        Thread.sleep(3_000);
        for (String id : ids) {
            assertThat(status(id)).isIn("accepted", "signing");
        }
        smtp.mode(FaultySmtp.Mode.ACCEPT);
        eventually(Duration.ofSeconds(60), () -> ids.stream().allMatch(id -> "sent".equals(status(id))));
    }

    @Test
    void a_recipient_refused_for_good_fails_that_share_and_erases_its_inputs() throws Exception {
        smtp.mode(FaultySmtp.Mode.USER_UNKNOWN);
        String id = share();
        eventually(Duration.ofSeconds(30), () -> "failed".equals(status(id)));
        Row r = row(id);
        assertThat(r.getString("failure_reason")).isEqualTo("SMTP_REJECTED: 550");
        assertThat(r.getBuffer("payload_encrypted")).isNull();
        assertThat(r.getBuffer("copies_encrypted")).isNull();
        assertThat(metric("qrshare_mail_breaker_open")).isEqualTo(0.0);
    }

    @Test
    void a_reply_lost_after_the_final_dot_is_counted_and_resent_with_the_same_message_id() throws Exception {
        double ambiguous = metric("qrshare_mail_ambiguous_total");
        int errorsBefore = lines(Level.ERROR).size();
        smtp.dropAfterDot(1);
        String id = share();
        eventually(Duration.ofSeconds(60), () -> "sent".equals(status(id)));
        List<String> messageIds = new ArrayList<>();
        for (byte[] raw : smtp.messages()) {
            String messageId = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw))
                    .getMessageID();
            if (messageId.contains(id)) {
                messageIds.add(messageId);
            }
        }
        // At least the dropped one and the accepted one (a slow test machine can lose one more reply to the 1 s limit).
        assertThat(messageIds.size()).isGreaterThanOrEqualTo(2);
        assertThat(messageIds).containsOnly(messageIds.get(0));
        assertThat(metric("qrshare_mail_ambiguous_total") - ambiguous).isGreaterThanOrEqualTo(1);
        // The mail client's own failure on the dropped connection is one WARN line, not an ERROR with a stack trace.
        assertThat(lines(Level.ERROR)).hasSize(errorsBefore);
    }

    @Test
    void once_the_server_has_the_mail_the_share_is_recorded_sent_when_the_database_returns_never_sent_twice()
            throws Exception {
        smtp.beforeFinalReply(() -> {
            database.cut();
            smtp.beforeFinalReply(() -> {});
        });
        String id = share();
        eventually(Duration.ofSeconds(30), () -> messagesWithId(id) == 1);
        Thread.sleep(4_000); // past two leases with the database away
        database.restore();
        eventually(Duration.ofSeconds(60), () -> "sent".equals(status(id)));
        Thread.sleep(3_000);
        assertThat(messagesWithId(id)).isEqualTo(1);
        assertThat(lines(Level.WARN)).noneMatch(l -> l.contains(id) && l.contains("not delivered"));
        assertThat(lines(Level.WARN)).anyMatch(l -> l.contains(id) && l.contains("not recorded as sent yet"));
    }

    @Test
    void a_database_outage_answers_503_with_retry_after_and_one_line_and_the_same_request_succeeds_after()
            throws Exception {
        Shares.Prepared prepared = Shares.prepare(gateway, app, "citizen-fault-db");
        int errorsBefore = lines(Level.ERROR).size();
        int before = logs.list.size();
        database.cut();
        HttpResponse<String> down = Shares.confirm(http, prepared, "db-outage-1");
        database.restore();
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).contains("5");
        JsonObject problem = new JsonObject(down.body());
        assertThat(problem.getString("code")).isEqualTo("DATABASE_UNAVAILABLE");
        assertThat(problem.getJsonObject("messages").getString("uk")).contains("База даних");
        List<ILoggingEvent> warnings;
        synchronized (logs.list) {
            warnings = logs.list.subList(before, logs.list.size()).stream()
                    .filter(e -> e.getLoggerName().endsWith("ProblemHandler"))
                    .toList();
        }
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(warnings.get(0).getThrowableProxy()).isNull();
        assertThat(lines(Level.ERROR)).hasSize(errorsBefore);

        String shareId =
                expect(Shares.confirm(http, prepared, "db-outage-1"), 202).getString("shareId");
        eventually(Duration.ofSeconds(60), () -> "sent".equals(status(shareId)));
    }

    private static int messagesWithId(String shareId) {
        int n = 0;
        for (byte[] raw : smtp.messages()) {
            if (new String(raw, java.nio.charset.StandardCharsets.UTF_8).contains("Message-ID: <share-" + shareId)) {
                n++;
            }
        }
        return n;
    }

    private static boolean logged(Level level, String text) {
        return lines(level).stream().anyMatch(l -> l.contains(text));
    }

    private static List<String> lines(Level level) {
        synchronized (logs.list) {
            return logs.list.stream()
                    .filter(e -> e.getLevel() == level)
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    private static double metric(String name) {
        return http.get("/metrics")
                .body()
                .lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static long pendingCount() {
        try {
            return query("SELECT count(*) AS n FROM share WHERE status IN ('accepted', 'signing')", Tuple.tuple())
                    .getLong("n");
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String status(String id) {
        try {
            return row(id).getString("status");
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private static Row row(String id) {
        return query("SELECT * FROM share WHERE id = $1", Tuple.of(UUID.fromString(id)));
    }

    private static Row query(String sql, Tuple args) {
        try {
            return gateway.database()
                    .client()
                    .preparedQuery(sql)
                    .execute(args)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS)
                    .iterator()
                    .next();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void eventually(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime())
                    .as("condition within " + limit.toSeconds() + " s")
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}

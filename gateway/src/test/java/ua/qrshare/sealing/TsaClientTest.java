package ua.qrshare.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ua.qrshare.testing.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.qrshare.dev.DevPki;
import ua.qrshare.dev.TimeStampAuthority;
import ua.qrshare.pki.SigningIdentity;
import ua.qrshare.testing.TestGateway;

/**
 * The RFC 3161 client against the real dev TSA and against small fake TSAs, each wrong in one way: what is accepted,
 * what is refused as an invalid time-stamp, and what counts as an unavailable TSA (to be retried).
 */
class TsaClientTest {

    /** Generous: the first BouncyCastle token of a fresh JVM on a loaded 2-core CI machine can take seconds. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final byte[] IMPRINT = sha256("the signature value of a sealed copy");

    @TempDir
    static Path dir;

    static Vertx vertx;
    static WorkerExecutor workers;
    static HttpServer server;
    static SigningIdentity tsa;
    static SigningIdentity seal;
    static TimeStampCheck check;

    @BeforeAll
    static void startFakeTsas() throws Exception {
        DevPki pki = DevPki.loadOrCreate(dir.resolve("pki"), "http://localhost:8080");
        tsa = pki.tsa();
        seal = pki.seal();
        check = new TimeStampCheck(new CertificatePaths(List.of(pki.caCertificate())));
        TimeStampAuthority authority = new TimeStampAuthority(tsa, Clock.systemUTC());
        // A TSA whose tokens are sound in every way but one: its certificate is issued by a CA we do not trust.
        TimeStampAuthority foreign = new TimeStampAuthority(
                DevPki.loadOrCreate(dir.resolve("foreign"), "http://foreign.example")
                        .tsa(),
                Clock.systemUTC());
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2)); // as the gateway on a 2-core machine
        workers = vertx.createSharedWorkerExecutor("test-tsa", 2);
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create());
        router.post("/tsa")
                .handler(ctx -> workers.executeBlocking(
                                () -> authority.respond(ctx.body().buffer().getBytes()))
                        .onSuccess(stamp -> reply(ctx, stamp)));
        router.post("/foreign-ca")
                .handler(ctx -> workers.executeBlocking(
                                () -> foreign.respond(ctx.body().buffer().getBytes()))
                        .onSuccess(stamp -> reply(ctx, stamp)));
        router.post("/as-asked").handler(ctx -> fake(ctx, tsa, tsa, null, false));
        router.post("/other-imprint").handler(ctx -> fake(ctx, tsa, tsa, sha256("another copy"), false));
        router.post("/other-nonce").handler(ctx -> fake(ctx, tsa, tsa, null, true));
        router.post("/seal-certificate").handler(ctx -> fake(ctx, seal, seal, null, false));
        router.post("/wrong-key").handler(ctx -> fake(ctx, seal, tsa, null, false));
        router.post("/rejecting").handler(ctx -> fail(ctx, PKIFailureInfo.badAlg));
        router.post("/busy").handler(ctx -> fail(ctx, PKIFailureInfo.systemFailure));
        router.post("/garbage").handler(ctx -> reply(ctx, "not DER".getBytes(StandardCharsets.US_ASCII)));
        router.post("/down").handler(ctx -> ctx.response().setStatusCode(503).end());
        router.post("/html")
                .handler(ctx ->
                        ctx.response().putHeader("Content-Type", "text/html").end("<p>maintenance"));
        router.post("/silent").handler(ctx -> {
            /* never answers */
        });
        server = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void the_dev_tsa_grants_a_token_over_the_imprint_and_the_client_learns_its_certificate() throws Exception {
        TsaClient client = client("/tsa", TIMEOUT);
        TimeStampToken token = token(await(client.timestamp(IMPRINT)));
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(IMPRINT);
        assertThat(token.getTimeStampInfo().getPolicy()).isEqualTo(TimeStampAuthority.POLICY);
        assertThat(await(client.certificate())).isEqualTo(tsa.certificate());
    }

    @Test
    void every_reply_arrives_when_threads_outside_vertx_ask_one_after_another() throws Exception {
        // Started from a plain thread, an exchange on a pooled keep-alive connection could miss its reply body and
        // hang (about one in a hundred here) until the client kept every exchange on its own context.
        TsaClient client = client("/tsa", Duration.ofSeconds(2));
        for (int i = 0; i < 300; i++) {
            assertThat(token(await(client.timestamp(IMPRINT)))
                            .getTimeStampInfo()
                            .getMessageImprintDigest())
                    .as("time-stamp %d", i)
                    .isEqualTo(IMPRINT);
        }
    }

    @Test
    void the_certificate_is_learnt_from_a_probe_when_nothing_was_stamped_yet() throws Exception {
        assertThat(await(client("/tsa", TIMEOUT).certificate())).isEqualTo(tsa.certificate());
    }

    @Test
    void the_fake_tsa_answering_as_asked_is_accepted() throws Exception {
        TimeStampToken token = token(await(client("/as-asked", TIMEOUT).timestamp(IMPRINT)));
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(IMPRINT);
    }

    @Test
    void a_token_over_another_imprint_is_refused() {
        assertInvalid("/other-imprint", "imprint");
    }

    @Test
    void a_token_with_another_nonce_is_refused() {
        assertInvalid("/other-nonce", "nonce");
    }

    @Test
    void a_token_from_a_certificate_without_the_time_stamping_usage_is_refused() {
        assertInvalid("/seal-certificate", "ExtendedKeyUsage");
    }

    @Test
    void a_token_whose_signature_does_not_verify_is_refused() {
        assertInvalid("/wrong-key", "not validly signed");
    }

    @Test
    void a_certificate_remembered_from_valid_tokens_does_not_make_a_forged_one_valid() throws Exception {
        // One check for all three: the TSA certificate and its verifier are remembered after the first token.
        TimeStampCheck fresh =
                new TimeStampCheck(new CertificatePaths(check.trustedTsas().trusted()));
        String base = "http://127.0.0.1:" + server.actualPort();
        TsaClient genuine = new TsaClient(vertx, workers, base + "/tsa", TIMEOUT, fresh);
        TsaClient forger = new TsaClient(vertx, workers, base + "/wrong-key", TIMEOUT, fresh);
        assertThat(await(genuine.stamp(IMPRINT)).tsaPath()).startsWith(tsa.certificate());
        assertThatThrownBy(() -> await(forger.timestamp(IMPRINT)))
                .isInstanceOf(InvalidTimeStampException.class)
                .hasMessageContaining("not validly signed");
        assertThat(await(genuine.stamp(IMPRINT)).tsaPath()).startsWith(tsa.certificate());
    }

    @Test
    void a_valid_token_from_a_tsa_under_an_untrusted_ca_is_refused() {
        assertInvalid("/foreign-ca", "no path to a trusted TSA CA (tsa.trusted.cas)");
    }

    @Test
    void a_tsa_under_a_ca_listed_as_trusted_is_accepted() throws Exception {
        DevPki foreign = DevPki.loadOrCreate(dir.resolve("foreign"), "http://foreign.example");
        TimeStampCheck both = new TimeStampCheck(new CertificatePaths(List.of(foreign.caCertificate())));
        TsaClient client =
                new TsaClient(vertx, workers, "http://127.0.0.1:" + server.actualPort() + "/foreign-ca", TIMEOUT, both);
        TsaClient.Token token = await(client.stamp(IMPRINT));
        assertThat(token.tsaPath()).containsExactly(foreign.tsa().certificate(), foreign.caCertificate());
    }

    @Test
    void a_rejection_is_an_invalid_time_stamp_and_garbage_too() {
        assertInvalid("/rejecting", "refused the request");
        assertInvalid("/garbage", "not an RFC 3161 TimeStampResp");
    }

    @Test
    void a_tsa_that_cannot_stamp_now_or_answers_http_errors_is_unavailable() {
        assertUnavailable(client("/busy", TIMEOUT), "cannot stamp now");
        assertUnavailable(client("/down", TIMEOUT), "HTTP 503");
        assertUnavailable(client("/html", TIMEOUT), "text/html");
    }

    @Test
    void a_closed_port_is_unavailable_at_once() {
        TsaClient client =
                new TsaClient(vertx, workers, "http://127.0.0.1:" + TestGateway.freePort() + "/tsa", TIMEOUT, check);
        long started = System.nanoTime();
        assertUnavailable(client, "did not answer");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT);
    }

    @Test
    void a_tsa_slower_than_the_time_limit_is_unavailable_after_the_limit() {
        Duration limit = Duration.ofMillis(300);
        long started = System.nanoTime();
        assertUnavailable(client("/silent", limit), "did not answer");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(limit).isLessThan(TIMEOUT);
    }

    private static void assertInvalid(String path, String reason) {
        assertThatThrownBy(() -> await(client(path, TIMEOUT).timestamp(IMPRINT)))
                .isInstanceOf(InvalidTimeStampException.class)
                .hasMessageContaining(reason);
    }

    private static void assertUnavailable(TsaClient client, String reason) {
        assertThatThrownBy(() -> await(client.timestamp(IMPRINT)))
                .isInstanceOf(TsaUnavailableException.class)
                .hasMessageContaining(reason);
    }

    private static TsaClient client(String path, Duration timeout) {
        return new TsaClient(vertx, workers, "http://127.0.0.1:" + server.actualPort() + path, timeout, check);
    }

    /** A granted token signed with {@code signer}'s key under {@code named}'s certificate. */
    private static void fake(
            RoutingContext ctx, SigningIdentity signer, SigningIdentity named, byte[] imprint, boolean otherNonce) {
        try {
            TimeStampRequest request = new TimeStampRequest(ctx.body().buffer().getBytes());
            reply(
                    ctx,
                    FakeTsa.grantedReply(
                            signer.key(),
                            named.certificate(),
                            imprint == null ? request.getMessageImprintDigest() : imprint,
                            otherNonce ? request.getNonce().add(java.math.BigInteger.ONE) : request.getNonce()));
        } catch (Exception e) {
            ctx.fail(e);
        }
    }

    private static void fail(RoutingContext ctx, int failure) {
        try {
            reply(
                    ctx,
                    new TimeStampResponseGenerator(null, Set.of())
                            .generateFailResponse(PKIStatus.REJECTION, failure, "no")
                            .getEncoded());
        } catch (Exception e) {
            ctx.fail(e);
        }
    }

    private static void reply(RoutingContext ctx, byte[] body) {
        ctx.response().putHeader("Content-Type", "application/timestamp-reply").end(Buffer.buffer(body));
    }

    private static TimeStampToken token(byte[] der) throws Exception {
        return new TimeStampToken(ContentInfo.getInstance(der));
    }

    static byte[] sha256(String text) {
        return SignedCopy.sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}

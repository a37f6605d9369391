package ua.qrshare.sealing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import ua.qrshare.config.Config;
import ua.qrshare.dev.TimeStampAuthority;

/**
 * An RFC 3161 client over HTTP (RFC 3161 §3.4): posts a SHA-256 imprint with a fresh nonce to the configured TSA and
 * returns the token only when the reply is granted, stamps exactly that imprint with that nonce, is validly signed
 * by a certificate whose only, critical extended key usage is timeStamping, and that certificate has a path to one of
 * the trusted TSA CAs ({@code tsa.trusted.cas}): the same {@link TimeStampCheck} that {@code /verify} runs, so no
 * copy is mailed with a time-stamp the gateway's own verifier would refuse. Everything that goes wrong on the way
 * there (refused connection, time limit, HTTP error, "try later" statuses) is a {@link TsaUnavailableException}; a
 * reply that arrives but cannot be used is an {@link InvalidTimeStampException}. Never blocks: the HTTP exchange is
 * asynchronous and the token's signature is checked on {@code workers}. Callable from any thread; the result arrives
 * on the caller's context.
 */
public final class TsaClient {

    private static final String QUERY_TYPE = TimeStampAuthority.QUERY_TYPE;
    private static final String REPLY_TYPE = TimeStampAuthority.REPLY_TYPE;
    /** A reply holds a token and a few certificates: a few kilobytes. Anything far larger is not a TSA talking. */
    static final int MAX_REPLY_BYTES = 256 * 1024;
    /** Keep-alive connections to the TSA; each copy needs one round trip. */
    private static final int CONNECTIONS = 16;

    private static final int FAILURE_BITS_TRY_LATER = PKIFailureInfo.timeNotAvailable | PKIFailureInfo.systemFailure;
    private static final byte[] PROBE_IMPRINT =
            SignedCopy.sha256("qrshare: which certificate does the TSA sign with?".getBytes(StandardCharsets.US_ASCII));

    private final Vertx vertx;
    private final Context home;
    private final WorkerExecutor workers;
    private final String url;
    private final String redactedUrl;
    private final long timeoutMs;
    private final HttpClientAgent http;
    private final TimeStampCheck check;
    private final SecureRandom random = new SecureRandom();
    private volatile X509Certificate lastTsaCertificate;

    /**
     * @param vertx   construct it outside Vert.x or on an event loop: that context runs the HTTP exchanges
     * @param workers where tokens are validated (signature verification is CPU work)
     * @param url     the TSA, http or https
     * @param timeout the limit for connecting and for the whole exchange
     * @param check   the time-stamp check every token must pass, with the trusted TSA CAs
     */
    public TsaClient(Vertx vertx, WorkerExecutor workers, String url, Duration timeout, TimeStampCheck check) {
        this.vertx = vertx;
        // Every exchange runs on this one context: started from a thread outside Vert.x (a test, a JDBC worker), an
        // exchange on a pooled keep-alive connection can miss its reply body and hang until the time limit.
        this.home = vertx.getOrCreateContext();
        this.workers = workers;
        this.url = url;
        this.redactedUrl = Config.redactUrl(url);
        this.timeoutMs = timeout.toMillis();
        this.check = check;
        this.http = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(CONNECTIONS));
    }

    public String url() {
        return url;
    }

    /**
     * A checked time-stamp token, kept parsed: the copy it goes into takes its ASN.1 structure as it is, so it is
     * neither encoded here nor parsed again there.
     *
     * @param token   the token
     * @param tsaPath the TSA certificate's path to the trusted CA, TSA certificate first
     */
    public record Token(TimeStampToken token, List<X509Certificate> tsaPath) {

        /** The token (a CMS ContentInfo), DER. */
        public byte[] der() {
            try {
                return token.getEncoded();
            } catch (IOException e) {
                throw new InvalidTimeStampException("cannot encode the TSA's token", e);
            }
        }
    }

    /**
     * Asks for a time-stamp token over a SHA-256 digest.
     *
     * @return the token (a CMS ContentInfo), DER
     */
    public Future<byte[]> timestamp(byte[] sha256) {
        return stamp(sha256).map(Token::der);
    }

    /** Asks for a time-stamp token over a SHA-256 digest; the token with the TSA's certificate path. */
    public Future<Token> stamp(byte[] sha256) {
        TimeStampRequest request = request(sha256);
        Context caller = vertx.getOrCreateContext();
        Promise<Token> token = Promise.promise();
        home.runOnContext(v -> exchange(request)
                .compose(reply -> workers.executeBlocking(() -> validate(request, reply), false))
                .onComplete(outcome -> caller.runOnContext(w -> token.handle(outcome))));
        return token.future();
    }

    /**
     * The certificate the TSA signs its tokens with, as seen in the latest valid token; before the first one, a
     * time-stamp over a fixed probe digest is fetched to learn it.
     */
    public Future<X509Certificate> certificate() {
        X509Certificate known = lastTsaCertificate;
        return known != null
                ? Future.succeededFuture(known)
                : timestamp(PROBE_IMPRINT).map(token -> lastTsaCertificate);
    }

    public Future<Void> close() {
        return http.close();
    }

    private TimeStampRequest request(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + sha256.length);
        }
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true); // the token must name the certificate we check its signature with
        return generator.generate(TSPAlgorithms.SHA256, sha256, new BigInteger(63, random));
    }

    /** The HTTP round trip; every failure in it means "unavailable". */
    private Future<byte[]> exchange(TimeStampRequest request) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url)
                .setConnectTimeout(timeoutMs)
                .setIdleTimeout(timeoutMs)
                .putHeader(HttpHeaders.CONTENT_TYPE, QUERY_TYPE)
                .putHeader(HttpHeaders.ACCEPT, REPLY_TYPE);
        return http.request(options)
                .compose(call -> call.send(Buffer.buffer(encode(request))))
                .compose(TsaClient::replyBody)
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                .recover(failure -> Future.failedFuture(
                        failure instanceof TsaUnavailableException
                                ? failure
                                : new TsaUnavailableException(
                                        "the TSA at " + redactedUrl + " did not answer: " + failure, failure)));
    }

    private static Future<byte[]> replyBody(HttpClientResponse response) {
        if (response.statusCode() != 200) {
            return Future.failedFuture(new TsaUnavailableException("the TSA answered HTTP " + response.statusCode()));
        }
        String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(REPLY_TYPE)) {
            return Future.failedFuture(new TsaUnavailableException("the TSA answered " + type + ", not " + REPLY_TYPE));
        }
        if (tooLarge(response.getHeader(HttpHeaders.CONTENT_LENGTH))) {
            return Future.failedFuture(new TsaUnavailableException("the TSA's reply is too large"));
        }
        return response.body().map(Buffer::getBytes);
    }

    /** Refuses before reading a body no TSA would send. */
    private static boolean tooLarge(String contentLength) {
        try {
            return contentLength != null && Long.parseLong(contentLength.trim()) > MAX_REPLY_BYTES;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private Token validate(TimeStampRequest request, byte[] reply) {
        TimeStampResponse response = parse(reply);
        checkStatus(response);
        try {
            response.validate(request); // status, imprint and its algorithm, nonce, signing-certificate attribute
        } catch (TSPException e) {
            throw new InvalidTimeStampException("the TSA's token does not answer our request: " + e.getMessage(), e);
        }
        TimeStampToken token = response.getTimeStampToken();
        TimeStampCheck.Result result = check.checkImprint(token, request.getMessageImprintDigest(), List.of());
        if (!result.ok()) {
            // An InvalidTimeStampException is retried like an unavailable TSA: the copy is never mailed without one.
            throw new InvalidTimeStampException(
                    switch (result.failure()) {
                        case INVALID ->
                            result.tsaCertificate() == null
                                    ? result.detail()
                                    : "the TSA's token is not validly signed: " + result.detail();
                        case IMPRINT_MISMATCH -> "the TSA's token stamps another imprint";
                        case UNTRUSTED ->
                            "the TSA's certificate ("
                                    + result.tsaCertificate()
                                            .getSubjectX500Principal()
                                            .getName()
                                    + ") has no path to a trusted TSA CA (tsa.trusted.cas) at the token's time";
                    });
        }
        lastTsaCertificate = result.tsaCertificate();
        return new Token(token, result.path());
    }

    private static TimeStampResponse parse(byte[] reply) {
        if (reply.length > MAX_REPLY_BYTES) {
            throw new InvalidTimeStampException("the TSA's reply is too large: " + reply.length + " bytes");
        }
        try {
            return new TimeStampResponse(reply);
        } catch (TSPException | IOException | RuntimeException e) {
            throw new InvalidTimeStampException("the TSA's reply is not an RFC 3161 TimeStampResp", e);
        }
    }

    private static void checkStatus(TimeStampResponse response) {
        int status = response.getStatus();
        if (status == PKIStatus.GRANTED || status == PKIStatus.GRANTED_WITH_MODS) {
            return;
        }
        PKIFailureInfo failure = response.getFailInfo();
        String why = "status " + status + (failure == null ? "" : ", failure info " + failure.intValue())
                + (response.getStatusString() == null ? "" : ": " + response.getStatusString());
        if (status == PKIStatus.WAITING || failure != null && (failure.intValue() & FAILURE_BITS_TRY_LATER) != 0) {
            throw new TsaUnavailableException("the TSA cannot stamp now (" + why + ")");
        }
        throw new InvalidTimeStampException("the TSA refused the request (" + why + ")");
    }

    private static byte[] encode(TimeStampRequest request) {
        try {
            return request.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a time-stamp request", e);
        }
    }
}

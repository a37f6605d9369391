package ua.qrshare.scan;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import ua.qrshare.catalog.DocumentCatalog;
import ua.qrshare.http.ClientAddress;
import ua.qrshare.http.DirectPost;
import ua.qrshare.http.JsonBody;
import ua.qrshare.http.RateLimits;
import ua.qrshare.http.Routes;
import ua.qrshare.qr.QrTokens;

/**
 * {@code POST /api/v1/app/qr/resolve}: the hot path of every scan, on the event loop. The QR token's MAC is checked
 * first (a forgery costs no I/O), the QR's state comes from the cache, and the answer carries a MAC'd request token, so
 * a cache hit touches no database at all. Served in front of the router ({@link DirectPost}) for plain requests, and
 * mounted on it for the rest.
 */
public final class ResolveRoutes implements Routes, DirectPost {

    public static final String PATH = "/api/v1/app/qr/resolve";

    static final Duration REQUEST_LIFETIME = Duration.ofMinutes(10);
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final byte[] REQUEST_TOKEN = "{\"requestToken\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXPIRES_AT = "\",\"expiresAt\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REST = "\",".getBytes(StandardCharsets.US_ASCII);

    /** The last expiry second formatted, per event loop: thousands of scans a second share it. */
    private final ThreadLocal<Object[]> expiryText = ThreadLocal.withInitial(() -> new Object[] {Long.MIN_VALUE, null});

    private final AppTokens appTokens;
    private final QrTokens qrTokens;
    private final QrStates states;
    private final ShareRequests requests;
    private final DocumentCatalog catalog;
    private final RateLimits perSubject;
    private final RateLimits perIp;
    private final Clock clock;

    public ResolveRoutes(
            AppTokens appTokens,
            QrTokens qrTokens,
            QrStates states,
            ShareRequests requests,
            DocumentCatalog catalog,
            RateLimits perSubject,
            RateLimits perIp,
            Clock clock) {
        this.appTokens = appTokens;
        this.qrTokens = qrTokens;
        this.states = states;
        this.requests = requests;
        this.catalog = catalog;
        this.perSubject = perSubject;
        this.perIp = perIp;
        this.clock = clock;
    }

    @Override
    public void mount(Router router) {
        router.post(PATH)
                .consumes("application/json")
                .handler(appTokens)
                .handler(ctx -> resolve(
                                AppTokens.subject(ctx),
                                ctx.request(),
                                ctx.body().buffer())
                        .onSuccess(answer -> ctx.response()
                                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                                .end(answer))
                        .onFailure(ctx::fail));
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Future<Buffer> answer(HttpServerRequest request, Buffer body) {
        Future<String> subject = appTokens.subjectOf(request);
        // a known token's subject is there at once: no composition for it (nor for a cached state below)
        return subject.succeeded()
                ? resolve(subject.result(), request, body)
                : subject.compose(known -> resolve(known, request, body));
    }

    private Future<Buffer> resolve(String subject, HttpServerRequest request, Buffer body) {
        perIp.acquire(ClientAddress.of(request));
        perSubject.acquire(subject);
        Instant now = clock.instant();
        QrTokens.Result result = recentScans.get().verify(body, now);
        if (result instanceof QrTokens.Result.Expired) {
            throw AppProblems.qrExpired();
        }
        if (!(result instanceof QrTokens.Result.Valid valid)) {
            throw result instanceof QrTokens.Result.Forged ? AppProblems.qrUnknown() : AppProblems.qrMalformed();
        }
        // The part of the answer that is the same for every scan of one cached state (who, where, which documents) is
        // encoded once and kept on the QR state cache's entry: one lookup per scan, and it goes when the entry does.
        Future<QrStates.Entry> entry = states.entry(valid.qrId());
        return entry.succeeded()
                ? answer(entry.result(), subject, now)
                : entry.compose(loaded -> answer(loaded, subject, now));
    }

    private Future<Buffer> answer(QrStates.Entry entry, String subject, Instant now) {
        return usable(entry.state(), now).map(state -> answer(state, entry.derived(this::encode), subject, now));
    }

    /** What the QR token in {@code body} is, checked from scratch (its text found, its MAC verified). */
    private QrTokens.Result verify(Buffer body, Instant now) {
        String scanned = scanned(body);
        return qrTokens.verify(scanned != null ? QrTokens.extractToken(scanned).orElse("") : "", now);
    }

    /**
     * Each thread's recently scanned bodies that named a valid QR token, direct-mapped by the body's hash (a collision
     * replaces): every visitor of a branch scans the same poster, and the app sends the same bytes for it, so a body
     * equal byte for byte to one verified lately names the same token. Its expiry is checked again on every scan; any
     * other body is read and verified from scratch.
     */
    private final ThreadLocal<RecentScans> recentScans = ThreadLocal.withInitial(RecentScans::new);

    private final class RecentScans {
        private static final int SLOTS = 1024;
        private final Buffer[] bodies = new Buffer[SLOTS];
        private final QrTokens.Result.Valid[] tokens = new QrTokens.Result.Valid[SLOTS];

        QrTokens.Result verify(Buffer body, Instant now) {
            if (body == null) {
                return ResolveRoutes.this.verify(null, now);
            }
            int slot = body.hashCode() & (SLOTS - 1);
            QrTokens.Result.Valid known = tokens[slot];
            if (known != null && body.equals(bodies[slot])) {
                return now.isBefore(known.expiresAt())
                        ? known
                        : new QrTokens.Result.Expired(known.qrId(), known.expiresAt());
            }
            QrTokens.Result result = ResolveRoutes.this.verify(body, now);
            if (result instanceof QrTokens.Result.Valid valid) {
                bodies[slot] = body.copy(); // the request's buffer is not ours to keep
                tokens[slot] = valid;
            }
            return result;
        }
    }

    /** The {@code qr} text of the body, {@code null} when it is not a string. */
    static String scanned(Buffer body) {
        String plain = plainBody(body);
        if (plain != null) {
            return plain;
        }
        Object scanned = JsonBody.of(body).getValue("qr");
        return scanned instanceof String s ? s : null;
    }

    private static final byte[] BODY_START = "{\"qr\":\"".getBytes(StandardCharsets.US_ASCII);

    /**
     * What the app sends, {@code {"qr":"…"}} with printable ASCII and no escapes inside, read without a JSON
     * parser; {@code null} for any other body, which then goes through the parser (same result for this shape).
     */
    static String plainBody(Buffer body) {
        if (body == null) {
            return null;
        }
        int length = body.length();
        if (length < BODY_START.length + 2) {
            return null;
        }
        byte[] bytes = body.getBytes(); // one copy of a short body, then plain array reads (no per-byte bounds checks)
        if (bytes[length - 2] != '"'
                || bytes[length - 1] != '}'
                || !Arrays.equals(bytes, 0, BODY_START.length, BODY_START, 0, BODY_START.length)) {
            return null;
        }
        for (int i = BODY_START.length; i < length - 2; i++) {
            byte b = bytes[i];
            if (b < 0x20 || b > 0x7e || b == '"' || b == '\\') {
                return null;
            }
        }
        return new String(bytes, BODY_START.length, length - 2 - BODY_START.length, StandardCharsets.ISO_8859_1);
    }

    /** The same checks run again when the share is submitted: the QR may have been revoked in between. */
    public static Future<QrStates.QrState> usable(Optional<QrStates.QrState> found, Instant now) {
        if (found.isEmpty()) {
            return Future.failedFuture(AppProblems.qrUnknown());
        }
        QrStates.QrState state = found.get();
        if (state.revoked()) {
            return Future.failedFuture(state.serviceGone() ? AppProblems.serviceGone() : AppProblems.qrRevoked());
        }
        if (state.serviceGone()) {
            return Future.failedFuture(AppProblems.serviceGone());
        }
        if (!now.isBefore(state.expiresAt())) {
            return Future.failedFuture(AppProblems.qrExpired());
        }
        return Future.succeededFuture(state);
    }

    /**
     * {@code {requestToken, expiresAt, partner, branch, service, documents, qrAddress, addressChanged}}: the request
     * token and its expiry (to the second, as the token carries it) are written per scan, the rest is the state's cached
     * encoding.
     */
    private Buffer answer(QrStates.QrState state, byte[] constant, String subject, Instant now) {
        Instant expiresAt = Instant.ofEpochSecond(now.plus(REQUEST_LIFETIME).getEpochSecond());
        byte[] requestToken = requests.issueAscii(state.qrId(), subject, expiresAt);
        byte[] expiry = expiry(expiresAt.getEpochSecond());
        return Buffer.buffer(REQUEST_TOKEN.length
                        + requestToken.length
                        + EXPIRES_AT.length
                        + expiry.length
                        + REST.length
                        + constant.length)
                .appendBytes(REQUEST_TOKEN)
                .appendBytes(requestToken)
                .appendBytes(EXPIRES_AT)
                .appendBytes(expiry)
                .appendBytes(REST)
                .appendBytes(constant);
    }

    private byte[] expiry(long epochSecond) {
        Object[] last = expiryText.get();
        if ((long) last[0] != epochSecond) {
            last[1] = Instant.ofEpochSecond(epochSecond).toString().getBytes(StandardCharsets.US_ASCII);
            last[0] = epochSecond;
        }
        return (byte[]) last[1];
    }

    /** The constant fields, without the opening brace. */
    private byte[] encode(QrStates.QrState state) {
        JsonArray documents = new JsonArray();
        for (String code : state.documents()) {
            DocumentCatalog.DocumentType type = catalog.get(code);
            documents.add(new JsonObject().put("code", code).put("title", type == null ? code : type.titleUk()));
        }
        String json = new JsonObject()
                .put(
                        "partner",
                        new JsonObject().put("name", state.partnerName()).put("edrpou", state.edrpou()))
                .put("branch", new JsonObject().put("name", state.branchName()).put("address", state.branchAddress()))
                .put("service", new JsonObject().put("names", new JsonArray(state.serviceNames())))
                .put("documents", documents)
                .put("qrAddress", state.qrAddress())
                .put("addressChanged", state.addressChanged())
                .encode();
        return json.substring(1).getBytes(StandardCharsets.UTF_8);
    }
}

package ua.qrshare.scan;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import ua.qrshare.http.Problem;

/**
 * Authenticates the citizen app: an ES256 JWT from the identity provider in {@code Authorization: Bearer}. Verifying
 * an ECDSA signature costs about a millisecond, and the app sends the same token with every call until it expires,
 * so verified tokens are cached (bounded) until their {@code exp}: a repeated token costs a map lookup.
 */
public final class AppTokens implements Handler<RoutingContext> {

    private static final String SUBJECT = "qrshare.app.subject";
    private static final long MAX_CACHED = 200_000;

    private record Verified(String subject, long expiresAtMillis, Future<String> future) {
        Verified(String subject, long expiresAtMillis) {
            this(subject, expiresAtMillis, Future.succeededFuture(subject));
        }
    }

    /** One thread's verified tokens, in front of the shared cache, by the {@code Authorization} header. */
    private static final class Local {
        final String[] headers = new String[LOCAL_SLOTS];
        final Verified[] verified = new Verified[LOCAL_SLOTS];
    }

    private static final int LOCAL_SLOTS = 1024;
    private final ThreadLocal<Local> local = ThreadLocal.withInitial(Local::new);
    private final LongAdder localHits = new LongAdder();

    private final JWTAuth verifier;
    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(MAX_CACHED)
            .expireAfter(new Expiry<String, Verified>() {
                @Override
                public long expireAfterCreate(String token, Verified v, long now) {
                    return Math.max(0, (v.expiresAtMillis() - System.currentTimeMillis()) * 1_000_000);
                }

                @Override
                public long expireAfterUpdate(String token, Verified v, long now, long current) {
                    return current;
                }

                @Override
                public long expireAfterRead(String token, Verified v, long now, long current) {
                    return current;
                }
            })
            .recordStats()
            .build();

    /** @param publicKeysPem the identity provider's public keys (PEM, EC P-256) */
    public AppTokens(Vertx vertx, List<String> publicKeysPem) {
        JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(new JWTOptions().setLeeway(5));
        publicKeysPem.forEach(pem -> options.addPubSecKey(
                new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(pem)));
        this.verifier = JWTAuth.create(vertx, options);
    }

    public static Problem unauthenticated() {
        return new Problem(
                401,
                "APP_UNAUTHENTICATED",
                "Потрібен дійсний токен застосунку Дія.",
                "A valid Diia app token is required.");
    }

    /** The citizen behind the request; only on routes behind this handler. */
    public static String subject(RoutingContext ctx) {
        return ctx.get(SUBJECT);
    }

    @Override
    public void handle(RoutingContext ctx) {
        subjectOf(ctx.request()).onComplete(ar -> {
            if (ar.succeeded()) {
                ctx.put(SUBJECT, ar.result());
                ctx.next();
            } else {
                ctx.fail(ar.cause());
            }
        });
    }

    /** The citizen whose token the request bears; failed with the 401 problem otherwise. */
    public Future<String> subjectOf(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Future.failedFuture(unauthenticated());
        }
        // In front of the shared cache, each thread's last verified tokens (direct-mapped by hash), keyed by the
        // whole header: the same header byte for byte, still before its exp, has the same subject, and a repeat
        // costs no copy of the ~400-character token.
        long nowMillis = System.currentTimeMillis();
        Local local = this.local.get();
        int slot = header.hashCode() & (LOCAL_SLOTS - 1);
        Verified near = local.verified[slot];
        if (near != null && local.headers[slot].equals(header) && near.expiresAtMillis() > nowMillis) {
            localHits.increment();
            return near.future();
        }
        return verified(header.substring(7).trim(), nowMillis)
                .map(verified -> {
                    local.headers[slot] = header;
                    local.verified[slot] = verified;
                    return verified.subject();
                })
                .recover(invalid -> Future.failedFuture(unauthenticated()));
    }

    /** The token's subject and expiry, from the shared cache or by verifying its signature. */
    private Future<Verified> verified(String token, long nowMillis) {
        Verified hit = verified.getIfPresent(token);
        if (hit != null && hit.expiresAtMillis() > nowMillis) {
            return Future.succeededFuture(hit);
        }
        Future<io.vertx.ext.auth.User> authenticated;
        try {
            authenticated = verifier.authenticate(new TokenCredentials(token));
        } catch (RuntimeException malformedClaims) {
            // vertx-auth-jwt reads exp, nbf and iat as numbers and throws on any other type: a bad token, not a fault.
            return Future.failedFuture("token with malformed claims");
        }
        return authenticated.compose(user -> {
            // Vert.x keeps the standard time claims among the user's attributes, not in the principal.
            Object sub = user.get("sub");
            Object exp = user.get("exp");
            String subject = sub instanceof String s ? s : null;
            if (subject == null || subject.isBlank() || !(exp instanceof Number expiry)) {
                return Future.failedFuture("token without sub or exp");
            }
            Verified fresh = new Verified(subject, expiry.longValue() * 1000);
            verified.put(token, fresh);
            return Future.succeededFuture(fresh);
        });
    }

    /** Share of lookups answered from the cache, for the metrics. */
    public double cacheHitRatio() {
        CacheStats stats = verified.stats();
        long near = localHits.sum();
        long requests = stats.requestCount() + near;
        return requests == 0 ? 1.0 : (double) (stats.hitCount() + near) / requests;
    }
}

package ua.qrshare.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import ua.qrshare.config.Config;

/**
 * What clients may hold of one gateway, shared by all its HTTP verticles: open connections ({@code
 * http.max.connections}), and for the anonymous endpoints that cost CPU or memory (the login challenge and login, copy
 * verification, the embedded TSA) a rate per client address ({@code http.anonymous.rate.per.ip}, 429), the requests
 * in progress per endpoint ({@code http.anonymous.concurrency}) and the request bytes in flight across them ({@code
 * http.anonymous.inflight.mib}, 503 beyond either). Budget is taken from the declared {@code Content-Length} before
 * the body is read, so sixteen 10 MB uploads wait for their turn instead of filling the heap.
 */
public final class ClientLimits {

    private static final long RETRY_AFTER_SECONDS = 2;

    private final Config.HttpLimits limits;
    private final AtomicInteger connections = new AtomicInteger();
    private final RateLimits rate;
    private final Map<String, AtomicInteger> running;
    private final Set<String> loopbackExempt;
    private final AtomicLong inflightBytes = new AtomicLong();

    /**
     * @param anonymousCryptoPaths the POST paths the rate, concurrency and byte budgets apply to
     * @param loopbackExempt       those of them this gateway calls itself over loopback (the embedded TSA, which
     *                             stamps every copy): local callers are not counted there
     */
    public ClientLimits(Config.HttpLimits limits, Set<String> anonymousCryptoPaths, Set<String> loopbackExempt) {
        this.limits = limits;
        this.loopbackExempt = Set.copyOf(loopbackExempt);
        this.rate = new RateLimits(limits.anonymousRatePerIp());
        this.running =
                anonymousCryptoPaths.stream().collect(Collectors.toUnmodifiableMap(p -> p, p -> new AtomicInteger()));
    }

    /**
     * Counts a new connection; false when the gateway already holds as many as allowed, and the caller closes it.
     * Every connection counted is {@link #release released} when it closes, admitted or not.
     */
    boolean admit() {
        return connections.incrementAndGet() <= limits.maxConnections();
    }

    void release() {
        connections.decrementAndGet();
    }

    /** Open connections now, for tests and metrics. */
    public int connections() {
        return connections.get();
    }

    /**
     * The router handler for the anonymous crypto endpoints; mounted before the body handler.
     *
     * @param bodyLimit the body limit of a path, charged in full when a chunked body declares no length
     */
    Handler<RoutingContext> anonymousBudget(ToLongFunction<String> bodyLimit) {
        return ctx -> {
            String path = ctx.normalizedPath();
            AtomicInteger inProgress = ctx.request().method() == HttpMethod.POST ? running.get(path) : null;
            if (inProgress == null || loopbackExempt.contains(path) && isLoopback(ctx)) {
                ctx.next();
                return;
            }
            rate.acquire(path + ' ' + ClientAddress.of(ctx.request()));
            if (inProgress.incrementAndGet() > limits.anonymousConcurrency()) {
                inProgress.decrementAndGet();
                throw busy();
            }
            long bytes = declaredLength(ctx, bodyLimit.applyAsLong(path));
            if (inflightBytes.addAndGet(bytes) > limits.anonymousInflightBytes()) {
                inflightBytes.addAndGet(-bytes);
                inProgress.decrementAndGet();
                throw busy();
            }
            ctx.addEndHandler(done -> {
                inflightBytes.addAndGet(-bytes);
                inProgress.decrementAndGet();
            });
            ctx.next();
        };
    }

    private static boolean isLoopback(RoutingContext ctx) {
        String address = ClientAddress.of(ctx.request());
        return address.startsWith("127.") || address.equals("0:0:0:0:0:0:0:1") || address.equals("::1");
    }

    private static long declaredLength(RoutingContext ctx, long limit) {
        String header = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (header == null) {
            return ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) == null ? 0 : limit;
        }
        try {
            return Math.max(0, Math.min(Long.parseLong(header.trim()), limit));
        } catch (NumberFormatException e) {
            return limit;
        }
    }

    static Problem busy() {
        return new Problem(
                503,
                "SERVER_BUSY",
                "Сервер зараз обробляє забагато таких запитів; спробуйте за " + RETRY_AFTER_SECONDS + " с.",
                "The server is handling too many such requests right now; try again in " + RETRY_AFTER_SECONDS + " s.",
                new JsonObject().put("retryAfter", RETRY_AFTER_SECONDS));
    }
}

package ua.qrshare.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an id, echoed in {@code X-Request-Id} and used in logs and problem documents. A sane id from
 * the client (a mobile app retrying, a proxy) is kept so one request can be followed across systems.
 */
public final class RequestId implements Handler<RoutingContext> {

    public static final CharSequence HEADER = HttpHeaders.createOptimized("X-Request-Id");
    private static final String KEY = "requestId";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    /** Random per verticle instance, then a counter: unique enough and far cheaper than a random UUID per request. */
    private final String prefix = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);

    private long counter;

    @Override
    public void handle(RoutingContext ctx) {
        ctx.put(KEY, assign(ctx.request()));
        ctx.next();
    }

    /** The request's id, echoed in the response's header. */
    String assign(HttpServerRequest request) {
        String incoming = request.getHeader(HEADER);
        String id = incoming != null && ACCEPTABLE.matcher(incoming).matches()
                ? incoming
                : prefix + "-" + Long.toString(++counter, 36);
        request.response().headers().add(HEADER, id); // the first of its name on a new response: no set needed
        return id;
    }

    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        return id == null ? "-" : id;
    }
}

package ua.qrshare.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Set;

/**
 * The first check every request meets, before any feature, body handler or static file lookup, and cheap: methods
 * the gateway does not speak (501), expectations other than {@code 100-continue} (417), paths longer or deeper than
 * any route or asset the gateway has (414, 404), and a deadline for the request's body (408, then the connection is
 * closed), so a body trickled a byte at a time does not hold a connection and a buffer for ever.
 */
public final class FrontDoor implements Handler<RoutingContext> {

    /** Every method a route or the SPA answers; anything else is refused before it reaches a metric or a route. */
    static final Set<HttpMethod> KNOWN_METHODS = Set.of(
            HttpMethod.GET,
            HttpMethod.HEAD,
            HttpMethod.POST,
            HttpMethod.PUT,
            HttpMethod.DELETE,
            HttpMethod.PATCH,
            HttpMethod.OPTIONS);
    /** The longest API path is under 100 characters, an asset under 60; 2 KiB leaves room and stays cheap. */
    static final int MAX_PATH_LENGTH = 2048;
    /** No route or client route has more than 6 segments. */
    static final int MAX_SEGMENTS = 32;

    private final Vertx vertx;
    private final long requestTimeoutMillis;

    public FrontDoor(Vertx vertx, Duration requestTimeout) {
        this.vertx = vertx;
        this.requestTimeoutMillis = requestTimeout.toMillis();
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!KNOWN_METHODS.contains(request.method())) {
            throw new Problem(
                    501,
                    "METHOD_NOT_IMPLEMENTED",
                    "Сервер не підтримує цей метод HTTP.",
                    "The server does not implement this HTTP method.");
        }
        String expect = request.getHeader(HttpHeaders.EXPECT);
        if (expect != null && !expect.trim().equalsIgnoreCase("100-continue")) {
            throw new Problem(
                    417,
                    "EXPECTATION_FAILED",
                    "Сервер не може виконати очікування із заголовка Expect; підтримується лише 100-continue.",
                    "The server cannot meet the Expect header's expectation; only 100-continue is supported.");
        }
        String path = request.path();
        if (path != null && path.length() > MAX_PATH_LENGTH) {
            throw new Problem(
                    414,
                    "URI_TOO_LONG",
                    "Адреса запиту задовга.",
                    "The request URI is too long.",
                    new JsonObject().put("maxLength", MAX_PATH_LENGTH));
        }
        if (path != null && segments(path) > MAX_SEGMENTS) {
            throw Problem.notFound();
        }
        if (hasBody(request) && !request.isEnded()) {
            long timer = vertx.setTimer(requestTimeoutMillis, id -> {
                if (!request.isEnded() && !ctx.response().headWritten()) {
                    ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                    ctx.fail(requestTimeout());
                    request.connection().close(); // after the answer, which is flushed first
                }
            });
            ctx.addEndHandler(done -> vertx.cancelTimer(timer));
        }
        ctx.next();
    }

    static Problem requestTimeout() {
        return new Problem(
                408,
                "REQUEST_TIMEOUT",
                "Запит не надійшов повністю вчасно.",
                "The request did not arrive in full in time.");
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || length != null && !length.equals("0");
    }

    private static int segments(String path) {
        int count = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                count++;
            }
        }
        return count;
    }
}

package ua.qrshare.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request: method, path without the query string, status, time, bytes sent, request id. No client
 * address, no query, no headers, no bodies: those can carry personal data.
 */
public final class AccessLog implements Handler<RoutingContext> {

    private static final Logger log = LoggerFactory.getLogger("qrshare.access");
    private static final int MAX_PATH = 120;

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(done -> {
            if (!log.isInfoEnabled()) {
                return;
            }
            String path = ctx.request().path();
            if (path != null && path.length() > MAX_PATH) {
                path = path.substring(0, MAX_PATH) + "…";
            }
            log.info("{} {} {} {}ms {}B {}", ctx.request().method(), path, ctx.response().getStatusCode(),
                    (System.nanoTime() - start) / 1_000_000, ctx.response().bytesWritten(), RequestId.of(ctx));
        });
        ctx.next();
    }
}

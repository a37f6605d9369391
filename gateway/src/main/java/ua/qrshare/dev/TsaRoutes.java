package ua.qrshare.dev;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import ua.qrshare.http.Problem;
import ua.qrshare.http.Routes;

/**
 * {@code POST /api/v1/pki/tsa}: the embedded time-stamping authority over HTTP (RFC 3161 §3.4). A request that is not
 * a TimeStampReq still gets a TimeStampResp (a rejection); only the wrong media type or an oversized body get a
 * problem document, since those are not RFC 3161 conversations at all.
 */
public final class TsaRoutes implements Routes {

    public static final String PATH = "/api/v1/pki/tsa";
    /** A SHA-512 request with a nonce and every option is about 120 bytes; a kilobyte leaves room for extensions. */
    public static final int MAX_REQUEST_BYTES = 1024;

    private final TimeStampAuthority tsa;
    private final WorkerExecutor workers;

    /** @param workers where tokens are signed (CPU work, off the event loop) */
    public TsaRoutes(TimeStampAuthority tsa, WorkerExecutor workers) {
        this.tsa = tsa;
        this.workers = workers;
    }

    @Override
    public void mount(Router router) {
        router.post(PATH).handler(this::stamp);
    }

    private void stamp(RoutingContext ctx) {
        if (!isQuery(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            throw new Problem(
                    415,
                    "UNSUPPORTED_MEDIA_TYPE",
                    "Непідтримуваний тип вмісту; надсилайте " + TimeStampAuthority.QUERY_TYPE + " (RFC 3161).",
                    "Unsupported content type; send " + TimeStampAuthority.QUERY_TYPE + " (RFC 3161).");
        }
        Buffer body = ctx.body().buffer();
        if (body != null && body.length() > MAX_REQUEST_BYTES) {
            throw Problem.forStatus(413);
        }
        byte[] request = body == null ? new byte[0] : body.getBytes();
        workers.executeBlocking(() -> tsa.respond(request), false)
                .onSuccess(reply -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, TimeStampAuthority.REPLY_TYPE)
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .end(Buffer.buffer(reply)))
                .onFailure(ctx::fail);
    }

    private static boolean isQuery(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals(TimeStampAuthority.QUERY_TYPE);
    }
}

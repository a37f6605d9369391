package ua.qrshare.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A JSON {@code POST} endpoint that the HTTP verticle serves in front of its router, for the one call that is most of
 * the traffic (the scan): routing and its per-request context cost more than the endpoint's own work there. Only
 * plain requests take this lane (see {@link DirectLane}); every other request to the path goes through the router,
 * where the feature mounts the same endpoint as usual. Not for paths under the anonymous crypto budget.
 */
public interface DirectPost {

    /** The exact path served. */
    String path();

    /**
     * The answer's JSON for 200, or a failed future (a {@link Problem}, or anything else for a 500) that becomes the
     * same problem document a route's failure would.
     */
    Future<Buffer> answer(HttpServerRequest request, Buffer body);
}

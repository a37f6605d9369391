package ua.qrshare.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/** Security headers on every response, pre-encoded once because they are the same for every request. */
public final class SecurityHeaders implements Handler<RoutingContext> {

    static final CharSequence CSP = HttpHeaders.createOptimized("Content-Security-Policy");
    static final CharSequence CSP_VALUE = HttpHeaders.createOptimized(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
                    + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
    private static final CharSequence NOSNIFF_NAME = HttpHeaders.createOptimized("X-Content-Type-Options");
    private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    private static final CharSequence FRAME_OPTIONS_NAME = HttpHeaders.createOptimized("X-Frame-Options");
    private static final CharSequence DENY = HttpHeaders.createOptimized("DENY");
    private static final CharSequence REFERRER_POLICY_NAME = HttpHeaders.createOptimized("Referrer-Policy");
    private static final CharSequence NO_REFERRER = HttpHeaders.createOptimized("no-referrer");
    private static final CharSequence PERMISSIONS_POLICY_NAME = HttpHeaders.createOptimized("Permissions-Policy");
    private static final CharSequence PERMISSIONS_POLICY =
            HttpHeaders.createOptimized("camera=(), microphone=(), geolocation=(), payment=()");
    /** The citizen simulator decodes QR codes from the camera: the one page allowed to ask for it, and only for itself. */
    private static final CharSequence CAMERA_PERMISSIONS_POLICY =
            HttpHeaders.createOptimized("camera=(self), microphone=(), geolocation=(), payment=()");

    static final String CAMERA_PAGE = "/demo/scan";
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence HSTS_NAME = HttpHeaders.createOptimized("Strict-Transport-Security");
    private static final CharSequence HSTS = HttpHeaders.createOptimized("max-age=31536000; includeSubDomains");

    /**
     * The headers of every response, and of the camera page's, as read-only maps: a response that starts from one
     * shares its entries (Vert.x copies them only when the response adds a header of its own, without validating
     * them again), where adding them one by one validated the ~350 characters of values on every response.
     */
    private final MultiMap everyResponse;

    private final MultiMap cameraPageResponse;

    /** Every response's, with {@code Content-Type: application/json}: for the direct lane's answers. */
    private final MultiMap jsonAnswer;

    /** @param https the public URL is https: browsers are told to never use plain http again */
    public SecurityHeaders(boolean https) {
        this.everyResponse = prepared(https, PERMISSIONS_POLICY);
        this.cameraPageResponse = prepared(https, CAMERA_PERMISSIONS_POLICY);
        this.jsonAnswer = HttpHeaders.headers()
                .addAll(everyResponse)
                .add(HttpHeaders.CONTENT_TYPE, JSON)
                .copy(false);
    }

    private static MultiMap prepared(boolean https, CharSequence permissionsPolicy) {
        MultiMap headers = HttpHeaders.headers()
                .add(CSP, CSP_VALUE)
                .add(NOSNIFF_NAME, NOSNIFF)
                .add(FRAME_OPTIONS_NAME, DENY)
                .add(REFERRER_POLICY_NAME, NO_REFERRER)
                .add(PERMISSIONS_POLICY_NAME, permissionsPolicy);
        if (https) {
            headers.add(HSTS_NAME, HSTS);
        }
        return headers.copy(false);
    }

    @Override
    public void handle(RoutingContext ctx) {
        apply(ctx.request());
        ctx.next();
    }

    /** Before any other header of the response, so it can start from the prepared ones; else they are added. */
    void apply(HttpServerRequest request) {
        apply(request, cameraPage(request.path()) ? cameraPageResponse : everyResponse);
    }

    /**
     * As {@link #apply}, and {@code Content-Type: application/json} with them, for an answer that is JSON unless it
     * fails (a problem document sets its own type).
     */
    void applyToJsonAnswer(HttpServerRequest request) {
        apply(request, jsonAnswer);
    }

    private static void apply(HttpServerRequest request, MultiMap security) {
        MultiMap headers = request.response().headers();
        if (headers.isEmpty()) {
            headers.setAll(security);
        } else {
            headers.addAll(security);
        }
    }

    private static boolean cameraPage(String path) {
        return path != null && (path.equals(CAMERA_PAGE) || path.equals(CAMERA_PAGE + "/"));
    }
}

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
    private static final CharSequence HSTS_NAME = HttpHeaders.createOptimized("Strict-Transport-Security");
    private static final CharSequence HSTS = HttpHeaders.createOptimized("max-age=31536000; includeSubDomains");

    private final boolean https;

    /** @param https the public URL is https: browsers are told to never use plain http again */
    public SecurityHeaders(boolean https) {
        this.https = https;
    }

    @Override
    public void handle(RoutingContext ctx) {
        apply(ctx.request());
        ctx.next();
    }

    void apply(HttpServerRequest request) {
        MultiMap headers = request.response().headers();
        headers.add(CSP, CSP_VALUE)
                .add(NOSNIFF_NAME, NOSNIFF)
                .add(FRAME_OPTIONS_NAME, DENY)
                .add(REFERRER_POLICY_NAME, NO_REFERRER)
                .add(
                        PERMISSIONS_POLICY_NAME,
                        cameraPage(request.path()) ? CAMERA_PERMISSIONS_POLICY : PERMISSIONS_POLICY);
        if (https) {
            headers.add(HSTS_NAME, HSTS);
        }
    }

    private static boolean cameraPage(String path) {
        return path != null && (path.equals(CAMERA_PAGE) || path.equals(CAMERA_PAGE + "/"));
    }
}

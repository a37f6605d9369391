package ua.qrshare.verify;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import ua.qrshare.http.Problem;
import ua.qrshare.http.Routes;
import ua.qrshare.pki.Asn1Depth;

/**
 * {@code POST /api/v1/verify}: anyone sends a {@code .p7s} and learns whether it is an authentic, unaltered copy
 * sealed by the platform ({@link VerificationReport} as JSON); with {@code ?content=pdf}, a valid copy's PDF instead.
 * Whatever the bytes, the answer is a report, never a server error; only an oversized body or a foreign media type
 * get a problem document.
 */
public final class VerifyRoutes implements Routes {

    public static final String PATH = "/api/v1/verify";
    /** Copies are a few hundred kilobytes with a photo; 10 MiB leaves room without inviting abuse. */
    static final long MAX_BODY_BYTES = 10L * 1024 * 1024;

    private static final Set<String> MEDIA_TYPES =
            Set.of("application/pkcs7-signature", "application/pkcs7-mime", "application/octet-stream");

    private final Vertx vertx;
    private final CopyVerifier verifier;

    public VerifyRoutes(Vertx vertx, CopyVerifier verifier) {
        this.vertx = vertx;
        this.verifier = verifier;
    }

    @Override
    public void mount(Router router) {
        router.post(PATH).handler(this::verify);
    }

    @Override
    public Map<String, Long> bodyLimits() {
        return Map.of(PATH, MAX_BODY_BYTES);
    }

    private void verify(RoutingContext ctx) {
        if (!isSignature(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            throw new Problem(
                    415,
                    "UNSUPPORTED_MEDIA_TYPE",
                    "Непідтримуваний тип вмісту; надсилайте файл .p7s як application/pkcs7-signature.",
                    "Unsupported content type; send the .p7s file as application/pkcs7-signature.");
        }
        Buffer body = ctx.body().buffer();
        byte[] p7s = body == null ? new byte[0] : body.getBytes();
        boolean wantsPdf = "pdf".equals(ctx.queryParams().get("content"));
        // Signature and chain checks are CPU work; ordered=false lets verifications run side by side.
        vertx.executeBlocking(
                        () -> {
                            Asn1Depth.requireAtMost(p7s);
                            return verifier.verify(p7s);
                        },
                        false)
                .onSuccess(report -> respond(ctx, report, wantsPdf))
                .onFailure(e -> ctx.fail(e instanceof Asn1Depth.TooDeep ? Asn1Depth.problem() : e));
    }

    private static void respond(RoutingContext ctx, VerificationReport report, boolean wantsPdf) {
        ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (wantsPdf && report.valid()) {
            ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/pdf")
                    .putHeader("Content-Disposition", "attachment; filename=\"copy.pdf\"")
                    .end(Buffer.buffer(report.content()));
            return;
        }
        // Asked for the PDF of a copy that is not valid: the report says why, with a status that is not success.
        ctx.response()
                .setStatusCode(wantsPdf ? 422 : 200)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(report.toJson().toBuffer());
    }

    private static boolean isSignature(String contentType) {
        return contentType != null
                && MEDIA_TYPES.contains(contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT));
    }
}

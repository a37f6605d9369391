package ua.qrshare.pki;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import ua.qrshare.http.Problem;
import ua.qrshare.http.Routes;

/**
 * The trust anchors, so that anyone can verify a copy offline: {@code GET /api/v1/pki/ca.pem} (the root of the seal's
 * chain; {@code GET /api/v1/pki/ca.cer} the same in DER, where dev certificates' authority information access points),
 * {@code GET /api/v1/pki/seals.pem} (the platform's seal certificates, current and earlier: the only signers a copy
 * may have), {@code GET /api/v1/pki/tsa.pem} (the certificate the TSA signs time-stamps with) and, while the dev PKI
 * is in use,
 * {@code GET /api/v1/pki/ca.crl} (the dev CA's current CRL, which every dev certificate names).
 */
public final class PkiRoutes implements Routes {

    public static final String CA_PEM = "/api/v1/pki/ca.pem";
    public static final String CA_CER = "/api/v1/pki/ca.cer";
    public static final String SEALS_PEM = "/api/v1/pki/seals.pem";
    public static final String TSA_PEM = "/api/v1/pki/tsa.pem";
    public static final String CA_CRL = "/api/v1/pki/ca.crl";
    private static final CharSequence PEM_TYPE = HttpHeaders.createOptimized("application/x-pem-file");
    private static final CharSequence CRL_TYPE = HttpHeaders.createOptimized("application/pkix-crl");
    private static final CharSequence CER_TYPE = HttpHeaders.createOptimized("application/pkix-cert");

    private final Buffer caPem;
    private final Buffer caCer;
    private final Buffer sealsPem;
    private final Supplier<Future<X509Certificate>> tsaCertificate;
    private final Supplier<byte[]> crl;

    /**
     * @param root           the root of the seal's certificate chain
     * @param tsaCertificate the TSA's certificate, fetched on demand (the TSA may be remote)
     * @param crl            the dev CA's current CRL (DER), or {@code null} when the CA is not ours to publish for
     * @param seals          the platform's seal certificates that copies may be sealed with, the current one first
     */
    public PkiRoutes(
            X509Certificate root,
            Supplier<Future<X509Certificate>> tsaCertificate,
            Supplier<byte[]> crl,
            List<X509Certificate> seals) {
        this.caPem = Buffer.buffer(Pem.encode(root));
        this.sealsPem = Buffer.buffer();
        seals.forEach(seal -> sealsPem.appendBytes(Pem.encode(seal)));
        try {
            this.caCer = Buffer.buffer(root.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode the root certificate", e);
        }
        this.tsaCertificate = tsaCertificate;
        this.crl = crl;
    }

    @Override
    public void mount(Router router) {
        router.get(CA_PEM).handler(ctx -> send(ctx, PEM_TYPE, caPem));
        router.get(CA_CER).handler(ctx -> send(ctx, CER_TYPE, caCer));
        router.get(SEALS_PEM).handler(ctx -> send(ctx, PEM_TYPE, sealsPem));
        router.get(TSA_PEM).handler(this::tsaPem);
        if (crl != null) {
            router.get(CA_CRL).handler(ctx -> send(ctx, CRL_TYPE, Buffer.buffer(crl.get())));
        }
    }

    private void tsaPem(RoutingContext ctx) {
        tsaCertificate
                .get()
                .onSuccess(certificate -> send(ctx, PEM_TYPE, Buffer.buffer(Pem.encode(certificate))))
                .onFailure(e -> ctx.fail(new Problem(
                        503,
                        "TSA_UNAVAILABLE",
                        "Служба позначок часу зараз недоступна; спробуйте пізніше.",
                        "The time-stamping authority is unavailable right now; try again later.")));
    }

    private static void send(RoutingContext ctx, CharSequence type, Buffer body) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, type)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .end(body);
    }
}

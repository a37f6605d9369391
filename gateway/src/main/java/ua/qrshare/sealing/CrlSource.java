package ua.qrshare.sealing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/**
 * The revocation values a copy carries to be CAdES-BASELINE-LT: for every certificate below the trusted CA of the
 * seal's and the TSA's paths, a current CRL of its issuer. CRLs of a CA this gateway runs (the dev CA) are taken
 * directly; any other is fetched from the certificate's CRL distribution point (http or https; these are the
 * configured seal's chain and TSA chains already checked against {@code tsa.trusted.cas}, never input from the
 * public) and kept until its nextUpdate. Each CRL must be signed by the issuer and current, and no certificate may be
 * revoked on it. Thread-safe.
 */
public final class CrlSource {

    /** CRLs of big CAs run to megabytes; far beyond that is not a CRL. */
    static final int MAX_CRL_BYTES = 16 * 1024 * 1024;

    private final Map<X509Certificate, Supplier<X509CRL>> local;
    private final HttpClientAgent http;
    private final long timeoutMs;
    private final Clock clock;
    /** By URL: the latest fetch, done or in flight, so that many copies sealed at once fetch a CRL once. */
    private final Map<String, Future<X509CRL>> fetched = new ConcurrentHashMap<>();

    /**
     * @param local   issuer certificate → its current CRL, for CAs whose CRLs are at hand (the dev CA)
     * @param vertx   for fetching the other CRLs, or {@code null} when every issuer is local
     * @param timeout for fetching one CRL
     */
    public CrlSource(Map<X509Certificate, Supplier<X509CRL>> local, Vertx vertx, Duration timeout, Clock clock) {
        this.local = Map.copyOf(local);
        this.http = vertx == null ? null : vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
        this.timeoutMs = timeout.toMillis();
        this.clock = clock;
    }

    /**
     * The CRLs covering {@code paths} (each end entity first, its trusted CA last), checked with
     * {@link RevocationValues}. Fails with {@link RevocationUnavailableException} when one cannot be had or is
     * unusable (retry later), and with {@link IllegalStateException} when a certificate is revoked.
     */
    public Future<List<X509CRL>> crls(List<List<X509Certificate>> paths) {
        List<Future<X509CRL>> crls = new ArrayList<>();
        Set<X509Certificate> seen = new LinkedHashSet<>();
        for (List<X509Certificate> path : paths) {
            for (int i = 0; i < path.size() - 1; i++) {
                if (seen.add(path.get(i))) {
                    crls.add(crlFor(path.get(i), path.get(i + 1)));
                }
            }
        }
        return Future.all(crls).map(all -> {
            List<X509CRL> distinct = new ArrayList<>(new LinkedHashSet<X509CRL>(all.list()));
            Instant now = clock.instant();
            for (List<X509Certificate> path : paths) {
                RevocationValues.Status status = RevocationValues.status(path, distinct, now);
                if (status == RevocationValues.Status.REVOKED) {
                    throw new IllegalStateException("a certificate of the path of "
                            + path.get(0).getSubjectX500Principal().getName() + " is revoked");
                }
                if (status != RevocationValues.Status.GOOD) {
                    throw new RevocationUnavailableException("no usable CRL for the path of "
                            + path.get(0).getSubjectX500Principal().getName());
                }
            }
            return List.copyOf(distinct);
        });
    }

    public Future<Void> close() {
        return http == null ? Future.succeededFuture() : http.close();
    }

    private Future<X509CRL> crlFor(X509Certificate certificate, X509Certificate issuer) {
        Supplier<X509CRL> own = local.get(issuer);
        if (own != null) {
            return usable(
                    own.get(),
                    issuer,
                    "the local CRL of " + issuer.getSubjectX500Principal().getName());
        }
        List<String> urls = distributionPoints(certificate);
        if (urls.isEmpty()) {
            return Future.failedFuture(new RevocationUnavailableException("the certificate "
                    + certificate.getSubjectX500Principal().getName() + " names no http(s) CRL distribution point"));
        }
        String url = urls.get(0);
        if (http == null) {
            return Future.failedFuture(new RevocationUnavailableException("no way to fetch " + url));
        }
        return fetched.compute(
                url,
                (u, known) -> known != null && (!known.isComplete() || known.succeeded() && current(known.result()))
                        ? known
                        : fetch(u, issuer));
    }

    private Future<X509CRL> fetch(String url, X509Certificate issuer) {
        return http.request(new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setAbsoluteURI(url)
                        .setConnectTimeout(timeoutMs)
                        .setIdleTimeout(timeoutMs))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200
                        ? response.body()
                        : Future.failedFuture("HTTP " + response.statusCode()))
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                .recover(e -> Future.failedFuture(new RevocationUnavailableException(
                        "cannot fetch the CRL at " + url + ": " + e.getMessage(), e)))
                .compose(body -> parse(body, url))
                .compose(crl -> usable(crl, issuer, "the CRL at " + url));
    }

    private static Future<X509CRL> parse(Buffer body, String url) {
        if (body.length() > MAX_CRL_BYTES) {
            return Future.failedFuture(new RevocationUnavailableException("the CRL at " + url + " is too large"));
        }
        try {
            return Future.succeededFuture((X509CRL)
                    CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(body.getBytes())));
        } catch (Exception e) {
            return Future.failedFuture(new RevocationUnavailableException("the body at " + url + " is not a CRL", e));
        }
    }

    private Future<X509CRL> usable(X509CRL crl, X509Certificate issuer, String what) {
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return Future.failedFuture(new RevocationUnavailableException(what + " is issued by another CA"));
        }
        try {
            crl.verify(issuer.getPublicKey());
        } catch (Exception e) {
            return Future.failedFuture(new RevocationUnavailableException(what + " is not signed by its CA", e));
        }
        if (!current(crl)) {
            return Future.failedFuture(new RevocationUnavailableException(what + " is not current"));
        }
        return Future.succeededFuture(crl);
    }

    private boolean current(X509CRL crl) {
        Instant now = clock.instant();
        return !crl.getThisUpdate().toInstant().isAfter(now)
                && crl.getNextUpdate() != null
                && crl.getNextUpdate().toInstant().isAfter(now);
    }

    /** The http(s) full-name URIs of a certificate's CRL distribution points. */
    static List<String> distributionPoints(X509Certificate certificate) {
        try {
            Extension extension =
                    new JcaX509CertificateHolder(certificate).getExtension(Extension.cRLDistributionPoints);
            if (extension == null) {
                return List.of();
            }
            List<String> urls = new ArrayList<>();
            for (DistributionPoint point :
                    CRLDistPoint.getInstance(extension.getParsedValue()).getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                    continue;
                }
                for (GeneralName general :
                        GeneralNames.getInstance(name.getName()).getNames()) {
                    if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                        String url =
                                ASN1IA5String.getInstance(general.getName()).getString();
                        String lower = url.toLowerCase(Locale.ROOT);
                        if (lower.startsWith("http://") || lower.startsWith("https://")) {
                            urls.add(url);
                        }
                    }
                }
            }
            return urls;
        } catch (Exception e) {
            return List.of();
        }
    }
}

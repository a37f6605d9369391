package ua.qrshare.sealing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one certificate-path check of the gateway: PKIX (RFC 5280 §6) from a certificate to one of a fixed set of
 * trusted CA certificates, with every certificate's validity judged at a given time. Used for the seal's chain and
 * for time-stamping authorities, by the sealer and by the verifier alike, so what the gateway seals with is exactly
 * what its own verifier accepts.
 *
 * <p>Revocation is not checked here: a public verifier must not fetch URLs named in its input, and the revocation
 * values a copy carries are judged by the caller. Thread-safe.
 *
 * <p>Paths once built are remembered per target certificate (a bounded cache): every copy is stamped by the same TSA
 * certificate, and building its path again verified the CA's signature (P-384 here) for every token. A remembered
 * path is only reused when every certificate on it is valid at the time asked about and its intermediates are among
 * the candidates given now; otherwise the path is built again, so the answer is the one PKIX would give.
 */
public final class CertificatePaths {

    private final List<X509Certificate> trusted;
    private final Set<TrustAnchor> anchors;
    private final Cache<X509Certificate, List<X509Certificate>> built =
            Caffeine.newBuilder().maximumSize(256).build();

    /** @param trusted the CA certificates that paths may end at (roots, or intermediates trusted as such) */
    public CertificatePaths(Collection<X509Certificate> trusted) {
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted CA certificate is needed");
        }
        this.trusted = List.copyOf(new LinkedHashSet<>(trusted));
        this.anchors =
                this.trusted.stream().map(ca -> new TrustAnchor(ca, null)).collect(Collectors.toUnmodifiableSet());
    }

    public List<X509Certificate> trusted() {
        return trusted;
    }

    /**
     * The path from {@code target} to a trusted CA, built from {@code candidates} (the certificates a signature
     * carries), with validity at {@code at}.
     *
     * @return the path, {@code target} first and the trusted CA certificate last; empty when there is none
     */
    public Optional<List<X509Certificate>> path(
            X509Certificate target, Collection<X509Certificate> candidates, Instant at) {
        List<X509Certificate> known = built.getIfPresent(target);
        if (known != null && stillHolds(known, candidates, at)) {
            return Optional.of(known);
        }
        try {
            X509CertSelector selector = new X509CertSelector();
            selector.setCertificate(target);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, selector);
            List<X509Certificate> store = new ArrayList<>(candidates);
            store.add(target);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult)
                    CertPathBuilder.getInstance("PKIX").build(params);
            List<X509Certificate> path = new ArrayList<>();
            result.getCertPath().getCertificates().forEach(c -> path.add((X509Certificate) c));
            if (path.isEmpty()) {
                path.add(target); // the target is itself a trusted certificate
            }
            X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
            if (!path.get(path.size() - 1).equals(anchor)) {
                path.add(anchor);
            }
            List<X509Certificate> found = List.copyOf(path);
            built.put(target, found);
            return Optional.of(found);
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A remembered path holds when every certificate on it is valid at {@code at} and its intermediates are given. */
    private static boolean stillHolds(List<X509Certificate> path, Collection<X509Certificate> candidates, Instant at) {
        Date when = Date.from(at);
        try {
            for (X509Certificate certificate : path) {
                certificate.checkValidity(when);
            }
        } catch (GeneralSecurityException e) {
            return false;
        }
        return path.size() <= 2 || candidates.containsAll(path.subList(1, path.size() - 1));
    }
}

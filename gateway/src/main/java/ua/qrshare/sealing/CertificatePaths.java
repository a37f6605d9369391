package ua.qrshare.sealing;

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
 * values a copy carries are judged by the caller. Thread-safe and immutable.
 */
public final class CertificatePaths {

    private final List<X509Certificate> trusted;
    private final Set<TrustAnchor> anchors;

    /** @param trusted the CA certificates that paths may end at (roots, or intermediates trusted as such) */
    public CertificatePaths(Collection<X509Certificate> trusted) {
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted CA certificate is needed");
        }
        this.trusted = List.copyOf(new LinkedHashSet<>(trusted));
        this.anchors = this.trusted.stream().map(ca -> new TrustAnchor(ca, null))
                .collect(Collectors.toUnmodifiableSet());
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
    public Optional<List<X509Certificate>> path(X509Certificate target, Collection<X509Certificate> candidates,
                                                Instant at) {
        try {
            X509CertSelector selector = new X509CertSelector();
            selector.setCertificate(target);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, selector);
            List<X509Certificate> store = new ArrayList<>(candidates);
            store.add(target);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX")
                    .build(params);
            List<X509Certificate> path = new ArrayList<>();
            result.getCertPath().getCertificates().forEach(c -> path.add((X509Certificate) c));
            if (path.isEmpty()) {
                path.add(target); // the target is itself a trusted certificate
            }
            X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
            if (!path.get(path.size() - 1).equals(anchor)) {
                path.add(anchor);
            }
            return Optional.of(List.copyOf(path));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

package ua.qrshare.sealing;

import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Judges a certificate path by the CRLs that come with it (a copy's {@code SignedData.crls}, CAdES-BASELINE-LT):
 * each certificate below the trusted CA needs a CRL from its issuer, signed with the issuer's key, on which it is not
 * revoked at the time in question. Nothing is fetched. Stateless.
 */
public final class RevocationValues {

    /** What the CRLs say about a whole path. */
    public enum Status {
        /** Every certificate below the trusted CA is covered by a CRL of its issuer and not revoked. */
        GOOD,
        /** Some certificate was revoked at or before the time in question. */
        REVOKED,
        /** Some certificate below the trusted CA has no CRL of its issuer among those given. */
        UNKNOWN
    }

    private RevocationValues() {}

    /**
     * @param path a certificate path, its end entity first and the trusted CA last (as {@link CertificatePaths} gives)
     * @param at   the time the path must be unrevoked at (a signature's proven time)
     */
    public static Status status(List<X509Certificate> path, Collection<X509CRL> crls, Instant at) {
        for (int i = 0; i < path.size() - 1; i++) {
            X509Certificate certificate = path.get(i);
            Optional<X509CRL> crl = crlFor(certificate, path.get(i + 1), crls);
            if (crl.isEmpty()) {
                return Status.UNKNOWN;
            }
            X509CRLEntry entry = crl.get().getRevokedCertificate(certificate);
            if (entry != null && !entry.getRevocationDate().toInstant().isAfter(at)) {
                return Status.REVOKED;
            }
        }
        return Status.GOOD;
    }

    /** The newest of {@code crls} issued and signed by {@code issuer}, hence covering {@code certificate}. */
    public static Optional<X509CRL> crlFor(
            X509Certificate certificate, X509Certificate issuer, Collection<X509CRL> crls) {
        return crls.stream()
                .filter(crl -> crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal()))
                .filter(crl -> signedBy(crl, issuer))
                .max(Comparator.comparing(X509CRL::getThisUpdate));
    }

    private static boolean signedBy(X509CRL crl, X509Certificate issuer) {
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}

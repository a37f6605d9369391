package ua.qrshare.sealing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.OutputStream;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Store;

/**
 * The one time-stamp check of the gateway, run when a copy is stamped ({@code TsaClient}) and when it is verified
 * ({@code CopyVerifier}): the token stamps the expected data, is validly signed by the certificate it names (its ESS
 * signing-certificate, validity at genTime, the sole and critical timeStamping extended key usage of RFC 3161 §2.3,
 * all checked by BouncyCastle), and that certificate has a path to one of the trusted TSA CAs at genTime.
 * Thread-safe; verifying a signature is CPU work for a worker thread.
 *
 * <p>The certificates tokens carry are remembered (a bounded cache, by content) with their signature verifier:
 * every copy is stamped by the same TSA certificate, and converting it, building the verifier and decoding its public
 * key for every token cost more than the signature check itself (BouncyCastle keeps its precomputed multiples of the
 * key's point with the key, so a key used again verifies in about half the time). Only the conversion is remembered:
 * every token's signature, signing certificate and path are still checked.
 */
public final class TimeStampCheck {

    /** On JDK 17 BouncyCastle verifies P-256 signatures about three times faster than SunEC. */
    private static final Provider BC = new BouncyCastleProvider();

    /** What is wrong with a token, in the order the checks run. */
    public enum Failure {
        /** The token names no certificate it carries, or its signature or signing certificate does not hold. */
        INVALID,
        /** A sound token, but it stamps something else. */
        IMPRINT_MISMATCH,
        /** Validly signed, but by a certificate without a path to a trusted TSA CA at genTime. */
        UNTRUSTED
    }

    /**
     * @param failure        {@code null} when the token passed every check
     * @param tsaCertificate the certificate the token is signed with, {@code null} when it carries none
     * @param path           the TSA certificate's path to the trusted CA, empty unless the token is trusted
     * @param time           the token's genTime
     * @param detail         why the signature check failed, as BouncyCastle says; {@code null} otherwise
     */
    public record Result(
            Failure failure, X509Certificate tsaCertificate, List<X509Certificate> path, Instant time, String detail) {
        public boolean ok() {
            return failure == null;
        }
    }

    /**
     * A certificate carried by tokens, converted, with the verifier of signatures made with its key, or why there is
     * none (a key BouncyCastle cannot verify with: such a certificate may still be a CA on a path).
     */
    private record Known(X509Certificate certificate, SignerInformationVerifier verifier, String unusable) {}

    private final CertificatePaths trustedTsas;
    private final DigestCalculatorProvider digests;
    private final Cache<X509CertificateHolder, Known> known =
            Caffeine.newBuilder().maximumSize(256).build();

    /** @param trustedTsas the paths a TSA's certificate must have (from {@code tsa.trusted.cas}) */
    public TimeStampCheck(CertificatePaths trustedTsas) {
        this.trustedTsas = trustedTsas;
        try {
            this.digests =
                    new JcaDigestCalculatorProviderBuilder().setProvider(BC).build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("no digests available", e);
        }
    }

    public CertificatePaths trustedTsas() {
        return trustedTsas;
    }

    /**
     * Checks {@code token} as a time-stamp over {@code stamped} (hashed with the algorithm the token names).
     *
     * @param moreCertificates certificates carried beside the token (a copy's SignedData), to build the path with
     */
    public Result check(TimeStampToken token, byte[] stamped, Collection<X509Certificate> moreCertificates) {
        byte[] imprint = digest(token.getTimeStampInfo().getHashAlgorithm(), stamped);
        return checkImprint(token, imprint, moreCertificates);
    }

    /** Checks {@code token} as a time-stamp whose message imprint must be {@code imprint}. */
    public Result checkImprint(TimeStampToken token, byte[] imprint, Collection<X509Certificate> moreCertificates) {
        Instant time = token.getTimeStampInfo().getGenTime().toInstant();
        Known signer = signer(token);
        X509Certificate tsa = signer == null ? null : signer.certificate();
        String invalid = tsa == null
                ? "the token does not include the TSA's certificate"
                : signer.verifier() == null ? signer.unusable() : signatureProblem(token, signer.verifier());
        if (invalid != null) {
            return new Result(Failure.INVALID, tsa, List.of(), time, invalid);
        }
        if (imprint == null || !Arrays.equals(imprint, token.getTimeStampInfo().getMessageImprintDigest())) {
            return new Result(Failure.IMPRINT_MISMATCH, tsa, List.of(), time, null);
        }
        List<X509Certificate> candidates = new ArrayList<>(certificates(token.getCertificates()));
        candidates.addAll(moreCertificates);
        Optional<List<X509Certificate>> path = trustedTsas.path(tsa, candidates, time);
        return path.map(p -> new Result(null, tsa, p, time, null))
                .orElseGet(() -> new Result(Failure.UNTRUSTED, tsa, List.of(), time, null));
    }

    @SuppressWarnings("unchecked")
    private Known signer(TimeStampToken token) {
        try {
            Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
            return matches.isEmpty() ? null : known(matches.iterator().next());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code null} when the signature, the ESS signing certificate, genTime validity and the key usage hold. */
    private static String signatureProblem(TimeStampToken token, SignerInformationVerifier verifier) {
        try {
            token.validate(verifier);
            return null;
        } catch (Exception e) {
            return String.valueOf(e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private List<X509Certificate> certificates(Store<X509CertificateHolder> store) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            for (X509CertificateHolder holder : (Collection<X509CertificateHolder>) store.getMatches(null)) {
                Known certificate = known(holder);
                if (certificate != null) {
                    out.add(certificate.certificate());
                }
            }
        } catch (RuntimeException e) {
            // an unreadable certificate store contributes nothing to the path
        }
        return out;
    }

    /** {@code null} (and nothing remembered) when the certificate cannot be converted. */
    private Known known(X509CertificateHolder holder) {
        return known.get(holder, TimeStampCheck::convert);
    }

    private static Known convert(X509CertificateHolder holder) {
        X509Certificate certificate;
        try {
            certificate = new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder);
        } catch (Exception e) {
            return null;
        }
        try {
            return new Known(
                    certificate,
                    new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(certificate),
                    null);
        } catch (Exception e) {
            return new Known(certificate, null, String.valueOf(e.getMessage()));
        }
    }

    private byte[] digest(AlgorithmIdentifier algorithm, byte[] data) {
        try {
            DigestCalculator calculator = digests.get(algorithm);
            try (OutputStream out = calculator.getOutputStream()) {
                out.write(data);
            }
            return calculator.getDigest();
        } catch (Exception e) {
            return null; // an unknown digest algorithm cannot match
        }
    }
}

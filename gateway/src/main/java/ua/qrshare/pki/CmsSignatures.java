package ua.qrshare.pki;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Verifies CMS SignedData made with a partner's qualified e-signature (КЕП): one signer, attached or detached
 * content equal to what we expect, the signature valid under the certificate's key (ECDSA, RSA, or DSTU 4145 where
 * BouncyCastle supports it), the certificate valid now, chained to a trusted CA, and allowed to sign. Each failure
 * has its own {@link Rejection.Reason} so the client learns what to fix.
 */
public final class CmsSignatures {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;

    private final Set<TrustAnchor> trustAnchors;

    public CmsSignatures(List<X509Certificate> trustedCas) {
        if (trustedCas.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted CA is needed");
        }
        this.trustAnchors =
                trustedCas.stream().map(ca -> new TrustAnchor(ca, null)).collect(Collectors.toSet());
    }

    /** The verified signer and the signed bytes. */
    public record Verified(X509Certificate signer, List<X509Certificate> chain, byte[] content) {}

    /** Why a signature was refused. */
    public static final class Rejection extends Exception {

        public enum Reason {
            MALFORMED,
            TOO_DEEP,
            INVALID,
            UNTRUSTED_CA,
            CERTIFICATE_EXPIRED,
            CERTIFICATE_NOT_YET_VALID,
            WRONG_KEY_USAGE
        }

        private final Reason reason;

        Rejection(Reason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /**
     * @param der             the CMS SignedData, DER
     * @param expectedContent the bytes that must have been signed (checked for attached content, supplied for detached)
     * @param now             the time the certificate must be valid at
     */
    public Verified verify(byte[] der, byte[] expectedContent, Instant now) throws Rejection {
        try {
            Asn1Depth.requireAtMost(der);
        } catch (Asn1Depth.TooDeep e) {
            throw new Rejection(Rejection.Reason.TOO_DEEP, e.getMessage());
        }
        CMSSignedData signed = parse(der, expectedContent);
        SignerInformation signer = onlySigner(signed);
        X509Certificate certificate = signerCertificate(signed, signer);
        verifySignature(signer, certificate);
        checkValidity(certificate, now);
        List<X509Certificate> chain = chainToTrustedCa(certificate, allCertificates(signed), now);
        checkKeyUsage(certificate);
        return new Verified(certificate, chain, expectedContent.clone());
    }

    private static CMSSignedData parse(byte[] der, byte[] expectedContent) throws Rejection {
        try {
            CMSSignedData signed = new CMSSignedData(der);
            if (signed.getSignedContent() == null) {
                return new CMSSignedData(new CMSProcessableByteArray(expectedContent), der);
            }
            if (!Arrays.equals((byte[]) signed.getSignedContent().getContent(), expectedContent)) {
                throw new Rejection(Rejection.Reason.INVALID, "the signed content is not the expected one");
            }
            return signed;
        } catch (CMSException | RuntimeException e) {
            throw new Rejection(Rejection.Reason.MALFORMED, "not a CMS SignedData structure");
        }
    }

    private static SignerInformation onlySigner(CMSSignedData signed) throws Rejection {
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new Rejection(Rejection.Reason.MALFORMED, "expected exactly one signer, found " + signers.size());
        }
        return signers.iterator().next();
    }

    @SuppressWarnings("unchecked")
    private static X509Certificate signerCertificate(CMSSignedData signed, SignerInformation signer) throws Rejection {
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
        if (matches.isEmpty()) {
            throw new Rejection(Rejection.Reason.MALFORMED, "the signer's certificate is not included");
        }
        return convert(matches.iterator().next());
    }

    private static void verifySignature(SignerInformation signer, X509Certificate certificate) throws Rejection {
        try {
            // By public key, not by certificate: certificate validity is checked separately, with its own reason.
            if (!signer.verify(
                    new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(certificate.getPublicKey()))) {
                throw new Rejection(Rejection.Reason.INVALID, "the signature does not verify");
            }
        } catch (CMSException | OperatorCreationException | RuntimeException e) {
            throw new Rejection(Rejection.Reason.INVALID, "the signature does not verify");
        }
    }

    private static void checkValidity(X509Certificate certificate, Instant now) throws Rejection {
        Date at = Date.from(now);
        if (at.after(certificate.getNotAfter())) {
            throw new Rejection(
                    Rejection.Reason.CERTIFICATE_EXPIRED,
                    "the certificate expired on " + certificate.getNotAfter().toInstant());
        }
        if (at.before(certificate.getNotBefore())) {
            throw new Rejection(
                    Rejection.Reason.CERTIFICATE_NOT_YET_VALID,
                    "the certificate is valid from "
                            + certificate.getNotBefore().toInstant());
        }
    }

    private List<X509Certificate> chainToTrustedCa(
            X509Certificate certificate, List<X509Certificate> included, Instant now) throws Rejection {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(certificate);
            PKIXBuilderParameters params = new PKIXBuilderParameters(trustAnchors, target);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(included)));
            // Revocation is checked against the CA's CRL once partners' CAs publish one we can fetch; the dev CA's
            // CRL is empty by construction.
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            var result = (java.security.cert.PKIXCertPathBuilderResult)
                    CertPathBuilder.getInstance("PKIX").build(params);
            List<X509Certificate> chain = new ArrayList<>();
            result.getCertPath().getCertificates().forEach(c -> chain.add((X509Certificate) c));
            chain.add(result.getTrustAnchor().getTrustedCert());
            return chain;
        } catch (GeneralSecurityException e) {
            throw new Rejection(Rejection.Reason.UNTRUSTED_CA, "the certificate does not chain to a trusted CA");
        }
    }

    private static void checkKeyUsage(X509Certificate certificate) throws Rejection {
        boolean[] usage = certificate.getKeyUsage();
        if (usage == null || !(usage[DIGITAL_SIGNATURE] || usage[NON_REPUDIATION])) {
            throw new Rejection(Rejection.Reason.WRONG_KEY_USAGE, "the certificate is not for signing");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<X509Certificate> allCertificates(CMSSignedData signed) throws Rejection {
        List<X509Certificate> out = new ArrayList<>();
        for (X509CertificateHolder holder :
                (Collection<X509CertificateHolder>) signed.getCertificates().getMatches(null)) {
            out.add(convert(holder));
        }
        return out;
    }

    private static X509Certificate convert(X509CertificateHolder holder) throws Rejection {
        try {
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder);
        } catch (CertificateException e) {
            throw new Rejection(Rejection.Reason.MALFORMED, "an included certificate cannot be read");
        }
    }
}

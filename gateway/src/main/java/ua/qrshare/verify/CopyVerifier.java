package ua.qrshare.verify;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;
import org.bouncycastle.util.Store;
import ua.qrshare.copy.CopyRenderer;
import ua.qrshare.pki.Asn1Depth;
import ua.qrshare.sealing.CertificatePaths;
import ua.qrshare.sealing.RevocationValues;
import ua.qrshare.sealing.TimeStampCheck;
import ua.qrshare.verify.VerificationReport.Document;
import ua.qrshare.verify.VerificationReport.Signer;
import ua.qrshare.verify.VerificationReport.Timestamp;

/**
 * Verifies a signed copy ({@code .p7s}) the way the platform seals it: CMS SignedData with the PDF inside, one signer,
 * CAdES-BASELINE-B signed attributes, and a signature time-stamp that makes it CAdES-BASELINE-T; with the CRLs of the
 * seal's and the TSA's chains inside, it is CAdES-BASELINE-LT. The signer must be one of the platform's seal
 * certificates (pinned, current and earlier ones), never merely a certificate of a trusted CA. The certificates are
 * judged at the time the time-stamp proves (not "now"), so a copy stays valid after the seal certificate expires.
 *
 * <p>Thread-safe and CPU-bound: call it on a worker thread. Any input, however broken, yields a report; none throws.
 */
public final class CopyVerifier {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    /** Problems that keep the signature below CAdES-BASELINE-B. */
    private static final Set<VerificationProblem> BELOW_B = EnumSet.of(
            VerificationProblem.SIGNATURE_INVALID,
            VerificationProblem.SIGNING_TIME_MISSING,
            VerificationProblem.SIGNING_CERTIFICATE_MISSING,
            VerificationProblem.SIGNING_CERTIFICATE_MISMATCH);
    /** Problems that keep a B-level signature from being CAdES-BASELINE-T. */
    private static final Set<VerificationProblem> BELOW_T = EnumSet.of(
            VerificationProblem.NO_TIMESTAMP,
            VerificationProblem.TIMESTAMP_INVALID,
            VerificationProblem.TIMESTAMP_UNTRUSTED,
            VerificationProblem.TIMESTAMP_IMPRINT_MISMATCH);
    /** A copy carries one CRL per CA of its two paths; a few more are tolerated, thousands are not read. */
    private static final int MAX_CRLS = 16;
    /** Problems after which the content is not known to be the platform's, so PDFBox does not get to parse it. */
    private static final Set<VerificationProblem> UNSEALED = EnumSet.of(
            VerificationProblem.SIGNATURE_INVALID,
            VerificationProblem.NOT_PLATFORM_SEAL,
            VerificationProblem.UNTRUSTED_CHAIN,
            VerificationProblem.CERTIFICATE_REVOKED,
            VerificationProblem.CONTENT_NOT_PDF);

    private final Set<String> sealFingerprints;
    private final CertificatePaths sealPaths;
    private final TimeStampCheck timeStamps;
    private final DigestCalculatorProvider digests;

    /**
     * @param sealCertificates the platform's seal certificates, current and earlier ones: the only signers accepted
     * @param sealPaths        the CAs the seal certificates chain to
     * @param timeStamps       the time-stamp check, with the trusted TSA CAs
     */
    public CopyVerifier(List<X509Certificate> sealCertificates, CertificatePaths sealPaths, TimeStampCheck timeStamps) {
        if (sealCertificates.isEmpty()) {
            throw new IllegalArgumentException("at least one seal certificate is needed");
        }
        this.sealFingerprints =
                sealCertificates.stream().map(CopyVerifier::fingerprint).collect(Collectors.toUnmodifiableSet());
        this.sealPaths = sealPaths;
        this.timeStamps = timeStamps;
        try {
            this.digests =
                    new JcaDigestCalculatorProviderBuilder().setProvider(BC).build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("no digests available", e);
        }
    }

    /** The SHA-256 of a certificate's DER encoding, lower-case hex: what a seal is pinned by. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot encode the certificate", e);
        }
    }

    public VerificationReport verify(byte[] p7s) {
        try {
            return new Check(parse(p7s)).run();
        } catch (MalformedCopyException e) {
            return VerificationReport.malformed();
        } catch (RuntimeException e) {
            // BouncyCastle decodes parts of the structure lazily; what breaks late is still broken input, not a fault.
            return VerificationReport.malformed();
        }
    }

    private static CMSSignedData parse(byte[] p7s) throws MalformedCopyException {
        try {
            Asn1Depth.requireAtMost(p7s); // BouncyCastle parses recursively: refuse what would overflow the stack
            CMSSignedData signed = new CMSSignedData(p7s);
            if (signed.getSignedContent() == null) {
                throw new MalformedCopyException(); // detached: a copy always carries its PDF
            }
            return signed;
        } catch (MalformedCopyException e) {
            throw e;
        } catch (Exception e) {
            throw new MalformedCopyException();
        }
    }

    /** The checks on one parsed signature; collects every problem rather than stopping at the first. */
    private final class Check {

        private final CMSSignedData signed;
        private final SignerInformation signer;
        private final X509Certificate certificate;
        private final byte[] content;
        private final List<X509Certificate> included;
        private final List<VerificationProblem> problems = new ArrayList<>();
        private List<X509Certificate> sealPath = List.of();
        private List<X509Certificate> tsaPath = List.of();

        Check(CMSSignedData signed) throws MalformedCopyException {
            this.signed = signed;
            Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                throw new MalformedCopyException();
            }
            this.signer = signers.iterator().next();
            this.certificate = signerCertificate();
            this.content = (byte[]) signed.getSignedContent().getContent();
            this.included = certificates(signed.getCertificates());
        }

        VerificationReport run() {
            checkSignature();
            Instant signedAt = signingTime();
            checkSigningCertificate();
            checkPlatformSeal();
            Timestamp timestamp = checkTimestamp();
            boolean stamped = timestamp != null && problems.stream().noneMatch(BELOW_T::contains);
            Instant validationTime = stamped ? timestamp.time() : signedAt != null ? signedAt : Instant.now();
            checkChain(validationTime);
            boolean longTerm = stamped && checkRevocation(timestamp.time());
            checkContent();
            Document document = problems.stream().anyMatch(UNSEALED::contains) ? null : readDocument(content);
            return new VerificationReport(level(longTerm), signer(), signedAt, timestamp, document, problems, content);
        }

        @SuppressWarnings("unchecked")
        private X509Certificate signerCertificate() throws MalformedCopyException {
            Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
            if (matches.isEmpty()) {
                throw new MalformedCopyException(); // a copy carries its seal certificate, or it cannot be checked
            }
            return convert(matches.iterator().next());
        }

        /** By public key, not by certificate: the certificate's validity is judged separately, at the proven time. */
        private void checkSignature() {
            boolean valid;
            try {
                valid = signer.verify(
                        new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(certificate.getPublicKey()));
            } catch (Exception e) {
                valid = false; // includes a messageDigest that does not match the content
            }
            if (!valid) {
                problems.add(VerificationProblem.SIGNATURE_INVALID);
            }
        }

        private Instant signingTime() {
            Attribute attribute = signedAttribute(CMSAttributes.signingTime);
            if (attribute == null) {
                problems.add(VerificationProblem.SIGNING_TIME_MISSING);
                return null;
            }
            try {
                return Time.getInstance(firstValue(attribute)).getDate().toInstant();
            } catch (RuntimeException e) {
                problems.add(VerificationProblem.SIGNING_TIME_MISSING);
                return null;
            }
        }

        /** ESS signing-certificate-v2 binds the signature to one certificate, so another with the same key fails. */
        private void checkSigningCertificate() {
            Attribute attribute = signedAttribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
            if (attribute == null) {
                problems.add(VerificationProblem.SIGNING_CERTIFICATE_MISSING);
                return;
            }
            try {
                ESSCertIDv2 id =
                        SigningCertificateV2.getInstance(firstValue(attribute)).getCerts()[0];
                boolean hashMatches =
                        Arrays.equals(id.getCertHash(), digest(id.getHashAlgorithm(), certificate.getEncoded()));
                boolean serialMatches = id.getIssuerSerial() == null
                        || id.getIssuerSerial().getSerial().getValue().equals(certificate.getSerialNumber());
                if (!hashMatches || !serialMatches) {
                    problems.add(VerificationProblem.SIGNING_CERTIFICATE_MISMATCH);
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                problems.add(VerificationProblem.SIGNING_CERTIFICATE_MISMATCH);
            }
        }

        /**
         * Only the platform's own seal certificates may seal a copy: another certificate of the same CA (a partner's
         * КЕП, another customer of a commercial CA) is refused, whatever its chain.
         */
        private void checkPlatformSeal() {
            if (!sealFingerprints.contains(fingerprint(certificate))) {
                problems.add(VerificationProblem.NOT_PLATFORM_SEAL);
            }
        }

        private Timestamp checkTimestamp() {
            AttributeTable unsigned = signer.getUnsignedAttributes();
            Attribute attribute =
                    unsigned == null ? null : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
            if (attribute == null) {
                problems.add(VerificationProblem.NO_TIMESTAMP);
                return null;
            }
            TimeStampToken token;
            try {
                token = new TimeStampToken(ContentInfo.getInstance(firstValue(attribute)));
            } catch (Exception e) {
                problems.add(VerificationProblem.TIMESTAMP_INVALID);
                return null;
            }
            // The signature time-stamp stamps the signature value, hashed as the token says (SHA-256 from us).
            TimeStampCheck.Result result = timeStamps.check(token, signer.getSignature(), included);
            if (!result.ok()) {
                problems.add(
                        switch (result.failure()) {
                            case INVALID -> VerificationProblem.TIMESTAMP_INVALID;
                            case IMPRINT_MISMATCH -> VerificationProblem.TIMESTAMP_IMPRINT_MISMATCH;
                            case UNTRUSTED -> VerificationProblem.TIMESTAMP_UNTRUSTED;
                        });
            }
            tsaPath = result.path();
            TimeStampTokenInfo info = token.getTimeStampInfo();
            X509Certificate tsa = result.tsaCertificate();
            String tsaName = tsa != null
                    ? tsa.getSubjectX500Principal().getName(X500Principal.RFC2253)
                    : info.getTsa() == null ? null : info.getTsa().getName().toString();
            return new Timestamp(result.time(), tsaName, info.getPolicy().getId());
        }

        private void checkChain(Instant at) {
            if (at.isBefore(certificate.getNotBefore().toInstant())
                    || at.isAfter(certificate.getNotAfter().toInstant())) {
                problems.add(VerificationProblem.CERTIFICATE_NOT_VALID_AT_SIGNING_TIME);
                return;
            }
            sealPath = sealPaths.path(certificate, included, at).orElse(List.of());
            if (sealPath.isEmpty()) {
                problems.add(VerificationProblem.UNTRUSTED_CHAIN);
            }
        }

        /**
         * CAdES-BASELINE-LT: the copy itself carries the CRLs of both chains. A certificate they show revoked before
         * the proven time is a problem; CRLs that are missing only keep the level at T.
         */
        private boolean checkRevocation(Instant at) {
            if (sealPath.isEmpty() || tsaPath.isEmpty()) {
                return false;
            }
            List<X509CRL> crls = crls();
            RevocationValues.Status seal = RevocationValues.status(sealPath, crls, at);
            RevocationValues.Status tsa = RevocationValues.status(tsaPath, crls, at);
            if (seal == RevocationValues.Status.REVOKED || tsa == RevocationValues.Status.REVOKED) {
                problems.add(VerificationProblem.CERTIFICATE_REVOKED);
                return false;
            }
            return seal == RevocationValues.Status.GOOD && tsa == RevocationValues.Status.GOOD;
        }

        /** The copy's CRLs; none when it carries more than a copy ever needs (each one costs a signature check). */
        @SuppressWarnings("unchecked")
        private List<X509CRL> crls() {
            List<X509CRL> out = new ArrayList<>();
            try {
                Collection<X509CRLHolder> holders = signed.getCRLs().getMatches(null);
                if (holders.size() > MAX_CRLS) {
                    return List.of();
                }
                for (X509CRLHolder holder : holders) {
                    try {
                        out.add(new JcaX509CRLConverter().setProvider(BC).getCRL(holder));
                    } catch (Exception e) {
                        // an unreadable CRL covers nothing
                    }
                }
            } catch (RuntimeException e) {
                return List.of();
            }
            return out;
        }

        private void checkContent() {
            boolean data = CMSObjectIdentifiers.data.getId().equals(signed.getSignedContentTypeOID());
            boolean pdf = content.length >= PDF_MAGIC.length
                    && Arrays.equals(content, 0, PDF_MAGIC.length, PDF_MAGIC, 0, PDF_MAGIC.length);
            if (!data || !pdf) {
                problems.add(VerificationProblem.CONTENT_NOT_PDF);
            }
        }

        private String level(boolean longTerm) {
            if (problems.stream().anyMatch(BELOW_B::contains)) {
                return null;
            }
            if (problems.stream().anyMatch(BELOW_T::contains)) {
                return VerificationReport.LEVEL_B;
            }
            return longTerm ? VerificationReport.LEVEL_LT : VerificationReport.LEVEL_T;
        }

        private Signer signer() {
            return new Signer(
                    certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
                    certificate.getSerialNumber().toString(16).toUpperCase(),
                    certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
                    fingerprint(certificate));
        }

        private Attribute signedAttribute(ASN1ObjectIdentifier type) {
            AttributeTable attributes = signer.getSignedAttributes();
            return attributes == null ? null : attributes.get(type);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<X509Certificate> certificates(Store<X509CertificateHolder> store)
            throws MalformedCopyException {
        List<X509Certificate> out = new ArrayList<>();
        for (X509CertificateHolder holder : (Collection<X509CertificateHolder>) store.getMatches(null)) {
            out.add(convert(holder));
        }
        return out;
    }

    private static X509Certificate convert(X509CertificateHolder holder) throws MalformedCopyException {
        try {
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder);
        } catch (GeneralSecurityException e) {
            throw new MalformedCopyException();
        }
    }

    private byte[] digest(AlgorithmIdentifier algorithm, byte[] data) throws GeneralSecurityException {
        try {
            DigestCalculator calculator = digests.get(algorithm);
            try (OutputStream out = calculator.getOutputStream()) {
                out.write(data);
            }
            return calculator.getDigest();
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot digest with " + algorithm.getAlgorithm(), e);
        }
    }

    private static ASN1Encodable firstValue(Attribute attribute) {
        return attribute.getAttrValues().getObjectAt(0);
    }

    /**
     * What the copy names itself in its document information ({@link CopyRenderer}); {@code null} for a PDF that
     * names nothing or cannot be read.
     */
    private static Document readDocument(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentInformation info = document.getDocumentInformation();
            String type = info.getCustomMetadataValue(CopyRenderer.DOCUMENT_TYPE_KEY);
            String shareId = info.getCustomMetadataValue(CopyRenderer.SHARE_ID_KEY);
            String recipient = info.getCustomMetadataValue(CopyRenderer.RECIPIENT_KEY);
            return type == null && shareId == null && recipient == null ? null : new Document(type, shareId, recipient);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Input that is not a signed copy at all: nothing further can be checked. */
    private static final class MalformedCopyException extends Exception {
        MalformedCopyException() {
            super(null, null, false, false);
        }
    }
}

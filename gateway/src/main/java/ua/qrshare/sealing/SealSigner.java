package ua.qrshare.sealing;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.util.List;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;
import ua.qrshare.pki.SigningIdentity;

/**
 * Seals copies: CMS SignedData with the PDF inside, signed by the platform's seal key as CAdES-BASELINE-B
 * (contentType, messageDigest, signingTime, signing-certificate-v2; the whole chain included), which a signature
 * time-stamp turns into CAdES-BASELINE-T and the revocation values of the seal's and TSA's paths into
 * CAdES-BASELINE-LT. The signing step ({@link #signB}) is pure CPU work and thread-safe, so a
 * caller runs it on a bounded worker pool; the time-stamp is fetched asynchronously afterwards
 * ({@link SignedCopy#withTimestamp}), or both at once with {@link #signT}.
 */
public final class SealSigner {

    private final SigningIdentity seal;
    private final String signatureAlgorithm;
    private final X509CertificateHolder certificate;
    private final Store<X509CertificateHolder> chain;
    private final AttributeTable signingCertificate;
    private final DigestCalculatorProvider digests;
    private final CrlSource revocation;

    /** A signer whose {@link #signT} copies are CAdES-BASELINE-T: the time-stamp, but no revocation values. */
    public SealSigner(SigningIdentity seal) {
        this(seal, null);
    }

    /**
     * A signer whose {@link #signT} copies are CAdES-BASELINE-LT.
     *
     * @param revocation where the CRLs of the seal's chain and the TSA's path come from
     */
    public SealSigner(SigningIdentity seal, CrlSource revocation) {
        this.seal = seal;
        this.revocation = revocation;
        this.signatureAlgorithm = signatureAlgorithm(seal);
        try {
            this.certificate = new JcaX509CertificateHolder(seal.certificate());
            this.chain = new JcaCertStore(seal.chain());
            this.signingCertificate = new AttributeTable(signingCertificateV2(certificate));
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (CertificateEncodingException | OperatorCreationException e) {
            throw new IllegalArgumentException("cannot use the seal certificate of " + seal, e);
        }
    }

    /** The seal this signer signs with. */
    public SigningIdentity seal() {
        return seal;
    }

    /** CAdES-BASELINE-B over {@code pdf}, attached. CPU work: call it on a worker thread. */
    public SignedCopy signB(byte[] pdf) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfoGenerator());
            generator.addCertificates(chain);
            return new SignedCopy(generator.generate(new CMSProcessableByteArray(pdf), true));
        } catch (CMSException | OperatorCreationException e) {
            throw new IllegalStateException("cannot seal the copy with " + seal, e);
        }
    }

    /**
     * CAdES-BASELINE-LT over {@code pdf} (CAdES-BASELINE-T without a revocation source): signs on {@code workers},
     * asks {@code tsa} for the signature time-stamp, fetches the CRLs of the seal's chain and the TSA's path, and adds
     * the token, the TSA's certificates and the CRLs. Fails with {@link TsaUnavailableException} when the TSA is down
     * and {@link RevocationUnavailableException} when a CRL cannot be had (both: retry later), and with
     * {@link InvalidTimeStampException} when the TSA's answer is unusable.
     *
     * @return the P7S, DER
     */
    public Future<byte[]> signT(byte[] pdf, WorkerExecutor workers, TsaClient tsa) {
        return workers.executeBlocking(() -> signB(pdf), false)
                .compose(copy -> tsa.stamp(copy.timestampImprint())
                        .compose(token -> revocationValues(token)
                                .compose(crls -> workers.executeBlocking(
                                        () -> copy.withTimestamp(
                                                token.token(), revocation == null ? List.of() : token.tsaPath(), crls),
                                        false))));
    }

    private Future<List<X509CRL>> revocationValues(TsaClient.Token token) {
        return revocation == null
                ? Future.succeededFuture(List.of())
                : revocation.crls(List.of(seal.chain(), token.tsaPath()));
    }

    /** A signer per call: a JCA Signature (possibly a PKCS#11 session) is stateful and must not be shared. */
    private SignerInfoGenerator signerInfoGenerator() throws OperatorCreationException {
        return new JcaSignerInfoGeneratorBuilder(digests)
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signingCertificate))
                .build(new JcaContentSignerBuilder(signatureAlgorithm).build(seal.key()), certificate);
    }

    /** ESS signing-certificate-v2 (RFC 5035): binds the signature to the seal certificate by its SHA-256 hash. */
    private static Attribute signingCertificateV2(X509CertificateHolder certificate) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            IssuerSerial issuerSerial = new IssuerSerial(
                    new GeneralNames(new GeneralName(X500Name.getInstance(certificate.getIssuer()))),
                    certificate.getSerialNumber());
            // Without an explicit hash algorithm, ESSCertIDv2 means SHA-256.
            ESSCertIDv2 id = new ESSCertIDv2(hash, issuerSerial);
            return new Attribute(
                    PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(new SigningCertificateV2(id)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot hash the seal certificate", e);
        }
    }

    private static String signatureAlgorithm(SigningIdentity seal) {
        return switch (seal.key().getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default ->
                throw new IllegalArgumentException(
                        "the seal key must be EC or RSA, not " + seal.key().getAlgorithm());
        };
    }
}

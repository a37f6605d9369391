package ua.qrshare.dev;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.qualified.ETSIQCObjectIdentifiers;
import org.bouncycastle.asn1.x509.qualified.QCStatement;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import ua.qrshare.pki.PkiRoutes;
import ua.qrshare.pki.SigningIdentity;

/** Issues the dev PKI's certificates and CRLs. Keys and signatures come from the JDK's providers. */
final class DevCertificates {

    /** The root key is P-384, so everything the root signs uses the matching hash. */
    private static final String CA_SIGNATURE_ALGORITHM = "SHA384withECDSA";
    /** Backdating the start of validity keeps verifiers whose clocks run a little behind from rejecting. */
    private static final Duration BACKDATE = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();
    /** ECDSA with RFC 6979 nonces, from BouncyCastle: the same input gives the same signature. */
    private static final String CRL_SIGNATURE_ALGORITHM = "SHA384withECDDSA";

    private static final Provider BC = new BouncyCastleProvider();
    /** The file name of the CA certificate, DER, published beside the CRL. */
    /** ETSI EN 319 412-5: QcType (id-etsi-qcs-QcType) and its value for electronic seals (id-etsi-qct-eseal). */
    static final ASN1ObjectIdentifier QC_TYPE = new ASN1ObjectIdentifier("0.4.0.1862.1.6");

    static final ASN1ObjectIdentifier QC_TYPE_ESEAL = new ASN1ObjectIdentifier("0.4.0.1862.1.6.2");
    /** ETSI EN 319 411-2: QCP-l-qscd, qualified certificates for seals of legal persons, key on a QSCD. */
    static final ASN1ObjectIdentifier QCP_L_QSCD = new ASN1ObjectIdentifier("0.4.0.194112.1.3");

    private DevCertificates() {}

    static SigningIdentity rootCa(X500Principal name, Instant now, Period validity)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        KeyPair keys = keyPair("secp384r1");
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                        name, serialNumber(), notBefore(now), notAfter(now, validity), name, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(
                        Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()))
                .addExtension(
                        Extension.authorityKeyIdentifier,
                        false,
                        extensions.createAuthorityKeyIdentifier(keys.getPublic()));
        X509Certificate certificate = sign(builder, keys.getPrivate());
        return new SigningIdentity(keys.getPrivate(), certificate, List.of(certificate));
    }

    /**
     * The electronic seal, shaped as a qualified electronic seal of a legal person (ETSI EN 319 412-1/-3 and -5):
     * QcStatements with QcCompliance, QcType eseal and QcSSCD, the certificate policy QCP-l-qscd, key usage
     * nonRepudiation (with digitalSignature). No extended key usage, so S/MIME-purpose verifiers
     * ({@code openssl cms}) accept it. The subject is the caller's, with organizationIdentifier.
     */
    static SigningIdentity issueSeal(
            SigningIdentity ca, X500Principal subject, Instant now, Period validity, String crlUrl)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        ASN1EncodableVector statements = new ASN1EncodableVector();
        statements.add(new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_QcCompliance));
        statements.add(new QCStatement(QC_TYPE, new DERSequence(QC_TYPE_ESEAL)));
        statements.add(new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_QcSSCD));
        Extension qcStatements =
                new Extension(Extension.qCStatements, false, new DERSequence(statements).getEncoded(ASN1Encoding.DER));
        Extension policies = new Extension(
                Extension.certificatePolicies,
                false,
                new CertificatePolicies(new PolicyInformation(QCP_L_QSCD)).getEncoded(ASN1Encoding.DER));
        return issueEndEntity(ca, subject, now, validity, crlUrl, List.of(qcStatements, policies));
    }

    /** True when {@code certificate} has the shape {@link #issueSeal} gives: QcStatements and the QCP-l-qscd policy. */
    static boolean hasQualifiedSealShape(X509Certificate certificate) {
        return certificate.getExtensionValue(Extension.qCStatements.getId()) != null
                && certificate.getExtensionValue(Extension.certificatePolicies.getId()) != null
                && certificate.getExtensionValue(Extension.authorityInfoAccess.getId()) != null;
    }

    /** True when {@code certificate} names where its issuer's certificate is (authority information access). */
    static boolean hasAuthorityInformationAccess(X509Certificate certificate) {
        return certificate.getExtensionValue(Extension.authorityInfoAccess.getId()) != null;
    }

    /** The time-stamping authority. RFC 3161 §2.3: timeStamping is its only extended key usage, marked critical. */
    static SigningIdentity issueTsa(
            SigningIdentity ca, X500Principal subject, Instant now, Period validity, String crlUrl)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        Extension timeStampingOnly = Extension.create(
                Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
        return issueEndEntity(ca, subject, now, validity, crlUrl, List.of(timeStampingOnly));
    }

    /**
     * An empty CRL; RFC 5280 §5.2 asks conforming CRLs for the authority key identifier and a CRL number. Signed with
     * deterministic ECDSA (RFC 6979), so the same CA, number and times always give the same bytes: instances that
     * share the dev PKI issue identical CRLs.
     */
    static byte[] crl(SigningIdentity ca, BigInteger number, Instant thisUpdate, Duration validity)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca.certificate(), Date.from(thisUpdate))
                .setNextUpdate(Date.from(thisUpdate.plus(validity)))
                .addExtension(
                        Extension.authorityKeyIdentifier,
                        false,
                        new JcaX509ExtensionUtils()
                                .createAuthorityKeyIdentifier(ca.certificate().getPublicKey()))
                .addExtension(Extension.cRLNumber, false, new CRLNumber(number));
        return builder.build(deterministicSigner(ca.key())).getEncoded();
    }

    /**
     * ECDSA with SHA-384 and RFC 6979 nonces (BouncyCastle's {@code SHA384withECDDSA}); the signature is an ordinary
     * ecdsa-with-SHA384 one, which any verifier checks as usual.
     */
    private static ContentSigner deterministicSigner(PrivateKey key) throws GeneralSecurityException {
        java.security.Signature signature = java.security.Signature.getInstance(CRL_SIGNATURE_ALGORITHM, BC);
        signature.initSign(key);
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA384);
        java.io.OutputStream stream = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    signature.update(b, off, len);
                } catch (java.security.SignatureException e) {
                    throw new IOException(e);
                }
            }
        };
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public java.io.OutputStream getOutputStream() {
                return stream;
            }

            @Override
            public byte[] getSignature() {
                try {
                    return signature.sign();
                } catch (java.security.SignatureException e) {
                    throw new IllegalStateException("cannot sign the CRL", e);
                }
            }
        };
    }

    /** Where an issued certificate's CA certificate is published (DER): beside the CRL. */
    static String caIssuersUrl(String crlUrl) {
        return URI.create(crlUrl)
                .resolve(PkiRoutes.CA_CER.substring(PkiRoutes.CA_CER.lastIndexOf('/') + 1))
                .toString();
    }

    /** RFC 5280 §4.2.2.1: where to fetch the issuer's certificate. No OCSP: the dev CA publishes a CRL only. */
    static AuthorityInformationAccess authorityInformationAccess(String crlUrl) {
        return new AuthorityInformationAccess(new AccessDescription(
                AccessDescription.id_ad_caIssuers,
                new GeneralName(GeneralName.uniformResourceIdentifier, caIssuersUrl(crlUrl))));
    }

    /** The CRL distribution point extension that every issued certificate carries. */
    static CRLDistPoint crlDistributionPoint(String crlUrl) {
        GeneralNames location = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl));
        return new CRLDistPoint(
                new DistributionPoint[] {new DistributionPoint(new DistributionPointName(location), null, null)});
    }

    private static SigningIdentity issueEndEntity(
            SigningIdentity ca,
            X500Principal subject,
            Instant now,
            Period validity,
            String crlUrl,
            List<Extension> profileExtensions)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        KeyPair keys = keyPair("secp256r1");
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                        ca.certificate(),
                        serialNumber(),
                        notBefore(now),
                        notAfter(now, validity),
                        subject,
                        keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(
                        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                .addExtension(
                        Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()))
                .addExtension(
                        Extension.authorityKeyIdentifier,
                        false,
                        extensions.createAuthorityKeyIdentifier(ca.certificate().getPublicKey()))
                .addExtension(Extension.cRLDistributionPoints, false, crlDistributionPoint(crlUrl))
                .addExtension(Extension.authorityInfoAccess, false, authorityInformationAccess(crlUrl));
        for (Extension extension : profileExtensions) {
            builder.addExtension(extension);
        }
        X509Certificate certificate = sign(builder, ca.key());
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll(ca.chain());
        return new SigningIdentity(keys.getPrivate(), certificate, chain);
    }

    /** A certificate for someone else's key pair (a partner's КЕП), with an explicit validity window. */
    static X509Certificate issue(
            SigningIdentity ca,
            org.bouncycastle.asn1.x500.X500Name subject,
            java.security.PublicKey key,
            Date notBefore,
            Date notAfter,
            String crlUrl,
            List<Extension> profileExtensions)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                        org.bouncycastle.asn1.x500.X500Name.getInstance(
                                ca.certificate().getSubjectX500Principal().getEncoded()),
                        serialNumber(),
                        notBefore,
                        notAfter,
                        subject,
                        key)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
                .addExtension(
                        Extension.authorityKeyIdentifier,
                        false,
                        extensions.createAuthorityKeyIdentifier(ca.certificate().getPublicKey()))
                .addExtension(Extension.cRLDistributionPoints, false, crlDistributionPoint(crlUrl))
                .addExtension(Extension.authorityInfoAccess, false, authorityInformationAccess(crlUrl));
        for (Extension extension : profileExtensions) {
            builder.addExtension(extension);
        }
        return sign(builder, ca.key());
    }

    static KeyPair keyPair(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve), RANDOM);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuerKey)));
    }

    private static ContentSigner signer(PrivateKey issuerKey) throws OperatorCreationException {
        return new JcaContentSignerBuilder(CA_SIGNATURE_ALGORITHM).build(issuerKey);
    }

    /** 128 random bits with the top one set: always positive, always the same length. */
    private static BigInteger serialNumber() {
        return new BigInteger(128, RANDOM).setBit(127);
    }

    private static Date notBefore(Instant now) {
        return Date.from(now.minus(BACKDATE));
    }

    private static Date notAfter(Instant now, Period validity) {
        return Date.from(now.atOffset(ZoneOffset.UTC).plus(validity).toInstant());
    }
}

package ua.qrshare.auth;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Attribute;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectDirectoryAttributes;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import ua.qrshare.pki.SigningIdentity;

/**
 * Certificates shaped freely, for the cases {@code PartnerCertificates} deliberately cannot make: other key types,
 * a subject without the taxpayer number, numbers only in the subject or only in subjectDirectoryAttributes.
 */
final class TestCertificates {

    private TestCertificates() {}

    static KeyPair ec(String curve) {
        return generate("EC", new ECGenParameterSpec(curve));
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A signing certificate for {@code keys}, valid for a day, issued by {@code ca}.
     *
     * @param subject    e.g. {@code "C=UA,CN=Шевченко Тарас,SERIALNUMBER=TINUA-1234567890"}
     * @param attributes subjectDirectoryAttributes (OID → value); empty for none
     */
    static SigningIdentity issue(
            SigningIdentity ca, KeyPair keys, String subject, Map<ASN1ObjectIdentifier, String> attributes) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            X500Name.getInstance(
                                    ca.certificate().getSubjectX500Principal().getEncoded()),
                            new BigInteger(128, new SecureRandom()).setBit(127),
                            Date.from(now.minus(Duration.ofHours(1))),
                            Date.from(now.plus(Duration.ofDays(1))),
                            new X500Name(subject),
                            keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(
                            Extension.keyUsage,
                            true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            if (!attributes.isEmpty()) {
                Vector<Attribute> values = new Vector<>();
                attributes.forEach(
                        (oid, value) -> values.add(new Attribute(oid, new DERSet(new DERPrintableString(value)))));
                builder.addExtension(
                        Extension.subjectDirectoryAttributes, false, new SubjectDirectoryAttributes(values));
            }
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA384withECDSA").build(ca.key())));
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(certificate);
            chain.addAll(ca.chain());
            return new SigningIdentity(keys.getPrivate(), certificate, chain);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(spec);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package ua.qrshare.partner;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Attribute;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectDirectoryAttributes;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import ua.qrshare.pki.PartnerCertificates;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Vector;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading RNOKPP and EDRPOU from the two places Ukrainian qualified certificates put them. */
class CertificateIdsTest {

    @Test
    void directory_attributes_are_read_and_preferred_to_the_subject() throws Exception {
        X509Certificate certificate = certificate(subject("TINUA-1111111111", "NTRUA-22222222"),
                Map.of(PartnerCertificates.RNOKPP_OID, "3333333333", PartnerCertificates.EDRPOU_OID, "44444444"));
        assertThat(CertificateIds.of(certificate)).isEqualTo(new CertificateIds("3333333333", "44444444"));
    }

    @Test
    void without_directory_attributes_the_subject_is_read() throws Exception {
        X509Certificate certificate = certificate(subject("TINUA-1111111111", "NTRUA-22222222"), Map.of());
        assertThat(CertificateIds.of(certificate)).isEqualTo(new CertificateIds("1111111111", "22222222"));
    }

    @Test
    void a_personal_certificate_has_no_edrpou() throws Exception {
        X509Certificate certificate = certificate(subject("TINUA-1111111111", null),
                Map.of(PartnerCertificates.RNOKPP_OID, "1111111111"));
        assertThat(CertificateIds.of(certificate)).isEqualTo(new CertificateIds("1111111111", null));
    }

    @Test
    void values_of_the_wrong_shape_or_without_the_prefix_count_as_absent() throws Exception {
        X509Certificate badAttributes = certificate(subject("TINUA-1111111111", "NTRUA-22222222"),
                Map.of(PartnerCertificates.RNOKPP_OID, "12345", PartnerCertificates.EDRPOU_OID, "ABCDEFGH"));
        assertThat(CertificateIds.of(badAttributes)).isEqualTo(new CertificateIds("1111111111", "22222222"));

        X509Certificate noPrefix = certificate(subject("1111111111", "22222222"), Map.of());
        assertThat(CertificateIds.of(noPrefix)).isEqualTo(new CertificateIds(null, null));
    }

    private static X500Name subject(String serialNumber, String organizationIdentifier) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "UA")
                .addRDN(BCStyle.CN, "Тестовий Керівник").addRDN(BCStyle.SERIALNUMBER, serialNumber);
        if (organizationIdentifier != null) {
            name.addRDN(BCStyle.ORGANIZATION_IDENTIFIER, organizationIdentifier);
        }
        return name.build();
    }

    private static X509Certificate certificate(X500Name subject, Map<ASN1ObjectIdentifier, String> attributes)
            throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE, Date.from(now),
                Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
        if (!attributes.isEmpty()) {
            Vector<Attribute> values = new Vector<>();
            attributes.forEach((oid, value) -> values.add(new Attribute(oid, new DERSet(new DERPrintableString(value)))));
            builder.addExtension(Extension.subjectDirectoryAttributes, false, new SubjectDirectoryAttributes(values));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }
}

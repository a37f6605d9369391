package ua.qrshare.partner;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Attribute;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectDirectoryAttributes;
import org.bouncycastle.cert.X509CertificateHolder;
import ua.qrshare.pki.PartnerCertificates;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.regex.Pattern;

/**
 * The taxpayer number (RNOKPP) and organisation code (EDRPOU) a Ukrainian qualified certificate names: from
 * subjectDirectoryAttributes when present, else from the subject ({@code serialNumber=TINUA-…},
 * {@code organizationIdentifier=NTRUA-…}). Either may be {@code null}; a value of the wrong shape counts as absent.
 */
record CertificateIds(String rnokpp, String edrpou) {

    private static final Pattern RNOKPP = Pattern.compile("\\d{10}");
    private static final Pattern EDRPOU = Pattern.compile("\\d{8}");

    static CertificateIds of(X509Certificate certificate) {
        X509CertificateHolder holder = holder(certificate);
        SubjectDirectoryAttributes attributes = directoryAttributes(holder);
        X500Name subject = holder.getSubject();
        return new CertificateIds(
                first(RNOKPP, attribute(attributes, PartnerCertificates.RNOKPP_OID),
                        subjectValue(subject, BCStyle.SERIALNUMBER, "TINUA-")),
                first(EDRPOU, attribute(attributes, PartnerCertificates.EDRPOU_OID),
                        subjectValue(subject, BCStyle.ORGANIZATION_IDENTIFIER, "NTRUA-")));
    }

    private static X509CertificateHolder holder(X509Certificate certificate) {
        try {
            return new X509CertificateHolder(certificate.getEncoded());
        } catch (CertificateEncodingException | IOException e) {
            // The certificate has just been parsed and verified: failing to re-read it is a bug, not a client error.
            throw new IllegalStateException("cannot re-read a verified certificate", e);
        }
    }

    private static SubjectDirectoryAttributes directoryAttributes(X509CertificateHolder holder) {
        Extension extension = holder.getExtension(Extension.subjectDirectoryAttributes);
        if (extension == null) {
            return null;
        }
        try {
            return SubjectDirectoryAttributes.getInstance(extension.getParsedValue());
        } catch (IllegalArgumentException e) {
            return null; // malformed: fall back to the subject
        }
    }

    private static String attribute(SubjectDirectoryAttributes attributes, ASN1ObjectIdentifier oid) {
        if (attributes == null) {
            return null;
        }
        for (Object element : attributes.getAttributes()) {
            Attribute attribute = (Attribute) element;
            if (attribute.getAttrType().equals(oid) && attribute.getAttrValues().size() > 0) {
                return string(attribute.getAttrValues().getObjectAt(0));
            }
        }
        return null;
    }

    private static String subjectValue(X500Name subject, ASN1ObjectIdentifier type, String prefix) {
        for (RDN rdn : subject.getRDNs(type)) {
            String value = string(rdn.getFirst().getValue());
            if (value != null && value.startsWith(prefix)) {
                return value.substring(prefix.length());
            }
        }
        return null;
    }

    private static String string(ASN1Encodable value) {
        return value instanceof ASN1String s ? s.getString().strip() : null;
    }

    /** The first candidate of the right shape. */
    private static String first(Pattern shape, String preferred, String fallback) {
        return shaped(preferred, shape) ? preferred : shaped(fallback, shape) ? fallback : null;
    }

    private static boolean shaped(String value, Pattern shape) {
        return value != null && shape.matcher(value).matches();
    }
}

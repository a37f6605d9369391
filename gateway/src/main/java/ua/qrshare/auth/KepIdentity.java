package ua.qrshare.auth;

import java.security.cert.X509Certificate;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Attribute;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectDirectoryAttributes;
import ua.qrshare.dev.PartnerCertificates;
import ua.qrshare.http.Problem;

/**
 * Who signed, as a Ukrainian qualified certificate says it: the taxpayer number (RNOKPP), the organisation code
 * (EDRPOU) when the certificate is issued to an organisation's officer, and the signer's full name. The numbers come
 * from subjectDirectoryAttributes, else from the subject ({@code serialNumber=TINUA-…},
 * {@code organizationIdentifier=NTRUA-…}). None of this proves headship: that is the register's word.
 *
 * @param edrpou {@code null} when the certificate names no organisation
 */
public record KepIdentity(String rnokpp, String edrpou, String fullName) {

    private static final Pattern RNOKPP = Pattern.compile("\\d{10}");
    private static final Pattern EDRPOU = Pattern.compile("\\d{8}");

    /** Reads the identity of a verified signer's certificate. */
    public static KepIdentity of(X509Certificate certificate) {
        X500Name subject =
                X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        SubjectDirectoryAttributes attributes = directoryAttributes(certificate);
        String rnokpp = firstNonNull(
                attribute(attributes, PartnerCertificates.RNOKPP_OID),
                prefixed(subject, BCStyle.SERIALNUMBER, "TINUA-"));
        if (rnokpp == null || !RNOKPP.matcher(rnokpp).matches()) {
            throw noTaxpayerNumber();
        }
        String edrpou = firstNonNull(
                attribute(attributes, PartnerCertificates.EDRPOU_OID),
                prefixed(subject, BCStyle.ORGANIZATION_IDENTIFIER, "NTRUA-"));
        String name = fullName(subject);
        if (name == null) {
            throw noSignerName();
        }
        return new KepIdentity(rnokpp, edrpou, name);
    }

    /**
     * A sole proprietor (ФОП) signs as a person: the certificate names no organisation, or gives the person's own
     * taxpayer number as the organisation code.
     */
    public boolean soleProprietor() {
        return edrpou == null || edrpou.equals(rnokpp);
    }

    /** True when the organisation code has the register's shape; anything else cannot name a legal entity. */
    boolean wellFormedEdrpou() {
        return edrpou != null && EDRPOU.matcher(edrpou).matches();
    }

    /** Never prints the numbers or the name, so an identity that reaches a log carries no personal data. */
    @Override
    public String toString() {
        return "KepIdentity[" + (soleProprietor() ? "sole proprietor" : "officer of an organisation") + "]";
    }

    public static Problem noTaxpayerNumber() {
        return new Problem(
                403,
                "NO_TAXPAYER_NUMBER",
                "У сертифікаті немає РНОКПП (ідентифікаційного коду). Увійти можна лише з КЕП, що містить РНОКПП.",
                "The certificate carries no taxpayer number (RNOKPP). Log in with a КЕП certificate that has one.");
    }

    public static Problem noSignerName() {
        return new Problem(
                403,
                "NO_SIGNER_NAME",
                "У сертифікаті немає імені власника ключа. Використайте кваліфікований сертифікат фізичної особи.",
                "The certificate does not name its holder. Use a qualified certificate issued to a natural person.");
    }

    private static SubjectDirectoryAttributes directoryAttributes(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.subjectDirectoryAttributes.getId());
        if (value == null) {
            return null;
        }
        try {
            return SubjectDirectoryAttributes.getInstance(
                    ASN1OctetString.getInstance(value).getOctets());
        } catch (IllegalArgumentException e) {
            return null; // a malformed extension proves nothing; the subject may still name the person
        }
    }

    private static String attribute(SubjectDirectoryAttributes attributes, ASN1ObjectIdentifier oid) {
        if (attributes == null) {
            return null;
        }
        for (Object element : attributes.getAttributes()) {
            Attribute attribute = Attribute.getInstance(element);
            if (attribute.getAttrType().equals(oid) && attribute.getAttrValues().size() > 0) {
                return text(attribute.getAttrValues().getObjectAt(0));
            }
        }
        return null;
    }

    private static String prefixed(X500Name subject, ASN1ObjectIdentifier type, String prefix) {
        String value = rdn(subject, type);
        return value != null && value.startsWith(prefix) ? value.substring(prefix.length()) : null;
    }

    private static String fullName(X500Name subject) {
        String commonName = rdn(subject, BCStyle.CN);
        if (commonName != null) {
            return commonName;
        }
        String surname = rdn(subject, BCStyle.SURNAME);
        String givenName = rdn(subject, BCStyle.GIVENNAME);
        if (surname == null || givenName == null) {
            return firstNonNull(surname, givenName);
        }
        return surname + " " + givenName;
    }

    private static String rdn(X500Name subject, ASN1ObjectIdentifier type) {
        for (RDN rdn : subject.getRDNs(type)) {
            // A multi-valued RDN holds other types too: take the value of the type asked for.
            for (AttributeTypeAndValue pair : rdn.getTypesAndValues()) {
                if (pair.getType().equals(type)) {
                    return text(pair.getValue());
                }
            }
        }
        return null;
    }

    private static String text(ASN1Encodable value) {
        if (!(value instanceof ASN1String string)) {
            return null;
        }
        String trimmed = string.getString().strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}

package ua.qrshare.dev;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Attribute;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectDirectoryAttributes;
import org.bouncycastle.operator.OperatorCreationException;
import ua.qrshare.pki.SigningIdentity;

/**
 * Issues partner certificates from the dev CA in the shape of Ukrainian qualified certificates: the head's name,
 * {@code serialNumber=TINUA-<RNOKPP>}, for a legal entity {@code O} and {@code organizationIdentifier=NTRUA-<EDRPOU>},
 * the same numbers in subjectDirectoryAttributes, key usage for signing, and the qualified-certificate policy.
 * For dev, demos, tests and load tests only: real partners bring certificates from a qualified provider.
 */
public final class PartnerCertificates {

    /** subjectDirectoryAttributes OIDs used by Ukrainian qualified certificates. */
    public static final ASN1ObjectIdentifier RNOKPP_OID = new ASN1ObjectIdentifier("1.2.804.2.1.1.1.11.1.4.1.1");

    public static final ASN1ObjectIdentifier EDRPOU_OID = new ASN1ObjectIdentifier("1.2.804.2.1.1.1.11.1.4.2.1");
    /** ETSI EN 319 411-2 QCP-n-qscd: qualified certificate for a natural person, key on a qualified device. */
    private static final ASN1ObjectIdentifier QCP_N_QSCD = new ASN1ObjectIdentifier("0.4.0.194112.1.2");

    private PartnerCertificates() {}

    /**
     * What goes into a partner certificate.
     *
     * @param edrpou           the organisation's code, or {@code null} for a sole proprietor
     * @param organisationName the organisation, or {@code null} for a sole proprietor
     * @param forSigning       false issues an encryption-only certificate (the wrong key usage, for tests)
     */
    public record Request(
            String rnokpp,
            String edrpou,
            String fullName,
            String title,
            String organisationName,
            Instant notBefore,
            Instant notAfter,
            boolean forSigning) {}

    public static SigningIdentity issue(DevPki pki, Request request) {
        try {
            KeyPair keys = DevCertificates.keyPair("secp256r1");
            List<Extension> profile = new ArrayList<>();
            profile.add(Extension.create(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(
                            request.forSigning()
                                    ? KeyUsage.digitalSignature | KeyUsage.nonRepudiation
                                    : KeyUsage.keyEncipherment | KeyUsage.keyAgreement)));
            profile.add(Extension.create(
                    Extension.certificatePolicies, false, new CertificatePolicies(new PolicyInformation(QCP_N_QSCD))));
            profile.add(Extension.create(Extension.subjectDirectoryAttributes, false, directoryAttributes(request)));
            X509Certificate certificate = DevCertificates.issue(
                    pki.ca(),
                    subject(request),
                    keys.getPublic(),
                    Date.from(request.notBefore()),
                    Date.from(request.notAfter()),
                    pki.crlUrl(),
                    profile);
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(certificate);
            chain.addAll(pki.ca().chain());
            return new SigningIdentity(keys.getPrivate(), certificate, chain);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue the partner certificate", e);
        }
    }

    /** The identity as a PKCS#12 file, the form partners keep their keys in. */
    public static byte[] toPkcs12(SigningIdentity identity, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("kep", identity.key(), password, identity.chain().toArray(new Certificate[0]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write the PKCS#12 file", e);
        }
    }

    /** Writes the identity as a PKCS#12 file readable by its owner only; blocking. */
    public static void writePkcs12(SigningIdentity identity, char[] password, Path file) {
        try {
            DevPki.writeAtomically(file, toPkcs12(identity, password), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Writes the identity as a PKCS#12 file under a new random password, which goes (owner-only, like the file)
     * into {@code passwordFile}; blocking. The password file is written first: a crash in between leaves a pair that
     * does not open, which the caller detects and replaces, never a key store whose password is lost.
     */
    public static void writePkcs12WithRandomPassword(SigningIdentity identity, Path file, Path passwordFile) {
        char[] password = DevPki.randomPassword();
        try {
            DevPki.writeAtomically(passwordFile, new String(password).getBytes(StandardCharsets.US_ASCII), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + passwordFile, e);
        }
        writePkcs12(identity, password, file);
    }

    private static X500Name subject(Request r) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "UA");
        if (r.organisationName() != null) {
            name.addRDN(BCStyle.O, r.organisationName());
        }
        if (r.title() != null) {
            name.addRDN(BCStyle.T, r.title());
        }
        String[] parts = r.fullName().trim().split("\\s+", 2);
        name.addRDN(BCStyle.CN, r.fullName()).addRDN(BCStyle.SURNAME, parts[0]);
        if (parts.length > 1) {
            name.addRDN(BCStyle.GIVENNAME, parts[1]);
        }
        name.addRDN(BCStyle.SERIALNUMBER, "TINUA-" + r.rnokpp());
        if (r.edrpou() != null) {
            name.addRDN(BCStyle.ORGANIZATION_IDENTIFIER, "NTRUA-" + r.edrpou());
        }
        return name.build();
    }

    private static SubjectDirectoryAttributes directoryAttributes(Request r) {
        Vector<Attribute> attributes = new Vector<>();
        attributes.add(new Attribute(RNOKPP_OID, new DERSet(new DERPrintableString(r.rnokpp()))));
        if (r.edrpou() != null) {
            attributes.add(new Attribute(EDRPOU_OID, new DERSet(new DERPrintableString(r.edrpou()))));
        }
        return new SubjectDirectoryAttributes(attributes);
    }
}

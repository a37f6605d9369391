package ua.qrshare.sealing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCRLStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.CollectionStore;

/**
 * A copy sealed at CAdES-BASELINE-B, waiting for its signature time-stamp (CAdES-BASELINE-T) and the validation data
 * of the seal's and the TSA's paths (CAdES-BASELINE-LT). Immutable; safe to hand between threads.
 */
public final class SignedCopy {

    private final CMSSignedData signed;
    private final SignerInformation signer;
    private final byte[] timestampImprint;

    SignedCopy(CMSSignedData signed) {
        this.signed = signed;
        this.signer = signed.getSignerInfos().getSigners().iterator().next();
        this.timestampImprint = sha256(signer.getSignature());
    }

    /** The CAdES-BASELINE-B signature, DER. */
    public byte[] der() {
        return encode(signed);
    }

    /**
     * What the TSA must stamp: SHA-256 of the SignerInfo's signature value (the signature time-stamp of RFC 3161
     * appendix A and ETSI EN 319 122-1), so the time-stamp proves that the signature existed at that time.
     */
    public byte[] timestampImprint() {
        return timestampImprint.clone();
    }

    /**
     * CAdES-BASELINE-T: this signature with {@code tokenDer} as its {@code id-aa-signatureTimeStampToken} unsigned
     * attribute. No key operation, but it parses the token and re-encodes the whole structure (0.1-0.2 ms for a
     * 50-200 KB PDF): keep it off the event loop too.
     *
     * @param tokenDer a time-stamp token (a CMS ContentInfo) over {@link #timestampImprint()}
     * @return the P7S, DER
     * @throws IllegalArgumentException when the token is not one, or stamps something else
     */
    public byte[] withTimestamp(byte[] tokenDer) {
        return withTimestamp(tokenDer, List.of(), List.of());
    }

    /**
     * CAdES-BASELINE-LT: {@link #withTimestamp(byte[])}, and in the SignedData the certificates of the TSA's path
     * beside the seal's chain ({@code certificates}) and the CRLs covering both paths ({@code crls}), so the copy
     * carries everything a validator needs offline, for as long as the algorithms hold.
     *
     * @param moreCertificates certificates to add to those the copy carries (the TSA's path)
     * @param crls             the revocation values of the seal's and the TSA's paths
     */
    public byte[] withTimestamp(byte[] tokenDer, List<X509Certificate> moreCertificates, List<X509CRL> crls) {
        return withTimestamp(parseToken(tokenDer), moreCertificates, crls);
    }

    /** {@link #withTimestamp(byte[], List, List)} with the token parsed already (as the TSA client returns it). */
    byte[] withTimestamp(TimeStampToken token, List<X509Certificate> moreCertificates, List<X509CRL> crls) {
        if (!Arrays.equals(token.getTimeStampInfo().getMessageImprintDigest(), timestampImprint)) {
            throw new IllegalArgumentException("the time-stamp token stamps another signature");
        }
        Attribute attribute = new Attribute(
                PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                new DERSet(token.toCMSSignedData().toASN1Structure()));
        SignerInformation stamped = SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(attribute));
        CMSSignedData withStamp = CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped));
        if (moreCertificates.isEmpty() && crls.isEmpty()) {
            return encode(withStamp);
        }
        try {
            @SuppressWarnings("unchecked")
            Set<X509CertificateHolder> certificates = new LinkedHashSet<>((Collection<X509CertificateHolder>)
                    withStamp.getCertificates().getMatches(null));
            for (X509Certificate certificate : moreCertificates) {
                certificates.add(new JcaX509CertificateHolder(certificate));
            }
            return encode(CMSSignedData.replaceCertificatesAndCRLs(
                    withStamp,
                    new CollectionStore<>(certificates),
                    withStamp.getAttributeCertificates(),
                    new JcaCRLStore(crls)));
        } catch (CertificateEncodingException | CRLException | CMSException e) {
            throw new IllegalArgumentException("cannot add the validation data to the copy", e);
        }
    }

    private static TimeStampToken parseToken(byte[] der) {
        try {
            return new TimeStampToken(ContentInfo.getInstance(der));
        } catch (TSPException | IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a time-stamp token", e);
        }
    }

    private static byte[] encode(CMSSignedData data) {
        try {
            return data.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

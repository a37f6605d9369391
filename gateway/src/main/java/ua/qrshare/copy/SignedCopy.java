package ua.qrshare.copy;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A copy sealed at CAdES-BASELINE-B, waiting for its signature time-stamp. Immutable; safe to hand between threads.
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
        TimeStampToken token = parseToken(tokenDer);
        if (!Arrays.equals(token.getTimeStampInfo().getMessageImprintDigest(), timestampImprint)) {
            throw new IllegalArgumentException("the time-stamp token stamps another signature");
        }
        Attribute attribute = new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                new DERSet(token.toCMSSignedData().toASN1Structure()));
        SignerInformation stamped = SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(attribute));
        return encode(CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped)));
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

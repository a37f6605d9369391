package ua.qrshare.partner;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import ua.qrshare.secrets.FieldCipher;

/**
 * The evidence of an accession at rest in {@code offer_acceptance}: the head's CMS signature and certificate, both
 * naming the head (the certificate carries the RNOKPP and the full name), so both are stored only as AES-256-GCM
 * under the field key, bound to the partner, the offer version and the column. Whoever holds the key can still prove
 * the accession: open both and verify the signature over the offer text.
 */
public final class AccessionEvidence {

    /** The opened evidence. */
    public record Opened(byte[] signature, byte[] signerCertificate) {}

    private final FieldCipher cipher;

    public AccessionEvidence(FieldCipher cipher) {
        this.cipher = cipher;
    }

    public byte[] sealSignature(UUID partnerId, int version, byte[] signature) {
        return cipher.encrypt(signature, associatedData("signature", partnerId, version));
    }

    public byte[] sealCertificate(UUID partnerId, int version, byte[] certificate) {
        return cipher.encrypt(certificate, associatedData("signer_certificate", partnerId, version));
    }

    /** @throws IllegalArgumentException when a value is damaged, from another row, or under a retired key */
    public Opened open(UUID partnerId, int version, byte[] signatureEncrypted, byte[] certificateEncrypted) {
        return new Opened(
                cipher.decrypt(signatureEncrypted, associatedData("signature", partnerId, version)),
                cipher.decrypt(certificateEncrypted, associatedData("signer_certificate", partnerId, version)));
    }

    private static byte[] associatedData(String column, UUID partnerId, int version) {
        return ("offer_acceptance." + column + ":" + partnerId + ":" + version).getBytes(StandardCharsets.UTF_8);
    }
}

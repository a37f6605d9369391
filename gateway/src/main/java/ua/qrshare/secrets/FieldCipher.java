package ua.qrshare.secrets;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for personal data at rest. The stored form is {@code version | key id | 96-bit nonce | ciphertext+tag},
 * so a rotated key ring still opens older values. The associated data binds a value to its row and column: a
 * ciphertext copied into another partner's row does not decrypt.
 */
public final class FieldCipher {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KeyRing keys;
    private final SecureRandom random = new SecureRandom();

    public FieldCipher(KeyRing keys) {
        this.keys = keys;
    }

    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        KeyRing.Key key = keys.active();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(key.material(), "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(2 + NONCE_BYTES + sealed.length)
                    .put(VERSION)
                    .put((byte) key.id())
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** @throws IllegalArgumentException when the value is damaged, from another row, or its key is gone */
    public byte[] decrypt(byte[] stored, byte[] associatedData) {
        if (stored.length < 2 + NONCE_BYTES + TAG_BITS / 8 || stored[0] != VERSION) {
            throw new IllegalArgumentException("not an encrypted field");
        }
        KeyRing.Key key = keys.byId(stored[1] & 0xff)
                .orElseThrow(() -> new IllegalArgumentException("encrypted with a key that is no longer configured"));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(key.material(), "AES"),
                    new GCMParameterSpec(TAG_BITS, stored, 2, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(stored, 2 + NONCE_BYTES, stored.length - 2 - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("encrypted field failed authentication");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }
}

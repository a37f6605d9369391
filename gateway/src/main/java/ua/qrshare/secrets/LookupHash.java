package ua.qrshare.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash (HMAC-SHA256) of an identifier such as a taxpayer number: equal inputs give equal hashes, so the
 * database can match them, but a table dump does not reveal the numbers (a 10-digit space is trivial to enumerate
 * without the key, impossible with it).
 */
public final class LookupHash {

    private final SecretKeySpec key;

    public LookupHash(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    public byte[] of(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}

package ua.qrshare.partner;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.qrshare.secrets.FieldCipher;

/**
 * Passport numbers at rest in {@code partner.passport_encrypted}: AES-256-GCM with the partner's id as associated
 * data, so a value copied into another partner's row does not open there.
 */
final class PassportCipher {

    private static final Logger log = LoggerFactory.getLogger(PassportCipher.class);

    private final FieldCipher cipher;

    PassportCipher(FieldCipher cipher) {
        this.cipher = cipher;
    }

    byte[] seal(UUID partnerId, Passport passport) {
        return cipher.encrypt(passport.number().getBytes(StandardCharsets.UTF_8), associatedData(partnerId));
    }

    /**
     * The stored passport; empty when there is none or it does not open (damaged, copied from another row, or under
     * a retired key). The partner then sees the passport as missing and enters it again, which repairs the row.
     */
    Optional<Passport> open(UUID partnerId, byte[] stored) {
        if (stored == null) {
            return Optional.empty();
        }
        try {
            Optional<Passport> passport = Passport.parse(
                    new String(cipher.decrypt(stored, associatedData(partnerId)), StandardCharsets.UTF_8));
            if (passport.isEmpty()) {
                log.warn(
                        "The stored passport of partner {} is not a passport number; treating it as absent", partnerId);
            }
            return passport;
        } catch (IllegalArgumentException e) {
            log.warn(
                    "The stored passport of partner {} does not decrypt ({}); treating it as absent",
                    partnerId,
                    e.getMessage());
            return Optional.empty();
        }
    }

    private static byte[] associatedData(UUID partnerId) {
        return ("partner.passport:" + partnerId).getBytes(StandardCharsets.UTF_8);
    }
}

package ua.qrshare.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import ua.qrshare.config.Config;
import ua.qrshare.config.ConfigException;
import ua.qrshare.config.ConfigKey;

/**
 * The gateway's symmetric secrets. One ring of master keys ({@code secrets.keys}) yields a key ring per purpose
 * by HKDF, so rotating the master rotates them all while old ids keep verifying; the lookup key for keyed hashes
 * of taxpayer numbers stands apart because it must never change.
 */
public final class Secrets {

    private static final String DEV_FILE = "secrets.properties";

    private final KeyRing master;
    private final byte[] lookupKey;

    private Secrets(KeyRing master, byte[] lookupKey) {
        this.master = master;
        this.lookupKey = lookupKey.clone();
    }

    /** From configuration, or the dev keys under {@code dataDir/keys} (generated once). Blocking. */
    public static Secrets load(Config.Secrets settings, Path dataDir) {
        if (!settings.dev()) {
            return new Secrets(parseRing(settings.keys()), decode(ConfigKey.SECRETS_LOOKUP_KEY, settings.lookupKey()));
        }
        Path file = dataDir.resolve("keys").resolve(DEV_FILE);
        if (!Files.exists(file)) {
            generateDev(file);
        }
        Properties p = new Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dev keys in " + file, e);
        }
        return new Secrets(
                parseRing(p.getProperty("keys")), decode(ConfigKey.SECRETS_LOOKUP_KEY, p.getProperty("lookup")));
    }

    /** Keys for the MAC inside QR tokens. */
    public KeyRing qrTokens() {
        return derive("qr-token");
    }

    /** Keys for AES-256-GCM field encryption at rest. */
    public KeyRing fields() {
        return derive("field-encryption");
    }

    /** Keys for the request tokens a QR resolve hands to the app. */
    public KeyRing shareRequests() {
        return derive("share-request");
    }

    /** Keys for partner session tokens. */
    public KeyRing sessions() {
        return derive("partner-session");
    }

    /** The fixed key for keyed hashes (HMAC-SHA256) used to look up taxpayer numbers without storing them. */
    public byte[] lookupKey() {
        return lookupKey.clone();
    }

    private KeyRing derive(String purpose) {
        List<KeyRing.Key> keys = new ArrayList<>();
        keys.add(deriveKey(master.active(), purpose));
        for (int id = 0; id <= 255; id++) {
            if (id != master.active().id()) {
                master.byId(id).ifPresent(k -> keys.add(deriveKey(k, purpose)));
            }
        }
        return new KeyRing(keys);
    }

    private static KeyRing.Key deriveKey(KeyRing.Key master, String purpose) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(master.material(), null, ("qrshare " + purpose).getBytes(StandardCharsets.UTF_8)));
        byte[] out = new byte[32];
        hkdf.generateBytes(out, 0, out.length);
        return new KeyRing.Key(master.id(), out);
    }

    /** {@code id:base64,id:base64}, first active. */
    static KeyRing parseRing(String value) {
        List<KeyRing.Key> keys = new ArrayList<>();
        for (String part : value.split(",")) {
            String[] idAndKey = part.trim().split(":", 2);
            if (idAndKey.length != 2) {
                throw new ConfigException(ConfigKey.SECRETS_KEYS, "each key must be id:base64");
            }
            try {
                keys.add(new KeyRing.Key(
                        Integer.parseInt(idAndKey[0].trim()), decode(ConfigKey.SECRETS_KEYS, idAndKey[1].trim())));
            } catch (NumberFormatException e) {
                throw new ConfigException(ConfigKey.SECRETS_KEYS, "key id must be a number 0-255");
            } catch (IllegalArgumentException e) {
                throw new ConfigException(ConfigKey.SECRETS_KEYS, e.getMessage());
            }
        }
        return new KeyRing(keys);
    }

    private static byte[] decode(ConfigKey key, String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            if (bytes.length < 32) {
                throw new ConfigException(key, "keys must be at least 32 bytes (44 base64 characters)");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "is not valid base64");
        }
    }

    private static void generateDev(Path file) {
        SecureRandom random = new SecureRandom();
        byte[] master = new byte[32];
        byte[] lookup = new byte[32];
        random.nextBytes(master);
        random.nextBytes(lookup);
        String content = "# qrshare dev keys, generated once; production sets secrets.keys and secrets.lookup.key\n"
                + "keys=1:" + Base64.getEncoder().encodeToString(master) + "\n"
                + "lookup=" + Base64.getEncoder().encodeToString(lookup) + "\n";
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "secrets", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's protection is all there is
            }
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dev keys to " + file, e);
        }
    }
}

package ua.qrshare.qr;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import ua.qrshare.secrets.KeyRing;

/**
 * The token a printed QR code carries: which QR it is, until when it is valid, and an HMAC-SHA-256 tag under a server
 * key, so a forged, altered or truncated token is refused on the event loop without touching the database.
 *
 * <p>Layout before base64url (no padding): version (1 byte), key id (1), QR id (16, the UUID big-endian), expiry
 * (epoch seconds, unsigned 32-bit big-endian), tag (the first 16 bytes of the HMAC over everything before it). 38 bytes
 * make 51 characters. Thread-safe; verification allocates only the decoded bytes and the result.
 */
public final class QrTokens {

    /** What {@link #verify} concluded about a token. */
    public sealed interface Result {

        /** Authentic and not yet expired; {@code keyId} tells which key signed it (for rotation metrics). */
        record Valid(UUID qrId, Instant expiresAt, int keyId) implements Result {}

        /** Not a token of ours: wrong length, alphabet or version, or a key id this ring does not hold. */
        record Malformed() implements Result {}

        /** Well-formed, but the tag does not match: altered or made without our key. */
        record Forged() implements Result {}

        /** Authentic, but {@code now} is at or after its expiry; the QR id lets the caller say which code expired. */
        record Expired(UUID qrId, Instant expiresAt) implements Result {}
    }

    private static final byte VERSION = 1;
    private static final int QR_ID_OFFSET = 2;
    private static final int EXPIRY_OFFSET = 18;
    private static final int TAG_OFFSET = 22;
    private static final int TAG_LENGTH = 16;
    private static final int TOKEN_BYTES = TAG_OFFSET + TAG_LENGTH;
    private static final int TOKEN_CHARS = 51;
    private static final long MAX_EXPIRY = 0xFFFF_FFFFL;

    /*
     * 38 bytes end in a group of 2 bytes = 16 bits spread over 3 characters (18 bits); the decoder ignores the last 2
     * bits, so 4 spellings of the final character would decode alike. Only the canonical one (low bits zero) is
     * accepted, otherwise a token could be altered without the tag noticing.
     */
    private static final String CANONICAL_LAST_CHARS = "AEIMQUYcgkosw048";

    private static final Result.Malformed MALFORMED = new Result.Malformed();
    private static final Result.Forged FORGED = new Result.Forged();

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** {@code http(s)://host[/prefix]/s/{token}}, optionally followed by one slash, a query or a fragment. */
    private static final Pattern SCANNED_URL =
            Pattern.compile("(?i:https?)://[^/?#\\s]+(?:/[^?#\\s]*)?/s/([A-Za-z0-9_-]{1,64})/?(?:[?#]\\S*)?");

    private static final Pattern BARE_TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final SecretKeySpec[] keysById = new SecretKeySpec[256];
    private final int activeKeyId;
    // Mac.getInstance and init are far slower than the MAC itself; each thread keeps one initialised Mac per key.
    private final ThreadLocal<Signer> signers = ThreadLocal.withInitial(Signer::new);

    public QrTokens(KeyRing keys) {
        for (int id = 0; id < keysById.length; id++) {
            int keyId = id;
            keys.byId(id).ifPresent(key -> keysById[keyId] = new SecretKeySpec(key.material(), "HmacSHA256"));
        }
        this.activeKeyId = keys.active().id();
    }

    /**
     * @param expiresAt stored to the second, rounded down so the token never outlives its QR code; must lie between
     *                  1970 and 2106 (unsigned 32-bit seconds)
     */
    public String issue(UUID qrId, Instant expiresAt) {
        long expiry = expiresAt.getEpochSecond();
        if (expiry < 0 || expiry > MAX_EXPIRY) {
            throw new IllegalArgumentException("expiry out of range for a QR token: " + expiresAt);
        }
        byte[] token = new byte[TOKEN_BYTES];
        ByteBuffer.wrap(token)
                .put(VERSION)
                .put((byte) activeKeyId)
                .putLong(qrId.getMostSignificantBits())
                .putLong(qrId.getLeastSignificantBits())
                .putInt((int) expiry);
        Signer signer = signers.get();
        System.arraycopy(signer.tag(activeKeyId, token), 0, token, TAG_OFFSET, TAG_LENGTH);
        return ENCODER.encodeToString(token);
    }

    public Result verify(String token, Instant now) {
        if (token == null) {
            return MALFORMED;
        }
        if (!looksLikeToken(token)) {
            return MALFORMED;
        }
        byte[] bytes = DECODER.decode(token);
        int keyId = bytes[1] & 0xFF;
        if (bytes[0] != VERSION || keysById[keyId] == null) {
            return MALFORMED;
        }
        if (!signers.get().matches(keyId, bytes)) {
            return FORGED;
        }
        ByteBuffer fields = ByteBuffer.wrap(bytes);
        UUID qrId = new UUID(fields.getLong(QR_ID_OFFSET), fields.getLong(QR_ID_OFFSET + 8));
        Instant expiresAt = Instant.ofEpochSecond(Integer.toUnsignedLong(fields.getInt(EXPIRY_OFFSET)));
        return now.isBefore(expiresAt) ? new Result.Valid(qrId, expiresAt, keyId) : new Result.Expired(qrId, expiresAt);
    }

    /**
     * The token in what the app's scanner read: the URL printed in the QR code ({@code https://host[/prefix]/s/{token}},
     * with or without a trailing slash, query or fragment) or a bare token. Whether it is authentic is
     * {@link #verify}'s business.
     */
    public static Optional<String> extractToken(String scanned) {
        if (scanned == null) {
            return Optional.empty();
        }
        String text = scanned.strip();
        if (text.length() <= 64 && isTokenText(text, 0)) {
            return Optional.of(text); // what BARE_TOKEN matches, without a regex
        }
        String plain = plainUrlToken(text);
        if (plain != null) {
            return Optional.of(plain);
        }
        Matcher url = SCANNED_URL.matcher(text);
        return url.matches() ? Optional.of(url.group(1)) : Optional.empty();
    }

    /**
     * The token of the URL exactly as printed ({@code http(s)://host[/prefix]/s/{token}}, nothing after the token),
     * found without a regex; {@code null} for anything else, which {@link #SCANNED_URL} then judges. For this shape
     * both agree: the regex's greedy prefix also ends at the last {@code /s/}.
     */
    private static String plainUrlToken(String text) {
        int schemeEnd;
        if (text.regionMatches(true, 0, "https://", 0, 8)) {
            schemeEnd = 8;
        } else if (text.regionMatches(true, 0, "http://", 0, 7)) {
            schemeEnd = 7;
        } else {
            return null;
        }
        int marker = text.lastIndexOf("/s/");
        int tokenStart = marker + 3;
        int tokenLength = text.length() - tokenStart;
        if (marker < schemeEnd || tokenLength < 1 || tokenLength > 64 || !isTokenText(text, tokenStart)) {
            return null;
        }
        int hostEnd = text.indexOf('/', schemeEnd);
        if (hostEnd == schemeEnd) {
            return null; // no host
        }
        for (int i = schemeEnd; i < marker; i++) {
            char c = text.charAt(i);
            if (c == '?' || c == '#' || Character.isWhitespace(c)) {
                return null;
            }
        }
        return text.substring(tokenStart);
    }

    /** Whether {@code text} from {@code start} to its end is one or more base64url characters. */
    private static boolean isTokenText(String text, int start) {
        if (start >= text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeToken(String token) {
        if (token == null || token.length() != TOKEN_CHARS) {
            return false;
        }
        for (int i = 0; i < TOKEN_CHARS; i++) {
            char c = token.charAt(i);
            boolean base64url =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!base64url) {
                return false;
            }
        }
        return CANONICAL_LAST_CHARS.indexOf(token.charAt(TOKEN_CHARS - 1)) >= 0;
    }

    /** One thread's MACs and buffers; never shared between threads. */
    private final class Signer {
        private final Mac[] macs = new Mac[keysById.length];
        private final byte[] digest = new byte[32];
        private final byte[] presented = new byte[TAG_LENGTH];
        private final byte[] expected = new byte[TAG_LENGTH];
        /** The full HMAC of the token's fields; valid until this thread's next call. */
        byte[] tag(int keyId, byte[] token) {
            try {
                Mac mac = mac(keyId);
                mac.update(token, 0, TAG_OFFSET);
                mac.doFinal(digest, 0);
                return digest;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA-256 failed", e);
            }
        }

        boolean matches(int keyId, byte[] token) {
            System.arraycopy(tag(keyId, token), 0, expected, 0, TAG_LENGTH);
            System.arraycopy(token, TAG_OFFSET, presented, 0, TAG_LENGTH);
            return MessageDigest.isEqual(expected, presented);
        }

        private Mac mac(int keyId) throws GeneralSecurityException {
            Mac mac = macs[keyId];
            if (mac == null) {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(keysById[keyId]);
                macs[keyId] = mac;
            }
            return mac;
        }
    }
}

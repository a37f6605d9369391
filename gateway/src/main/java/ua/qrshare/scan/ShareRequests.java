package ua.qrshare.scan;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import ua.qrshare.secrets.KeyRing;

/**
 * The request token a resolve hands to the app: a MAC'd token naming the QR, bound to the citizen and expiring in
 * ten minutes. Resolve therefore writes nothing; single use is enforced when the share is accepted (unique request).
 * Layout: version, key id, QR id (16), subject tag (8), expiry (epoch s, 4), nonce (8), HMAC-SHA256 tag (16).
 */
public final class ShareRequests {

    /** What a valid request token says. */
    public record Request(UUID qrId, Instant expiresAt) {}

    /** Why a request token is refused. */
    public enum Refusal {
        MALFORMED,
        EXPIRED,
        WRONG_SUBJECT
    }

    public static final class Refused extends Exception {
        private final Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private static final byte VERSION = 1;
    private static final int BODY = 1 + 1 + 16 + 8 + 4 + 8;
    private static final int TAG = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final KeyRing keys;
    /**
     * The nonce only keeps two tokens for the same QR, citizen and second apart (single use is the database's unique
     * request column; the MAC makes tokens unforgeable): a per-thread counter from a random start is unique and costs
     * nothing, where a shared SecureRandom took a lock and a SHA-1 round per scan.
     */
    private final ThreadLocal<long[]> nonces =
            ThreadLocal.withInitial(() -> new long[] {new SecureRandom().nextLong()});
    /** Subject tags of recent citizens, per thread: the app scans and then shares with the same token. */
    private final ThreadLocal<SubjectTags> subjectTags = ThreadLocal.withInitial(SubjectTags::new);
    // Mac.getInstance and init cost far more than the MAC itself, and resolve runs on the event loop for every scan.
    private final ThreadLocal<Mac[]> macs = ThreadLocal.withInitial(() -> new Mac[256]);

    public ShareRequests(KeyRing keys) {
        this.keys = keys;
    }

    public String issue(UUID qrId, String subject, Instant expiresAt) {
        return new String(issueAscii(qrId, subject, expiresAt), StandardCharsets.US_ASCII);
    }

    /** {@link #issue}'s token as ASCII bytes, to be written into an answer as they are. */
    byte[] issueAscii(UUID qrId, String subject, Instant expiresAt) {
        KeyRing.Key key = keys.active();
        long[] nonce = nonces.get();
        ByteBuffer b = ByteBuffer.allocate(BODY + TAG)
                .put(VERSION)
                .put((byte) key.id())
                .putLong(qrId.getMostSignificantBits())
                .putLong(qrId.getLeastSignificantBits())
                .put(subjectTags.get().tag(key, subject))
                .putInt((int) expiresAt.getEpochSecond())
                .putLong(nonce[0]++);
        b.put(mac(key, b.array(), BODY), 0, TAG);
        return ENCODER.encode(b.array());
    }

    public Request verify(String requestToken, String subject, Instant now) throws Refused {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(requestToken);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Refused(Refusal.MALFORMED);
        }
        if (raw.length != BODY + TAG || raw[0] != VERSION) {
            throw new Refused(Refusal.MALFORMED);
        }
        KeyRing.Key key = keys.byId(raw[1] & 0xff).orElseThrow(() -> new Refused(Refusal.MALFORMED));
        if (!MessageDigest.isEqual(
                Arrays.copyOf(mac(key, raw, BODY), TAG), Arrays.copyOfRange(raw, BODY, BODY + TAG))) {
            throw new Refused(Refusal.MALFORMED);
        }
        ByteBuffer b = ByteBuffer.wrap(raw, 2, BODY - 2);
        UUID qrId = new UUID(b.getLong(), b.getLong());
        byte[] tag = new byte[8];
        b.get(tag);
        Instant expiresAt = Instant.ofEpochSecond(Integer.toUnsignedLong(b.getInt()));
        if (!MessageDigest.isEqual(tag, subjectTag(key, subject))) {
            throw new Refused(Refusal.WRONG_SUBJECT);
        }
        if (!now.isBefore(expiresAt)) {
            throw new Refused(Refusal.EXPIRED);
        }
        return new Request(qrId, expiresAt);
    }

    /** A small LRU of subject tags; never shared between threads. */
    private final class SubjectTags extends java.util.LinkedHashMap<String, byte[]> {
        private static final int MAX = 4096;
        private int keyId = -1;

        SubjectTags() {
            super(256, 0.75f, true);
        }

        byte[] tag(KeyRing.Key key, String subject) {
            if (key.id() != keyId) {
                clear();
                keyId = key.id();
            }
            byte[] tag = get(subject);
            if (tag == null) {
                tag = subjectTag(key, subject);
                put(subject, tag);
            }
            return tag;
        }

        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, byte[]> eldest) {
            return size() > MAX;
        }
    }

    private byte[] subjectTag(KeyRing.Key key, String subject) {
        byte[] s = ("subject:" + subject).getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(mac(key, s, s.length), 8);
    }

    private byte[] mac(KeyRing.Key key, byte[] data, int length) {
        Mac[] perKey = macs.get();
        Mac mac = perKey[key.id()];
        if (mac == null) {
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key.material(), "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is unavailable", e);
            }
            perKey[key.id()] = mac;
        }
        mac.update(data, 0, length);
        return mac.doFinal();
    }
}

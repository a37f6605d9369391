package ua.qrshare.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import ua.qrshare.qr.QrTokens.Result;
import ua.qrshare.secrets.KeyRing;
import ua.qrshare.secrets.KeyRing.Key;

class QrTokensTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final Instant NOW = Instant.parse("2025-06-01T10:15:30Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofDays(180));
    private static final UUID QR_ID = UUID.fromString("0c6f3a52-9a41-4b8e-8f4e-3f1d2a7b9c10");

    private static final Key KEY_7 = key(7, 0x11);
    private static final QrTokens TOKENS = new QrTokens(new KeyRing(List.of(KEY_7)));

    @Test
    void issuedTokenVerifiesWithItsQrIdExpiryAndKey() {
        String token = TOKENS.issue(QR_ID, EXPIRES);

        assertThat(TOKENS.verify(token, NOW)).isEqualTo(new Result.Valid(QR_ID, EXPIRES, 7));
    }

    @Test
    void aTokenVerifiedAgainIsJudgedOnItsExpiryAndAnAlteredCopyIsForged() {
        String token = TOKENS.issue(QR_ID, EXPIRES);
        assertThat(TOKENS.verify(token, NOW)).isEqualTo(new Result.Valid(QR_ID, EXPIRES, 7));

        // the same text again (another String object): the same answer, and its expiry checked each time
        String again = new String(token.toCharArray());
        assertThat(TOKENS.verify(again, NOW)).isEqualTo(new Result.Valid(QR_ID, EXPIRES, 7));
        assertThat(TOKENS.verify(again, EXPIRES)).isEqualTo(new Result.Expired(QR_ID, EXPIRES));

        // one character changed in the tag: refused
        char c = token.charAt(30);
        String altered = token.substring(0, 30) + (c == 'A' ? 'B' : 'A') + token.substring(31);
        assertThat(TOKENS.verify(altered, NOW)).isInstanceOf(Result.Forged.class);
        assertThat(TOKENS.verify(null, NOW)).isInstanceOf(Result.Malformed.class);
    }

    @Test
    void tokenIsShortOpaqueAndUrlSafe() {
        String token = TOKENS.issue(QR_ID, EXPIRES);

        assertThat(token)
                .hasSize(51)
                .hasSizeLessThanOrEqualTo(64)
                .matches("[A-Za-z0-9_-]+")
                .doesNotContain(QR_ID.toString().substring(0, 8));
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(38);
    }

    @Test
    void expiryIsKeptToTheSecondRoundedDown() {
        String token = TOKENS.issue(QR_ID, EXPIRES.plusMillis(999));

        assertThat(TOKENS.verify(token, NOW)).isEqualTo(new Result.Valid(QR_ID, EXPIRES, 7));
    }

    @Test
    void expiryMustFitUnsigned32BitSeconds() {
        Instant lastSecond = Instant.ofEpochSecond(0xFFFF_FFFFL);
        assertThat(TOKENS.verify(TOKENS.issue(QR_ID, lastSecond), NOW))
                .isEqualTo(new Result.Valid(QR_ID, lastSecond, 7));

        assertThatThrownBy(() -> TOKENS.issue(QR_ID, lastSecond.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TOKENS.issue(QR_ID, Instant.EPOCH.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expiredAtAndAfterTheExpiryInstant() {
        String token = TOKENS.issue(QR_ID, EXPIRES);

        assertThat(TOKENS.verify(token, EXPIRES.minusSeconds(1))).isInstanceOf(Result.Valid.class);
        assertThat(TOKENS.verify(token, EXPIRES)).isEqualTo(new Result.Expired(QR_ID, EXPIRES));
        assertThat(TOKENS.verify(token, EXPIRES.plus(Duration.ofDays(400))))
                .isEqualTo(new Result.Expired(QR_ID, EXPIRES));
    }

    @Test
    void everySingleCharacterChangeIsRefused() {
        String token = TOKENS.issue(QR_ID, EXPIRES);

        int checked = 0;
        for (int i = 0; i < token.length(); i++) {
            for (char c : (ALPHABET + "+/=. ~é").toCharArray()) {
                if (c == token.charAt(i)) {
                    continue;
                }
                String altered = token.substring(0, i) + c + token.substring(i + 1);
                assertThat(TOKENS.verify(altered, NOW))
                        .as("%s (position %d)", altered, i)
                        .isInstanceOfAny(Result.Forged.class, Result.Malformed.class);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(51 * (64 + 7 - 1));
    }

    @Test
    void everySingleByteChangeIsRefused() {
        byte[] bytes = Base64.getUrlDecoder().decode(TOKENS.issue(QR_ID, EXPIRES));

        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] altered = bytes.clone();
                altered[i] ^= (byte) (1 << bit);
                assertThat(TOKENS.verify(encode(altered), NOW))
                        .as("byte %d bit %d", i, bit)
                        .isInstanceOfAny(Result.Forged.class, Result.Malformed.class);
            }
            byte[] replaced = bytes.clone();
            replaced[i] = (byte) ~replaced[i];
            assertThat(TOKENS.verify(encode(replaced), NOW))
                    .as("byte %d inverted", i)
                    .isInstanceOfAny(Result.Forged.class, Result.Malformed.class);
        }
    }

    @Test
    void changedTagOrFieldsAreForgedWhileHeaderChangesAreMalformed() {
        byte[] bytes = Base64.getUrlDecoder().decode(TOKENS.issue(QR_ID, EXPIRES));

        byte[] laterExpiry = bytes.clone();
        laterExpiry[21]++;
        assertThat(TOKENS.verify(encode(laterExpiry), NOW)).isInstanceOf(Result.Forged.class);
        byte[] otherTag = bytes.clone();
        otherTag[37]++;
        assertThat(TOKENS.verify(encode(otherTag), NOW)).isInstanceOf(Result.Forged.class);
        byte[] otherVersion = bytes.clone();
        otherVersion[0] = 2;
        assertThat(TOKENS.verify(encode(otherVersion), NOW)).isInstanceOf(Result.Malformed.class);
    }

    @Test
    void everyTruncationOrExtensionIsMalformed() {
        String token = TOKENS.issue(QR_ID, EXPIRES);

        for (int length = 0; length < token.length(); length++) {
            assertThat(TOKENS.verify(token.substring(0, length), NOW))
                    .as("prefix of %d", length)
                    .isInstanceOf(Result.Malformed.class);
        }
        assertThat(TOKENS.verify(token + "A", NOW)).isInstanceOf(Result.Malformed.class);
        assertThat(TOKENS.verify(token + "=", NOW)).isInstanceOf(Result.Malformed.class);
        assertThat(TOKENS.verify(" " + token, NOW)).isInstanceOf(Result.Malformed.class);
        assertThat(TOKENS.verify(null, NOW)).isInstanceOf(Result.Malformed.class);
    }

    @Test
    void tokenOfAKeyIdTheRingDoesNotHoldIsMalformed() {
        String token = new QrTokens(new KeyRing(List.of(key(8, 0x11)))).issue(QR_ID, EXPIRES);

        assertThat(TOKENS.verify(token, NOW)).isInstanceOf(Result.Malformed.class);
    }

    @Test
    void tokenSignedByAnotherKeyWithTheSameIdIsForged() {
        String token = new QrTokens(new KeyRing(List.of(key(7, 0x22)))).issue(QR_ID, EXPIRES);

        assertThat(TOKENS.verify(token, NOW)).isInstanceOf(Result.Forged.class);
    }

    @Test
    void tokensOfTheOldKeyStillVerifyAfterRotation() {
        String oldToken = TOKENS.issue(QR_ID, EXPIRES);
        QrTokens rotated = new QrTokens(new KeyRing(List.of(key(8, 0x33), KEY_7)));
        UUID newQr = UUID.randomUUID();

        assertThat(rotated.verify(oldToken, NOW)).isEqualTo(new Result.Valid(QR_ID, EXPIRES, 7));
        assertThat(rotated.verify(rotated.issue(newQr, EXPIRES), NOW)).isEqualTo(new Result.Valid(newQr, EXPIRES, 8));
        assertThat(TOKENS.verify(rotated.issue(newQr, EXPIRES), NOW)).isInstanceOf(Result.Malformed.class);
    }

    @Test
    void verifiesConsistentlyFromManyThreads() throws Exception {
        QrTokens rotated = new QrTokens(new KeyRing(List.of(key(8, 0x33), KEY_7)));
        String oldToken = TOKENS.issue(QR_ID, EXPIRES);
        List<Thread> threads = new ArrayList<>();
        AtomicInteger wrong = new AtomicInteger();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    UUID id = new UUID(i, Thread.currentThread().getId());
                    boolean ok =
                            rotated.verify(rotated.issue(id, EXPIRES), NOW).equals(new Result.Valid(id, EXPIRES, 8))
                                    && rotated.verify(oldToken, NOW).equals(new Result.Valid(QR_ID, EXPIRES, 7));
                    if (!ok) {
                        wrong.incrementAndGet();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(wrong).hasValue(0);
    }

    @Test
    void extractsTheTokenFromWhatTheScannerRead() {
        String token = TOKENS.issue(QR_ID, EXPIRES);

        assertThat(QrTokens.extractToken("https://qr.example.ua/s/" + token)).contains(token);
        assertThat(QrTokens.extractToken("http://localhost:8080/s/" + token)).contains(token);
        assertThat(QrTokens.extractToken("HTTPS://qr.example.ua/s/" + token)).contains(token);
        assertThat(QrTokens.extractToken("https://gov.example.ua/diia/qr/s/" + token))
                .contains(token);
        assertThat(QrTokens.extractToken("https://qr.example.ua/s/" + token + "/"))
                .contains(token);
        assertThat(QrTokens.extractToken("https://qr.example.ua/s/" + token + "?utm_source=poster&x=1"))
                .contains(token);
        assertThat(QrTokens.extractToken("https://qr.example.ua/s/" + token + "/?lang=uk"))
                .contains(token);
        assertThat(QrTokens.extractToken("https://qr.example.ua/s/" + token + "#top"))
                .contains(token);
        assertThat(QrTokens.extractToken("  https://qr.example.ua/s/" + token + "\n"))
                .contains(token);
        assertThat(QrTokens.extractToken(token)).contains(token);
        assertThat(QrTokens.extractToken("\t" + token + " ")).contains(token);
    }

    @Test
    void extractsNothingFromTextThatIsNotOurLink() {
        String token = TOKENS.issue(QR_ID, EXPIRES);

        for (String scanned : new String[] {
            "",
            "   ",
            "hello world",
            "WIFI:T:WPA;S:cafe;P:secret;;",
            "не токен",
            "https://qr.example.ua/q/" + token,
            "https://qr.example.ua/" + token,
            "https://qr.example.ua/s/",
            "https://qr.example.ua/s/" + token + "/more",
            "https://qr.example.ua/s/" + token + "//",
            "https://qr.example.ua/s/tok.en",
            "https://qr.example.ua/S/" + token,
            "ftp://qr.example.ua/s/" + token,
            "qr.example.ua/s/" + token,
            "https:///s/" + token,
            "https://qr.example.ua/s/" + token + " https://evil.example/s/" + token,
            "A".repeat(65)
        }) {
            assertThat(QrTokens.extractToken(scanned)).as(scanned).isEqualTo(Optional.empty());
        }
        assertThat(QrTokens.extractToken(null)).isEmpty();
    }

    private static Key key(int id, int fill) {
        byte[] material = new byte[32];
        Arrays.fill(material, (byte) fill);
        ByteBuffer.wrap(material).putInt(id);
        return new Key(id, material);
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package ua.qrshare.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;

/** PDF-like bytes to seal, and the byte-level helpers the copy tests share. */
public final class Payloads {

    private Payloads() {}

    /** Bytes that look like a PDF and need {@code -binary}: CR, LF and NUL inside. */
    public static byte[] pdfLike(int size) {
        byte[] body = new byte[size];
        new Random(3161).nextBytes(body);
        byte[] head = "%PDF-1.7\r\n%\u00e2\u00e3\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = "\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(tail, 0, body, size - tail.length, tail.length);
        body[head.length] = 0;
        return body;
    }

    public static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("the PDF is not inside the P7S");
    }
}

package ua.qrshare.pki;

import ua.qrshare.http.Problem;

/**
 * A cheap, iterative look at how deeply an untrusted DER/BER value nests, before BouncyCastle parses it. BouncyCastle
 * parses recursively, one Java stack frame group per level: a few kilobytes of nested SEQUENCEs overflow the stack of
 * the thread that parses them. Real CMS structures (a sealed copy with its time-stamp, certificates and revocation
 * data) nest about 30 levels deep, counting the DER that certificate extensions and time-stamp tokens carry inside
 * OCTET STRINGs, which BouncyCastle also parses; the scan looks into those too.
 *
 * <p>Every CMS input from outside (КЕП logins and offer signatures, copies to verify, time-stamp requests) goes
 * through {@link #requireAtMost} first. The scan uses no recursion of its own except into OCTET and BIT STRINGs, and
 * that is bounded by the same limit. Input that is not well-formed is left to the real parser to refuse.
 */
public final class Asn1Depth {

    /** Deep enough for any CMS, certificate or time-stamp the gateway meets, far from what overflows a stack. */
    public static final int MAX_DEPTH = 64;

    private static final int INDEFINITE = -1;
    private static final int MALFORMED = -1;

    private Asn1Depth() {}

    /** Thrown when the input nests deeper than the limit. */
    public static final class TooDeep extends RuntimeException {
        TooDeep() {
            super("ASN.1 nesting deeper than " + MAX_DEPTH + " levels", null, false, false);
        }
    }

    /** The client's answer to input nested too deeply: 400 with a stable code. */
    public static Problem problem() {
        return new Problem(
                400,
                "ASN1_TOO_DEEP",
                "Структура ASN.1 вкладена завглибшки понад " + MAX_DEPTH
                        + " рівнів; це не підпис, який можна перевірити.",
                "The ASN.1 structure nests more than " + MAX_DEPTH
                        + " levels deep; it is not a signature that can be checked.");
    }

    /** @throws TooDeep when {@code der} nests deeper than {@link #MAX_DEPTH} */
    public static void requireAtMost(byte[] der) {
        if (der != null) {
            scan(der, 0, der.length, 0);
        }
    }

    /** The deepest nesting in {@code der}, or -1 when it is not well-formed DER/BER. */
    public static int depthOf(byte[] der) {
        return scan(der, 0, der.length, 0);
    }

    /**
     * Walks the TLVs in {@code [from, to)} with an explicit stack of the open constructed values.
     *
     * @param base the nesting depth of the value this range is the content of
     * @return the deepest level reached, or -1 when the range is not a sequence of well-formed TLVs
     * @throws TooDeep as soon as a level beyond the limit opens
     */
    private static int scan(byte[] b, int from, int to, int base) {
        int[] ends = new int[MAX_DEPTH + 1];
        int open = 0;
        int deepest = base;
        int pos = from;
        while (true) {
            while (open > 0 && ends[open - 1] != INDEFINITE && pos == ends[open - 1]) {
                open--;
            }
            if (pos >= to) {
                return open == 0 ? deepest : MALFORMED;
            }
            if (open > 0 && ends[open - 1] == INDEFINITE && b[pos] == 0) {
                if (pos + 1 >= to || b[pos + 1] != 0) {
                    return MALFORMED;
                }
                pos += 2; // end-of-contents of an indefinite-length value
                open--;
                continue;
            }
            int tag = b[pos++] & 0xff;
            boolean constructed = (tag & 0x20) != 0;
            if ((tag & 0x1f) == 0x1f) { // high tag number: base-128 digits, the last without the top bit
                int digits = 0;
                while (pos < to && (b[pos] & 0x80) != 0) {
                    pos++;
                    if (++digits > 4) {
                        return MALFORMED;
                    }
                }
                pos++;
            }
            if (pos >= to) {
                return MALFORMED;
            }
            int first = b[pos++] & 0xff;
            int length;
            if (first == 0x80) {
                if (!constructed) {
                    return MALFORMED;
                }
                length = INDEFINITE;
            } else if (first > 0x80) {
                int count = first & 0x7f;
                if (count > 4 || pos + count > to) {
                    return MALFORMED;
                }
                long value = 0;
                for (int i = 0; i < count; i++) {
                    value = value << 8 | (b[pos++] & 0xff);
                }
                if (value > Integer.MAX_VALUE) {
                    return MALFORMED;
                }
                length = (int) value;
            } else {
                length = first;
            }
            int limit = open > 0 && ends[open - 1] != INDEFINITE ? ends[open - 1] : to;
            if (length != INDEFINITE && (long) pos + length > limit) {
                return MALFORMED;
            }
            int level = base + open + 1;
            if (level > MAX_DEPTH) {
                throw new TooDeep();
            }
            if (constructed) {
                ends[open++] = length == INDEFINITE ? INDEFINITE : pos + length;
                deepest = Math.max(deepest, level);
                continue;
            }
            deepest = Math.max(deepest, level);
            // OCTET STRING, and BIT STRING after its unused-bits byte, often carry DER that gets parsed later.
            int inner = tag == 0x04 ? pos : tag == 0x03 && length > 0 ? pos + 1 : -1;
            if (inner >= 0 && pos + length > inner) {
                int nested = scan(b, inner, pos + length, level);
                deepest = Math.max(deepest, nested);
            }
            pos += length;
        }
    }
}

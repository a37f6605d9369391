package ua.qrshare.http;

import java.util.regex.Pattern;

/**
 * The one e-mail rule of the gateway, for the partner's profile and a branch's delivery address alike: a dot-atom
 * local part of at most 64 characters, a domain of letter/digit labels (Cyrillic ones too, .укр) ending in a
 * real-looking TLD, at most {@value #MAX_LENGTH} characters in all. Refuses {@code x@b..c}, {@code a,b@x.ua} and
 * anything with spaces.
 */
public final class Email {

    /** RFC 5321's limit on a forward path, the longest address a mail server has to accept. */
    public static final int MAX_LENGTH = 254;

    private static final int LOCAL_PART_MAX_LENGTH = 64;

    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?";
    private static final Pattern ADDRESS =
            Pattern.compile(ATOM + "(?:\\." + ATOM + ")*@(?:" + LABEL + "\\.)+(?:\\p{L}{2,63}|xn--[a-z0-9-]{1,59})");

    private Email() {}

    public static boolean isValid(String value) {
        return value.length() <= MAX_LENGTH
                && ADDRESS.matcher(value).matches()
                && value.indexOf('@') <= LOCAL_PART_MAX_LENGTH;
    }
}

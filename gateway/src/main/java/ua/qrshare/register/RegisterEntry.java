package ua.qrshare.register;

import java.util.Optional;
import java.util.regex.Pattern;
import ua.qrshare.http.Validation;

/**
 * One organisation of the business register as imported: its code, name, address, and who heads it. The head's
 * RNOKPP is held here only on its way to the database, which stores its keyed hash.
 */
public record RegisterEntry(String edrpou, String name, String headRnokpp, String headName, String address) {

    /** The database's limit on organisation names. */
    static final int MAX_NAME_LENGTH = 500;

    private static final Pattern EIGHT_DIGITS = Pattern.compile("\\d{8}");
    private static final Pattern TEN_DIGITS = Pattern.compile("\\d{10}");

    /** Why the entry cannot go into the register, or empty when it can. Never repeats a value: the reason may be printed. */
    public Optional<String> problem() {
        if (!EIGHT_DIGITS.matcher(edrpou).matches()) {
            return Optional.of("EDRPOU must be 8 digits");
        }
        if (!edrpouChecksumValid(edrpou)) {
            return Optional.of("EDRPOU check digit is wrong");
        }
        if (name.isEmpty()) {
            return Optional.of("name is empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return Optional.of("name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (!TEN_DIGITS.matcher(headRnokpp).matches()) {
            return Optional.of("head RNOKPP must be 10 digits");
        }
        if (headName.isEmpty()) {
            return Optional.of("head name is empty");
        }
        if (address.isEmpty()) {
            return Optional.of("address is empty");
        }
        // The organisation's name is what a citizen sees in the app: the same text rule as the cabinet's forms.
        if (hasForbidden(name)) {
            return Optional.of("name contains a control or bidirectional formatting character");
        }
        if (hasForbidden(headName)) {
            return Optional.of("head name contains a control or bidirectional formatting character");
        }
        if (hasForbidden(address.replace("\r\n", "").replace("\n", ""))) { // an address may take several lines
            return Optional.of("address contains a control or bidirectional formatting character");
        }
        return Optional.empty();
    }

    private static boolean hasForbidden(String text) {
        return text.chars().anyMatch(c -> Validation.isForbidden((char) c));
    }

    /**
     * The ЄДРПОУ check digit (the eighth): digits one to seven weighted 1…7 (7,1…6 for codes between 30 000 000 and
     * 60 000 000), sum modulo 11; a remainder of 10 is recomputed with every weight raised by 2, and a second 10 counts
     * as 0.
     */
    static boolean edrpouChecksumValid(String edrpou) {
        long code = Long.parseLong(edrpou);
        int[] weights = code > 30_000_000L && code < 60_000_000L
                ? new int[] {7, 1, 2, 3, 4, 5, 6}
                : new int[] {1, 2, 3, 4, 5, 6, 7};
        int check = weightedSum(edrpou, weights, 0) % 11;
        if (check == 10) {
            check = weightedSum(edrpou, weights, 2) % 11 % 10;
        }
        return check == edrpou.charAt(7) - '0';
    }

    private static int weightedSum(String digits, int[] weights, int raise) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (digits.charAt(i) - '0') * (weights[i] + raise);
        }
        return sum;
    }

    /** Never prints the head's RNOKPP or name. */
    @Override
    public String toString() {
        return "RegisterEntry[" + edrpou + "]";
    }
}

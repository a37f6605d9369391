package ua.qrshare.partner;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The head's passport number: an ID card (9 digits) or a passport booklet (two Ukrainian capital letters, the series,
 * and 6 digits). Held normalised ({@code 123456789}, {@code КН123456}); shown to clients only {@link #masked()}.
 */
record Passport(Kind kind, String number) {

    enum Kind {
        ID_CARD("id-card"),
        BOOKLET("booklet");

        private final String apiName;

        Kind(String apiName) {
            this.apiName = apiName;
        }

        String apiName() {
            return apiName;
        }
    }

    private static final String SERIES_LETTERS = "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ";
    private static final Pattern ID_CARD = Pattern.compile("\\d{9}");
    private static final Pattern BOOKLET = Pattern.compile("([" + SERIES_LETTERS + "]{2})\\s?(\\d{6})");
    /** A booklet number whose series has at least one Latin letter: КН typed as KH looks right but is not. */
    private static final Pattern LATIN_SERIES =
            Pattern.compile("(?:[A-Z][A-Z" + SERIES_LETTERS + "]|[" + SERIES_LETTERS + "][A-Z])\\s?\\d{6}");

    private static final String HIDDEN = "•";

    /** The passport in a form input (any case, an optional space after the series); empty when it is neither kind. */
    static Optional<Passport> parse(String input) {
        String value = normalise(input);
        if (ID_CARD.matcher(value).matches()) {
            return Optional.of(new Passport(Kind.ID_CARD, value));
        }
        Matcher booklet = BOOKLET.matcher(value);
        if (booklet.matches()) {
            return Optional.of(new Passport(Kind.BOOKLET, booklet.group(1) + booklet.group(2)));
        }
        return Optional.empty();
    }

    /** Whether the input is a booklet number typed with Latin look-alike letters in the series. */
    static boolean hasLatinSeries(String input) {
        return LATIN_SERIES.matcher(normalise(input)).matches();
    }

    /** Enough to recognise one's own passport, not enough to use it: the last digits and, for a booklet, the series. */
    String masked() {
        return switch (kind) {
            case ID_CARD -> HIDDEN.repeat(5) + number.substring(5);
            case BOOKLET -> number.substring(0, 2) + HIDDEN.repeat(4) + number.substring(6);
        };
    }

    JsonObject toJson() {
        return new JsonObject().put("type", kind.apiName()).put("number", masked());
    }

    private static String normalise(String input) {
        return input.strip().toUpperCase(Locale.ROOT);
    }
}

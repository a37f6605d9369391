package ua.qrshare.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Collects field errors so a form learns about every bad field at once; {@link #throwIfAny()} turns them into one
 * 422 {@code VALIDATION_FAILED} problem with an {@code errors} list of {@code {field, code, messages:{uk,en}}}. The
 * list is capped at {@link #MAX_ERRORS} (the rest only counted, in {@code errorsOmitted}) and a value repeated in a
 * message is cut to {@link #MAX_ECHO} characters, so a large bad request cannot buy a larger answer.
 *
 * <p>Also the one rule for text that a citizen or a partner is shown (names, addresses, the legal basis): no control
 * characters, and none of the bidirectional overrides, isolates and marks that make a text read differently from
 * what it says.
 */
public final class Validation {

    /** How many field errors one answer lists; the rest are only counted. */
    public static final int MAX_ERRORS = 20;

    /** The longest piece of a client's value an error message repeats. */
    public static final int MAX_ECHO = 40;

    private final JsonArray errors = new JsonArray();
    private int omitted;

    public Validation add(String field, String code, String uk, String en) {
        if (errors.size() >= MAX_ERRORS) {
            omitted++;
            return this;
        }
        errors.add(new JsonObject().put("field", field).put("code", code)
                .put("messages", new JsonObject().put("uk", uk).put("en", en)));
        return this;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            JsonObject extensions = new JsonObject().put("errors", errors.copy());
            if (omitted > 0) {
                extensions.put("errorsOmitted", omitted);
            }
            throw new Problem(422, "VALIDATION_FAILED", "Деякі поля заповнено неправильно.",
                    "Some fields are not filled in correctly.", extensions);
        }
    }

    /** A client's value as an error message may repeat it: at most {@link #MAX_ECHO} characters, nothing invisible. */
    public static String echo(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_ECHO + 1));
        for (int i = 0; i < text.length() && out.length() < MAX_ECHO; i++) {
            char c = text.charAt(i);
            out.append(isForbidden(c) || Character.isSurrogate(c) ? '?' : c);
        }
        return text.length() > MAX_ECHO ? out + "…" : out.toString();
    }

    /**
     * Control characters (Unicode Cc, line and paragraph separators) and the bidirectional formatting characters:
     * embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069, and the marks U+200E, U+200F, U+061C.
     */
    public static boolean isForbidden(char c) {
        return Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029'
                || c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069'
                || c == '\u200E' || c == '\u200F' || c == '\u061C';
    }

    private boolean acceptable(String field, String text, boolean lineBreaks) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isForbidden(c) && !(lineBreaks && c == '\n')) {
                add(field, "FORBIDDEN_CHARACTER",
                        "Текст містить керівний або невидимий символ (" + (lineBreaks ? "" : "перенесення рядка, ")
                                + "символ керування напрямком письма тощо) на позиції " + (i + 1) + "; приберіть його.",
                        "The text contains a control or invisible character (" + (lineBreaks ? "" : "a line break, ")
                                + "a bidirectional control or the like) at position " + (i + 1) + "; remove it.");
                return false;
            }
        }
        return true;
    }

    /**
     * A trimmed required single-line string of at most {@code max} characters, without control or bidirectional
     * formatting characters; or null after recording the error.
     */
    public String requiredText(JsonObject body, String field, int max) {
        return required(body, field, max, false);
    }

    /** Like {@link #requiredText}, for a paragraph: line breaks allowed (CR LF becomes LF), nothing else invisible. */
    public String requiredParagraph(JsonObject body, String field, int max) {
        return required(body, field, max, true);
    }

    private String required(JsonObject body, String field, int max, boolean lineBreaks) {
        Object value = body.getValue(field);
        if (!(value instanceof String text) || text.isBlank()) {
            add(field, "REQUIRED", "Заповніть це поле.", "This field is required.");
            return null;
        }
        String trimmed = lineBreaks ? text.replace("\r\n", "\n").strip() : text.strip();
        if (trimmed.length() > max) {
            add(field, "TOO_LONG", "Не більше " + max + " символів.", "At most " + max + " characters.");
            return null;
        }
        return acceptable(field, trimmed, lineBreaks) ? trimmed : null;
    }

    /** A trimmed optional string (null when absent or blank) of at most {@code max} characters. */
    public String optionalText(JsonObject body, String field, int max) {
        Object value = body.getValue(field);
        if (value == null || value instanceof String s && s.isBlank()) {
            return null;
        }
        if (!(value instanceof String)) {
            add(field, "NOT_TEXT", "Очікується текст.", "Text expected.");
            return null;
        }
        return requiredText(body, field, max);
    }

    /** A plausible e-mail address: one @, a dot in the domain, no spaces, at most 254 characters. */
    public static boolean isEmail(String value) {
        return value.length() <= 254 && value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    }
}

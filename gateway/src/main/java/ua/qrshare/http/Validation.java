package ua.qrshare.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The one way a form reports bad fields: collect every error first, then {@link #throwIfAny()} turns them into one
 * 422 {@code VALIDATION_FAILED} problem with an {@code errors} list of {@code {field, code, detail, messages:{uk,en}}}
 * ({@code detail} is added by {@link ProblemHandler} in the language asked for). Every form in the gateway uses it,
 * the login body included, so a client parses one shape. The list is capped at {@link #MAX_ERRORS}
 * (the rest only counted, in {@code errorsOmitted}) and a value repeated in a message is cut to {@link #MAX_ECHO}
 * characters, so a large bad request cannot buy a larger answer.
 *
 * <p>Codes shared by every form: {@code REQUIRED} (missing or blank), {@code NOT_A_STRING} (present but not a JSON
 * string), {@code TOO_LONG}, {@code FORBIDDEN_CHARACTER}, {@code INVALID_EMAIL} (the one rule of {@link Email}).
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

    public static final String CODE = "VALIDATION_FAILED";
    public static final String REQUIRED = "REQUIRED";
    public static final String NOT_A_STRING = "NOT_A_STRING";
    public static final String TOO_LONG = "TOO_LONG";
    public static final String INVALID_EMAIL = "INVALID_EMAIL";

    private final JsonArray errors = new JsonArray();
    private final JsonObject extensions = new JsonObject();
    private int omitted;

    public Validation add(String field, String code, String uk, String en) {
        if (errors.size() >= MAX_ERRORS) {
            omitted++;
            return this;
        }
        errors.add(new JsonObject()
                .put("field", field)
                .put("code", code)
                .put("messages", new JsonObject().put("uk", uk).put("en", en)));
        return this;
    }

    /** A missing or blank field, with what to enter. */
    public Validation required(String field, String uk, String en) {
        return add(field, REQUIRED, uk, en);
    }

    /** A field present with another JSON type than a string. */
    public Validation notAString(String field) {
        return add(field, NOT_A_STRING, "Значення має бути рядком.", "The value must be a string.");
    }

    /** An extra member of the problem beside {@code errors}, such as examples of good values. */
    public Validation extension(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw problem();
        }
    }

    /** The 422 problem for the errors collected so far. */
    public Problem problem() {
        JsonObject members = extensions.copy().put("errors", errors.copy());
        if (omitted > 0) {
            members.put("errorsOmitted", omitted);
        }
        return new Problem(
                422,
                CODE,
                "Деякі поля заповнено неправильно. Виправте позначені поля й надішліть форму ще раз.",
                "Some fields are invalid. Correct the fields listed and submit the form again.",
                members);
    }

    /** The problem for a single bad field. */
    public static Problem failed(String field, String code, String uk, String en) {
        return new Validation().add(field, code, uk, en).problem();
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
        return Character.getType(c) == Character.CONTROL
                || c == '\u2028'
                || c == '\u2029'
                || c >= '\u202A' && c <= '\u202E'
                || c >= '\u2066' && c <= '\u2069'
                || c == '\u200E'
                || c == '\u200F'
                || c == '\u061C';
    }

    private boolean acceptable(String field, String text, boolean lineBreaks) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isForbidden(c) && !(lineBreaks && c == '\n')) {
                add(
                        field,
                        "FORBIDDEN_CHARACTER",
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
        String text = requiredString(body, field, "Заповніть це поле.", "This field is required.");
        if (text == null) {
            return null;
        }
        String trimmed = lineBreaks ? text.replace("\r\n", "\n").strip() : text.strip();
        if (trimmed.length() > max) {
            add(field, TOO_LONG, "Не більше " + max + " символів.", "At most " + max + " characters.");
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
            notAString(field);
            return null;
        }
        return requiredText(body, field, max);
    }

    /**
     * A required string as given (not trimmed, not checked further): {@code NOT_A_STRING} for another JSON type,
     * {@code REQUIRED} with the given explanation when absent or blank; null after recording the error.
     */
    public String requiredString(JsonObject body, String field, String requiredUk, String requiredEn) {
        Object value = body.getValue(field);
        if (value != null && !(value instanceof String)) {
            notAString(field);
            return null;
        }
        if (value == null || ((String) value).isBlank()) {
            required(field, requiredUk, requiredEn);
            return null;
        }
        return (String) value;
    }

    /** Records {@code INVALID_EMAIL} unless {@code value} passes {@link Email#isValid}; the value, or null. */
    public String email(String field, String value) {
        if (value.length() > Email.MAX_LENGTH) {
            add(
                    field,
                    TOO_LONG,
                    "Адреса електронної пошти задовга: не більше " + Email.MAX_LENGTH + " символів.",
                    "The e-mail address is too long: at most " + Email.MAX_LENGTH + " characters.");
            return null;
        }
        if (!Email.isValid(value)) {
            add(
                    field,
                    INVALID_EMAIL,
                    "Це не схоже на адресу електронної пошти. Приклад: office@example.com.",
                    "This does not look like an e-mail address. Example: office@example.com.");
            return null;
        }
        return value;
    }
}

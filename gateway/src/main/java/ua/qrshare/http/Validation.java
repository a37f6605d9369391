package ua.qrshare.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Collects field errors so a form learns about every bad field at once; {@link #throwIfAny()} turns them into one
 * 422 {@code VALIDATION_FAILED} problem with an {@code errors} list of {@code {field, code, messages:{uk,en}}}.
 */
public final class Validation {

    private final JsonArray errors = new JsonArray();

    public Validation add(String field, String code, String uk, String en) {
        errors.add(new JsonObject().put("field", field).put("code", code)
                .put("messages", new JsonObject().put("uk", uk).put("en", en)));
        return this;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new Problem(422, "VALIDATION_FAILED", "Деякі поля заповнено неправильно.",
                    "Some fields are not filled in correctly.", new JsonObject().put("errors", errors.copy()));
        }
    }

    /** A trimmed required string of at most {@code max} characters, or null after recording the error. */
    public String requiredText(JsonObject body, String field, int max) {
        Object value = body.getValue(field);
        if (!(value instanceof String text) || text.isBlank()) {
            add(field, "REQUIRED", "Заповніть це поле.", "This field is required.");
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.length() > max) {
            add(field, "TOO_LONG", "Не більше " + max + " символів.", "At most " + max + " characters.");
            return null;
        }
        return trimmed;
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

package ua.qrshare.partner;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import ua.qrshare.http.Problem;

import java.util.List;

/** One invalid form field: which one, a stable code, and what to fix, in Ukrainian and English. */
record FieldError(String field, String code, String uk, String en) {

    static FieldError required(String field, String uk, String en) {
        return new FieldError(field, "REQUIRED", uk, en);
    }

    static FieldError notAString(String field) {
        return new FieldError(field, "NOT_A_STRING", "Значення має бути рядком.", "The value must be a string.");
    }

    /** The 422 problem listing every invalid field at once, so a form can mark them all in one round trip. */
    static Problem validationFailed(List<FieldError> errors) {
        JsonArray list = new JsonArray();
        errors.forEach(e -> list.add(e.toJson()));
        return new Problem(422, "VALIDATION_FAILED",
                "Деякі поля заповнено неправильно. Виправте позначені поля й надішліть форму ще раз.",
                "Some fields are invalid. Correct the fields listed and submit the form again.",
                new JsonObject().put("errors", list));
    }

    JsonObject toJson() {
        return new JsonObject().put("field", field).put("code", code)
                .put("messages", new JsonObject().put("uk", uk).put("en", en));
    }
}

package ua.qrshare.partner;

import io.vertx.core.json.JsonObject;
import ua.qrshare.http.Problem;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The body of {@code POST /api/v1/offer/accept}. */
record AcceptanceForm(int version, byte[] signature) {

    static AcceptanceForm read(JsonObject body) {
        List<FieldError> errors = new ArrayList<>();
        Integer version = version(body.getValue("version"), errors);
        String signature = signature(body.getValue("signature"), errors);
        if (!errors.isEmpty()) {
            throw FieldError.validationFailed(errors);
        }
        return new AcceptanceForm(version, decode(signature));
    }

    private static Integer version(Object raw, List<FieldError> errors) {
        if (raw instanceof Number n && n.doubleValue() == n.intValue()) {
            return n.intValue();
        }
        errors.add(raw == null
                ? FieldError.required("version", "Вкажіть номер версії оферти, яку ви підписали.",
                        "Give the version of the offer you signed.")
                : new FieldError("version", "NOT_AN_INTEGER", "Версія оферти — ціле число.",
                        "The offer version is an integer."));
        return null;
    }

    private static String signature(Object raw, List<FieldError> errors) {
        if (raw != null && !(raw instanceof String)) {
            errors.add(FieldError.notAString("signature"));
        } else if (raw == null || ((String) raw).isBlank()) {
            errors.add(FieldError.required("signature",
                    "Додайте підпис: CMS (PKCS#7) у кодуванні base64, зроблений вашим КЕП над текстом оферти.",
                    "Attach the signature: a base64 CMS (PKCS#7) made with your qualified e-signature over the offer text."));
        } else {
            return (String) raw;
        }
        return null;
    }

    /** The MIME decoder tolerates the line breaks signing tools put into base64. */
    private static byte[] decode(String signature) {
        try {
            return Base64.getMimeDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new Problem(400, "MALFORMED_SIGNATURE",
                    "Підпис не є коректним CMS (PKCS#7) у кодуванні base64 DER.",
                    "The signature is not a well-formed base64 DER CMS (PKCS#7) structure.");
        }
    }
}

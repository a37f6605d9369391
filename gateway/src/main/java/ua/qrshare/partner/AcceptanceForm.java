package ua.qrshare.partner;

import io.vertx.core.json.JsonObject;
import java.util.Base64;
import ua.qrshare.auth.SignatureProblems;
import ua.qrshare.http.Validation;
import ua.qrshare.pki.CmsSignatures;

/** The body of {@code POST /api/v1/offer/accept}. */
record AcceptanceForm(int version, byte[] signature) {

    static AcceptanceForm read(JsonObject body) {
        Validation v = new Validation();
        Integer version = version(body.getValue("version"), v);
        String signature = v.requiredString(
                body,
                "signature",
                "Додайте підпис: CMS (PKCS#7) у кодуванні base64, зроблений вашим КЕП над текстом оферти.",
                "Attach the signature: a base64 CMS (PKCS#7) made with your qualified e-signature over the offer text.");
        v.throwIfAny();
        return new AcceptanceForm(version, decode(signature));
    }

    private static Integer version(Object raw, Validation v) {
        if (raw instanceof Number n && n.doubleValue() == n.intValue()) {
            return n.intValue();
        }
        if (raw == null) {
            v.required(
                    "version",
                    "Вкажіть номер версії оферти, яку ви підписали.",
                    "Give the version of the offer you signed.");
        } else {
            v.add("version", "NOT_AN_INTEGER", "Версія оферти — ціле число.", "The offer version is an integer.");
        }
        return null;
    }

    /** The MIME decoder tolerates the line breaks signing tools put into base64. */
    private static byte[] decode(String signature) {
        try {
            return Base64.getMimeDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw SignatureProblems.of(CmsSignatures.Rejection.Reason.MALFORMED);
        }
    }
}

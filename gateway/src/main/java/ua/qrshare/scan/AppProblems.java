package ua.qrshare.scan;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import ua.qrshare.http.Problem;
import ua.qrshare.qr.QrProblems;

/**
 * Every problem of the citizen app's API (resolve, share, share status), in one place; the QR ones come from
 * {@link QrProblems}, worded for the citizen.
 */
public final class AppProblems {

    private AppProblems() {}

    public static Problem qrMalformed() {
        return new Problem(
                400,
                "QR_MALFORMED",
                "Це не QR-код сервісу обміну копіями документів.",
                "This is not a QR code of the document-sharing service.");
    }

    public static Problem qrUnknown() {
        return new Problem(
                404,
                "QR_UNKNOWN",
                "Такого QR-коду немає. Попросіть в установі актуальний QR-код.",
                "There is no such QR code. Ask the organisation for a current one.");
    }

    public static Problem qrExpired() {
        return QrProblems.expired(QrProblems.Reader.CITIZEN);
    }

    public static Problem qrRevoked() {
        return QrProblems.revoked(QrProblems.Reader.CITIZEN);
    }

    public static Problem serviceGone() {
        return new Problem(
                410,
                "SERVICE_GONE",
                "Установа більше не надає цю послугу за цим QR-кодом.",
                "The organisation no longer offers this service through this QR code.");
    }

    public static Problem request(ShareRequests.Refusal refusal) {
        return switch (refusal) {
            case MALFORMED ->
                Problem.badRequest(
                        "REQUEST_MALFORMED",
                        "Невідомий запит; відскануйте QR-код ще раз.",
                        "Unknown request; scan the QR code again.");
            case EXPIRED ->
                new Problem(
                        410,
                        "REQUEST_EXPIRED",
                        "Час на підтвердження минув; відскануйте QR-код ще раз.",
                        "The time to confirm has run out; scan the QR code again.");
            case WRONG_SUBJECT ->
                new Problem(
                        403,
                        "REQUEST_WRONG_SUBJECT",
                        "Цей запит створено для іншого користувача.",
                        "This request was made for another user.");
        };
    }

    public static Problem alreadyUsed() {
        return new Problem(
                409,
                "REQUEST_ALREADY_USED",
                "Документи за цим запитом уже надіслано.",
                "The documents for this request have already been sent.");
    }

    public static Problem shareNotFound() {
        return new Problem(404, "SHARE_NOT_FOUND", "Такого надсилання немає.", "There is no such share.");
    }

    public static Problem idempotencyKeyRequired(int maxLength) {
        return Problem.badRequest(
                "IDEMPOTENCY_KEY_REQUIRED",
                "Додайте заголовок Idempotency-Key (до " + maxLength
                        + " символів), щоб повтор запиту не створив дубль.",
                "Send an Idempotency-Key header (up to " + maxLength + " characters) so a retry cannot share twice.");
    }

    public static Problem idempotencyKeyReused() {
        return new Problem(
                422,
                "IDEMPOTENCY_KEY_REUSED",
                "Цей ключ ідемпотентності вже використано для іншого запиту.",
                "This Idempotency-Key was already used for a different request.");
    }

    public static Problem documentsRequired() {
        return Problem.badRequest(
                "DOCUMENTS_REQUIRED",
                "Додайте документи, які запитує установа.",
                "Attach the documents the organisation asks for.");
    }

    public static Problem documentMissing(List<String> missing) {
        return new Problem(
                422,
                "DOCUMENT_MISSING",
                "Бракує документів: " + String.join(", ", missing) + ".",
                "Missing documents: " + String.join(", ", missing) + ".",
                new JsonObject().put("missing", new JsonArray(missing)));
    }

    public static Problem documentExtra(List<String> extra) {
        return new Problem(
                422,
                "DOCUMENT_EXTRA",
                "Зайві документи: " + String.join(", ", extra) + ".",
                "Documents not requested: " + String.join(", ", extra) + ".",
                new JsonObject().put("extra", new JsonArray(extra)));
    }

    public static Problem attestationInvalid() {
        return new Problem(
                422,
                "ATTESTATION_INVALID",
                "Дані документа не підтверджено видавцем.",
                "The document data is not signed by the document service.");
    }

    public static Problem attestationExpired(String type) {
        return new Problem(
                422,
                "ATTESTATION_EXPIRED",
                "Строк дії даних документа «" + type + "» у застосунку минув; оновіть документи в Дії.",
                "The attestation of \"" + type + "\" has expired; refresh the documents in the app.");
    }

    public static Problem attestationWrongSubject() {
        return new Problem(
                403,
                "ATTESTATION_WRONG_SUBJECT",
                "Документ належить іншій особі.",
                "The document belongs to another person.");
    }
}

package ua.qrshare.verify;

import io.vertx.core.json.JsonObject;

/**
 * Why a signed copy is not (fully) valid: a stable code for machines and an explanation in Ukrainian and English for
 * people. The explanations never quote the copy's content.
 */
public enum VerificationProblem {
    MALFORMED(
            "Файл не є підписом CMS SignedData з вкладеним документом.",
            "The file is not a CMS SignedData signature with the document inside."),
    SIGNATURE_INVALID(
            "Підпис не відповідає документу: документ або підпис змінено.",
            "The signature does not match the document: the document or the signature was altered."),
    NOT_PLATFORM_SEAL(
            "Документ підписано не печаткою платформи: підписувач вказаний у звіті.",
            "The document is not sealed with the platform's seal: the report names who signed it."),
    UNTRUSTED_CHAIN(
            "Сертифікат підписувача не веде до довіреного центру сертифікації.",
            "The signer's certificate does not chain to a trusted certification authority."),
    CERTIFICATE_NOT_VALID_AT_SIGNING_TIME(
            "Сертифікат підписувача не був чинним на момент підписання.",
            "The signer's certificate was not valid at the time of signing."),
    SIGNING_TIME_MISSING(
            "У підписі немає часу підписання (signingTime).", "The signature has no signing time (signingTime)."),
    SIGNING_CERTIFICATE_MISSING(
            "У підписі немає посилання на сертифікат підписувача (signing-certificate-v2).",
            "The signature does not name the signer's certificate (signing-certificate-v2)."),
    SIGNING_CERTIFICATE_MISMATCH(
            "Підпис посилається на інший сертифікат, ніж той, яким його перевіряють.",
            "The signature names a certificate other than the one it is verified with."),
    CERTIFICATE_REVOKED(
            "Вкладені дані про відкликання показують, що сертифікат відкликано до моменту підписання.",
            "The revocation data inside show a certificate revoked before the time of signing."),
    NO_TIMESTAMP(
            "Підпис не має позначки часу, тому час підписання не підтверджено.",
            "The signature has no time-stamp, so the time of signing is not proven."),
    TIMESTAMP_INVALID(
            "Позначка часу пошкоджена або її підпис недійсний.",
            "The time-stamp is damaged or its signature is invalid."),
    TIMESTAMP_UNTRUSTED(
            "Позначку часу видала служба, якій ми не довіряємо.",
            "The time-stamp was issued by an authority that is not trusted."),
    TIMESTAMP_IMPRINT_MISMATCH("Позначка часу засвідчує інший підпис.", "The time-stamp stamps a different signature."),
    CONTENT_NOT_PDF("Підписаний вміст не є документом PDF.", "The signed content is not a PDF document.");

    private final String uk;
    private final String en;

    VerificationProblem(String uk, String en) {
        this.uk = uk;
        this.en = en;
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("code", name())
                .put("messages", new JsonObject().put("uk", uk).put("en", en));
    }
}

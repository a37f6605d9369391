package ua.qrshare.auth;

import ua.qrshare.http.Problem;
import ua.qrshare.pki.Asn1Depth;
import ua.qrshare.pki.CmsSignatures;

/** The client-facing problem for each reason a КЕП signature is refused (login and offer acceptance alike). */
public final class SignatureProblems {

    private SignatureProblems() {}

    public static Problem of(CmsSignatures.Rejection rejection) {
        return of(rejection.reason());
    }

    public static Problem of(CmsSignatures.Rejection.Reason reason) {
        return switch (reason) {
            case MALFORMED ->
                new Problem(
                        400,
                        "MALFORMED_SIGNATURE",
                        "Підпис не є коректним CMS (PKCS#7) у кодуванні base64 DER.",
                        "The signature is not a well-formed base64 DER CMS (PKCS#7) structure.");
            case TOO_DEEP -> Asn1Depth.problem();
            case INVALID ->
                new Problem(
                        401,
                        "INVALID_SIGNATURE",
                        "Підпис недійсний: дані змінено або підписано іншим ключем.",
                        "The signature is invalid: the data was altered or signed with another key.");
            case UNTRUSTED_CA ->
                new Problem(
                        401,
                        "UNTRUSTED_CA",
                        "Сертифікат видано центром, якому сервіс не довіряє. Використайте кваліфікований сертифікат.",
                        "The certificate was issued by an untrusted authority. Use a qualified certificate.");
            case CERTIFICATE_EXPIRED ->
                new Problem(
                        401,
                        "CERTIFICATE_EXPIRED",
                        "Строк дії сертифіката минув. Отримайте новий КЕП.",
                        "The certificate has expired. Obtain a new qualified e-signature.");
            case CERTIFICATE_NOT_YET_VALID ->
                new Problem(
                        401,
                        "CERTIFICATE_NOT_YET_VALID",
                        "Сертифікат ще не набув чинності.",
                        "The certificate is not valid yet.");
            case WRONG_KEY_USAGE ->
                new Problem(
                        401,
                        "WRONG_KEY_USAGE",
                        "Цей ключ призначений не для підпису. Оберіть ключ для електронного підпису.",
                        "This key is not meant for signing. Choose your signing key.");
        };
    }
}

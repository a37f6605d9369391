package ua.qrshare.qr;

import ua.qrshare.http.Problem;

/**
 * The problems about a QR code, defined once for both sides that meet one: the partner in the cabinet (who can issue
 * a new code) and the citizen scanning it (who can only ask the organisation for one). Same code and status for
 * both, the advice worded for the reader.
 */
public final class QrProblems {

    public static final String REVOKED = "QR_REVOKED";
    public static final String EXPIRED = "QR_EXPIRED";

    /** Who is told: the advice differs, the code does not. */
    public enum Reader {
        PARTNER,
        CITIZEN
    }

    private QrProblems() {}

    public static Problem notFound() {
        return new Problem(404, "QR_NOT_FOUND", "Такого QR-коду немає.", "There is no such QR code.");
    }

    public static Problem revoked(Reader reader) {
        return reader == Reader.PARTNER
                ? new Problem(
                        410,
                        REVOKED,
                        "Цей QR-код відкликано; створіть новий.",
                        "This QR code was revoked; issue a new one.")
                : new Problem(
                        410,
                        REVOKED,
                        "Установа відкликала цей QR-код. Попросіть актуальний.",
                        "The organisation revoked this QR code. Ask for a current one.");
    }

    public static Problem expired(Reader reader) {
        return reader == Reader.PARTNER
                ? new Problem(
                        410,
                        EXPIRED,
                        "Строк дії цього QR-коду минув; створіть новий.",
                        "This QR code has expired; issue a new one.")
                : new Problem(
                        410,
                        EXPIRED,
                        "Строк дії QR-коду минув. Попросіть в установі новий QR-код.",
                        "The QR code has expired. Ask the organisation for a new one.");
    }
}

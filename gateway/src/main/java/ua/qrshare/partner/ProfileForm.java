package ua.qrshare.partner;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.regex.Pattern;
import ua.qrshare.http.Problem;
import ua.qrshare.http.Validation;

/**
 * The profile form ({@code PUT /api/v1/partner/profile}) read, checked and normalised. Every invalid field is reported
 * at once. The passport may be left out to keep the stored one: it is never sent back, so a client changing only the
 * phone could not resend it.
 */
final class ProfileForm {

    private static final Pattern PHONE = Pattern.compile("\\+380\\d{9}");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s()\\-]");

    /** What the form sets; a {@code null} passport keeps the stored one. */
    record Update(String email, String phone, Passport passport) {}

    private ProfileForm() {}

    /** @throws Problem {@code VALIDATION_FAILED} listing every invalid field */
    static Update read(JsonObject body) {
        Validation v = new Validation();
        String email = email(body, v);
        String phone = phone(body, v);
        Passport passport = passport(body.getValue("passport"), v);
        v.throwIfAny();
        return new Update(email, phone, passport);
    }

    /** The form left the passport out while none is stored yet. */
    static Problem passportRequired() {
        return Validation.failed(
                "passport",
                Validation.REQUIRED,
                "Вкажіть номер паспорта керівника: ID-картки (9 цифр) або книжечки (серія й номер, наприклад КН123456).",
                "Enter the head's passport number: an ID card (9 digits) or a booklet (series and number, e.g. КН123456).");
    }

    private static String email(JsonObject body, Validation v) {
        String value = text(
                body,
                "email",
                v,
                "Вкажіть адресу електронної пошти, на яку надходитимуть копії документів.",
                "Enter the e-mail address that will receive the document copies.");
        return value == null ? null : v.email("email", value);
    }

    private static String phone(JsonObject body, Validation v) {
        String value = text(
                body,
                "phone",
                v,
                "Вкажіть номер телефону у форматі +380XXXXXXXXX.",
                "Enter the phone number as +380XXXXXXXXX.");
        if (value == null) {
            return null;
        }
        String digits = PHONE_SEPARATORS.matcher(value).replaceAll("");
        if (!PHONE.matcher(digits).matches()) {
            v.add(
                    "phone",
                    "INVALID_PHONE",
                    "Номер телефону має бути українським: +380 і ще 9 цифр, наприклад +380 44 123 45 67.",
                    "The phone number must be Ukrainian: +380 followed by 9 digits, e.g. +380 44 123 45 67.");
            return null;
        }
        return digits;
    }

    private static Passport passport(Object raw, Validation v) {
        if (raw == null || raw instanceof String s && s.isBlank()) {
            return null;
        }
        if (!(raw instanceof String value)) {
            v.notAString("passport");
            return null;
        }
        Optional<Passport> passport = Passport.parse(value);
        if (passport.isEmpty()) {
            if (Passport.hasLatinSeries(value)) {
                v.add(
                        "passport",
                        "LATIN_LETTERS_IN_PASSPORT",
                        "Серію паспорта введено латинськими літерами. Введіть її українськими (кириличними) літерами,"
                                + " наприклад КН, а не KH.",
                        "The passport series was typed in Latin letters. Type it in Ukrainian (Cyrillic) letters,"
                                + " e.g. КН rather than KH.");
            } else {
                v.add(
                        "passport",
                        "INVALID_PASSPORT",
                        "Номер паспорта: ID-картка — 9 цифр; паспорт-книжечка — дві українські літери серії та 6 цифр,"
                                + " наприклад КН123456.",
                        "Passport number: an ID card has 9 digits; a booklet has a two-letter Ukrainian series and"
                                + " 6 digits, e.g. КН123456.");
            }
        }
        return passport.orElse(null);
    }

    /** A required, non-blank string field, stripped; {@code null} (with the error recorded) otherwise. */
    private static String text(JsonObject body, String field, Validation v, String requiredUk, String requiredEn) {
        String value = v.requiredString(body, field, requiredUk, requiredEn);
        return value == null ? null : value.strip();
    }
}

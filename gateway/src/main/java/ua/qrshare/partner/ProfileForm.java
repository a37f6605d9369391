package ua.qrshare.partner;

import io.vertx.core.json.JsonObject;
import ua.qrshare.http.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The profile form ({@code PUT /api/v1/partner/profile}) read, checked and normalised. Every invalid field is reported
 * at once. The passport may be left out to keep the stored one: it is never sent back, so a client changing only the
 * phone could not resend it.
 */
final class ProfileForm {

    /** RFC 5321's limit on a forward path, the longest address a mail server has to accept. */
    static final int EMAIL_MAX_LENGTH = 254;
    private static final int LOCAL_PART_MAX_LENGTH = 64;

    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?";
    /** Dot-atom local part; a domain of letter/digit labels, Cyrillic ones too (.укр), ending in a real-looking TLD. */
    private static final Pattern EMAIL = Pattern.compile(
            ATOM + "(?:\\." + ATOM + ")*@(?:" + LABEL + "\\.)+(?:\\p{L}{2,63}|xn--[a-z0-9-]{1,59})");
    private static final Pattern PHONE = Pattern.compile("\\+380\\d{9}");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s()\\-]");

    /** What the form sets; a {@code null} passport keeps the stored one. */
    record Update(String email, String phone, Passport passport) {
    }

    private ProfileForm() {
    }

    /** @throws Problem {@code VALIDATION_FAILED} listing every invalid field */
    static Update read(JsonObject body) {
        List<FieldError> errors = new ArrayList<>();
        String email = email(body.getValue("email"), errors);
        String phone = phone(body.getValue("phone"), errors);
        Passport passport = passport(body.getValue("passport"), errors);
        if (!errors.isEmpty()) {
            throw FieldError.validationFailed(errors);
        }
        return new Update(email, phone, passport);
    }

    /** The form left the passport out while none is stored yet. */
    static Problem passportRequired() {
        return FieldError.validationFailed(List.of(FieldError.required("passport",
                "Вкажіть номер паспорта керівника: ID-картки (9 цифр) або книжечки (серія й номер, наприклад КН123456).",
                "Enter the head's passport number: an ID card (9 digits) or a booklet (series and number, e.g. КН123456).")));
    }

    private static String email(Object raw, List<FieldError> errors) {
        String value = text(raw, "email", errors, "Вкажіть адресу електронної пошти, на яку надходитимуть копії документів.",
                "Enter the e-mail address that will receive the document copies.");
        if (value == null) {
            return null;
        }
        if (value.length() > EMAIL_MAX_LENGTH) {
            errors.add(new FieldError("email", "TOO_LONG",
                    "Адреса електронної пошти задовга: не більше " + EMAIL_MAX_LENGTH + " символів.",
                    "The e-mail address is too long: at most " + EMAIL_MAX_LENGTH + " characters."));
            return null;
        }
        if (!EMAIL.matcher(value).matches() || value.indexOf('@') > LOCAL_PART_MAX_LENGTH) {
            errors.add(new FieldError("email", "INVALID_EMAIL",
                    "Це не схоже на адресу електронної пошти. Приклад: office@example.com.",
                    "This does not look like an e-mail address. Example: office@example.com."));
            return null;
        }
        return value;
    }

    private static String phone(Object raw, List<FieldError> errors) {
        String value = text(raw, "phone", errors, "Вкажіть номер телефону у форматі +380XXXXXXXXX.",
                "Enter the phone number as +380XXXXXXXXX.");
        if (value == null) {
            return null;
        }
        String digits = PHONE_SEPARATORS.matcher(value).replaceAll("");
        if (!PHONE.matcher(digits).matches()) {
            errors.add(new FieldError("phone", "INVALID_PHONE",
                    "Номер телефону має бути українським: +380 і ще 9 цифр, наприклад +380 44 123 45 67.",
                    "The phone number must be Ukrainian: +380 followed by 9 digits, e.g. +380 44 123 45 67."));
            return null;
        }
        return digits;
    }

    private static Passport passport(Object raw, List<FieldError> errors) {
        if (raw == null || raw instanceof String s && s.isBlank()) {
            return null;
        }
        if (!(raw instanceof String value)) {
            errors.add(FieldError.notAString("passport"));
            return null;
        }
        Optional<Passport> passport = Passport.parse(value);
        if (passport.isEmpty()) {
            errors.add(Passport.hasLatinSeries(value)
                    ? new FieldError("passport", "LATIN_LETTERS_IN_PASSPORT",
                            "Серію паспорта введено латинськими літерами. Введіть її українськими (кириличними) літерами,"
                                    + " наприклад КН, а не KH.",
                            "The passport series was typed in Latin letters. Type it in Ukrainian (Cyrillic) letters,"
                                    + " e.g. КН rather than KH.")
                    : new FieldError("passport", "INVALID_PASSPORT",
                            "Номер паспорта: ID-картка — 9 цифр; паспорт-книжечка — дві українські літери серії та 6 цифр,"
                                    + " наприклад КН123456.",
                            "Passport number: an ID card has 9 digits; a booklet has a two-letter Ukrainian series and"
                                    + " 6 digits, e.g. КН123456."));
        }
        return passport.orElse(null);
    }

    /** A required, non-blank string field, stripped; {@code null} (with the error recorded) otherwise. */
    private static String text(Object raw, String field, List<FieldError> errors, String requiredUk, String requiredEn) {
        if (raw != null && !(raw instanceof String)) {
            errors.add(FieldError.notAString(field));
            return null;
        }
        String value = raw == null ? "" : ((String) raw).strip();
        if (value.isEmpty()) {
            errors.add(FieldError.required(field, requiredUk, requiredEn));
            return null;
        }
        return value;
    }
}

package ua.qrshare.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.qrshare.partner.CabinetClient.assertProblem;
import static ua.qrshare.partner.CabinetClient.fieldErrors;
import static ua.qrshare.partner.CabinetClient.profile;
import static ua.qrshare.partner.CabinetClient.query;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.RunningGateway;

/** {@code GET /api/v1/partner} and {@code PUT /api/v1/partner/profile} through a real gateway and PostgreSQL. */
class ProfileTest {

    /** Valid values that share no digit run with the passport numbers the database checks look for. */
    static final String EMAIL = "office@example.com";

    static final String PHONE = "+380 (67) 890-00-77";

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.with(Map.of());

    static Http http;

    @BeforeAll
    static void start() {
        http = new Http(gateway.config().httpPort());
    }

    @Test
    void a_partner_that_just_logged_in_has_an_empty_profile_and_no_offer() {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        JsonObject body = partner.partner();
        assertThat(body.getString("id")).isEqualTo(partner.partnerId.toString());
        assertThat(body.getString("kind")).isEqualTo("legal-entity");
        assertThat(body.getString("edrpou")).isEqualTo(partner.edrpou);
        assertThat(body.getString("name")).isEqualTo("ТОВ «Тест " + partner.edrpou + "»");
        assertThat(body.getString("headName")).isEqualTo("Тестовий Керівник");
        assertThat(body.containsKey("email")).isTrue();
        assertThat(body.getString("email")).isNull();
        assertThat(body.getString("phone")).isNull();
        assertThat(body.getValue("passport")).isNull();
        assertThat(body.getBoolean("profileComplete")).isFalse();
        assertThat(body.getJsonObject("offer"))
                .isEqualTo(new JsonObject()
                        .put("currentVersion", Offer.CURRENT_VERSION)
                        .put("acceptedVersion", null)
                        .put("acceptedAt", null)
                        .put("accepted", false));
    }

    @Test
    void a_valid_profile_is_stored_normalised_and_shown_with_the_passport_masked() {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        HttpResponse<String> put = partner.put(
                "/api/v1/partner/profile", profile("  office@example.com ", "+38 (044) 555-12-34", "кн 123456"));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.headers().firstValue("Cache-Control")).contains("no-store");
        JsonObject answered = new JsonObject(put.body());

        JsonObject body = partner.partner();
        assertThat(body).isEqualTo(answered);
        assertThat(body.getString("email")).isEqualTo("office@example.com");
        assertThat(body.getString("phone")).isEqualTo("+380445551234");
        assertThat(body.getJsonObject("passport"))
                .isEqualTo(new JsonObject().put("type", "booklet").put("number", "КН••••56"));
        assertThat(body.getBoolean("profileComplete")).isTrue();
        assertThat(body.encode()).doesNotContain("123456");

        partner.put("/api/v1/partner/profile", profile(EMAIL, "+380445551234", "123456789"));
        assertThat(partner.partner().getJsonObject("passport"))
                .isEqualTo(new JsonObject().put("type", "id-card").put("number", "•••••6789"));
    }

    @ParameterizedTest(name = "{0} = [{1}] → {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "email    | NULL                        | REQUIRED",
                "email    | '   '                       | REQUIRED",
                "email    | office.example.com          | INVALID_EMAIL",
                "email    | office@example              | INVALID_EMAIL",
                "email    | office@@example.com         | INVALID_EMAIL",
                "email    | of fice@example.com         | INVALID_EMAIL",
                "email    | .office@example.com         | INVALID_EMAIL",
                "phone    | NULL                        | REQUIRED",
                "phone    | 0445551234                  | INVALID_PHONE",
                "phone    | +38044555123                | INVALID_PHONE",
                "phone    | +3804455512345              | INVALID_PHONE",
                "phone    | +48 445 551 234             | INVALID_PHONE",
                "phone    | +380 44 555 12 3x           | INVALID_PHONE",
                "passport | 12345678                    | INVALID_PASSPORT",
                "passport | 1234567890                  | INVALID_PASSPORT",
                "passport | КН12345                     | INVALID_PASSPORT",
                "passport | К123456                     | INVALID_PASSPORT",
                "passport | КНН123456                   | INVALID_PASSPORT",
                "passport | ЫЭ123456                    | INVALID_PASSPORT",
                "passport | KH123456                    | LATIN_LETTERS_IN_PASSPORT",
                "passport | kh 123456                   | LATIN_LETTERS_IN_PASSPORT",
                "passport | КH123456                    | LATIN_LETTERS_IN_PASSPORT",
            })
    void each_rule_reports_its_own_field_error(String field, String value, String code) {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        JsonObject form = profile(EMAIL, PHONE, "123456789").put(field, value);
        assertThat(fieldErrors(partner.put("/api/v1/partner/profile", form))).containsExactly(field + ":" + code);
        assertThat(partner.partner().getBoolean("profileComplete")).isFalse();
    }

    @Test
    void an_e_mail_is_at_most_254_characters_with_a_local_part_of_at_most_64() {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        String longest = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(58) + ".ua";
        assertThat(longest).hasSize(254);
        assertThat(partner.put("/api/v1/partner/profile", profile(longest, PHONE, "123456789"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(fieldErrors(partner.put("/api/v1/partner/profile", profile("a" + longest, PHONE, "123456789"))))
                .containsExactly("email:TOO_LONG");
        assertThat(fieldErrors(partner.put(
                        "/api/v1/partner/profile", profile("a".repeat(65) + "@example.com", PHONE, "123456789"))))
                .containsExactly("email:INVALID_EMAIL");
    }

    @Test
    void cyrillic_domains_are_e_mail_addresses_too() {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        HttpResponse<String> r =
                partner.put("/api/v1/partner/profile", profile("kontakt@пошта.укр", PHONE, "123456789"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(new JsonObject(r.body()).getString("email")).isEqualTo("kontakt@пошта.укр");
    }

    @Test
    void the_profile_refuses_what_the_one_e_mail_rule_refuses() {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        for (String bad : new String[] {"x@b..c", "a,b@x.ua", "a b@x.ua", "@x.ua"}) {
            assertThat(fieldErrors(partner.put("/api/v1/partner/profile", profile(bad, PHONE, "123456789"))))
                    .as(bad)
                    .containsExactly("email:INVALID_EMAIL");
        }
    }

    @Test
    void the_latin_letters_error_tells_the_partner_to_type_cyrillic() {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        JsonObject error = assertProblem(
                        partner.put("/api/v1/partner/profile", profile(EMAIL, PHONE, "KH123456")),
                        422,
                        "VALIDATION_FAILED")
                .getJsonArray("errors")
                .getJsonObject(0);
        assertThat(error.getJsonObject("messages").getString("uk"))
                .contains("латинськими")
                .contains("кирилич");
        assertThat(error.getJsonObject("messages").getString("en"))
                .contains("Latin")
                .contains("Cyrillic");
    }

    @Test
    void every_bad_field_is_reported_at_once_and_nothing_is_stored() {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        HttpResponse<String> r = partner.put("/api/v1/partner/profile", profile("nobody", "12345", "KH123456"));
        assertThat(fieldErrors(r))
                .containsExactlyInAnyOrder(
                        "email:INVALID_EMAIL", "phone:INVALID_PHONE", "passport:LATIN_LETTERS_IN_PASSPORT");

        HttpResponse<String> types = partner.put(
                "/api/v1/partner/profile",
                new JsonObject().put("email", 42).put("phone", true).put("passport", 123456789));
        assertThat(fieldErrors(types))
                .containsExactlyInAnyOrder("email:NOT_A_STRING", "phone:NOT_A_STRING", "passport:NOT_A_STRING");

        JsonObject body = partner.partner();
        assertThat(body.getString("email")).isNull();
        assertThat(body.getString("phone")).isNull();
        assertThat(body.getValue("passport")).isNull();
    }

    @Test
    void a_rejected_update_leaves_the_saved_profile_as_it_was() {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        partner.put("/api/v1/partner/profile", profile(EMAIL, PHONE, "КН123456"));
        JsonObject before = partner.partner();
        assertThat(fieldErrors(partner.put("/api/v1/partner/profile", profile("new@example.com", "+380", "КН123456"))))
                .containsExactly("phone:INVALID_PHONE");
        assertThat(partner.partner()).isEqualTo(before);
    }

    @Test
    void the_passport_may_be_left_out_to_keep_the_stored_one_but_not_before_there_is_one() {
        CabinetClient partner = CabinetClient.newLegalEntity(gateway, http);
        JsonObject withoutPassport = new JsonObject().put("email", EMAIL).put("phone", PHONE);
        assertThat(fieldErrors(partner.put("/api/v1/partner/profile", withoutPassport)))
                .containsExactly("passport:REQUIRED");
        assertThat(partner.partner().getString("email")).isNull();

        partner.put("/api/v1/partner/profile", profile(EMAIL, PHONE, "КН123456"));
        HttpResponse<String> r = partner.put(
                "/api/v1/partner/profile",
                new JsonObject()
                        .put("email", "new@example.com")
                        .put("phone", PHONE)
                        .put("passport", ""));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getString("email")).isEqualTo("new@example.com");
        assertThat(body.getJsonObject("passport").getString("number")).isEqualTo("КН••••56");
    }

    @Test
    void without_a_session_the_profile_and_the_offer_are_401() {
        HttpResponse<String> get = http.get("/api/v1/partner");
        assertProblem(get, 401, "UNAUTHENTICATED");
        HttpResponse<String> put = http.send(http.request("/api/v1/partner/profile")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        profile(EMAIL, PHONE, "123456789").encode()))
                .build());
        assertProblem(put, 401, "UNAUTHENTICATED");
        assertProblem(http.get("/api/v1/offer"), 401, "UNAUTHENTICATED");
        HttpResponse<String> accept = http.send(http.request("/api/v1/offer/accept")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"version\":1,\"signature\":\"AA==\"}"))
                .build());
        assertProblem(accept, 401, "UNAUTHENTICATED");
        HttpResponse<String> forged = http.send(http.request("/api/v1/partner")
                .header("Authorization", "Bearer x.y.z")
                .build());
        assertProblem(forged, 401, "UNAUTHENTICATED");
    }

    @Test
    void the_passport_cannot_be_read_from_the_partner_table() {
        CabinetClient booklet = CabinetClient.newLegalEntity(gateway, http);
        CabinetClient idCard = CabinetClient.newLegalEntity(gateway, http);
        booklet.put("/api/v1/partner/profile", profile(EMAIL, PHONE, "КН123456"));
        idCard.put("/api/v1/partner/profile", profile(EMAIL, PHONE, "123456789"));

        for (CabinetClient partner : new CabinetClient[] {booklet, idCard}) {
            String row = query(gateway, "SELECT row_to_json(p)::text FROM partner p WHERE id = $1", partner.partnerId)
                    .iterator()
                    .next()
                    .getString(0);
            assertThat(row).contains("+380678900077").doesNotContain("123456", "КН", "кн");
            byte[] stored = storedPassport(partner);
            for (String secret : new String[] {"123456", "КН", "123456789"}) {
                assertThat(indexOf(stored, secret.getBytes(StandardCharsets.UTF_8)))
                        .as(secret)
                        .isEqualTo(-1);
                assertThat(indexOf(stored, secret.getBytes(StandardCharsets.UTF_16BE)))
                        .as(secret)
                        .isEqualTo(-1);
            }
        }

        // A fresh nonce each time: equal passports do not give equal, matchable ciphertexts.
        byte[] first = storedPassport(booklet);
        booklet.put("/api/v1/partner/profile", profile(EMAIL, PHONE, "КН123456"));
        assertThat(storedPassport(booklet)).isNotEqualTo(first);
    }

    @Test
    void a_passport_copied_into_another_partners_row_does_not_open_there() {
        CabinetClient owner = CabinetClient.newLegalEntity(gateway, http);
        CabinetClient other = CabinetClient.newLegalEntity(gateway, http);
        owner.put("/api/v1/partner/profile", profile(EMAIL, PHONE, "КН123456"));
        other.put("/api/v1/partner/profile", profile(EMAIL, PHONE, "987654321"));

        query(
                gateway,
                "UPDATE partner SET passport_encrypted = (SELECT passport_encrypted FROM partner WHERE id = $1)"
                        + " WHERE id = $2",
                owner.partnerId,
                other.partnerId);
        assertThat(storedPassport(other)).isEqualTo(storedPassport(owner));

        JsonObject body = other.partner();
        assertThat(body.getValue("passport")).isNull();
        assertThat(body.getBoolean("profileComplete")).isFalse();
        assertThat(body.encode()).doesNotContain("КН");
        assertThat(owner.partner().getJsonObject("passport").getString("number"))
                .isEqualTo("КН••••56");

        // Entering it again repairs the row.
        HttpResponse<String> r = other.put("/api/v1/partner/profile", profile(EMAIL, PHONE, "987654321"));
        assertThat(new JsonObject(r.body()).getJsonObject("passport").getString("number"))
                .isEqualTo("•••••4321");
    }

    private static byte[] storedPassport(CabinetClient partner) {
        Buffer stored = query(gateway, "SELECT passport_encrypted FROM partner WHERE id = $1", partner.partnerId)
                .iterator()
                .next()
                .getBuffer(0);
        assertThat(stored).isNotNull();
        return stored.getBytes();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

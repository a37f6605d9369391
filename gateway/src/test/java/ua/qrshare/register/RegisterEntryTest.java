package ua.qrshare.register;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import ua.qrshare.dev.DemoPartners;

class RegisterEntryTest {

    @Test
    void edrpou_check_digits_of_real_codes_are_accepted() {
        // ПриватБанк, Ощадбанк, Укрпошта
        assertThat(RegisterEntry.edrpouChecksumValid("14360570")).isTrue();
        assertThat(RegisterEntry.edrpouChecksumValid("00032129")).isTrue();
        assertThat(RegisterEntry.edrpouChecksumValid("21560045")).isTrue();
        for (RegisterEntry demo : DemoPartners.ORGANISATIONS) {
            assertThat(RegisterEntry.edrpouChecksumValid(demo.edrpou()))
                    .as(demo.edrpou())
                    .isTrue();
        }
    }

    @Test
    void every_branch_of_the_check_digit_rule_is_followed() {
        assertThat(RegisterEntry.edrpouChecksumValid("37905414"))
                .as("weights 7,1…6 between 30 and 60 million")
                .isTrue();
        assertThat(RegisterEntry.edrpouChecksumValid("37905411")).isFalse();
        assertThat(RegisterEntry.edrpouChecksumValid("10000062"))
                .as("remainder 10: weights raised by 2")
                .isTrue();
        assertThat(RegisterEntry.edrpouChecksumValid("35000016"))
                .as("raised weights, middle range")
                .isTrue();
        assertThat(RegisterEntry.edrpouChecksumValid("10000060")).isFalse();
    }

    @Test
    void a_wrong_check_digit_is_caught() {
        assertThat(RegisterEntry.edrpouChecksumValid("14360571")).isFalse();
        assertThat(RegisterEntry.edrpouChecksumValid("00032120")).isFalse();
    }

    @Test
    void each_problem_has_its_own_reason_that_never_quotes_a_value() {
        assertThat(entry("1436057", "Н", "1234567890", "Г", "А").problem()).contains("EDRPOU must be 8 digits");
        assertThat(entry("14360571", "Н", "1234567890", "Г", "А").problem()).contains("EDRPOU check digit is wrong");
        assertThat(entry("14360570", "", "1234567890", "Г", "А").problem()).contains("name is empty");
        assertThat(entry("14360570", "Н".repeat(501), "1234567890", "Г", "А").problem())
                .contains("name is longer than 500 characters");
        assertThat(entry("14360570", "Н", "123456789", "Г", "А").problem()).contains("head RNOKPP must be 10 digits");
        assertThat(entry("14360570", "Н", "1234567890", "", "А").problem()).contains("head name is empty");
        assertThat(entry("14360570", "Н", "1234567890", "Г", "").problem()).contains("address is empty");
        assertThat(entry("14360570", "ТОВ \u202Eкаб", "1234567890", "Г", "А").problem())
                .contains("name contains a control or bidirectional formatting character");
        assertThat(entry("14360570", "Н", "1234567890", "Г\nBcc", "А").problem())
                .contains("head name contains a control or bidirectional formatting character");
        assertThat(entry("14360570", "Н", "1234567890", "Г", "м. Київ\u0000").problem())
                .contains("address contains a control or bidirectional formatting character");
        assertThat(entry("14360570", "Н", "1234567890", "Г", "А").problem()).isEmpty();
        assertThat(entry("14360570", "Н", "1234567890", "Г", "А").toString()).doesNotContain("1234567890");
    }

    private static RegisterEntry entry(String edrpou, String name, String rnokpp, String head, String address) {
        return new RegisterEntry(edrpou, name, rnokpp, head, address);
    }
}

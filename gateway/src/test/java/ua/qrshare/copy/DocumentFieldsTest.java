package ua.qrshare.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DocumentFieldsTest {

    @Test
    void coversExactlyTheCatalogInItsOrder() throws IOException {
        List<String> catalog = new ArrayList<>();
        Matcher m = Pattern.compile("\\('([a-z-]+)', \\d+,").matcher(resource("db/migration/V1__document_types.sql"));
        while (m.find()) {
            catalog.add(m.group(1));
        }
        assertThat(catalog).hasSize(8);
        assertThat(DocumentFields.all())
                .extracting(DocumentFields::documentType)
                .containsExactlyElementsOf(catalog);
    }

    @Test
    void keysAreCamelCaseAndLabelsAreUkrainianAndEnglish() {
        Pattern cyrillic = Pattern.compile("\\p{IsCyrillic}");
        for (DocumentFields type : DocumentFields.all()) {
            assertThat(type.keys()).hasSameSizeAs(type.fields());
            for (DocumentFields.Field f : type.fields()) {
                assertThat(f.key()).as(type.documentType()).matches("[a-z][a-zA-Z]*");
                if (!f.key().equals("vin")) {
                    assertThat(cyrillic.matcher(f.labelUk()).find())
                            .as(f.labelUk())
                            .isTrue();
                }
                assertThat(f.labelEn()).as(f.key()).matches("[\\x20-\\x7E’³]+");
            }
        }
    }

    @Test
    void aKeyMeansTheSameKindOfValueInEveryType() {
        Map<String, DocumentFields.Kind> kinds = new HashMap<>();
        for (DocumentFields type : DocumentFields.all()) {
            for (DocumentFields.Field f : type.fields()) {
                DocumentFields.Kind seen = kinds.putIfAbsent(f.key(), f.kind());
                assertThat(seen == null ? f.kind() : seen).as(f.key()).isEqualTo(f.kind());
                assertThat(f.kind() == DocumentFields.Kind.DATE)
                        .as(f.key())
                        .isEqualTo(f.key().endsWith("Date"));
            }
        }
    }

    @Test
    void photoOnlyWhereTheNoticeListsAFaceImageOrPhotograph() {
        assertThat(DocumentFields.all())
                .filteredOn(DocumentFields::photo)
                .extracting(DocumentFields::documentType)
                .containsExactly("id-card", "foreign-passport", "student-card", "driver-license");
    }

    @Test
    void passportsShowTheNoticesListForIdCardsAndPassports() {
        List<String> expected = List.of(
                "lastName",
                "firstName",
                "patronymic",
                "lastNameLatin",
                "firstNameLatin",
                "sex",
                "birthDate",
                "birthPlace",
                "recordNumber",
                "issueDate",
                "expiryDate",
                "documentNumber",
                "issuedBy",
                "taxpayerNumber",
                "residenceAddress",
                "residenceRegistrationDate");
        assertThat(DocumentFields.of("id-card").keys()).containsExactlyElementsOf(expected);
        assertThat(DocumentFields.of("foreign-passport").keys()).containsExactlyElementsOf(expected);
        assertThat(DocumentFields.of("id-card").requiredKeys())
                .doesNotContain("patronymic", "taxpayerNumber", "residenceAddress", "residenceRegistrationDate");
    }

    @Test
    void shortListsMatchTheNotice() {
        assertThat(DocumentFields.of("taxpayer-card").keys())
                .containsExactly("lastName", "firstName", "patronymic", "birthDate", "taxpayerNumber");
        assertThat(DocumentFields.of("driver-license").keys())
                .containsExactly(
                        "lastName",
                        "firstName",
                        "patronymic",
                        "birthDate",
                        "expiryDate",
                        "issuedBy",
                        "documentNumber",
                        "categories");
        assertThat(DocumentFields.of("student-card").keys())
                .containsExactly(
                        "lastName",
                        "firstName",
                        "patronymic",
                        "cardType",
                        "documentNumber",
                        "status",
                        "issuedBy",
                        "faculty",
                        "department",
                        "studyForm",
                        "issueDate",
                        "expiryDate",
                        "edeboId");
    }

    @Test
    void longListsMatchTheNotice() {
        assertThat(DocumentFields.of("vehicle-registration").keys())
                .hasSize(22)
                .startsWith("plateNumber", "documentNumber", "firstRegistrationDate", "registrationDate", "vin")
                .endsWith("ownerName", "ownership", "ownerAddress")
                .doesNotContain("lastName", "birthDate");
        assertThat(DocumentFields.of("idp-certificate").keys())
                .containsExactly(
                        "lastName",
                        "firstName",
                        "patronymic",
                        "birthDate",
                        "birthPlace",
                        "sex",
                        "identityDocumentNumber",
                        "identityDocumentIssuedBy",
                        "identityDocumentIssueDate",
                        "residenceAddress",
                        "actualAddress",
                        "documentNumber",
                        "issueDate",
                        "issuedBy");
        assertThat(DocumentFields.of("birth-certificate").keys())
                .hasSize(20)
                .contains(
                        "actRecordNumber",
                        "actRecordDate",
                        "fatherName",
                        "motherName",
                        "motherNationality",
                        "registrationPlace",
                        "nationality");
        assertThat(DocumentFields.of("birth-certificate").requiredKeys())
                .doesNotContain("recordNumber", "taxpayerNumber", "nationality", "residenceAddress", "fatherName");
    }

    @Test
    void everyPersonalDocumentRequiresTheHoldersName() {
        for (DocumentFields type : DocumentFields.all()) {
            if (!type.documentType().equals("vehicle-registration")) {
                assertThat(type.requiredKeys()).as(type.documentType()).contains("lastName", "firstName");
                assertThat(type.requiredKeys()).doesNotContain("patronymic");
            }
        }
    }

    @Test
    void unknownTypesAreRefused() {
        assertThatThrownBy(() -> DocumentFields.of("covid-certificate")).isInstanceOf(IllegalArgumentException.class);
        assertThat(DocumentFields.find("covid-certificate")).isEmpty();
        assertThat(DocumentFields.find("id-card")).isPresent();
        assertThat(DocumentFields.of("id-card").field("nickname")).isEmpty();
    }

    @Test
    void jsonDescribesFieldsForClients() {
        JsonObject json = DocumentFields.of("taxpayer-card").json();
        assertThat(json.getString("documentType")).isEqualTo("taxpayer-card");
        assertThat(json.getBoolean("photo")).isFalse();
        JsonObject birthDate = json.getJsonArray("fields").getJsonObject(3);
        assertThat(birthDate.getString("key")).isEqualTo("birthDate");
        assertThat(birthDate.getString("kind")).isEqualTo("date");
        assertThat(birthDate.getBoolean("required")).isTrue();
        assertThat(birthDate.getJsonObject("label").getString("uk")).isEqualTo("Дата народження");
        assertThat(birthDate.getJsonObject("label").getString("en")).isEqualTo("Date of birth");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DocumentFieldsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

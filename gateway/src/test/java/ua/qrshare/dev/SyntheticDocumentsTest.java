package ua.qrshare.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import ua.qrshare.copy.DocumentFields;
import ua.qrshare.copy.Transliteration;
import ua.qrshare.dev.SyntheticDocuments.SyntheticDocument;

class SyntheticDocumentsTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 7, 1);
    static final int SEEDS = 300;

    static Stream<String> types() {
        return DocumentFields.all().stream().map(DocumentFields::documentType);
    }

    @ParameterizedTest
    @MethodSource("types")
    void usesOnlyTheTypesKeysAndAllItsRequiredOnes(String type) {
        DocumentFields fields = DocumentFields.of(type);
        for (long seed = 0; seed < SEEDS; seed++) {
            Map<String, String> doc = generate(type, seed);
            assertThat(fields.keys()).containsAll(doc.keySet());
            assertThat(doc.keySet()).containsAll(fields.requiredKeys());
            assertThat(doc.values()).allSatisfy(v -> assertThat(v).isNotBlank().isEqualTo(v.strip()));
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void sameSeedSameDocumentOtherSeedOtherDocument(String type) {
        SyntheticDocument a = SyntheticDocuments.generate(type, 7, AS_OF, true);
        SyntheticDocument b = SyntheticDocuments.generate(type, 7, AS_OF, true);
        assertThat(b.fields()).isEqualTo(a.fields());
        assertThat(b.photoPng()).isEqualTo(a.photoPng());
        assertThat(generate(type, 8)).isNotEqualTo(a.fields());
    }

    @Test
    void taxpayerNumbersEncodeBirthDateAndSexAndCarryTheCheckDigit() {
        assertThat(validTaxpayerNumber("1759013776")).isTrue();
        assertThat(validTaxpayerNumber("1759013770")).isFalse();
        for (long seed = 0; seed < SEEDS; seed++) {
            Map<String, String> doc = generate("id-card", seed);
            String rnokpp = doc.get("taxpayerNumber");
            assertThat(validTaxpayerNumber(rnokpp)).as(rnokpp).isTrue();
            int[] d = rnokpp.chars().map(c -> c - '0').toArray();
            LocalDate encoded = LocalDate.of(1900, 1, 1).plusDays(Integer.parseInt(rnokpp.substring(0, 5)) - 1);
            assertThat(encoded).isEqualTo(LocalDate.parse(doc.get("birthDate")));
            assertThat(d[8] % 2 == 1).as(rnokpp).isEqualTo(doc.get("sex").equals("чоловіча"));
        }
    }

    /** Weights 10 5 7 9 4 6 10 5 7 over the first nine digits (the official −1 is 10 modulo 11), mod 11, mod 10. */
    private static boolean validTaxpayerNumber(String rnokpp) {
        if (!rnokpp.matches("\\d{10}")) {
            return false;
        }
        int[] weights = {10, 5, 7, 9, 4, 6, 10, 5, 7};
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (rnokpp.charAt(i) - '0') * weights[i];
        }
        return rnokpp.charAt(9) - '0' == sum % 11 % 10;
    }

    @Test
    void recordNumbersStartWithTheBirthDateAndEndWithTheCheckDigit() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Map<String, String> doc = generate("foreign-passport", seed);
            String unzr = doc.get("recordNumber");
            assertThat(unzr).matches("\\d{8}-\\d{5}");
            assertThat(unzr.substring(0, 8)).isEqualTo(doc.get("birthDate").replace("-", ""));
            String digits = unzr.replace("-", "");
            int sum = 0;
            for (int i = 0; i < 12; i++) {
                sum += (digits.charAt(i) - '0') * new int[] {7, 3, 1}[i % 3];
            }
            assertThat(digits.charAt(12) - '0').as(unzr).isEqualTo(sum % 10);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "id-card, documentNumber, \\d{9}",
        "id-card, issuedBy, \\d{4}",
        "foreign-passport, documentNumber, [A-Z]{2}\\d{6}",
        "driver-license, documentNumber, [A-Z]{3}\\d{6}",
        "driver-license, issuedBy, ТСЦ \\d{4}",
        "vehicle-registration, documentNumber, C[A-Z]{2}\\d{6}",
        "vehicle-registration, plateNumber, [A-Z]{2}\\d{4}[A-Z]{2}",
        "vehicle-registration, vin, [A-HJ-NPR-Z0-9]{17}",
        "student-card, documentNumber, KB\\d{8}",
        "birth-certificate, documentNumber, 'I{1,3}-[А-ЯІЇЄҐ]{2} \\d{6}'",
        "idp-certificate, documentNumber, \\d{4}-\\d{10}",
    })
    void documentNumbersHaveTheirRealFormats(String type, String key, String format) {
        for (long seed = 0; seed < SEEDS; seed++) {
            assertThat(generate(type, seed).get(key)).matches(format);
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void datesAreConsistentAndDocumentsValidOnTheDay(String type) {
        for (long seed = 0; seed < SEEDS; seed++) {
            Map<String, String> doc = generate(type, seed);
            LocalDate born = date(doc, "birthDate");
            LocalDate issued = date(doc, "issueDate");
            LocalDate expires = date(doc, "expiryDate");
            if (born != null && !type.equals("birth-certificate")) {
                assertThat(born).isBetween(AS_OF.minusYears(70), AS_OF.minusYears(18));
            }
            if (born != null && issued != null) {
                assertThat(issued).isAfterOrEqualTo(type.equals("birth-certificate") ? born : born.plusDays(1));
            }
            if (expires != null) {
                assertThat(expires).isAfter(issued == null ? born : issued).isAfter(AS_OF);
            }
            if (issued != null) {
                assertThat(issued).isBefore(AS_OF);
            }
        }
    }

    @Test
    void vehicleDatesFollowManufacture() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Map<String, String> doc = generate("vehicle-registration", seed);
            LocalDate first = date(doc, "firstRegistrationDate");
            assertThat(first.getYear()).isGreaterThanOrEqualTo(Integer.parseInt(doc.get("manufactureYear")));
            assertThat(date(doc, "registrationDate")).isAfterOrEqualTo(first).isBefore(AS_OF);
            assertThat(doc.get("chassisNumber")).isEqualTo(doc.get("vin"));
        }
    }

    @Test
    void namesAgreeWithSex() {
        Set<String> surnames = new HashSet<>();
        for (long seed = 0; seed < SEEDS; seed++) {
            Map<String, String> doc = generate("idp-certificate", seed);
            boolean male = doc.get("sex").equals("чоловіча");
            assertThat(doc.get("patronymic")).matches(male ? ".+(ович|йович)" : ".+(івна|ївна)");
            assertThat(doc.get("lastName")).matches(male ? ".*" : ".*[^ийь]");
            surnames.add(doc.get("lastName"));
        }
        assertThat(surnames).contains("Ковальський", "Ковальська");
    }

    @Test
    void latinNamesAreTheOfficialTransliteration() {
        for (long seed = 0; seed < 50; seed++) {
            Map<String, String> doc = generate("id-card", seed);
            assertThat(doc.get("lastNameLatin"))
                    .isEqualTo(Transliteration.latin(doc.get("lastName")))
                    .matches("[A-Za-z]+");
            assertThat(doc.get("firstNameLatin")).isEqualTo(Transliteration.latin(doc.get("firstName")));
        }
    }

    /** The examples of the table in Постанова КМУ № 55. */
    @ParameterizedTest
    @CsvSource({
        "Згорани, Zghorany",
        "Розгон, Rozghon",
        "Єнакієве, Yenakiieve",
        "Гаєвич, Haievych",
        "Їжакевич, Yizhakevych",
        "Кадиївка, Kadyivka",
        "Йосипівка, Yosypivka",
        "Стрий, Stryi",
        "Олексій, Oleksii",
        "Юрій, Yurii",
        "Корюківка, Koriukivka",
        "Яготин, Yahotyn",
        "Костянтин, Kostiantyn",
        "Знам’янка, Znamianka",
        "Феодосія, Feodosiia",
        "Щербухи, Shcherbukhy",
        "Гоща, Hoshcha",
        "Русь, Rus",
        "Ґалаґан, Galagan",
        "Хуст, Khust",
        "Цюрупинськ, Tsiurupynsk",
        "Жашків, Zhashkiv",
        "Біла Церква, Bila Tserkva"
    })
    void transliterationFollowsTheOfficialTable(String ukrainian, String latin) {
        assertThat(Transliteration.latin(ukrainian)).isEqualTo(latin);
    }

    @Test
    void aSeedIsOneCitizenAcrossDocuments() {
        for (long seed = 0; seed < 50; seed++) {
            Map<String, String> id = generate("id-card", seed);
            Map<String, String> idp = generate("idp-certificate", seed);
            Map<String, String> birth = generate("birth-certificate", seed);
            Map<String, String> car = generate("vehicle-registration", seed);
            String fullName = id.get("lastName") + " " + id.get("firstName") + " " + id.get("patronymic");
            assertThat(idp.get("identityDocumentNumber")).isEqualTo(id.get("documentNumber"));
            assertThat(idp.get("actualAddress")).isEqualTo(id.get("residenceAddress"));
            assertThat(generate("taxpayer-card", seed).get("taxpayerNumber")).isEqualTo(id.get("taxpayerNumber"));
            assertThat(car.get("ownerName")).isEqualTo(id.get("firstName") + " " + id.get("lastName"));
            assertThat(id.get("sex").equals("чоловіча") ? birth.get("fatherName") : birth.get("motherName"))
                    .isEqualTo(fullName);
        }
    }

    @Test
    void aChildsPatronymicComesFromTheFathersNameAndBirthFromTheParentsAdulthood() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Map<String, String> birth = generate("birth-certificate", seed);
            String fathersName = birth.get("fatherName").split(" ")[1];
            String stem = fathersName.substring(0, fathersName.length() - 2);
            assertThat(birth.get("patronymic")).as(birth.get("fatherName")).startsWith(stem);
            LocalDate born = date(birth, "birthDate");
            assertThat(born).isBetween(AS_OF.minusYears(14), AS_OF);
            assertThat(date(birth, "actRecordDate")).isBetween(born, AS_OF);
            LocalDate parentBorn = date(generate("id-card", seed), "birthDate");
            assertThat(born).isAfter(parentBorn.plusYears(18));
        }
    }

    @Test
    void photosAreSmallPngAvatarsOnlyForTypesThatCarryOne() throws IOException {
        for (String type : types().toList()) {
            SyntheticDocument doc = SyntheticDocuments.generate(type, 3, AS_OF, true);
            assertThat(doc.photoPng() != null)
                    .as(type)
                    .isEqualTo(DocumentFields.of(type).photo());
            assertThat(SyntheticDocuments.generate(type, 3, AS_OF, false).photoPng())
                    .isNull();
        }
        byte[] png = SyntheticDocuments.generate("id-card", 3, AS_OF, true).photoPng();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(png.length).isBetween(500, 8 * 1024);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(140);
        assertThat(image.getHeight()).isEqualTo(180);
        long distinct = LongStream.range(0, 20)
                .mapToObj(s -> java.util.Arrays.hashCode(
                        SyntheticDocuments.generate("id-card", s, AS_OF, true).photoPng()))
                .distinct()
                .count();
        assertThat(distinct).isGreaterThan(10);
    }

    private static Map<String, String> generate(String type, long seed) {
        return SyntheticDocuments.generate(type, seed, AS_OF, false).fields();
    }

    private static LocalDate date(Map<String, String> doc, String key) {
        String value = doc.get(key);
        return value == null ? null : LocalDate.parse(value);
    }
}

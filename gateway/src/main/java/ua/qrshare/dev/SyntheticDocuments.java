package ua.qrshare.dev;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import ua.qrshare.copy.DocumentFields;
import ua.qrshare.copy.Transliteration;

/**
 * Realistic but invented Ukrainian documents for dev mode and load tests. A seed stands for one citizen: every
 * document type generated from the same seed names the same person with the same birth date, taxpayer number, УНЗР,
 * address and ID card, so a simulated citizen's documents agree with each other. The same seed and date always give
 * the same document.
 *
 * <p>Values follow the real formats: RNOKPP with the birth date in its first five digits and the official check digit,
 * УНЗР {@code YYYYMMDD-NNNNC} with a check digit, names with gender agreement and patronymics from the father's name, dates in order
 * (born 18–70 years before {@code asOf}, issued after birth, expiring after issue, documents valid on {@code asOf}).
 * Dates are ISO, as attestations carry them.
 */
public final class SyntheticDocuments {

    /** The generated fields (keys from {@link DocumentFields}, catalog order) and a PNG photo or {@code null}. */
    public record SyntheticDocument(String documentType, Map<String, String> fields, byte[] photoPng) {}

    /** Day 1 of the RNOKPP's birth-date count is 1900-01-01. */
    private static final LocalDate RNOKPP_EPOCH = LocalDate.of(1899, 12, 31);

    private static final int[] RNOKPP_WEIGHTS = {-1, 5, 7, 9, 4, 6, 10, 5, 7};
    /** ID cards replaced booklet passports from this day. */
    private static final LocalDate FIRST_ID_CARD = LocalDate.of(2016, 1, 11);

    private static final LocalDate FIRST_IDP_CERTIFICATE = LocalDate.of(2014, 10, 1);
    /** Letters that read the same in Latin and Cyrillic, as Ukrainian plates and document series use. */
    private static final String SHARED_LETTERS = "ABCEHIKMOPTX";

    private static final String VIN_CHARACTERS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    private static final DateTimeFormatter COMPACT_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    /** Surnames as {masculine, feminine}. */
    private static final String[][] SURNAMES = {
        {"Шевченко", "Шевченко"},
        {"Коваленко", "Коваленко"},
        {"Бондаренко", "Бондаренко"},
        {"Ткаченко", "Ткаченко"},
        {"Кравченко", "Кравченко"},
        {"Олійник", "Олійник"},
        {"Мельник", "Мельник"},
        {"Шевчук", "Шевчук"},
        {"Поліщук", "Поліщук"},
        {"Бойко", "Бойко"},
        {"Ткачук", "Ткачук"},
        {"Савченко", "Савченко"},
        {"Руденко", "Руденко"},
        {"Мороз", "Мороз"},
        {"Лисенко", "Лисенко"},
        {"Гнатюк", "Гнатюк"},
        {"Ковальський", "Ковальська"},
        {"Яворський", "Яворська"},
        {"Вишневський", "Вишневська"},
        {"Білий", "Біла"},
        {"Зозуля", "Зозуля"}
    };
    /** Men's names with the patronymics they give: {name, son's, daughter's}. */
    private static final String[][] MEN = {
        {"Олександр", "Олександрович", "Олександрівна"},
        {"Андрій", "Андрійович", "Андріївна"},
        {"Дмитро", "Дмитрович", "Дмитрівна"},
        {"Сергій", "Сергійович", "Сергіївна"},
        {"Володимир", "Володимирович", "Володимирівна"},
        {"Тарас", "Тарасович", "Тарасівна"},
        {"Микола", "Миколайович", "Миколаївна"},
        {"Іван", "Іванович", "Іванівна"},
        {"Юрій", "Юрійович", "Юріївна"},
        {"Богдан", "Богданович", "Богданівна"},
        {"Олег", "Олегович", "Олегівна"},
        {"Василь", "Васильович", "Василівна"},
        {"Петро", "Петрович", "Петрівна"},
        {"Віталій", "Віталійович", "Віталіївна"},
        {"Григорій", "Григорович", "Григорівна"},
        {"Михайло", "Михайлович", "Михайлівна"},
        {"Ярослав", "Ярославович", "Ярославівна"},
        {"Ігор", "Ігорович", "Ігорівна"},
        {"В’ячеслав", "В’ячеславович", "В’ячеславівна"}
    };

    private static final String[] WOMEN = {
        "Олена",
        "Наталія",
        "Оксана",
        "Тетяна",
        "Ірина",
        "Юлія",
        "Марія",
        "Світлана",
        "Катерина",
        "Анна",
        "Ольга",
        "Людмила",
        "Галина",
        "Софія",
        "Вікторія",
        "Ярослава"
    };

    /** {region ("" for Kyiv), city, authority code prefix, plate letters, birth-certificate series letters}. */
    private static final String[][] PLACES = {
        {"", "м. Київ", "80", "AA", "КВ"},
        {"Київська обл.", "м. Біла Церква", "32", "AI", "КС"},
        {"Львівська обл.", "м. Львів", "46", "BC", "ЛВ"},
        {"Харківська обл.", "м. Харків", "63", "AX", "ХР"},
        {"Одеська обл.", "м. Одеса", "51", "BH", "ОД"},
        {"Дніпропетровська обл.", "м. Дніпро", "12", "AE", "ДН"},
        {"Житомирська обл.", "м. Житомир", "18", "AM", "ЖМ"},
        {"Полтавська обл.", "м. Полтава", "53", "BI", "ПЛ"},
        {"Вінницька обл.", "м. Вінниця", "05", "AB", "ВН"},
        {"Чернігівська обл.", "м. Чернігів", "74", "CB", "ЧН"}
    };
    /** Registered homes left behind, for the IDP certificate. */
    private static final String[][] LEFT_BEHIND = {
        {"Донецька обл.", "м. Маріуполь"},
        {"Донецька обл.", "м. Бахмут"},
        {"Луганська обл.", "м. Сєвєродонецьк"},
        {"Херсонська обл.", "м. Нова Каховка"},
        {"Запорізька обл.", "м. Мелітополь"}
    };

    private static final String[] STREETS = {
        "вул. Шевченка",
        "вул. Грушевського",
        "просп. Незалежності",
        "вул. Івана Франка",
        "вул. Лесі Українки",
        "вул. Соборна",
        "бульв. Героїв",
        "вул. Садова",
        "вул. Київська"
    };
    private static final String[][] UNIVERSITIES = {
        {
            "Київський національний університет імені Тараса Шевченка",
            "Факультет комп’ютерних наук та кібернетики",
            "Кафедра програмних систем і технологій"
        },
        {
            "Національний університет «Львівська політехніка»",
            "Інститут комп’ютерних наук та інформаційних " + "технологій",
            "Кафедра систем штучного інтелекту"
        },
        {
            "Харківський національний університет імені В. Н. Каразіна",
            "Економічний факультет",
            "Кафедра фінансів і кредиту"
        },
        {
            "Національний університет «Києво-Могилянська академія»",
            "Факультет правничих наук",
            "Кафедра міжнародного права"
        }
    };
    /** {make, model, world manufacturer identifier, type, engine capacity ("" for electric), fuel}. */
    private static final String[][] VEHICLES = {
        {"VOLKSWAGEN", "PASSAT", "WVW", "легковий універсал-B", "1968", "дизельне паливо"},
        {"SKODA", "OCTAVIA", "TMB", "легковий ліфтбек-B", "1395", "бензин"},
        {"TOYOTA", "COROLLA", "NMT", "легковий седан-B", "1598", "бензин"},
        {"RENAULT", "MEGANE", "VF1", "легковий хетчбек-B", "1461", "дизельне паливо"},
        {"HYUNDAI", "TUCSON", "TMA", "легковий універсал-B", "1999", "бензин"},
        {"NISSAN", "LEAF", "SJN", "легковий хетчбек-B", "", "електроенергія"}
    };

    private static final String[] COLOURS = {"сірий", "чорний", "білий", "синій", "червоний", "зелений"};
    private static final String[] LICENCE_CATEGORIES = {"B", "A, B", "B, C1", "A1, A, B1, B", "B, BE"};

    private SyntheticDocuments() {}

    /**
     * One document of the type for the citizen the seed stands for, valid on {@code asOf}; with a photo when asked
     * for and the type carries one.
     */
    public static SyntheticDocument generate(String documentType, long seed, LocalDate asOf, boolean withPhoto) {
        DocumentFields type = DocumentFields.of(documentType);
        Citizen citizen = new Citizen(seed, asOf);
        // Document-specific draws come from their own stream, so the citizen stays the same across types.
        Random random = random(seed ^ documentType.hashCode());
        Map<String, String> fields = switch (documentType) {
            case "id-card" -> idCard(citizen);
            case "foreign-passport" -> foreignPassport(citizen, random);
            case "taxpayer-card" -> taxpayerCard(citizen);
            case "idp-certificate" -> idpCertificate(citizen, random);
            case "birth-certificate" -> birthCertificate(citizen, random);
            case "student-card" -> studentCard(citizen, random);
            case "driver-license" -> driverLicense(citizen, random);
            case "vehicle-registration" -> vehicleRegistration(citizen, random);
            default -> throw new IllegalArgumentException("no generator for " + documentType);
        };
        byte[] photo = withPhoto && type.photo() ? SyntheticPhoto.png(random(~seed)) : null;
        return new SyntheticDocument(documentType, Collections.unmodifiableMap(fields), photo);
    }

    private static Map<String, String> idCard(Citizen c) {
        return passport(c, c.idCardNumber, c.idCardIssuedBy, c.idCardIssued);
    }

    private static Map<String, String> foreignPassport(Citizen c, Random r) {
        LocalDate issued = between(r, latest(c.birthDate.plusYears(16), c.asOf.minusYears(9)), c.asOf.minusDays(1));
        String number = "" + "FG".charAt(r.nextInt(2)) + (char) ('A' + r.nextInt(26)) + digits(r, 6);
        return passport(c, number, c.place[2] + digits(r, 2), issued);
    }

    /** The ID card and the passport for travel abroad show the same things (valid ten years from issue). */
    private static Map<String, String> passport(Citizen c, String number, String issuedBy, LocalDate issued) {
        Map<String, String> f = c.name();
        f.put("lastNameLatin", Transliteration.latin(c.lastName));
        f.put("firstNameLatin", Transliteration.latin(c.firstName));
        f.put("sex", c.sex());
        f.put("birthDate", c.birthDate.toString());
        f.put("birthPlace", c.birthPlace);
        f.put("recordNumber", c.recordNumber);
        f.put("issueDate", issued.toString());
        f.put("expiryDate", issued.plusYears(10).toString());
        f.put("documentNumber", number);
        f.put("issuedBy", issuedBy);
        f.put("taxpayerNumber", c.taxpayerNumber);
        f.put("residenceAddress", c.address);
        f.put("residenceRegistrationDate", c.addressRegistered.toString());
        return f;
    }

    private static Map<String, String> taxpayerCard(Citizen c) {
        Map<String, String> f = c.name();
        f.put("birthDate", c.birthDate.toString());
        f.put("taxpayerNumber", c.taxpayerNumber);
        return f;
    }

    /** Registered at a home the citizen had to leave; living at their current address. */
    private static Map<String, String> idpCertificate(Citizen c, Random r) {
        Map<String, String> f = c.name();
        f.put("birthDate", c.birthDate.toString());
        f.put("birthPlace", c.birthPlace);
        f.put("sex", c.sex());
        f.put("identityDocumentNumber", c.idCardNumber);
        f.put("identityDocumentIssuedBy", c.idCardIssuedBy);
        f.put("identityDocumentIssueDate", c.idCardIssued.toString());
        String[] home = pick(r, LEFT_BEHIND);
        f.put("residenceAddress", address(r, home[0], home[1]));
        f.put("actualAddress", c.address);
        f.put("documentNumber", digits(r, 4) + "-" + digits(r, 10));
        f.put(
                "issueDate",
                between(r, latest(FIRST_IDP_CERTIFICATE, c.birthDate), c.asOf.minusDays(1))
                        .toString());
        f.put("issuedBy", "Управління соціального захисту населення, " + c.place[1]);
        return f;
    }

    /** The citizen's child, under 14 as Дія shows them; the citizen is one parent and a spouse the other. */
    private static Map<String, String> birthCertificate(Citizen c, Random r) {
        boolean son = r.nextBoolean();
        String[] spousesFather = pick(r, MEN);
        String[] husband = c.male ? null : pick(r, MEN);
        String spouse = c.male
                ? surname(c.surname, false) + " " + pick(r, WOMEN) + " " + spousesFather[2]
                : surname(c.surname, true) + " " + husband[0] + " " + spousesFather[1];
        String[] patronymics = c.male ? patronymicsOf(c.firstName) : husband;
        LocalDate upper = c.asOf.minusDays(7);
        LocalDate born = between(r, earliest(latest(c.birthDate.plusYears(20), c.asOf.minusYears(14)), upper), upper);
        LocalDate recorded = earliest(born.plusDays(r.nextInt(30)), c.asOf.minusDays(1));
        String office = "Відділ державної реєстрації актів цивільного стану, " + c.place[1];
        Map<String, String> f = new LinkedHashMap<>();
        f.put("lastName", surname(c.surname, son));
        f.put("firstName", son ? pick(r, MEN)[0] : pick(r, WOMEN));
        f.put("patronymic", son ? patronymics[1] : patronymics[2]);
        f.put("birthDate", born.toString());
        f.put("birthPlace", c.place[1] + ", Україна");
        f.put("actRecordNumber", String.valueOf(1 + r.nextInt(1500)));
        f.put("actRecordDate", recorded.toString());
        f.put("fatherName", c.male ? c.fullName() : spouse);
        f.put("fatherNationality", "Україна");
        f.put("motherName", c.male ? spouse : c.fullName());
        f.put("motherNationality", "Україна");
        f.put("registrationPlace", office);
        f.put("issuedBy", office);
        f.put("issueDate", recorded.toString());
        f.put("recordNumber", recordNumber(born, r));
        f.put("taxpayerNumber", taxpayerNumber(born, son, r));
        f.put("documentNumber", "I".repeat(1 + r.nextInt(3)) + "-" + c.place[4] + " " + digits(r, 6));
        f.put("nationality", "Україна");
        f.put("residenceAddress", c.address);
        f.put(
                "residenceRegistrationDate",
                earliest(recorded.plusDays(r.nextInt(60)), c.asOf.minusDays(1)).toString());
        return f;
    }

    /** Cards run to the end of June four years on, when a bachelor's course ends. */
    private static Map<String, String> studentCard(Citizen c, Random r) {
        String[] university = pick(r, UNIVERSITIES);
        LocalDate issued = between(r, latest(c.birthDate.plusYears(17), c.asOf.minusYears(4)), c.asOf.minusDays(1));
        LocalDate expires = LocalDate.of(issued.getYear() + 4, 6, 30);
        Map<String, String> f = c.name();
        f.put("cardType", "Студентський квиток");
        f.put("documentNumber", "KB" + digits(r, 8));
        f.put("status", "Дійсний");
        f.put("issuedBy", university[0]);
        f.put("faculty", university[1]);
        f.put("department", university[2]);
        f.put("studyForm", r.nextInt(4) == 0 ? "заочна" : "денна");
        f.put("issueDate", issued.toString());
        f.put("expiryDate", (expires.isAfter(c.asOf) ? expires : expires.plusYears(1)).toString());
        f.put("edeboId", digits(r, 8));
        return f;
    }

    /** A licence is valid thirty years from issue. */
    private static Map<String, String> driverLicense(Citizen c, Random r) {
        LocalDate issued = between(r, latest(c.birthDate.plusYears(18), c.asOf.minusYears(29)), c.asOf.minusDays(1));
        Map<String, String> f = c.name();
        f.put("birthDate", c.birthDate.toString());
        f.put("expiryDate", issued.plusYears(30).toString());
        f.put("issuedBy", "ТСЦ " + c.place[2] + digits(r, 2));
        f.put("documentNumber", letters(r, 3) + digits(r, 6));
        f.put("categories", pick(r, LICENCE_CATEGORIES));
        return f;
    }

    /** A passenger car, so no standing places; special notes only when a gas kit was fitted. */
    private static Map<String, String> vehicleRegistration(Citizen c, Random r) {
        String[] model = pick(r, VEHICLES);
        int year = c.asOf.getYear() - 1 - r.nextInt(15);
        LocalDate first = earliest(LocalDate.of(year, 1, 1).plusDays(r.nextInt(365)), c.asOf.minusDays(1));
        boolean gasKit = model[5].equals("бензин") && r.nextInt(4) == 0;
        int unladen = 1250 + r.nextInt(400);
        String vin = model[2] + randomOf(r, VIN_CHARACTERS, 8) + digits(r, 6);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("plateNumber", c.place[3] + digits(r, 4) + letters(r, 2));
        f.put("documentNumber", "C" + letters(r, 2) + digits(r, 6));
        f.put("firstRegistrationDate", first.toString());
        f.put("registrationDate", between(r, first, c.asOf.minusDays(1)).toString());
        f.put("vin", vin);
        f.put("make", model[0]);
        f.put("model", model[1]);
        f.put("color", pick(r, COLOURS));
        f.put("vehicleType", model[3]);
        f.put("manufactureYear", String.valueOf(year));
        if (gasKit) {
            f.put("specialNotes", "Встановлено газобалонне обладнання");
        }
        f.put("chassisNumber", vin);
        f.put("grossMass", String.valueOf(unladen + 450 + r.nextInt(150)));
        f.put("unladenMass", String.valueOf(unladen));
        if (!model[4].isEmpty()) {
            f.put("engineCapacity", model[4]);
        }
        f.put("fuelType", gasKit ? "бензин або газ" : model[5]);
        f.put("vehicleCategory", "B");
        f.put("seats", "5");
        f.put("ownerName", c.firstName + " " + c.lastName);
        f.put("ownership", "приватна");
        f.put("ownerAddress", c.address);
        return f;
    }

    /**
     * РНОКПП: days from 1899-12-31 to the birth date (five digits), three serial digits, a ninth digit odd for men and
     * even for women, and the check digit: the weighted sum of the first nine modulo 11, modulo 10.
     */
    static String taxpayerNumber(LocalDate birthDate, boolean male, Random r) {
        long days = ChronoUnit.DAYS.between(RNOKPP_EPOCH, birthDate);
        String first = String.format(Locale.ROOT, "%05d", days) + digits(r, 3) + (2 * r.nextInt(5) + (male ? 1 : 0));
        int sum = 0;
        for (int i = 0; i < RNOKPP_WEIGHTS.length; i++) {
            sum += RNOKPP_WEIGHTS[i] * (first.charAt(i) - '0');
        }
        return first + Math.floorMod(sum, 11) % 10;
    }

    /**
     * УНЗР: the birth date, a dash, four serial digits and a check digit. The seeds do not give the register's check
     * algorithm; this uses the ICAO 9303 one (weights 7, 3, 1 over the twelve digits, mod 10).
     */
    static String recordNumber(LocalDate birthDate, Random r) {
        String digits = COMPACT_DATE.format(birthDate) + digits(r, 4);
        int[] weights = {7, 3, 1};
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            sum += weights[i % 3] * (digits.charAt(i) - '0');
        }
        return digits.substring(0, 8) + "-" + digits.substring(8) + sum % 10;
    }

    private static String[] patronymicsOf(String fathersName) {
        for (String[] man : MEN) {
            if (man[0].equals(fathersName)) {
                return man;
            }
        }
        throw new IllegalStateException("a father's name outside the list");
    }

    private static String surname(String[] forms, boolean male) {
        return male ? forms[0] : forms[1];
    }

    private static String address(Random r, String region, String city) {
        String street = pick(r, STREETS) + ", буд. " + (1 + r.nextInt(120)) + ", кв. " + (1 + r.nextInt(200));
        return (region.isEmpty() ? "" : region + ", ") + city + ", " + street;
    }

    /**
     * {@link Random} is specified bit for bit, so a seed gives the same documents on any JVM; but its first draws for
     * neighbouring seeds are alike (seeds 0, 1, 2… would be mostly one sex), so the seed is scrambled first with the
     * SplitMix64 finaliser.
     */
    private static Random random(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    private static LocalDate between(Random r, LocalDate from, LocalDate to) {
        long span = ChronoUnit.DAYS.between(from, to);
        return span <= 0 ? from : from.plusDays((long) (r.nextDouble() * (span + 1)));
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static String digits(Random r, int count) {
        return randomOf(r, "0123456789", count);
    }

    private static String letters(Random r, int count) {
        return randomOf(r, SHARED_LETTERS, count);
    }

    private static String randomOf(Random r, String alphabet, int count) {
        char[] out = new char[count];
        for (int i = 0; i < count; i++) {
            out[i] = alphabet.charAt(r.nextInt(alphabet.length()));
        }
        return new String(out);
    }

    private static <T> T pick(Random r, T[] options) {
        return options[r.nextInt(options.length)];
    }

    /** The person a seed stands for, and the ID card every copy of their documents refers to. */
    private static final class Citizen {
        final LocalDate asOf;
        final boolean male;
        final String[] surname;
        final String lastName;
        final String firstName;
        final String patronymic;
        final LocalDate birthDate;
        final String[] place;
        final String birthPlace;
        final String address;
        final LocalDate addressRegistered;
        final String taxpayerNumber;
        final String recordNumber;
        final String idCardNumber;
        final String idCardIssuedBy;
        final LocalDate idCardIssued;

        Citizen(long seed, LocalDate asOf) {
            Random r = random(seed);
            this.asOf = asOf;
            male = r.nextBoolean();
            surname = pick(r, SURNAMES);
            lastName = surname(surname, male);
            firstName = male ? pick(r, MEN)[0] : pick(r, WOMEN);
            String[] father = pick(r, MEN);
            patronymic = male ? father[1] : father[2];
            birthDate = between(r, asOf.minusYears(70), asOf.minusYears(18));
            place = pick(r, PLACES);
            birthPlace = pick(r, PLACES)[1] + ", Україна";
            address = address(r, place[0], place[1]);
            addressRegistered = between(r, latest(birthDate.plusYears(18), asOf.minusYears(20)), asOf.minusDays(1));
            taxpayerNumber = SyntheticDocuments.taxpayerNumber(birthDate, male, r);
            recordNumber = SyntheticDocuments.recordNumber(birthDate, r);
            idCardNumber = digits(r, 9);
            idCardIssuedBy = place[2] + digits(r, 2);
            idCardIssued = between(
                    r, latest(latest(birthDate.plusYears(14), asOf.minusYears(9)), FIRST_ID_CARD), asOf.minusDays(1));
        }

        /** Surname, name and patronymic, in a fresh map the caller goes on filling in catalog order. */
        Map<String, String> name() {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("lastName", lastName);
            f.put("firstName", firstName);
            f.put("patronymic", patronymic);
            return f;
        }

        String fullName() {
            return lastName + " " + firstName + " " + patronymic;
        }

        String sex() {
            return male ? "чоловіча" : "жіноча";
        }
    }
}

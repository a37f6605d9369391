package ua.qrshare.copy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a copy of each document type shows: the fields, in the order the copy prints them, and whether the type carries
 * the holder's photo. The lists are the privacy notice's ("Повідомлення про обробку персональних даних", п. 4.4), so a
 * copy never shows more than the notice says the document contains. This is the single source of truth for the keys in
 * attestations (the share API checks them against it), for the copy renderer and for the synthetic documents of dev mode.
 *
 * <p>Keys are stable camelCase API values; one key means the same thing in every type. Dates ({@link Kind#DATE}) travel
 * as ISO {@code yyyy-MM-dd} and are printed {@code dd.MM.yyyy}; everything else is printed as given. Labels follow the
 * notice's wording, shortened where needed to fit one line of a copy's label column (ЄДДР: Єдиний державний
 * демографічний реєстр).
 */
public final class DocumentFields {

    /** How a value travels and is printed. */
    public enum Kind {
        TEXT,
        DATE
    }

    /** One field of a document: its key, its labels and whether every document of the type has it. */
    public record Field(String key, String labelUk, String labelEn, Kind kind, boolean required) {
        public JsonObject json() {
            return new JsonObject()
                    .put("key", key)
                    .put("label", new JsonObject().put("uk", labelUk).put("en", labelEn))
                    .put("kind", kind.name().toLowerCase())
                    .put("required", required);
        }
    }

    private static final Map<String, DocumentFields> BY_TYPE = catalog();

    private final String documentType;
    private final List<Field> fields;
    private final Map<String, Field> byKey;
    private final Set<String> requiredKeys;
    private final boolean photo;

    private DocumentFields(String documentType, boolean photo, List<Field> fields) {
        this.documentType = documentType;
        this.photo = photo;
        this.fields = List.copyOf(fields);
        Map<String, Field> keyed = new LinkedHashMap<>();
        for (Field f : fields) {
            if (keyed.put(f.key(), f) != null) {
                throw new IllegalStateException(documentType + " lists " + f.key() + " twice");
            }
        }
        this.byKey = Collections.unmodifiableMap(keyed);
        Set<String> required = new LinkedHashSet<>();
        fields.stream().filter(Field::required).forEach(f -> required.add(f.key()));
        this.requiredKeys = Collections.unmodifiableSet(required);
    }

    /** The field list of a type; {@link IllegalArgumentException} for a code outside the catalog. */
    public static DocumentFields of(String documentType) {
        DocumentFields found = BY_TYPE.get(documentType);
        if (found == null) {
            throw new IllegalArgumentException("unknown document type: " + documentType);
        }
        return found;
    }

    public static Optional<DocumentFields> find(String documentType) {
        return Optional.ofNullable(BY_TYPE.get(documentType));
    }

    /** Every type, in catalog order. */
    public static List<DocumentFields> all() {
        return List.copyOf(BY_TYPE.values());
    }

    public String documentType() {
        return documentType;
    }

    /** In the order a copy prints them. */
    public List<Field> fields() {
        return fields;
    }

    public Optional<Field> field(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public Set<String> keys() {
        return byKey.keySet();
    }

    public Set<String> requiredKeys() {
        return requiredKeys;
    }

    /** Whether the document carries the holder's photo (the notice's "відцифрований образ обличчя" / "фотографія"). */
    public boolean photo() {
        return photo;
    }

    public JsonObject json() {
        JsonArray list = new JsonArray();
        fields.forEach(f -> list.add(f.json()));
        return new JsonObject()
                .put("documentType", documentType)
                .put("photo", photo)
                .put("fields", list);
    }

    private static Map<String, DocumentFields> catalog() {
        Map<String, DocumentFields> types = new LinkedHashMap<>();
        for (DocumentFields t : List.of(
                idCard(),
                foreignPassport(),
                taxpayerCard(),
                idpCertificate(),
                birthCertificate(),
                studentCard(),
                driverLicense(),
                vehicleRegistration())) {
            types.put(t.documentType, t);
        }
        return Collections.unmodifiableMap(types);
    }

    /*
     * The notice lists the ID card and the passport for travel abroad together. Not printed as fields: the passport's
     * name (it is the copy's title) and the digitised signature (an attestation carries one image, the photo). The
     * notice asks for the name "in Ukrainian and in Latin letters"; as on the documents themselves, the patronymic
     * has no Latin form.
     */
    private static List<Field> passportFields(String numberLabelUk, String numberLabelEn) {
        return new Fields()
                .person()
                .required("lastNameLatin", "Прізвище латинськими літерами", "Surname in Latin letters")
                .required("firstNameLatin", "Ім’я латинськими літерами", "Given name in Latin letters")
                .required("sex", "Стать", "Sex")
                .requiredDate("birthDate", "Дата народження", "Date of birth")
                .required("birthPlace", "Місце народження", "Place of birth")
                .required("recordNumber", "УНЗР (номер запису в ЄДДР)", "UNZR (demographic register record number)")
                .requiredDate("issueDate", "Дата видачі", "Date of issue")
                .requiredDate("expiryDate", "Дата закінчення строку дії", "Date of expiry")
                .required("documentNumber", numberLabelUk, numberLabelEn)
                .required("issuedBy", "Орган, що видав", "Issuing authority")
                .optional("taxpayerNumber", "РНОКПП (податковий номер)", "RNOKPP (taxpayer number)")
                .optional("residenceAddress", "Зареєстроване місце проживання", "Registered address")
                .optionalDate(
                        "residenceRegistrationDate",
                        "Дата реєстрації місця проживання",
                        "Date the address was registered")
                .list();
    }

    private static DocumentFields idCard() {
        return new DocumentFields("id-card", true, passportFields("Номер документа", "Document number"));
    }

    private static DocumentFields foreignPassport() {
        return new DocumentFields(
                "foreign-passport", true, passportFields("Серія та номер паспорта", "Passport series and number"));
    }

    /** The document's name is the copy's title. */
    private static DocumentFields taxpayerCard() {
        return new DocumentFields(
                "taxpayer-card",
                false,
                new Fields()
                        .person()
                        .requiredDate("birthDate", "Дата народження", "Date of birth")
                        .required("taxpayerNumber", "Податковий номер (РНОКПП)", "Taxpayer number (RNOKPP)")
                        .list());
    }

    /*
     * The notice names "the number and date of issue of the certificate" and "the series and number / authority /
     * date of issue of the passport or other identity document" as single items; they are separate fields here, as
     * are the registered and the actual place of residence.
     */
    private static DocumentFields idpCertificate() {
        return new DocumentFields(
                "idp-certificate",
                false,
                new Fields()
                        .person()
                        .requiredDate("birthDate", "Дата народження", "Date of birth")
                        .required("birthPlace", "Місце народження", "Place of birth")
                        .required("sex", "Стать", "Sex")
                        .required(
                                "identityDocumentNumber",
                                "Паспорт (документ): серія, номер",
                                "Passport (ID document): number")
                        .required(
                                "identityDocumentIssuedBy",
                                "Паспорт (документ): ким виданий",
                                "Passport (ID document): issued by")
                        .requiredDate(
                                "identityDocumentIssueDate",
                                "Паспорт (документ): дата видачі",
                                "Passport (ID document): date of issue")
                        .required("residenceAddress", "Зареєстроване місце проживання", "Registered address")
                        .required("actualAddress", "Фактичне місце проживання", "Actual place of residence")
                        .required("documentNumber", "Номер довідки", "Certificate number")
                        .requiredDate("issueDate", "Дата видачі довідки", "Date of issue of the certificate")
                        .required("issuedBy", "Орган, що видав довідку", "Authority that issued the certificate")
                        .list());
    }

    /*
     * The person is the child. "Відомості про батька та матір" are each parent's full name (surname first) and
     * citizenship; the father's are optional (a record may have none). Items the notice marks "за наявності" are
     * optional.
     */
    private static DocumentFields birthCertificate() {
        return new DocumentFields(
                "birth-certificate",
                false,
                new Fields()
                        .person()
                        .requiredDate("birthDate", "Дата народження", "Date of birth")
                        .required("birthPlace", "Місце народження", "Place of birth")
                        .required("actRecordNumber", "Номер актового запису", "Civil record number")
                        .requiredDate("actRecordDate", "Дата складення актового запису", "Date of the civil record")
                        .optional("fatherName", "Батько", "Father")
                        .optional("fatherNationality", "Громадянство батька", "Father’s citizenship")
                        .required("motherName", "Мати", "Mother")
                        .optional("motherNationality", "Громадянство матері", "Mother’s citizenship")
                        .required("registrationPlace", "Місце державної реєстрації", "Place of state registration")
                        .required("issuedBy", "Орган, що видав свідоцтво", "Authority that issued the certificate")
                        .requiredDate("issueDate", "Дата видачі свідоцтва", "Date of issue")
                        .optional(
                                "recordNumber",
                                "УНЗР (номер запису в ЄДДР)",
                                "UNZR (demographic register record number)")
                        .optional("taxpayerNumber", "РНОКПП (податковий номер)", "RNOKPP (taxpayer number)")
                        .required("documentNumber", "Серія та номер свідоцтва", "Certificate series and number")
                        .optional("nationality", "Громадянство", "Citizenship")
                        .optional("residenceAddress", "Зареєстроване місце проживання", "Registered address")
                        .optionalDate(
                                "residenceRegistrationDate",
                                "Дата реєстрації місця проживання",
                                "Date the address was registered")
                        .list());
    }

    /*
     * The notice's list for the student card names no holder, but the card itself shows the student's full name next
     * to the photo, and a copy that does not say whose card it is would be useless: the name is taken from the card.
     * The notice's separate "серія" and "номер" are printed together, as on the card (KB12345678).
     */
    private static DocumentFields studentCard() {
        return new DocumentFields(
                "student-card",
                true,
                new Fields()
                        .person()
                        .optional("cardType", "Тип", "Type")
                        .required("documentNumber", "Серія та номер", "Series and number")
                        .optional("status", "Статус", "Status")
                        .required("issuedBy", "Ким виданий", "Issued by")
                        .optional("faculty", "Факультет (відділення)", "Faculty (division)")
                        .optional("department", "Структурний підрозділ", "Department")
                        .optional("studyForm", "Форма навчання", "Form of study")
                        .requiredDate("issueDate", "Дата видачі", "Date of issue")
                        .requiredDate("expiryDate", "Строк дії", "Valid until")
                        .optional("edeboId", "Код ЄДЕБО", "EDEBO code")
                        .list());
    }

    /** The notice lists no issue date for the licence, only its expiry. */
    private static DocumentFields driverLicense() {
        return new DocumentFields(
                "driver-license",
                true,
                new Fields()
                        .person()
                        .requiredDate("birthDate", "Дата народження", "Date of birth")
                        .requiredDate("expiryDate", "Дата закінчення строку дії", "Date of expiry")
                        .required("issuedBy", "Ким видано (назва, код установи)", "Issued by (authority, code)")
                        .required("documentNumber", "Серія і номер посвідчення", "Licence series and number")
                        .required("categories", "Категорії", "Categories")
                        .list());
    }

    /*
     * In the notice's order. Units are in the labels so values stay plain numbers. The owner is one field, as the
     * notice words it ("власне ім’я та прізвище"); the vehicle's particulars other than the plate, the certificate,
     * its dates, VIN, make, model and owner may be absent from the register, so they are optional.
     */
    private static DocumentFields vehicleRegistration() {
        return new DocumentFields(
                "vehicle-registration",
                false,
                new Fields()
                        .required("plateNumber", "Номер автомобіля", "Registration plate")
                        .required("documentNumber", "Номер документа", "Certificate number")
                        .optionalDate("firstRegistrationDate", "Дата першої реєстрації", "Date of first registration")
                        .requiredDate("registrationDate", "Дата реєстрації", "Date of registration")
                        .required("vin", "VIN", "VIN")
                        .required("make", "Марка", "Make")
                        .required("model", "Модель", "Model")
                        .optional("color", "Колір", "Colour")
                        .optional("vehicleType", "Тип", "Type")
                        .optional("manufactureYear", "Рік випуску", "Year of manufacture")
                        .optional("specialNotes", "Особливі відмітки", "Special notes")
                        .optional("chassisNumber", "Номер шасі", "Chassis number")
                        .optional("grossMass", "Повна маса, кг", "Maximum mass, kg")
                        .optional("unladenMass", "Маса без навантаження, кг", "Unladen mass, kg")
                        .optional("engineCapacity", "Об’єм двигуна, см³", "Engine capacity, cm³")
                        .optional("fuelType", "Тип пального", "Fuel type")
                        .optional("vehicleCategory", "Категорія", "Category")
                        .optional("seats", "Кількість сидячих місць", "Number of seats")
                        .optional("standingPlaces", "Кількість стоячих місць", "Number of standing places")
                        .required("ownerName", "Власник (ім’я та прізвище)", "Owner (given name and surname)")
                        .optional("ownership", "Власність", "Ownership")
                        .optional("ownerAddress", "Адреса", "Address")
                        .list());
    }

    /** Builds one type's list in order. */
    private static final class Fields {
        private final List<Field> list = new ArrayList<>();

        /** The holder's full name, as every personal document opens (the patronymic "за наявності"). */
        Fields person() {
            return required("lastName", "Прізвище", "Surname")
                    .required("firstName", "Ім’я", "Given name")
                    .optional("patronymic", "По батькові", "Patronymic");
        }

        Fields required(String key, String uk, String en) {
            return add(new Field(key, uk, en, Kind.TEXT, true));
        }

        Fields optional(String key, String uk, String en) {
            return add(new Field(key, uk, en, Kind.TEXT, false));
        }

        Fields requiredDate(String key, String uk, String en) {
            return add(new Field(key, uk, en, Kind.DATE, true));
        }

        Fields optionalDate(String key, String uk, String en) {
            return add(new Field(key, uk, en, Kind.DATE, false));
        }

        private Fields add(Field field) {
            list.add(field);
            return this;
        }

        List<Field> list() {
            return list;
        }
    }
}

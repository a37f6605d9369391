package ua.qrshare.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import ua.qrshare.dev.SyntheticDocuments;

/** Copies checked by independent tools from poppler-utils: pdftotext, pdffonts, pdfinfo, pdfimages. */
class CopyRendererTest {

    static final CopyRenderer RENDERER = new CopyRenderer();
    static final LocalDate AS_OF = LocalDate.of(2026, 7, 1);
    static final Instant SUMMER_MORNING = Instant.parse("2026-07-01T09:00:00Z");
    static final Map<String, String> TITLES = catalogTitles();

    @TempDir
    Path work;

    static Stream<String> types() {
        return DocumentFields.all().stream().map(DocumentFields::documentType);
    }

    @ParameterizedTest
    @MethodSource("types")
    void aCopyShowsTheDocumentItsFieldsAndWhereItWent(String type) throws Exception {
        SyntheticDocuments.SyntheticDocument doc = SyntheticDocuments.generate(type, 11, AS_OF, true);
        Path pdf = write(copy(type, doc.fields(), doc.photoPng(), SUMMER_MORNING), type);

        String text = text(pdf);
        assertThat(text).contains("Копія цифрового документа: " + TITLES.get(type));
        for (DocumentFields.Field field : DocumentFields.of(type).fields()) {
            String value = doc.fields().get(field.key());
            if (value != null) {
                assertThat(text).contains(field.labelUk(), shown(field, value));
            }
        }
        assertThat(text)
                .contains(
                        "ТОВ «Кредит Плюс»",
                        "Відділення № 5 на Подолі",
                        "м. Київ, вул. Нижній Вал, буд. 17/8",
                        "Відкриття рахунку для фізичної особи",
                        "0f9c3a7e-1b2c-4d5e-8f90-123456789abc",
                        "01.07.2026 12:00:00 (за київським часом)",
                        "https://qr.example.ua/verify");
        assertFontsEmbeddedAsSubsets(pdf);
        assertThat(run("pdfinfo", pdf.toString())).containsPattern("Page size: +595\\.\\d+ x 841\\.\\d+ pts \\(A4\\)");
    }

    @Test
    void aPhotoIsPlacedWhenGivenForATypeThatCarriesOne() throws Exception {
        SyntheticDocuments.SyntheticDocument doc = SyntheticDocuments.generate("id-card", 5, AS_OF, true);
        List<String[]> images = images(write(copy("id-card", doc.fields(), doc.photoPng(), SUMMER_MORNING), "photo"));
        assertThat(images).hasSize(1);
        assertThat(images.get(0)[3]).isEqualTo("140");
        assertThat(images.get(0)[4]).isEqualTo("180");

        assertThat(images(write(copy("id-card", doc.fields(), null, SUMMER_MORNING), "none")))
                .isEmpty();
        Map<String, String> taxpayer =
                SyntheticDocuments.generate("taxpayer-card", 5, AS_OF, false).fields();
        assertThat(images(write(copy("taxpayer-card", taxpayer, doc.photoPng(), SUMMER_MORNING), "no-photo-type")))
                .as("the notice lists no photo for this type")
                .isEmpty();
    }

    /** Equal horizontal and vertical resolution on the page means the proportions were kept. */
    @Test
    void aJpegPhotoIsEmbeddedAsIsAndKeepsItsProportions() throws Exception {
        Map<String, String> fields =
                SyntheticDocuments.generate("driver-license", 5, AS_OF, false).fields();
        List<String[]> images = images(write(copy("driver-license", fields, jpeg(300, 100), SUMMER_MORNING), "jpeg"));
        assertThat(images).hasSize(1);
        assertThat(images.get(0)[8]).as("encoding").isEqualTo("jpeg");
        assertThat(images.get(0)[12]).as("x-ppi equals y-ppi").isEqualTo(images.get(0)[13]);
    }

    @ParameterizedTest
    @CsvSource({
        "2026-07-01T09:00:00Z, 01.07.2026 12:00:00, 2026-07-01T12:00:00\\+03",
        "2026-01-15T09:00:00Z, 15.01.2026 11:00:00, 2026-01-15T11:00:00\\+02",
        "2026-10-24T23:30:00Z, 25.10.2026 02:30:00, 2026-10-25T02:30:00\\+03"
    })
    void theTimeOfFormingIsKyivTime(Instant formedAt, String kyiv, String iso) throws Exception {
        Map<String, String> fields =
                SyntheticDocuments.generate("taxpayer-card", 1, AS_OF, false).fields();
        Path pdf = write(copy("taxpayer-card", fields, null, formedAt), "time");
        assertThat(text(pdf)).contains(kyiv + " (за київським часом)");
        assertThat(run("pdfinfo", "-isodates", pdf.toString())).containsPattern("CreationDate: +" + iso);
    }

    @Test
    void longValuesWrapInsideThePage() throws Exception {
        String address = ("Київська обл., Бучанський р-н, с. Гостомель, вул. Свято-Покровська, office fi ffl, ")
                .repeat(5)
                .substring(0, 400)
                .strip();
        String unbroken = "Х".repeat(400);
        Map<String, String> fields = new LinkedHashMap<>(
                SyntheticDocuments.generate("id-card", 2, AS_OF, false).fields());
        fields.put("residenceAddress", address);
        fields.put("birthPlace", unbroken);
        Path pdf = write(copy("id-card", fields, null, SUMMER_MORNING), "long");

        String text = text(pdf);
        assertThat(text).contains(address);
        assertThat(text.replace(" ", "")).contains(unbroken);
        assertWordsInsideMargins(pdf);
    }

    @Test
    void aCopyTooLongForOnePageGoesOnToTheNext() throws Exception {
        Map<String, String> fields =
                new LinkedHashMap<>(SyntheticDocuments.generate("vehicle-registration", 2, AS_OF, false)
                        .fields());
        String notes = "Особлива відмітка про переобладнання транспортного засобу. "
                .repeat(80)
                .strip();
        fields.put("specialNotes", notes);
        Path pdf = write(copy("vehicle-registration", fields, null, SUMMER_MORNING), "pages");

        int pages = Integer.parseInt(run("pdfinfo", pdf.toString()).replaceAll("(?s).*Pages: +(\\d+).*", "$1"));
        assertThat(pages).isGreaterThan(1);
        String text = text(pdf);
        assertThat(text).contains("Сторінка 1 з " + pages, "Сторінка " + pages + " з " + pages);
        String running = text.replaceAll("Ідентифікатор передачі: \\S+ Сторінка \\d+ з \\d+ ", "");
        assertThat(running).contains(notes, fields.get("ownerAddress"), "https://qr.example.ua/verify");
        assertWordsInsideMargins(pdf);
    }

    @Test
    void onlyTheTypesFieldsArePrintedAndKeysNever() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>(
                SyntheticDocuments.generate("id-card", 3, AS_OF, false).fields());
        fields.remove("patronymic");
        fields.put("taxpayerNumber", "   ");
        fields.put("nickname", "Прихована-примітка");
        String text = text(write(copy("id-card", fields, null, SUMMER_MORNING), "extra"));
        assertThat(text).doesNotContain("По батькові", "РНОКПП", "Прихована-примітка", "nickname");
        for (String key : DocumentFields.of("id-card").keys()) {
            assertThat(text).doesNotContain(key);
        }
        assertThat(text).contains(fields.get("lastName"), "Прізвище");
    }

    /** Characters outside the shared subset get a subset of their own, still a subset and still extractable. */
    @Test
    void uncommonCharactersAreEmbeddedToo() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>(
                SyntheticDocuments.generate("taxpayer-card", 4, AS_OF, false).fields());
        fields.put("lastName", "Łukasiewicz-Müller Ærøskøbing ß");
        Path pdf = write(copy("taxpayer-card", fields, null, SUMMER_MORNING), "uncommon");
        assertThat(text(pdf)).contains("Łukasiewicz-Müller Ærøskøbing ß", fields.get("taxpayerNumber"));
        assertFontsEmbeddedAsSubsets(pdf);
    }

    @Test
    void charactersTheFontLacksDoNotBreakACopy() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>(
                SyntheticDocuments.generate("taxpayer-card", 3, AS_OF, false).fields());
        fields.put("lastName", "Шевченко\tКовальчук\nБойко 😀 漢");
        String text = text(write(copy("taxpayer-card", fields, null, SUMMER_MORNING), "glyphs"));
        assertThat(text).contains("Шевченко Ковальчук Бойко ? ?");
    }

    @Test
    void rendersFromManyThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> renders = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String type = DocumentFields.all().get(i % 8).documentType();
                SyntheticDocuments.SyntheticDocument doc = SyntheticDocuments.generate(type, 100 + i, AS_OF, true);
                renders.add(
                        pool.submit(() -> RENDERER.render(copy(type, doc.fields(), doc.photoPng(), SUMMER_MORNING))));
            }
            for (int i = 0; i < 50; i++) {
                String type = DocumentFields.all().get(i % 8).documentType();
                Map<String, String> fields =
                        SyntheticDocuments.generate(type, 100 + i, AS_OF, false).fields();
                Path pdf = work.resolve("parallel-" + i + ".pdf");
                Files.write(pdf, renders.get(i).get(60, TimeUnit.SECONDS));
                String text = text(pdf);
                for (DocumentFields.Field field : DocumentFields.of(type).fields()) {
                    if (fields.containsKey(field.key())) {
                        assertThat(text).as("copy %d", i).contains(shown(field, fields.get(field.key())));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static CopyContent copy(String type, Map<String, String> fields, byte[] photo, Instant formedAt) {
        return new CopyContent(
                type,
                TITLES.get(type),
                fields,
                photo,
                "ТОВ «Кредит Плюс»",
                "Відділення № 5 на Подолі",
                "м. Київ, вул. Нижній Вал, буд. 17/8",
                "Відкриття рахунку для фізичної особи",
                "0f9c3a7e-1b2c-4d5e-8f90-123456789abc",
                formedAt,
                "https://qr.example.ua/verify");
    }

    private Path write(CopyContent c, String name) throws IOException {
        Path pdf = work.resolve(name + ".pdf");
        Files.write(pdf, RENDERER.render(c));
        return pdf;
    }

    /** The extracted text with every run of whitespace made one space, so wrapped lines read as written. */
    private static String text(Path pdf) throws Exception {
        return run("pdftotext", "-enc", "UTF-8", pdf.toString(), "-").replaceAll("\\s+", " ");
    }

    private static String shown(DocumentFields.Field field, String value) {
        return field.kind() == DocumentFields.Kind.DATE
                ? LocalDate.parse(value).format(DateTimeFormatter.ofPattern("dd.MM.yyyy"))
                : value;
    }

    private static void assertFontsEmbeddedAsSubsets(Path pdf) throws Exception {
        List<String> fonts = run("pdffonts", pdf.toString()).lines().skip(2).toList();
        assertThat(fonts).hasSize(2);
        assertThat(fonts)
                .anyMatch(f -> f.matches("[A-Z]{6}\\+DejaVuSans .*"))
                .anyMatch(f -> f.matches("[A-Z]{6}\\+DejaVuSans-Bold .*"));
        for (String font : fonts) {
            String[] columns = font.trim().split("\\s+");
            int n = columns.length;
            assertThat(columns[n - 5] + " " + columns[n - 4] + " " + columns[n - 3])
                    .as(font)
                    .isEqualTo("yes yes yes");
        }
    }

    /** Rows of {@code pdfimages -list}: page num type width height color comp bpc enc interp object ID x-ppi y-ppi …. */
    private static List<String[]> images(Path pdf) throws Exception {
        return run("pdfimages", "-list", pdf.toString())
                .lines()
                .skip(2)
                .map(l -> l.trim().split("\\s+"))
                .toList();
    }

    /** Every word's box, as pdftotext places it, lies within the page less an 8 mm margin. */
    private static void assertWordsInsideMargins(Path pdf) throws Exception {
        String html = run("pdftotext", "-bbox", pdf.toString(), "-");
        Matcher page = Pattern.compile("<page width=\"([\\d.]+)\" height=\"([\\d.]+)\"")
                .matcher(html);
        assertThat(page.find()).isTrue();
        double width = Double.parseDouble(page.group(1));
        double height = Double.parseDouble(page.group(2));
        double margin = 8 * 72 / 25.4;
        Matcher word = Pattern.compile(
                        "<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\"")
                .matcher(html);
        int words = 0;
        while (word.find()) {
            words++;
            assertThat(Double.parseDouble(word.group(1))).isGreaterThan(margin);
            assertThat(Double.parseDouble(word.group(2))).isGreaterThan(margin);
            assertThat(Double.parseDouble(word.group(3))).isLessThan(width - margin);
            assertThat(Double.parseDouble(word.group(4))).isLessThan(height - margin);
        }
        assertThat(words).isGreaterThan(100);
    }

    private static byte[] jpeg(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    private static Map<String, String> catalogTitles() {
        try (InputStream in =
                CopyRendererTest.class.getClassLoader().getResourceAsStream("db/migration/V1__document_types.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> titles = new HashMap<>();
            Matcher m = Pattern.compile("\\('([a-z-]+)', \\d+, '([^']+)'").matcher(sql);
            while (m.find()) {
                titles.put(m.group(1), m.group(2));
            }
            return titles;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + text).isZero();
        return text;
    }
}

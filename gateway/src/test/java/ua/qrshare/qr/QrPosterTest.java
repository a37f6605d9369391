package ua.qrshare.qr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The printable poster, read back by independent tools (pdftoppm + zbarimg, pdftotext, pdffonts). */
class QrPosterTest {

    private static final String URL = "https://qr.example.ua/s/AQGh2_qlYi5An72-rcC1Q1PFa-5_ApIX7R3Cv0eBfW5znM7Yc_A";

    @TempDir
    Path dir;

    private Path render(QrPoster.PosterContent content) throws Exception {
        Path pdf = dir.resolve("poster.pdf");
        Files.write(pdf, QrPoster.render(content));
        return pdf;
    }

    @Test
    void an_a4_poster_with_a_large_scannable_code_and_ukrainian_text() throws Exception {
        Path pdf = render(new QrPoster.PosterContent(
                URL,
                "ТОВ «Кредит Плюс»",
                "Відділення «Львів-центр»",
                "м. Львів, вул. Городоцька, 15",
                List.of("Оформлення кредиту", "Відкриття рахунку"),
                LocalDate.of(2027, 5, 20)));
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDRectangle page = doc.getPage(0).getMediaBox();
            assertThat(page.getWidth()).isCloseTo(PDRectangle.A4.getWidth(), org.assertj.core.data.Offset.offset(1f));
            assertThat(page.getHeight()).isCloseTo(PDRectangle.A4.getHeight(), org.assertj.core.data.Offset.offset(1f));
        }
        assertThat(QrPoster.QR_WIDTH / QrPoster.MM).isGreaterThanOrEqualTo(80f);
        assertThat(ExternalTools.decodeQr(ExternalTools.pdfToPng(pdf, dir.resolve("page"), 100))
                        .strip())
                .isEqualTo(URL);
        assertThat(ExternalTools.pdfText(pdf))
                .contains(
                        "ТОВ «Кредит Плюс»",
                        "Городоцька, 15",
                        "Оформлення кредиту",
                        "Відскануйте QR-код у застосунку Дія",
                        "20.05.2027");
        assertThat(ExternalTools.pdfFonts(pdf))
                .containsPattern("[A-Z]{6}\\+DejaVuSans")
                .contains("yes yes yes");
    }

    @Test
    void characters_the_font_lacks_are_printed_as_question_marks_instead_of_failing() throws Exception {
        Path pdf = render(new QrPoster.PosterContent(
                URL,
                "ТОВ «Ясен» \uD83C\uDF33 株式会社",
                "Відділення",
                "м. Київ",
                List.of("Оренда авто"),
                LocalDate.of(2027, 1, 1)));
        assertThat(ExternalTools.pdfText(pdf)).contains("ТОВ «Ясен» ?", "Оренда авто");
        assertThat(ExternalTools.decodeQr(ExternalTools.pdfToPng(pdf, dir.resolve("emoji"), 100))
                        .strip())
                .isEqualTo(URL);
    }

    @Test
    void long_names_and_many_services_wrap_or_shorten_and_the_code_still_scans() throws Exception {
        List<String> services = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            services.add("Послуга номер " + i + " з довгою назвою");
        }
        String address = "Київська область, Бучанський район, село Петропавлівська Борщагівка, вулиця Велика Кільцева, "
                        .repeat(3)
                + "будинок 4, корпус 2, офіс 17";
        Path pdf = render(new QrPoster.PosterContent(
                URL,
                "Товариство з обмеженою відповідальністю «" + "Дуже Довга Назва ".repeat(8) + "»",
                "Відділення",
                address,
                services,
                LocalDate.of(2027, 1, 1)));
        String text = ExternalTools.pdfText(pdf);
        assertThat(text).contains("Товариство з обмеженою", "Київська область", "Послуга номер 1", "…");
        assertThat(ExternalTools.decodeQr(ExternalTools.pdfToPng(pdf, dir.resolve("long"), 100))
                        .strip())
                .isEqualTo(URL);
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
        }
    }
}

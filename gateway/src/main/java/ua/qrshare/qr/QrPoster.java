package ua.qrshare.qr;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The printable A4 poster a partner puts where the service is provided: who asks, where, for which services, the QR
 * code (vector, 105 mm wide, prints sharp at any size) and how a citizen uses it. Text is DejaVu Sans, embedded as a
 * subset so the file stays small and any PDF reader shows the Ukrainian text.
 */
public final class QrPoster {

    /** What the poster says. */
    public record PosterContent(
            String url,
            String partnerName,
            String branchName,
            String branchAddress,
            List<String> serviceNames,
            LocalDate validUntil) {}

    static final float MM = 72f / 25.4f;
    /** At least 8 cm as the service requires; 105 mm scans from a couple of steps away. */
    static final float QR_WIDTH = 105 * MM;

    private static final float MARGIN = 18 * MM;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    // Parsed from the jar once; PDFBox font objects belong to one document, so each poster loads its own from these.
    private static final byte[] REGULAR = font("fonts/DejaVuSans.ttf");
    private static final byte[] BOLD = font("fonts/DejaVuSans-Bold.ttf");

    private QrPoster() {}

    public static byte[] render(PosterContent c) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDType0Font regular = PDType0Font.load(document, new ByteArrayInputStream(REGULAR), true);
            PDType0Font bold = PDType0Font.load(document, new ByteArrayInputStream(BOLD), true);
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("QR-код: " + c.partnerName());
            info.setProducer("qrshare");
            try (PDPageContentStream out = new PDPageContentStream(document, page)) {
                Writer w = new Writer(out, PDRectangle.A4.getHeight() - MARGIN);
                w.paragraph(bold, 22, c.partnerName(), 3);
                w.gap(4);
                w.paragraph(bold, 14, c.branchName(), 2);
                w.paragraph(regular, 12, c.branchAddress(), 3);
                w.gap(4);
                w.paragraph(regular, 12, "Послуги: " + String.join(", ", c.serviceNames()), 4);
                float qrTop = w.y - 28;
                drawQr(out, QrMatrix.encode(c.url()), qrTop);
                w.y = qrTop - QR_WIDTH - 30;
                w.paragraph(bold, 17, "Відскануйте QR-код у застосунку Дія", 2);
                w.gap(2);
                w.paragraph(regular, 12, "1. Відкрийте застосунок Дія і натисніть на сканер QR-кодів.", 2);
                w.paragraph(regular, 12, "2. Наведіть камеру на цей код і перевірте, хто і які документи запитує.", 2);
                w.paragraph(
                        regular, 12, "3. Підтвердьте надсилання — копії документів надійдуть установі на e-mail.", 2);
                w.gap(4);
                w.paragraph(
                        regular,
                        10,
                        "Звичайна камера телефону не підійде: посилання лише відкриє сторінку з проханням "
                                + "скористатися Дією.",
                        2);
                w.gap(6);
                w.paragraph(bold, 12, "QR-код дійсний до " + DATE.format(c.validUntil()), 1);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the QR poster", e);
        }
    }

    /** Dark runs as filled rectangles: vectors, no bitmap, no seams inside a run. */
    private static void drawQr(PDPageContentStream out, QrMatrix qr, float top) throws IOException {
        float module = QR_WIDTH / qr.size();
        float left = (PDRectangle.A4.getWidth() - QR_WIDTH) / 2;
        IOException[] failure = new IOException[1];
        out.setNonStrokingColor(0f, 0f, 0f);
        qr.forEachDarkRun((x, y, length) -> {
            try {
                out.addRect(left + x * module, top - (y + 1) * module, length * module, module);
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        out.fill();
    }

    /** Writes wrapped, centred lines downwards from {@code y}. */
    private static final class Writer {
        private final PDPageContentStream out;
        private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        float y;

        Writer(PDPageContentStream out, float top) {
            this.out = out;
            this.y = top;
        }

        void gap(float points) {
            y -= points;
        }

        /** At most {@code maxLines}; longer text ends with "…" rather than running off the page. */
        void paragraph(PDType0Font font, float size, String text, int maxLines) throws IOException {
            for (String line : wrap(font, size, printable(font, text), maxLines)) {
                y -= size * 1.25f;
                float lineWidth = font.getStringWidth(line) / 1000 * size;
                out.beginText();
                out.setFont(font, size);
                out.newLineAtOffset((PDRectangle.A4.getWidth() - lineWidth) / 2, y);
                out.showText(line);
                out.endText();
            }
        }

        private List<String> wrap(PDType0Font font, float size, String text, int maxLines) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.strip().split("\\s+")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (fits(font, size, candidate)) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                }
                line.setLength(0);
                line.append(fits(font, size, word) ? word : cut(font, size, word, ""));
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
            }
            if (lines.size() > maxLines) {
                List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
                kept.set(maxLines - 1, cut(font, size, kept.get(maxLines - 1) + " " + lines.get(maxLines), "…"));
                return kept;
            }
            return lines;
        }

        /** Names may hold characters the font lacks (emoji, CJK): print "?" for them rather than fail the download. */
        private static String printable(PDType0Font font, String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                String ch = new String(Character.toChars(cp));
                try {
                    font.encode(ch);
                    out.append(ch);
                } catch (IOException | IllegalArgumentException e) {
                    out.append(Character.isWhitespace(cp) ? " " : "?");
                }
            });
            return out.toString();
        }

        private boolean fits(PDType0Font font, float size, String text) throws IOException {
            return font.getStringWidth(text) / 1000 * size <= width;
        }

        private String cut(PDType0Font font, float size, String text, String suffix) throws IOException {
            String s = text;
            while (s.length() > 1 && !fits(font, size, s + (suffix.isEmpty() ? "…" : suffix))) {
                s = s.substring(0, s.length() - 1);
            }
            return s.strip() + (suffix.isEmpty() ? "…" : suffix);
        }
    }

    private static byte[] font(String resource) {
        try (InputStream in = QrPoster.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

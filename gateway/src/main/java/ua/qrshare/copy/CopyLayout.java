package ua.qrshare.copy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Where everything on a copy goes, worked out before any PDF object exists: the font subsets can only be cut once
 * every character on every page is known. The result is pages of positioned lines of printable text, table rules, the
 * photo box and the verify link's areas; {@link CopyRenderer} only draws them.
 *
 * <p>The page: a header naming the document, the document's fields as a label/value table in catalog order (the photo
 * at the table's top right, rows beside it narrower), then who received the copy, and a footer on every page.
 */
final class CopyLayout {

    enum Style {
        REGULAR,
        BOLD
    }

    record Line(Style style, float size, float gray, float x, float y, String text) {}

    record Rule(float x1, float x2, float y) {}

    /** Lower-left corner and size, in points. */
    record Box(float x, float y, float width, float height) {}

    record Link(Box area, String uri) {}

    static final class Page {
        final List<Line> lines = new ArrayList<>();
        final List<Rule> rules = new ArrayList<>();
        final List<Link> links = new ArrayList<>();
        Box photo;
    }

    static final String TITLE_PREFIX = "Копія цифрового документа: ";
    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    static final DateTimeFormatter FORMED_AT =
            DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss").withZone(KYIV);
    static final String KYIV_TIME = " (за київським часом)";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private static final float MM = 72f / 25.4f;
    private static final float PAGE_WIDTH = PDRectangle.A4.getWidth();
    private static final float MARGIN = 15 * MM;
    private static final float TOP = PDRectangle.A4.getHeight() - MARGIN;
    /** Content stops here; the page footer sits below. */
    private static final float BOTTOM = 17 * MM;

    private static final float FOOTER_BASELINE = 9 * MM;
    private static final float CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
    /** The 35 × 45 mm of a passport photo. */
    private static final float PHOTO_WIDTH = 35 * MM;

    private static final float PHOTO_HEIGHT = 45 * MM;
    private static final float PHOTO_GAP = 5 * MM;
    static final float LABEL_WIDTH = 60 * MM;
    private static final float COLUMN_GAP = 4 * MM;

    private static final float TITLE_SIZE = 14;
    private static final float SECTION_SIZE = 10.5f;
    static final float LABEL_SIZE = 8.5f;
    private static final float VALUE_SIZE = 10.5f;
    private static final float NOTE_SIZE = 8;
    private static final float FOOTER_SIZE = 7.5f;
    /** One line step for both columns, so a label and its value share baselines. */
    private static final float LEADING = 13.5f;

    private static final float BASELINE_RISE = 3.5f;
    private static final float ROW_PADDING = 3.5f;
    private static final float SECONDARY_GRAY = 0.38f;

    private final Typeface regular;
    private final Typeface bold;
    private final List<Page> pages = new ArrayList<>();
    private Page page;
    private float y;
    private Page photoPage;
    private Box photo;

    private CopyLayout(Typeface regular, Typeface bold) {
        this.regular = regular;
        this.bold = bold;
    }

    static List<Page> of(CopyContent c, DocumentFields type, boolean withPhoto, Typeface regular, Typeface bold) {
        return new CopyLayout(regular, bold).lay(c, type, withPhoto);
    }

    private List<Page> lay(CopyContent c, DocumentFields type, boolean withPhoto) {
        newPage();
        header(c.documentTitleUk());
        section("Дані документа");
        if (withPhoto) {
            reservePhoto();
        }
        documentRows(c, type);
        section("Відомості про передачу");
        transferRows(c);
        note("Разом із цією копією надіслано її підписану версію — файл .p7s з електронною печаткою та позначкою "
                + "часу; перевірити його можна за посиланням вище.");
        footers(c.shareId());
        return pages;
    }

    private void header(String title) {
        paragraph(bold, TITLE_SIZE, 0, TITLE_PREFIX + title);
        y -= 3;
        paragraph(
                regular,
                NOTE_SIZE,
                SECONDARY_GRAY,
                "Копію сформовано за згодою особи, яка поділилася документом через застосунок Дія.");
    }

    private void section(String title) {
        if (besidePhoto()) {
            y = photo.y();
        }
        y -= 12;
        if (y - 3 * LEADING < BOTTOM) {
            newPage();
        }
        paragraph(bold, SECTION_SIZE, 0, title);
        y -= 4;
        page.rules.add(new Rule(MARGIN, MARGIN + CONTENT_WIDTH, y));
    }

    private void reservePhoto() {
        photo = new Box(
                MARGIN + CONTENT_WIDTH - PHOTO_WIDTH, y - ROW_PADDING - PHOTO_HEIGHT, PHOTO_WIDTH, PHOTO_HEIGHT);
        photoPage = page;
        page.photo = photo;
    }

    /** Catalog order; a field the attestation lacks is left out, a key the type does not list is never printed. */
    private void documentRows(CopyContent c, DocumentFields type) {
        for (DocumentFields.Field field : type.fields()) {
            String value = c.fields().get(field.key());
            if (value != null && !value.isBlank()) {
                row(field.labelUk(), shown(field, value), null);
            }
        }
    }

    private void transferRows(CopyContent c) {
        row("Організація-отримувач", c.partnerName(), null);
        row("Відділення", c.branchName(), null);
        row("Адреса відділення", c.branchAddress(), null);
        row("Послуга", c.serviceName(), null);
        row("Ідентифікатор передачі", c.shareId(), null);
        row("Час формування копії", FORMED_AT.format(c.formedAt()) + KYIV_TIME, null);
        row("Перевірка підпису", c.verifyUrl(), c.verifyUrl());
    }

    /** Dates travel as ISO and are printed as Ukrainian documents print them; anything else as given. */
    private static String shown(DocumentFields.Field field, String value) {
        if (field.kind() != DocumentFields.Kind.DATE || value.length() != 10 || value.charAt(4) != '-') {
            return value;
        }
        try {
            return DATE.format(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            return value;
        }
    }

    /**
     * A table row: the label wrapped in its column, the value wrapped in the rest. A row moves whole to the next page
     * when it does not fit; only a row taller than a page is split, line by line.
     */
    private void row(String label, String value, String uri) {
        float tableWidth = besidePhoto() ? CONTENT_WIDTH - PHOTO_WIDTH - PHOTO_GAP : CONTENT_WIDTH;
        float valueX = MARGIN + LABEL_WIDTH + COLUMN_GAP;
        List<String> labels = wrap(regular, LABEL_SIZE, regular.printable(label), LABEL_WIDTH);
        List<String> values = wrap(regular, VALUE_SIZE, regular.printable(value), MARGIN + tableWidth - valueX);
        int count = Math.max(labels.size(), values.size());
        float height = 2 * ROW_PADDING + count * LEADING;
        if (y - height < BOTTOM && height <= TOP - BOTTOM) {
            newPage();
        }
        y -= ROW_PADDING;
        for (int i = 0; i < count; i++) {
            if (y - LEADING < BOTTOM) {
                newPage();
            }
            y -= LEADING;
            float baseline = y + BASELINE_RISE;
            if (i < labels.size()) {
                add(Style.REGULAR, LABEL_SIZE, SECONDARY_GRAY, MARGIN, baseline, labels.get(i));
            }
            if (i < values.size()) {
                add(Style.REGULAR, VALUE_SIZE, 0, valueX, baseline, values.get(i));
                linkLine(uri, valueX, baseline, values.get(i));
            }
        }
        y -= ROW_PADDING;
        page.rules.add(new Rule(MARGIN, MARGIN + tableWidth, y));
    }

    private void linkLine(String uri, float x, float baseline, String text) {
        if (uri != null) {
            float width = regular.width(text, VALUE_SIZE);
            page.links.add(new Link(new Box(x, baseline - 3, width, VALUE_SIZE + 4), uri));
        }
    }

    private void note(String text) {
        y -= 8;
        paragraph(regular, NOTE_SIZE, SECONDARY_GRAY, text);
    }

    private void paragraph(Typeface face, float size, float gray, String text) {
        Style style = face == bold ? Style.BOLD : Style.REGULAR;
        for (String line : wrap(face, size, face.printable(text), CONTENT_WIDTH)) {
            if (y - size * 1.35f < BOTTOM) {
                newPage();
            }
            y -= size * 1.35f;
            add(style, size, gray, MARGIN, y, line);
        }
    }

    /** Every page names the share, so a printed page can be matched to its e-mail; and counts pages. */
    private void footers(String shareId) {
        String id = regular.printable("Ідентифікатор передачі: " + shareId);
        for (int i = 0; i < pages.size(); i++) {
            List<Line> lines = pages.get(i).lines;
            String number = "Сторінка " + (i + 1) + " з " + pages.size();
            float right = MARGIN + CONTENT_WIDTH - regular.width(number, FOOTER_SIZE);
            lines.add(new Line(Style.REGULAR, FOOTER_SIZE, SECONDARY_GRAY, MARGIN, FOOTER_BASELINE, id));
            lines.add(new Line(Style.REGULAR, FOOTER_SIZE, SECONDARY_GRAY, right, FOOTER_BASELINE, number));
        }
    }

    /** Greedy word wrap; a word wider than the column is broken between characters rather than run off the page. */
    static List<String> wrap(Typeface face, float size, String text, float width) {
        List<String> lines = new ArrayList<>(2);
        StringBuilder line = new StringBuilder();
        float space = face.width(" ", size);
        float lineWidth = 0;
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            float wordWidth = face.width(word, size);
            if (!line.isEmpty() && lineWidth + space + wordWidth <= width) {
                line.append(' ').append(word);
                lineWidth += space + wordWidth;
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (wordWidth <= width) {
                line.append(word);
                lineWidth = wordWidth;
            } else {
                lineWidth = breakWord(face, size, word, width, lines, line);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Emits full-width pieces of the word as lines and leaves the rest in {@code line}; returns the rest's width. */
    private static float breakWord(
            Typeface face, float size, String word, float width, List<String> lines, StringBuilder line) {
        float lineWidth = 0;
        for (int i = 0; i < word.length(); i++) {
            float charWidth = face.width(word.substring(i, i + 1), size);
            if (!line.isEmpty() && lineWidth + charWidth > width) {
                lines.add(line.toString());
                line.setLength(0);
                lineWidth = 0;
            }
            line.append(word.charAt(i));
            lineWidth += charWidth;
        }
        return lineWidth;
    }

    private boolean besidePhoto() {
        return photo != null && page == photoPage && y > photo.y();
    }

    private void newPage() {
        page = new Page();
        pages.add(page);
        y = TOP;
    }

    private void add(Style style, float size, float gray, float x, float baseline, String text) {
        page.lines.add(new Line(style, size, gray, x, baseline, text));
    }
}

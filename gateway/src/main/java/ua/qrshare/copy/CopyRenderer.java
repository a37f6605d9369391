package ua.qrshare.copy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.BitSet;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;
import ua.qrshare.copy.CopyLayout.Box;
import ua.qrshare.copy.CopyLayout.Line;
import ua.qrshare.copy.CopyLayout.Link;
import ua.qrshare.copy.CopyLayout.Page;
import ua.qrshare.copy.CopyLayout.Rule;

/**
 * Renders the PDF copy of one shared document: A4, the fields the document type lists, the holder's photo when the
 * type carries one, and who received it; DejaVu Sans embedded as a subset, so any reader shows the Ukrainian text and
 * copying it out gives the text back.
 *
 * <p>Safe to call from many threads. Parsing the TrueType fonts and deflating a subset of each is what makes a naive
 * PDFBox copy slow, so faces (parsed, their shared subset ready as PDF objects, see {@link Typeface}) are kept and lent
 * to one render at a time. A pool rather than a {@code ThreadLocal}: the number of parsed pairs follows the number of
 * renders running at once (the bounded signing pool), not the number of threads that ever called, and would stay sane
 * on virtual threads.
 */
public final class CopyRenderer {

    private static final byte[] REGULAR = Typeface.resource("fonts/DejaVuSans.ttf");
    private static final byte[] BOLD = Typeface.resource("fonts/DejaVuSans-Bold.ttf");
    private static final DateTimeFormatter PDF_DATE =
            DateTimeFormatter.ofPattern("'D:'yyyyMMddHHmmssxx").withZone(CopyLayout.KYIV);
    private static final float RULE_GRAY = 0.82f;
    /** Document information keys naming the copy; read back by {@code ua.qrshare.verify.CopyVerifier}. */
    public static final String DOCUMENT_TYPE_KEY = "qrshare:documentType";

    public static final String SHARE_ID_KEY = "qrshare:shareId";
    public static final String RECIPIENT_KEY = "qrshare:recipient";

    /** A regular and a bold face, used by one render at a time. */
    private record Faces(Typeface regular, Typeface bold) {}

    private final Queue<Faces> idle = new ConcurrentLinkedQueue<>();

    public byte[] render(CopyContent c) {
        DocumentFields type = DocumentFields.of(c.documentType());
        // A photo is printed only where the notice says the document has one.
        boolean withPhoto = c.photoJpegOrPng() != null && type.photo();
        Faces faces = borrow();
        try {
            List<Page> pages = CopyLayout.of(c, type, withPhoto, faces.regular(), faces.bold());
            return write(c, pages, faces, withPhoto);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the copy", e);
        } finally {
            idle.offer(faces);
        }
    }

    private Faces borrow() {
        Faces faces = idle.poll();
        return faces != null ? faces : new Faces(Typeface.parse(REGULAR), Typeface.parse(BOLD));
    }

    private static byte[] write(CopyContent c, List<Page> pages, Faces faces, boolean withPhoto) throws IOException {
        try (PDDocument document = new PDDocument()) {
            EmbeddedFont[] fonts = embedFonts(document, pages, faces);
            PDImageXObject photo =
                    withPhoto ? PDImageXObject.createFromByteArray(document, c.photoJpegOrPng(), "photo") : null;
            for (Page page : pages) {
                draw(document, page, fonts, photo);
            }
            describe(document, c);
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            // Streams are compressed already; packing the small objects into object streams as well would cost about
            // a quarter of the render time for 5 % of the size, and a classic cross-reference table suits old readers.
            document.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        }
    }

    /** One subset per style, holding the characters the pages use in it; indexed by {@link CopyLayout.Style}. */
    private static EmbeddedFont[] embedFonts(PDDocument document, List<Page> pages, Faces faces) throws IOException {
        BitSet regular = new BitSet();
        BitSet bold = new BitSet();
        for (Page page : pages) {
            for (Line line : page.lines) {
                BitSet used = line.style() == CopyLayout.Style.BOLD ? bold : regular;
                line.text().chars().forEach(used::set);
            }
        }
        return new EmbeddedFont[] {
            faces.regular().embedInto(document, regular), faces.bold().embedInto(document, bold)
        };
    }

    private static void draw(PDDocument document, Page page, EmbeddedFont[] fonts, PDImageXObject photo)
            throws IOException {
        PDPage pdPage = new PDPage(PDRectangle.A4);
        document.addPage(pdPage);
        try (PDPageContentStream out = new PDPageContentStream(document, pdPage)) {
            drawRules(out, page.rules);
            if (page.photo != null && photo != null) {
                drawPhoto(out, photo, page.photo);
            }
            drawLines(out, page.lines, fonts);
        }
        for (EmbeddedFont font : fonts) {
            font.settle(pdPage.getResources());
        }
        for (Link link : page.links) {
            pdPage.getAnnotations().add(annotation(link));
        }
    }

    private static void drawRules(PDPageContentStream out, List<Rule> rules) throws IOException {
        out.setStrokingColor(RULE_GRAY);
        out.setLineWidth(0.5f);
        for (Rule rule : rules) {
            out.moveTo(rule.x1(), rule.y());
            out.lineTo(rule.x2(), rule.y());
        }
        out.stroke();
    }

    /** Scaled to fit the box whole, keeping its proportions; centred across, top-aligned with the table. */
    private static void drawPhoto(PDPageContentStream out, PDImageXObject photo, Box box) throws IOException {
        float scale = Math.min(box.width() / photo.getWidth(), box.height() / photo.getHeight());
        float width = photo.getWidth() * scale;
        float height = photo.getHeight() * scale;
        out.drawImage(photo, box.x() + (box.width() - width) / 2, box.y() + box.height() - height, width, height);
    }

    /** One text object per page; font and colour are set only when they change, lines placed relative to the last. */
    private static void drawLines(PDPageContentStream out, List<Line> lines, EmbeddedFont[] fonts) throws IOException {
        out.beginText();
        PDFont font = null;
        float size = -1;
        float gray = -1;
        float x = 0;
        float y = 0;
        for (Line line : lines) {
            PDFont lineFont = fonts[line.style().ordinal()].font();
            if (lineFont != font || line.size() != size) {
                font = lineFont;
                size = line.size();
                out.setFont(font, size);
            }
            if (line.gray() != gray) {
                gray = line.gray();
                out.setNonStrokingColor(gray);
            }
            out.newLineAtOffset(line.x() - x, line.y() - y);
            x = line.x();
            y = line.y();
            out.showText(line.text());
        }
        out.endText();
    }

    /** The verify address is clickable, without the border some readers draw around links. */
    private static PDAnnotationLink annotation(Link link) {
        PDAnnotationLink annotation = new PDAnnotationLink();
        Box area = link.area();
        annotation.setRectangle(new PDRectangle(area.x(), area.y(), area.width(), area.height()));
        PDBorderStyleDictionary noBorder = new PDBorderStyleDictionary();
        noBorder.setWidth(0);
        annotation.setBorderStyle(noBorder);
        PDActionURI action = new PDActionURI();
        action.setURI(link.uri());
        annotation.setAction(action);
        return annotation;
    }

    /** A PDF date, D:YYYYMMDDHHmmSS+HH'mm', in Kyiv time; PDFBox's way through a Calendar costs 4 % of a render. */
    private static String pdfDate(Instant instant) {
        String date = PDF_DATE.format(instant);
        int minutes = date.length() - 2;
        return date.substring(0, minutes) + "'" + date.substring(minutes) + "'";
    }

    private static void describe(PDDocument document, CopyContent c) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(CopyLayout.TITLE_PREFIX + c.documentTitleUk());
        info.setProducer("qrshare");
        // Machine-readable, so the verify endpoint can name what a sealed copy is without parsing its text.
        info.setCustomMetadataValue(DOCUMENT_TYPE_KEY, c.documentType());
        info.setCustomMetadataValue(SHARE_ID_KEY, c.shareId());
        info.setCustomMetadataValue(RECIPIENT_KEY, c.partnerName());
        info.getCOSObject().setString(COSName.CREATION_DATE, pdfDate(c.formedAt()));
        document.getDocumentCatalog().setLanguage("uk");
    }
}

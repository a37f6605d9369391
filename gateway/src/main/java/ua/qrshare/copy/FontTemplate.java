package ua.qrshare.copy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A font's PDF objects (Type0 font, CID font, descriptor, widths, ToUnicode, the font file), made once by PDFBox, and
 * an open font over them to draw with. Each document gets its own copy of the objects, streams copied in their
 * compressed form: deflating the font file is what {@code PDType0Font.load} spends most of its time on, and here it
 * happens once. A copy per document, because PDFBox's writer stamps object numbers on the objects it writes.
 *
 * <p>Text is drawn with the template's font, whose encoding is the copy's (same objects), and the page resources are
 * then pointed at the document's copy ({@link EmbeddedFont#settle}): opening each copy as a font of its own would mean
 * inflating and parsing the font file again for every document.
 */
final class FontTemplate {

    private final COSDictionary objects;
    private final PDType0Font font;

    private FontTemplate(COSDictionary objects) throws IOException {
        this.objects = objects;
        this.font = new PDType0Font(objects);
    }

    /** Embeds the (already subset) font whole into a scratch document and keeps its objects, detached from it. */
    static FontTemplate of(TrueTypeFont subset) throws IOException {
        try (PDDocument scratch = new PDDocument()) {
            COSDictionary made = PDType0Font.load(scratch, subset, false).getCOSObject();
            return new FontTemplate((COSDictionary) copy(made, COSStream::new));
        }
    }

    /** The font to draw {@code document}'s text with, and the document's own copy of its objects. */
    EmbeddedFont embedInto(PDDocument document) throws IOException {
        COSDocument target = document.getDocument();
        return new EmbeddedFont(font, objects, (COSDictionary) copy(objects, target::createCOSStream));
    }

    private static COSBase copy(COSBase base, Supplier<COSStream> streams) throws IOException {
        if (base instanceof COSObject reference) {
            return copy(reference.getObject(), streams);
        }
        if (base instanceof COSStream stream) {
            return copyStream(stream, streams);
        }
        if (base instanceof COSDictionary dictionary) {
            return copyEntries(dictionary, new COSDictionary(), streams);
        }
        if (base instanceof COSArray array) {
            COSArray copied = new COSArray();
            for (COSBase item : array) {
                copied.add(copy(item, streams));
            }
            return copied;
        }
        if (base instanceof COSString string) {
            return new COSString(string.getBytes());
        }
        // Names, numbers, booleans and null are immutable and shared by PDFBox itself.
        return base;
    }

    private static COSStream copyStream(COSStream stream, Supplier<COSStream> streams) throws IOException {
        COSStream copied = copyEntries(stream, streams.get(), streams);
        copied.removeItem(COSName.LENGTH);
        try (InputStream in = stream.createRawInputStream();
                OutputStream out = copied.createRawOutputStream()) {
            in.transferTo(out);
        }
        return copied;
    }

    private static <T extends COSDictionary> T copyEntries(COSDictionary from, T to, Supplier<COSStream> streams)
            throws IOException {
        for (Map.Entry<COSName, COSBase> entry : from.entrySet()) {
            to.setItem(entry.getKey(), copy(entry.getValue(), streams));
        }
        return to;
    }
}

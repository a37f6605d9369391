package ua.qrshare.copy;

import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * A document's font: the font its text is drawn with, and the objects its pages must name when it is saved. They
 * differ when the text is drawn with a {@link FontTemplate}'s font and the document holds a copy of its objects.
 */
record EmbeddedFont(PDFont font, COSDictionary drawnAs, COSDictionary savedAs) {

    static EmbeddedFont own(PDFont font) {
        return new EmbeddedFont(font, font.getCOSObject(), font.getCOSObject());
    }

    /** Points a drawn page's font resources at the document's own objects. */
    void settle(PDResources resources) {
        if (drawnAs == savedAs) {
            return;
        }
        COSDictionary fonts = resources.getCOSObject().getCOSDictionary(COSName.FONT);
        for (COSName name : fonts.keySet()) {
            if (fonts.getDictionaryObject(name) == drawnAs) {
                fonts.setItem(name, savedAs);
            }
        }
        for (COSBase value : fonts.getValues()) {
            // Saving the template itself would stamp object numbers on objects every other copy shares.
            if (value == drawnAs) {
                throw new IllegalStateException("a page still refers to the shared font objects");
            }
        }
    }
}

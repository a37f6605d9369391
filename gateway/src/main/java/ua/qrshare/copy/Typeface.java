package ua.qrshare.copy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.List;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * One font face, parsed once and then used for many copies: it measures text for the layout and supplies each
 * document's font as a subset. FontBox reads a parsed font through a cursor, so a face serves one thread at a time.
 *
 * <p>Almost every copy is written in the same few hundred characters, so the face cuts one subset of them (ASCII, the
 * Cyrillic block, Ukrainian typography) ahead of time and each document gets a copy of its finished PDF objects
 * ({@link FontTemplate}); only a copy holding a character outside that set gets a subset cut for it alone. Why not
 * {@code PDType0Font.load(document, font, true)}: PDFBox 3 then deflates the whole 750 KB font into every document
 * before the subset replaces it at save time, and it applies the font's GSUB ligatures, so "fi" in a value would
 * extract as "ﬁ". A subset cut here has no GSUB and leaves every character as written.
 */
final class Typeface {

    /** What a PDF needs of a TrueType font, plus cmap, name, OS/2 and post, which PDFBox reads to embed it. */
    private static final List<String> SUBSET_TABLES = List.of(
            "head", "hhea", "loca", "maxp", "cvt ", "prep", "glyf", "hmtx", "fpgm", "gasp", "cmap", "name", "OS/2",
            "post");

    private static final int REPLACEMENT = '?';
    /** The characters of the shared subset: ASCII, Cyrillic with Ґ, and the punctuation Ukrainian texts use. */
    private static final BitSet COMMON = common();

    private final TrueTypeFont font;
    private final CmapLookup cmap;
    private final float unitsPerEm;
    private final int tagSalt;
    private final BitSet common;
    private final FontTemplate commonSubset;

    private Typeface(TrueTypeFont font) throws IOException {
        this.font = font;
        this.cmap = font.getUnicodeCmapLookup();
        this.unitsPerEm = font.getUnitsPerEm();
        this.tagSalt = font.getName().hashCode();
        this.common = new BitSet();
        COMMON.stream().filter(this::hasGlyph).forEach(common::set);
        this.commonSubset = FontTemplate.of(subset(common));
    }

    /** Parses a TrueType font kept in memory; the bytes are only read, so many faces may share them. */
    static Typeface parse(byte[] ttf) {
        try {
            return new Typeface(new TTFParser().parse(new RandomAccessReadBuffer(ttf)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the copy font", e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = Typeface.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text as this face can print it: line breaks and tabs become spaces, other control characters go, and a
     * character the font has no glyph for becomes "?" rather than failing the whole copy. Only the Basic Multilingual
     * Plane counts: the subset's cmap cannot map anything beyond it.
     */
    String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                out.append(' ');
            } else if (!Character.isISOControl(cp)) {
                out.appendCodePoint(hasGlyph(cp) ? cp : REPLACEMENT);
            }
        });
        return out.toString();
    }

    /** Width in points of printable text at the given size (no kerning: PDFBox does not apply it either). */
    float width(String text, float size) {
        int units = 0;
        for (int i = 0; i < text.length(); i++) {
            units += advance(text.charAt(i));
        }
        return units * size / unitsPerEm;
    }

    /** The font for a document that uses the characters {@code used}: the shared subset when it holds them all. */
    EmbeddedFont embedInto(PDDocument document, BitSet used) throws IOException {
        BitSet uncommon = (BitSet) used.clone();
        uncommon.andNot(common);
        if (uncommon.isEmpty()) {
            return commonSubset.embedInto(document);
        }
        // Complete as cut, so PDFBox embeds it as it is rather than subsetting again at save time.
        return EmbeddedFont.own(PDType0Font.load(document, subset(used), false));
    }

    /** A subset holding exactly {@code used}; its name carries the usual six-letter subset tag. */
    private TrueTypeFont subset(BitSet used) throws IOException {
        TTFSubsetter subsetter = new TTFSubsetter(font, SUBSET_TABLES);
        used.stream().forEach(subsetter::add);
        subsetter.setPrefix(tag(used));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
        subsetter.writeToStream(bytes);
        return new TTFParser().parse(new RandomAccessReadBuffer(bytes.toByteArray()));
    }

    private boolean hasGlyph(int codePoint) {
        return codePoint <= Character.MAX_VALUE && cmap.getGlyphId(codePoint) != 0;
    }

    private int advance(char c) {
        try {
            return font.getAdvanceWidth(cmap.getGlyphId(c));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BitSet common() {
        BitSet set = new BitSet();
        set.set(0x20, 0x7F);
        set.set(0x400, 0x460);
        set.set(0x490, 0x492);
        "«»„“”‘’ʼ–—…№°²³·•€₴§×".chars().forEach(set::set);
        return set;
    }

    /** Six capitals derived from the characters in a subset, as PDF subset names are: same set, same name. */
    private String tag(BitSet used) {
        long n = Integer.toUnsignedLong(31 * used.hashCode() + tagSalt);
        char[] tag = new char[7];
        for (int i = 0; i < 6; i++) {
            tag[i] = (char) ('A' + n % 26);
            n /= 26;
        }
        tag[6] = '+';
        return new String(tag);
    }
}

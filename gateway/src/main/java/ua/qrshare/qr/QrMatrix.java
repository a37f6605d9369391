package ua.qrshare.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The modules of one QR code, quiet zone included, as drawn by {@link QrSvg} and {@link QrPoster}. */
final class QrMatrix {

    /** Light modules around the symbol that scanners need to find it (ISO/IEC 18004). */
    static final int QUIET_ZONE = 4;

    /*
     * Q restores a quarter of the codewords, so a scuffed or partly covered poster still scans, and keeps the usual
     * ~100-character URL at version 8 (49 modules). Content that would need more than version 10 at Q drops to M
     * rather than shrinking the modules further.
     */
    private static final int LARGEST_VERSION_AT_Q = 10;

    /** A horizontal run of dark modules: {@code length} modules from column {@code x} in row {@code y}. */
    interface RunConsumer {
        void accept(int x, int y, int length);
    }

    private final BitMatrix modules;
    private final ErrorCorrectionLevel level;

    private QrMatrix(BitMatrix modules, ErrorCorrectionLevel level) {
        this.modules = modules;
        this.level = level;
    }

    /** @param content ASCII text (a URL): encoded as bytes with no character-set marker, which every scanner reads */
    static QrMatrix encode(String content) {
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(content)) {
            throw new IllegalArgumentException("QR content must be ASCII (a URL), got: " + content);
        }
        QrMatrix atQ = encode(content, ErrorCorrectionLevel.Q);
        return atQ.version() <= LARGEST_VERSION_AT_Q ? atQ : encode(content, ErrorCorrectionLevel.M);
    }

    private static QrMatrix encode(String content, ErrorCorrectionLevel level) {
        try {
            // width and height 0: one matrix cell per module
            BitMatrix modules = new QRCodeWriter()
                    .encode(
                            content,
                            BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(EncodeHintType.ERROR_CORRECTION, level, EncodeHintType.MARGIN, QUIET_ZONE));
            return new QrMatrix(modules, level);
        } catch (WriterException e) {
            throw new IllegalArgumentException("content does not fit in a QR code (" + content.length() + " chars)", e);
        }
    }

    /** Modules per side, quiet zone included. */
    int size() {
        return modules.getWidth();
    }

    int version() {
        return (size() - 2 * QUIET_ZONE - 17) / 4;
    }

    ErrorCorrectionLevel level() {
        return level;
    }

    /** Dark modules merged into horizontal runs, row by row from the top: few shapes to draw, no seams inside a run. */
    void forEachDarkRun(RunConsumer consumer) {
        int size = size();
        for (int y = 0; y < size; y++) {
            int x = 0;
            while (x < size) {
                if (!modules.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < size && modules.get(x, y)) {
                    x++;
                }
                consumer.accept(start, y, x - start);
            }
        }
    }
}

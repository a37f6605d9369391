package ua.qrshare.partner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The public offer partners accede to by signing its exact text with their КЕП. The text lives in
 * {@code offer/offer-v{N}.uk.txt}; publishing a new version means adding the file and raising {@link #CURRENT_VERSION},
 * after which every partner has to sign again.
 */
public record Offer(int version, byte[] text, String sha256) {

    public static final int CURRENT_VERSION = 1;

    public static Offer current() {
        return load(CURRENT_VERSION);
    }

    public static Offer load(int version) {
        String resource = "offer/offer-v" + version + ".uk.txt";
        try (InputStream in = Offer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            byte[] text = in.readAllBytes();
            return new Offer(
                    version,
                    text,
                    HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(text)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] text() {
        return text.clone();
    }
}

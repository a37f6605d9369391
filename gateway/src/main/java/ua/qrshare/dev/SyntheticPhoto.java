package ua.qrshare.dev;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A plain avatar standing in for a document photo in dev mode: head and shoulders on a pale background, colours drawn
 * from the seed. Drawn into a {@link BufferedImage} (no display needed) in the 35 × 45 mm proportion of a passport photo;
 * flat colours keep the PNG at a few kilobytes.
 */
final class SyntheticPhoto {

    static final int WIDTH = 140;
    static final int HEIGHT = 180;
    private static final Color[] SKIN = {
        new Color(0xF1C27D), new Color(0xE0AC69), new Color(0xFFDBAC), new Color(0xC68642), new Color(0xEAC086)
    };
    private static final Color[] HAIR = {
        new Color(0x2C1B10),
        new Color(0x6A4E42),
        new Color(0xB89778),
        new Color(0x1C1C1C),
        new Color(0x8D4A43),
        new Color(0xA7A7A7)
    };
    private static final Color[] CLOTHES = {
        new Color(0x34495E), new Color(0x2E4053), new Color(0x5D6D7E), new Color(0x1F618D), new Color(0x4A235A)
    };

    private SyntheticPhoto() {}

    static byte[] png(Random random) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            draw(g, random);
        } finally {
            g.dispose();
        }
        return encode(image);
    }

    private static void draw(Graphics2D g, Random random) {
        g.setColor(new Color(205 + random.nextInt(40), 210 + random.nextInt(35), 215 + random.nextInt(30)));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        Color skin = pick(SKIN, random);
        g.setColor(pick(CLOTHES, random));
        g.fillOval(8, 132, 124, 110);
        g.setColor(skin);
        g.fillRect(57, 104, 26, 34);
        g.setColor(pick(HAIR, random));
        int hairLength = random.nextInt(3) * 18;
        g.fillRoundRect(32, 26, 76, 56 + hairLength, 60, 50);
        g.setColor(skin);
        g.fillOval(39, 38, 62, 80);
    }

    private static Color pick(Color[] colors, Random random) {
        return colors[random.nextInt(colors.length)];
    }

    private static byte[] encode(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

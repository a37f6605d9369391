package ua.qrshare.qr;

/**
 * The QR code as a standalone SVG for partners to download and place in their own layouts: one path in module units,
 * so it scales to any size without blur, and 1 mm per module by default (about 5.5 cm for a typical code).
 */
public final class QrSvg {

    private static final int MILLIMETRES_PER_MODULE = 1;

    private QrSvg() {}

    /** @param content the URL to encode (ASCII) */
    public static String render(String content) {
        QrMatrix qr = QrMatrix.encode(content);
        int size = qr.size();
        StringBuilder path = new StringBuilder(size * size);
        qr.forEachDarkRun((x, y, length) -> path.append('M')
                .append(x)
                .append(' ')
                .append(y)
                .append('h')
                .append(length)
                .append("v1h-")
                .append(length)
                .append('z'));
        String side = size * MILLIMETRES_PER_MODULE + "mm";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 " + size + " " + size
                + "\" width=\"" + side + "\" height=\"" + side + "\" shape-rendering=\"crispEdges\">\n"
                + "<title>QR-код: " + escapeText(content) + "</title>\n"
                + "<rect width=\"" + size + "\" height=\"" + size + "\" fill=\"#fff\"/>\n"
                + "<path fill=\"#000\" d=\"" + path + "\"/>\n"
                + "</svg>\n";
    }

    private static String escapeText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

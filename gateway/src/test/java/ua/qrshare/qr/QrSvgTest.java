package ua.qrshare.qr;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class QrSvgTest {

    /** What production encodes: the public base URL, /s/ and a 51-character token. */
    static final String TYPICAL_URL =
            "https://qr.diia-partner.example.gov.ua/s/AQcMbzpSmkFLjo9OPx0qe5wQaSl2Qs_wz8biWWbzHsElIPZCbOE";

    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(
            strings = {
                TYPICAL_URL,
                "http://localhost:8080/s/AQcMbzpSmkFLjo9OPx0qe5wQaSl2Qs_wz8biWWbzHsElIPZCbOE",
                "https://qr.example.ua/s/x?a=1&b=<2>"
            })
    void anIndependentDecoderReadsTheUrlBack(String url) throws Exception {
        Path svg = Files.writeString(dir.resolve("qr.svg"), QrSvg.render(url), UTF_8);
        Path png = dir.resolve("qr.png");
        ExternalTools.svgToPng(svg, png, 600);

        assertThat(ExternalTools.decodeQr(png)).isEqualTo(url + "\n");
    }

    @Test
    void decodesAtTheDefaultPrintSizeToo() throws Exception {
        Path svg = Files.writeString(dir.resolve("qr.svg"), QrSvg.render(TYPICAL_URL), UTF_8);
        Path png = dir.resolve("qr.png");
        // 1 mm per module at 96 dpi is under 4 pixels per module: what a browser shows at 100 %
        ExternalTools.svgToPng(svg, png, (int) Math.round(moduleCount(TYPICAL_URL) * 96 / 25.4));

        assertThat(ExternalTools.decodeQr(png)).isEqualTo(TYPICAL_URL + "\n");
    }

    @Test
    void isStandaloneSvgWithTitleBackgroundAndOnePathInModuleUnits() throws Exception {
        String svg = QrSvg.render(TYPICAL_URL);
        Element root = parse(svg).getDocumentElement();
        int size = moduleCount(TYPICAL_URL);

        assertThat(svg).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 " + size + " " + size);
        assertThat(root.getAttribute("width")).isEqualTo(size + "mm");
        assertThat(root.getAttribute("height")).isEqualTo(size + "mm");
        assertThat(root.getAttribute("shape-rendering")).isEqualTo("crispEdges");
        assertThat(root.getElementsByTagNameNS("*", "title").item(0).getTextContent())
                .contains(TYPICAL_URL);
        Element background = (Element) root.getElementsByTagNameNS("*", "rect").item(0);
        assertThat(background.getAttribute("width")).isEqualTo(Integer.toString(size));
        assertThat(background.getAttribute("fill")).isEqualTo("#fff");
        assertThat(root.getElementsByTagNameNS("*", "path").getLength()).isEqualTo(1);
        assertThat(svg.split("<path", -1)).hasSize(2);
        assertThat(svg).doesNotContain("href").doesNotContain("url(").doesNotContain("<image");
    }

    @Test
    void darkModulesAreRunsInsideTheQuietZone() throws Exception {
        int size = moduleCount(TYPICAL_URL);
        String d = pathData(QrSvg.render(TYPICAL_URL));

        Matcher run = RUN.matcher(d);
        StringBuilder matched = new StringBuilder();
        int runs = 0;
        int minX = size;
        int minY = size;
        int maxX = 0;
        int maxY = 0;
        while (run.find()) {
            matched.append(run.group());
            int x = Integer.parseInt(run.group(1));
            int y = Integer.parseInt(run.group(2));
            int length = Integer.parseInt(run.group(3));
            assertThat(run.group(4)).isEqualTo(run.group(3));
            minX = Math.min(minX, x);
            minY = Math.min(minY, y);
            maxX = Math.max(maxX, x + length);
            maxY = Math.max(maxY, y + 1);
            runs++;
        }
        assertThat(matched.toString()).as("the path is nothing but runs").isEqualTo(d);
        assertThat(runs).isGreaterThan(size);
        // the finder patterns touch all four edges of the symbol, exactly 4 modules in from the border
        assertThat(new int[] {minX, minY, size - maxX, size - maxY}).containsOnly(QrMatrix.QUIET_ZONE);
    }

    @Test
    void typicalUrlUsesLevelQAndVeryLongContentFallsBackToM() throws Exception {
        QrMatrix typical = QrMatrix.encode(TYPICAL_URL);
        assertThat(typical.level()).isEqualTo(ErrorCorrectionLevel.Q);
        assertThat(typical.version()).isLessThanOrEqualTo(8);

        String longUrl = "https://qr.example.ua/" + "very-long-prefix/".repeat(10) + "s/"
                + "AQcMbzpSmkFLjo9OPx0qe5wQaSl2Qs_wz8biWWbzHsElIPZCbOE";
        QrMatrix fallback = QrMatrix.encode(longUrl);
        assertThat(fallback.level()).isEqualTo(ErrorCorrectionLevel.M);
        Path svg = Files.writeString(dir.resolve("long.svg"), QrSvg.render(longUrl), UTF_8);
        Path png = dir.resolve("long.png");
        ExternalTools.svgToPng(svg, png, 800);
        assertThat(ExternalTools.decodeQr(png)).isEqualTo(longUrl + "\n");
    }

    @Test
    void refusesContentThatIsNotAscii() {
        assertThatThrownBy(() -> QrSvg.render("https://приклад.укр/s/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QrSvg.render("https://qr.example.ua/s/" + "x".repeat(3000)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int moduleCount(String url) {
        return QrMatrix.encode(url).size();
    }

    private static String pathData(String svg) throws Exception {
        NodeList paths = parse(svg).getElementsByTagNameNS("*", "path");
        return ((Element) paths.item(0)).getAttribute("d");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(UTF_8)));
    }
}

package ua.qrshare.qr;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Independent checkers from Debian packages: a QR decoder that shares no code with ZXing, an SVG rasteriser and the
 * poppler PDF tools. Missing tools fail the test with the package to install, rather than skipping it.
 */
final class ExternalTools {

    private static final Map<String, String> PACKAGES = Map.of(
            "zbarimg", "zbar-tools",
            "rsvg-convert", "librsvg2-bin",
            "pdftoppm", "poppler-utils",
            "pdftotext", "poppler-utils",
            "pdffonts", "poppler-utils");

    private ExternalTools() {}

    /** The text of every QR code zbar finds in the image, one per line. */
    static String decodeQr(Path image) {
        return run(List.of("zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", image.toString()));
    }

    static void svgToPng(Path svg, Path png, int widthPixels) {
        run(List.of("rsvg-convert", "-w", Integer.toString(widthPixels), "-o", png.toString(), svg.toString()));
    }

    /** Renders the first page to {@code <prefix>-1.png} and returns that path. */
    static Path pdfToPng(Path pdf, Path prefix, int dpi) {
        run(List.of(
                "pdftoppm",
                "-r",
                Integer.toString(dpi),
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                pdf.toString(),
                prefix.toString()));
        return prefix.resolveSibling(prefix.getFileName() + "-1.png");
    }

    static String pdfText(Path pdf, String... options) {
        List<String> command = new ArrayList<>(List.of("pdftotext", "-enc", "UTF-8"));
        command.addAll(List.of(options));
        command.addAll(List.of(pdf.toString(), "-"));
        return run(command);
    }

    static String pdfFonts(Path pdf) {
        return run(List.of("pdffonts", pdf.toString()));
    }

    /** The command's standard output; its standard error (zbar's D-Bus chatter) only shows when it fails. */
    private static String run(List<String> command) {
        try {
            Path errors = Files.createTempFile("tool", ".err");
            try {
                return run(command, errors);
            } finally {
                Files.delete(errors);
            }
        } catch (IOException | InterruptedException e) {
            return fail(command + " failed", e);
        }
    }

    private static String run(List<String> command, Path errors) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        } catch (IOException e) {
            return fail("%s is missing: apt-get install %s", command.get(0), PACKAGES.get(command.get(0)));
        }
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return fail("%s did not finish within 60 s", command);
        }
        assertThat(process.exitValue())
                .as("%s%n%s%s", command, output, Files.readString(errors))
                .isZero();
        return output;
    }
}

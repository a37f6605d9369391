package ua.qrshare.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The one test of the process boundary the other CLI tests run without: {@code main} in its own JVM reads the real
 * environment variables and system properties, prints to the real stdout and stderr, and exits with the code.
 */
@Isolated // times child JVMs
class CliSmokeTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    @Test
    void main_reads_the_process_environment_and_exits_with_the_code() throws Exception {
        Run bad = run(
                Map.of(
                        "QRSHARE_HTTP_PORT",
                        "abc",
                        "QRSHARE_DATA_DIR",
                        dir.resolve("d").toString()),
                List.of(),
                "serve");
        assertThat(bad.exit()).isEqualTo(ServeCommand.CONFIG_ERROR);
        assertThat(bad.err().strip().lines())
                .containsExactly(
                        "qrshare: configuration error: http.port (QRSHARE_HTTP_PORT): must be a port number 1-65535, got \"abc\"");
        assertThat(dir.resolve("d")).doesNotExist();

        Run config = run(Map.of("QRSHARE_DATA_DIR", "/srv/from-env"), List.of("-Dqrshare.http.port=9003"), "config");
        assertThat(config.exit()).as(config.err()).isZero();
        assertThat(config.out())
                .contains(
                        "data.dir = /srv/from-env  [environment QRSHARE_DATA_DIR]",
                        "http.port = 9003  [system property qrshare.http.port]");
    }

    /** {@code java … Main args…} in {@code dir}, with no QRSHARE_* variables but those in {@code env}. */
    private Run run(Map<String, String> env, List<String> jvmArgs, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("QRSHARE_"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the CLI did not finish");
        }
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}

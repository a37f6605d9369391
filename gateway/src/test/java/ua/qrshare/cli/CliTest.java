package ua.qrshare.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI as an operator meets it: a separate JVM, real environment variables, exit codes, stderr. */
class CliTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    @Test
    void help_explains_every_option_and_command() throws Exception {
        Run r = run(Map.of(), List.of(), "--help");
        assertThat(r.exit).isZero();
        assertThat(r.out).contains("--config", "FILE", "--prod", "serve", "config", "--help", "--version",
                "embedded PostgreSQL");
        Run serve = run(Map.of(), List.of(), "serve", "--help");
        assertThat(serve.out).contains("--config", "--prod", "Production mode", "embedded SMTP");
    }

    @Test
    void a_bad_value_stops_start_up_with_one_line_naming_the_key() throws Exception {
        Run r = run(Map.of("QRSHARE_HTTP_PORT", "abc", "QRSHARE_DATA_DIR", dir.resolve("d").toString()), List.of(), "serve");
        assertThat(r.exit).isEqualTo(ServeCommand.CONFIG_ERROR);
        assertThat(r.err.strip().lines()).containsExactly(
                "qrshare: configuration error: http.port (QRSHARE_HTTP_PORT): must be a port number 1-65535, got \"abc\"");
        assertThat(dir.resolve("d")).doesNotExist();
    }

    @Test
    void prod_refuses_dev_defaults_naming_each() throws Exception {
        Run r = run(Map.of("QRSHARE_DATA_DIR", dir.resolve("d").toString()), List.of(), "--prod");
        assertThat(r.exit).isEqualTo(ServeCommand.CONFIG_ERROR);
        assertThat(r.err.lines().count()).isEqualTo(1);
        assertThat(r.err).contains("--prod refuses", "db.url", "smtp.host", "seal.keystore", "tsa.url", "public.base.url");
        assertThat(dir.resolve("d")).doesNotExist();
    }

    @Test
    void prod_names_only_the_defaults_still_in_use() throws Exception {
        Run r = run(Map.of("QRSHARE_DB_URL", "postgresql://qr@127.0.0.1:1/qrshare",
                "QRSHARE_PUBLIC_BASE_URL", "https://qr.example.ua", "QRSHARE_TSA_URL", "https://tsa.example.ua/tsp"),
                List.of(), "serve", "--prod");
        assertThat(r.exit).isEqualTo(ServeCommand.CONFIG_ERROR);
        assertThat(r.err).contains("smtp.host", "seal.keystore").doesNotContain("db.url", "public.base.url", "tsa.url");
    }

    @Test
    void config_shows_values_with_their_source_in_precedence_order() throws Exception {
        Path file = dir.resolve("qrshare.yaml");
        Files.writeString(file, "http.port: 9001\nsmtp.port: 2525\ndata.dir: /srv/from-file\n"
                + "db.url: postgresql://qr:filesecret@db:5432/qrshare\n");
        Run r = run(Map.of("QRSHARE_HTTP_PORT", "9002", "QRSHARE_DATA_DIR", "/srv/from-env",
                        "QRSHARE_SMTP_PASSWORD", "envsecret"),
                List.of("-Dqrshare.http.port=9003"), "config", "--config", file.toString());
        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.out).contains(
                "http.port = 9003  [system property qrshare.http.port]",
                "data.dir = /srv/from-env  [environment QRSHARE_DATA_DIR]",
                "smtp.port = 2525  [config file " + file + "]",
                "http.host = (unset)",
                "smtp.password = ****  [environment QRSHARE_SMTP_PASSWORD]",
                "db.url = postgresql://qr:***@db:5432/qrshare",
                "smtp.host = (unset)");
        assertThat(r.out).doesNotContain("filesecret", "envsecret");
    }

    private Run run(Map<String, String> env, List<String> jvmArgs, String... args) throws IOException, InterruptedException {
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
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the CLI did not finish");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}

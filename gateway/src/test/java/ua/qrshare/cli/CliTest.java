package ua.qrshare.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import ua.qrshare.config.Environment;

/** The CLI as an operator meets it: environment variables, system properties, exit codes, stderr. */
@Isolated // captures the log
class CliTest {

    @TempDir
    Path dir;

    @Test
    void help_explains_every_option_and_command() {
        Cli.Run r = Cli.run(Map.of(), "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains(
                        "--config", "FILE", "--prod", "serve", "config", "--help", "--version", "embedded PostgreSQL");
        Cli.Run serve = Cli.run(Map.of(), "serve", "--help");
        assertThat(serve.out()).contains("--config", "--prod", "Production mode", "embedded SMTP");
    }

    @Test
    void a_bad_value_stops_start_up_with_one_line_naming_the_key() {
        Cli.Run r = Cli.run(
                Map.of(
                        "QRSHARE_HTTP_PORT",
                        "abc",
                        "QRSHARE_DATA_DIR",
                        dir.resolve("d").toString()),
                "serve");
        assertThat(r.exit()).isEqualTo(ServeCommand.CONFIG_ERROR);
        assertThat(r.err().strip().lines())
                .containsExactly(
                        "qrshare: configuration error: http.port (QRSHARE_HTTP_PORT): must be a port number 1-65535, got \"abc\"");
        assertThat(dir.resolve("d")).doesNotExist();
    }

    @Test
    void prod_refuses_dev_defaults_naming_each() {
        Cli.Run r = Cli.run(Map.of("QRSHARE_DATA_DIR", dir.resolve("d").toString()), "--prod");
        assertThat(r.exit()).isEqualTo(ServeCommand.CONFIG_ERROR);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err())
                .contains("--prod refuses", "db.url", "smtp.host", "seal.keystore", "tsa.url", "public.base.url");
        assertThat(dir.resolve("d")).doesNotExist();
    }

    @Test
    void prod_names_only_the_defaults_still_in_use() {
        Cli.Run r = Cli.run(
                Map.of(
                        "QRSHARE_DB_URL",
                        "postgresql://qr@127.0.0.1:1/qrshare",
                        "QRSHARE_PUBLIC_BASE_URL",
                        "https://qr.example.ua",
                        "QRSHARE_TSA_URL",
                        "https://tsa.example.ua/tsp"),
                "serve",
                "--prod");
        assertThat(r.exit()).isEqualTo(ServeCommand.CONFIG_ERROR);
        assertThat(r.err())
                .contains("smtp.host", "seal.keystore")
                .doesNotContain("db.url", "public.base.url", "tsa.url");
    }

    @Test
    void config_shows_values_with_their_source_in_precedence_order() throws Exception {
        Path file = dir.resolve("qrshare.yaml");
        Files.writeString(
                file,
                "http.port: 9001\nsmtp.port: 2525\ndata.dir: /srv/from-file\n"
                        + "db.url: postgresql://qr:filesecret@db:5432/qrshare\n");
        Cli.Run r = Cli.run(
                new Environment(
                        Map.of(
                                "QRSHARE_HTTP_PORT",
                                "9002",
                                "QRSHARE_DATA_DIR",
                                "/srv/from-env",
                                "QRSHARE_SMTP_PASSWORD",
                                "envsecret"),
                        Map.of("qrshare.http.port", "9003")),
                "config",
                "--config",
                file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "http.port = 9003  [system property qrshare.http.port]",
                        "data.dir = /srv/from-env  [environment QRSHARE_DATA_DIR]",
                        "smtp.port = 2525  [config file " + file + "]",
                        "http.host = (unset)",
                        "smtp.password = ****  [environment QRSHARE_SMTP_PASSWORD]",
                        "db.url = postgresql://qr:***@db:5432/qrshare",
                        "smtp.host = (unset)");
        assertThat(r.out()).doesNotContain("filesecret", "envsecret");
    }

    @Test
    void variables_and_properties_outside_the_configuration_keys_are_not_read() {
        Cli.Run r = Cli.run(
                new Environment(
                        Map.of("QRSHARE_HTTP_PROT", "1", "PATH", "/bin"),
                        Map.of("qrshare.http.prot", "1", "user.dir", "/elsewhere")),
                "config");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("http.port = 8080  [default]")
                .doesNotContain("PROT", "prot", "/bin", "/elsewhere");
    }
}

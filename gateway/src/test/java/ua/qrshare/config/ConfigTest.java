package ua.qrshare.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    /** Neither QRSHARE_* variables nor qrshare.* properties: only the file and the defaults count. */
    static final Environment NO_ENVIRONMENT = new Environment(Map.of(), Map.of());

    @TempDir
    Path dir;

    static Config configOf(JsonObject values) {
        return Config.fromValues(ConfigLoader.values(ConfigLoader.resolve(values, Path.of("test.yaml"))));
    }

    @Test
    void defaults_make_a_dev_instance() {
        Config c = configOf(new JsonObject());
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.dataDir()).isEqualTo(Path.of("data"));
        assertThat(c.publicBaseUrl()).isEqualTo("http://localhost:8080");
        assertThat(c.database().embedded()).isTrue();
        assertThat(c.smtp().embedded()).isTrue();
        assertThat(c.seal().dev()).isTrue();
        assertThat(c.tsa().embedded()).isTrue();
        assertThat(c.tsa().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.devDefaultsInUse())
                .hasSize(9)
                .contains(
                        "tsa.url is unset: embedded dev TSA",
                        "seal.keystore is unset: dev PKI",
                        "tsa.trusted.cas is unset: time-stamps trusted from the dev CA");
    }

    @Test
    void system_property_beats_environment_beats_file_beats_default() {
        JsonObject merged = new JsonObject()
                .put("http.port", "9001")
                .put("data.dir", "/srv/file")
                .put("smtp.port", "2525")
                .put("QRSHARE_HTTP_PORT", "9002")
                .put("QRSHARE_DATA_DIR", "/srv/env")
                .put("qrshare.http.port", "9003");
        Map<ConfigKey, ConfigLoader.Setting> s = ConfigLoader.resolve(merged, Path.of("f.yaml"));
        assertThat(s.get(ConfigKey.HTTP_PORT))
                .isEqualTo(new ConfigLoader.Setting("9003", "system property qrshare.http.port"));
        assertThat(s.get(ConfigKey.DATA_DIR))
                .isEqualTo(new ConfigLoader.Setting("/srv/env", "environment QRSHARE_DATA_DIR"));
        assertThat(s.get(ConfigKey.SMTP_PORT)).isEqualTo(new ConfigLoader.Setting("2525", "config file f.yaml"));
        assertThat(s).doesNotContainKey(ConfigKey.HTTP_HOST).doesNotContainKey(ConfigKey.DB_URL);
    }

    @Test
    void a_yaml_file_is_read_flat_or_nested() throws Exception {
        Path file = dir.resolve("qrshare.yaml");
        Files.writeString(file, """
                http:
                  port: 9090
                public.base.url: https://qr.example.ua/
                db:
                  url: postgresql://qr@db.internal:5432/qrshare
                  pool.size: 16
                """);
        Config c = ConfigLoader.load(file, NO_ENVIRONMENT);
        assertThat(c.httpPort()).isEqualTo(9090);
        assertThat(c.publicBaseUrl()).isEqualTo("https://qr.example.ua");
        assertThat(c.database().url()).isEqualTo("postgresql://qr@db.internal:5432/qrshare");
        assertThat(c.database().poolSize()).isEqualTo(16);
    }

    @Test
    void a_json_file_is_read_too() throws Exception {
        Path file = dir.resolve("qrshare.json");
        Files.writeString(
                file, "{\"http.port\": 7070, \"smtp.host\": \"mail.example.ua\", \"smtp.tls\": \"required\"}");
        Config c = ConfigLoader.load(file, NO_ENVIRONMENT);
        assertThat(c.httpPort()).isEqualTo(7070);
        assertThat(c.smtp().host()).isEqualTo("mail.example.ua");
        assertThat(c.smtp().tls()).isEqualTo(Config.SmtpTls.REQUIRED);
    }

    @Test
    void unknown_key_in_the_file_is_refused() throws Exception {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, "http.prot: 9090\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, NO_ENVIRONMENT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown configuration key \"http.prot\"");
    }

    @Test
    void missing_file_is_refused() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("absent.yaml"), NO_ENVIRONMENT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("absent.yaml")
                .hasMessageContaining("does not exist");
    }

    @Test
    void unparsable_file_is_refused_with_its_name() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"http.port\": ");
        assertThatThrownBy(() -> ConfigLoader.load(file, NO_ENVIRONMENT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("broken.json");
    }

    @Test
    void each_bad_value_names_its_key_and_the_problem() {
        assertBad("http.port", "abc", "http.port (QRSHARE_HTTP_PORT): must be a port number 1-65535, got \"abc\"");
        assertBad("http.port", "70000", "http.port (QRSHARE_HTTP_PORT): must be a port number 1-65535, got 70000");
        assertBad("smtp.port", "0", "smtp.port (QRSHARE_SMTP_PORT): must be a port number 1-65535, got 0");
        assertBad(
                "http.body.limit",
                "10",
                "http.body.limit (QRSHARE_HTTP_BODY_LIMIT): must be between 1024 and 67108864, got 10");
        assertBad("http.access.log", "maybe", "http.access.log (QRSHARE_HTTP_ACCESS_LOG): must be true or false");
        assertBad(
                "http.shutdown.timeout",
                "-1",
                "http.shutdown.timeout (QRSHARE_HTTP_SHUTDOWN_TIMEOUT): must be between 0 and 600");
        assertBad("db.pool.size", "0", "db.pool.size (QRSHARE_DB_POOL_SIZE): must be between 1 and 512");
        assertBad(
                "public.base.url",
                "localhost:8080",
                "public.base.url (QRSHARE_PUBLIC_BASE_URL): must be an absolute http(s) URL");
        assertBad("public.base.url", "https://qr.example.ua/?x=1", "must not have a query or fragment");
        assertBad("db.url", "mysql://db/qr", "db.url (QRSHARE_DB_URL): must look like postgresql://host:5432/database");
        assertBad("smtp.tls", "ssl", "smtp.tls (QRSHARE_SMTP_TLS): must be one of none, optional, required, tls");
        assertBad("smtp.from", "nobody", "smtp.from (QRSHARE_SMTP_FROM): must be an e-mail address");
        assertBad("data.dir", " ", "data.dir (QRSHARE_DATA_DIR): must not be empty");
        assertBad(
                "seal.keystore",
                "/etc/qrshare/seal.p12",
                "seal.keystore.password (QRSHARE_SEAL_KEYSTORE_PASSWORD): must be set");
        assertBad(
                "auth.session.minutes",
                "1",
                "auth.session.minutes (QRSHARE_AUTH_SESSION_MINUTES): must be between 5 and 10080");
        assertBad("secrets.keys", "1:" + "A".repeat(44), "secrets.keys and secrets.lookup.key are set together");
        assertBad("tsa.url", "tsa.example.ua/tsp", "tsa.url (QRSHARE_TSA_URL): must be an absolute http(s) URL");
        assertBad("tsa.url", "/api/v1/pki/tsa", "tsa.url (QRSHARE_TSA_URL): must be an absolute http(s) URL");
        assertBad("tsa.url", "ftp://tsa.example.ua/tsp", "tsa.url (QRSHARE_TSA_URL): must be an absolute http(s) URL");
        assertBad("tsa.url", "https://tsa.example.ua/tsp#x", "tsa.url (QRSHARE_TSA_URL): must not have a fragment");
        assertBad("tsa.timeout.ms", "50", "tsa.timeout.ms (QRSHARE_TSA_TIMEOUT_MS): must be between 100 and 120000");
        assertBad("seal.pkcs11.slot", "-1", "seal.pkcs11.slot (QRSHARE_SEAL_PKCS11_SLOT): must be between 0 and 1023");
        assertBad(
                "seal.pkcs11.library",
                "/usr/lib/softhsm/libsofthsm2.so",
                "seal.keystore.password (QRSHARE_SEAL_KEYSTORE_PASSWORD): must be set to the token's PIN");
    }

    @Test
    void a_tsa_url_is_taken_as_given_and_ends_the_embedded_tsa() {
        Config c = configOf(new JsonObject()
                .put("tsa.url", "http://tsa.example.ua:3161/tsp?profile=qes")
                .put("tsa.timeout.ms", "1500"));
        assertThat(c.tsa().embedded()).isFalse();
        assertThat(c.tsa().url()).isEqualTo("http://tsa.example.ua:3161/tsp?profile=qes");
        assertThat(c.tsa().timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.devDefaultsInUse()).noneMatch(d -> d.startsWith("tsa.url"));
    }

    @Test
    void a_credential_in_a_bad_tsa_url_is_not_echoed() {
        assertThatThrownBy(() -> configOf(new JsonObject().put("tsa.url", "ftp://user:s3cret@tsa.example.ua/")))
                .hasMessageNotContaining("s3cret")
                .hasMessageContaining("user:***@");
    }

    @Test
    void a_pkcs11_seal_is_not_the_dev_pki_and_excludes_a_keystore() {
        Config c = configOf(new JsonObject()
                .put("seal.pkcs11.library", "/usr/lib/softhsm/libsofthsm2.so")
                .put("seal.pkcs11.slot", "2")
                .put("seal.keystore.password", "1234"));
        assertThat(c.seal().dev()).isFalse();
        assertThat(c.seal().pkcs11()).isTrue();
        assertThat(c.seal().pkcs11Slot()).isEqualTo(2);
        assertThat(c.devDefaultsInUse()).noneMatch(d -> d.startsWith("seal."));
        assertThatThrownBy(() -> configOf(new JsonObject()
                        .put("seal.pkcs11.library", "/usr/lib/softhsm/libsofthsm2.so")
                        .put("seal.keystore", "/etc/qrshare/seal.p12")
                        .put("seal.keystore.password", "1234")))
                .hasMessageContaining("seal.pkcs11.library (QRSHARE_SEAL_PKCS11_LIBRARY): set either seal.keystore"
                        + " or seal.pkcs11.library, not both");
    }

    @Test
    void a_password_in_a_bad_database_url_is_not_echoed() {
        assertThatThrownBy(() -> configOf(new JsonObject().put("db.url", "mysql://qr:s3cret@db/qr")))
                .hasMessageNotContaining("s3cret")
                .hasMessageContaining("qr:***@");
    }

    @Test
    void production_settings_leave_no_dev_default() {
        Config c = configOf(new JsonObject()
                .put("db.url", "postgresql://qr@db:5432/qrshare")
                .put("smtp.host", "smtp.example.ua")
                .put("seal.keystore", "/etc/qrshare/seal.p12")
                .put("seal.keystore.password", "x")
                .put("secrets.keys", "1:" + "A".repeat(44))
                .put("secrets.lookup.key", "B".repeat(44))
                .put("auth.trusted.cas", "/etc/qrshare/ca-1.pem, /etc/qrshare/ca-2.pem")
                .put("app.token.keys", "/etc/qrshare/idp.pem")
                .put("documents.issuer.keys", "/etc/qrshare/docs.pem")
                .put("tsa.url", "https://tsa.example.ua/tsp")
                .put("tsa.trusted.cas", "/etc/qrshare/tsa-ca.pem")
                .put("seal.previous.certificates", "/etc/qrshare/seal-2025.pem")
                .put("public.base.url", "https://qr.example.ua"));
        assertThat(c.devDefaultsInUse()).isEmpty();
        assertThat(c.httpHost()).isEqualTo("0.0.0.0");
        assertThat(c.tsa().trustedCas()).containsExactly(Path.of("/etc/qrshare/tsa-ca.pem"));
        assertThat(c.seal().previousCertificates()).containsExactly(Path.of("/etc/qrshare/seal-2025.pem"));
        assertThat(c.auth().trustedCas())
                .containsExactly(Path.of("/etc/qrshare/ca-1.pem"), Path.of("/etc/qrshare/ca-2.pem"));
    }

    @Test
    void a_dev_instance_listens_on_loopback_unless_told_otherwise() {
        assertThat(configOf(new JsonObject()).httpHost()).isEqualTo("127.0.0.1");
        assertThat(configOf(new JsonObject()).httpHostSet()).isFalse();
        assertThat(configOf(new JsonObject().put("db.url", "postgresql://qr@db:5432/qrshare"))
                        .httpHost())
                .isEqualTo("127.0.0.1");
        Config explicit = configOf(new JsonObject().put("http.host", "0.0.0.0"));
        assertThat(explicit.httpHost()).isEqualTo("0.0.0.0");
        assertThat(explicit.httpHostSet()).isTrue();
    }

    @Test
    void client_limits_have_safe_defaults_and_are_checked() {
        Config.HttpLimits limits = configOf(new JsonObject()).httpLimits();
        assertThat(limits.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(limits.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(limits.maxConnections()).isEqualTo(4096);
        assertThat(limits.anonymousRatePerIp()).isEqualTo(120);
        assertThat(limits.anonymousConcurrency()).isEqualTo(8);
        assertThat(limits.anonymousInflightBytes()).isEqualTo(64L * 1024 * 1024);
        assertBad("http.request.timeout", "0", "http.request.timeout");
        assertBad("http.max.connections", "lots", "http.max.connections");
    }

    @Test
    void env_and_system_property_names_follow_the_key() {
        assertThat(ConfigKey.SEAL_KEYSTORE_PASSWORD.envName()).isEqualTo("QRSHARE_SEAL_KEYSTORE_PASSWORD");
        assertThat(ConfigKey.PUBLIC_BASE_URL.systemProperty()).isEqualTo("qrshare.public.base.url");
    }

    private static void assertBad(String key, String value, String message) {
        assertThatThrownBy(() -> configOf(new JsonObject().put(key, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }
}

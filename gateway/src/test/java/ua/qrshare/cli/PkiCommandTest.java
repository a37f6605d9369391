package ua.qrshare.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import ua.qrshare.pki.SigningIdentity;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.KepSigner;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.TestGateway;

/** {@code qrshare pki issue-partner}: a КЕП from the dev CA that openssl reads and the gateway accepts. */
@Isolated // captures the log
class PkiCommandTest {

    @TempDir
    Path dir;

    @Test
    void the_pkcs12_file_opens_in_openssl_with_the_qualified_subject() throws Exception {
        Path out = dir.resolve("keys").resolve("head.p12");
        Cli.Run r = Cli.run(
                Map.of("QRSHARE_DATA_DIR", dir.resolve("data").toString()),
                "pki",
                "issue-partner",
                "--edrpou",
                "41259384",
                "--rnokpp",
                "3106504219",
                "--name",
                "Петренко Оксана Василівна",
                "--title",
                "Директор",
                "--organisation",
                "ТОВ «Тест»",
                "--out",
                out.toString(),
                "--password",
                "s3cret-Pass",
                "--valid-days",
                "30");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains(out.toString(), "legal entity head's");
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String info = openssl("pkcs12", "-in", out.toString(), "-info", "-nokeys", "-passin", "pass:s3cret-Pass");
        assertThat(info)
                .contains(
                        "serialNumber = TINUA-3106504219",
                        "organizationIdentifier = NTRUA-41259384",
                        "issuer=C = UA, O = qrshare (development), CN = qrshare dev root CA");
        assertThat(openssl("pkcs12", "-in", out.toString(), "-nokeys", "-passin", "pass:wrong"))
                .contains("error");
    }

    @Test
    void a_sole_proprietor_key_issued_into_a_gateways_data_directory_logs_in_there() throws Exception {
        Path dataDir = dir.resolve("data");
        try (RunningGateway gateway = TestGateway.start(dataDir, Map.of())) {
            Path out = dir.resolve("fop.p12");
            Cli.Run r = Cli.run(
                    Map.of("QRSHARE_DATA_DIR", dataDir.toString()),
                    "pki",
                    "issue-partner",
                    "--rnokpp",
                    "3308933114",
                    "--name",
                    "Ткаченко Василь Іванович",
                    "--out",
                    out.toString(),
                    "--password",
                    "pw");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("sole proprietor's");

            SigningIdentity fop = SigningIdentity.fromPkcs12(out, "pw".toCharArray());
            Http http = new Http(gateway.config().httpPort());
            HttpResponse<String> challenge = http.send(http.request("/api/v1/auth/challenge")
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build());
            JsonObject c = new JsonObject(challenge.body());
            String signature = KepSigner.sign(fop, Base64.getDecoder().decode(c.getString("nonce")), true);
            HttpResponse<String> login = http.send(http.request("/api/v1/auth/login")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                            .put("challengeId", c.getString("challengeId"))
                            .put("signature", signature)
                            .encode()))
                    .build());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            assertThat(new JsonObject(login.body()).getJsonObject("partner").getString("name"))
                    .isEqualTo("ФОП Ткаченко Василь Іванович");
        }
    }

    @Test
    void it_refuses_when_logins_trust_configured_cas() {
        Path out = dir.resolve("refused.p12");
        Cli.Run r = Cli.run(
                Map.of(
                        "QRSHARE_DATA_DIR",
                        dir.resolve("data").toString(),
                        "QRSHARE_AUTH_TRUSTED_CAS",
                        dir.resolve("qualified-cas.pem").toString()),
                "pki",
                "issue-partner",
                "--rnokpp",
                "3308933114",
                "--name",
                "Ткаченко Василь Іванович",
                "--out",
                out.toString(),
                "--password",
                "pw");
        assertThat(r.exit()).isEqualTo(PkiCommand.FAILED);
        assertThat(r.err()).contains("auth.trusted.cas is set");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void malformed_numbers_are_usage_errors() {
        String out = dir.resolve("x.p12").toString();
        Cli.Run r = Cli.run(
                Map.of("QRSHARE_DATA_DIR", dir.resolve("data").toString()),
                "pki",
                "issue-partner",
                "--rnokpp",
                "12345",
                "--name",
                "Х",
                "--out",
                out,
                "--password",
                "pw");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--rnokpp must be 10 digits");
        Cli.Run edrpou = Cli.run(
                Map.of(),
                "pki",
                "issue-partner",
                "--rnokpp",
                "3308933114",
                "--edrpou",
                "1234",
                "--name",
                "Х",
                "--out",
                out,
                "--password",
                "pw");
        assertThat(edrpou.err()).contains("--edrpou must be 8 digits");
        assertThat(dir.resolve("x.p12")).doesNotExist();
    }

    private String openssl(String... args) throws Exception {
        Process p = new ProcessBuilder(List.of(args).stream()
                        .collect(() -> new java.util.ArrayList<>(List.of("openssl")), List::add, List::addAll))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output + "\nexit " + p.exitValue();
    }
}

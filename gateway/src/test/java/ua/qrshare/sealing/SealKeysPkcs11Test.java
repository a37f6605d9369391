package ua.qrshare.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.qrshare.config.Config;
import ua.qrshare.config.ConfigException;
import ua.qrshare.config.ConfigLoader;
import ua.qrshare.dev.DevPki;
import ua.qrshare.pki.PkiRoutes;
import ua.qrshare.pki.SigningIdentity;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.TestGateway;
import ua.qrshare.testing.Tools;

/**
 * The seal on a PKCS#11 token: Debian's SoftHSM2 as the token, the dev seal key and its chain imported with
 * softhsm2-util and pkcs11-tool (OpenSC), signing through SunPKCS11, and openssl verifying the result.
 */
class SealKeysPkcs11Test {

    static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    static final String PIN = "1234";

    @TempDir
    static Path dir;

    static DevPki pki;
    static Map<String, String> softHsm;
    /** Publishes the seal CA's CRL where its certificates say, as the CA of a production seal would. */
    static HttpServer crlServer;

    @BeforeAll
    static void importTheDevSealIntoAToken() throws Exception {
        softHsm = Map.of("SOFTHSM2_CONF", softHsmConfiguration(dir.resolve("tokens")));
        crlServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pki = DevPki.loadOrCreate(
                dir.resolve("pki"), "http://127.0.0.1:" + crlServer.getAddress().getPort());
        crlServer.createContext(PkiRoutes.CA_CRL, exchange -> {
            byte[] crl = pki.crl();
            exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
            exchange.sendResponseHeaders(200, crl.length);
            try (var body = exchange.getResponseBody()) {
                body.write(crl);
            }
        });
        crlServer.start();
        Path p = pki.directory();
        Tools.ok(
                p,
                "openssl",
                "pkcs12",
                "-in",
                "seal.p12",
                "-passin",
                "file:keystore.password",
                "-nocerts",
                "-noenc",
                "-out",
                dir.resolve("seal.key").toString());
        Tools.ok(
                p,
                "openssl",
                "x509",
                "-in",
                "seal.pem",
                "-outform",
                "DER",
                "-out",
                dir.resolve("seal.der").toString());
        Tools.ok(
                p,
                "openssl",
                "x509",
                "-in",
                "ca.pem",
                "-outform",
                "DER",
                "-out",
                dir.resolve("ca.der").toString());
        Files.copy(p.resolve("ca.pem"), dir.resolve("ca.pem"));

        hsm("softhsm2-util", "--init-token", "--free", "--label", "qrshare", "--pin", PIN, "--so-pin", "5678");
        hsm(
                "softhsm2-util",
                "--import",
                "seal.key",
                "--token",
                "qrshare",
                "--label",
                "seal",
                "--id",
                "01",
                "--pin",
                PIN);
        hsm(
                "pkcs11-tool",
                "--module",
                LIBRARY,
                "--token-label",
                "qrshare",
                "--login",
                "--pin",
                PIN,
                "--write-object",
                "seal.der",
                "--type",
                "cert",
                "--id",
                "01",
                "--label",
                "seal");
        hsm(
                "pkcs11-tool",
                "--module",
                LIBRARY,
                "--token-label",
                "qrshare",
                "--login",
                "--pin",
                PIN,
                "--write-object",
                "ca.der",
                "--type",
                "cert",
                "--id",
                "02",
                "--label",
                "ca");
    }

    @AfterAll
    static void stopCrlServer() {
        crlServer.stop(0);
    }

    @Test
    void the_seal_key_stays_on_the_token_with_its_chain_read_from_it() {
        SigningIdentity seal = SealKeys.load(config(PIN, 0).seal());
        assertThat(seal.key().getEncoded())
                .as("a sensitive token key has no encoding")
                .isNull();
        assertThat(seal.key().getClass().getName()).contains("pkcs11");
        assertThat(seal.chain()).containsExactly(pki.seal().certificate(), pki.caCertificate());
    }

    @Test
    void a_copy_signed_on_the_token_verifies_with_openssl() throws Exception {
        SealSigner signer = new SealSigner(SealKeys.load(config(PIN, 0).seal()));
        byte[] pdf = "%PDF-1.7\r\nsealed on a PKCS#11 token\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("token.p7s"), signer.signB(pdf).der());
        String out = Tools.ok(
                dir,
                "openssl",
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-in",
                "token.p7s",
                "-CAfile",
                "ca.pem",
                "-out",
                "token.pdf");
        assertThat(out).contains("Verification successful");
        assertThat(Files.readAllBytes(dir.resolve("token.pdf"))).isEqualTo(pdf);
    }

    @Test
    void a_gateway_seals_and_stamps_with_the_token_and_publishes_its_root() throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put("seal.pkcs11.library", LIBRARY);
        settings.put("seal.keystore.password", PIN);
        try (RunningGateway gateway = TestGateway.start(dir.resolve("gateway"), settings)) {
            byte[] pdf = "%PDF-1.7\nthe gateway's token seal\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
            byte[] p7s = gateway.sealSigner()
                    .signT(pdf, gateway.pkiWorkers(), gateway.tsaClient())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            Files.write(dir.resolve("gateway.p7s"), p7s);
            // Long-term: the seal CA's CRL, fetched from its distribution point, and the dev TSA's CRL are inside.
            Files.write(
                    dir.resolve("both-cas.pem"),
                    (Files.readString(dir.resolve("ca.pem"))
                                    + Files.readString(
                                            gateway.devPki().directory().resolve("ca.pem")))
                            .getBytes(StandardCharsets.US_ASCII));
            Tools.ok(
                    dir,
                    "openssl",
                    "cms",
                    "-verify",
                    "-binary",
                    "-inform",
                    "DER",
                    "-in",
                    "gateway.p7s",
                    "-CAfile",
                    "both-cas.pem",
                    "-crl_check_all",
                    "-out",
                    "gateway.pdf");
            assertThat(new org.bouncycastle.cms.CMSSignedData(p7s).getCRLs().getMatches(null))
                    .hasSize(2);
            assertThat(Files.readAllBytes(dir.resolve("gateway.pdf"))).isEqualTo(pdf);
            // The gateway's own dev PKI (here only for the embedded TSA) has another root; ca.pem is the seal's.
            HttpResponse<String> ca = new Http(gateway.config().httpPort()).get(PkiRoutes.CA_PEM);
            assertThat(ca.body())
                    .isEqualTo(Files.readString(dir.resolve("ca.pem")))
                    .isNotEqualTo(Files.readString(gateway.devPki().directory().resolve("ca.pem")));
        }
    }

    @Test
    void a_wrong_pin_names_the_password_key() {
        assertThatThrownBy(() -> SealKeys.load(config("0000", 0).seal()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("seal.keystore.password (QRSHARE_SEAL_KEYSTORE_PASSWORD)")
                .hasMessageContaining("refused the PIN");
    }

    @Test
    void a_slot_without_a_token_or_a_missing_module_names_its_key() {
        assertThatThrownBy(() -> SealKeys.load(config(PIN, 7).seal()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("seal.pkcs11.slot (QRSHARE_SEAL_PKCS11_SLOT)");
        Config missing = configOf(new JsonObject()
                .put("seal.pkcs11.library", dir.resolve("absent.so").toString())
                .put("seal.keystore.password", PIN));
        assertThatThrownBy(() -> SealKeys.load(missing.seal()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("seal.pkcs11.library")
                .hasMessageContaining("does not exist");
    }

    private static Config config(String pin, int slot) {
        return configOf(new JsonObject()
                .put("seal.pkcs11.library", LIBRARY)
                .put("seal.pkcs11.slot", slot)
                .put("seal.keystore.password", pin));
    }

    private static Config configOf(JsonObject values) {
        return Config.fromValues(ConfigLoader.values(ConfigLoader.resolve(values, Path.of("test.yaml"))));
    }

    /**
     * SoftHSM2 reads {@code SOFTHSM2_CONF} once per process, so this JVM's value (set by the build) must point at a
     * file that names this test's token directory before SunPKCS11 first loads the module.
     */
    private static String softHsmConfiguration(Path tokens) throws Exception {
        String file = System.getenv("SOFTHSM2_CONF");
        assertThat(file).as("SOFTHSM2_CONF, set for tests in gateway/pom.xml").isNotBlank();
        assertThat(Path.of(LIBRARY)).as("Debian's softhsm2 package").exists();
        Files.createDirectories(tokens);
        Files.createDirectories(Path.of(file).getParent());
        Files.writeString(
                Path.of(file),
                String.join(
                        "\n",
                        List.of(
                                "directories.tokendir = " + tokens,
                                "objectstore.backend = file",
                                "log.level = ERROR",
                                "")));
        return file;
    }

    private static void hsm(String... command) {
        Tools.Result result = Tools.run(dir, softHsm, command);
        assertThat(result.exit())
                .as("%s%n%s", List.of(command), result.output())
                .isZero();
    }
}

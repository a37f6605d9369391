package ua.qrshare.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.qrshare.pki.SigningIdentity;
import ua.qrshare.register.RegisterEntry;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.LoginClient;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.TestGateway;
import ua.qrshare.testing.TestPostgres;

/** A dev instance comes with demo organisations and a head's КЕП, so a person can log in at once. */
class DemoPartnersTest {

    @TempDir
    Path dataDir;

    @Test
    void a_dev_instance_seeds_the_register_once_and_its_demo_key_logs_in() throws Exception {
        String db = TestPostgres.freshDatabaseUrl();
        Path keyStore = dataDir.resolve("pki").resolve(DemoPartners.KEY_STORE);
        Path passwordFile = dataDir.resolve("pki").resolve(DemoPartners.PASSWORD_FILE);
        byte[] issued;
        try (RunningGateway gateway = TestGateway.start(dataDir, Map.of("db.url", db))) {
            assertThat(organisations(gateway))
                    .containsExactlyInAnyOrder(DemoPartners.ORGANISATIONS.stream()
                            .map(RegisterEntry::edrpou)
                            .toArray(String[]::new));
            assertThat(Files.getPosixFilePermissions(keyStore)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(passwordFile))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            issued = Files.readAllBytes(keyStore);

            String password = Files.readString(passwordFile).strip();
            SigningIdentity demo = SigningIdentity.fromPkcs12(keyStore, password.toCharArray());
            HttpResponse<String> r = new LoginClient(new Http(gateway.config().httpPort())).login(demo, false);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonObject partner = new JsonObject(r.body()).getJsonObject("partner");
            assertThat(partner.getString("edrpou")).isEqualTo(DemoPartners.HEADED_BY_DEMO_KEY.edrpou());
            assertThat(partner.getString("name")).isEqualTo(DemoPartners.HEADED_BY_DEMO_KEY.name());

            // An operator's import wins over the seed: the next start must not undo it.
            query(
                    gateway,
                    "UPDATE organisation SET name = 'ТОВ «Перейменовано»' WHERE edrpou = '"
                            + DemoPartners.HEADED_BY_DEMO_KEY.edrpou() + "'");
        }
        try (RunningGateway again = TestGateway.start(dataDir, Map.of("db.url", db))) {
            assertThat(Files.readAllBytes(keyStore)).as("issued once").isEqualTo(issued);
            List<Row> rows = query(
                    again,
                    "SELECT name FROM organisation WHERE edrpou = '" + DemoPartners.HEADED_BY_DEMO_KEY.edrpou() + "'");
            assertThat(rows.get(0).getString("name")).isEqualTo("ТОВ «Перейменовано»");
        }
    }

    @Test
    void a_demo_key_that_no_longer_opens_is_issued_again() throws Exception {
        try (RunningGateway gateway = TestGateway.start(dataDir, Map.of())) {
            Files.writeString(dataDir.resolve("pki").resolve(DemoPartners.PASSWORD_FILE), "forgotten\n");
            DemoPartners.KeyStore reissued = DemoPartners.keyStore(gateway.devPki());
            assertThat(reissued.password()).isNotEqualTo("forgotten");
            assertThat(SigningIdentity.fromPkcs12(
                                    reissued.file(), reissued.password().toCharArray())
                            .chain())
                    .contains(gateway.devPki().caCertificate());
        }
    }

    @Test
    void a_gateway_trusting_configured_cas_seeds_nothing() throws Exception {
        Path caFile = Files.createDirectories(dataDir.resolve("trusted")).resolve("ca.pem");
        try (RunningGateway dev = TestGateway.start(dataDir.resolve("dev"), Map.of())) {
            Files.copy(dev.devPki().directory().resolve("ca.pem"), caFile);
        }
        Path prodData = dataDir.resolve("prod");
        try (RunningGateway gateway = TestGateway.start(prodData, Map.of("auth.trusted.cas", caFile.toString()))) {
            assertThat(organisations(gateway)).isEmpty();
            assertThat(prodData.resolve("pki").resolve(DemoPartners.KEY_STORE)).doesNotExist();
        }
    }

    private static List<String> organisations(RunningGateway gateway) {
        List<String> codes = new ArrayList<>();
        query(gateway, "SELECT edrpou FROM organisation").forEach(row -> codes.add(row.getString("edrpou")));
        return codes;
    }

    private static List<Row> query(RunningGateway gateway, String sql) {
        try {
            List<Row> rows = new ArrayList<>();
            gateway.database()
                    .pool()
                    .query(sql)
                    .execute()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS)
                    .forEach(rows::add);
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

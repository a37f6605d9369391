package ua.qrshare.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import ua.qrshare.pki.SigningIdentity;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.KepSigner;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.TestGateway;
import ua.qrshare.testing.TestPostgres;

/**
 * {@code qrshare seed-load} through the CLI against a real PostgreSQL: it refuses a database that does not look
 * like a test one, and what it seeds works end to end — the QR codes resolve with the citizens' app tokens, and the
 * partners log in with their КЕП files and find the cabinet open.
 */
@Isolated // captures the log
class SeedLoadCommandTest {

    @TempDir
    Path dir;

    @Test
    void refuses_an_unmarked_database_then_seeds_it_with_force_and_what_it_wrote_works_on_a_gateway() throws Exception {
        String db = TestPostgres.freshDatabaseUrl(); // named t_…: neither load nor dev
        Path data = dir.resolve("data");
        Path feed = dir.resolve("feed");
        Map<String, String> env = Map.of("QRSHARE_DB_URL", db, "QRSHARE_DATA_DIR", data.toString());

        Cli.Run refused = Cli.run(
                env,
                "seed-load",
                "--partners",
                "2",
                "--branches",
                "1",
                "--services",
                "2",
                "--citizens",
                "3",
                "--out",
                feed.toString());
        assertThat(refused.exit()).as(refused.err()).isEqualTo(SeedLoadCommand.REFUSED);
        assertThat(refused.err()).contains("refusing to seed", "--force");
        assertThat(feed.resolve("qr-codes.csv")).doesNotExist();

        Cli.Run forced = Cli.run(
                env,
                "seed-load",
                "--partners",
                "2",
                "--branches",
                "1",
                "--services",
                "2",
                "--citizens",
                "3",
                "--out",
                feed.toString(),
                "--force");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("seeded 2 partners, 2 branches, 4 services");
        assertThat(forced.err()).contains("partners", "100%");

        List<String> qrCodes = Files.readAllLines(feed.resolve("qr-codes.csv"));
        List<String> citizens = Files.readAllLines(feed.resolve("citizens.csv"));
        List<String> partners = Files.readAllLines(feed.resolve("partners.csv"));
        assertThat(qrCodes).hasSize(1 + 4);
        assertThat(citizens).hasSize(1 + 3).first().isEqualTo("subject,token,id-card,taxpayer-card");
        assertThat(partners).hasSize(1 + 2);

        // seeded once, the database carries the marker: a second run needs no --force and adds to the first
        Cli.Run again = Cli.run(
                env,
                "seed-load",
                "--partners",
                "1",
                "--branches",
                "1",
                "--services",
                "1",
                "--citizens",
                "1",
                "--out",
                dir.resolve("feed2").toString());
        assertThat(again.exit()).as(again.err()).isZero();

        RunningGateway gateway = TestGateway.start(data, Map.of("db.url", db, "share.workers", -1));
        try {
            Http http = new Http(gateway.config().httpPort());
            String[] citizen = citizens.get(1).split(",");
            String qr = qrCodes.get(1).split(",")[0];
            HttpResponse<String> resolved = http.send(http.request("/api/v1/app/qr/resolve")
                    .header("Authorization", "Bearer " + citizen[1])
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            new JsonObject().put("qr", qr).encode()))
                    .build());
            assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
            JsonObject answer = new JsonObject(resolved.body());
            assertThat(answer.getJsonObject("partner").getString("name")).startsWith("ТОВ «Навантаження ");
            assertThat(answer.getJsonArray("documents").size()).isEqualTo(2);

            String[] partner = partners.get(1).split(",");
            SigningIdentity head = SigningIdentity.fromPkcs12(Path.of(partner[2]), partner[3].toCharArray());
            JsonObject challenge = new JsonObject(http.send(http.request("/api/v1/auth/challenge")
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build())
                    .body());
            String signature = KepSigner.sign(head, Base64.getDecoder().decode(challenge.getString("nonce")), true);
            HttpResponse<String> login = http.send(http.request("/api/v1/auth/login")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                            .put("challengeId", challenge.getString("challengeId"))
                            .put("signature", signature)
                            .encode()))
                    .build());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            assertThat(new JsonObject(login.body()).getJsonObject("partner").getString("edrpou"))
                    .isEqualTo(partner[0]);
            String token = new JsonObject(login.body()).getString("token");
            HttpResponse<String> branches = http.send(http.request("/api/v1/branches")
                    .header("Authorization", "Bearer " + token)
                    .GET()
                    .build());
            assertThat(branches.statusCode()).as(branches.body()).isEqualTo(200); // profile complete, offer accepted
            assertThat(new JsonObject(branches.body()).getJsonArray("items").size())
                    .isEqualTo(1);
        } finally {
            gateway.close();
        }
    }
}

package ua.qrshare.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.qrshare.testing.Await.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.TestPartners;

/** A logged-in partner talking to the cabinet API over a plain HTTP client, and the checks the partner tests share. */
final class CabinetClient {

    private static final AtomicInteger EDRPOUS = new AtomicInteger(30_000_000);

    final UUID partnerId;
    final String edrpou;
    private final Http http;
    private final String token;

    CabinetClient(Http http, RunningGateway gateway, UUID partnerId, String edrpou) {
        this.http = http;
        this.partnerId = partnerId;
        this.edrpou = edrpou;
        this.token = TestPartners.login(gateway, partnerId);
    }

    /** A legal entity right after its first login (no profile, no offer), logged in. */
    static CabinetClient newLegalEntity(RunningGateway gateway, Http http) {
        String edrpou = String.valueOf(EDRPOUS.incrementAndGet());
        return new CabinetClient(
                http, gateway, TestPartners.newLegalEntity(gateway, edrpou, "ТОВ «Тест " + edrpou + "»"), edrpou);
    }

    /** The RNOKPP {@link TestPartners} registers as the head of the organisation. */
    String headRnokpp() {
        return "1" + edrpou + "0";
    }

    /** The same partner through another front end (another port). */
    CabinetClient via(Http other) {
        return new CabinetClient(other, partnerId, edrpou, token);
    }

    private CabinetClient(Http http, UUID partnerId, String edrpou, String token) {
        this.http = http;
        this.partnerId = partnerId;
        this.edrpou = edrpou;
        this.token = token;
    }

    HttpResponse<String> get(String path) {
        return http.send(http.request(path)
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
    }

    HttpResponse<String> put(String path, JsonObject body) {
        return http.send(json(path, body)
                .PUT(HttpRequest.BodyPublishers.ofString(body.encode()))
                .build());
    }

    HttpResponse<String> post(String path, JsonObject body) {
        return http.send(json(path, body)
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .build());
    }

    JsonObject partner() {
        HttpResponse<String> r = get("/api/v1/partner");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private HttpRequest.Builder json(String path, JsonObject body) {
        return http.request(path).header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    }

    static JsonObject profile(String email, String phone, String passport) {
        return new JsonObject().put("email", email).put("phone", phone).put("passport", passport);
    }

    static JsonObject assertProblem(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getString("code")).isEqualTo(code);
        assertThat(body.getJsonObject("messages").getString("uk")).isNotBlank();
        assertThat(body.getJsonObject("messages").getString("en")).isNotBlank();
        return body;
    }

    /** The field errors of a 422 {@code VALIDATION_FAILED}, as "field:CODE", each with both messages. */
    static java.util.List<String> fieldErrors(HttpResponse<String> r) {
        JsonArray errors = assertProblem(r, 422, "VALIDATION_FAILED").getJsonArray("errors");
        return errors.stream()
                .map(e -> (JsonObject) e)
                .peek(e -> {
                    assertThat(e.getJsonObject("messages").getString("uk")).isNotBlank();
                    assertThat(e.getJsonObject("messages").getString("en")).isNotBlank();
                    assertThat(e.getString("detail"))
                            .isEqualTo(e.getJsonObject("messages").getString("uk"));
                })
                .map(e -> e.getString("field") + ":" + e.getString("code"))
                .toList();
    }

    static RowSet<Row> query(RunningGateway gateway, String sql, Object... params) {
        return await(gateway.database().pool().preparedQuery(sql).execute(Tuple.wrap(params)));
    }
}

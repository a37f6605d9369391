package ua.qrshare.testing;

import static ua.qrshare.testing.Api.expect;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

/** A citizen's share against a gateway under test: resolve a fresh QR, then confirm with two small attested documents. */
public final class Shares {

    /** A resolved request ready to confirm: the app token, the request token and the confirmation body. */
    public record Prepared(String token, String body) {}

    private Shares() {}

    public static Prepared prepare(RunningGateway gateway, AppClient app, String subject) {
        String[] qr = app.issueQr();
        String token = app.appToken(subject);
        String requestToken = expect(app.resolve(token, qr[3]), 200).getString("requestToken");
        JsonArray docs = new JsonArray();
        for (String type : List.of("driver-license", "id-card")) {
            docs.add(gateway.devDocumentService()
                    .sign(new JsonObject()
                            .put("sub", subject)
                            .put("type", type)
                            .put("exp", Instant.now().getEpochSecond() + 600)
                            .put(
                                    "fields",
                                    new JsonObject()
                                            .put("lastName", "Коваленко")
                                            .put("firstName", "Олена"))));
        }
        return new Prepared(
                token,
                new JsonObject()
                        .put("requestToken", requestToken)
                        .put("documents", docs)
                        .encode());
    }

    public static HttpResponse<String> confirm(Http http, Prepared share, String idempotencyKey) {
        return http.send(http.request("/api/v1/app/shares")
                .header("Authorization", "Bearer " + share.token())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(share.body()))
                .build());
    }

    /** Prepares and confirms; the share id. */
    public static String share(RunningGateway gateway, Http http, AppClient app, String subject) {
        return expect(confirm(http, prepare(gateway, app, subject), "k-" + subject), 202)
                .getString("shareId");
    }
}

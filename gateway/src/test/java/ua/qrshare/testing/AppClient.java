package ua.qrshare.testing;

import static ua.qrshare.testing.Api.expect;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** The citizen side of a test: a partner's QR to scan, dev app tokens, resolve calls. */
public final class AppClient {

    private final Http http;
    private final Api partner;

    public AppClient(Http http, Api partner) {
        this.http = http;
        this.partner = partner;
    }

    /** A fresh QR of the partner's asking for a driving licence and an ID card: {branchId, serviceId, qrId, url}. */
    public String[] issueQr() {
        String branchId = expect(
                        partner.post(
                                "/api/v1/branches",
                                new JsonObject()
                                        .put("name", "Каса №3")
                                        .put("customAddress", "м. Одеса, вул. Дерибасівська, 10")),
                        201)
                .getString("id");
        String serviceId = expect(
                        partner.post(
                                "/api/v1/branches/" + branchId + "/services",
                                new JsonObject()
                                        .put("name", "Оренда авто")
                                        .put("documents", new JsonArray(List.of("driver-license", "id-card")))
                                        .put("legalBasis", "Цивільний кодекс України, ст. 799")
                                        .put("legalBasisConfirmed", true)),
                        201)
                .getString("id");
        JsonObject qr = expect(partner.post("/api/v1/services/" + serviceId + "/qr-codes", null), 201);
        return new String[] {branchId, serviceId, qr.getString("id"), qr.getString("url")};
    }

    /** An app token from the dev identity provider. */
    public String appToken(String subject) {
        return expect(
                        http.send(http.request("/dev/app-token")
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        new JsonObject().put("subject", subject).encode()))
                                .build()),
                        200)
                .getString("token");
    }

    public HttpResponse<String> resolve(String token, String qr) {
        return http.send(http.request("/api/v1/app/qr/resolve")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("qr", qr).encode()))
                .build());
    }
}

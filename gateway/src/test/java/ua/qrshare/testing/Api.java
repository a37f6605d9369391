package ua.qrshare.testing;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** JSON calls as one partner (Bearer token), for cabinet tests. */
public final class Api {

    private final Http http;
    private final String token;

    public Api(Http http, String token) {
        this.http = http;
        this.token = token;
    }

    public HttpResponse<String> get(String path) {
        return http.send(http.request(path)
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
    }

    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return Http.client()
                    .send(
                            http.request(path)
                                    .header("Authorization", "Bearer " + token)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> post(String path, JsonObject body) {
        return send("POST", path, body);
    }

    public HttpResponse<String> put(String path, JsonObject body) {
        return send("PUT", path, body);
    }

    public HttpResponse<String> delete(String path) {
        return http.send(http.request(path)
                .header("Authorization", "Bearer " + token)
                .DELETE()
                .build());
    }

    private HttpResponse<String> send(String method, String path, JsonObject body) {
        return http.send(http.request(path)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : body.encode()))
                .build());
    }

    /** The body of a 2xx JSON answer, failing with the body when the status is not the expected one. */
    public static JsonObject expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new AssertionError("expected " + status + " but was " + r.statusCode() + ": " + r.body());
        }
        return r.body().isEmpty() ? new JsonObject() : new JsonObject(r.body());
    }
}

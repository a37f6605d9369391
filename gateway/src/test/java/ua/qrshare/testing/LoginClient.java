package ua.qrshare.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import ua.qrshare.auth.AuthRoutes;
import ua.qrshare.pki.SigningIdentity;

/** The login as a partner's browser or API client performs it, over HTTP. */
public final class LoginClient {

    private final Http http;

    public LoginClient(Http http) {
        this.http = http;
    }

    public record Challenge(String id, byte[] nonce, Instant expiresAt) {}

    public Challenge challenge() {
        HttpResponse<String> r = http.send(http.request(AuthRoutes.CHALLENGE)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonObject body = new JsonObject(r.body());
        return new Challenge(
                body.getString("challengeId"),
                Base64.getDecoder().decode(body.getString("nonce")),
                Instant.parse(body.getString("expiresAt")));
    }

    /** A fresh challenge, signed by {@code identity}, sent to the login. */
    public HttpResponse<String> login(SigningIdentity identity, boolean attached) {
        Challenge challenge = challenge();
        return login(challenge.id(), KepSigner.sign(identity, challenge.nonce(), attached));
    }

    public HttpResponse<String> login(String challengeId, String signature) {
        return post(
                AuthRoutes.LOGIN,
                new JsonObject()
                        .put("challengeId", challengeId)
                        .put("signature", signature)
                        .encode());
    }

    public HttpResponse<String> post(String path, String json) {
        return http.send(http.request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** The session token of a successful login. */
    public static String token(HttpResponse<String> login) {
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return new JsonObject(login.body()).getString("token");
    }
}

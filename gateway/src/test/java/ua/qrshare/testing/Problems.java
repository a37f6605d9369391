package ua.qrshare.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;

/** The problem+json contract every error response meets. */
public final class Problems {

    private Problems() {}

    public static JsonObject assertProblem(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getInteger("status")).isEqualTo(status);
        assertThat(body.getString("code")).isEqualTo(code);
        assertThat(body.getJsonObject("messages").getString("uk")).isNotBlank();
        assertThat(body.getJsonObject("messages").getString("en")).isNotBlank();
        assertThat(body.getString("requestId"))
                .isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
        return body;
    }
}

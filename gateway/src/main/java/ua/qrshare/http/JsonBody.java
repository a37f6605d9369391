package ua.qrshare.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The request body as a JSON object; anything else is the client's {@code MALFORMED_JSON} error. */
public final class JsonBody {

    private JsonBody() {
    }

    public static JsonObject of(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                throw Problem.malformedJson();
            }
            return body;
        } catch (DecodeException | ClassCastException e) {
            throw Problem.malformedJson();
        }
    }
}

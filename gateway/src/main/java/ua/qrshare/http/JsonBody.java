package ua.qrshare.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The request body as a JSON object; anything else is the client's {@code MALFORMED_JSON} error. */
public final class JsonBody {

    private JsonBody() {}

    /** The same for a body read without the router: the same parser, the same refusals. */
    public static JsonObject of(Buffer body) {
        try {
            if (body != null && Json.decodeValue(body) instanceof JsonObject object) {
                return object;
            }
            throw Problem.malformedJson();
        } catch (DecodeException e) {
            throw Problem.malformedJson();
        }
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

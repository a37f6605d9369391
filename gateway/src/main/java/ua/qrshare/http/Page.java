package ua.qrshare.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keyset pagination over {@code (created_at, id)}: stable while rows are added, and every page costs one index
 * range scan however deep the client goes. The cursor is opaque to clients.
 */
public record Page(int limit, OffsetDateTime afterCreatedAt, UUID afterId) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final OffsetDateTime BEGINNING = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final UUID NIL = new UUID(0, 0);

    /** From {@code ?limit=&cursor=}; a bad value is the client's {@code INVALID_PAGINATION}. */
    public static Page of(RoutingContext ctx) {
        int limit = DEFAULT_LIMIT;
        String limitParam = ctx.request().getParam("limit");
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw invalid();
            }
        }
        String cursor = ctx.request().getParam("cursor");
        if (cursor == null || cursor.isEmpty()) {
            return new Page(limit, BEGINNING, NIL);
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
            if (b.remaining() != 8 + 4 + 16) {
                throw invalid();
            }
            Instant at = Instant.ofEpochSecond(b.getLong(), b.getInt());
            return new Page(limit, at.atOffset(ZoneOffset.UTC), new UUID(b.getLong(), b.getLong()));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw invalid();
        }
    }

    /** The response body for rows ordered by ({@code orderColumn}, id), each mapped by {@code toJson}. */
    public JsonObject body(RowSet<Row> rows, String orderColumn, Function<Row, JsonObject> toJson) {
        JsonArray items = new JsonArray();
        OffsetDateTime lastAt = null;
        UUID lastId = null;
        for (Row row : rows) {
            items.add(toJson.apply(row));
            lastAt = row.getOffsetDateTime(orderColumn);
            lastId = row.getUUID("id");
        }
        return body(items, lastAt, lastId);
    }

    /** The response body: the items, and the cursor of the next page when this one was full. */
    private JsonObject body(JsonArray items, OffsetDateTime lastCreatedAt, UUID lastId) {
        JsonObject body = new JsonObject().put("items", items);
        if (items.size() == limit && lastId != null) {
            Instant at = lastCreatedAt.toInstant();
            ByteBuffer b = ByteBuffer.allocate(28)
                    .putLong(at.getEpochSecond())
                    .putInt(at.getNano())
                    .putLong(lastId.getMostSignificantBits())
                    .putLong(lastId.getLeastSignificantBits());
            body.put("nextCursor", Base64.getUrlEncoder().withoutPadding().encodeToString(b.array()));
        } else {
            body.putNull("nextCursor");
        }
        return body;
    }

    private static Problem invalid() {
        return Problem.badRequest(
                "INVALID_PAGINATION",
                "Неправильні параметри сторінки: limit від 1 до " + MAX_LIMIT + " і cursor з попередньої відповіді.",
                "Invalid paging: limit from 1 to " + MAX_LIMIT + " and a cursor from a previous response.");
    }
}

package ua.qrshare.http;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The one parser of ids in paths ({@code /branches/:branchId}, {@code /services/:serviceId}, {@code /qr-codes/:qrId},
 * {@code /app/shares/:shareId}). Anything that is not a UUID cannot name a resource, so it gets the same 404 as an id
 * that names nothing (the resource's own {@code *_NOT_FOUND}), never a 400: a client learns nothing from the shape.
 */
public final class PathIds {

    private PathIds() {}

    /** The path parameter {@code param} as a UUID; throws {@code notFound} for anything else. */
    public static UUID uuid(RoutingContext ctx, String param, Supplier<Problem> notFound) {
        String value = ctx.pathParam(param);
        if (value == null || value.length() != 36) {
            throw notFound.get();
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw notFound.get();
        }
    }
}

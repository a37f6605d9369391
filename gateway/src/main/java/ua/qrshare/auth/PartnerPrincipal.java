package ua.qrshare.auth;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Who is calling the cabinet API: the partner organisation and the session it logged in with. */
public record PartnerPrincipal(UUID partnerId, UUID sessionId) {

    private static final String KEY = "qrshare.partner";

    void attachTo(RoutingContext ctx) {
        ctx.put(KEY, this);
    }

    /** The caller; only on routes behind {@link PartnerAuthentication}. */
    public static PartnerPrincipal of(RoutingContext ctx) {
        PartnerPrincipal principal = ctx.get(KEY);
        if (principal == null) {
            throw new IllegalStateException("route is not behind PartnerAuthentication");
        }
        return principal;
    }
}

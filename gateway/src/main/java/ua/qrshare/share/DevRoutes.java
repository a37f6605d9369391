package ua.qrshare.share;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import ua.qrshare.auth.JwsIssuer;
import ua.qrshare.http.Routes;
import ua.qrshare.http.Validation;

import java.time.Instant;
import java.util.UUID;

/**
 * Development stand-ins for the identity provider and the document service, for the citizen simulator and load
 * tests. Mounted only while the dev issuers are in use; a production gateway has no {@code /dev} routes at all.
 */
public final class DevRoutes implements Routes {

    static final int APP_TOKEN_SECONDS = 3600;

    private final JwsIssuer identityProvider;

    public DevRoutes(JwsIssuer identityProvider) {
        this.identityProvider = identityProvider;
    }

    @Override
    public void mount(Router router) {
        router.post("/dev/app-token").handler(this::appToken);
    }

    /** {@code {subject?}} → an app token for that citizen (a random one when absent). */
    private void appToken(RoutingContext ctx) {
        JsonObject body = ctx.body().length() == 0 ? new JsonObject() : ua.qrshare.http.JsonBody.of(ctx);
        Validation v = new Validation();
        String subject = v.optionalText(body, "subject", 100);
        v.throwIfAny();
        String sub = subject == null ? "dev-citizen-" + UUID.randomUUID() : subject;
        String token = identityProvider.sign(new JsonObject().put("sub", sub), APP_TOKEN_SECONDS);
        ctx.json(new JsonObject().put("token", token).put("subject", sub)
                .put("expiresAt", Instant.now().plusSeconds(APP_TOKEN_SECONDS).toString()));
    }
}

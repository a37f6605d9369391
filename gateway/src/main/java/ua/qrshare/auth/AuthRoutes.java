package ua.qrshare.auth;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;
import ua.qrshare.http.JsonBody;
import ua.qrshare.http.Routes;
import ua.qrshare.http.Validation;
import ua.qrshare.pki.CmsSignatures;
import ua.qrshare.register.Register;
import ua.qrshare.secrets.LookupHash;

/**
 * Partner login with a КЕП: {@code POST /api/v1/auth/challenge} hands out a nonce, {@code POST /api/v1/auth/login}
 * takes the CMS signature over it and answers with the session (cookie for the SPA, token in the body for API
 * clients), {@code POST /api/v1/auth/logout} ends the session everywhere.
 */
public final class AuthRoutes implements Routes {

    public static final String CHALLENGE = "/api/v1/auth/challenge";
    public static final String LOGIN = "/api/v1/auth/login";
    public static final String LOGOUT = "/api/v1/auth/logout";

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Challenges challenges;
    private final PartnerLogin login;
    private final Sessions sessions;
    private final PartnerAuthentication authentication;

    public AuthRoutes(
            Vertx vertx,
            SqlClient db,
            CmsSignatures signatures,
            LookupHash lookupHash,
            Sessions sessions,
            PartnerAuthentication authentication) {
        this.challenges = new Challenges(db);
        this.login = new PartnerLogin(vertx, db, challenges, signatures, new Register(db, lookupHash), sessions);
        this.sessions = sessions;
        this.authentication = authentication;
    }

    @Override
    public void mount(Router router) {
        router.post(CHALLENGE).handler(this::challenge);
        router.post(LOGIN).consumes("application/json").handler(this::login);
        router.post(LOGOUT).handler(authentication).handler(this::logout);
    }

    private void challenge(RoutingContext ctx) {
        challenges
                .create()
                .onSuccess(c -> ctx.response()
                        .setStatusCode(201)
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(new JsonObject()
                                .put("challengeId", c.id().toString())
                                .put("nonce", Base64.getEncoder().encodeToString(c.nonce()))
                                .put("expiresAt", c.expiresAt().toString())
                                .toBuffer()))
                .onFailure(ctx::fail);
    }

    private void login(RoutingContext ctx) {
        JsonObject body = JsonBody.of(ctx);
        Validation v = new Validation();
        String id = v.requiredString(
                body,
                "challengeId",
                "Вкажіть challengeId, отриманий з " + CHALLENGE + ".",
                "Give the challengeId received from " + CHALLENGE + ".");
        String base64 = v.requiredString(
                body,
                "signature",
                "Додайте підпис: CMS (PKCS#7) у кодуванні base64, зроблений вашим КЕП над nonce.",
                "Attach the signature: a base64 CMS (PKCS#7) made with your qualified e-signature over the nonce.");
        v.throwIfAny();
        UUID challengeId = challengeId(id);
        byte[] signature = signature(base64);
        login.login(challengeId, signature)
                .onSuccess(session -> ctx.response()
                        .addCookie(sessions.cookie(session.token()))
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(new JsonObject()
                                .put("partner", session.partner().toJson())
                                .put("token", session.token())
                                .put("expiresAt", session.expiresAt().toString())
                                .toBuffer()))
                .onFailure(ctx::fail);
    }

    private void logout(RoutingContext ctx) {
        sessions.revoke(PartnerPrincipal.of(ctx).sessionId())
                .onSuccess(v -> ctx.response()
                        .addCookie(sessions.expiredCookie())
                        .setStatusCode(204)
                        .end())
                .onFailure(ctx::fail);
    }

    /** An id we never issued cannot name a challenge: the same answer as for a used one. */
    private static UUID challengeId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw Challenges.invalid();
        }
    }

    private static byte[] signature(String base64) {
        try {
            // Whitespace is allowed: `openssl base64` and other tools wrap their output into lines.
            return Base64.getDecoder().decode(WHITESPACE.matcher(base64).replaceAll(""));
        } catch (IllegalArgumentException e) {
            throw SignatureProblems.of(CmsSignatures.Rejection.Reason.MALFORMED);
        }
    }
}

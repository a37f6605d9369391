package ua.qrshare.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import ua.qrshare.secrets.KeyRing;

/**
 * Partner sessions: a short JWT (HS256, session key ring) naming a row in {@code partner_session}. The JWT makes
 * forgery impossible without the key; the row makes logout final on every gateway instance at once.
 */
public final class Sessions {

    public static final String COOKIE = "qrshare_session";

    private final SqlClient db;
    private final Duration lifetime;
    private final boolean secureCookie;
    private final JWTAuth signer;
    private final List<JWTAuth> verifiers = new ArrayList<>();

    public Sessions(Vertx vertx, SqlClient db, KeyRing keys, Duration lifetime, boolean secureCookie) {
        this.db = db;
        this.lifetime = lifetime;
        this.secureCookie = secureCookie;
        this.signer = jwt(vertx, keys.active());
        verifiers.add(signer);
        for (int id = 0; id <= 255; id++) {
            if (id != keys.active().id()) {
                keys.byId(id).ifPresent(k -> verifiers.add(jwt(vertx, k)));
            }
        }
    }

    /** Opens a session for the partner; the token goes into the cookie and may also be used as a Bearer token. */
    public Future<String> open(UUID partnerId) {
        UUID sessionId = UUID.randomUUID();
        OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(lifetime);
        return db.preparedQuery("INSERT INTO partner_session (id, partner_id, expires_at) VALUES ($1, $2, $3)")
                .execute(Tuple.of(sessionId, partnerId, expires))
                .map(rows -> signer.generateToken(
                        new JsonObject().put("sub", partnerId.toString()).put("sid", sessionId.toString()),
                        new JWTOptions()
                                .setAlgorithm("HS256")
                                .setIssuer("qrshare")
                                .setExpiresInSeconds((int) lifetime.toSeconds())));
    }

    /** The principal behind a token, failing when the token is forged, expired, or its session ended. */
    public Future<PartnerPrincipal> authenticate(String token) {
        return verify(token, 0).compose(claims -> {
            UUID partnerId;
            UUID sessionId;
            try {
                partnerId = UUID.fromString(claims.getString("sub"));
                sessionId = UUID.fromString(claims.getString("sid"));
            } catch (RuntimeException e) {
                return Future.failedFuture("malformed session token");
            }
            return db.preparedQuery("SELECT 1 FROM partner_session WHERE id = $1 AND partner_id = $2"
                            + " AND revoked_at IS NULL AND expires_at > now()")
                    .execute(Tuple.of(sessionId, partnerId))
                    .compose(rows -> rows.size() == 1
                            ? Future.succeededFuture(new PartnerPrincipal(partnerId, sessionId))
                            : Future.failedFuture("session ended"));
        });
    }

    public Future<Void> revoke(UUID sessionId) {
        return db.preparedQuery("UPDATE partner_session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(sessionId))
                .mapEmpty();
    }

    public Cookie cookie(String token) {
        return Cookie.cookie(COOKIE, token)
                .setPath("/")
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setSecure(secureCookie)
                .setMaxAge(lifetime.toSeconds());
    }

    public Cookie expiredCookie() {
        return Cookie.cookie(COOKIE, "")
                .setPath("/")
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setSecure(secureCookie)
                .setMaxAge(0);
    }

    public Duration lifetime() {
        return lifetime;
    }

    private Future<JsonObject> verify(String token, int index) {
        if (index >= verifiers.size()) {
            return Future.failedFuture("invalid session token");
        }
        return verifiers
                .get(index)
                .authenticate(new TokenCredentials(token))
                .map(user -> user.principal())
                .recover(e -> verify(token, index + 1));
    }

    private static JWTAuth jwt(Vertx vertx, KeyRing.Key key) {
        return JWTAuth.create(
                vertx,
                new JWTAuthOptions()
                        .addPubSecKey(new PubSecKeyOptions()
                                .setAlgorithm("HS256")
                                .setBuffer(
                                        Base64.getUrlEncoder().withoutPadding().encodeToString(key.material())))
                        .setJWTOptions(new JWTOptions().setIssuer("qrshare").setLeeway(5)));
    }
}

package ua.qrshare.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import ua.qrshare.http.Problem;

/**
 * Guards the cabinet API: a session token from the {@value Sessions#COOKIE} cookie (the SPA) or an
 * {@code Authorization: Bearer} header (API clients). Cookie-authenticated requests that change state must come from
 * our own origin ({@code Origin} header) or carry {@code X-Requested-With}, which a cross-site form cannot send:
 * together with SameSite=Strict this closes CSRF.
 */
public final class PartnerAuthentication implements Handler<RoutingContext> {

    public static final String CSRF_HEADER = "X-Requested-With";

    private final Sessions sessions;
    private final String publicOrigin;

    public PartnerAuthentication(Sessions sessions, String publicBaseUrl) {
        this.sessions = sessions;
        URI uri = URI.create(publicBaseUrl);
        this.publicOrigin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    public static Problem unauthenticated() {
        return new Problem(
                401,
                "UNAUTHENTICATED",
                "Увійдіть до кабінету за допомогою КЕП.",
                "Log in to the cabinet with your qualified e-signature.");
    }

    @Override
    public void handle(RoutingContext ctx) {
        String bearer = bearer(ctx);
        Cookie cookie = ctx.request().getCookie(Sessions.COOKIE);
        String token =
                bearer != null ? bearer : cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
        if (token == null) {
            ctx.fail(unauthenticated());
            return;
        }
        if (bearer == null && changesState(ctx.request().method()) && !sameOrigin(ctx)) {
            ctx.fail(new Problem(
                    403,
                    "CSRF_REJECTED",
                    "Запит відхилено: він надійшов не зі сторінки кабінету.",
                    "Request refused: it did not come from the cabinet's own pages."));
            return;
        }
        sessions.authenticate(token).onComplete(ar -> {
            if (ar.succeeded()) {
                ar.result().attachTo(ctx);
                ctx.next();
            } else {
                ctx.fail(unauthenticated());
            }
        });
    }

    private boolean sameOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (origin != null) {
            return origin.equals(publicOrigin);
        }
        return ctx.request().getHeader(CSRF_HEADER) != null;
    }

    private static boolean changesState(HttpMethod method) {
        return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
    }

    private static String bearer(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }
}

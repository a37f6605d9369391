package ua.qrshare.share;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import ua.qrshare.auth.AppTokens;
import ua.qrshare.catalog.DocumentCatalog;
import ua.qrshare.http.JsonBody;
import ua.qrshare.http.RateLimits;
import ua.qrshare.http.Routes;
import ua.qrshare.qr.QrStates;
import ua.qrshare.qr.QrTokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code POST /api/v1/app/qr/resolve}: the hot path of every scan, on the event loop. The QR token's MAC is checked
 * first (a forgery costs no I/O), the QR's state comes from the cache, and the answer carries a MAC'd request id, so
 * a cache hit touches no database at all.
 */
public final class ResolveRoutes implements Routes {

    static final Duration REQUEST_LIFETIME = Duration.ofMinutes(10);

    private final AppTokens appTokens;
    private final QrTokens qrTokens;
    private final QrStates states;
    private final ShareRequests requests;
    private final DocumentCatalog catalog;
    private final RateLimits perSubject;
    private final RateLimits perIp;
    private final Clock clock;

    public ResolveRoutes(AppTokens appTokens, QrTokens qrTokens, QrStates states, ShareRequests requests,
            DocumentCatalog catalog, int ratePerSubject, int ratePerIp, Clock clock) {
        this.appTokens = appTokens;
        this.qrTokens = qrTokens;
        this.states = states;
        this.requests = requests;
        this.catalog = catalog;
        this.perSubject = new RateLimits(ratePerSubject);
        this.perIp = new RateLimits(ratePerIp);
        this.clock = clock;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/v1/app/qr/resolve").consumes("application/json").handler(appTokens).handler(this::resolve);
    }

    private void resolve(RoutingContext ctx) {
        String subject = AppTokens.subject(ctx);
        perIp.acquire(ctx.request().remoteAddress().hostAddress());
        perSubject.acquire(subject);
        Object scanned = JsonBody.of(ctx).getValue("qr");
        Instant now = clock.instant();
        QrTokens.Result result = qrTokens.verify(
                scanned instanceof String s ? QrTokens.extractToken(s).orElse("") : "", now);
        if (result instanceof QrTokens.Result.Expired) {
            throw AppProblems.qrExpired();
        }
        if (!(result instanceof QrTokens.Result.Valid valid)) {
            throw result instanceof QrTokens.Result.Forged ? AppProblems.qrUnknown() : AppProblems.qrMalformed();
        }
        states.get(valid.qrId())
                .compose(state -> usable(state, now))
                .onSuccess(state -> ctx.json(answer(state, subject, now)))
                .onFailure(ctx::fail);
    }

    /** The same checks run again when the share is submitted: the QR may have been revoked in between. */
    static Future<QrStates.QrState> usable(Optional<QrStates.QrState> found, Instant now) {
        if (found.isEmpty()) {
            return Future.failedFuture(AppProblems.qrUnknown());
        }
        QrStates.QrState state = found.get();
        if (state.revoked()) {
            return Future.failedFuture(state.serviceGone() ? AppProblems.serviceGone() : AppProblems.qrRevoked());
        }
        if (state.serviceGone()) {
            return Future.failedFuture(AppProblems.serviceGone());
        }
        if (!now.isBefore(state.expiresAt())) {
            return Future.failedFuture(AppProblems.qrExpired());
        }
        return Future.succeededFuture(state);
    }

    private JsonObject answer(QrStates.QrState state, String subject, Instant now) {
        Instant expiresAt = now.plus(REQUEST_LIFETIME);
        JsonArray documents = new JsonArray();
        for (String code : state.documents()) {
            DocumentCatalog.DocumentType type = catalog.get(code);
            documents.add(new JsonObject().put("code", code).put("title", type == null ? code : type.titleUk()));
        }
        return new JsonObject()
                .put("requestId", requests.issue(state.qrId(), subject, expiresAt))
                .put("expiresAt", expiresAt.toString())
                .put("partner", new JsonObject().put("name", state.partnerName()).put("edrpou", state.edrpou()))
                .put("branch", new JsonObject().put("name", state.branchName()).put("address", state.branchAddress()))
                .put("service", new JsonObject().put("names", new JsonArray(state.serviceNames())))
                .put("documents", documents)
                .put("qrAddress", state.qrAddress())
                .put("addressChanged", state.addressChanged());
    }
}

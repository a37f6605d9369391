package ua.qrshare.scan;

import static ua.qrshare.start.Lifecycle.await;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import ua.qrshare.catalog.DocumentCatalog;
import ua.qrshare.config.Config;
import ua.qrshare.db.Notifications;
import ua.qrshare.dev.DevServices;
import ua.qrshare.http.RateLimits;
import ua.qrshare.pki.Pem;
import ua.qrshare.qr.QrTokens;
import ua.qrshare.start.Infrastructure;
import ua.qrshare.start.Lifecycle;

/**
 * The scan: a citizen's app resolves a QR code (app token, QR token, the cached QR state, a share request token).
 * Most of the gateway's traffic, so it answers from memory; the cache follows the cabinet's changes by NOTIFY.
 *
 * @param documentIssuerKeys the public keys (PEM) that sign the documents' attestations, for the share that follows
 * @param perSubject         the one rate limit per citizen for resolves and shares together ({@code app.rate.per.subject})
 * @param perIp              the one per client address for both ({@code app.rate.per.ip})
 */
public record ScanFeature(
        ResolveRoutes routes,
        AppTokens appTokens,
        QrStates qrStates,
        ShareRequests requests,
        List<String> documentIssuerKeys,
        RateLimits perSubject,
        RateLimits perIp) {

    public static ScanFeature start(
            Infrastructure infra,
            DocumentCatalog catalog,
            QrTokens qrTokens,
            DevServices.Issuers devIssuers,
            Lifecycle life) {
        Config.App app = infra.config().app();
        List<String> identityKeys = devIssuers != null
                ? List.of(devIssuers.identityProvider().publicKeyPem())
                : Pem.publicKeys(app.tokenKeys());
        List<String> documentKeys = devIssuers != null
                ? List.of(devIssuers.documentService().publicKeyPem())
                : Pem.publicKeys(app.documentIssuerKeys());
        AppTokens appTokens = new AppTokens(infra.vertx(), identityKeys);
        QrStates qrStates = new QrStates(infra.database().client());
        String deployment = await(infra.vertx().deployVerticle(new Invalidation(qrStates)));
        life.onCloseAwait(() -> infra.vertx().undeploy(deployment));
        measure(infra.metrics().registry(), appTokens, qrStates);
        ShareRequests requests = new ShareRequests(infra.secrets().shareRequests());
        RateLimits perSubject = new RateLimits(app.ratePerSubject());
        RateLimits perIp = new RateLimits(app.ratePerIp());
        ResolveRoutes routes = new ResolveRoutes(
                appTokens, qrTokens, qrStates, requests, catalog, perSubject, perIp, Clock.systemUTC());
        return new ScanFeature(routes, appTokens, qrStates, requests, documentKeys, perSubject, perIp);
    }

    private static void measure(MeterRegistry registry, AppTokens appTokens, QrStates qrStates) {
        Gauge.builder("qrshare.cache.hit.ratio", qrStates::hitRatio)
                .tag("cache", "qr-state")
                .register(registry);
        Gauge.builder("qrshare.cache.hit.ratio", appTokens::cacheHitRatio)
                .tag("cache", "app-token")
                .register(registry);
        FunctionCounter.builder("qrshare.cache.loads", qrStates, QrStates::loads)
                .tag("cache", "qr-state")
                .description("QR states read from the database (a cached scan reads none)")
                .register(registry);
    }

    /** Drops cached QR states when the cabinet changes them, on every instance (NOTIFY reaches them all). */
    private static final class Invalidation extends VerticleBase {

        private final QrStates qrStates;
        private MessageConsumer<JsonObject> consumer;

        Invalidation(QrStates qrStates) {
            this.qrStates = qrStates;
        }

        @Override
        public Future<?> start() {
            consumer = vertx.eventBus().consumer(Notifications.CACHE_ADDRESS, m -> qrStates.invalidate(m.body()));
            return consumer.completion();
        }

        @Override
        public Future<?> stop() {
            return consumer.unregister();
        }
    }
}

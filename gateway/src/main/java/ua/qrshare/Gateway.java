package ua.qrshare;

import static ua.qrshare.start.Lifecycle.await;

import io.vertx.core.DeploymentOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.qrshare.auth.AuthRoutes;
import ua.qrshare.config.Config;
import ua.qrshare.dev.DevServices;
import ua.qrshare.dev.TsaRoutes;
import ua.qrshare.http.ClientLimits;
import ua.qrshare.http.HttpVerticle;
import ua.qrshare.http.Routes;
import ua.qrshare.sealing.Sealing;
import ua.qrshare.share.DeliveryVerticle;
import ua.qrshare.start.Features;
import ua.qrshare.start.Infrastructure;
import ua.qrshare.start.Lifecycle;
import ua.qrshare.verify.VerifyRoutes;

/**
 * The composition root. {@link #start} brings a gateway up in dependency order — the embedded stand-ins the
 * configuration asks for, the infrastructure, sealing, the features' routes, HTTP, then delivery — and {@link #close}
 * takes it down in reverse: delivery stops claiming, HTTP drains, then the clients, Vert.x and the embedded servers.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final Lifecycle life;

    private Gateway(Lifecycle life) {
        this.life = life;
    }

    /** Starts everything; blocking. On failure, whatever had started is stopped again before the exception leaves. */
    public static Gateway start(Config config, Routes... extraRoutes) {
        Lifecycle life = new Lifecycle();
        try {
            Path dataDir = dataDirectory(config);
            DevServices dev = DevServices.start(config, dataDir, life);
            Infrastructure infra = Infrastructure.start(config, dataDir, dev, life);
            Sealing sealing = Sealing.start(infra, dev.pki(), life);
            Features features = Features.start(infra, dev, sealing, life, List.of(extraRoutes));
            serveHttp(infra, features, life);
            deliver(infra, sealing, features, life);
            log.info(
                    "qrshare gateway is up{}\n  {}",
                    config.devDefaultsInUse().isEmpty() ? "" : " with embedded dev defaults",
                    String.join("\n  ", life.summary()));
            return new Gateway(life);
        } catch (RuntimeException e) {
            life.close();
            throw e;
        }
    }

    /** One HTTP server per event loop; undeploying runs each verticle's stop(), the graceful HTTP shutdown. */
    private static void serveHttp(Infrastructure infra, Features features, Lifecycle life) {
        Config config = infra.config();
        // The anonymous endpoints that do public-key work get the per-address budgets; the TSA is for this host only.
        ClientLimits clientLimits = new ClientLimits(
                config.httpLimits(),
                Set.of(AuthRoutes.CHALLENGE, AuthRoutes.LOGIN, VerifyRoutes.PATH, TsaRoutes.PATH),
                Set.of(TsaRoutes.PATH));
        String deployment = await(infra.vertx()
                .deployVerticle(
                        () -> new HttpVerticle(config, features.routes(), clientLimits),
                        new DeploymentOptions().setInstances(infra.cores())));
        life.onCloseAwait(() -> infra.vertx().undeploy(deployment));
        life.summary("web       " + config.publicBaseUrl() + "  (listening on " + config.httpHost() + ":"
                + config.httpPort()
                + (config.httpHostSet() || config.devDefaultsInUse().isEmpty()
                        ? ""
                        : ", loopback only while dev defaults are in use; set http.host to listen elsewhere")
                + (features.spaPresent() ? "" : "; admin UI not bundled in this build") + ")");
    }

    /** After HTTP, because in dev the signing workers stamp at this gateway's own TSA route; stopped first. */
    private static void deliver(Infrastructure infra, Sealing sealing, Features features, Lifecycle life) {
        String deployment = await(infra.vertx()
                .deployVerticle(new DeliveryVerticle(infra, sealing, features.catalog(), features.readiness())));
        life.onCloseAwait(() -> infra.vertx().undeploy(deployment));
        int workers = DeliveryVerticle.workers(infra);
        life.summary(
                workers < 0
                        ? "delivery  no signing workers on this instance (share.workers = -1)"
                        : "delivery  " + workers + " signing worker(s)");
    }

    private static Path dataDirectory(Config config) {
        Path dir = config.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
        return dir;
    }

    /** Stops delivery, drains HTTP, then closes clients, Vert.x, and the embedded servers. Safe to call twice. */
    @Override
    public void close() {
        life.close();
    }
}

package ua.qrshare.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import ua.qrshare.config.Config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP server per event loop, each with its own router: request id, security headers, access log, body limit,
 * the features' routes, and the problem handler for everything that goes wrong.
 */
public final class HttpVerticle extends VerticleBase {

    private static final int[] ROUTER_ERRORS = {400, 401, 403, 404, 405, 406, 413, 415, 429, 500, 503};

    private final Config config;
    private final List<Routes> features;
    private HttpServer server;
    private AccessLog accessLog;

    public HttpVerticle(Config config, List<Routes> features) {
        this.config = config;
        this.features = features;
    }

    @Override
    public Future<?> start() {
        server = vertx.createHttpServer(new HttpServerOptions()
                .setHost(config.httpHost())
                .setPort(config.httpPort())
                .setIdleTimeout(120)
                .setIdleTimeoutUnit(TimeUnit.SECONDS));
        return server.requestHandler(router()).listen();
    }

    /** Stops accepting connections and lets in-flight requests finish, up to {@code http.shutdown.timeout}. */
    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture()
                : server.shutdown(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .andThen(done -> {
                            if (accessLog != null) {
                                accessLog.flush();
                            }
                        });
    }

    Router router() {
        Router router = Router.router(vertx);
        router.route().handler(new RequestId()).handler(new SecurityHeaders(config.publicBaseUrl().startsWith("https:")));
        if (config.accessLog()) {
            accessLog = new AccessLog();
            router.route().handler(accessLog);
        }
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(config.httpBodyLimit());
        Map<String, BodyHandler> ownLimits = new HashMap<>();
        features.forEach(feature -> feature.bodyLimits().forEach((path, limit) ->
                ownLimits.put(path, BodyHandler.create(false).setBodyLimit(limit))));
        // Not a method-restricted route: that would make the router answer 405 instead of 404 for unknown GETs.
        router.route().handler(ctx -> {
            HttpMethod method = ctx.request().method();
            if (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) {
                ownLimits.getOrDefault(ctx.normalizedPath(), bodies).handle(ctx);
            } else {
                ctx.next();
            }
        });
        features.forEach(feature -> feature.mount(router));

        ProblemHandler problems = new ProblemHandler();
        router.route().failureHandler(problems);
        for (int status : ROUTER_ERRORS) {
            router.errorHandler(status, problems);
        }
        return router;
    }
}

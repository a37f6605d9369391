package ua.qrshare.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.qrshare.config.Config;

/**
 * One HTTP server per event loop, each with its own router: request id, security headers, access log, body limit,
 * the features' routes, and the problem handler for everything that goes wrong. The features' {@link DirectPost}
 * endpoints (the scan) are served in front of the router, with the same handlers ({@link DirectLane}).
 */
public final class HttpVerticle extends VerticleBase {

    private static final int[] ROUTER_ERRORS = {
        400, 401, 403, 404, 405, 406, 408, 413, 414, 415, 417, 429, 500, 501, 503
    };

    private static final Logger log = LoggerFactory.getLogger(HttpVerticle.class);

    private final Config config;
    private final List<Routes> features;
    private final ClientLimits limits;
    /**
     * Connections of this verticle's server that have not yet had a request; event-loop confined. Removed at their
     * first request; the check per request is an empty set's size while no connection is new (a set add per request
     * was 2 % of a scan's CPU).
     */
    private final Set<HttpConnection> awaitingFirstRequest = new HashSet<>();

    private HttpServer server;
    private AccessLog accessLog;
    private final RequestId requestIds = new RequestId();
    private final ProblemHandler problems = new ProblemHandler();
    private final Map<String, Long> ownLimitBytes = new HashMap<>();

    /** With limits of its own: for a verticle deployed beside a gateway's (tests). */
    public HttpVerticle(Config config, List<Routes> features) {
        this(config, features, new ClientLimits(config.httpLimits(), Set.of(), Set.of()));
    }

    /** @param limits shared by every verticle instance of one gateway */
    public HttpVerticle(Config config, List<Routes> features, ClientLimits limits) {
        this.config = config;
        this.features = features;
        this.limits = limits;
    }

    @Override
    public Future<?> start() {
        server = vertx.createHttpServer(new HttpServerOptions()
                .setHost(config.httpHost())
                .setPort(config.httpPort())
                .setIdleTimeout((int) config.httpLimits().idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS));
        Router router = router();
        DirectLane lane = directLane();
        long firstRequestDeadline = config.httpLimits().requestTimeout().toMillis();
        return server.connectionHandler(connection -> {
                    boolean admitted = limits.admit();
                    if (!admitted) {
                        connection.closeHandler(closed -> limits.release());
                        connection.close();
                        return;
                    }
                    // A client that connects and never completes a request's headers is dropped at the deadline.
                    awaitingFirstRequest.add(connection);
                    long timer = vertx.setTimer(firstRequestDeadline, id -> {
                        if (awaitingFirstRequest.remove(connection)) {
                            connection.close();
                        }
                    });
                    connection.closeHandler(closed -> {
                        limits.release();
                        vertx.cancelTimer(timer);
                        awaitingFirstRequest.remove(connection);
                    });
                    connection.exceptionHandler(HttpVerticle::clientError);
                })
                .exceptionHandler(HttpVerticle::clientError)
                .requestHandler(request -> {
                    if (!awaitingFirstRequest.isEmpty()) {
                        awaitingFirstRequest.remove(request.connection());
                    }
                    DirectPost direct = lane.takes(request);
                    if (direct != null) {
                        lane.handle(request, direct);
                    } else {
                        router.handle(request);
                    }
                })
                .listen();
    }

    /** A client that breaks the protocol or goes away is not the server's error: one line, no stack trace. */
    private static void clientError(Throwable error) {
        log.debug("Client connection error: {}", String.valueOf(error));
    }

    /** Stops accepting connections and lets in-flight requests finish, up to {@code http.shutdown.timeout}. */
    @Override
    public Future<?> stop() {
        return server == null
                ? Future.succeededFuture()
                : server.shutdown(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .andThen(done -> {
                            if (accessLog != null) {
                                accessLog.flush();
                            }
                        });
    }

    private SecurityHeaders securityHeaders() {
        return new SecurityHeaders(config.publicBaseUrl().startsWith("https:"));
    }

    private long bodyLimit(String path) {
        return ownLimitBytes.getOrDefault(path, (long) config.httpBodyLimit());
    }

    /** After {@link #router()}, whose access log and body limits it shares. */
    private DirectLane directLane() {
        List<DirectPost> posts = features.stream()
                .filter(DirectPost.class::isInstance)
                .map(DirectPost.class::cast)
                .toList();
        return new DirectLane(
                vertx,
                posts,
                this::bodyLimit,
                config.httpLimits().requestTimeout().toMillis(),
                requestIds,
                securityHeaders(),
                accessLog,
                problems);
    }

    Router router() {
        Router router = Router.router(vertx);
        router.route()
                .handler(securityHeaders())
                .handler(requestIds); // security headers first: see SecurityHeaders.apply
        if (config.accessLog()) {
            accessLog = new AccessLog();
            router.route().handler(accessLog);
        }
        router.route().handler(new FrontDoor(vertx, config.httpLimits().requestTimeout()));
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(config.httpBodyLimit());
        Map<String, BodyHandler> ownLimits = new HashMap<>();
        features.forEach(feature -> feature.bodyLimits().forEach((path, limit) -> {
            ownLimits.put(path, BodyHandler.create(false).setBodyLimit(limit));
            ownLimitBytes.put(path, limit);
        }));
        router.route().handler(limits.anonymousBudget(this::bodyLimit));
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

        router.route().failureHandler(problems);
        for (int status : ROUTER_ERRORS) {
            router.errorHandler(status, problems);
        }
        return router;
    }
}

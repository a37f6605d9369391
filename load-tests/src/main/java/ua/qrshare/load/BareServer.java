package ua.qrshare.load;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import java.nio.charset.StandardCharsets;

/**
 * The reference the resolve endpoint is measured against: a bare Vert.x HTTP server answering every request with a
 * constant JSON body of a given size, one server per event loop like the gateway. No router, no logging, no metrics.
 *
 * <p>{@code java -cp … ua.qrshare.load.BareServer [port] [bodyBytes] [eventLoops]} (defaults 8490, 726, cores).
 */
public final class BareServer extends VerticleBase {

    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

    private final int port;
    private final Buffer body;

    BareServer(int port, Buffer body) {
        this.port = port;
        this.body = body;
    }

    /** A JSON object of exactly {@code bytes} bytes (at least 16). */
    static Buffer body(int bytes) {
        String prefix = "{\"padding\":\"";
        String suffix = "\"}";
        StringBuilder s = new StringBuilder(prefix);
        while (s.length() < bytes - suffix.length()) {
            s.append('x');
        }
        return Buffer.buffer(s.append(suffix).toString().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(
                        new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .requestHandler(req -> req.end()
                        .onComplete(done -> req.response()
                                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                                .end(body)))
                .listen();
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8490;
        int bytes = args.length > 1 ? Integer.parseInt(args[1]) : 726;
        int loops = args.length > 2
                ? Integer.parseInt(args[2])
                : Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        Buffer body = body(bytes);
        vertx.deployVerticle(
                        () -> new BareServer(port, body),
                        new DeploymentOptions()
                                .setThreadingModel(ThreadingModel.EVENT_LOOP)
                                .setInstances(loops))
                .onSuccess(id -> System.out.println("bare Vert.x server on 127.0.0.1:" + port + ", " + bytes
                        + "-byte JSON body, " + loops + " event loops"))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }
}

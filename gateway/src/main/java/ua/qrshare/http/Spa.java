package ua.qrshare.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The admin SPA from the classpath ({@code webroot/}, built by the admin-ui module). Hashed assets are cached for a
 * year; {@code index.html} is revalidated every time so a deployment is seen at once. Any other GET that looks like
 * a client-side route (no file extension, not an API or operations path) gets {@code index.html}.
 */
public final class Spa implements Routes {

    private static final String WEBROOT = "webroot";
    private static final CharSequence IMMUTABLE = HttpHeaders.createOptimized("public, max-age=31536000, immutable");
    private static final CharSequence REVALIDATE = HttpHeaders.createOptimized("no-cache");
    private static final CharSequence HTML = HttpHeaders.createOptimized("text/html; charset=utf-8");
    /** Paths the server owns: a miss there is a real 404, not a client route. */
    private static final List<String> SERVER_PATHS = List.of("/api/", "/health/", "/metrics", "/dev/", "/s/");

    private final Buffer indexHtml;

    private Spa(Buffer indexHtml) {
        this.indexHtml = indexHtml;
    }

    /** Reads {@code index.html} once; without it (admin-ui not built) only the API is served. */
    public static Spa fromClasspath() {
        try (InputStream in = Spa.class.getClassLoader().getResourceAsStream(WEBROOT + "/index.html")) {
            return new Spa(in == null ? null : Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean present() {
        return indexHtml != null;
    }

    @Override
    public void mount(Router router) {
        if (indexHtml == null) {
            return;
        }
        router.get("/assets/*").handler(ctx -> {
            ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, IMMUTABLE);
            ctx.next();
        });
        router.route("/*")
                .method(HttpMethod.GET)
                .method(HttpMethod.HEAD)
                .handler(ctx -> {
                    if (!ctx.request().path().startsWith("/assets/")) {
                        ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, REVALIDATE);
                    }
                    ctx.next();
                })
                .handler(StaticHandler.create(WEBROOT)
                        .setCachingEnabled(false)
                        .setDirectoryListing(false)
                        .setIncludeHidden(false)
                        .setDefaultContentEncoding("UTF-8"))
                .handler(this::historyFallback);
    }

    private void historyFallback(RoutingContext ctx) {
        String path = ctx.request().path();
        if (isServerPath(path) || path.substring(path.lastIndexOf('/') + 1).contains(".")) {
            ctx.next();
            return;
        }
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, HTML).putHeader(HttpHeaders.CACHE_CONTROL, REVALIDATE);
        if (ctx.request().method() == HttpMethod.HEAD) {
            ctx.response()
                    .putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(indexHtml.length()))
                    .end();
        } else {
            ctx.response().end(indexHtml);
        }
    }

    private static boolean isServerPath(String path) {
        for (String prefix : SERVER_PATHS) {
            if (path.startsWith(prefix) || path.equals(prefix.substring(0, prefix.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}

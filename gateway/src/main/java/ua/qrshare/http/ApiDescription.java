package ua.qrshare.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI 3.1 description of the API, {@code openapi.yaml} on the classpath. */
public final class ApiDescription implements Routes {

    public static final String PATH = "/api/v1/openapi.yaml";
    private static final CharSequence YAML = HttpHeaders.createOptimized("application/yaml; charset=utf-8");

    private final Buffer document;

    public ApiDescription() {
        try (InputStream in = ApiDescription.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the classpath");
            }
            document = Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void mount(Router router) {
        router.get(PATH)
                .handler(ctx -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, YAML)
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                        .end(document));
    }
}

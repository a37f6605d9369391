package ua.qrshare.http;

import io.vertx.ext.web.Router;
import java.util.Map;

/** A feature's routes. Each HTTP verticle instance mounts every feature on its own router. */
@FunctionalInterface
public interface Routes {
    void mount(Router router);

    /**
     * Paths whose request bodies may exceed the global {@code http.body.limit}, with their own limit in bytes. The
     * global body handler runs before any feature's route, so a feature cannot raise the limit itself.
     */
    default Map<String, Long> bodyLimits() {
        return Map.of();
    }
}

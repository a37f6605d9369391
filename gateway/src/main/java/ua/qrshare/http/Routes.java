package ua.qrshare.http;

import io.vertx.ext.web.Router;

/** A feature's routes. Each HTTP verticle instance mounts every feature on its own router. */
@FunctionalInterface
public interface Routes {
    void mount(Router router);
}

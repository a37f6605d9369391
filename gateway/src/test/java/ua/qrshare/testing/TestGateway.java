package ua.qrshare.testing;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import ua.qrshare.Gateway;
import ua.qrshare.config.Config;
import ua.qrshare.config.ConfigLoader;
import ua.qrshare.http.Routes;

/** Builds a configuration for a gateway under test: loopback, a free port, its own data directory and database. */
public final class TestGateway {

    private TestGateway() {}

    /** Defaults, then a fresh test database, then {@code overrides} (file-style keys; a null value unsets). */
    public static Config config(Path dataDir, Map<String, Object> overrides) {
        JsonObject values = new JsonObject()
                .put("http.host", "127.0.0.1")
                .put("http.port", String.valueOf(freePort()))
                .put("data.dir", dataDir.toString())
                .put("db.url", TestPostgres.freshDatabaseUrl())
                // Every test calls from 127.0.0.1: the anonymous budgets are tested where they are meant to be.
                .put("http.anonymous.rate.per.ip", "1000000")
                .put("http.anonymous.concurrency", "1000");
        overrides.forEach((k, v) -> {
            if (v == null) {
                values.remove(k);
            } else {
                values.put(k, String.valueOf(v));
            }
        });
        return Config.fromValues(ConfigLoader.values(ConfigLoader.resolve(values, Path.of("test"))));
    }

    public static RunningGateway start(Path dataDir, Map<String, Object> overrides, Routes... extraRoutes) {
        return start(config(dataDir, overrides), extraRoutes);
    }

    public static RunningGateway start(Config config, Routes... extraRoutes) {
        return new RunningGateway(Gateway.start(config, extraRoutes), config);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

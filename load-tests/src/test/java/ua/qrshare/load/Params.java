package ua.qrshare.load;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What every simulation reads from system properties ({@code -Dname=value} on the Maven command line), with defaults
 * for a gateway on this machine seeded by {@code qrshare seed-load --out target/load-feed}.
 *
 * <ul>
 *   <li>{@code baseUrl} (http://127.0.0.1:8080) — the gateway</li>
 *   <li>{@code feed} (target/load-feed) — the directory seed-load wrote</li>
 *   <li>{@code rate} — target arrivals per second of the simulation's main scenario</li>
 *   <li>{@code ramp} (10 s) — seconds to ramp from 1/s to {@code rate}; {@code duration} (30 s) — seconds at {@code rate}</li>
 *   <li>{@code p95Ms}, {@code p99Ms} — response-time assertions per request; {@code maxFailedPct} (0) — failed requests allowed</li>
 * </ul>
 */
final class Params {

    private Params() {}

    static String baseUrl() {
        return System.getProperty("baseUrl", "http://127.0.0.1:8080");
    }

    static String feed(String file) {
        Path dir = Path.of(System.getProperty("feed", "target/load-feed"));
        Path path = dir.resolve(file).toAbsolutePath();
        if (!Files.isReadable(path)) {
            throw new IllegalStateException(path + " is missing: run qrshare seed-load --out " + dir.toAbsolutePath()
                    + " against the gateway's database first (see load-tests in the README)");
        }
        return path.toString();
    }

    static double rate(double fallback) {
        return Double.parseDouble(System.getProperty("rate", Double.toString(fallback)));
    }

    static double number(String name, double fallback) {
        return Double.parseDouble(System.getProperty(name, Double.toString(fallback)));
    }

    static Duration seconds(String name, long fallback) {
        return Duration.ofSeconds(Long.parseLong(System.getProperty(name, Long.toString(fallback))));
    }

    static Duration ramp() {
        return seconds("ramp", 10);
    }

    static Duration duration() {
        return seconds("duration", 30);
    }

    static int p95Ms(int fallback) {
        return (int) number("p95Ms", fallback);
    }

    static int p99Ms(int fallback) {
        return (int) number("p99Ms", fallback);
    }

    static double maxFailedPct() {
        return number("maxFailedPct", 0);
    }

    static HttpProtocolBuilder protocol() {
        return http.baseUrl(baseUrl())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("qrshare-load-tests")
                .shareConnections();
    }
}

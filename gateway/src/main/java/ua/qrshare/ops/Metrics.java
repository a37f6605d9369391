package ua.qrshare.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Prometheus metrics through Micrometer: Vert.x HTTP server and client pools (labelled by route template, never by
 * raw path; methods, status codes and routes bounded to known values), and the JVM. Each gateway owns its registry, so several gateways in one JVM (tests) stay apart.
 */
public final class Metrics {

    /** The HTTP methods a label may name; any other method a client makes up counts as {@code OTHER}. */
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private static final Pattern STATUS = Pattern.compile("[1-5][0-9][0-9]");
    private static final int MAX_ROUTE = 100;

    /** Vert.x keeps metrics backends by name, JVM-wide: each gateway in one JVM (tests, tools) needs its own. */
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final String registryName = "qrshare-" + INSTANCES.incrementAndGet();

    public Metrics() {
        // Every label value must come from a small known set, or a client could grow /metrics without bound.
        registry.config()
                .meterFilter(MeterFilter.replaceTagValues(
                        Label.HTTP_METHOD.toString(), method -> METHODS.contains(method) ? method : "OTHER"))
                .meterFilter(MeterFilter.replaceTagValues(
                        Label.HTTP_CODE.toString(), code -> STATUS.matcher(code).matches() ? code : "OTHER"))
                .meterFilter(MeterFilter.replaceTagValues(
                        Label.HTTP_ROUTE.toString(), route -> route.length() <= MAX_ROUTE ? route : "OTHER"))
                .meterFilter(TIMES_AS_HISTOGRAMS);
    }

    /**
     * Every timer is published with histogram buckets, so percentiles can be computed (and aggregated across
     * instances) with {@code histogram_quantile}. Vert.x's own option for it ({@code publishQuantiles}) gives buckets to
     * every distribution summary as well, request and response sizes among them: two more histograms recorded per
     * request, for sizes nobody asks percentiles of. Summaries keep their count, sum and max.
     */
    private static final MeterFilter TIMES_AS_HISTOGRAMS = new MeterFilter() {
        @Override
        public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
            return id.getType() == Meter.Type.TIMER
                    ? DistributionStatisticConfig.builder()
                            .percentilesHistogram(true)
                            .build()
                            .merge(config)
                    : config;
        }
    };

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** For {@code Vertx.builder().withMetrics}: Vert.x's metrics on this registry, HTTP server requests cheaper. */
    public VertxMetricsFactory factory() {
        return HttpServerMeters.factory(registry);
    }

    public VertxOptions applyTo(VertxOptions options) {
        return options.setMetricsOptions(new MicrometerMetricsOptions()
                .setEnabled(true)
                .setRegistryName(registryName)
                .setJvmMetricsEnabled(true)
                .setPrometheusOptions(
                        new VertxPrometheusOptions().setEnabled(true)) // histograms: see TIMES_AS_HISTOGRAMS
                .addLabels(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME));
    }
}

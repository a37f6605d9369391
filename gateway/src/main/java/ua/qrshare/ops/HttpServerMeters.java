package ua.qrshare.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MetricsNaming;
import io.vertx.micrometer.MicrometerMetricsFactory;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Vert.x's HTTP server request metrics, with each meter looked up once per route, method and status instead of per
 * request: Vert.x builds the tags and asks the registry for a timer, two distribution summaries, a counter and the
 * active-requests gauge on every request, a tenth of a scan's CPU. The meters are the ones Vert.x registers (v4
 * names, descriptions, the {@code method}, {@code route} and {@code code} labels; the registry's filters still bound
 * the values); connections, bytes and WebSockets stay Vert.x's own.
 */
final class HttpServerMeters {

    /** As Vert.x names its HTTP server's meters: {@code vertx.http.server.} and the v4 names. */
    private static final MetricsNaming NAMES =
            MetricsNaming.v4Names().withBaseName("vertx." + MetricsDomain.HTTP_SERVER.toCategory() + ".");

    private static final List<String> METHODS =
            List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "OTHER");
    private static final String ROUTE = Label.HTTP_ROUTE.toString();
    private static final String METHOD = Label.HTTP_METHOD.toString();
    private static final String CODE = Label.HTTP_CODE.toString();

    private final MeterRegistry registry;
    private final ByMethod[] byMethod = new ByMethod[METHODS.size()];
    private final ConcurrentHashMap<String, ConcurrentHashMap<Integer, Responses>> responses =
            new ConcurrentHashMap<>();

    private HttpServerMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Vert.x's Micrometer metrics on {@code registry}, with the HTTP server's request meters from here. */
    static VertxMetricsFactory factory(MeterRegistry registry) {
        HttpServerMeters meters = new HttpServerMeters(registry);
        return new MicrometerMetricsFactory(registry) {
            @Override
            public VertxMetrics metrics(VertxOptions options) {
                return meters.new Metrics(super.metrics(options));
            }
        };
    }

    /** What is per method alone (the request side: the response's route and status are not known yet). */
    private record ByMethod(Tags tags, LongAdder active, DistributionSummary requestBytes) {}

    private record Responses(Counter count, Timer time, DistributionSummary bytes) {}

    private ByMethod byMethod(int method) {
        ByMethod meters = byMethod[method]; // records have final fields: a reference seen is a record complete
        return meters != null ? meters : registerByMethod(method);
    }

    /** Once per method: a gauge registered twice would keep the first counter and lose the second's counts. */
    private synchronized ByMethod registerByMethod(int method) {
        if (byMethod[method] == null) {
            Tags tags = Tags.of(METHOD, METHODS.get(method));
            LongAdder active = new LongAdder();
            Gauge.builder(NAMES.getHttpActiveRequests(), active, LongAdder::doubleValue)
                    .description("Number of requests being processed")
                    .tags(tags)
                    .register(registry);
            byMethod[method] = new ByMethod(
                    tags,
                    active,
                    DistributionSummary.builder(NAMES.getHttpRequestBytes())
                            .description("Size of requests in bytes")
                            .tags(tags)
                            .register(registry));
        }
        return byMethod[method];
    }

    /** A thread's last response meters: on an event loop most requests in a row share route, method and status. */
    private record Last(String route, int slot, Responses meters) {}

    private final ThreadLocal<Last> last = new ThreadLocal<>();

    private Responses responses(Request request, int status) {
        // statuses outside 100-599 share one slot: the registry's filter labels them all OTHER
        int slot = request.method * 1000 + (status >= 100 && status <= 599 ? status : 0);
        Last recent = last.get();
        if (recent != null && recent.slot() == slot && recent.route().equals(request.route)) {
            return recent.meters();
        }
        Responses meters = lookUp(request, status, slot);
        last.set(new Last(request.route, slot, meters));
        return meters;
    }

    private Responses lookUp(Request request, int status, int slot) {
        return responses
                .computeIfAbsent(request.route, route -> new ConcurrentHashMap<>())
                .computeIfAbsent(slot, s -> {
                    Tags tags = byMethod(request.method)
                            .tags()
                            .and(ROUTE, request.route)
                            .and(CODE, String.valueOf(status));
                    return new Responses(
                            Counter.builder(NAMES.getHttpRequestsCount())
                                    .description("Number of processed requests")
                                    .tags(tags)
                                    .register(registry),
                            Timer.builder(NAMES.getHttpResponseTime())
                                    .description("Request processing time")
                                    .tags(tags)
                                    .register(registry),
                            DistributionSummary.builder(NAMES.getHttpResponseBytes())
                                    .description("Size of responses in bytes")
                                    .tags(tags)
                                    .register(registry));
                });
    }

    private static int method(HttpMethod method) {
        int index = METHODS.indexOf(method.name());
        return index < 0 ? METHODS.size() - 1 : index;
    }

    /** One request in flight; the active gauge drops when both its request and its response have ended. */
    private static final class Request {
        final int method;
        final long start = System.nanoTime();
        String route = "";
        boolean routed;
        boolean requestEnded;
        boolean responseEnded;
        boolean reset;

        Request(int method) {
            this.method = method;
        }
    }

    private final class Server implements HttpServerMetrics<Request, Object, Object> {
        private final HttpServerMetrics<Object, Object, Object> vertx;

        @SuppressWarnings("unchecked")
        Server(HttpServerMetrics<?, ?, ?> vertx) {
            this.vertx = (HttpServerMetrics<Object, Object, Object>) vertx;
        }

        @Override
        public Request requestBegin(Object socket, HttpRequest request) {
            return begin(request.method());
        }

        @Override
        public Request responsePushed(Object socket, HttpMethod method, String uri, HttpResponse response) {
            return begin(method);
        }

        private Request begin(HttpMethod method) {
            Request request = new Request(method(method));
            byMethod(request.method).active().increment();
            return request;
        }

        @Override
        public void requestRouted(Request request, String route) {
            if (route != null) {
                // as Vert.x: the routes a request went through, joined by '>'
                request.route = request.routed ? request.route + ">" + route : route;
                request.routed = true;
            }
        }

        @Override
        public void requestEnd(Request request, HttpRequest ignored, long bytesRead) {
            ByMethod meters = byMethod(request.method);
            meters.requestBytes().record(bytesRead);
            request.requestEnded = true;
            if (!request.reset && request.responseEnded) {
                meters.active().decrement();
            }
        }

        @Override
        public void responseEnd(Request request, HttpResponse response, long bytesWritten) {
            Responses meters = responses(request, response.statusCode());
            meters.count().increment();
            meters.time().record(System.nanoTime() - request.start, TimeUnit.NANOSECONDS);
            meters.bytes().record(bytesWritten);
            request.responseEnded = true;
            if (!request.reset && request.requestEnded) {
                byMethod(request.method).active().decrement();
            }
        }

        @Override
        public void requestReset(Request request) {
            ByMethod meters = byMethod(request.method);
            // rare, and registered only when it first happens, as Vert.x does
            Counter.builder(NAMES.getHttpRequestResetsCount())
                    .description("Number of request resets")
                    .tags(meters.tags())
                    .register(registry)
                    .increment();
            meters.active().decrement();
            request.reset = true;
        }

        @Override
        public Object connected(Object socket, Request request, ServerWebSocket webSocket) {
            return vertx.connected(socket, null, webSocket); // Vert.x counts WebSockets by connection alone
        }

        @Override
        public void disconnected(Object webSocket) {
            vertx.disconnected(webSocket);
        }

        @Override
        public Object connected(SocketAddress remote, String remoteName) {
            return vertx.connected(remote, remoteName);
        }

        @Override
        public void disconnected(Object socket, SocketAddress remote) {
            vertx.disconnected(socket, remote);
        }

        @Override
        public void bytesRead(Object socket, SocketAddress remote, long bytes) {
            vertx.bytesRead(socket, remote, bytes);
        }

        @Override
        public void bytesWritten(Object socket, SocketAddress remote, long bytes) {
            vertx.bytesWritten(socket, remote, bytes);
        }

        @Override
        public void exceptionOccurred(Object socket, SocketAddress remote, Throwable error) {
            vertx.exceptionOccurred(socket, remote, error);
        }

        @Override
        public void close() {
            vertx.close();
        }
    }

    /** Vert.x's metrics, but for the HTTP server's requests. */
    private final class Metrics implements VertxMetrics {
        private final VertxMetrics vertx;

        Metrics(VertxMetrics vertx) {
            this.vertx = vertx;
        }

        @Override
        public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions options, SocketAddress local) {
            HttpServerMetrics<?, ?, ?> own = vertx.createHttpServerMetrics(options, local);
            return own == null ? null : new Server(own);
        }

        @Override
        public EventBusMetrics<?> createEventBusMetrics() {
            return vertx.createEventBusMetrics();
        }

        @Override
        public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remote, String type, String namespace) {
            return vertx.createClientMetrics(remote, type, namespace);
        }

        @Override
        public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
            return vertx.createHttpClientMetrics(options);
        }

        @Override
        public TCPMetrics<?> createNetServerMetrics(NetServerOptions options, SocketAddress local) {
            return vertx.createNetServerMetrics(options, local);
        }

        @Override
        public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
            return vertx.createNetClientMetrics(options);
        }

        @Override
        public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
            return vertx.createDatagramSocketMetrics(options);
        }

        @Override
        public PoolMetrics<?, ?> createPoolMetrics(String type, String name, int maxSize) {
            return vertx.createPoolMetrics(type, name, maxSize);
        }

        @Override
        public void vertxCreated(Vertx created) {
            vertx.vertxCreated(created);
        }

        @Override
        public boolean isMetricsEnabled() {
            return vertx.isMetricsEnabled();
        }

        @Override
        public void close() {
            vertx.close();
        }
    }
}

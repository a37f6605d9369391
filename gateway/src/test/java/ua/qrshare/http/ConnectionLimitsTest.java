package ua.qrshare.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ua.qrshare.testing.RawHttp;
import ua.qrshare.testing.RunningGateway;

/**
 * What a client may hold of the gateway: a connection that idles, a request whose headers or body trickle in, and
 * connections beyond the cap are all closed; the embedded TSA is rate limited for everyone but the gateway itself.
 */
@Isolated // times connection limits
class ConnectionLimitsTest {

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.with(Map.of(
            "http.host",
            "0.0.0.0",
            "http.idle.timeout",
            2,
            "http.request.timeout",
            2,
            "http.max.connections",
            20,
            "http.anonymous.rate.per.ip",
            3));

    static int port;

    @BeforeAll
    static void start() {
        // On every interface, so that a test can reach it from an address that is not loopback.
        port = gateway.config().httpPort();
    }

    /** Through the router (login) and in front of it (the scan's direct lane) alike. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/auth/login", "/api/v1/app/qr/resolve"})
    void a_body_trickled_byte_by_byte_gets_408_and_the_connection_is_closed(String path) throws Exception {
        try (RawHttp raw = new RawHttp(port)) {
            raw.send("POST " + path
                    + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n");
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                raw.send("{");
                Thread.sleep(500); // every byte in time for the idle timeout, the whole body never in time
            }
            RawHttp.Answer a = raw.read(5_000);
            assertThat(a.status()).isEqualTo(408);
            assertThat(new JsonObject(a.body()).getString("code")).isEqualTo("REQUEST_TIMEOUT");
            assertThat(raw.closedWithin(2_000)).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
        }
    }

    @Test
    void headers_that_never_end_lose_the_connection() {
        try (RawHttp raw = new RawHttp(port)) {
            raw.send("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ");
            long start = System.nanoTime();
            for (int i = 0; i < 8 && !raw.closedWithin(500); i++) {
                raw.send("a");
            }
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_500);
        }
    }

    @Test
    void an_idle_connection_is_closed() {
        try (RawHttp raw = new RawHttp(port)) {
            assertThat(raw.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n")
                            .read(5_000)
                            .status())
                    .isEqualTo(200);
            assertThat(raw.closedWithin(4_000)).isTrue();
        }
    }

    @Test
    void connections_beyond_the_cap_are_closed_at_once() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                sockets.add(s);
            }
            Thread.sleep(300);
            int closed = 0;
            for (Socket s : sockets) {
                s.setSoTimeout(200);
                try {
                    if (s.getInputStream().read() < 0) {
                        closed++;
                    }
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // kept
                } catch (IOException reset) {
                    closed++;
                }
            }
            assertThat(closed).isGreaterThanOrEqualTo(10);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        Thread.sleep(300);
        try (RawHttp raw = new RawHttp(port)) {
            assertThat(raw.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n")
                            .read(5_000)
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void the_embedded_tsa_is_rate_limited_for_other_machines() throws Exception {
        Optional<InetAddress> external = nonLoopbackAddress();
        assumeTrue(external.isPresent(), "no non-loopback IPv4 address to connect from");
        byte[] query = new org.bouncycastle.tsp.TimeStampRequestGenerator()
                .generate(org.bouncycastle.tsp.TSPAlgorithms.SHA256, new byte[32])
                .getEncoded();
        int last = 0;
        for (int i = 0; i < 4; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(external.get(), port), 2_000);
                s.setSoTimeout(5_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /api/v1/pki/tsa HTTP/1.1\r\nHost: x\r\nContent-Type: application/timestamp-query\r\n"
                                + "Content-Length: " + query.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(query);
                out.flush();
                String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                last = Integer.parseInt(status.substring(9, 12));
            }
        }
        assertThat(last).isEqualTo(429);
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }
}

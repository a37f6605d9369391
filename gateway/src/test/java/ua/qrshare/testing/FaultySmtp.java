package ua.qrshare.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server on a loopback socket that misbehaves on request: answers properly ({@link Mode#ACCEPT}),
 * accepts connections and never answers ({@link Mode#HANG}), refuses relaying ({@code 550 5.7.1}) or the recipient
 * ({@code 550 5.1.1}), drops the connection after the final dot without a reply ({@link #dropAfterDot}), or is not
 * there at all ({@link #down}). Every message it received (whole DATA, dot-unstuffed) is kept, including the ones
 * whose reply it dropped.
 */
public final class FaultySmtp implements AutoCloseable {

    public enum Mode {
        ACCEPT,
        HANG,
        RELAY_DENIED,
        USER_UNKNOWN
    }

    private final int port;
    private volatile Mode mode = Mode.ACCEPT;
    private volatile ServerSocket server;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final List<byte[]> messages = new ArrayList<>();
    private final AtomicInteger dropAfterDot = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile Runnable beforeFinalReply = () -> {};

    public FaultySmtp() {
        this.port = TestGateway.freePort();
        up();
    }

    public int port() {
        return port;
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** The next {@code n} messages are read to the final dot, then the connection is closed without a reply. */
    public void dropAfterDot(int n) {
        dropAfterDot.set(n);
    }

    /** Runs after a message is received and before its 250 goes out (e.g. to take the database away). */
    public void beforeFinalReply(Runnable action) {
        beforeFinalReply = action;
    }

    /** Messages received in full (a dropped reply included), oldest first. */
    public synchronized List<byte[]> messages() {
        return List.copyOf(messages);
    }

    /** Connections accepted since start. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Stops listening and cuts every connection: connecting is refused. */
    public synchronized void down() {
        try {
            if (server != null) {
                server.close();
                server = null;
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.forEach(FaultySmtp::closeQuietly);
        connections.clear();
    }

    /** Listens again on the same port. */
    public synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = s;
            Thread t = new Thread(() -> acceptLoop(s), "faulty-smtp-accept");
            t.setDaemon(true);
            t.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket socket = s.accept();
                accepted.incrementAndGet();
                connections.add(socket);
                Thread t = new Thread(() -> serve(socket), "faulty-smtp-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
                InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream()) {
            if (mode == Mode.HANG) {
                in.transferTo(OutputStream.nullOutputStream());
                return;
            }
            reply(out, "220 faulty.test ESMTP");
            String line;
            while ((line = readLine(in)) != null) {
                if (mode == Mode.HANG) {
                    in.transferTo(OutputStream.nullOutputStream());
                    return;
                }
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO" -> reply(out, "250-faulty.test\r\n250-ENHANCEDSTATUSCODES\r\n250 8BITMIME");
                    case "HELO" -> reply(out, "250 faulty.test");
                    case "MAIL" -> reply(out, "250 2.1.0 ok");
                    case "RCPT" ->
                        reply(
                                out,
                                switch (mode) {
                                    case RELAY_DENIED -> "550 5.7.1 relaying denied";
                                    case USER_UNKNOWN -> "550 5.1.1 user unknown";
                                    default -> "250 2.1.5 ok";
                                });
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        byte[] message = readData(in);
                        synchronized (this) {
                            messages.add(message);
                        }
                        if (dropAfterDot.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            return;
                        }
                        beforeFinalReply.run();
                        reply(out, "250 2.0.0 queued");
                    }
                    case "RSET", "NOOP" -> reply(out, "250 2.0.0 ok");
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            connections.remove(socket);
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }

    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        String line;
        while ((line = readLine(in)) != null && !line.equals(".")) {
            message.write((line.startsWith(".") ? line.substring(1) : line).getBytes(StandardCharsets.UTF_8));
            message.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        if (line == null) {
            throw new IOException("connection closed inside DATA");
        }
        return message.toByteArray();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        down();
    }
}

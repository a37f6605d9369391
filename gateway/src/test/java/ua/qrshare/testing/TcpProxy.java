package ua.qrshare.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of a real server (PostgreSQL, a TSA), to take it away and bring it back as an outage would:
 * {@link #cut()} closes every relayed connection and refuses new ones, {@link #hang(boolean)} cuts them and accepts
 * new ones that never get an answer, {@link #restore()} listens and relays again.
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile boolean hanging;

    public TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.port = TestGateway.freePort();
        restore();
    }

    public int port() {
        return port;
    }

    public synchronized void cut() {
        try {
            if (server != null) {
                server.close();
                server = null;
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        sockets.clear();
    }

    /** While {@code true}: existing connections are cut, new ones accepted and left unanswered. */
    public synchronized void hang(boolean on) {
        hanging = on;
        if (on) {
            for (Socket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // already gone
                }
            }
            sockets.clear();
        }
    }

    public synchronized void restore() {
        hanging = false;
        if (server != null) {
            return;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = s;
            Thread t = new Thread(
                    () -> {
                        while (!s.isClosed()) {
                            try {
                                Socket client = s.accept();
                                // Registered under the lock cut() takes: a connection accepted while cut() runs must
                                // not
                                // slip past it and relay through the outage.
                                synchronized (this) {
                                    if (s.isClosed()) {
                                        client.close();
                                        return;
                                    }
                                    if (hanging) {
                                        sockets.add(client); // held open, never answered
                                        continue;
                                    }
                                    Socket upstream = new Socket(targetHost, targetPort);
                                    sockets.add(client);
                                    sockets.add(upstream);
                                    pump(client, upstream);
                                    pump(upstream, client);
                                }
                            } catch (IOException e) {
                                return;
                            }
                        }
                    },
                    "tcp-proxy-accept");
            t.setDaemon(true);
            t.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException ignored) {
                        // one side closed
                    } finally {
                        try {
                            from.close();
                            to.close();
                        } catch (IOException ignored) {
                            // already gone
                        }
                        sockets.remove(from);
                        sockets.remove(to);
                    }
                },
                "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        cut();
    }
}

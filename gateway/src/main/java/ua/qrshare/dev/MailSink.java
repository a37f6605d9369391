package ua.qrshare.dev;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development stand-in for a mail relay: an SMTP server (RFC 5321's minimum: HELO/EHLO, MAIL, RCPT, DATA, RSET,
 * NOOP, QUIT) that accepts every message and stores it, exactly as received (dot-unstuffed), as one {@code .eml}
 * file. File names start with the UTC arrival time, so they sort in arrival order. One thread per connection; the
 * message is copied to its file in large blocks and nothing in it is parsed (a message is read when it is looked at),
 * since it shares the cores with the gateway that sends to it.
 */
public final class MailSink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MailSink.class);
    private static final DateTimeFormatter ARRIVAL_FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A client silent for this long is disconnected. */
    private static final int IDLE_TIMEOUT_MS = 60_000;
    /** RFC 5321 allows 1,000 bytes per line; far longer ones are not a mail client talking. */
    private static final int MAX_LINE_BYTES = 64 * 1024;

    private static final int MAX_CONNECTIONS = 64;

    private final Path directory;
    private final ServerSocket listener;
    private final String hostName;
    private final ExecutorService sessions;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;
    private Instant lastArrival = Instant.EPOCH; // guarded by this

    private MailSink(Path directory, ServerSocket listener, String hostName) {
        this.directory = directory;
        this.listener = listener;
        this.hostName = hostName;
        AtomicInteger n = new AtomicInteger();
        this.sessions = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mail-sink-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::accept, "mail-sink-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Starts the sink on {@code bindHost} only. Blocking: creates {@code dir} and binds the port.
     *
     * @param port the port to listen on, or 0 for an ephemeral one (see {@link #port()})
     */
    public static MailSink start(Path dir, String bindHost, int port) {
        InetAddress bindAddress;
        try {
            Files.createDirectories(dir);
            ownerOnly(dir, "rwx------"); // mail carries personal data: no other account lists or reads it
            bindAddress = InetAddress.getByName(bindHost);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the mail sink on " + bindHost + " for " + dir, e);
        }
        ServerSocket listener;
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(bindAddress, port), 128);
        } catch (IOException e) {
            throw new IllegalStateException("The mail sink cannot listen on " + bindHost + ":" + port, e);
        }
        MailSink sink = new MailSink(dir, listener, bindAddress.getHostAddress());
        sink.acceptor.start();
        log.info("Mail sink listening on {}:{}, storing messages in {}", bindHost, sink.port(), dir);
        return sink;
    }

    /** The port it listens on, the ephemeral one when started with port 0. */
    public int port() {
        return listener.getLocalPort();
    }

    public Path directory() {
        return directory;
    }

    /** Stops accepting connections, ends the open ones, and waits for their threads. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        sessions.shutdown();
        try {
            acceptor.join(5_000);
            sessions.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("Mail sink stops accepting: {}", e.toString());
                }
                return;
            }
            if (open.size() >= MAX_CONNECTIONS) {
                try (socket) {
                    socket.getOutputStream().write("421 too many connections\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // gone already
                }
                continue;
            }
            open.add(socket);
            try {
                sessions.execute(() -> {
                    try {
                        new Session(socket).run();
                    } catch (IOException e) {
                        if (!closed) {
                            log.debug("Mail sink connection ended: {}", e.toString());
                        }
                    } finally {
                        open.remove(socket);
                        closeQuietly(socket);
                    }
                });
            } catch (RuntimeException e) { // rejected: closing
                open.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    /** One SMTP conversation. */
    private final class Session {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] buffer = new byte[64 * 1024];
        private int start;
        private int end;
        private boolean sender;
        private boolean recipient;

        Session(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(IDLE_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            this.in = socket.getInputStream();
            this.out = new BufferedOutputStream(socket.getOutputStream(), 1024);
        }

        void run() throws IOException {
            reply("220 " + hostName + " ESMTP qrshare dev mail sink");
            while (true) {
                int lineEnd = nextLine();
                if (lineEnd < 0) {
                    return;
                }
                String line = new String(buffer, start, lineEnd - start, StandardCharsets.US_ASCII).strip();
                start = lineEnd;
                String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply("250-" + hostName + "\r\n250-8BITMIME\r\n250 OK");
                    case "HELO" -> reply("250 " + hostName);
                    case "MAIL" -> {
                        sender = true;
                        recipient = false;
                        reply("250 OK");
                    }
                    case "RCPT" -> {
                        if (!sender) {
                            reply("503 5.5.1 MAIL first");
                        } else {
                            recipient = true;
                            reply("250 OK");
                        }
                    }
                    case "DATA" -> {
                        if (!recipient) {
                            reply("503 5.5.1 RCPT first");
                        } else {
                            reply("354 End data with <CR><LF>.<CR><LF>");
                            if (!store()) {
                                return;
                            }
                            sender = false;
                            recipient = false;
                            reply("250 OK");
                        }
                    }
                    case "RSET" -> {
                        sender = false;
                        recipient = false;
                        reply("250 OK");
                    }
                    case "NOOP" -> reply("250 OK");
                    case "QUIT" -> {
                        reply("221 Bye");
                        return;
                    }
                    default -> reply("500 5.5.2 command not recognized");
                }
            }
        }

        private void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /**
         * The index just past the next line's LF in the buffer (reading more as needed), or -1 at the end of the
         * stream. The line starts at {@code start}.
         */
        private int nextLine() throws IOException {
            int scanned = start;
            while (true) {
                for (int i = scanned; i < end; i++) {
                    if (buffer[i] == '\n') {
                        return i + 1;
                    }
                }
                if (start > 0) { // room at the front: move the partial line there
                    System.arraycopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                scanned = end;
                if (end == buffer.length) {
                    throw new IOException("a line longer than " + MAX_LINE_BYTES + " bytes");
                }
                int n = in.read(buffer, end, buffer.length - end);
                if (n < 0) {
                    return -1;
                }
                end += n;
            }
        }

        /**
         * Streams the message into a hidden temporary file, then renames it into place, so a reader listing
         * {@code *.eml} never sees half a message. The temporary file is owner-only, and so is the result: mail
         * carries personal data. False when the connection ended before the final dot.
         */
        private boolean store() throws IOException {
            Path temp = Files.createTempFile(directory, ".incoming-", ".tmp");
            try {
                ownerOnly(temp, "rw-------");
                long size = 0;
                // Into the file created above, keeping its permissions.
                try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 64 * 1024)) {
                    while (true) {
                        int lineEnd = nextLine();
                        if (lineEnd < 0) {
                            return false;
                        }
                        int length = lineEnd - start;
                        if (buffer[start] == '.') {
                            if (length == 3 && buffer[start + 1] == '\r' || length == 2) {
                                start = lineEnd; // the final dot
                                break;
                            }
                            start++; // dot-stuffed: the original line starts after the first dot
                            length--;
                        }
                        file.write(buffer, start, length);
                        size += length;
                        start = lineEnd;
                    }
                }
                Path eml = directory.resolve(nextFileName());
                Files.move(temp, eml, StandardCopyOption.ATOMIC_MOVE);
                // Name and size only: sender, recipients, subject and body can carry personal data.
                log.info("Stored mail {} ({} bytes)", eml.getFileName(), size);
                return true;
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed anyway
        }
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString(permissions));
        }
    }

    /**
     * Arrival stamps strictly increase, so two messages in the same millisecond still sort in arrival order; the
     * random suffix keeps names apart even across processes sharing the directory.
     */
    private synchronized String nextFileName() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        lastArrival = now.isAfter(lastArrival) ? now : lastArrival.plusMillis(1);
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        return ARRIVAL_FORMAT.format(lastArrival) + "-" + HexFormat.of().formatHex(suffix) + ".eml";
    }
}

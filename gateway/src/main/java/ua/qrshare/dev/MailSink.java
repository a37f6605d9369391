package ua.qrshare.dev;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The development stand-in for a mail relay: an SMTP server that accepts every message and stores it, exactly as
 * received, as one {@code .eml} file. File names start with the UTC arrival time, so they sort in arrival order.
 */
public final class MailSink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MailSink.class);
    private static final DateTimeFormatter ARRIVAL_FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final SMTPServer server;
    private Instant lastArrival = Instant.EPOCH; // guarded by this

    private MailSink(Path directory, InetAddress bindAddress, int port) {
        this.directory = directory;
        this.server = SMTPServer.port(port)
                .bindAddress(bindAddress)
                // Naming the host ourselves spares the reverse DNS lookup the library does by default.
                .hostName(bindAddress.getHostAddress())
                // Without a Received: header of our own, the file holds exactly the bytes the client sent.
                .insertReceivedHeaders(false)
                .messageHandlerFactory(this::newMessageHandler)
                .build();
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
        MailSink sink = new MailSink(dir, bindAddress, port);
        try {
            sink.server.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("The mail sink cannot listen on " + bindHost + ":" + port, e);
        }
        log.info("Mail sink listening on {}:{}, storing messages in {}", bindHost, sink.port(), dir);
        return sink;
    }

    /** The port it listens on, the ephemeral one when started with port 0. */
    public int port() {
        return server.getPortAllocated();
    }

    public Path directory() {
        return directory;
    }

    /** Stops accepting connections, ends the open ones, and waits for their threads. */
    @Override
    public void close() {
        server.stop();
    }

    private MessageHandler newMessageHandler(MessageContext context) {
        return new MessageHandler() {
            @Override
            public void from(String sender) {
            }

            @Override
            public void recipient(String recipient) {
            }

            @Override
            public String data(InputStream message) throws IOException {
                store(message);
                return null;
            }

            @Override
            public void done() {
            }
        };
    }

    /**
     * Streams the message into a hidden temporary file, then renames it into place, so a reader listing
     * {@code *.eml} never sees half a message. The temporary file is owner-only, and so is the result: mail
     * carries personal data.
     */
    private void store(InputStream message) throws IOException {
        Path temp = Files.createTempFile(directory, ".incoming-", ".tmp");
        try {
            ownerOnly(temp, "rw-------");
            long size;
            // Into the file created above, keeping its permissions (copying with REPLACE_EXISTING made a new 0644 one).
            try (java.io.OutputStream out = Files.newOutputStream(temp)) {
                size = message.transferTo(out);
            }
            Path eml = directory.resolve(nextFileName());
            Files.move(temp, eml, StandardCopyOption.ATOMIC_MOVE);
            // Name and size only: sender, recipients, subject and body can carry personal data.
            log.info("Stored mail {} ({} bytes)", eml.getFileName(), size);
        } finally {
            Files.deleteIfExists(temp);
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

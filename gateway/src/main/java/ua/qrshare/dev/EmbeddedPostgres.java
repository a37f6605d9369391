package ua.qrshare.dev;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server for the zero-configuration dev instance and for tests: the server binaries come from Maven
 * Central (io.zonky.test.postgres) inside the jar, the data directory is the caller's and survives restarts.
 *
 * <p>We run the binaries ourselves instead of through zonky's launcher because PostgreSQL refuses to run as root, and
 * containers and CI run as root: there we start it in a fresh user namespace ({@code unshare -U}), where it runs as
 * the unprivileged overflow user while the files stay owned by the caller.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String DATABASE = "qrshare";
    public static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private final Path binaries;
    private final Path dataDir;
    private final int port;
    private boolean running;

    private EmbeddedPostgres(Path binaries, Path dataDir, int port) {
        this.binaries = binaries;
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * Extracts the binaries under {@code binariesRoot} (once per PostgreSQL build), creates the cluster in
     * {@code dataDir} unless it exists, starts the server on a free loopback port and ensures the {@value #DATABASE}
     * database exists. Blocking.
     */
    public static EmbeddedPostgres start(Path dataDir, Path binariesRoot) {
        Path binaries = PostgresBinaries.extract(binariesRoot);
        EmbeddedPostgres pg = new EmbeddedPostgres(binaries, dataDir.toAbsolutePath(), freePort());
        pg.initIfNeeded();
        pg.stopLeftover();
        pg.start();
        pg.createDatabaseIfMissing();
        return pg;
    }

    /**
     * The server a running gateway started on {@code dataDir}, for a tool (or test) that stops and starts it while
     * the gateway runs. Fails when no server runs there.
     */
    public static EmbeddedPostgres attach(Path dataDir, Path binariesRoot) {
        Postmaster server = postmaster(dataDir.toAbsolutePath())
                .orElseThrow(() -> new IllegalStateException("no PostgreSQL server runs on " + dataDir));
        EmbeddedPostgres pg =
                new EmbeddedPostgres(PostgresBinaries.extract(binariesRoot), dataDir.toAbsolutePath(), server.port());
        pg.running = true;
        return pg;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The connection URL, in the form {@code db.url} takes. */
    public String url() {
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + DATABASE;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String version() {
        try {
            return Files.readString(dataDir.resolve("PG_VERSION")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server again on the same port after {@link #stop()}. */
    public synchronized void start() {
        if (running) {
            return;
        }
        Path logFile = dataDir.resolve("server.log");
        // Terse errors and no statement text: a failing statement must not copy document data into the server log.
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
                + " -c log_error_verbosity=terse -c log_min_error_statement=panic";
        run(60, "pg_ctl", "-D", dataDir.toString(), "-l", logFile.toString(), "-o", options, "-w", "-t", "60", "start");
        running = true;
    }

    /** Fast shutdown: open sessions are ended, committed data is on disk. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        run(60, "pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop");
        running = false;
    }

    public boolean running() {
        return running;
    }

    @Override
    public void close() {
        stop();
    }

    private void initIfNeeded() {
        if (Files.exists(dataDir.resolve("PG_VERSION"))) {
            return;
        }
        try {
            Files.createDirectories(dataDir.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dataDir.getParent(), e);
        }
        log.info("Creating the embedded PostgreSQL cluster in {}", dataDir);
        run(120, "initdb", "-D", dataDir.toString(), "-U", USER, "-A", "trust", "-E", "UTF8", "--locale=C");
    }

    /** A gateway killed without its shutdown hook leaves its server running; stop it so this start owns the data. */
    private void stopLeftover() {
        Optional<Postmaster> running = postmaster(dataDir);
        if (running.isPresent()) {
            log.warn(
                    "A PostgreSQL server left running on {} (pid {}) is stopped first",
                    dataDir,
                    running.get().pid());
            run(60, "pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "stop");
        }
    }

    /**
     * The URL of a server already running on {@code dataDir}, such as a running gateway's: tools that want the
     * database while the gateway runs connect to it instead of starting (or stopping) one of their own.
     */
    public static Optional<String> runningUrl(Path dataDir) {
        return postmaster(dataDir.toAbsolutePath())
                .filter(server -> server.port() > 0)
                .map(server -> "postgresql://" + USER + "@127.0.0.1:" + server.port() + "/" + DATABASE);
    }

    private record Postmaster(long pid, int port) {}

    /** The server named by {@code postmaster.pid}, when that process is alive and is PostgreSQL. */
    private static Optional<Postmaster> postmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).trim());
            // The port is on the fourth line; a server still writing the file has not published it yet.
            int port = lines.size() > 3 ? Integer.parseInt(lines.get(3).trim()) : 0;
            boolean postgresAlive = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .flatMap(h -> h.info().command())
                    .map(c -> c.endsWith("postgres"))
                    .orElse(false);
            return postgresAlive ? Optional.of(new Postmaster(pid, port)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            log.debug("Ignoring unreadable postmaster.pid: {}", e.toString());
            return Optional.empty();
        }
    }

    private void createDatabaseIfMissing() {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    c.createStatement().execute("CREATE DATABASE " + DATABASE);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the " + DATABASE + " database: " + e.getMessage(), e);
        }
    }

    private void run(int timeoutSeconds, String program, String... args) {
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            command.add("unshare");
            command.add("--user");
        }
        command.add(binaries.resolve("bin").resolve(program).toString());
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("qrshare-pg-", ".log");
            try {
                Process p = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(program + " did not finish within " + timeoutSeconds + " s");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(program + " failed (exit " + p.exitValue() + "): "
                            + Files.readString(output, StandardCharsets.UTF_8).trim());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + program, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + program, e);
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unpacks the PostgreSQL build for this platform from the classpath, once, atomically. */
    static final class PostgresBinaries {

        private PostgresBinaries() {}

        static Path extract(Path root) {
            String resource = "postgres-" + os() + "-" + arch() + ".txz";
            String build = resourceFingerprint(resource);
            Path target = root.resolve(build);
            if (Files.isExecutable(target.resolve("bin").resolve("postgres"))) {
                return target;
            }
            try {
                Files.createDirectories(root);
                Path staging = Files.createTempDirectory(root, "extract-");
                try (InputStream in = open(resource);
                        TarArchiveInputStream tar =
                                new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(in)))) {
                    TarArchiveEntry entry;
                    while ((entry = tar.getNextEntry()) != null) {
                        unpack(tar, entry, staging);
                    }
                }
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    if (!Files.isExecutable(target.resolve("bin").resolve("postgres"))) {
                        throw raced;
                    }
                }
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unpack the PostgreSQL binaries into " + root, e);
            }
        }

        private static void unpack(TarArchiveInputStream tar, TarArchiveEntry entry, Path staging) throws IOException {
            Path out = staging.resolve(entry.getName()).normalize();
            if (!out.startsWith(staging)) {
                throw new IOException("archive entry outside the target: " + entry.getName());
            }
            if (entry.isDirectory()) {
                Files.createDirectories(out);
            } else if (entry.isSymbolicLink()) {
                Files.createDirectories(out.getParent());
                Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
            } else {
                Files.createDirectories(out.getParent());
                Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                boolean executable = (entry.getMode() & 0100) != 0;
                Files.setPosixFilePermissions(
                        out, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }

        /** Size and modification time name the build, so a newer binaries jar unpacks beside the old one. */
        private static String resourceFingerprint(String resource) {
            try {
                var url = EmbeddedPostgres.class.getClassLoader().getResource(resource);
                if (url == null) {
                    throw new IllegalStateException("no embedded PostgreSQL build for this platform (" + resource
                            + "); set db.url to a PostgreSQL server");
                }
                var connection = url.openConnection();
                return "pg-" + Long.toHexString(connection.getContentLengthLong()) + "-"
                        + Long.toHexString(connection.getLastModified());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static InputStream open(String resource) {
            return EmbeddedPostgres.class.getClassLoader().getResourceAsStream(resource);
        }

        private static String os() {
            String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            if (name.contains("linux")) {
                return "linux";
            }
            if (name.contains("mac")) {
                return "darwin";
            }
            return name.replace(' ', '_');
        }

        private static String arch() {
            String arch = System.getProperty("os.arch");
            return switch (arch) {
                case "amd64", "x86_64" -> "x86_64";
                case "aarch64", "arm64" -> "arm_64";
                default -> arch;
            };
        }
    }
}

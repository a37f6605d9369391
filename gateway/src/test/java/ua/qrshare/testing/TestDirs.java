package ua.qrshare.testing;

import java.nio.file.Path;

/** Shared locations under the module's {@code target/}, so repeated test runs unpack PostgreSQL only once. */
public final class TestDirs {

    private TestDirs() {}

    public static Path postgresBinaries() {
        return Path.of("target", "pg-bin").toAbsolutePath();
    }
}

package ua.qrshare.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of {@code serve}, also accepted without the command name. */
public final class ServeOptions {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "YAML (.yaml/.yml) or JSON configuration file with the keys listed in the README, "
                    + "e.g. 'http.port: 8080'. Environment variables QRSHARE_* and system properties qrshare.* "
                    + "override it.")
    Path config;

    @Option(
            names = "--prod",
            description = "Production mode: refuse to start while any development default is in use "
                    + "(embedded PostgreSQL, embedded SMTP sink, dev PKI, the localhost public URL).")
    boolean prod;
}

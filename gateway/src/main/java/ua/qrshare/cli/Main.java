package ua.qrshare.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code java -jar qrshare-gateway.jar [serve] [--config FILE] [--prod]}. */
@Command(name = "qrshare",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
                "qrshare: the QR document-sharing gateway.",
                "Without a command it runs 'serve': with no configuration that is a complete development instance "
                        + "(embedded PostgreSQL, embedded SMTP sink, dev PKI) on http://localhost:8080."},
        subcommands = {ServeCommand.class, ConfigCommand.class, RegistryCommand.class, PkiCommand.class, SeedLoadCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @Mixin
    ServeOptions serveOptions;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() {
        return new ServeCommand(serveOptions).call();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"qrshare " + (version == null ? "(development build)" : version)};
        }
    }
}

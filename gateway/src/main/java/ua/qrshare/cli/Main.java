package ua.qrshare.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import ua.qrshare.config.Config;
import ua.qrshare.config.ConfigException;
import ua.qrshare.config.ConfigLoader;
import ua.qrshare.config.Environment;

/** {@code java -jar qrshare-gateway.jar [serve] [--config FILE] [--prod]}. */
@Command(
        name = "qrshare",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "qrshare: the QR document-sharing gateway.",
            "Without a command it runs 'serve': with no configuration that is a complete development instance "
                    + "(embedded PostgreSQL, embedded SMTP sink, dev PKI) on http://localhost:8080."
        },
        subcommands = {
            ServeCommand.class,
            ConfigCommand.class,
            RegistryCommand.class,
            PkiCommand.class,
            SeedLoadCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Callable<Integer> {

    @Mixin
    ServeOptions serveOptions;

    @Spec
    CommandSpec spec;

    private final Environment environment;

    private Main(Environment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int exit = run(args, Environment.ofProcess(), out, err);
        // Auto-flush covers println only; System.exit would drop the rest.
        out.flush();
        err.flush();
        System.exit(exit);
    }

    /**
     * Runs the CLI as {@link #main} does, but with the environment and the output given, and returns the exit code:
     * what the tests run in-process. Relative paths still resolve against the process's working directory.
     */
    static int run(String[] args, Environment environment, PrintWriter out, PrintWriter err) {
        return new CommandLine(new Main(environment))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(Main::configurationError)
                .execute(args);
    }

    /** The effective configuration for the command of {@code spec}: defaults, {@code file}, environment, properties. */
    static Config config(CommandSpec spec, Path file) {
        return ConfigLoader.load(file, environment(spec));
    }

    /** A bad configuration is one line and exit code 2, whichever command read it; anything else stays a failure. */
    private static int configurationError(Exception e, CommandLine command, CommandLine.ParseResult parsed)
            throws Exception {
        if (e instanceof ConfigException) {
            command.getErr().println("qrshare: configuration error: " + e.getMessage());
            return ServeCommand.CONFIG_ERROR;
        }
        throw e;
    }

    /** The environment the command of {@code spec} runs in: the one its run was given. */
    static Environment environment(CommandSpec spec) {
        return ((Main) spec.root().userObject()).environment;
    }

    @Override
    public Integer call() {
        return new ServeCommand(serveOptions, spec).call();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"qrshare " + (version == null ? "(development build)" : version)};
        }
    }
}

package ua.qrshare.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ua.qrshare.config.Config;
import ua.qrshare.register.RegisterImport;
import ua.qrshare.secrets.LookupHash;
import ua.qrshare.secrets.Secrets;

/** {@code qrshare registry import FILE}: the business register the login's head check relies on. */
@Command(
        name = "registry",
        mixinStandardHelpOptions = true,
        description = "The business register: which taxpayer number (RNOKPP) heads which organisation (EDRPOU).",
        subcommands = RegistryCommand.Import.class)
public final class RegistryCommand {

    /** Exit code when nothing was imported: the file is unreadable, is not a register file, or has no valid row. */
    public static final int NOTHING_IMPORTED = 1;

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = {
                "Import organisations from a CSV file into the register of the configured database "
                        + "(or the embedded one under data.dir).",
                "UTF-8, RFC 4180 quoting, header: " + RegisterImport.HEADER + ". A row replaces the register's "
                        + "row for its EDRPOU. Taxpayer numbers are stored only as keyed hashes.",
                "Exit code 0 when at least one row was imported, 1 when none was, 2 for a configuration error."
            })
    static final class Import implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The CSV file.")
        Path file;

        @Option(names = "--config", paramLabel = "FILE", description = "The configuration file serve would read.")
        Path config;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            Config settings = Main.config(spec, config);
            try (RegisterImport registerImport = RegisterImport.open(file)) {
                LookupHash lookupHash = new LookupHash(
                        Secrets.load(settings.secrets(), settings.dataDir().toAbsolutePath())
                                .lookupKey());
                return report(
                        importInto(settings, lookupHash, registerImport),
                        spec.commandLine().getOut());
            } catch (RegisterImport.Unreadable e) {
                err.println("qrshare: " + e.getMessage() + "; the register was not changed");
                return NOTHING_IMPORTED;
            } catch (SQLException | RuntimeException e) {
                err.println("qrshare: the register was not changed: " + e.getMessage());
                return NOTHING_IMPORTED;
            }
        }

        private static RegisterImport.Report importInto(
                Config settings, LookupHash lookupHash, RegisterImport registerImport)
                throws RegisterImport.Unreadable, SQLException {
            try (CliDatabase database = CliDatabase.open(settings);
                    Connection connection = database.connection()) {
                return registerImport.into(connection, lookupHash);
            }
        }

        /** One line per rejected row (its line and the reason, never its values), then the totals. */
        private static int report(RegisterImport.Report report, PrintWriter out) {
            report.rejected().forEach(r -> out.println("line " + r.line() + ": " + r.reason()));
            out.println("imported " + report.imported() + ", rejected "
                    + report.rejected().size());
            return report.imported() > 0 ? 0 : NOTHING_IMPORTED;
        }
    }
}

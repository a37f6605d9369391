package ua.qrshare.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import ua.qrshare.config.Config;
import ua.qrshare.config.ConfigKey;
import ua.qrshare.dev.DevPki;
import ua.qrshare.dev.PartnerCertificates;
import ua.qrshare.pki.SigningIdentity;

/** {@code qrshare pki issue-partner}: КЕП certificates from the dev CA, for trying the partner login. */
@Command(
        name = "pki",
        mixinStandardHelpOptions = true,
        description = "The development PKI under data.dir/pki.",
        subcommands = PkiCommand.IssuePartner.class)
public final class PkiCommand {

    /**
     * Exit code when nothing was issued: logins trust configured CAs (so there is no dev CA to use), or the dev PKI
     * or the output file could not be read or written.
     */
    public static final int FAILED = 1;

    @Command(
            name = "issue-partner",
            mixinStandardHelpOptions = true,
            description = {
                "Issue a partner's КЕП from the dev CA as a PKCS#12 file, shaped like a Ukrainian qualified "
                        + "certificate (TINUA-/NTRUA- subject, taxpayer numbers in subjectDirectoryAttributes).",
                "Without --edrpou it is a sole proprietor's (ФОП) certificate. A legal entity's head logs in only "
                        + "when the register names this RNOKPP as the head of that EDRPOU "
                        + "(see 'registry import'; dev instances hold demo organisations).",
                "Refused when auth.trusted.cas is set: such a gateway trusts no dev CA."
            })
    static final class IssuePartner implements Callable<Integer> {

        private static final Pattern RNOKPP = Pattern.compile("\\d{10}");
        private static final Pattern EDRPOU = Pattern.compile("\\d{8}");

        @Spec
        CommandSpec spec;

        @Option(
                names = "--rnokpp",
                required = true,
                paramLabel = "DIGITS",
                description = "The holder's taxpayer number (10 digits).")
        String rnokpp;

        @Option(
                names = "--edrpou",
                paramLabel = "DIGITS",
                description = "The organisation's code (8 digits); omit for a sole proprietor.")
        String edrpou;

        @Option(
                names = "--name",
                required = true,
                paramLabel = "NAME",
                description = "The holder's full name, e.g. 'Шевченко Тарас Григорович'.")
        String name;

        @Option(names = "--title", paramLabel = "TITLE", description = "The holder's position, e.g. 'Директор'.")
        String title;

        @Option(
                names = "--organisation",
                paramLabel = "NAME",
                description = "The organisation's name, for the certificate's O.")
        String organisation;

        @Option(
                names = "--out",
                required = true,
                paramLabel = "FILE",
                description = "Where to write the PKCS#12 file (owner-only).")
        Path out;

        @Option(names = "--password", required = true, paramLabel = "PASSWORD", description = "The PKCS#12 password.")
        String password;

        @Option(
                names = "--valid-days",
                defaultValue = "365",
                paramLabel = "N",
                description = "Validity in days (default: ${DEFAULT-VALUE}).")
        int validDays;

        @Option(names = "--config", paramLabel = "FILE", description = "The configuration file serve would read.")
        Path config;

        @Override
        public Integer call() {
            validate();
            PrintWriter err = spec.commandLine().getErr();
            Config settings = Main.config(spec, config);
            if (!settings.auth().devCa()) {
                err.println("qrshare: " + ConfigKey.AUTH_TRUSTED_CAS.key() + " is set, so logins trust only "
                        + "the configured CAs: there is no dev CA to issue from.");
                return FAILED;
            }
            try {
                issue(settings);
                return 0;
            } catch (RuntimeException e) {
                err.println("qrshare: " + e.getMessage());
                return FAILED;
            }
        }

        private void issue(Config settings) {
            DevPki pki =
                    DevPki.loadOrCreate(settings.dataDir().toAbsolutePath().resolve("pki"), settings.publicBaseUrl());
            SigningIdentity identity = PartnerCertificates.issue(pki, request());
            Path file = out.toAbsolutePath();
            createDirectories(file.getParent());
            PartnerCertificates.writePkcs12(identity, password.toCharArray(), file);
            spec.commandLine()
                    .getOut()
                    .println("wrote " + file + ": a "
                            + (edrpou == null ? "sole proprietor's" : "legal entity head's")
                            + " КЕП from the dev CA in " + pki.directory() + ", valid until "
                            + identity.certificate().getNotAfter().toInstant());
        }

        private void validate() {
            if (!RNOKPP.matcher(rnokpp).matches()) {
                throw new ParameterException(spec.commandLine(), "--rnokpp must be 10 digits");
            }
            if (edrpou != null && !EDRPOU.matcher(edrpou).matches()) {
                throw new ParameterException(spec.commandLine(), "--edrpou must be 8 digits");
            }
            if (name.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--name must not be empty");
            }
            if (validDays < 1 || validDays > 3650) {
                throw new ParameterException(spec.commandLine(), "--valid-days must be between 1 and 3650");
            }
            if (password.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--password must not be empty");
            }
        }

        private PartnerCertificates.Request request() {
            Instant now = Instant.now();
            // Backdated an hour, like the dev CA's own certificates, for verifiers whose clocks run a little behind.
            return new PartnerCertificates.Request(
                    rnokpp,
                    edrpou,
                    name.strip(),
                    title,
                    organisation,
                    now.minus(Duration.ofHours(1)),
                    now.plus(Duration.ofDays(validDays)),
                    true);
        }

        private static void createDirectories(Path dir) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + dir, e);
            }
        }
    }
}

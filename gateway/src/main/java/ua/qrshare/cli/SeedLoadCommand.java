package ua.qrshare.cli;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import ua.qrshare.config.Config;
import ua.qrshare.dev.DevPki;
import ua.qrshare.dev.JwsIssuer;
import ua.qrshare.dev.PartnerCertificates;
import ua.qrshare.dev.SyntheticDocuments;
import ua.qrshare.partner.AccessionEvidence;
import ua.qrshare.partner.Offer;
import ua.qrshare.pki.SigningIdentity;
import ua.qrshare.qr.QrTokens;
import ua.qrshare.register.Register;
import ua.qrshare.register.RegisterEntry;
import ua.qrshare.secrets.FieldCipher;
import ua.qrshare.secrets.LookupHash;
import ua.qrshare.secrets.Secrets;

/**
 * {@code qrshare seed-load}: test data for the load tests, written straight into the target database, and the
 * feeders the Gatling simulations read. Partners are real: organisations in the register, heads with КЕП keys from
 * the dev CA (so the cabinet simulation logs in with a signed challenge), a complete profile and the offer accepted
 * with a CMS signature over its text. Refuses any database that does not look like a dev or load database.
 */
@Command(
        name = "seed-load",
        mixinStandardHelpOptions = true,
        description = {
            "Create load-test data: N partners (registered heads with dev-CA КЕП keys, profile, accepted "
                    + "offer), their branches, services and QR codes, in the configured database (or the embedded one); "
                    + "write the feeders (qr-codes.csv, citizens.csv, partners.csv and partner key files) to --out.",
            "Refuses a database that is neither embedded, nor named with 'load' or 'dev', nor marked by an "
                    + "earlier seed-load (COMMENT ON DATABASE … 'qrshare:load'), unless --force.",
            "Exit code 0 when seeded, 1 when refused or failed, 2 for a configuration error."
        })
public final class SeedLoadCommand implements Callable<Integer> {

    public static final int REFUSED = 1;
    /** What a load database's comment contains; seed-load writes it. */
    public static final String MARKER = "qrshare:load";
    /** The documents every seeded service asks for: two per share, as in the delivery figures. */
    public static final List<String> DOCUMENTS = List.of("id-card", "taxpayer-card");

    @Spec
    CommandSpec spec;

    @Option(
            names = "--partners",
            defaultValue = "20",
            paramLabel = "N",
            description = "Partners to create (default: ${DEFAULT-VALUE}).")
    int partners;

    @Option(
            names = "--branches",
            defaultValue = "2",
            paramLabel = "N",
            description = "Branches per partner (default: ${DEFAULT-VALUE}).")
    int branches;

    @Option(
            names = "--services",
            defaultValue = "2",
            paramLabel = "N",
            description = "Services per branch, one QR code each (default: ${DEFAULT-VALUE}).")
    int services;

    @Option(
            names = "--citizens",
            defaultValue = "1000",
            paramLabel = "N",
            description = "Citizens with app tokens and attested documents (default: ${DEFAULT-VALUE}).")
    int citizens;

    @Option(
            names = "--token-hours",
            defaultValue = "12",
            paramLabel = "H",
            description = "Validity of the app tokens and attestations (default: ${DEFAULT-VALUE}).")
    int tokenHours;

    @Option(names = "--photos", description = "Attach a synthetic photo to the ID-card attestations (larger copies).")
    boolean photos;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Directory for the feeders and partner keys.")
    Path out;

    @Option(
            names = "--key-password",
            defaultValue = "load-test",
            paramLabel = "PASSWORD",
            description = "Password of the partner PKCS#12 files (default: ${DEFAULT-VALUE}).")
    String keyPassword;

    @Option(names = "--force", description = "Seed even a database that does not look like a dev or load database.")
    boolean force;

    @Option(names = "--config", paramLabel = "FILE", description = "The configuration file serve would read.")
    Path config;

    private static final boolean TERMINAL = System.console() != null;

    @Override
    public Integer call() {
        validate();
        PrintWriter err = spec.commandLine().getErr();
        Config settings = Main.config(spec, config);
        if (!settings.auth().devCa() || !settings.app().devIssuers()) {
            err.println("qrshare: seed-load needs the dev CA and the dev issuers (auth.trusted.cas, "
                    + "app.token.keys and documents.issuer.keys unset): it signs keys, tokens and documents with them");
            return REFUSED;
        }
        Path dataDir = settings.dataDir().toAbsolutePath();
        Secrets secrets = Secrets.load(settings.secrets(), dataDir);
        try (CliDatabase database = CliDatabase.open(settings);
                Connection connection = database.connection()) {
            String refusal = refusal(connection, settings.database().embedded());
            if (refusal != null && !force) {
                err.println(
                        "qrshare: refusing to seed: " + refusal + "; pass --force if this really is a test database");
                return REFUSED;
            }
            DevPki pki = DevPki.loadOrCreate(dataDir.resolve("pki"), settings.publicBaseUrl());
            Files.createDirectories(out.resolve("partners"));
            Vertx vertx = Vertx.vertx();
            try {
                Path keys = dataDir.resolve("keys");
                JwsIssuer identityProvider =
                        JwsIssuer.loadOrCreate(vertx, "qrshare-dev-idp", keys.resolve("dev-identity-provider.pem"));
                JwsIssuer documentService = JwsIssuer.loadOrCreate(
                        vertx, "qrshare-dev-documents", keys.resolve("dev-document-service.pem"));
                Seeder seeder = new Seeder(
                        connection,
                        pki,
                        new QrTokens(secrets.qrTokens()),
                        new FieldCipher(secrets.fields()),
                        new LookupHash(secrets.lookupKey()),
                        settings.publicBaseUrl());
                int qrCodes = seeder.partners();
                writeCitizens(identityProvider, documentService);
                mark(connection);
                spec.commandLine()
                        .getOut()
                        .println("seeded " + partners + " partners, " + partners * branches + " branches, " + qrCodes
                                + " services with a QR code each, " + citizens + " citizens; feeders in "
                                + out.toAbsolutePath());
                return 0;
            } finally {
                vertx.close();
            }
        } catch (SQLException | IOException | RuntimeException e) {
            err.println();
            err.println("qrshare: seed-load failed: " + e.getMessage());
            return REFUSED;
        }
    }

    /** Why this database is not one to fill with test data, or {@code null} when it is. */
    static String refusal(Connection connection, boolean embedded) throws SQLException {
        if (embedded) {
            return null;
        }
        try (PreparedStatement q = connection.prepareStatement(
                        "SELECT current_database(), shobj_description(d.oid, 'pg_database') FROM pg_database d"
                                + " WHERE d.datname = current_database()");
                ResultSet r = q.executeQuery()) {
            r.next();
            String name = r.getString(1).toLowerCase(Locale.ROOT);
            String comment = r.getString(2);
            if (name.contains("load") || name.contains("dev") || (comment != null && comment.contains(MARKER))) {
                return null;
            }
            return "database '" + r.getString(1) + "' is not embedded, its name has neither 'load' nor 'dev', and it "
                    + "carries no '" + MARKER + "' comment";
        }
    }

    private static void mark(Connection connection) throws SQLException {
        String name;
        try (PreparedStatement q = connection.prepareStatement("SELECT current_database()");
                ResultSet r = q.executeQuery()) {
            r.next();
            name = r.getString(1);
        }
        try (var s = connection.createStatement()) {
            s.execute("COMMENT ON DATABASE \"" + name.replace("\"", "\"\"") + "\" IS '" + MARKER
                    + " (seeded by qrshare seed-load)'");
        }
    }

    private void validate() {
        if (partners < 1 || partners > 100_000) {
            throw new ParameterException(spec.commandLine(), "--partners must be between 1 and 100000");
        }
        if (branches < 1 || branches > 100 || services < 1 || services > 100) {
            throw new ParameterException(spec.commandLine(), "--branches and --services must be between 1 and 100");
        }
        if (citizens < 1 || citizens > 1_000_000) {
            throw new ParameterException(spec.commandLine(), "--citizens must be between 1 and 1000000");
        }
        if (tokenHours < 1 || tokenHours > 24) {
            throw new ParameterException(spec.commandLine(), "--token-hours must be between 1 and 24");
        }
    }

    /** {@code citizens.csv}: subject, app token, then one attestation per seeded document type. */
    private void writeCitizens(JwsIssuer identityProvider, JwsIssuer documentService) throws IOException {
        long now = Instant.now().getEpochSecond();
        long exp = now + tokenHours * 3600L;
        LocalDate today = LocalDate.now();
        Bar bar = new Bar("citizens", citizens);
        try (Writer w = Files.newBufferedWriter(out.resolve("citizens.csv"), StandardCharsets.UTF_8)) {
            w.write("subject,token," + String.join(",", DOCUMENTS) + "\n");
            for (int i = 0; i < citizens; i++) {
                String subject = "load-citizen-" + i;
                String token = identityProvider.sign(
                        new JsonObject().put("sub", subject).put("exp", exp));
                StringBuilder line = new StringBuilder(subject).append(',').append(token);
                for (String type : DOCUMENTS) {
                    SyntheticDocuments.SyntheticDocument doc = SyntheticDocuments.generate(
                            type, subject.hashCode(), today, photos && type.equals("id-card"));
                    JsonObject claims = new JsonObject()
                            .put("sub", subject)
                            .put("type", type)
                            .put("iat", now)
                            .put("exp", exp)
                            .put("fields", new JsonObject(new java.util.HashMap<>(doc.fields())));
                    if (doc.photoPng() != null) {
                        claims.put("photo", java.util.Base64.getEncoder().encodeToString(doc.photoPng()));
                    }
                    line.append(',').append(documentService.sign(claims));
                }
                w.write(line.append('\n').toString());
                bar.step();
            }
        }
        bar.done();
    }

    /** One progress line on stderr, redrawn in place. */
    private final class Bar {
        private final PrintWriter progress = spec.commandLine().getErr();
        private final String what;
        private final int total;
        private int done;
        private int drawn = -1;

        Bar(String what, int total) {
            this.what = what;
            this.total = total;
            draw();
        }

        void step() {
            done++;
            draw();
        }

        void done() {
            if (TERMINAL) {
                progress.println();
            }
        }

        /** Redrawn in place on a terminal; elsewhere (a log, CI) one line every 10 %. */
        private void draw() {
            int percent = (int) (100L * done / total);
            int step = TERMINAL ? percent : percent / 10 * 10;
            if (step == drawn) {
                return;
            }
            drawn = step;
            int filled = percent * 30 / 100;
            String bar = String.format(
                    Locale.ROOT,
                    "%-9s [%s%s] %3d%% %d/%d",
                    what,
                    "#".repeat(filled),
                    " ".repeat(30 - filled),
                    percent,
                    done,
                    total);
            if (TERMINAL) {
                progress.print("\r" + bar);
            } else {
                progress.println(bar);
            }
            progress.flush();
        }
    }

    /** Writes partners (and their branches, services, QR codes) in batches, one transaction per partner. */
    private final class Seeder {
        private final Connection connection;
        private final DevPki pki;
        private final QrTokens qrTokens;
        private final FieldCipher fieldCipher;
        private final LookupHash lookupHash;
        private final String baseUrl;
        private final Offer offer = Offer.current();

        Seeder(
                Connection connection,
                DevPki pki,
                QrTokens qrTokens,
                FieldCipher fieldCipher,
                LookupHash lookupHash,
                String baseUrl) {
            this.connection = connection;
            this.pki = pki;
            this.qrTokens = qrTokens;
            this.fieldCipher = fieldCipher;
            this.lookupHash = lookupHash;
            this.baseUrl = baseUrl.replaceAll("/+$", "");
        }

        /** @return how many QR codes were written */
        int partners() throws SQLException, IOException {
            int qrCount = 0;
            Bar bar = new Bar("partners", partners);
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            int first = nextIndex();
            try (Writer partnersCsv = Files.newBufferedWriter(out.resolve("partners.csv"), StandardCharsets.UTF_8);
                    Writer qrCsv = Files.newBufferedWriter(out.resolve("qr-codes.csv"), StandardCharsets.UTF_8)) {
                partnersCsv.write("edrpou,rnokpp,keyFile,password,partnerId\n");
                qrCsv.write("qr,qrId,serviceId,partnerId\n");
                for (int i = 0; i < partners; i++) {
                    int n = first + i;
                    String edrpou = edrpou(n);
                    String rnokpp = String.format(Locale.ROOT, "9%09d", n);
                    String name = "ТОВ «Навантаження " + n + "»";
                    String head = "Тестенко Олена " + n;
                    Register.write(
                            connection,
                            lookupHash,
                            List.of(new RegisterEntry(
                                    edrpou,
                                    name,
                                    rnokpp,
                                    head,
                                    "01001, м. Київ, вул. Хрещатик, буд. " + (n % 100 + 1))),
                            true);
                    Instant now = Instant.now();
                    SigningIdentity identity = PartnerCertificates.issue(
                            pki,
                            new PartnerCertificates.Request(
                                    rnokpp,
                                    edrpou,
                                    head,
                                    "Директор",
                                    name,
                                    now.minus(Duration.ofHours(1)),
                                    now.plus(Duration.ofDays(365)),
                                    true));
                    Path keyFile = out.resolve("partners").resolve(edrpou + ".p12");
                    PartnerCertificates.writePkcs12(identity, keyPassword.toCharArray(), keyFile);
                    UUID partnerId = UUID.randomUUID();
                    insertPartner(partnerId, edrpou, rnokpp, name, head, identity);
                    for (String qr : insertCabinet(partnerId, n)) {
                        qrCsv.write(qr + "\n");
                        qrCount++;
                    }
                    connection.commit();
                    partnersCsv.write(edrpou + "," + rnokpp + "," + keyFile.toAbsolutePath() + "," + keyPassword + ","
                            + partnerId + "\n");
                    bar.step();
                }
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
            bar.done();
            return qrCount;
        }

        /** Seeded heads get RNOKPPs 9000000000 + n; a second run continues after the first's. */
        private int nextIndex() throws SQLException {
            try (PreparedStatement q = connection.prepareStatement(
                            "SELECT count(*) FROM partner WHERE name LIKE 'ТОВ «Навантаження %'");
                    ResultSet r = q.executeQuery()) {
                r.next();
                return r.getInt(1) + 1;
            }
        }

        private void insertPartner(
                UUID id, String edrpou, String rnokpp, String name, String head, SigningIdentity identity)
                throws SQLException {
            try (PreparedStatement p = connection.prepareStatement(
                    "INSERT INTO partner (id, kind, edrpou, owner_rnokpp_hash,"
                            + " name, head_name, email, phone, passport_encrypted) VALUES (?, 'legal_entity', ?, ?, ?, ?, ?, ?, ?)")) {
                p.setObject(1, id);
                p.setString(2, edrpou);
                p.setBytes(3, lookupHash.of(rnokpp));
                p.setString(4, name);
                p.setString(5, head);
                p.setString(6, "office-" + edrpou + "@load.qrshare.localhost");
                p.setString(
                        7,
                        "+38044"
                                + String.format(
                                        Locale.ROOT, "%07d", Integer.parseInt(edrpou.substring(1)) % 10_000_000));
                p.setBytes(
                        8,
                        fieldCipher.encrypt(
                                "123456789".getBytes(StandardCharsets.UTF_8),
                                ("partner.passport:" + id).getBytes(StandardCharsets.UTF_8)));
                p.executeUpdate();
            }
            try (PreparedStatement p = connection.prepareStatement(
                    "INSERT INTO offer_acceptance (partner_id, offer_version,"
                            + " text_sha256, signature_encrypted, signer_certificate_encrypted) VALUES (?, ?, ?, ?, ?)")) {
                AccessionEvidence evidence = new AccessionEvidence(fieldCipher);
                p.setObject(1, id);
                p.setInt(2, offer.version());
                p.setBytes(3, sha256(offer.text()));
                p.setBytes(4, evidence.sealSignature(id, offer.version(), cms(identity, offer.text())));
                try {
                    p.setBytes(
                            5,
                            evidence.sealCertificate(
                                    id, offer.version(), identity.certificate().getEncoded()));
                } catch (java.security.cert.CertificateEncodingException e) {
                    throw new IllegalStateException(e);
                }
                p.executeUpdate();
            }
        }

        /** @return the QR feeder lines */
        private List<String> insertCabinet(UUID partnerId, int n) throws SQLException {
            List<String> lines = new ArrayList<>();
            Instant issued = Instant.now();
            Instant expires = issued.plus(Duration.ofDays(180));
            try (PreparedStatement branch =
                            connection.prepareStatement("INSERT INTO branch (id, partner_id, name, address,"
                                    + " address_text, email) VALUES (?, ?, ?, ?::jsonb, ?, ?)");
                    PreparedStatement service = connection.prepareStatement(
                            "INSERT INTO service (id, partner_id, branch_id,"
                                    + " names, documents, legal_basis, legal_basis_confirmed) VALUES (?, ?, ?, ?, ?, ?, true)");
                    PreparedStatement qr =
                            connection.prepareStatement("INSERT INTO qr_code (id, partner_id, service_id, token,"
                                    + " address_text, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int b = 0; b < branches; b++) {
                    UUID branchId = UUID.randomUUID();
                    String address = "м. Київ, вул. Хрещатик, " + (b + 1) + ", відділення " + n + "-" + (b + 1);
                    branch.setObject(1, branchId);
                    branch.setObject(2, partnerId);
                    branch.setString(3, "Відділення №" + (b + 1));
                    branch.setString(4, new JsonObject().put("custom", address).encode());
                    branch.setString(5, address);
                    branch.setString(6, "branch-" + n + "-" + b + "@load.qrshare.localhost");
                    branch.addBatch();
                    for (int s = 0; s < services; s++) {
                        UUID serviceId = UUID.randomUUID();
                        UUID qrId = UUID.randomUUID();
                        service.setObject(1, serviceId);
                        service.setObject(2, partnerId);
                        service.setObject(3, branchId);
                        service.setArray(
                                4, connection.createArrayOf("text", new String[] {"Відкриття рахунку " + (s + 1)}));
                        service.setArray(5, connection.createArrayOf("text", DOCUMENTS.toArray()));
                        service.setString(6, "Закон України «Про фінансові послуги»; знайомство з клієнтом");
                        service.addBatch();
                        String token = qrTokens.issue(qrId, expires);
                        qr.setObject(1, qrId);
                        qr.setObject(2, partnerId);
                        qr.setObject(3, serviceId);
                        qr.setString(4, token);
                        qr.setString(5, address);
                        qr.setTimestamp(6, Timestamp.from(issued));
                        qr.setTimestamp(7, Timestamp.from(expires));
                        qr.addBatch();
                        lines.add(baseUrl + "/s/" + token + "," + qrId + "," + serviceId + "," + partnerId);
                    }
                }
                branch.executeBatch();
                service.executeBatch();
                qr.executeBatch();
            }
            return lines;
        }
    }

    /** An EDRPOU in 30 000 000 … 39 999 999 with a valid check digit, one per index (rarely none: skip ahead). */
    static String edrpou(int n) {
        for (int attempt = 0; ; attempt++) {
            String seven = String.format(Locale.ROOT, "3%06d", (n * 7 + attempt) % 1_000_000);
            for (int d = 0; d <= 9; d++) {
                String code = seven + d;
                if (new RegisterEntry(code, "x", "0000000000", "x", "x")
                        .problem()
                        .isEmpty()) {
                    return code;
                }
            }
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Attached CMS SignedData over {@code content} by the head's key, like the offer acceptance takes it. */
    static byte[] cms(SigningIdentity identity, byte[] content) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(
                    new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                            .build(
                                    new JcaContentSignerBuilder("SHA256withECDSA").build(identity.key()),
                                    identity.certificate()));
            generator.addCertificates(new JcaCertStore(identity.chain()));
            return generator
                    .generate(new CMSProcessableByteArray(content), true)
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign the offer", e);
        }
    }
}

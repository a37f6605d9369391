package ua.qrshare.dev;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import ua.qrshare.config.Config;
import ua.qrshare.db.Database;
import ua.qrshare.delivery.Mailer;
import ua.qrshare.http.Routes;
import ua.qrshare.secrets.LookupHash;
import ua.qrshare.start.Lifecycle;

/**
 * The embedded stand-ins a development gateway runs instead of real peers: PostgreSQL, the SMTP sink, the dev PKI
 * (seal, TSA, partner CA), the dev identity and document issuers, the demo partner. Each runs only while the
 * configuration leaves its setting at the dev default; none of them runs under {@code --prod}.
 */
public final class DevServices {

    private final Config config;
    private final Path dataDir;
    private final EmbeddedPostgres postgres;
    private final MailSink mailSink;
    private final DevPki pki;
    private Issuers issuers;
    private DevInfo.DemoKey demoKey;

    /** The dev identity provider (app tokens) and document service (attestations). */
    public record Issuers(JwsIssuer identityProvider, JwsIssuer documentService) {}

    private DevServices(Config config, Path dataDir, EmbeddedPostgres postgres, MailSink mailSink, DevPki pki) {
        this.config = config;
        this.dataDir = dataDir;
        this.postgres = postgres;
        this.mailSink = mailSink;
        this.pki = pki;
    }

    /** Starts the embedded database and SMTP sink, and loads the dev PKI, as far as the configuration asks. */
    public static DevServices start(Config config, Path dataDir, Lifecycle life) {
        EmbeddedPostgres postgres = null;
        if (config.database().embedded()) {
            postgres = EmbeddedPostgres.start(dataDir.resolve("pg"), dataDir.resolve("pg-bin"));
            life.onClose(postgres);
            life.summary("database  embedded PostgreSQL " + postgres.version() + " on 127.0.0.1:" + postgres.port()
                    + ", data in " + postgres.dataDir());
        }
        MailSink sink = null;
        if (config.smtp().embedded()) {
            sink = MailSink.start(dataDir.resolve("mail"), "127.0.0.1", 0);
            life.onClose(sink);
            life.summary("mail      embedded SMTP sink on 127.0.0.1:" + sink.port() + ", messages saved in "
                    + sink.directory());
        }
        boolean pkiNeeded = config.seal().dev()
                || config.tsa().embedded()
                || config.tsa().devCa()
                || config.auth().devCa();
        DevPki pki = pkiNeeded ? DevPki.loadOrCreate(dataDir.resolve("pki"), config.publicBaseUrl()) : null;
        return new DevServices(config, dataDir, postgres, sink, pki);
    }

    /** The embedded database's connection options, or those configured in {@code db.url}. */
    public PgConnectOptions databaseOptions() {
        return Database.connectOptions(
                config.database(), postgres == null ? config.database().url() : postgres.url());
    }

    /** Where copies are mailed: the embedded sink, or the configured SMTP server. */
    public Mailer.Target mailTarget() {
        return mailSink == null ? Mailer.Target.of(config.smtp()) : Mailer.Target.embedded(mailSink.port());
    }

    /** The dev PKI, or {@code null} when no setting uses it. */
    public DevPki pki() {
        return pki;
    }

    /** The dev issuers, created once Vert.x runs; {@code null} when real issuers are configured. */
    public Issuers issuers(Vertx vertx) {
        if (issuers == null && config.app().devIssuers()) {
            Path keys = dataDir.resolve("keys");
            issuers = new Issuers(
                    JwsIssuer.loadOrCreate(vertx, "qrshare-dev-idp", keys.resolve("dev-identity-provider.pem")),
                    JwsIssuer.loadOrCreate(vertx, "qrshare-dev-documents", keys.resolve("dev-document-service.pem")));
        }
        return issuers;
    }

    /** Dev logins only: demo organisations in the register and their head's КЕП, so a person can log in at once. */
    public void seedDemoPartners(PgConnectOptions database, LookupHash lookupHash, Lifecycle life) {
        if (!config.auth().devCa()) {
            return;
        }
        try (Connection connection = Database.jdbcConnection(database)) {
            DemoPartners.seedRegister(connection, lookupHash);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seed the demo organisations: " + e.getMessage(), e);
        }
        DemoPartners.KeyStore demo = DemoPartners.keyStore(pki);
        demoKey = new DevInfo.DemoKey(
                demo.organisation(),
                demo.file(),
                demo.file().resolveSibling(DemoPartners.PASSWORD_FILE),
                demo.password());
        life.summary("demo      КЕП of the head of " + demo.organisation() + " to log in with: " + demo.file()
                + ", password " + demo.password());
    }

    /**
     * The dev routes: the issuers' endpoints, the embedded TSA, and what the web app's demo screens need (the demo
     * key's whereabouts, the mailbox over the sink). Nothing here is mounted once every dev default is replaced.
     */
    public List<Routes> routes(Vertx vertx, WorkerExecutor pkiWorkers) {
        List<Routes> routes = new ArrayList<>();
        if (issuers(vertx) != null) {
            routes.add(new DevRoutes(issuers.identityProvider(), issuers.documentService()));
        }
        if (config.tsa().embedded()) {
            routes.add(new TsaRoutes(new TimeStampAuthority(pki.tsa(), Clock.systemUTC()), pkiWorkers));
        }
        if (!config.devDefaultsInUse().isEmpty()) {
            routes.add(new DevInfo(demoKey, issuers != null, mailSink == null ? null : mailSink.port()));
            if (mailSink != null) {
                routes.add(new DevMailbox(vertx, mailSink.directory()));
            }
        }
        return routes;
    }
}

package ua.qrshare;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.pgclient.PgConnectOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.qrshare.branch.BranchRoutes;
import ua.qrshare.catalog.DocumentCatalog;
import ua.qrshare.config.Config;
import ua.qrshare.config.ConfigKey;
import ua.qrshare.copy.CopyRenderer;
import ua.qrshare.sealing.SealSigner;
import ua.qrshare.sealing.TsaClient;
import ua.qrshare.qr.QrCodeRoutes;
import ua.qrshare.scan.QrStates;
import ua.qrshare.qr.QrTokens;
import ua.qrshare.qr.ScanLandingPage;
import ua.qrshare.service.ServiceRoutes;
import ua.qrshare.dev.DevRoutes;
import ua.qrshare.scan.ResolveRoutes;
import ua.qrshare.scan.ShareRequests;
import ua.qrshare.share.ShareHistoryRoutes;
import ua.qrshare.share.ShareJobs;
import ua.qrshare.share.ShareMetrics;
import ua.qrshare.share.ShareRoutes;
import ua.qrshare.share.ShareWorker;
import ua.qrshare.db.Database;
import ua.qrshare.dev.EmbeddedPostgres;
import ua.qrshare.db.Notifications;
import ua.qrshare.dev.DevMailbox;
import ua.qrshare.dev.MailSink;
import ua.qrshare.delivery.MailDelivery;
import ua.qrshare.delivery.Mailer;
import ua.qrshare.http.ApiDescription;
import ua.qrshare.http.ClientLimits;
import ua.qrshare.dev.DevInfo;
import ua.qrshare.http.HttpVerticle;
import ua.qrshare.http.RateLimits;
import ua.qrshare.http.Routes;
import ua.qrshare.http.Spa;
import ua.qrshare.ops.Metrics;
import ua.qrshare.ops.OpsRoutes;
import ua.qrshare.ops.Readiness;
import ua.qrshare.ops.UnhandledExceptions;
import ua.qrshare.auth.AuthRoutes;
import ua.qrshare.scan.AppTokens;
import ua.qrshare.dev.DemoPartners;
import ua.qrshare.dev.JwsIssuer;
import ua.qrshare.auth.PartnerAuthentication;
import ua.qrshare.auth.Sessions;
import ua.qrshare.partner.CabinetGate;
import ua.qrshare.partner.PartnerRoutes;
import ua.qrshare.pki.CmsSignatures;
import ua.qrshare.sealing.CertificatePaths;
import ua.qrshare.sealing.CrlSource;
import ua.qrshare.dev.DevPki;
import ua.qrshare.pki.Pem;
import ua.qrshare.pki.PkiRoutes;
import ua.qrshare.sealing.SealKeys;
import ua.qrshare.sealing.TimeStampCheck;
import ua.qrshare.dev.TimeStampAuthority;
import ua.qrshare.dev.TsaRoutes;
import ua.qrshare.secrets.FieldCipher;
import ua.qrshare.secrets.LookupHash;
import ua.qrshare.secrets.Secrets;
import ua.qrshare.verify.CopyVerifier;
import ua.qrshare.verify.VerifyRoutes;
import ua.qrshare.pki.SigningIdentity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A running gateway: the embedded stand-ins it needed, the database, the HTTP verticles. {@link #start} brings it
 * up in dependency order; {@link #close} takes it down in reverse, draining HTTP first.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    private static final long STEP_TIMEOUT_S = 60;

    private final Config config;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final List<String> summary = new ArrayList<>();
    private Vertx vertx;
    private EmbeddedPostgres embeddedPostgres;
    private MailSink mailSink;
    private Database database;
    private Notifications notifications;
    private MailDelivery mailDelivery;
    private io.vertx.ext.healthchecks.HealthChecks readiness;
    private SigningIdentity seal;
    private DevPki devPki;
    private WorkerExecutor pkiWorkers;
    private SealSigner sealSigner;
    private TsaClient tsaClient;
    private TimeStampCheck timeStampCheck;
    private List<Routes> routes;
    private Secrets secrets;
    private FieldCipher fieldCipher;
    private LookupHash lookupHash;
    private CmsSignatures kepSignatures;
    private Sessions sessions;
    private PartnerAuthentication partnerAuthentication;
    private DocumentCatalog catalog;
    private JwsIssuer devIdentityProvider;
    private JwsIssuer devDocumentService;
    private AppTokens appTokens;
    private QrStates qrStates;
    private DevInfo.DemoKey demoKey;

    private Gateway(Config config) {
        this.config = config;
    }

    /** Starts everything; blocking. On failure, whatever had started is stopped again before the exception leaves. */
    public static Gateway start(Config config, Routes... extraRoutes) {
        Gateway gateway = new Gateway(config);
        try {
            gateway.startAll(List.of(extraRoutes));
            return gateway;
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    private void startAll(List<Routes> extraRoutes) {
        Path dataDir = config.dataDir().toAbsolutePath();
        createDirectories(dataDir);
        PgConnectOptions dbOptions = startDatabase(dataDir);
        int migrations = Database.migrate(dbOptions);
        if (migrations > 0) {
            log.info("Applied {} database migration(s)", migrations);
        }
        loadSeal(dataDir);
        if (config.tsa().embedded()) {
            loadDevPki(dataDir); // the embedded TSA signs with the dev PKI's TSA key, whatever the seal is
        }
        loadSecrets(dataDir);
        seedDemoPartners(dbOptions);
        Mailer.Target mailTarget = startMail(dataDir);

        Metrics metrics = new Metrics();
        int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());
        vertx = Vertx.builder()
                .with(metrics.applyTo(new VertxOptions().setEventLoopPoolSize(eventLoops)))
                .withMetrics(metrics.factory())
                .build();
        vertx.exceptionHandler(UnhandledExceptions::report);
        toClose.push(() -> await(vertx.close()));

        database = Database.connect(vertx, dbOptions, config.database().poolSize());
        toClose.push(() -> await(database.closeAsync()));
        notifications = await(Notifications.start(vertx, dbOptions));
        toClose.push(() -> await(notifications.close()));
        mailDelivery = new MailDelivery(vertx, mailTarget, config.smtp().timeout(), metrics.registry());
        toClose.push(() -> await(mailDelivery.close())); // bounded: a connection stuck on a silent server is cut
        startSealing(eventLoops);
        sessions = new Sessions(vertx, database.client(), secrets.sessions(), config.auth().sessionLifetime(),
                config.publicBaseUrl().startsWith("https:"));
        partnerAuthentication = new PartnerAuthentication(sessions, config.publicBaseUrl());

        Spa spa = Spa.fromClasspath();
        routes = new ArrayList<>();
        catalog = await(DocumentCatalog.load(database.client()));
        QrTokens qrTokens = new QrTokens(secrets.qrTokens());
        // First: the router tries routes in order, and the scan (resolve) is most of the traffic.
        mountAppApi(routes, qrTokens);
        readiness = Readiness.checks(vertx, database.client(), seal);
        routes.add(new OpsRoutes(readiness, metrics));
        routes.add(new ApiDescription());
        routes.add(new AuthRoutes(vertx, database.client(), kepSignatures, lookupHash, sessions, partnerAuthentication));
        routes.add(new PartnerRoutes(vertx, database.client(), fieldCipher, lookupHash, kepSignatures,
                partnerAuthentication));
        routes.add(catalog);
        CabinetGate gate = new CabinetGate(database.client());
        routes.add(new BranchRoutes(database.client(), database.pool(), partnerAuthentication, gate));
        routes.add(new ServiceRoutes(database.client(), database.pool(), catalog, partnerAuthentication, gate));
        routes.add(new QrCodeRoutes(vertx, database.client(), database.pool(), qrTokens, config.publicBaseUrl(),
                Clock.systemUTC(), partnerAuthentication, gate));
        routes.add(new ScanLandingPage(qrTokens, Clock.systemUTC()));
        routes.add(new ShareHistoryRoutes(database.client(), partnerAuthentication, gate));
        routes.addAll(pkiRoutes());
        routes.add(new VerifyRoutes(vertx, copyVerifier()));
        mountDevPages(routes);
        routes.addAll(extraRoutes);
        routes.add(spa);
        ClientLimits clientLimits = new ClientLimits(config.httpLimits(),
                Set.of(AuthRoutes.CHALLENGE, AuthRoutes.LOGIN, VerifyRoutes.PATH, TsaRoutes.PATH), Set.of(TsaRoutes.PATH));
        String deployment = await(vertx.deployVerticle(() -> new HttpVerticle(config, routes, clientLimits),
                new DeploymentOptions().setInstances(eventLoops)));
        // Undeploying runs each verticle's stop(): the graceful HTTP shutdown.
        toClose.push(() -> await(vertx.undeploy(deployment)));
        startDelivery(eventLoops, metrics);

        summary.add("web       " + config.publicBaseUrl() + "  (listening on " + config.httpHost() + ":" + config.httpPort()
                + (config.httpHostSet() || config.devDefaultsInUse().isEmpty() ? ""
                        : ", loopback only while dev defaults are in use; set http.host to listen elsewhere")
                + (spa.present() ? "" : "; admin UI not bundled in this build") + ")");
        log.info("qrshare gateway is up{}\n  {}", config.devDefaultsInUse().isEmpty() ? "" : " with embedded dev defaults",
                String.join("\n  ", summary));
    }

    /**
     * The signing workers start once HTTP is up (in dev they stamp at this gateway's own TSA route) and stop first:
     * no new job is claimed, and the ones in hand finish.
     */
    private void startDelivery(int cores, Metrics metrics) {
        ShareMetrics shareMetrics = new ShareMetrics(metrics.registry());
        shareMetrics.watch(vertx, database.client());
        ShareMetrics.hitRatio(metrics.registry(), "qr-state", qrStates::hitRatio);
        ShareMetrics.hitRatio(metrics.registry(), "app-token", appTokens::cacheHitRatio);
        ShareJobs jobs = new ShareJobs(database.client(), config.shareMaxAge());
        // Retention: hourly, on every instance (the DELETE is idempotent); metadata only, the inputs are long gone.
        vertx.setPeriodic(0, 3_600_000, id -> jobs.purge(config.shareRetention())
                .onSuccess(n -> { if (n > 0) log.info("Purged {} share(s) past the retention period", n); }));
        int workers = config.shareWorkers() == 0 ? cores : config.shareWorkers();
        if (workers < 0) {
            summary.add("delivery  no signing workers on this instance (share.workers = -1)");
            return;
        }
        // Only instances that deliver report the backlog: an API-only instance stays ready while mail is held.
        Readiness.watchBacklog(readiness, shareMetrics::oldestPendingSeconds, config.shareBacklogAlert());
        shareMetrics.alertBacklog(vertx, config.shareBacklogAlert());
        ShareWorker worker = new ShareWorker(vertx, database.client(), jobs, fieldCipher, new CopyRenderer(), sealSigner,
                tsaClient, pkiWorkers, mailDelivery, catalog, config.smtp().from(), config.publicBaseUrl(), shareMetrics,
                config.shareLease());
        worker.start(workers);
        summary.add("delivery  " + workers + " signing worker(s)");
        // Half the shutdown budget for the jobs in hand, the rest for HTTP: a job still in hand (say, on a silent SMTP
        // server) keeps its lease only until it runs out, then another instance takes it.
        toClose.push(() -> await(worker.stop(config.shutdownTimeout().dividedBy(2))));
    }

    private PgConnectOptions startDatabase(Path dataDir) {
        if (!config.database().embedded()) {
            PgConnectOptions options = Database.connectOptions(config.database(), config.database().url());
            summary.add("database  PostgreSQL at " + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase());
            return options;
        }
        embeddedPostgres = EmbeddedPostgres.start(dataDir.resolve("pg"), dataDir.resolve("pg-bin"));
        toClose.push(embeddedPostgres);
        summary.add("database  embedded PostgreSQL " + embeddedPostgres.version() + " on 127.0.0.1:" + embeddedPostgres.port()
                + ", data in " + embeddedPostgres.dataDir());
        return Database.connectOptions(config.database(), embeddedPostgres.url());
    }

    private void loadSeal(Path dataDir) {
        if (config.seal().dev()) {
            seal = loadDevPki(dataDir).seal();
            summary.add("keys      dev PKI in " + devPki.directory() + " (root CA, seal, TSA)");
        } else {
            seal = SealKeys.load(config.seal());
            Config.Seal source = config.seal();
            summary.add("keys      seal from " + (source.pkcs11()
                    ? "the PKCS#11 token at slot list index " + source.pkcs11Slot() + " of " + source.pkcs11Library()
                    : source.keystore()));
        }
    }

    /** The citizen app's API: app tokens from the identity provider (or the dev issuer), QR resolve, shares. */
    private void mountAppApi(List<Routes> routes, QrTokens qrTokens) {
        Config.App app = config.app();
        List<String> identityKeys;
        if (app.devIssuers()) {
            Path keys = config.dataDir().toAbsolutePath().resolve("keys");
            devIdentityProvider = JwsIssuer.loadOrCreate(vertx, "qrshare-dev-idp", keys.resolve("dev-identity-provider.pem"));
            devDocumentService = JwsIssuer.loadOrCreate(vertx, "qrshare-dev-documents", keys.resolve("dev-document-service.pem"));
            identityKeys = List.of(devIdentityProvider.publicKeyPem());
            routes.add(new DevRoutes(devIdentityProvider, devDocumentService));
        } else {
            identityKeys = Pem.publicKeys(app.tokenKeys());
        }
        appTokens = new AppTokens(vertx, identityKeys);
        qrStates = new QrStates(database.client());
        vertx.eventBus().<io.vertx.core.json.JsonObject>consumer(Notifications.CACHE_ADDRESS, m -> qrStates.invalidate(m.body()));
        ShareRequests requests = new ShareRequests(secrets.shareRequests());
        // One budget per citizen and per address for resolves and shares together, as app.rate.per.* say.
        RateLimits perSubject = new RateLimits(app.ratePerSubject());
        RateLimits perIp = new RateLimits(app.ratePerIp());
        routes.add(new ResolveRoutes(appTokens, qrTokens, qrStates, requests, catalog, perSubject, perIp,
                Clock.systemUTC()));
        List<String> documentKeys = app.devIssuers() ? List.of(devDocumentService.publicKeyPem())
                : Pem.publicKeys(app.documentIssuerKeys());
        routes.add(new ShareRoutes(vertx, database.client(), appTokens, qrStates, requests, documentKeys, fieldCipher,
                lookupHash, perSubject, perIp, Clock.systemUTC()));
    }

    /**
     * Dev mode only: what the web app's demo screens need — the demo key's whereabouts, and the mailbox over the
     * embedded SMTP sink. Nothing here is mounted once every development default is replaced.
     */
    private void mountDevPages(List<Routes> routes) {
        if (config.devDefaultsInUse().isEmpty()) {
            return;
        }
        routes.add(new DevInfo(demoKey, devIdentityProvider != null, mailSink != null));
        if (mailSink != null) {
            routes.add(new DevMailbox(vertx, mailSink.directory()));
        }
    }

    /** Copies are sealed with the seal key and stamped by the TSA; key operations run on a pool sized to the cores. */
    private void startSealing(int cores) {
        pkiWorkers = vertx.createSharedWorkerExecutor("qrshare-pki", cores);
        toClose.push(() -> await(pkiWorkers.close()));
        List<X509Certificate> tsaCas = config.tsa().devCa()
                ? List.of(loadDevPki(config.dataDir().toAbsolutePath()).caCertificate())
                : Pem.certificates(ConfigKey.TSA_TRUSTED_CAS, config.tsa().trustedCas());
        Map<X509Certificate, Supplier<X509CRL>> ownCrls = devPki == null ? Map.of()
                : Map.of(devPki.caCertificate(), devPki::currentCrl);
        CrlSource crls = new CrlSource(ownCrls, vertx, config.tsa().timeout(), Clock.systemUTC());
        toClose.push(() -> await(crls.close()));
        sealSigner = new SealSigner(seal, crls);
        if (devPki != null) {
            // The dev CA's CRL, renewed every day on every instance alike (DevPki.CRL_PERIOD), checked hourly.
            DevPki pki = devPki;
            long timer = vertx.setPeriodic(3_600_000, id -> pkiWorkers.executeBlocking(
                    () -> pki.renewCrl(Instant.now()), false)
                    .onFailure(e -> log.warn("Cannot renew the dev CA's CRL: {}", e.toString())));
            toClose.push(() -> vertx.cancelTimer(timer));
        }
        timeStampCheck = new TimeStampCheck(new CertificatePaths(tsaCas));
        tsaClient = new TsaClient(vertx, pkiWorkers, tsaUrl(), config.tsa().timeout(), timeStampCheck);
        toClose.push(() -> await(tsaClient.close()));
        summary.add("stamps    " + (config.tsa().embedded() ? "embedded dev TSA at " : "TSA at ")
                + Config.redactUrl(tsaClient.url()));
    }

    /**
     * The verifier accepts only the platform's seal certificates: the current one, the earlier ones configured in
     * {@code seal.previous.certificates} (each file's first certificate; CA certificates after it are trusted as the
     * ends of those seals' paths) and, with the dev PKI, the dev seals it re-issued.
     */
    private CopyVerifier copyVerifier() {
        List<X509Certificate> sealCas = new ArrayList<>();
        sealCas.add(seal.chain().get(seal.chain().size() - 1));
        for (List<X509Certificate> file : previousSealFiles()) {
            if (file.size() > 1) {
                sealCas.add(file.get(file.size() - 1));
            }
        }
        if (config.seal().dev()) {
            sealCas.add(devPki.caCertificate());
        }
        return new CopyVerifier(acceptedSeals(), new CertificatePaths(sealCas), timeStampCheck);
    }

    /** The seal certificates copies may be sealed with: the current one first, then the earlier ones. */
    private List<X509Certificate> acceptedSeals() {
        List<X509Certificate> seals = new ArrayList<>();
        seals.add(seal.certificate());
        previousSealFiles().forEach(file -> seals.add(file.get(0)));
        if (config.seal().dev()) {
            seals.addAll(devPki.previousSeals());
        }
        return List.copyOf(seals);
    }

    private List<List<X509Certificate>> previousSealFiles() {
        return Pem.certificatesPerFile(ConfigKey.SEAL_PREVIOUS_CERTIFICATES, config.seal().previousCertificates());
    }

    /** The embedded TSA is this gateway's own route, reached over loopback unless bound to one interface. */
    private String tsaUrl() {
        if (!config.tsa().embedded()) {
            return config.tsa().url();
        }
        String host = switch (config.httpHost()) {
            case "0.0.0.0", "::", "[::]" -> "127.0.0.1";
            default -> config.httpHost().contains(":") && !config.httpHost().startsWith("[")
                    ? "[" + config.httpHost() + "]" : config.httpHost();
        };
        return "http://" + host + ":" + config.httpPort() + TsaRoutes.PATH;
    }

    /** Trust anchors always; the TSA itself and the CRL only while they are the dev PKI's. */
    private List<Routes> pkiRoutes() {
        List<Routes> pki = new ArrayList<>();
        Supplier<Future<X509Certificate>> tsaCertificate = tsaClient::certificate;
        if (config.tsa().embedded()) {
            pki.add(new TsaRoutes(new TimeStampAuthority(devPki.tsa(), Clock.systemUTC()), pkiWorkers));
            X509Certificate embedded = devPki.tsa().certificate();
            tsaCertificate = () -> Future.succeededFuture(embedded);
        }
        X509Certificate root = seal.chain().get(seal.chain().size() - 1);
        pki.add(new PkiRoutes(root, tsaCertificate, devPki == null ? null : devPki::crl, acceptedSeals()));
        return pki;
    }

    private DevPki loadDevPki(Path dataDir) {
        if (devPki == null) {
            devPki = DevPki.loadOrCreate(dataDir.resolve("pki"), config.publicBaseUrl());
        }
        return devPki;
    }

    private void loadSecrets(Path dataDir) {
        secrets = Secrets.load(config.secrets(), dataDir);
        fieldCipher = new FieldCipher(secrets.fields());
        lookupHash = new LookupHash(secrets.lookupKey());
        List<X509Certificate> trusted = config.auth().devCa()
                ? List.of(loadDevPki(dataDir).caCertificate())
                : Pem.certificates(config.auth().trustedCas());
        kepSignatures = new CmsSignatures(trusted);
        summary.add("logins    КЕП certificates from " + (config.auth().devCa() ? "the dev CA" : trusted.size() + " trusted CA(s)"));
    }

    /** Dev logins only: demo organisations in the register and their head's КЕП, so a person can log in at once. */
    private void seedDemoPartners(PgConnectOptions dbOptions) {
        if (!config.auth().devCa()) {
            return;
        }
        try (Connection connection = Database.jdbcConnection(dbOptions)) {
            DemoPartners.seedRegister(connection, lookupHash);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seed the demo organisations: " + e.getMessage(), e);
        }
        DemoPartners.KeyStore demo = DemoPartners.keyStore(devPki);
        demoKey = new DevInfo.DemoKey(demo.organisation(), demo.file(),
                demo.file().resolveSibling(DemoPartners.PASSWORD_FILE), demo.password());
        summary.add("demo      КЕП of the head of " + demo.organisation() + " to log in with: " + demo.file()
                + ", password " + demo.password());
    }

    private Mailer.Target startMail(Path dataDir) {
        if (!config.smtp().embedded()) {
            summary.add("mail      SMTP " + config.smtp().host() + ":" + config.smtp().port() + " (" + config.smtp().tls()
                    .name().toLowerCase() + ")");
            return Mailer.Target.of(config.smtp());
        }
        mailSink = MailSink.start(dataDir.resolve("mail"), "127.0.0.1", 0);
        toClose.push(mailSink);
        summary.add("mail      embedded SMTP sink on 127.0.0.1:" + mailSink.port() + ", messages saved in " + mailSink.directory());
        return Mailer.Target.embedded(mailSink.port());
    }

    public Config config() {
        return config;
    }

    /** Every feature's routes, in mounting order (the API description test compares them with openapi.yaml). */
    public List<Routes> routes() {
        return List.copyOf(routes);
    }

    public Vertx vertx() {
        return vertx;
    }

    public Database database() {
        return database;
    }

    public Notifications notifications() {
        return notifications;
    }

    /** Sends the copies' e-mails, with timeouts and the SMTP circuit breaker. */
    public MailDelivery mailDelivery() {
        return mailDelivery;
    }

    public SigningIdentity seal() {
        return seal;
    }

    /** Seals copies (CAdES-B); pair it with {@link #tsaClient()} for CAdES-T. */
    public SealSigner sealSigner() {
        return sealSigner;
    }

    /** The RFC 3161 client for {@code tsa.url}, or for the embedded TSA when it is unset. */
    public TsaClient tsaClient() {
        return tsaClient;
    }

    /** The bounded pool where this gateway's own key operations run (embedded TSA, time-stamp checks). */
    public WorkerExecutor pkiWorkers() {
        return pkiWorkers;
    }

    public Secrets secrets() {
        return secrets;
    }

    public FieldCipher fieldCipher() {
        return fieldCipher;
    }

    public LookupHash lookupHash() {
        return lookupHash;
    }

    public CmsSignatures kepSignatures() {
        return kepSignatures;
    }

    /** The dev identity provider, or {@code null} when real issuers are configured. */
    public JwsIssuer devIdentityProvider() {
        return devIdentityProvider;
    }

    /** The dev document service, or {@code null} when real issuers are configured. */
    public JwsIssuer devDocumentService() {
        return devDocumentService;
    }

    public QrStates qrStates() {
        return qrStates;
    }

    public DocumentCatalog catalog() {
        return catalog;
    }

    public Sessions sessions() {
        return sessions;
    }

    public PartnerAuthentication partnerAuthentication() {
        return partnerAuthentication;
    }

    /** The dev PKI, or {@code null} when the seal comes from a configured keystore. */
    public DevPki devPki() {
        return devPki;
    }

    /** The embedded PostgreSQL, or {@code null} when {@code db.url} is set. */
    public EmbeddedPostgres embeddedPostgres() {
        return embeddedPostgres;
    }

    /** The embedded SMTP sink, or {@code null} when {@code smtp.host} is set. */
    public MailSink mailSink() {
        return mailSink;
    }

    /** Drains HTTP, then closes clients, Vert.x, and the embedded servers. Safe to call more than once. */
    @Override
    public synchronized void close() {
        while (!toClose.isEmpty()) {
            AutoCloseable next = toClose.pop();
            try {
                next.close();
            } catch (Exception e) {
                log.warn("Error while stopping: {}", e.toString());
            }
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(STEP_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("start-up step timed out after " + STEP_TIMEOUT_S + " s", e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
    }
}

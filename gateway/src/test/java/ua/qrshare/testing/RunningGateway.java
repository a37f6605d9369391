package ua.qrshare.testing;

import static ua.qrshare.testing.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import ua.qrshare.Gateway;
import ua.qrshare.auth.PartnerAuthentication;
import ua.qrshare.auth.Sessions;
import ua.qrshare.config.Config;
import ua.qrshare.db.Database;
import ua.qrshare.dev.DevPki;
import ua.qrshare.dev.EmbeddedPostgres;
import ua.qrshare.dev.JwsIssuer;
import ua.qrshare.dev.TsaRoutes;
import ua.qrshare.http.Routes;
import ua.qrshare.pki.CmsSignatures;
import ua.qrshare.pki.Pem;
import ua.qrshare.pki.SigningIdentity;
import ua.qrshare.sealing.CertificatePaths;
import ua.qrshare.sealing.CrlSource;
import ua.qrshare.sealing.SealKeys;
import ua.qrshare.sealing.SealSigner;
import ua.qrshare.sealing.TimeStampCheck;
import ua.qrshare.sealing.TsaClient;
import ua.qrshare.secrets.FieldCipher;
import ua.qrshare.secrets.LookupHash;
import ua.qrshare.secrets.Secrets;

/**
 * A gateway under test and what a test needs beside it, each made the way an operator's tool would make it: from
 * the configuration and the data directory (the same keys, secrets and database), never reached inside the running
 * gateway. Handles are made on first use on the test's own Vert.x, and closed after the gateway.
 */
public final class RunningGateway implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private final Map<String, Object> overrides;
    private final Routes[] extraRoutes;
    private Path ownDataDir;
    private Gateway gateway;
    private Config config;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final Map<String, Object> made = new java.util.HashMap<>();

    public RunningGateway(Gateway gateway, Config config) {
        this.overrides = Map.of();
        this.extraRoutes = new Routes[0];
        this.gateway = gateway;
        this.config = config;
    }

    private RunningGateway(Map<String, Object> overrides, Routes... extraRoutes) {
        this.overrides = overrides;
        this.extraRoutes = extraRoutes;
    }

    /**
     * A gateway for a test class, as a JUnit extension ({@code @RegisterExtension static final}): started before the
     * class's first test, on its own data directory and database, and stopped after its last.
     *
     * @param overrides configuration keys (file-style) over the test defaults; a null value unsets one
     * @param extraRoutes routes mounted beside the gateway's own, before the web app's catch-all
     */
    public static RunningGateway with(Map<String, Object> overrides, Routes... extraRoutes) {
        return new RunningGateway(overrides, extraRoutes);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        ownDataDir = Files.createTempDirectory(
                Path.of("target"), context.getRequiredTestClass().getSimpleName() + "-");
        config = TestGateway.config(ownDataDir, overrides);
        gateway = Gateway.start(config, extraRoutes);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
        try (var files = Files.walk(ownDataDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        }
    }

    public Config config() {
        return config;
    }

    public Http http() {
        return new Http(config.httpPort());
    }

    /** The sum of a Prometheus metric's series on {@code /metrics} (0 when it has none). */
    public double metric(String name) {
        return http().get("/metrics")
                .body()
                .lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** A client of the embedded SMTP sink, found where a developer finds it: in {@code /dev/info}. */
    public ua.qrshare.delivery.MailDelivery mailSinkClient() {
        return once("mail", () -> {
            int port = new io.vertx.core.json.JsonObject(http().get("/dev/info").body()).getInteger("smtpSinkPort");
            ua.qrshare.delivery.MailDelivery mail = new ua.qrshare.delivery.MailDelivery(
                    vertx(),
                    ua.qrshare.delivery.Mailer.Target.embedded(port),
                    config.smtp().timeout(),
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            return closing(mail, m -> await(m.close()));
        });
    }

    public Path dataDir() {
        return config.dataDir().toAbsolutePath();
    }

    public Vertx vertx() {
        return once("vertx", () -> closing(Vertx.vertx(), v -> await(v.close())));
    }

    /** A pool of its own on the gateway's database. */
    public Database database() {
        String url = config.database().embedded()
                ? EmbeddedPostgres.runningUrl(dataDir().resolve("pg")).orElseThrow()
                : config.database().url();
        return once(
                "database",
                () -> closing(
                        Database.connect(vertx(), Database.connectOptions(config.database(), url), 4),
                        Database::close));
    }

    /**
     * Cache invalidations as another instance hears them: LISTEN on the gateway's database, relayed to this test's
     * event bus at {@link ua.qrshare.db.Notifications#CACHE_ADDRESS}.
     */
    public void onCacheChange(java.util.function.Consumer<io.vertx.core.json.JsonObject> change) {
        once(
                "notifications",
                () -> closing(
                        await(ua.qrshare.db.Notifications.start(
                                vertx(), database().connectOptions())),
                        n -> await(n.close())));
        await(vertx().eventBus()
                .<io.vertx.core.json.JsonObject>consumer(
                        ua.qrshare.db.Notifications.CACHE_ADDRESS, m -> change.accept(m.body()))
                .completion());
    }

    /** The embedded PostgreSQL the gateway started, to stop and start it under the gateway's feet. */
    public EmbeddedPostgres embeddedPostgres() {
        return once(
                "pg",
                () -> EmbeddedPostgres.attach(dataDir().resolve("pg"), dataDir().resolve("pg-bin")));
    }

    public DevPki devPki() {
        return once("pki", () -> DevPki.loadOrCreate(dataDir().resolve("pki"), config.publicBaseUrl()));
    }

    public SigningIdentity seal() {
        return once("seal", () -> config.seal().dev() ? devPki().seal() : SealKeys.load(config.seal()));
    }

    public Secrets secrets() {
        return once("secrets", () -> Secrets.load(config.secrets(), dataDir()));
    }

    public FieldCipher fieldCipher() {
        return new FieldCipher(secrets().fields());
    }

    public LookupHash lookupHash() {
        return new LookupHash(secrets().lookupKey());
    }

    public CmsSignatures kepSignatures() {
        return new CmsSignatures(
                config.auth().devCa()
                        ? List.of(devPki().caCertificate())
                        : Pem.certificates(config.auth().trustedCas()));
    }

    public Sessions sessions() {
        return once(
                "sessions",
                () -> new Sessions(
                        vertx(),
                        database().client(),
                        secrets().sessions(),
                        config.auth().sessionLifetime(),
                        config.publicBaseUrl().startsWith("https:")));
    }

    public PartnerAuthentication partnerAuthentication() {
        return new PartnerAuthentication(sessions(), config.publicBaseUrl());
    }

    /** The dev identity provider's key, as the gateway loaded it. */
    public JwsIssuer devIdentityProvider() {
        return once(
                "idp",
                () -> JwsIssuer.loadOrCreate(
                        vertx(), "qrshare-dev-idp", dataDir().resolve("keys").resolve("dev-identity-provider.pem")));
    }

    /** The dev document service's key, as the gateway loaded it. */
    public JwsIssuer devDocumentService() {
        return once(
                "documents",
                () -> JwsIssuer.loadOrCreate(
                        vertx(),
                        "qrshare-dev-documents",
                        dataDir().resolve("keys").resolve("dev-document-service.pem")));
    }

    public WorkerExecutor pkiWorkers() {
        return once("workers", () -> closing(vertx().createSharedWorkerExecutor("test-pki", 2), w -> await(w.close())));
    }

    /** A sealer with the gateway's seal and the dev CA's CRL: copies it seals are the gateway's own. */
    public SealSigner sealSigner() {
        boolean devPkiInUse = config.seal().dev()
                || config.tsa().embedded()
                || config.tsa().devCa()
                || config.auth().devCa();
        Map<X509Certificate, Supplier<java.security.cert.X509CRL>> crls =
                devPkiInUse ? Map.of(devPki().caCertificate(), devPki()::currentCrl) : Map.of();
        return once(
                "signer",
                () -> new SealSigner(
                        seal(), new CrlSource(crls, vertx(), config.tsa().timeout(), Clock.systemUTC())));
    }

    /** A client of the gateway's TSA (the embedded one, or {@code tsa.url}) with the gateway's trust. */
    public TsaClient tsaClient() {
        List<X509Certificate> cas = config.tsa().devCa()
                ? List.of(devPki().caCertificate())
                : Pem.certificates(config.tsa().trustedCas());
        String url = config.tsa().embedded()
                ? "http://127.0.0.1:" + config.httpPort() + TsaRoutes.PATH
                : config.tsa().url();
        return once(
                "tsa",
                () -> closing(
                        new TsaClient(
                                vertx(),
                                pkiWorkers(),
                                url,
                                config.tsa().timeout(),
                                new TimeStampCheck(new CertificatePaths(cas))),
                        t -> await(t.close())));
    }

    /** The gateway first, then the handles made for the test. */
    @Override
    public void close() {
        gateway.close();
        while (!toClose.isEmpty()) {
            try {
                toClose.pop().close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T once(String name, Supplier<T> make) {
        synchronized (made) {
            Object existing = made.get(name);
            if (existing == null) {
                existing = make.get();
                made.put(name, existing);
            }
            return (T) existing;
        }
    }

    private <T> T closing(T handle, java.util.function.Consumer<T> close) {
        toClose.push(() -> close.accept(handle));
        return handle;
    }
}

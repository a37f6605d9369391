package ua.qrshare.start;

import static ua.qrshare.start.Lifecycle.await;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.qrshare.config.Config;
import ua.qrshare.db.Database;
import ua.qrshare.db.Notifications;
import ua.qrshare.delivery.MailDelivery;
import ua.qrshare.dev.DevServices;
import ua.qrshare.ops.Metrics;
import ua.qrshare.ops.UnhandledExceptions;
import ua.qrshare.pki.CmsSignatures;
import ua.qrshare.pki.Pem;
import ua.qrshare.pki.SigningIdentity;
import ua.qrshare.sealing.SealKeys;
import ua.qrshare.secrets.FieldCipher;
import ua.qrshare.secrets.LookupHash;
import ua.qrshare.secrets.Secrets;

/**
 * What every feature runs on, built once at start-up and never changed: Vert.x and its metrics, the database and its
 * notifications, the secrets and keys, the mail client, and the bounded pool for key operations.
 *
 * @param cores event loops and signing workers are sized to them
 * @param seal the platform's seal key and chain
 * @param kepSignatures checks partner heads' КЕП signatures against the trusted CAs
 */
public record Infrastructure(
        Config config,
        Path dataDir,
        int cores,
        Vertx vertx,
        Metrics metrics,
        Database database,
        Notifications notifications,
        Secrets secrets,
        FieldCipher fieldCipher,
        LookupHash lookupHash,
        SigningIdentity seal,
        CmsSignatures kepSignatures,
        MailDelivery mail,
        WorkerExecutor pkiWorkers) {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    /** Migrates the database, loads keys and secrets, then starts Vert.x and the clients on it. */
    public static Infrastructure start(Config config, Path dataDir, DevServices dev, Lifecycle life) {
        PgConnectOptions dbOptions = dev.databaseOptions();
        if (!config.database().embedded()) {
            life.summary("database  PostgreSQL at " + dbOptions.getHost() + ":" + dbOptions.getPort() + "/"
                    + dbOptions.getDatabase());
        }
        int migrations = Database.migrate(dbOptions);
        if (migrations > 0) {
            log.info("Applied {} database migration(s)", migrations);
        }
        SigningIdentity seal = seal(config, dev, life);
        Secrets secrets = Secrets.load(config.secrets(), dataDir);
        LookupHash lookupHash = new LookupHash(secrets.lookupKey());
        CmsSignatures kepSignatures = kepSignatures(config, dev, life);
        dev.seedDemoPartners(dbOptions, lookupHash, life);
        if (!config.smtp().embedded()) {
            life.summary("mail      SMTP " + config.smtp().host() + ":"
                    + config.smtp().port() + " (" + config.smtp().tls().name().toLowerCase() + ")");
        }

        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        Metrics metrics = new Metrics();
        Vertx vertx = Vertx.builder()
                .with(metrics.applyTo(new VertxOptions().setEventLoopPoolSize(cores)))
                .withMetrics(metrics.factory())
                .build();
        vertx.exceptionHandler(UnhandledExceptions::report);
        life.onCloseAwait(vertx::close);
        Database database = Database.connect(vertx, dbOptions, config.database().poolSize());
        life.onCloseAwait(database::closeAsync);
        Notifications notifications = await(Notifications.start(vertx, dbOptions));
        life.onCloseAwait(notifications::close);
        MailDelivery mail =
                new MailDelivery(vertx, dev.mailTarget(), config.smtp().timeout(), metrics.registry());
        life.onCloseAwait(mail::close); // bounded: a connection stuck on a silent server is cut
        WorkerExecutor pkiWorkers = vertx.createSharedWorkerExecutor("qrshare-pki", cores);
        life.onCloseAwait(pkiWorkers::close);
        return new Infrastructure(
                config,
                dataDir,
                cores,
                vertx,
                metrics,
                database,
                notifications,
                secrets,
                new FieldCipher(secrets.fields()),
                lookupHash,
                seal,
                kepSignatures,
                mail,
                pkiWorkers);
    }

    private static SigningIdentity seal(Config config, DevServices dev, Lifecycle life) {
        if (config.seal().dev()) {
            life.summary("keys      dev PKI in " + dev.pki().directory() + " (root CA, seal, TSA)");
            return dev.pki().seal();
        }
        Config.Seal source = config.seal();
        life.summary("keys      seal from "
                + (source.pkcs11()
                        ? "the PKCS#11 token at slot list index " + source.pkcs11Slot() + " of "
                                + source.pkcs11Library()
                        : source.keystore()));
        return SealKeys.load(source);
    }

    private static CmsSignatures kepSignatures(Config config, DevServices dev, Lifecycle life) {
        List<X509Certificate> trusted = config.auth().devCa()
                ? List.of(dev.pki().caCertificate())
                : Pem.certificates(config.auth().trustedCas());
        life.summary("logins    КЕП certificates from "
                + (config.auth().devCa() ? "the dev CA" : trusted.size() + " trusted CA(s)"));
        return new CmsSignatures(trusted);
    }
}

package ua.qrshare.sealing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.qrshare.config.Config;
import ua.qrshare.config.ConfigKey;
import ua.qrshare.dev.DevPki;
import ua.qrshare.dev.TsaRoutes;
import ua.qrshare.http.Routes;
import ua.qrshare.pki.Pem;
import ua.qrshare.pki.PkiRoutes;
import ua.qrshare.pki.SigningIdentity;
import ua.qrshare.start.Infrastructure;
import ua.qrshare.start.Lifecycle;
import ua.qrshare.verify.CopyVerifier;
import ua.qrshare.verify.VerifyRoutes;

/**
 * Sealing and time-stamping, and the trust that checks them again in {@code /verify}: one certificate-path check and
 * one time-stamp check serve both, so a copy the gateway mails is a copy its verifier accepts.
 *
 * @param signer seals copies (CAdES-B, with the CRLs for CAdES-LT)
 * @param tsa the RFC 3161 client for {@code tsa.url}, or for the embedded TSA
 * @param verifier accepts only the platform's own seals
 */
public record Sealing(SealSigner signer, TsaClient tsa, CopyVerifier verifier, List<Routes> routes) {

    private static final Logger log = LoggerFactory.getLogger(Sealing.class);

    public static Sealing start(Infrastructure infra, DevPki devPki, Lifecycle life) {
        Config config = infra.config();
        Vertx vertx = infra.vertx();
        List<X509Certificate> tsaCas = config.tsa().devCa()
                ? List.of(devPki.caCertificate())
                : Pem.certificates(ConfigKey.TSA_TRUSTED_CAS, config.tsa().trustedCas());
        Map<X509Certificate, Supplier<X509CRL>> ownCrls =
                devPki == null ? Map.of() : Map.of(devPki.caCertificate(), devPki::currentCrl);
        CrlSource crls = new CrlSource(ownCrls, vertx, config.tsa().timeout(), Clock.systemUTC());
        life.onCloseAwait(crls::close);
        if (devPki != null) {
            renewDevCrlHourly(infra, devPki, life);
        }
        TimeStampCheck timeStampCheck = new TimeStampCheck(new CertificatePaths(tsaCas));
        TsaClient tsa = new TsaClient(
                vertx, infra.pkiWorkers(), tsaUrl(config), config.tsa().timeout(), timeStampCheck);
        life.onCloseAwait(tsa::close);
        life.summary("stamps    " + (config.tsa().embedded() ? "embedded dev TSA at " : "TSA at ")
                + Config.redactUrl(tsa.url()));

        List<X509Certificate> seals = acceptedSeals(infra.seal(), config, devPki);
        CopyVerifier verifier =
                new CopyVerifier(seals, new CertificatePaths(sealCas(infra.seal(), config, devPki)), timeStampCheck);
        Supplier<Future<X509Certificate>> tsaCertificate = tsa::certificate;
        if (config.tsa().embedded()) {
            X509Certificate embedded = devPki.tsa().certificate();
            tsaCertificate = () -> Future.succeededFuture(embedded);
        }
        List<Routes> routes = List.of(
                new PkiRoutes(root(infra.seal()), tsaCertificate, devPki == null ? null : devPki::crl, seals),
                new VerifyRoutes(vertx, verifier));
        return new Sealing(new SealSigner(infra.seal(), crls), tsa, verifier, routes);
    }

    /** The dev CA's CRL, renewed every day on every instance alike (DevPki.CRL_PERIOD), checked hourly. */
    private static void renewDevCrlHourly(Infrastructure infra, DevPki devPki, Lifecycle life) {
        long timer = infra.vertx()
                .setPeriodic(
                        3_600_000,
                        id -> infra.pkiWorkers()
                                .executeBlocking(() -> devPki.renewCrl(Instant.now()), false)
                                .onFailure(e -> log.warn("Cannot renew the dev CA's CRL: {}", e.toString())));
        life.onClose(() -> infra.vertx().cancelTimer(timer));
    }

    /**
     * The seal certificates copies may be sealed with: the current one first, then the earlier ones configured in
     * {@code seal.previous.certificates} (each file's first certificate) and, with the dev PKI, the dev seals it
     * re-issued.
     */
    private static List<X509Certificate> acceptedSeals(SigningIdentity seal, Config config, DevPki devPki) {
        List<X509Certificate> seals = new ArrayList<>();
        seals.add(seal.certificate());
        previousSealFiles(config).forEach(file -> seals.add(file.get(0)));
        if (config.seal().dev()) {
            seals.addAll(devPki.previousSeals());
        }
        return List.copyOf(seals);
    }

    /** The ends of the seals' paths: CA certificates after an earlier seal in its file are trusted as its root. */
    private static List<X509Certificate> sealCas(SigningIdentity seal, Config config, DevPki devPki) {
        List<X509Certificate> sealCas = new ArrayList<>();
        sealCas.add(root(seal));
        for (List<X509Certificate> file : previousSealFiles(config)) {
            if (file.size() > 1) {
                sealCas.add(file.get(file.size() - 1));
            }
        }
        if (config.seal().dev()) {
            sealCas.add(devPki.caCertificate());
        }
        return sealCas;
    }

    private static X509Certificate root(SigningIdentity seal) {
        return seal.chain().get(seal.chain().size() - 1);
    }

    private static List<List<X509Certificate>> previousSealFiles(Config config) {
        return Pem.certificatesPerFile(
                ConfigKey.SEAL_PREVIOUS_CERTIFICATES, config.seal().previousCertificates());
    }

    /** The embedded TSA is this gateway's own route, reached over loopback unless bound to one interface. */
    private static String tsaUrl(Config config) {
        if (!config.tsa().embedded()) {
            return config.tsa().url();
        }
        String host = switch (config.httpHost()) {
            case "0.0.0.0", "::", "[::]" -> "127.0.0.1";
            default ->
                config.httpHost().contains(":") && !config.httpHost().startsWith("[")
                        ? "[" + config.httpHost() + "]"
                        : config.httpHost();
        };
        return "http://" + host + ":" + config.httpPort() + TsaRoutes.PATH;
    }
}

package ua.qrshare.partner;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.util.List;
import ua.qrshare.auth.AuthRoutes;
import ua.qrshare.auth.PartnerAuthentication;
import ua.qrshare.auth.Sessions;
import ua.qrshare.branch.BranchRoutes;
import ua.qrshare.catalog.DocumentCatalog;
import ua.qrshare.config.Config;
import ua.qrshare.http.Routes;
import ua.qrshare.qr.QrCodeRoutes;
import ua.qrshare.qr.QrTokens;
import ua.qrshare.qr.ScanLandingPage;
import ua.qrshare.service.ServiceRoutes;
import ua.qrshare.share.ShareHistoryRoutes;
import ua.qrshare.start.Infrastructure;

/**
 * The partner's cabinet: КЕП login and sessions, the profile and the offer, then — past the cabinet gate — branches,
 * services, QR codes and the delivery history; and the {@code /s/{token}} page a generic camera opens.
 */
public final class CabinetFeature {

    private CabinetFeature() {}

    public static List<Routes> routes(Infrastructure infra, DocumentCatalog catalog, QrTokens qrTokens) {
        Config config = infra.config();
        Vertx vertx = infra.vertx();
        SqlClient db = infra.database().client();
        Pool pool = infra.database().pool();
        Sessions sessions = new Sessions(
                vertx,
                db,
                infra.secrets().sessions(),
                config.auth().sessionLifetime(),
                config.publicBaseUrl().startsWith("https:"));
        PartnerAuthentication authentication = new PartnerAuthentication(sessions, config.publicBaseUrl());
        CabinetGate gate = new CabinetGate(db);
        Clock clock = Clock.systemUTC();
        return List.of(
                new AuthRoutes(vertx, db, infra.kepSignatures(), infra.lookupHash(), sessions, authentication),
                new PartnerRoutes(
                        vertx, db, infra.fieldCipher(), infra.lookupHash(), infra.kepSignatures(), authentication),
                catalog,
                new BranchRoutes(db, pool, authentication, gate),
                new ServiceRoutes(db, pool, catalog, authentication, gate),
                new QrCodeRoutes(vertx, db, pool, qrTokens, config.publicBaseUrl(), clock, authentication, gate),
                new ScanLandingPage(qrTokens, clock),
                new ShareHistoryRoutes(db, authentication, gate));
    }
}

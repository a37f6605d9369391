package ua.qrshare.start;

import static ua.qrshare.start.Lifecycle.await;

import io.vertx.ext.healthchecks.HealthChecks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import ua.qrshare.catalog.DocumentCatalog;
import ua.qrshare.dev.DevServices;
import ua.qrshare.http.ApiDescription;
import ua.qrshare.http.Routes;
import ua.qrshare.http.Spa;
import ua.qrshare.ops.OpsRoutes;
import ua.qrshare.ops.Readiness;
import ua.qrshare.partner.CabinetFeature;
import ua.qrshare.qr.QrTokens;
import ua.qrshare.scan.ScanFeature;
import ua.qrshare.sealing.Sealing;
import ua.qrshare.share.ShareRoutes;

/**
 * Every feature's routes, in mounting order, and what delivery needs from them.
 *
 * @param routes the router tries them in this order: the scan first (most of the traffic), the web app last
 * @param spaPresent whether this build bundles the admin web app
 */
public record Features(List<Routes> routes, DocumentCatalog catalog, HealthChecks readiness, boolean spaPresent) {

    /** @param extra routes a test mounts beside the gateway's own, before the web app's catch-all */
    public static Features start(
            Infrastructure infra, DevServices dev, Sealing sealing, Lifecycle life, List<Routes> extra) {
        DocumentCatalog catalog = await(DocumentCatalog.load(infra.database().client()));
        QrTokens qrTokens = new QrTokens(infra.secrets().qrTokens());
        ScanFeature scan = ScanFeature.start(infra, catalog, qrTokens, dev.issuers(infra.vertx()), life);
        HealthChecks readiness =
                Readiness.checks(infra.vertx(), infra.database().client(), infra.seal());
        Spa spa = Spa.fromClasspath();

        List<Routes> routes = new ArrayList<>();
        routes.add(scan.routes());
        routes.add(new ShareRoutes(infra, scan, Clock.systemUTC()));
        routes.add(new OpsRoutes(readiness, infra.metrics()));
        routes.add(new ApiDescription());
        routes.addAll(CabinetFeature.routes(infra, catalog, qrTokens));
        routes.addAll(sealing.routes());
        routes.addAll(dev.routes(infra.vertx(), infra.pkiWorkers()));
        routes.addAll(extra);
        routes.add(spa);
        return new Features(List.copyOf(routes), catalog, readiness, spa.present());
    }
}

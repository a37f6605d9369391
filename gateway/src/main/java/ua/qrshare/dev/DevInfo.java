package ua.qrshare.dev;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import ua.qrshare.http.Routes;

/**
 * Dev mode only: what the web app needs to know to help a person try a dev instance — where the demo partner's КЕП
 * and its password are, and whether the citizen simulator and the dev mailbox have their endpoints. A gateway with no
 * development default mounts none of this.
 */
public final class DevInfo implements Routes {

    public static final String PATH = "/dev/info";

    /** The demo head's key file, or null when logins are not from the dev CA. */
    public record DemoKey(String organisation, Path keyFile, Path passwordFile, String password) {}

    private final JsonObject body;

    /** @param smtpSinkPort the embedded SMTP sink's port, or null without one */
    public DevInfo(DemoKey demoKey, boolean simulator, Integer smtpSinkPort) {
        JsonObject demo = demoKey == null
                ? null
                : new JsonObject()
                        .put("organisation", demoKey.organisation())
                        .put("keyFile", demoKey.keyFile().toAbsolutePath().toString())
                        .put(
                                "passwordFile",
                                demoKey.passwordFile().toAbsolutePath().toString())
                        .put("password", demoKey.password());
        this.body = new JsonObject()
                .put("demoPartner", demo)
                .put("simulator", simulator)
                .put("mailbox", smtpSinkPort != null)
                .put("smtpSinkPort", smtpSinkPort);
    }

    @Override
    public void mount(Router router) {
        router.get(PATH)
                .handler(ctx -> ctx.response()
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(body.toBuffer()));
    }
}

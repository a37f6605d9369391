package ua.qrshare.qr;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import ua.qrshare.http.Routes;

/**
 * {@code GET /s/{token}}: what a generic camera app opens. The QR is meant for the Дія app, so the page says so;
 * it checks only the token's MAC (no database), enough to tell a real but expired code from a foreign one.
 */
public final class ScanLandingPage implements Routes {

    private static final String HTML = "text/html; charset=utf-8";

    private final QrTokens tokens;
    private final Clock clock;

    public ScanLandingPage(QrTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public void mount(Router router) {
        router.get("/s/:token").handler(this::page);
    }

    private void page(RoutingContext ctx) {
        QrTokens.Result result = tokens.verify(ctx.pathParam("token"), clock.instant());
        if (result instanceof QrTokens.Result.Valid) {
            send(
                    ctx,
                    200,
                    "Відскануйте цей QR-код у застосунку Дія",
                    "Цей QR-код призначений для застосунку Дія. Відкрийте Дію, натисніть на сканер QR-кодів і наведіть "
                            + "камеру на код: ви побачите, хто і які документи запитує, і зможете підтвердити надсилання копій.",
                    "This QR code is for the Diia app: open Diia, tap the QR scanner and point the camera at the code.");
        } else if (result instanceof QrTokens.Result.Expired) {
            send(
                    ctx,
                    410,
                    "Строк дії цього QR-коду минув",
                    "Цей QR-код більше не дійсний. Попросіть працівника установи надати актуальний QR-код.",
                    "This QR code is no longer valid. Ask the staff for a current one.");
        } else {
            send(
                    ctx,
                    404,
                    "QR-код не розпізнано",
                    "Цей код не є QR-кодом сервісу обміну копіями документів.",
                    "This is not a QR code of the document-sharing service.");
        }
    }

    private static void send(RoutingContext ctx, int status, String title, String uk, String en) {
        String body = "<!doctype html>\n<html lang=\"uk\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + title + "</title></head><body><main>"
                + "<h1>" + title + "</h1><p>" + uk + "</p><p lang=\"en\">" + en + "</p>"
                + "</main></body></html>\n";
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, HTML)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body);
    }
}

package ua.qrshare.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import java.time.Duration;
import java.util.UUID;

/** The citizen app's calls: scan (resolve), share, poll the share until it is sent. */
final class Citizen {

    private Citizen() {}

    /** QR codes (column {@code qr}) and citizens ({@code subject, token, id-card, taxpayer-card}), both circular. */
    static FeederBuilder<String> qrCodes() {
        return csv(Params.feed("qr-codes.csv")).circular();
    }

    static FeederBuilder<String> citizens() {
        return csv(Params.feed("citizens.csv")).circular();
    }

    static final ChainBuilder RESOLVE = exec(http("resolve")
            .post("/api/v1/app/qr/resolve")
            .header("Authorization", "Bearer #{token}")
            .body(StringBody("{\"qr\":\"#{qr}\"}"))
            .check(status().is(200), jsonPath("$.requestToken").saveAs("requestToken")));

    /** Scan and confirm with both attested documents (202: the share is accepted and queued). */
    static final ChainBuilder ACCEPT = exec(RESOLVE)
            .exec(session ->
                    session.set("idempotencyKey", UUID.randomUUID().toString()).set("status", "accepted"))
            .exec(http("share")
                    .post("/api/v1/app/shares")
                    .header("Authorization", "Bearer #{token}")
                    .header("Idempotency-Key", "#{idempotencyKey}")
                    .body(
                            StringBody(
                                    "{\"requestToken\":\"#{requestToken}\",\"documents\":[\"#{id-card}\",\"#{taxpayer-card}\"]}"))
                    .check(status().is(202), jsonPath("$.shareId").saveAs("shareId")));

    /** Scan, confirm, then poll until {@code sent} (a failed request if it never is). */
    static ChainBuilder share(Duration pollEvery, Duration giveUpAfter) {
        return exec(ACCEPT)
                .exec(asLongAsDuring(
                                session -> !"sent".equals(session.getString("status"))
                                        && !"failed".equals(session.getString("status")),
                                giveUpAfter)
                        .on(pause(pollEvery)
                                .exec(http("share status")
                                        .get("/api/v1/app/shares/#{shareId}")
                                        .header("Authorization", "Bearer #{token}")
                                        .check(
                                                status().is(200),
                                                jsonPath("$.status").saveAs("status")))))
                // a share that ended failed, or was still not sent when we gave up, counts as one failed request
                .exec(doIf(session -> !"sent".equals(session.getString("status")))
                        .then(exec(http("share sent in time")
                                .get("/api/v1/app/shares/#{shareId}")
                                .header("Authorization", "Bearer #{token}")
                                .check(jsonPath("$.status").is("sent")))));
    }

    static ChainBuilder feedScan() {
        return feed(qrCodes()).feed(citizens());
    }
}

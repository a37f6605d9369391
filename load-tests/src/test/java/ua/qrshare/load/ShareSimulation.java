package ua.qrshare.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * The citizen journey: scan, confirm with two attested documents, poll every {@code pollMs} (500) until the share is
 * {@code sent} (signed, stamped, mailed), giving up after {@code sendTimeout} s (60). Arrivals ramp to {@code rate}
 * (default 20 shares/s). Each journey that does not end {@code sent} is a failed "share sent in time" request.
 * {@code -Dpoll=false} only accepts shares (no polling).
 */
public class ShareSimulation extends Simulation {

    {
        double rate = Params.rate(20);
        Duration poll = Duration.ofMillis((long) Params.number("pollMs", 500));
        // -Dpoll=false: accept only (the end-to-end benchmark offers shares this way and watches the table instead)
        boolean polling = Boolean.parseBoolean(System.getProperty("poll", "true"));
        ScenarioBuilder journey = scenario("share")
                .exec(Citizen.feedScan())
                .exec(polling ? Citizen.share(poll, Params.seconds("sendTimeout", 60)) : Citizen.ACCEPT);
        java.util.List<io.gatling.javaapi.core.Assertion> assertions = new java.util.ArrayList<>(java.util.List.of(
                details("resolve").responseTime().percentile(95.0).lt(Params.p95Ms(50)),
                details("share").responseTime().percentile(95.0).lt(Params.p95Ms(200)),
                details("share").responseTime().percentile(99.0).lt(Params.p99Ms(500)),
                global().failedRequests().percent().lte(Params.maxFailedPct())));
        if (polling) {
            assertions.add(
                    details("share status").responseTime().percentile(99.0).lt(Params.p99Ms(200)));
        }
        setUp(journey.injectOpen(
                        rampUsersPerSec(1).to(rate).during(Params.ramp()),
                        constantUsersPerSec(rate).during(Params.duration())))
                .protocols(Params.protocol())
                .assertions(assertions);
    }
}

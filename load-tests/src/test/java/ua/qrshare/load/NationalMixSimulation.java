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
 * The three populations at once, scaled from one national peak: {@code rate} scans per second (default 300), of which
 * {@code shareFraction} (0.3) go on to share, plus {@code cabinetRate} cabinet sessions per second (1). A scan that is
 * not followed by a share is the app user looking and turning back. See load-tests/RESULTS.md for the peak this stands
 * for and the instance count it implies.
 */
public class NationalMixSimulation extends Simulation {

    {
        double scans = Params.rate(300);
        double shareFraction = Params.number("shareFraction", 0.3);
        double cabinet = Params.number("cabinetRate", 1);
        Duration ramp = Params.ramp();
        Duration hold = Params.duration();
        ScenarioBuilder lookOnly =
                scenario("scan only").exec(Citizen.feedScan()).exec(Citizen.RESOLVE);
        ScenarioBuilder share = scenario("scan and share")
                .exec(Citizen.feedScan())
                .exec(Citizen.share(Duration.ofMillis(1000), Params.seconds("sendTimeout", 120)));
        ScenarioBuilder heads = scenario("cabinet").exec(Partner.session(Duration.ofMillis(500)));
        double lookRate = scans * (1 - shareFraction);
        double shareRate = scans * shareFraction;
        setUp(
                        lookOnly.injectOpen(
                                rampUsersPerSec(1).to(lookRate).during(ramp),
                                constantUsersPerSec(lookRate).during(hold)),
                        share.injectOpen(
                                rampUsersPerSec(0.1).to(shareRate).during(ramp),
                                constantUsersPerSec(shareRate).during(hold)),
                        heads.injectOpen(
                                rampUsersPerSec(0.1).to(cabinet).during(ramp),
                                constantUsersPerSec(cabinet).during(hold)))
                .protocols(Params.protocol())
                .assertions(
                        details("resolve").responseTime().percentile(99.0).lt(Params.p99Ms(100)),
                        details("share").responseTime().percentile(99.0).lt(Params.p99Ms(1000)),
                        details("auth login").responseTime().percentile(99.0).lt(Params.p99Ms(1500)),
                        global().failedRequests().percent().lte(Params.maxFailedPct()));
    }
}

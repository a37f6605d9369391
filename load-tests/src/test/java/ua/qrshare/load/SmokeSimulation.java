package ua.qrshare.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * CI's smoke run (about 20 s): every journey at a low rate — scans, shares polled until sent, cabinet sessions with
 * КЕП logins — failing on any failed request. Response times are not asserted: CI machines are shared.
 */
public class SmokeSimulation extends Simulation {

    {
        Duration hold = Params.seconds("duration", 15);
        ScenarioBuilder scans = scenario("scan only").exec(Citizen.feedScan()).exec(Citizen.RESOLVE);
        ScenarioBuilder shares = scenario("scan and share")
                .exec(Citizen.feedScan())
                .exec(Citizen.share(Duration.ofMillis(300), Duration.ofSeconds(30)));
        ScenarioBuilder heads = scenario("cabinet").exec(Partner.session(Duration.ofMillis(100)));
        setUp(
                        scans.injectOpen(constantUsersPerSec(Params.rate(20)).during(hold)),
                        shares.injectOpen(constantUsersPerSec(Params.number("shareRate", 2))
                                .during(hold)),
                        heads.injectOpen(constantUsersPerSec(Params.number("cabinetRate", 0.5))
                                .during(hold)))
                .protocols(Params.protocol())
                .maxDuration(Duration.ofSeconds(90))
                .assertions(global().failedRequests().count().is(0L));
    }
}

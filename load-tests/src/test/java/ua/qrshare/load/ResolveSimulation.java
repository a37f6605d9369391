package ua.qrshare.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Scans at an arrival rate (open model): ramps from 1/s to {@code rate} (default 500/s) over {@code ramp}, holds it for
 * {@code duration}. Each virtual user is one scan by one seeded citizen of one seeded QR code (cache hits after the
 * first round). Fails when p95/p99 of resolve exceed {@code p95Ms}/{@code p99Ms} (20/50 ms) or any request fails.
 */
public class ResolveSimulation extends Simulation {

    {
        double rate = Params.rate(500);
        ScenarioBuilder scan = scenario("scan").exec(Citizen.feedScan()).exec(Citizen.RESOLVE);
        setUp(scan.injectOpen(
                        rampUsersPerSec(1).to(rate).during(Params.ramp()),
                        constantUsersPerSec(rate).during(Params.duration())))
                .protocols(Params.protocol())
                .assertions(
                        details("resolve").responseTime().percentile(95.0).lt(Params.p95Ms(20)),
                        details("resolve").responseTime().percentile(99.0).lt(Params.p99Ms(50)),
                        details("resolve").failedRequests().percent().lte(Params.maxFailedPct()),
                        global().failedRequests().percent().lte(Params.maxFailedPct()));
    }
}

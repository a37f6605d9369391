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
 * Partner heads in the cabinet: КЕП login (challenge signed as CMS), list branches and services, rename a branch,
 * issue a QR code, log out, with {@code thinkMs} (200) between steps. Arrivals ramp to {@code rate} sessions/s
 * (default 5). Fails when a step's p95/p99 exceed {@code p95Ms}/{@code p99Ms} (300/800 ms) or any request fails.
 */
public class CabinetSimulation extends Simulation {

    {
        double rate = Params.rate(5);
        Duration think = Duration.ofMillis((long) Params.number("thinkMs", 200));
        ScenarioBuilder heads = scenario("cabinet").exec(Partner.session(think));
        setUp(heads.injectOpen(
                        rampUsersPerSec(1).to(rate).during(Params.ramp()),
                        constantUsersPerSec(rate).during(Params.duration())))
                .protocols(Params.protocol())
                .assertions(
                        details("auth login").responseTime().percentile(95.0).lt(Params.p95Ms(300)),
                        details("auth login").responseTime().percentile(99.0).lt(Params.p99Ms(800)),
                        details("branches").responseTime().percentile(95.0).lt(Params.p95Ms(300)),
                        details("issue qr code").responseTime().percentile(99.0).lt(Params.p99Ms(800)),
                        global().failedRequests().percent().lte(Params.maxFailedPct()));
    }
}

package ua.qrshare.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateLimitsTest {

    @Test
    void eachKeyHasItsOwnWindowAndTheCallBeyondTheLimitGets429() throws InterruptedException {
        long toNextMinute = 60_000 - System.currentTimeMillis() % 60_000;
        if (toNextMinute < 2_000) {
            Thread.sleep(toNextMinute + 10); // all calls within one window
        }
        RateLimits limits = new RateLimits(3);
        for (int i = 0; i < 3; i++) {
            limits.acquire("citizen-a");
        }
        limits.acquire("citizen-b");
        assertThatThrownBy(() -> limits.acquire("citizen-a"))
                .isInstanceOfSatisfying(
                        Problem.class, p -> assertThat(p.status()).isEqualTo(429));
        limits.acquire("citizen-b");
        assertThat(limits.size()).isEqualTo(2);
    }
}

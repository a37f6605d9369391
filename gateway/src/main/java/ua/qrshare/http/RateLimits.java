package ua.qrshare.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fixed one-minute windows per key (a citizen, a client address), in memory per gateway instance: enough to stop
 * a runaway app or script without a shared store. Beyond the limit: 429 with {@code Retry-After}. The one rate limit
 * of the gateway: the citizen app's calls and the anonymous crypto endpoints use it alike.
 */
public final class RateLimits {

    private record Window(long minute, AtomicInteger count) {
    }

    private final int perMinute;
    private final Cache<String, Window> windows = Caffeine.newBuilder()
            .maximumSize(1_000_000).expireAfterAccess(Duration.ofMinutes(2)).build();

    public RateLimits(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Counts one call for {@code key}; throws the 429 problem when the window is full. */
    public void acquire(String key) {
        long now = System.currentTimeMillis();
        long minute = now / 60_000;
        // The common case (a known key in the current minute) is a plain read; compute only starts a new window.
        Window w = windows.getIfPresent(key);
        if (w == null || w.minute() != minute) {
            w = windows.asMap().compute(key, (k, old) -> old == null || old.minute() != minute
                    ? new Window(minute, new AtomicInteger()) : old);
        }
        if (w.count().incrementAndGet() > perMinute) {
            long retryAfter = Math.max(1, ((minute + 1) * 60_000 - now + 999) / 1000);
            throw new Problem(429, "TOO_MANY_REQUESTS", "Забагато запитів; спробуйте за " + retryAfter + " с.",
                    "Too many requests; try again in " + retryAfter + " s.", new JsonObject().put("retryAfter", retryAfter));
        }
    }
}

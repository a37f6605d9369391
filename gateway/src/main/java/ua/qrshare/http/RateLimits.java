package ua.qrshare.http;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fixed one-minute windows per key (a citizen, a client address), in memory per gateway instance: enough to stop
 * a runaway app or script without a shared store. Beyond the limit: 429 with {@code Retry-After}. The one rate limit
 * of the gateway: the citizen app's calls and the anonymous crypto endpoints use it alike.
 */
public final class RateLimits {

    /** One minute's counts; a new minute starts an empty one and the old one is left to the collector. */
    private record Minute(long minute, ConcurrentHashMap<String, AtomicInteger> counts) {}

    private static final int MAX_KEYS = 1_000_000;

    private final int perMinute;
    /**
     * The current minute's counts by key. A count only matters in its own minute, so a new minute replaces the map
     * (constant work: nothing is swept on the event loop). Beyond {@link #MAX_KEYS} keys in one minute, further keys
     * are not counted until the next: bounded memory, as a size-bounded cache would forget them. A plain concurrent
     * map: a scan reads it twice (citizen, address), and a cache's read bookkeeping cost more than the read.
     */
    private final AtomicReference<Minute> current =
            new AtomicReference<>(new Minute(Long.MIN_VALUE, new ConcurrentHashMap<>()));

    public RateLimits(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Counts one call for {@code key}; throws the 429 problem when the window is full. */
    public void acquire(String key) {
        long now = System.currentTimeMillis();
        long minute = now / 60_000;
        Minute m = minute(minute);
        AtomicInteger count = m.counts().get(key);
        if (count == null) {
            if (m.counts().size() >= MAX_KEYS) {
                return;
            }
            count = m.counts().computeIfAbsent(key, k -> new AtomicInteger());
        }
        if (count.incrementAndGet() > perMinute) {
            long retryAfter = Math.max(1, ((minute + 1) * 60_000 - now + 999) / 1000);
            throw new Problem(
                    429,
                    "TOO_MANY_REQUESTS",
                    "Забагато запитів; спробуйте за " + retryAfter + " с.",
                    "Too many requests; try again in " + retryAfter + " s.",
                    new JsonObject().put("retryAfter", retryAfter));
        }
    }

    private Minute minute(long minute) {
        Minute m = current.get();
        while (m.minute() != minute) {
            Minute next = new Minute(minute, new ConcurrentHashMap<>());
            m = current.compareAndSet(m, next) ? next : current.get();
        }
        return m;
    }

    /** Keys counted in the current minute (for tests). */
    int size() {
        return current.get().counts().size();
    }
}

package ua.qrshare.http;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fixed one-minute windows per key (a citizen, a client address), in memory per gateway instance: enough to stop
 * a runaway app or script without a shared store. Beyond the limit: 429 with {@code Retry-After}. The one rate limit
 * of the gateway: the citizen app's calls and the anonymous crypto endpoints use it alike.
 */
public final class RateLimits {

    private record Window(long minute, AtomicInteger count) {}

    private static final int MAX_KEYS = 1_000_000;

    private final int perMinute;
    /**
     * The windows by key. A window only counts in its own minute, so windows of earlier minutes are dropped when a
     * new minute starts (and, should the keys of one minute exceed {@link #MAX_KEYS}, arbitrary ones: bounded memory,
     * as a size-bounded cache would forget them). A plain concurrent map: a scan reads it twice (citizen, address),
     * and a cache's read bookkeeping (access order, expiry, frequency sketch) cost more than the read.
     */
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private final AtomicLong sweptMinute = new AtomicLong(Long.MIN_VALUE);

    public RateLimits(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Counts one call for {@code key}; throws the 429 problem when the window is full. */
    public void acquire(String key) {
        long now = System.currentTimeMillis();
        long minute = now / 60_000;
        // The common case (a known key in the current minute) is a plain read; compute only starts a new window.
        Window w = windows.get(key);
        if (w == null || w.minute() != minute) {
            sweep(minute);
            w = windows.compute(
                    key,
                    (k, old) -> old == null || old.minute() != minute ? new Window(minute, new AtomicInteger()) : old);
        }
        if (w.count().incrementAndGet() > perMinute) {
            long retryAfter = Math.max(1, ((minute + 1) * 60_000 - now + 999) / 1000);
            throw new Problem(
                    429,
                    "TOO_MANY_REQUESTS",
                    "Забагато запитів; спробуйте за " + retryAfter + " с.",
                    "Too many requests; try again in " + retryAfter + " s.",
                    new JsonObject().put("retryAfter", retryAfter));
        }
    }

    /** Once per minute (the first new window of it), the windows of earlier minutes go; beyond the bound, any. */
    private void sweep(long minute) {
        long swept = sweptMinute.get();
        if (swept < minute && sweptMinute.compareAndSet(swept, minute)) {
            windows.values().removeIf(w -> w.minute() < minute);
        }
        if (windows.size() >= MAX_KEYS) {
            var it = windows.values().iterator();
            for (int n = windows.size() - MAX_KEYS + 1 + MAX_KEYS / 100; n > 0 && it.hasNext(); n--) {
                it.next();
                it.remove();
            }
        }
    }

    /** Keys with a window held (for tests). */
    int size() {
        return windows.size();
    }
}

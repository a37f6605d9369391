package ua.qrshare.testing;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocks a test thread on a Vert.x future ({@link Future#await}), never longer than half a minute. */
public final class Await {

    private static final long LIMIT_S = 30;

    private Await() {}

    /** The future's result; its failure is thrown as it is, and a future still pending after the limit fails the test. */
    public static <T> T await(Future<T> future) {
        try {
            return future.await(LIMIT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("still waiting after " + LIMIT_S + " s", e);
        }
    }
}

package ua.qrshare.start;

import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What start-up leaves behind: the things to stop, in reverse order of starting, and the lines of the start-up
 * summary an operator reads.
 */
public final class Lifecycle implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);
    private static final long STEP_TIMEOUT_S = 60;

    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final List<String> summary = new ArrayList<>();

    /** Stopped before everything started earlier. */
    public void onClose(AutoCloseable step) {
        toClose.push(step);
    }

    /** Stopped before everything started earlier; the future is awaited like a start-up step. */
    public void onCloseAwait(java.util.function.Supplier<Future<?>> step) {
        toClose.push(() -> await(step.get()));
    }

    public void summary(String line) {
        summary.add(line);
    }

    public List<String> summary() {
        return List.copyOf(summary);
    }

    /** A start-up (or shut-down) step: blocking, bounded, its failure thrown as it is. */
    public static <T> T await(Future<T> future) {
        try {
            return future.await(STEP_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            throw e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("start-up step timed out after " + STEP_TIMEOUT_S + " s", e);
        } catch (Exception e) { // a checked failure, rethrown by Future.await as it is
            throw new IllegalStateException(e);
        }
    }

    /** Stops everything that started; a step that fails is logged and the rest still stop. Safe to call twice. */
    @Override
    public synchronized void close() {
        while (!toClose.isEmpty()) {
            try {
                toClose.pop().close();
            } catch (Exception e) {
                log.warn("Error while stopping: {}", e.toString());
            }
        }
    }
}

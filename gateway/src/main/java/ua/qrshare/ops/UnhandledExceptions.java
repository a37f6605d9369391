package ua.qrshare.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Vert.x reports when a handler throws and nobody catches it. vertx-mail-client 5.0.8 throws a
 * NullPointerException from inside its own callback when the server closes the connection right after the final
 * dot; the send is then abandoned by the library and {@code MailDelivery}'s deadline fails it. That case is a known
 * client defect with nothing to act on, so it is one WARN line; anything else stays an ERROR with its stack trace.
 */
public final class UnhandledExceptions {

    private static final Logger log = LoggerFactory.getLogger(UnhandledExceptions.class);

    private UnhandledExceptions() {}

    public static void report(Throwable failure) {
        if (isMailClientDefect(failure)) {
            log.warn(
                    "The SMTP client lost a connection after the final dot ({}); the send's deadline retries it",
                    failure.getClass().getSimpleName());
        } else {
            log.error("Unhandled exception", failure);
        }
    }

    static boolean isMailClientDefect(Throwable failure) {
        StackTraceElement[] stack = failure.getStackTrace();
        return failure instanceof NullPointerException
                && stack.length > 0
                && stack[0].getClassName().startsWith("io.vertx.ext.mail.impl.");
    }
}

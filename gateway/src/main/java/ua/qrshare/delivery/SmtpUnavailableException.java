package ua.qrshare.delivery;

/**
 * The mail could not be handed over for a reason that is not about this message: the server is unreachable, did not
 * answer in time, dropped the connection, answered "try later" (4xx), or refused in a way that means the relay is
 * misconfigured (authentication, relaying, sender policy). The share waits for the server; it is never failed for
 * this. {@code ambiguous} marks a send cut off after the connection was made and before a final reply: the server
 * may have accepted the message, so the retry (same Message-ID) can be a duplicate.
 */
public final class SmtpUnavailableException extends RuntimeException {

    private final boolean ambiguous;
    private final boolean timedOut;

    public SmtpUnavailableException(String message, Throwable cause, boolean ambiguous, boolean timedOut) {
        super(message, cause, false, false);
        this.ambiguous = ambiguous;
        this.timedOut = timedOut;
    }

    public boolean ambiguous() {
        return ambiguous;
    }

    public boolean timedOut() {
        return timedOut;
    }
}

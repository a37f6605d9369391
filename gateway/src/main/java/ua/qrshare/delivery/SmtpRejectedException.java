package ua.qrshare.delivery;

/**
 * The SMTP server refused this message for good, for a reason about the message or its recipient (e.g.
 * {@code 550 5.1.1} user unknown, {@code 552} too large): sending it again will not help, the share fails.
 */
public final class SmtpRejectedException extends RuntimeException {

    private final int replyCode;

    public SmtpRejectedException(int replyCode, String status, Throwable cause) {
        super("refused with " + replyCode + (status == null ? "" : " " + status), cause, false, false);
        this.replyCode = replyCode;
    }

    public int replyCode() {
        return replyCode;
    }
}

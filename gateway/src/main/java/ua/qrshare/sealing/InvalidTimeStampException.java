package ua.qrshare.sealing;

/**
 * The time-stamping authority answered, but not with a usable time-stamp for our request: it refused the request,
 * or the token stamps another imprint, carries another nonce, or is not validly signed by a time-stamping certificate.
 */
public final class InvalidTimeStampException extends RuntimeException {

    public InvalidTimeStampException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidTimeStampException(String message) {
        super(message);
    }
}

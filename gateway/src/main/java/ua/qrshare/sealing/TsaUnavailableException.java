package ua.qrshare.sealing;

/**
 * The time-stamping authority could not be reached, did not answer in time, or said it cannot stamp now. Transient
 * by nature: whoever asked keeps the copy and tries again later, never failing it for this.
 */
public final class TsaUnavailableException extends RuntimeException {

    public TsaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public TsaUnavailableException(String message) {
        super(message);
    }
}

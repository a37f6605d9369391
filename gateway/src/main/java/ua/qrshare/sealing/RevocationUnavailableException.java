package ua.qrshare.sealing;

/**
 * The revocation data a copy must carry (CAdES-BASELINE-LT) cannot be had right now: a CRL could not be fetched, or
 * is not signed by its issuer, or has expired. Like an unavailable TSA it means "seal later", never "give up".
 */
public final class RevocationUnavailableException extends RuntimeException {

    public RevocationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public RevocationUnavailableException(String message) {
        super(message);
    }
}

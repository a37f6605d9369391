package ua.qrshare.copy;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one copy shows: the document as the citizen's app attested it and where it is going.
 *
 * @param documentType         a catalog code ({@link DocumentFields#of})
 * @param documentTitleUk      the catalog's Ukrainian title, printed in the header
 * @param fields               the attestation's fields by key; keys the type does not list are not printed
 * @param photoJpegOrPng       the holder's photo, or {@code null}; printed only for types that carry one
 * @param formedAt             when the copy was formed, printed in Kyiv time
 * @param verifyUrl            where anyone can check the signed version
 */
public record CopyContent(
        String documentType,
        String documentTitleUk,
        Map<String, String> fields,
        byte[] photoJpegOrPng,
        String partnerName,
        String branchName,
        String branchAddress,
        String serviceName,
        String shareId,
        Instant formedAt,
        String verifyUrl) {

    public CopyContent {
        Objects.requireNonNull(documentType, "documentType");
        Objects.requireNonNull(documentTitleUk, "documentTitleUk");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(partnerName, "partnerName");
        Objects.requireNonNull(branchName, "branchName");
        Objects.requireNonNull(branchAddress, "branchAddress");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(shareId, "shareId");
        Objects.requireNonNull(formedAt, "formedAt");
        Objects.requireNonNull(verifyUrl, "verifyUrl");
    }

    /** Names the copy without its personal data, so logging one cannot leak a field value. */
    @Override
    public String toString() {
        return "CopyContent[" + documentType + ", share " + shareId + "]";
    }
}

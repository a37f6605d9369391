package ua.qrshare.partner;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What the cabinet shows about the calling partner ({@code GET /api/v1/partner}): the organisation, the head's
 * contacts, the masked passport, and where the partner stands with the offer.
 *
 * @param acceptedVersion the newest offer version the partner signed, {@code null} if none
 */
record PartnerView(
        UUID id,
        String kind,
        String edrpou,
        String name,
        String headName,
        String email,
        String phone,
        Passport passport,
        Integer acceptedVersion,
        OffsetDateTime acceptedAt,
        int currentVersion) {

    boolean profileComplete() {
        return email != null && phone != null && passport != null;
    }

    boolean offerAccepted() {
        return acceptedVersion != null && acceptedVersion == currentVersion;
    }

    JsonObject toJson() {
        return new JsonObject()
                .put("id", id.toString())
                .put("kind", kind)
                .put("edrpou", edrpou)
                .put("name", name)
                .put("headName", headName)
                .put("email", email)
                .put("phone", phone)
                .put("passport", passport == null ? null : passport.toJson())
                .put("profileComplete", profileComplete())
                .put(
                        "offer",
                        new JsonObject()
                                .put("currentVersion", currentVersion)
                                .put("acceptedVersion", acceptedVersion)
                                .put(
                                        "acceptedAt",
                                        acceptedAt == null
                                                ? null
                                                : acceptedAt.toInstant().toString())
                                .put("accepted", offerAccepted()));
    }
}

package ua.qrshare.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.UUID;

/**
 * The partner a login opens the cabinet for: a legal entity (by EDRPOU) or a sole proprietor (by the owner's RNOKPP,
 * which only the hash in the database identifies).
 *
 * @param kind   {@code legal_entity} or {@code sole_proprietor}
 * @param edrpou {@code null} for a sole proprietor
 */
record PartnerAccount(UUID id, String kind, String edrpou, String name, String headName) {

    static final String LEGAL_ENTITY = "legal_entity";
    static final String SOLE_PROPRIETOR = "sole_proprietor";

    static PartnerAccount of(Row row) {
        return new PartnerAccount(
                row.getUUID("id"),
                row.getString("kind"),
                row.getString("edrpou"),
                row.getString("name"),
                row.getString("head_name"));
    }

    JsonObject toJson() {
        return new JsonObject()
                .put("id", id.toString())
                .put("kind", kind.replace('_', '-'))
                .put("edrpou", edrpou)
                .put("name", name)
                .put("headName", headName);
    }
}

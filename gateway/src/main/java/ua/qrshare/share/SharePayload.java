package ua.qrshare.share;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ua.qrshare.secrets.FieldCipher;

/**
 * What a share carries from its acceptance to its delivery: the attested documents and who receives them. Stored only
 * encrypted ({@code share.payload_encrypted}), bound to the share's id, and erased once the mail is sent. The one
 * place its JSON keys and its encryption context are written and read.
 */
record SharePayload(List<Document> documents, Recipient recipient) {

    /** @param photo the holder's photo as attested (base64 JPEG), or null for a document without one */
    record Document(String type, Map<String, String> fields, String photo) {

        static Document attested(Attestations.Attestation attestation) {
            Map<String, String> fields = new LinkedHashMap<>();
            attestation.fields().forEach(e -> fields.put(e.getKey(), String.valueOf(e.getValue())));
            return new Document(attestation.type(), fields, attestation.photo());
        }
    }

    record Recipient(String partnerName, String branchName, String branchAddress, List<String> serviceNames) {}

    byte[] encrypt(FieldCipher cipher, UUID shareId) {
        JsonArray docs = new JsonArray();
        documents.forEach(d -> docs.add(new JsonObject()
                .put("type", d.type())
                .put("fields", new JsonObject(new LinkedHashMap<>(d.fields())))
                .put("photo", d.photo())));
        JsonObject json = new JsonObject()
                .put("documents", docs)
                .put(
                        "recipient",
                        new JsonObject()
                                .put("partnerName", recipient.partnerName())
                                .put("branchName", recipient.branchName())
                                .put("branchAddress", recipient.branchAddress())
                                .put("serviceNames", new JsonArray(new ArrayList<>(recipient.serviceNames()))));
        return cipher.encrypt(json.toBuffer().getBytes(), context(shareId));
    }

    /** @throws RuntimeException when the bytes are not this share's payload (another key, another share, damage) */
    static SharePayload decrypt(FieldCipher cipher, UUID shareId, byte[] encrypted) {
        JsonObject json =
                new JsonObject(new String(cipher.decrypt(encrypted, context(shareId)), StandardCharsets.UTF_8));
        List<Document> documents = new ArrayList<>();
        for (Object item : json.getJsonArray("documents")) {
            JsonObject d = (JsonObject) item;
            Map<String, String> fields = new LinkedHashMap<>();
            d.getJsonObject("fields").forEach(e -> fields.put(e.getKey(), String.valueOf(e.getValue())));
            documents.add(new Document(d.getString("type"), fields, d.getString("photo")));
        }
        JsonObject r = json.getJsonObject("recipient");
        List<String> names = new ArrayList<>();
        r.getJsonArray("serviceNames").forEach(n -> names.add(String.valueOf(n)));
        return new SharePayload(
                documents,
                new Recipient(
                        r.getString("partnerName"), r.getString("branchName"), r.getString("branchAddress"), names));
    }

    private static byte[] context(UUID shareId) {
        return ("share:" + shareId).getBytes(StandardCharsets.UTF_8);
    }
}

package ua.qrshare.branch;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import ua.qrshare.http.Email;
import ua.qrshare.http.Validation;

/**
 * A branch as the partner submits it: a name, either a structured address (region, district, locality, street,
 * house, optional unit) or one custom full address, and an optional delivery e-mail that overrides the profile's.
 */
record BranchInput(String name, JsonObject address, String addressText, String email) {

    private static final List<String> ADDRESS_PARTS = List.of("region", "district", "locality", "street", "house");
    private static final int MAX_PART = 200;

    static BranchInput validate(JsonObject body) {
        Validation v = new Validation();
        String name = v.requiredText(body, "name", 200);
        JsonObject structured = body.getValue("address") instanceof JsonObject a ? a : null;
        String custom = v.optionalText(body, "customAddress", 500);
        JsonObject address = null;
        String text = null;
        if (structured != null && custom != null) {
            v.add(
                    "address",
                    "ONE_ADDRESS_FORM",
                    "Вкажіть або структуровану адресу, або повну адресу одним рядком, не обидві.",
                    "Give either the structured address or the one-line address, not both.");
        } else if (structured != null) {
            address = structuredAddress(structured, v);
            text = address == null ? null : render(address);
        } else if (custom != null) {
            address = new JsonObject().put("custom", custom);
            text = custom;
        } else if (!(body.getValue("customAddress") instanceof String given) || given.isBlank()) {
            // (a one-line address that was given but refused has its own error already)
            v.add("address", "REQUIRED", "Вкажіть адресу відділення.", "Give the branch address.");
        }
        String email = v.optionalText(body, "email", Email.MAX_LENGTH);
        if (email != null) {
            email = v.email("email", email);
        }
        v.throwIfAny();
        return new BranchInput(name, address, text, email);
    }

    private static JsonObject structuredAddress(JsonObject in, Validation v) {
        JsonObject out = new JsonObject();
        boolean ok = true;
        for (String part : ADDRESS_PARTS) {
            String value = v.requiredText(in, part, MAX_PART);
            if (value == null) {
                ok = false;
            }
            out.put(part, value);
        }
        String unit = v.optionalText(in, "unit", MAX_PART);
        if (unit != null) {
            out.put("unit", unit);
        }
        return ok ? out : null;
    }

    /** The address as one line, the way citizens see it in the app and on the poster. */
    static String render(JsonObject address) {
        if (address.containsKey("custom")) {
            return address.getString("custom");
        }
        List<String> parts = new ArrayList<>();
        for (String part : ADDRESS_PARTS) {
            parts.add(address.getString(part));
        }
        if (address.getString("unit") != null) {
            parts.add(address.getString("unit"));
        }
        return String.join(", ", parts);
    }
}

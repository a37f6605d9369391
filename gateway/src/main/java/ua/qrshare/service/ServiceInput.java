package ua.qrshare.service;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import ua.qrshare.catalog.DocumentCatalog;
import ua.qrshare.http.Validation;

/**
 * A service (послуга) as the partner submits it: the names citizens see (several, comma-separated), the requested
 * documents, the legal basis for processing them and the partner's confirmation that the basis exists.
 */
record ServiceInput(List<String> names, List<String> documents, String legalBasis) {

    /**
     * Not services but steps of any service: a citizen cannot tell from them why the documents are asked for.
     * Compared after normalisation (case, surrounding spaces and punctuation).
     */
    static final Set<String> FORBIDDEN_NAMES = Set.of("укладення договору", "реєстрація клієнта", "ідентифікація");

    static ServiceInput validate(JsonObject body, DocumentCatalog catalog) {
        Validation v = new Validation();
        List<String> names = names(body, v);
        List<String> documents = documents(body, v, catalog);
        String legalBasis = v.requiredParagraph(body, "legalBasis", 2000);
        if (!Boolean.TRUE.equals(body.getValue("legalBasisConfirmed"))) {
            v.add(
                    "legalBasisConfirmed",
                    "LEGAL_BASIS_NOT_CONFIRMED",
                    "Підтвердьте, що маєте законну підставу для обробки кожного запитуваного документа.",
                    "Confirm that you have a legal basis for processing each requested document.");
        }
        v.throwIfAny();
        return new ServiceInput(names, documents, legalBasis);
    }

    private static List<String> names(JsonObject body, Validation v) {
        String raw = v.requiredText(body, "name", 500);
        if (raw == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        boolean refused = false;
        for (String part : raw.split(",")) {
            String name = part.strip();
            if (!name.isEmpty()) {
                if (FORBIDDEN_NAMES.contains(normalise(name))) {
                    notAllowed(name, v);
                    refused = true;
                } else {
                    names.add(name);
                }
            }
        }
        if (names.isEmpty() && !refused) {
            v.add("name", "REQUIRED", "Вкажіть назву послуги.", "Give the service name.");
        }
        return names;
    }

    private static List<String> documents(JsonObject body, Validation v, DocumentCatalog catalog) {
        if (!(body.getValue("documents") instanceof JsonArray array) || array.isEmpty()) {
            v.add("documents", "REQUIRED", "Оберіть хоча б один документ.", "Choose at least one document.");
            return List.of();
        }
        Set<String> codes = new LinkedHashSet<>();
        for (Object item : array) {
            if (!(item instanceof String code) || !catalog.contains(code)) {
                v.add(
                        "documents",
                        "UNKNOWN_DOCUMENT_TYPE",
                        "Невідомий тип документа: " + Validation.echo(item) + ".",
                        "Unknown document type: " + Validation.echo(item) + ".");
            } else if (!codes.add(code)) {
                v.add(
                        "documents",
                        "DUPLICATE_DOCUMENT_TYPE",
                        "Документ «" + code + "» вказано двічі.",
                        "Document \"" + code + "\" is listed twice.");
            }
        }
        return List.copyOf(codes);
    }

    /** Lower case, letters and digits only, single spaces: "  Ідентифікація!" and "ІДЕНТИФІКАЦІЯ" compare equal. */
    static String normalise(String name) {
        String text = Normalizer.normalize(name, Normalizer.Form.NFC)
                .toLowerCase(Locale.forLanguageTag("uk"))
                .replace('’', '\'')
                .replace('ʼ', '\'');
        return text.replaceAll("[^\\p{L}\\p{N}']+", " ").strip();
    }

    /** A step rather than a service, reported among the other field errors, with examples of good names. */
    private static void notAllowed(String name, Validation v) {
        String echo = Validation.echo(name);
        v.add(
                "name",
                "SERVICE_NAME_NOT_ALLOWED",
                "«" + echo
                        + "» — це не назва послуги. Назва має пояснювати громадянину, для чого потрібні його документи: "
                        + "наприклад, «Відкриття рахунку», «Оформлення кредиту», «Прийняття на роботу», «Оренда авто».",
                "\"" + echo + "\" is not a service name. The name must tell the citizen what the documents are for: "
                        + "for example \"Opening an account\", \"Taking out a loan\", \"Hiring\", \"Car rental\".");
        v.extension(
                "examples",
                new JsonArray()
                        .add("Відкриття рахунку")
                        .add("Оформлення кредиту")
                        .add("Прийняття на роботу")
                        .add("Оренда авто"));
    }
}

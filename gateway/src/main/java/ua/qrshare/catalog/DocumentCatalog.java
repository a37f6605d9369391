package ua.qrshare.catalog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import ua.qrshare.http.Routes;

/**
 * The documents a partner may request (table {@code document_type}, changed only by migrations). Read once at
 * start-up and kept in memory: it is on every service validation and every QR resolve.
 */
public final class DocumentCatalog implements Routes {

    /** One catalog entry. */
    public record DocumentType(String code, String titleUk, String titleEn, String legalAct) {
        public JsonObject json() {
            return new JsonObject()
                    .put("code", code)
                    .put("title", new JsonObject().put("uk", titleUk).put("en", titleEn))
                    .put("legalAct", legalAct);
        }
    }

    private final Map<String, DocumentType> byCode;
    private final io.vertx.core.buffer.Buffer listBody;

    private DocumentCatalog(Map<String, DocumentType> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
        JsonArray items = new JsonArray();
        byCode.values().forEach(t -> items.add(t.json()));
        this.listBody = new JsonObject().put("items", items).toBuffer();
    }

    public static Future<DocumentCatalog> load(SqlClient db) {
        return db.query("SELECT code, title_uk, title_en, legal_act FROM document_type ORDER BY position")
                .execute()
                .map(rows -> {
                    Map<String, DocumentType> types = new LinkedHashMap<>();
                    for (Row r : rows) {
                        types.put(
                                r.getString("code"),
                                new DocumentType(
                                        r.getString("code"),
                                        r.getString("title_uk"),
                                        r.getString("title_en"),
                                        r.getString("legal_act")));
                    }
                    return new DocumentCatalog(types);
                });
    }

    public boolean contains(String code) {
        return byCode.containsKey(code);
    }

    public DocumentType get(String code) {
        return byCode.get(code);
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/document-types")
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "public, max-age=3600")
                        .end(listBody));
    }
}

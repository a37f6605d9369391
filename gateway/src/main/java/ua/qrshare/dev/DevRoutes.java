package ua.qrshare.dev;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.UUID;
import ua.qrshare.copy.DocumentFields;
import ua.qrshare.http.Routes;
import ua.qrshare.http.Validation;

/**
 * Development stand-ins for the identity provider and the document service, for the citizen simulator and load
 * tests. Mounted only while the dev issuers are in use; a production gateway has no {@code /dev} routes at all.
 */
public final class DevRoutes implements Routes {

    static final int APP_TOKEN_SECONDS = 3600;

    static final int ATTESTATION_SECONDS = 24 * 3600;

    /** The catalog has eight document types; a request for more cannot be a share's. */
    static final int MAX_TYPES = 16;

    private final JwsIssuer identityProvider;
    private final JwsIssuer documentService;

    public DevRoutes(JwsIssuer identityProvider, JwsIssuer documentService) {
        this.identityProvider = identityProvider;
        this.documentService = documentService;
    }

    @Override
    public void mount(Router router) {
        router.post("/dev/app-token").handler(this::appToken);
        router.post("/dev/documents").consumes("application/json").handler(this::documents);
    }

    /**
     * {@code {subject, types:[…], photo?}} → one attestation per type, with realistic synthetic data of one and the
     * same made-up person for a given subject.
     */
    private void documents(RoutingContext ctx) {
        JsonObject body = ua.qrshare.http.JsonBody.of(ctx);
        Validation v = new Validation();
        String subject = v.requiredText(body, "subject", 100);
        java.util.List<String> types = new java.util.ArrayList<>();
        if (!(body.getValue("types") instanceof io.vertx.core.json.JsonArray requested) || requested.isEmpty()) {
            v.add("types", "REQUIRED", "Вкажіть типи документів.", "Give the document types.");
        } else if (requested.size() > MAX_TYPES) {
            v.add(
                    "types",
                    "TOO_MANY",
                    "Не більше " + MAX_TYPES + " типів документів за раз.",
                    "At most " + MAX_TYPES + " document types at a time.");
        } else {
            requested.forEach(t -> {
                if (t instanceof String type && DocumentFields.find(type).isPresent()) {
                    types.add(type);
                } else {
                    v.add(
                            "types",
                            "UNKNOWN_DOCUMENT_TYPE",
                            "Невідомий тип документа: " + Validation.echo(t) + ".",
                            "Unknown document type: " + Validation.echo(t) + ".");
                }
            });
        }
        v.throwIfAny();
        boolean photo = Boolean.TRUE.equals(body.getValue("photo"));
        // PNG encoding and ECDSA signing: worker-thread work, never the event loop's.
        ctx.vertx()
                .executeBlocking(() -> attest(subject, types, photo))
                .onSuccess(out -> ctx.json(new JsonObject().put("documents", out)))
                .onFailure(ctx::fail);
    }

    private io.vertx.core.json.JsonArray attest(String subject, java.util.List<String> types, boolean photo) {
        long seed = subject.hashCode();
        io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
        for (String type : types) {
            SyntheticDocuments.SyntheticDocument doc =
                    SyntheticDocuments.generate(type, seed, java.time.LocalDate.now(), photo);
            JsonObject claims = new JsonObject()
                    .put("sub", subject)
                    .put("type", type)
                    .put("iat", Instant.now().getEpochSecond())
                    .put("exp", Instant.now().getEpochSecond() + ATTESTATION_SECONDS)
                    .put("fields", new JsonObject(new java.util.HashMap<>(doc.fields())));
            if (doc.photoPng() != null) {
                claims.put("photo", java.util.Base64.getEncoder().encodeToString(doc.photoPng()));
            }
            out.add(new JsonObject().put("type", type).put("attestation", documentService.sign(claims)));
        }
        return out;
    }

    /** {@code {subject?}} → an app token for that citizen (a random one when absent). */
    private void appToken(RoutingContext ctx) {
        JsonObject body = ctx.body().length() == 0 ? new JsonObject() : ua.qrshare.http.JsonBody.of(ctx);
        Validation v = new Validation();
        String subject = v.optionalText(body, "subject", 100);
        v.throwIfAny();
        String sub = subject == null ? "dev-citizen-" + UUID.randomUUID() : subject;
        String token = identityProvider.sign(new JsonObject().put("sub", sub), APP_TOKEN_SECONDS);
        ctx.json(new JsonObject()
                .put("token", token)
                .put("subject", sub)
                .put("expiresAt", Instant.now().plusSeconds(APP_TOKEN_SECONDS).toString()));
    }
}

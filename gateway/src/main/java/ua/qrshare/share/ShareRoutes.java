package ua.qrshare.share;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import ua.qrshare.http.ClientAddress;
import ua.qrshare.http.JsonBody;
import ua.qrshare.http.PathIds;
import ua.qrshare.http.RateLimits;
import ua.qrshare.http.Routes;
import ua.qrshare.scan.AppProblems;
import ua.qrshare.scan.AppTokens;
import ua.qrshare.scan.QrStates;
import ua.qrshare.scan.ResolveRoutes;
import ua.qrshare.scan.ScanFeature;
import ua.qrshare.scan.ShareRequests;
import ua.qrshare.secrets.FieldCipher;
import ua.qrshare.secrets.LookupHash;
import ua.qrshare.start.Infrastructure;

/**
 * {@code POST /api/v1/app/shares}: the citizen confirms. Everything is checked, then one row holding the encrypted
 * inputs is committed — only then does the app get 202. Retries with the same {@code Idempotency-Key} and body get
 * the same answer; the request token is single-use (a unique key), so a request is shared at most once.
 */
public final class ShareRoutes implements Routes {

    private static final int MAX_IDEMPOTENCY_KEY = 200;

    private final SqlClient db;
    private final AppTokens appTokens;
    private final QrStates states;
    private final ShareRequests requests;
    private final Attestations attestations;
    private final FieldCipher cipher;
    private final LookupHash subjects;
    private final RateLimits perSubject;
    private final RateLimits perIp;
    private final Clock clock;

    /** Shares follow the scan: its app tokens, QR states, request tokens and the one rate limit per citizen. */
    public ShareRoutes(Infrastructure infra, ScanFeature scan, Clock clock) {
        this.db = infra.database().client();
        this.appTokens = scan.appTokens();
        this.states = scan.qrStates();
        this.requests = scan.requests();
        this.attestations = new Attestations(infra.vertx(), scan.documentIssuerKeys());
        this.cipher = infra.fieldCipher();
        this.subjects = infra.lookupHash();
        this.perSubject = scan.perSubject();
        this.perIp = scan.perIp();
        this.clock = clock;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/v1/app/shares")
                .consumes("application/json")
                .handler(appTokens)
                .handler(this::share);
        router.get("/api/v1/app/shares/:shareId").handler(appTokens).handler(this::status);
    }

    private void share(RoutingContext ctx) {
        String subject = AppTokens.subject(ctx);
        perIp.acquire(ClientAddress.of(ctx.request()));
        perSubject.acquire(subject);
        String key = idempotencyKey(ctx);
        JsonObject body = JsonBody.of(ctx);
        byte[] subjectHash = subjects.of(subject);
        byte[] bodyHash = sha256(ctx.body().buffer().getBytes());
        replay(subjectHash, key, bodyHash)
                .compose(previous -> previous != null
                        ? Future.succeededFuture(previous)
                        : accept(body, subject, subjectHash, key, bodyHash))
                .onSuccess(answer -> {
                    ctx.response().setStatusCode(202);
                    ctx.json(answer);
                })
                .onFailure(ctx::fail);
    }

    private Future<JsonObject> accept(
            JsonObject body, String subject, byte[] subjectHash, String key, byte[] bodyHash) {
        Instant now = clock.instant();
        String requestToken = body.getValue("requestToken") instanceof String s ? s : "";
        ShareRequests.Request request;
        try {
            request = requests.verify(requestToken, subject, now);
        } catch (ShareRequests.Refused refused) {
            return Future.failedFuture(AppProblems.request(refused.refusal()));
        }
        if (!(body.getValue("documents") instanceof JsonArray documents)) {
            return Future.failedFuture(AppProblems.documentsRequired());
        }
        return states.get(request.qrId())
                .compose(found -> ResolveRoutes.usable(found, now))
                .compose(state -> verifyAll(documents, subject, now)
                        .compose(attested -> matchRequested(state, attested))
                        .compose(attested -> insert(requestToken, state, attested, subjectHash, key, bodyHash)));
    }

    private Future<List<Attestations.Attestation>> verifyAll(JsonArray documents, String subject, Instant now) {
        List<Future<Attestations.Attestation>> checks = new ArrayList<>();
        documents.forEach(jws -> checks.add(attestations.verify(jws, subject, now)));
        return Future.all(checks).map(all -> all.list());
    }

    /** Exactly the requested types: no fewer (the partner needs them) and no more (data minimisation). */
    private static Future<List<Attestations.Attestation>> matchRequested(
            QrStates.QrState state, List<Attestations.Attestation> attested) {
        Set<String> given = new LinkedHashSet<>();
        List<String> extra = new ArrayList<>();
        for (Attestations.Attestation a : attested) {
            if (!state.documents().contains(a.type()) || !given.add(a.type())) {
                extra.add(a.type());
            }
        }
        List<String> missing =
                state.documents().stream().filter(t -> !given.contains(t)).toList();
        if (!missing.isEmpty()) {
            return Future.failedFuture(AppProblems.documentMissing(missing));
        }
        if (!extra.isEmpty()) {
            return Future.failedFuture(AppProblems.documentExtra(extra));
        }
        return Future.succeededFuture(attested);
    }

    private Future<JsonObject> insert(
            String requestToken,
            QrStates.QrState state,
            List<Attestations.Attestation> attested,
            byte[] subjectHash,
            String key,
            byte[] bodyHash) {
        UUID shareId = UUID.randomUUID();
        byte[] payload = new SharePayload(
                        attested.stream().map(SharePayload.Document::attested).toList(),
                        new SharePayload.Recipient(
                                state.partnerName(), state.branchName(), state.branchAddress(), state.serviceNames()))
                .encrypt(cipher, shareId);
        String[] types = attested.stream().map(Attestations.Attestation::type).toArray(String[]::new);
        return db.preparedQuery(
                        "INSERT INTO share (id, request_id, subject_hash, idempotency_key, request_hash, partner_id,"
                                + " branch_id, service_id, qr_id, document_types, status, payload_encrypted)"
                                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'accepted', $11) ON CONFLICT DO NOTHING RETURNING id")
                .execute(Tuple.of(
                                shareId,
                                requestToken,
                                Buffer.buffer(subjectHash),
                                key,
                                Buffer.buffer(bodyHash),
                                state.partnerId(),
                                state.branchId(),
                                state.serviceId())
                        .addValue(state.qrId())
                        .addValue(types)
                        .addValue(Buffer.buffer(payload)))
                .compose(rows -> rows.size() == 1
                        ? Future.succeededFuture(accepted(shareId))
                        // Lost a race: either this very request under the same key (answer as before) or a reuse.
                        : replay(subjectHash, key, bodyHash)
                                .compose(previous -> previous != null
                                        ? Future.succeededFuture(previous)
                                        : Future.failedFuture(AppProblems.alreadyUsed())));
    }

    /** The earlier answer for the same key and body; a failure for the same key with another body; else null. */
    private Future<JsonObject> replay(byte[] subjectHash, String key, byte[] bodyHash) {
        return db.preparedQuery("SELECT id, request_hash FROM share WHERE subject_hash = $1 AND idempotency_key = $2")
                .execute(Tuple.of(Buffer.buffer(subjectHash), key))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture(null);
                    }
                    Row row = rows.iterator().next();
                    if (!MessageDigest.isEqual(row.getBuffer("request_hash").getBytes(), bodyHash)) {
                        return Future.failedFuture(AppProblems.idempotencyKeyReused());
                    }
                    return Future.succeededFuture(accepted(row.getUUID("id")));
                });
    }

    private void status(RoutingContext ctx) {
        UUID id = PathIds.uuid(ctx, "shareId", AppProblems::shareNotFound);
        db.preparedQuery("SELECT status, created_at, signing_at, sent_at, failed_at, updated_at FROM share"
                        + " WHERE id = $1 AND subject_hash = $2")
                .execute(Tuple.of(id, Buffer.buffer(subjects.of(AppTokens.subject(ctx)))))
                .onSuccess(rows -> {
                    if (rows.size() == 0) {
                        ctx.fail(AppProblems.shareNotFound());
                        return;
                    }
                    Row r = rows.iterator().next();
                    ctx.json(new JsonObject()
                            .put("shareId", id.toString())
                            .put("status", r.getString("status"))
                            .put("acceptedAt", time(r, "created_at"))
                            .put("signingAt", time(r, "signing_at"))
                            .put("sentAt", time(r, "sent_at"))
                            .put("failedAt", time(r, "failed_at"))
                            .put("updatedAt", time(r, "updated_at")));
                })
                .onFailure(ctx::fail);
    }

    private static JsonObject accepted(UUID shareId) {
        return new JsonObject().put("shareId", shareId.toString()).put("status", "accepted");
    }

    private static String idempotencyKey(RoutingContext ctx) {
        String key = ctx.request().getHeader("Idempotency-Key");
        if (key == null || key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY) {
            throw AppProblems.idempotencyKeyRequired(MAX_IDEMPOTENCY_KEY);
        }
        return key.strip();
    }

    private static String time(Row r, String column) {
        var t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant().toString();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

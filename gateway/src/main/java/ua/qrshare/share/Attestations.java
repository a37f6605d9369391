package ua.qrshare.share;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Instant;
import java.util.List;
import ua.qrshare.scan.AppProblems;

/**
 * The documents the app holds: each an ES256 JWS from the document service with {@code type}, {@code sub},
 * {@code iat}, {@code exp}, {@code fields} and an optional base64 {@code photo}. Only attestations that verify
 * against the issuer's keys, are unexpired and belong to the caller are accepted.
 */
final class Attestations {

    /** One verified document. */
    record Attestation(String type, JsonObject fields, String photo) {}

    private final JWTAuth verifier;

    Attestations(Vertx vertx, List<String> issuerPublicKeysPem) {
        // Expiry is checked here rather than by the library, so an expired attestation gets its own answer.
        JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(new JWTOptions().setIgnoreExpiration(true));
        issuerPublicKeysPem.forEach(pem -> options.addPubSecKey(
                new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(pem)));
        this.verifier = JWTAuth.create(vertx, options);
    }

    Future<Attestation> verify(Object jws, String subject, Instant now) {
        if (!(jws instanceof String token) || token.isBlank()) {
            return Future.failedFuture(AppProblems.attestationInvalid());
        }
        return verifier.authenticate(new TokenCredentials(token))
                .recover(e -> Future.failedFuture(AppProblems.attestationInvalid()))
                .compose(user -> check(user, subject, now));
    }

    private static Future<Attestation> check(User user, String subject, Instant now) {
        JsonObject claims = user.principal();
        Object exp = user.get("exp");
        Object sub = user.get("sub");
        if (!(exp instanceof Number expiry)
                || !(claims.getValue("type") instanceof String type)
                || !(claims.getValue("fields") instanceof JsonObject fields)) {
            return Future.failedFuture(AppProblems.attestationInvalid());
        }
        if (!now.isBefore(Instant.ofEpochSecond(expiry.longValue()))) {
            return Future.failedFuture(AppProblems.attestationExpired(type));
        }
        if (!subject.equals(sub)) {
            return Future.failedFuture(AppProblems.attestationWrongSubject());
        }
        Object photo = claims.getValue("photo");
        return Future.succeededFuture(new Attestation(type, fields, photo instanceof String p ? p : null));
    }
}

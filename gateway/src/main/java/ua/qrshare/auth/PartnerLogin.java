package ua.qrshare.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import ua.qrshare.db.Notifications;
import ua.qrshare.http.Problem;
import ua.qrshare.pki.CmsSignatures;
import ua.qrshare.register.Register;

/**
 * Logging in with a КЕП: the challenge is used up, the CMS signature over its nonce verified, the signer's identity
 * read from the certificate, headship checked against the register (legal entities) or taken from the certificate
 * alone (sole proprietors), the partner row created or refreshed, and a session opened.
 */
final class PartnerLogin {

    private final Vertx vertx;
    private final SqlClient db;
    private final Challenges challenges;
    private final CmsSignatures signatures;
    private final Register register;
    private final Sessions sessions;

    PartnerLogin(
            Vertx vertx,
            SqlClient db,
            Challenges challenges,
            CmsSignatures signatures,
            Register register,
            Sessions sessions) {
        this.vertx = vertx;
        this.db = db;
        this.challenges = challenges;
        this.signatures = signatures;
        this.register = register;
        this.sessions = sessions;
    }

    /** A successful login: who, and the session token with its expiry. */
    record Session(PartnerAccount partner, String token, Instant expiresAt) {}

    Future<Session> login(UUID challengeId, byte[] signature) {
        return challenges
                .consume(challengeId)
                .compose(nonce -> identify(signature, nonce))
                .compose(this::partnerOf)
                .compose(partner -> {
                    Instant expiresAt = Instant.now().plus(sessions.lifetime()).truncatedTo(ChronoUnit.SECONDS);
                    return sessions.open(partner.id()).map(token -> new Session(partner, token, expiresAt));
                });
    }

    /**
     * Off the event loop: one ECDSA verification is cheap, but RSA-4096 keys and PKIX path building are not, and the
     * event loop must never wait for them. Unordered, so logins on one event loop verify in parallel.
     */
    private Future<KepIdentity> identify(byte[] signature, byte[] nonce) {
        return vertx.executeBlocking(
                () -> {
                    try {
                        return KepIdentity.of(signatures
                                .verify(signature, nonce, Instant.now())
                                .signer());
                    } catch (CmsSignatures.Rejection rejection) {
                        throw SignatureProblems.of(rejection);
                    }
                },
                false);
    }

    private Future<PartnerAccount> partnerOf(KepIdentity identity) {
        byte[] rnokppHash = register.hashOf(identity.rnokpp());
        if (identity.soleProprietor()) {
            return upsertSoleProprietor(rnokppHash, identity.fullName());
        }
        if (!identity.wellFormedEdrpou()) {
            return Future.failedFuture(unknownOrganisation());
        }
        return register.find(identity.edrpou()).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(unknownOrganisation());
            }
            if (!found.get().headedBy(rnokppHash)) {
                return Future.failedFuture(notHead());
            }
            return upsertLegalEntity(found.get(), rnokppHash, identity.fullName());
        });
    }

    private Future<PartnerAccount> upsertLegalEntity(
            Register.Organisation organisation, byte[] headHash, String headName) {
        // A new head of the same organisation takes over its cabinet: the partner is the organisation, not the person.
        return db.preparedQuery("INSERT INTO partner (id, kind, edrpou, owner_rnokpp_hash, name, head_name)"
                        + " VALUES ($1, 'legal_entity', $2, $3, $4, $5)"
                        + " ON CONFLICT (edrpou) DO UPDATE SET owner_rnokpp_hash = EXCLUDED.owner_rnokpp_hash,"
                        + " name = EXCLUDED.name, head_name = EXCLUDED.head_name, updated_at = now()"
                        + " RETURNING id, kind, edrpou, name, head_name")
                .execute(Tuple.of(
                        UUID.randomUUID(),
                        organisation.edrpou(),
                        Buffer.buffer(headHash),
                        organisation.name(),
                        headName))
                .map(rows -> PartnerAccount.of(rows.iterator().next()))
                .compose(this::announceNameMayHaveChanged);
    }

    private Future<PartnerAccount> upsertSoleProprietor(byte[] ownerHash, String fullName) {
        return db.preparedQuery("INSERT INTO partner (id, kind, edrpou, owner_rnokpp_hash, name, head_name)"
                        + " VALUES ($1, 'sole_proprietor', NULL, $2, $3, $4)"
                        + " ON CONFLICT (owner_rnokpp_hash) WHERE kind = 'sole_proprietor'"
                        + " DO UPDATE SET name = EXCLUDED.name, head_name = EXCLUDED.head_name, updated_at = now()"
                        + " RETURNING id, kind, edrpou, name, head_name")
                .execute(Tuple.of(UUID.randomUUID(), Buffer.buffer(ownerHash), "ФОП " + fullName, fullName))
                .map(rows -> PartnerAccount.of(rows.iterator().next()))
                .compose(this::announceNameMayHaveChanged);
    }

    /**
     * A login refreshes the partner's name from the register or the certificate, and the name is on every QR the
     * citizen resolves: tell every instance to drop what it cached for this partner. Logins are rare; this is cheap.
     */
    private Future<PartnerAccount> announceNameMayHaveChanged(PartnerAccount account) {
        return Notifications.publish(
                        db, new JsonObject().put("partner", account.id().toString()))
                .map(v -> account);
    }

    static Problem unknownOrganisation() {
        return new Problem(
                403,
                "UNKNOWN_ORGANISATION",
                "Організації з кодом ЄДРПОУ з вашого сертифіката немає в реєстрі. Перевірте, що КЕП видано саме для"
                        + " цієї організації.",
                "The organisation code (EDRPOU) in your certificate is not in the register. Check that the КЕП was"
                        + " issued for this organisation.");
    }

    static Problem notHead() {
        return new Problem(
                403,
                "NOT_ORGANISATION_HEAD",
                "За даними реєстру ви не є керівником цієї організації. До кабінету входить лише керівник"
                        + " юридичної особи або ФОП.",
                "According to the register you are not the head of this organisation. Only the head of a legal"
                        + " entity or a sole proprietor may use the cabinet.");
    }
}

package ua.qrshare.testing;

import static ua.qrshare.testing.Await.await;

import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import ua.qrshare.partner.Offer;

/**
 * Partners made directly in the database, for tests of features behind the login (the login itself is tested with
 * real КЕП signatures in the auth tests).
 */
public final class TestPartners {

    private TestPartners() {}

    /** A legal entity that has only just logged in: no profile, no offer accepted. */
    public static UUID newLegalEntity(RunningGateway gateway, String edrpou, String name) {
        UUID id = UUID.randomUUID();
        await(gateway.database()
                .pool()
                .preparedQuery("INSERT INTO partner (id, kind, edrpou, owner_rnokpp_hash, name, head_name)"
                        + " VALUES ($1, 'legal_entity', $2, $3, $4, 'Тестовий Керівник')")
                .execute(Tuple.of(id, edrpou, gateway.lookupHash().of("1" + edrpou.substring(0, 8) + "0"), name)));
        return id;
    }

    /** A legal entity with a complete profile and the current offer accepted: the cabinet is open to it. */
    public static UUID activeLegalEntity(RunningGateway gateway, String edrpou, String name) {
        UUID id = newLegalEntity(gateway, edrpou, name);
        byte[] passport = gateway.fieldCipher()
                .encrypt(
                        "123456789".getBytes(StandardCharsets.UTF_8),
                        ("partner.passport:" + id).getBytes(StandardCharsets.UTF_8));
        await(gateway.database()
                .pool()
                .preparedQuery("UPDATE partner SET email = $2, phone = $3, passport_encrypted = $4" + " WHERE id = $1")
                .execute(Tuple.of(
                        id,
                        "office-" + edrpou + "@example.ua",
                        "+380441234567",
                        io.vertx.core.buffer.Buffer.buffer(passport))));
        await(gateway.database()
                .pool()
                .preparedQuery("INSERT INTO offer_acceptance"
                        + " (partner_id, offer_version, text_sha256, signature_encrypted, signer_certificate_encrypted)"
                        + " VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(
                        id,
                        Offer.CURRENT_VERSION,
                        io.vertx.core.buffer.Buffer.buffer(new byte[32]),
                        io.vertx.core.buffer.Buffer.buffer("fixture".getBytes(StandardCharsets.US_ASCII)),
                        io.vertx.core.buffer.Buffer.buffer("fixture".getBytes(StandardCharsets.US_ASCII)))));
        return id;
    }

    /** A session token for the partner, usable as {@code Authorization: Bearer}. */
    public static String login(RunningGateway gateway, UUID partnerId) {
        return await(gateway.sessions().open(partnerId));
    }
}

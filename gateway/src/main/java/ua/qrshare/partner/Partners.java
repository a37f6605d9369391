package ua.qrshare.partner;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** The partner rows this package reads and writes: the cabinet view, the profile, and the head's identity. */
final class Partners {

    static final String LEGAL_ENTITY = "legal_entity";

    /** The partner and its newest acceptance of an offer version this gateway knows, in one round trip. */
    private static final String VIEW = """
            SELECT p.id, p.kind, p.edrpou, p.name, p.head_name, p.email, p.phone, p.passport_encrypted,
                   a.offer_version, a.accepted_at
            FROM partner p
            LEFT JOIN LATERAL (SELECT offer_version, accepted_at FROM offer_acceptance
                               WHERE partner_id = p.id AND offer_version <= $2
                               ORDER BY offer_version DESC LIMIT 1) a ON true
            WHERE p.id = $1""";
    /** Leaving the passport out keeps the stored one, but only if there is one: otherwise no row is updated. */
    private static final String UPDATE_PROFILE = """
            UPDATE partner SET email = $2, phone = $3, passport_encrypted = COALESCE($4, passport_encrypted),
                               updated_at = now()
            WHERE id = $1 AND ($4::bytea IS NOT NULL OR passport_encrypted IS NOT NULL)""";

    private static final String HEAD = "SELECT kind, edrpou, owner_rnokpp_hash FROM partner WHERE id = $1";

    /** Who may sign for the partner: the owner's RNOKPP (as its lookup hash) and, for a legal entity, its EDRPOU. */
    record Head(boolean legalEntity, String edrpou, byte[] rnokppHash) {}

    private final SqlClient db;
    private final PassportCipher passports;

    Partners(SqlClient db, PassportCipher passports) {
        this.db = db;
        this.passports = passports;
    }

    /** Empty when the partner no longer exists. */
    Future<Optional<PartnerView>> view(UUID partnerId, int currentOfferVersion) {
        return db.preparedQuery(VIEW)
                .execute(Tuple.of(partnerId, currentOfferVersion))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(toView(rows.iterator().next(), currentOfferVersion)));
    }

    /** False when the form left the passport out and none is stored. */
    Future<Boolean> updateProfile(UUID partnerId, ProfileForm.Update update) {
        Buffer passport =
                update.passport() == null ? null : Buffer.buffer(passports.seal(partnerId, update.passport()));
        return db.preparedQuery(UPDATE_PROFILE)
                .execute(Tuple.of(partnerId, update.email(), update.phone(), passport))
                .map(rows -> rows.rowCount() == 1);
    }

    Future<Optional<Head>> head(UUID partnerId) {
        return db.preparedQuery(HEAD).execute(Tuple.of(partnerId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new Head(
                    LEGAL_ENTITY.equals(row.getString("kind")),
                    row.getString("edrpou"),
                    row.getBuffer("owner_rnokpp_hash").getBytes()));
        });
    }

    private PartnerView toView(Row row, int currentOfferVersion) {
        UUID id = row.getUUID("id");
        Buffer passport = row.getBuffer("passport_encrypted");
        return new PartnerView(
                id,
                apiKind(row.getString("kind")),
                row.getString("edrpou"),
                row.getString("name"),
                row.getString("head_name"),
                row.getString("email"),
                row.getString("phone"),
                passports
                        .open(id, passport == null ? null : passport.getBytes())
                        .orElse(null),
                row.getInteger("offer_version"),
                row.getOffsetDateTime("accepted_at"),
                currentOfferVersion);
    }

    /** The API spells enumerations in kebab case, like the document type codes. */
    private static String apiKind(String kind) {
        return kind.replace('_', '-');
    }
}

package ua.qrshare.register;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Optional;
import ua.qrshare.secrets.LookupHash;

/**
 * The business register (table {@code organisation}): which RNOKPP heads which legal entity. Read at login for the
 * head check; written in blocking batches by {@code qrshare registry import} and by the dev seed. Heads are stored
 * as keyed hashes only, so matching needs the lookup key and a table dump reveals no taxpayer number.
 */
public final class Register {

    private static final String INSERT = "INSERT INTO organisation (edrpou, name, head_rnokpp_hash, head_name, address)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (edrpou) ";
    private static final String REPLACE = INSERT + "DO UPDATE SET name = EXCLUDED.name,"
            + " head_rnokpp_hash = EXCLUDED.head_rnokpp_hash, head_name = EXCLUDED.head_name,"
            + " address = EXCLUDED.address, imported_at = now()";
    private static final String KEEP = INSERT + "DO NOTHING";

    private final SqlClient db;
    private final LookupHash lookupHash;

    public Register(SqlClient db, LookupHash lookupHash) {
        this.db = db;
        this.lookupHash = lookupHash;
    }

    /** An organisation as the register holds it. */
    public record Organisation(String edrpou, String name, byte[] headRnokppHash) {

        public boolean headedBy(byte[] rnokppHash) {
            return MessageDigest.isEqual(headRnokppHash, rnokppHash);
        }
    }

    public Future<Optional<Organisation>> find(String edrpou) {
        return db.preparedQuery("SELECT edrpou, name, head_rnokpp_hash FROM organisation WHERE edrpou = $1")
                .execute(Tuple.of(edrpou))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(organisation(rows.iterator().next())));
    }

    public byte[] hashOf(String rnokpp) {
        return lookupHash.of(rnokpp);
    }

    /**
     * Writes valid entries as one batch, in the caller's transaction if it has one; blocking. With {@code replace},
     * an entry overwrites the register's row for its EDRPOU (a re-import after a change of head); without, rows
     * already there are kept (the dev seed).
     *
     * @return how many rows were inserted or replaced
     */
    public static int write(
            Connection connection, LookupHash lookupHash, Collection<RegisterEntry> entries, boolean replace)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(replace ? REPLACE : KEEP)) {
            for (RegisterEntry entry : entries) {
                statement.setString(1, entry.edrpou());
                statement.setString(2, entry.name());
                statement.setBytes(3, lookupHash.of(entry.headRnokpp()));
                statement.setString(4, entry.headName());
                statement.setString(5, entry.address());
                statement.addBatch();
            }
            int written = 0;
            for (int count : statement.executeBatch()) {
                written += Math.max(count, 0); // SUCCESS_NO_INFO (-2) is not a row we can count
            }
            return written;
        }
    }

    private static Organisation organisation(Row row) {
        return new Organisation(
                row.getString("edrpou"),
                row.getString("name"),
                row.getBuffer("head_rnokpp_hash").getBytes());
    }
}

package ua.qrshare.auth;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.qrshare.http.Problem;

/**
 * Login challenges: 32 random bytes the partner signs with the КЕП, usable once within {@link #LIFETIME}. The row
 * is consumed by one conditional UPDATE, so two concurrent logins with the same challenge cannot both succeed, on
 * one instance or many.
 */
final class Challenges {

    private static final Logger log = LoggerFactory.getLogger(Challenges.class);
    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final int NONCE_BYTES = 32;
    /** Expired rows are deleted at most this often per instance: enough to keep the table small, cheap under load. */
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    private final SqlClient db;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong nextPurge = new AtomicLong(System.nanoTime());

    Challenges(SqlClient db) {
        this.db = db;
    }

    record Challenge(UUID id, byte[] nonce, Instant expiresAt) {}

    Future<Challenge> create() {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        // Whole seconds, so the expiry the client sees is exactly the one stored.
        Instant expiresAt = Instant.now().plus(LIFETIME).truncatedTo(ChronoUnit.SECONDS);
        Challenge challenge = new Challenge(UUID.randomUUID(), nonce, expiresAt);
        purgeExpiredNowAndThen();
        return db.preparedQuery("INSERT INTO auth_challenge (id, nonce, expires_at) VALUES ($1, $2, $3)")
                .execute(Tuple.of(
                        challenge.id(), Buffer.buffer(nonce), OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC)))
                .map(rows -> challenge);
    }

    /** The nonce of an unused, unexpired challenge, which is used up by this call; {@code CHALLENGE_INVALID} otherwise. */
    Future<byte[]> consume(UUID id) {
        return db.preparedQuery("UPDATE auth_challenge SET used_at = now()"
                        + " WHERE id = $1 AND used_at IS NULL AND expires_at > now() RETURNING nonce")
                .execute(Tuple.of(id))
                .compose(rows -> rows.size() == 1
                        ? Future.succeededFuture(
                                rows.iterator().next().getBuffer("nonce").getBytes())
                        : Future.failedFuture(invalid()));
    }

    static Problem invalid() {
        return new Problem(
                401,
                "CHALLENGE_INVALID",
                "Виклик для входу недійсний: його вже використано або минув його строк. Почніть вхід знову.",
                "The login challenge is not valid: it was already used or has expired. Start the login again.");
    }

    /** Fire and forget: a failed purge is retried a minute later and must not fail the login it rode along with. */
    private void purgeExpiredNowAndThen() {
        long now = System.nanoTime();
        long due = nextPurge.get();
        if (now - due >= 0 && nextPurge.compareAndSet(due, now + PURGE_INTERVAL.toNanos())) {
            db.query("DELETE FROM auth_challenge WHERE expires_at < now()")
                    .execute()
                    .onFailure(e -> log.warn("Could not purge expired login challenges: {}", e.toString()));
        }
    }
}

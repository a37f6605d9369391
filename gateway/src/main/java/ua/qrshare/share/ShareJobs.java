package ua.qrshare.share;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The share table as a durable queue any number of gateway instances work from. A worker claims one due job with
 * {@code FOR UPDATE SKIP LOCKED} and holds it for a short lease that it renews ({@link #renew}) while it works; a
 * worker that dies stops renewing, and within one lease the job is claimed again. The lease token names the holder,
 * so a worker whose lease was lost neither renews nor gives back a job another worker now holds. Failures retry with exponential backoff until the job is older than the maximum age, then
 * it is dead-lettered as {@code failed}. Finishing either way erases the encrypted inputs in the same statement.
 */
public final class ShareJobs {

    /**
     * A claimed job. {@code attempts} counts this one; {@code deliveryAddress} is the branch's own address, else its
     * partner's, as the claim found them ({@code null} when neither has one).
     */
    public record Job(
            UUID id,
            UUID partnerId,
            UUID branchId,
            UUID serviceId,
            List<String> documentTypes,
            byte[] payload,
            int attempts,
            OffsetDateTime createdAt,
            UUID leaseToken,
            byte[] copies,
            String deliveryAddress) {}

    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private static final String CLAIM = """
            UPDATE share SET status = 'signing', signing_at = coalesce(signing_at, now()), attempts = attempts + 1,
                   lease_until = now() + make_interval(secs => $1), lease_token = $2, updated_at = now()
            WHERE id = (SELECT id FROM share
                        WHERE status IN ('accepted', 'signing') AND next_attempt_at <= now()
                          AND (lease_until IS NULL OR lease_until < now())
                        ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id, partner_id, branch_id, service_id, document_types, payload_encrypted, attempts, created_at,
                      lease_token, copies_encrypted,
                      (SELECT coalesce(b.email, p.email) FROM branch b JOIN partner p ON p.id = b.partner_id
                       WHERE b.id = share.branch_id) AS delivery_address""";

    private final SqlClient db;
    private final Duration maxAge;

    public ShareJobs(SqlClient db, Duration maxAge) {
        this.db = db;
        this.maxAge = maxAge;
    }

    /** The next due job, leased for {@code lease}; empty when nothing is due. */
    public Future<Optional<Job>> claim(Duration lease) {
        return db.preparedQuery(CLAIM)
                .execute(Tuple.of((double) lease.toMillis() / 1000, UUID.randomUUID()))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(job(rows.iterator().next())));
    }

    /** Whether a job has waited too long to be worth delivering. */
    public boolean tooOld(Job job) {
        return job.createdAt().toInstant().plus(maxAge).isBefore(java.time.Instant.now());
    }

    /**
     * Extends the lease of a job this worker still holds; {@code false} when it no longer does (the lease ran out and
     * another worker took the job, or it is finished).
     */
    public Future<Boolean> renew(Job job, Duration lease) {
        return db.preparedQuery("UPDATE share SET lease_until = now() + make_interval(secs => $3)"
                        + " WHERE id = $1 AND lease_token = $2 AND status = 'signing'")
                .execute(Tuple.of(job.id(), job.leaseToken(), (double) lease.toMillis() / 1000))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Keeps the sealed copies (already encrypted) of a job the worker holds, for the retries. */
    public Future<Void> keepCopies(Job job, byte[] copiesEncrypted) {
        return db.preparedQuery("UPDATE share SET copies_encrypted = $3 WHERE id = $1 AND lease_token = $2"
                        + " AND status = 'signing'")
                .execute(Tuple.of(job.id(), job.leaseToken(), Buffer.buffer(copiesEncrypted)))
                .mapEmpty();
    }

    /**
     * Delivered: the e-mail was accepted by the SMTP server; the inputs and the copies go at once. Idempotent and
     * unconditional (whoever holds the lease now), so it may be repeated until it succeeds.
     */
    public Future<Void> sent(UUID id) {
        return db.preparedQuery(
                        "UPDATE share SET status = 'sent', sent_at = coalesce(sent_at, now()), payload_encrypted = NULL,"
                                + " copies_encrypted = NULL, lease_until = NULL, lease_token = NULL, failure_reason = NULL,"
                                + " updated_at = now() WHERE id = $1 AND status <> 'sent'")
                .execute(Tuple.of(id))
                .mapEmpty();
    }

    /**
     * A transient failure (TSA or SMTP away): try again after a backoff that doubles per attempt. Only the holder of
     * the lease gives a job back.
     */
    public Future<Void> retryLater(Job job, String reason) {
        return db.preparedQuery(
                        "UPDATE share SET next_attempt_at = now() + make_interval(secs => $2), lease_until = NULL,"
                                + " lease_token = NULL, failure_reason = $3, updated_at = now()"
                                + " WHERE id = $1 AND lease_token = $4 AND status = 'signing'")
                .execute(Tuple.of(job.id(), (double) backoff(job.attempts()).toSeconds(), reason, job.leaseToken()))
                .mapEmpty();
    }

    /** A permanent failure, or too old: dead-lettered with the reason, inputs and copies erased. */
    public Future<Void> fail(UUID id, String reason) {
        return db.preparedQuery("UPDATE share SET status = 'failed', failed_at = now(), payload_encrypted = NULL,"
                        + " copies_encrypted = NULL, lease_until = NULL, lease_token = NULL, failure_reason = $2,"
                        + " updated_at = now() WHERE id = $1 AND status <> 'sent'")
                .execute(Tuple.of(id, reason))
                .mapEmpty();
    }

    /** Deletes finished shares older than {@code retention}; the count deleted. */
    public Future<Integer> purge(Duration retention) {
        return db.preparedQuery("DELETE FROM share WHERE status IN ('sent', 'failed')"
                        + " AND created_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) retention.toSeconds()))
                .map(rows -> rows.rowCount());
    }

    /** 2, 4, 8 … seconds, at most {@link #MAX_BACKOFF}. */
    static Duration backoff(int attempts) {
        long seconds = 1L << Math.min(Math.max(attempts, 1), 20);
        return seconds > MAX_BACKOFF.toSeconds() ? MAX_BACKOFF : Duration.ofSeconds(seconds);
    }

    private static Job job(Row r) {
        return new Job(
                r.getUUID("id"),
                r.getUUID("partner_id"),
                r.getUUID("branch_id"),
                r.getUUID("service_id"),
                List.of(r.getArrayOfStrings("document_types")),
                r.getBuffer("payload_encrypted").getBytes(),
                r.getInteger("attempts"),
                r.getOffsetDateTime("created_at"),
                r.getUUID("lease_token"),
                r.getBuffer("copies_encrypted") == null
                        ? null
                        : r.getBuffer("copies_encrypted").getBytes(),
                r.getString("delivery_address"));
    }
}

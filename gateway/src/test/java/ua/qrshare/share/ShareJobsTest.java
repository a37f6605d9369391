package ua.qrshare.share;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.qrshare.testing.Await.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.TestPartners;

/** The durable job queue on a real PostgreSQL: claims, leases, backoff, dead letters, concurrent workers. */
@Tag("persistence")
class ShareJobsTest {

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.with(Map.of("share.workers", "-1"));

    static ShareJobs jobs;
    static UUID partnerId;
    static UUID branchId;
    static UUID serviceId;
    static UUID qrId;

    @BeforeAll
    static void start() {
        jobs = new ShareJobs(gateway.database().pool(), Duration.ofHours(24));
        partnerId = TestPartners.activeLegalEntity(gateway, "34000001", "ТОВ «Черга»");
        branchId = UUID.randomUUID();
        serviceId = UUID.randomUUID();
        qrId = UUID.randomUUID();
        sql(
                "INSERT INTO branch (id, partner_id, name, address, address_text) VALUES ($1, $2, 'Б', '{\"custom\":\"А\"}', 'А')",
                Tuple.of(branchId, partnerId));
        sql(
                "INSERT INTO service (id, partner_id, branch_id, names, documents, legal_basis, legal_basis_confirmed)"
                        + " VALUES ($1, $2, $3, '{Послуга}', '{id-card}', 'Закон', true)",
                Tuple.of(serviceId, partnerId, branchId));
        sql(
                "INSERT INTO qr_code (id, partner_id, service_id, token, address_text, expires_at)"
                        + " VALUES ($1, $2, $3, $4, 'А', now() + interval '1 day')",
                Tuple.of(qrId, partnerId, serviceId, "t-" + qrId));
    }

    @BeforeEach
    void emptyQueue() {
        sql("DELETE FROM share", Tuple.tuple());
    }

    static UUID enqueue() {
        UUID id = UUID.randomUUID();
        sql(
                "INSERT INTO share (id, request_id, subject_hash, idempotency_key, request_hash, partner_id, branch_id, service_id,"
                        + " qr_id, document_types, status, payload_encrypted) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '{id-card}',"
                        + " 'accepted', $10)",
                Tuple.of(
                                id,
                                "r-" + id,
                                Buffer.buffer(new byte[32]),
                                "k-" + id,
                                Buffer.buffer(new byte[32]),
                                partnerId,
                                branchId,
                                serviceId)
                        .addValue(qrId)
                        .addValue(Buffer.buffer(new byte[] {1, 2, 3})));
        return id;
    }

    @Test
    void a_claimed_job_is_not_handed_out_again_while_its_lease_runs() {
        UUID id = enqueue();
        Optional<ShareJobs.Job> first = await(jobs.claim(Duration.ofSeconds(30)));
        assertThat(first).map(ShareJobs.Job::id).contains(id);
        assertThat(first.get().attempts()).isEqualTo(1);
        assertThat(await(jobs.claim(Duration.ofSeconds(30)))).isEmpty();
        assertThat(row(id).getString("status")).isEqualTo("signing");
    }

    @Test
    void a_job_whose_worker_died_is_claimed_again_when_the_lease_runs_out() throws Exception {
        UUID id = enqueue();
        await(jobs.claim(Duration.ofMillis(300)));
        Thread.sleep(600);
        Optional<ShareJobs.Job> again = await(jobs.claim(Duration.ofSeconds(30)));
        assertThat(again).map(ShareJobs.Job::id).contains(id);
        assertThat(again.get().attempts()).isEqualTo(2);
    }

    @Test
    void a_renewed_lease_keeps_the_job_and_a_holder_that_lost_it_neither_renews_nor_gives_it_back() throws Exception {
        UUID id = enqueue();
        ShareJobs.Job job = await(jobs.claim(Duration.ofMillis(600))).orElseThrow();
        for (int i = 0; i < 4; i++) {
            Thread.sleep(300);
            assertThat(await(jobs.renew(job, Duration.ofMillis(600)))).isTrue();
        }
        assertThat(await(jobs.claim(Duration.ofSeconds(30))))
                .as("held past its first lease by renewal")
                .isEmpty();
        Thread.sleep(900);
        ShareJobs.Job other = await(jobs.claim(Duration.ofSeconds(30))).orElseThrow();
        assertThat(other.id()).isEqualTo(id);
        assertThat(await(jobs.renew(job, Duration.ofSeconds(30)))).isFalse();
        await(jobs.retryLater(job, "STALE"));
        Row r = row(id);
        assertThat(r.getUUID("lease_token")).isEqualTo(other.leaseToken());
        assertThat(r.getString("failure_reason")).isNull();
    }

    @Test
    void the_claim_brings_the_branch_address_else_the_partner_address_else_none() {
        String partnerEmail = "partner-" + UUID.randomUUID() + "@example.com";
        String before = await(gateway.database()
                        .pool()
                        .preparedQuery("SELECT email FROM partner WHERE id = $1")
                        .execute(Tuple.of(partnerId)))
                .iterator()
                .next()
                .getString("email");
        try {
            sql("UPDATE partner SET email = $2 WHERE id = $1", Tuple.of(partnerId, partnerEmail));
            sql("UPDATE branch SET email = 'branch@example.com' WHERE id = $1", Tuple.of(branchId));
            enqueue();
            assertThat(await(jobs.claim(Duration.ofSeconds(30))).orElseThrow().deliveryAddress())
                    .isEqualTo("branch@example.com");
            sql("UPDATE branch SET email = NULL WHERE id = $1", Tuple.of(branchId));
            enqueue();
            assertThat(await(jobs.claim(Duration.ofSeconds(30))).orElseThrow().deliveryAddress())
                    .isEqualTo(partnerEmail);
            sql("UPDATE partner SET email = NULL WHERE id = $1", Tuple.of(partnerId));
            enqueue();
            assertThat(await(jobs.claim(Duration.ofSeconds(30))).orElseThrow().deliveryAddress())
                    .isNull();
        } finally {
            sql("UPDATE partner SET email = $2 WHERE id = $1", Tuple.of(partnerId, before));
            sql("UPDATE branch SET email = NULL WHERE id = $1", Tuple.of(branchId));
        }
    }

    @Test
    void kept_copies_come_back_with_the_next_claim_and_go_with_the_job() {
        UUID id = enqueue();
        ShareJobs.Job job = await(jobs.claim(Duration.ofSeconds(30))).orElseThrow();
        assertThat(job.copies()).isNull();
        await(jobs.keepCopies(job, new byte[] {9, 8, 7}));
        await(jobs.retryLater(job, "SMTP_UNAVAILABLE"));
        sql("UPDATE share SET next_attempt_at = now() WHERE id = $1", Tuple.of(id));
        ShareJobs.Job again = await(jobs.claim(Duration.ofSeconds(30))).orElseThrow();
        assertThat(again.copies()).containsExactly(9, 8, 7);
        await(jobs.sent(id));
        await(jobs.sent(id)); // repeated until it succeeds: idempotent
        Row r = row(id);
        assertThat(r.getString("status")).isEqualTo("sent");
        assertThat(r.getBuffer("copies_encrypted")).isNull();
    }

    @Test
    void a_transient_failure_waits_out_a_growing_backoff() {
        UUID id = enqueue();
        ShareJobs.Job job = await(jobs.claim(Duration.ofSeconds(30))).orElseThrow();
        await(jobs.retryLater(job, "TSA_UNAVAILABLE"));
        assertThat(await(jobs.claim(Duration.ofSeconds(30)))).isEmpty();
        Row r = row(id);
        assertThat(r.getString("failure_reason")).isEqualTo("TSA_UNAVAILABLE");
        assertThat(r.getBuffer("payload_encrypted")).isNotNull();
        assertThat(ShareJobs.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(ShareJobs.backoff(4)).isEqualTo(Duration.ofSeconds(16));
        assertThat(ShareJobs.backoff(30)).isEqualTo(ShareJobs.MAX_BACKOFF);
    }

    @Test
    void finishing_erases_the_inputs_whether_sent_or_failed() {
        UUID sent = enqueue();
        await(jobs.sent(await(jobs.claim(Duration.ofSeconds(30))).orElseThrow().id()));
        Row s = row(sent);
        assertThat(s.getString("status")).isEqualTo("sent");
        assertThat(s.getBuffer("payload_encrypted")).isNull();
        assertThat(s.getOffsetDateTime("sent_at")).isNotNull();

        UUID failed = enqueue();
        await(jobs.fail(failed, "SMTP_REJECTED: 550 mailbox unavailable"));
        Row f = row(failed);
        assertThat(f.getString("status")).isEqualTo("failed");
        assertThat(f.getBuffer("payload_encrypted")).isNull();
        assertThat(f.getString("failure_reason")).startsWith("SMTP_REJECTED");
    }

    @Test
    void finished_shares_past_the_retention_period_are_purged_and_pending_ones_never() {
        UUID oldSent = enqueue();
        UUID oldPending = enqueue();
        UUID recentSent = enqueue();
        await(jobs.sent(oldSent));
        await(jobs.sent(recentSent));
        sql(
                "UPDATE share SET created_at = now() - interval '6 years' WHERE id = $1 OR id = $2",
                Tuple.of(oldSent, oldPending));
        assertThat(await(jobs.purge(Duration.ofDays(1826)))).isEqualTo(1);
        assertThat(await(gateway.database()
                                .client()
                                .preparedQuery("SELECT id FROM share")
                                .execute())
                        .rowCount())
                .isEqualTo(2);
        assertThat(row(oldPending).getString("status")).isEqualTo("accepted");
    }

    @Test
    void concurrent_workers_each_get_different_jobs_and_together_get_all() throws Exception {
        Set<UUID> queued = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            queued.add(enqueue());
        }
        Set<UUID> claimed = ConcurrentHashMap.newKeySet();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> duplicates = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            Thread t = new Thread(() -> {
                Optional<ShareJobs.Job> job;
                while ((job = await(jobs.claim(Duration.ofSeconds(30)))).isPresent()) {
                    if (!claimed.add(job.get().id())) {
                        synchronized (duplicates) {
                            duplicates.add(new AssertionError(
                                    "claimed twice: " + job.get().id()));
                        }
                    }
                }
            });
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            t.join(30_000);
        }
        assertThat(duplicates).isEmpty();
        assertThat(claimed).isEqualTo(queued);
    }

    private static Row row(UUID id) {
        return await(gateway.database()
                        .client()
                        .preparedQuery("SELECT * FROM share WHERE id = $1")
                        .execute(Tuple.of(id)))
                .iterator()
                .next();
    }

    private static void sql(String statement, Tuple args) {
        await(gateway.database().pool().preparedQuery(statement).execute(args));
    }
}

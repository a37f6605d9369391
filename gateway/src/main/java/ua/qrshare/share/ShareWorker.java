package ua.qrshare.share;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.qrshare.catalog.DocumentCatalog;
import ua.qrshare.copy.CopyContent;
import ua.qrshare.copy.CopyRenderer;
import ua.qrshare.db.DatabaseUnavailable;
import ua.qrshare.delivery.CopyMail;
import ua.qrshare.delivery.MailDelivery;
import ua.qrshare.delivery.SmtpRejectedException;
import ua.qrshare.delivery.SmtpUnavailableException;
import ua.qrshare.sealing.SealSigner;
import ua.qrshare.sealing.Sealing;
import ua.qrshare.sealing.TsaClient;
import ua.qrshare.sealing.TsaUnavailableException;
import ua.qrshare.secrets.FieldCipher;
import ua.qrshare.start.Infrastructure;

/**
 * Turns accepted shares into delivered e-mails: claims a job, decrypts its inputs, renders and seals one PDF per
 * document on the bounded signing pool, stamps each signature at the TSA, sends one e-mail, and marks the job sent
 * (which erases the inputs). While it holds a job it renews the job's short lease, so the job of a worker that died
 * returns to the queue within one lease. When a send fails, the sealed copies are kept (encrypted) with the job before
 * it is given back, so the retry mails the same copies without rendering, sealing or stamping again; a send that
 * succeeds first time (nearly all of them) writes no copies to the database. (A worker killed mid-send keeps nothing:
 * the next one seals again, and its mail carries the same Message-ID.) A TSA or SMTP
 * outage puts the job back with a backoff; while the SMTP server is known to be down no job is claimed. Once the
 * server has accepted the mail the job is never given back: the "sent" update is repeated until it succeeds. Each
 * of {@code parallelism} loops works one job at a time, so pending work waits in the table, never in memory.
 */
public final class ShareWorker {

    private static final Logger log = LoggerFactory.getLogger(ShareWorker.class);
    private static final long IDLE_POLL_MS = 500;
    private static final long MAX_SENT_RETRY_MS = 5_000;

    private final Vertx vertx;
    private final ShareJobs jobs;
    private final FieldCipher cipher;
    private final CopyRenderer renderer;
    private final SealSigner signer;
    private final TsaClient tsa;
    private final WorkerExecutor signingPool;
    private final MailDelivery mail;
    private final DocumentCatalog catalog;
    private final String from;
    private final String publicBaseUrl;
    private final ShareMetrics metrics;
    private final Duration lease;
    private volatile boolean stopped;
    /** Jobs the SMTP server accepted whose "sent" is not recorded yet: if one is claimed again here, it is not resent. */
    private final java.util.Set<java.util.UUID> acceptedNotRecorded =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final java.util.concurrent.atomic.AtomicInteger inHand = new java.util.concurrent.atomic.AtomicInteger();

    public ShareWorker(
            Infrastructure infra, Sealing sealing, DocumentCatalog catalog, ShareJobs jobs, ShareMetrics metrics) {
        this.vertx = infra.vertx();
        this.jobs = jobs;
        this.cipher = infra.fieldCipher();
        this.renderer = new CopyRenderer();
        this.signer = sealing.signer();
        this.tsa = sealing.tsa();
        this.signingPool = infra.pkiWorkers();
        this.mail = infra.mail();
        this.catalog = catalog;
        this.from = infra.config().smtp().from();
        this.publicBaseUrl = infra.config().publicBaseUrl();
        this.metrics = metrics;
        this.lease = infra.config().shareLease();
    }

    public void start(int parallelism) {
        for (int i = 0; i < parallelism; i++) {
            vertx.runOnContext(v -> next());
        }
    }

    /**
     * Claims nothing more and completes when the jobs in hand are done, or after {@code patience}; a job still in
     * hand then keeps its lease only until the lease runs out, and another worker takes it.
     */
    public Future<Void> stop(Duration patience) {
        stopped = true;
        io.vertx.core.Promise<Void> drained = io.vertx.core.Promise.promise();
        long deadline = System.nanoTime() + patience.toNanos();
        vertx.setPeriodic(50, id -> {
            if (inHand.get() == 0 || System.nanoTime() > deadline) {
                vertx.cancelTimer(id);
                drained.tryComplete();
            }
        });
        return drained.future();
    }

    private void next() {
        if (stopped) {
            return;
        }
        if (!mail.available()) {
            vertx.setTimer(IDLE_POLL_MS, t -> next()); // the SMTP server is down: leave the jobs in the table
            return;
        }
        jobs.claim(lease).onComplete(ar -> {
            if (ar.failed()) {
                log.warn("Cannot claim a share job: {}", ar.cause().toString());
                vertx.setTimer(IDLE_POLL_MS * 4, t -> next());
            } else if (ar.result().isEmpty()) {
                vertx.setTimer(IDLE_POLL_MS, t -> next());
            } else {
                inHand.incrementAndGet();
                ShareJobs.Job job = ar.result().get();
                long heartbeat = vertx.setPeriodic(
                        Math.max(100, lease.toMillis() / 3),
                        t -> jobs.renew(job, lease)
                                .onFailure(e ->
                                        log.warn("Cannot renew the lease of share {}: {}", job.id(), e.toString())));
                Future<Void> work = acceptedNotRecorded.contains(job.id()) ? markSent(job, 0) : process(job);
                work.onComplete(done -> {
                    vertx.cancelTimer(heartbeat);
                    inHand.decrementAndGet();
                    next();
                });
            }
        });
    }

    private Future<Void> process(ShareJobs.Job job) {
        if (jobs.tooOld(job)) {
            return jobs.fail(job.id(), "MAX_AGE: not delivered in time");
        }
        SharePayload payload;
        try {
            payload = SharePayload.decrypt(cipher, job.id(), job.payload());
        } catch (RuntimeException e) {
            return jobs.fail(job.id(), "PAYLOAD_UNREADABLE");
        }
        SharePayload.Recipient recipient = payload.recipient();
        return deliveryAddress(job)
                .compose(to -> keptOrSealed(job, payload)
                        .compose(inHand -> timed(
                                        metrics.mail,
                                        mail.send(CopyMail.compose(envelope(job, recipient, to), inHand.copies())))
                                .recover(e -> inHand.fresh() && !(e instanceof SmtpRejectedException)
                                        ? keep(job, inHand.copies()).transform(x -> Future.failedFuture(e))
                                        : Future.failedFuture(e))))
                .transform(ar -> {
                    if (ar.failed()) {
                        return failed(job, ar.cause());
                    }
                    acceptedNotRecorded.add(job.id());
                    return markSent(job, 0);
                });
    }

    /** Sealed copies, and whether they were sealed on this attempt (so not kept yet). */
    private record Sealed(List<CopyMail.Copy> copies, boolean fresh) {}

    /** The copies sealed and kept on an earlier attempt, or new ones. */
    private Future<Sealed> keptOrSealed(ShareJobs.Job job, SharePayload payload) {
        if (job.copies() != null) {
            try {
                return Future.succeededFuture(
                        new Sealed(decodeCopies(cipher.decrypt(job.copies(), copiesAad(job))), false));
            } catch (RuntimeException e) {
                log.warn(
                        "Share {}: kept copies unreadable ({}); sealing again",
                        job.id(),
                        e.getClass().getSimpleName());
            }
        }
        return copies(job, payload, Instant.now()).map(copies -> new Sealed(copies, true));
    }

    /** Keeps the copies (encrypted) with the job for its retry; a failure to keep them only costs a new seal. */
    private Future<Void> keep(ShareJobs.Job job, List<CopyMail.Copy> copies) {
        return jobs.keepCopies(job, cipher.encrypt(encodeCopies(copies), copiesAad(job)))
                .transform(kept -> {
                    if (kept.failed()) {
                        log.warn(
                                "Share {}: cannot keep the sealed copies for retries ({})",
                                job.id(),
                                kept.cause().getClass().getSimpleName());
                    }
                    return Future.succeededFuture();
                });
    }

    private static byte[] copiesAad(ShareJobs.Job job) {
        return ("share-copies:" + job.id()).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encodeCopies(List<CopyMail.Copy> copies) {
        JsonArray array = new JsonArray();
        for (CopyMail.Copy c : copies) {
            array.add(new JsonObject()
                    .put("type", c.type())
                    .put("titleUk", c.titleUk())
                    .put("pdf", c.pdf())
                    .put("p7s", c.p7s()));
        }
        return array.toBuffer().getBytes();
    }

    private static List<CopyMail.Copy> decodeCopies(byte[] json) {
        List<CopyMail.Copy> copies = new ArrayList<>();
        for (Object o : new JsonArray(io.vertx.core.buffer.Buffer.buffer(json))) {
            JsonObject c = (JsonObject) o;
            copies.add(new CopyMail.Copy(
                    c.getString("type"), c.getString("titleUk"), c.getBinary("pdf"), c.getBinary("p7s")));
        }
        return copies;
    }

    /**
     * The SMTP server has the mail: record it, however long the database takes to come back. Giving the job back
     * instead would send it again.
     */
    private Future<Void> markSent(ShareJobs.Job job, int failures) {
        return jobs.sent(job.id()).transform(ar -> {
            if (ar.succeeded()) {
                acceptedNotRecorded.remove(job.id());
                log.info(
                        "Share {} delivered ({} documents, attempt {})",
                        job.id(),
                        job.documentTypes().size(),
                        job.attempts());
                return Future.succeededFuture();
            }
            long delay = Math.min(MAX_SENT_RETRY_MS, 250L << Math.min(failures, 10));
            log.warn(
                    "Share {} was accepted by the mail server but is not recorded as sent yet ({}); retrying in {} ms",
                    job.id(),
                    reason(ar.cause()),
                    delay);
            io.vertx.core.Promise<Void> later = io.vertx.core.Promise.promise();
            vertx.setTimer(delay, t -> markSent(job, failures + 1).onComplete(later));
            return later.future();
        });
    }

    private Future<List<CopyMail.Copy>> copies(ShareJobs.Job job, SharePayload payload, Instant formedAt) {
        List<Future<CopyMail.Copy>> copies = new ArrayList<>();
        SharePayload.Recipient recipient = payload.recipient();
        for (SharePayload.Document document : payload.documents()) {
            String type = document.type();
            String title = catalog.get(type) == null ? type : catalog.get(type).titleUk();
            CopyContent content = new CopyContent(
                    type,
                    title,
                    document.fields(),
                    document.photo() == null ? null : Base64.getDecoder().decode(document.photo()),
                    recipient.partnerName(),
                    recipient.branchName(),
                    recipient.branchAddress(),
                    String.join(", ", recipient.serviceNames()),
                    job.id().toString(),
                    formedAt,
                    publicBaseUrl + "/verify");
            copies.add(signingPool
                    .executeBlocking(() -> metrics.render.recordCallable(() -> renderer.render(content)), false)
                    .compose(pdf -> timed(metrics.seal, signer.signT(pdf, signingPool, tsa))
                            .map(p7s -> new CopyMail.Copy(type, title, pdf, p7s))));
        }
        return Future.all(copies).map(all -> all.list());
    }

    /** The branch's own delivery address, else the partner profile's, as read with the claim. */
    private static Future<String> deliveryAddress(ShareJobs.Job job) {
        return job.deliveryAddress() == null
                ? Future.failedFuture(new NoDeliveryAddress())
                : Future.succeededFuture(job.deliveryAddress());
    }

    /** Permanent refusals of this message fail the job; everything else is retried until the job is too old. */
    private Future<Void> failed(ShareJobs.Job job, Throwable e) {
        if (e instanceof SmtpRejectedException rejected) {
            log.warn("Share {} refused by the mail server ({}): failed", job.id(), rejected.getMessage());
            return jobs.fail(job.id(), "SMTP_REJECTED: " + rejected.replyCode());
        }
        if (e instanceof NoDeliveryAddress) {
            return jobs.fail(job.id(), "NO_DELIVERY_ADDRESS");
        }
        if (e instanceof TsaUnavailableException) {
            metrics.tsaUnavailable.increment();
        }
        String reason = reason(e);
        log.warn(
                "Share {} not delivered on attempt {} ({}{}); retrying later",
                job.id(),
                job.attempts(),
                reason,
                e instanceof SmtpUnavailableException ? ": " + e.getMessage() : "");
        return jobs.retryLater(job, reason).recover(x -> {
            log.warn("Share {} cannot be given back ({}); it returns when its lease runs out", job.id(), reason(x));
            return Future.succeededFuture();
        });
    }

    /** A failure's kind, from its type only (a database's "Connection refused" is not an SMTP outage). */
    private static String reason(Throwable e) {
        if (e instanceof SmtpUnavailableException) {
            return "SMTP_UNAVAILABLE";
        }
        if (e instanceof TsaUnavailableException) {
            return "TSA_UNAVAILABLE";
        }
        if (DatabaseUnavailable.is(e)) {
            return "DATABASE_UNAVAILABLE";
        }
        return "RETRYING: " + e.getClass().getSimpleName();
    }

    /** The branch has no delivery address and its partner none either. */
    private static final class NoDeliveryAddress extends RuntimeException {
        NoDeliveryAddress() {
            super("NO_DELIVERY_ADDRESS", null, false, false);
        }
    }

    private static <T> Future<T> timed(io.micrometer.core.instrument.Timer timer, Future<T> operation) {
        long start = System.nanoTime();
        return operation.onSuccess(
                v -> timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    private CopyMail.Envelope envelope(ShareJobs.Job job, SharePayload.Recipient recipient, String to) {
        return new CopyMail.Envelope(
                job.id(),
                from,
                to,
                recipient.partnerName(),
                recipient.branchName(),
                recipient.branchAddress(),
                String.join(", ", recipient.serviceNames()),
                publicBaseUrl + "/verify");
    }
}

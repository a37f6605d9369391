package ua.qrshare.share;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.SMTPException;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.qrshare.catalog.DocumentCatalog;
import ua.qrshare.copy.CopyContent;
import ua.qrshare.copy.CopyRenderer;
import ua.qrshare.copy.SealSigner;
import ua.qrshare.copy.TsaClient;
import ua.qrshare.copy.TsaUnavailableException;
import ua.qrshare.delivery.CopyMail;
import ua.qrshare.secrets.FieldCipher;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns accepted shares into delivered e-mails: claims a job, decrypts its inputs, renders and seals one PDF per
 * document on the bounded signing pool, stamps each signature at the TSA, sends one e-mail, and marks the job sent
 * (which erases the inputs). A TSA or SMTP outage puts the job back with a backoff; nothing accepted is dropped. Each
 * of {@code parallelism} loops works one job at a time, so pending work waits in the table, never in memory.
 */
public final class ShareWorker {

    private static final Logger log = LoggerFactory.getLogger(ShareWorker.class);
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final long IDLE_POLL_MS = 500;

    private final Vertx vertx;
    private final SqlClient db;
    private final ShareJobs jobs;
    private final FieldCipher cipher;
    private final CopyRenderer renderer;
    private final SealSigner signer;
    private final TsaClient tsa;
    private final WorkerExecutor signingPool;
    private final MailClient mail;
    private final DocumentCatalog catalog;
    private final String from;
    private final String publicBaseUrl;
    private final ShareMetrics metrics;
    private volatile boolean stopped;
    private final java.util.concurrent.atomic.AtomicInteger inHand = new java.util.concurrent.atomic.AtomicInteger();

    public ShareWorker(Vertx vertx, SqlClient db, ShareJobs jobs, FieldCipher cipher, CopyRenderer renderer,
            SealSigner signer, TsaClient tsa, WorkerExecutor signingPool, MailClient mail, DocumentCatalog catalog,
            String from, String publicBaseUrl, ShareMetrics metrics) {
        this.metrics = metrics;
        this.vertx = vertx;
        this.db = db;
        this.jobs = jobs;
        this.cipher = cipher;
        this.renderer = renderer;
        this.signer = signer;
        this.tsa = tsa;
        this.signingPool = signingPool;
        this.mail = mail;
        this.catalog = catalog;
        this.from = from;
        this.publicBaseUrl = publicBaseUrl;
    }

    public void start(int parallelism) {
        for (int i = 0; i < parallelism; i++) {
            vertx.runOnContext(v -> next());
        }
    }

    /** Claims nothing more and completes when the jobs in hand are done, or after {@code patience}. */
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
        jobs.claim(LEASE).onComplete(ar -> {
            if (ar.failed()) {
                log.warn("Cannot claim a share job: {}", ar.cause().toString());
                vertx.setTimer(IDLE_POLL_MS * 4, t -> next());
            } else if (ar.result().isEmpty()) {
                vertx.setTimer(IDLE_POLL_MS, t -> next());
            } else {
                inHand.incrementAndGet();
                process(ar.result().get()).onComplete(done -> {
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
        JsonObject payload;
        try {
            payload = new JsonObject(new String(cipher.decrypt(job.payload(),
                    ("share:" + job.id()).getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return jobs.fail(job.id(), "PAYLOAD_UNREADABLE");
        }
        JsonObject recipient = payload.getJsonObject("recipient");
        Instant formedAt = Instant.now();
        return deliveryAddress(job)
                .compose(to -> copies(job, payload.getJsonArray("documents"), recipient, formedAt)
                        .compose(copies -> timed(metrics.mail, mail.sendMail(CopyMail.compose(envelope(job, recipient, to), copies)))))
                .compose(sent -> jobs.sent(job.id()))
                .onSuccess(v -> log.info("Share {} delivered ({} documents, attempt {})", job.id(), job.documentTypes().size(),
                        job.attempts()))
                .recover(e -> failed(job, e));
    }

    private Future<List<CopyMail.Copy>> copies(ShareJobs.Job job, JsonArray documents, JsonObject recipient, Instant formedAt) {
        List<Future<CopyMail.Copy>> copies = new ArrayList<>();
        for (Object item : documents) {
            JsonObject document = (JsonObject) item;
            String type = document.getString("type");
            String title = catalog.get(type) == null ? type : catalog.get(type).titleUk();
            CopyContent content = new CopyContent(type, title, fields(document.getJsonObject("fields")),
                    document.getString("photo") == null ? null : Base64.getDecoder().decode(document.getString("photo")),
                    recipient.getString("partnerName"), recipient.getString("branchName"),
                    recipient.getString("branchAddress"), String.join(", ", names(recipient)), job.id().toString(),
                    formedAt, publicBaseUrl + "/verify");
            copies.add(signingPool.executeBlocking(() -> metrics.render.recordCallable(() -> renderer.render(content)), false)
                    .compose(pdf -> timed(metrics.seal, signer.signT(pdf, signingPool, tsa))
                            .map(p7s -> new CopyMail.Copy(type, title, pdf, p7s))));
        }
        return Future.all(copies).map(all -> all.list());
    }

    /** The branch's own delivery address, else the partner profile's. */
    private Future<String> deliveryAddress(ShareJobs.Job job) {
        return db.preparedQuery("SELECT coalesce(b.email, p.email) AS email FROM branch b JOIN partner p ON p.id = b.partner_id"
                        + " WHERE b.id = $1").execute(Tuple.of(job.branchId()))
                .compose(rows -> {
                    String email = rows.size() == 0 ? null : rows.iterator().next().getString("email");
                    return email == null ? Future.failedFuture(new IllegalStateException("NO_DELIVERY_ADDRESS"))
                            : Future.succeededFuture(email);
                });
    }

    /** Permanent SMTP refusals dead-letter the job; everything else is retried until the job is too old. */
    private Future<Void> failed(ShareJobs.Job job, Throwable e) {
        if (e instanceof SMTPException smtp && smtp.isPermanent()) {
            log.warn("Share {} refused by the mail server ({}): dead-lettered", job.id(), smtp.getReplyCode());
            return jobs.fail(job.id(), "SMTP_REJECTED: " + smtp.getReplyCode());
        }
        if ("NO_DELIVERY_ADDRESS".equals(e.getMessage())) {
            return jobs.fail(job.id(), "NO_DELIVERY_ADDRESS");
        }
        if (e instanceof TsaUnavailableException) {
            metrics.tsaUnavailable.increment();
        }
        String reason = e instanceof TsaUnavailableException ? "TSA_UNAVAILABLE"
                : e instanceof SMTPException || e instanceof java.net.ConnectException
                || String.valueOf(e.getMessage()).contains("Connection refused") ? "SMTP_UNAVAILABLE"
                : "RETRYING: " + e.getClass().getSimpleName();
        log.warn("Share {} not delivered on attempt {} ({}); retrying later", job.id(), job.attempts(), reason);
        return jobs.retryLater(job, reason);
    }

    private static <T> Future<T> timed(io.micrometer.core.instrument.Timer timer, Future<T> operation) {
        long start = System.nanoTime();
        return operation.onSuccess(v -> timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    private CopyMail.Envelope envelope(ShareJobs.Job job, JsonObject recipient, String to) {
        return new CopyMail.Envelope(job.id(), from, to, recipient.getString("partnerName"), recipient.getString("branchName"),
                recipient.getString("branchAddress"), String.join(", ", names(recipient)), publicBaseUrl + "/verify");
    }

    private static List<String> names(JsonObject recipient) {
        List<String> names = new ArrayList<>();
        recipient.getJsonArray("serviceNames").forEach(n -> names.add(String.valueOf(n)));
        return names;
    }

    private static Map<String, String> fields(JsonObject json) {
        Map<String, String> fields = new HashMap<>();
        json.forEach(e -> fields.put(e.getKey(), String.valueOf(e.getValue())));
        return fields;
    }
}

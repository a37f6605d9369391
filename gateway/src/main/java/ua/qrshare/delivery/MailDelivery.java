package ua.qrshare.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.MailResult;
import io.vertx.ext.mail.SMTPException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.qrshare.config.Config;

/**
 * Hands e-mails to the SMTP server and knows whether it is there. Every send is bounded (each step by the mail
 * client's socket timeouts, the whole send by twice that); a send that times out replaces the mail client, so a
 * pooled connection to a server that stopped answering is never reused. Each failure comes back typed:
 * {@link SmtpUnavailableException} (wait for the server) or {@link SmtpRejectedException} (this message is refused).
 * An unavailable server opens a circuit breaker: {@link #available()} turns false, so workers stop claiming jobs,
 * and a cheap probe (connect, greeting, EHLO, QUIT) runs with a growing delay until the server answers again.
 */
public final class MailDelivery {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);
    private static final long FIRST_PROBE_MS = 1_000;
    private static final long MAX_PROBE_MS = 30_000;
    private static final Pattern ENHANCED_STATUS = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    private final Vertx vertx;
    private final Mailer.Target target;
    private final Duration timeout;
    private final NetClient probes;
    private final Counter timeouts;
    private final Counter ambiguous;
    private final Counter outages;
    private volatile MailClient client;
    private volatile boolean open;
    private volatile boolean closed;
    private int consecutiveFailures;
    private long probeTimer = -1;

    public MailDelivery(Vertx vertx, Mailer.Target target, Duration timeout, MeterRegistry registry) {
        this.vertx = vertx;
        this.target = target;
        this.timeout = timeout;
        this.client = Mailer.client(vertx, target, timeout);
        this.probes = vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setSsl(target.tls() == Config.SmtpTls.TLS));
        timeouts = Counter.builder("qrshare.mail.timeouts")
                .description("Sends the SMTP server did not complete in time")
                .register(registry);
        ambiguous = Counter.builder("qrshare.mail.ambiguous")
                .description(
                        "Sends cut off after connecting and before the final reply (the server may have the message;"
                                + " the retry carries the same Message-ID)")
                .register(registry);
        outages = Counter.builder("qrshare.mail.unavailable")
                .description("Sends that failed because the SMTP server was unavailable or misconfigured")
                .register(registry);
        Gauge.builder("qrshare.mail.breaker.open", () -> open ? 1 : 0)
                .description("1 while deliveries are held because the SMTP server is unavailable")
                .register(registry);
    }

    /** Whether workers should claim jobs: false while the server is known to be unavailable. */
    public boolean available() {
        return !open && !closed;
    }

    /** Sends one message; fails with {@link SmtpUnavailableException} or {@link SmtpRejectedException}. */
    public Future<MailResult> send(MailMessage message) {
        MailClient current = client;
        Promise<MailResult> result = Promise.promise();
        long started = System.nanoTime();
        long deadline = vertx.setTimer(2 * timeout.toMillis(), t -> {
            if (result.tryFail(new SmtpUnavailableException(
                    "no reply within " + 2 * timeout.toMillis() + " ms", null, true, true))) {
                replace(current);
            }
        });
        current.sendMail(message).onComplete(ar -> {
            vertx.cancelTimer(deadline);
            if (ar.succeeded()) {
                result.tryComplete(ar.result());
            } else {
                result.tryFail(classify(
                        ar.cause(),
                        Duration.ofNanos(System.nanoTime() - started).compareTo(timeout) >= 0));
            }
        });
        return result.future().onSuccess(r -> succeeded()).onFailure(e -> {
            if (e instanceof SmtpUnavailableException u) {
                if (u.timedOut()) {
                    timeouts.increment();
                    log.warn(
                            "SMTP send to {}:{} timed out ({}); the mail client is replaced",
                            target.host(),
                            target.port(),
                            u.getMessage());
                    replace(current);
                }
                if (u.ambiguous()) {
                    ambiguous.increment();
                }
                outages.increment();
                unavailable(u);
            }
        });
    }

    /** What a failed send means, by type and reply code, never by message text. */
    static RuntimeException classify(Throwable e, boolean slow) {
        if (e instanceof SMTPException smtp) {
            int code = smtp.getReplyCode();
            String status = enhancedStatus(smtp);
            if (smtp.isTransient() || code < 500) {
                return new SmtpUnavailableException(
                        "SMTP " + code + (status == null ? "" : " " + status), e, false, false);
            }
            // Authentication required / failed, or a security-policy refusal (relaying denied, sender not allowed):
            // the relay or our account is misconfigured, not this message. Hold until the operator fixes it.
            if (code == 530
                    || code == 534
                    || code == 535
                    || code == 538
                    || (status != null && status.startsWith("5.7."))) {
                return new SmtpUnavailableException(
                        "SMTP " + code + (status == null ? "" : " " + status) + " (relay or account misconfigured)",
                        e,
                        false,
                        false);
            }
            return new SmtpRejectedException(code, status, e);
        }
        if (e instanceof SmtpUnavailableException || e instanceof SmtpRejectedException) {
            return (RuntimeException) e;
        }
        if (e instanceof ConnectException) {
            return new SmtpUnavailableException(
                    "cannot connect: " + e.getClass().getSimpleName(), e, false, false);
        }
        // Connected, then the connection closed or went silent before a final reply.
        return new SmtpUnavailableException(
                (slow ? "no reply in time: " : "connection lost: ")
                        + e.getClass().getSimpleName(),
                e,
                true,
                slow);
    }

    private static String enhancedStatus(SMTPException smtp) {
        String text = smtp.getReplyMessages() == null || smtp.getReplyMessages().isEmpty()
                ? ""
                : smtp.getReplyMessages().get(0);
        Matcher m = ENHANCED_STATUS.matcher(text.length() > 4 ? text.substring(4) : text);
        return m.find() ? m.group() : null;
    }

    private synchronized void succeeded() {
        consecutiveFailures = 0;
    }

    private synchronized void unavailable(SmtpUnavailableException e) {
        consecutiveFailures++;
        if (open || closed) {
            return;
        }
        open = true;
        long delay = probeDelay();
        log.warn(
                "SMTP server {}:{} unavailable ({}); deliveries held, probing in {} ms",
                target.host(),
                target.port(),
                e.getMessage(),
                delay);
        probeTimer = vertx.setTimer(delay, t -> probe());
    }

    private long probeDelay() {
        return Math.min(MAX_PROBE_MS, FIRST_PROBE_MS << Math.min(Math.max(consecutiveFailures - 1, 0), 16));
    }

    private void probe() {
        if (closed) {
            return;
        }
        probeOnce().onComplete(ar -> {
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (ar.succeeded()) {
                    open = false;
                    log.info("SMTP server {}:{} answers again; deliveries resume", target.host(), target.port());
                } else {
                    consecutiveFailures++;
                    long delay = probeDelay();
                    log.warn(
                            "SMTP server {}:{} still unavailable ({}); probing again in {} ms",
                            target.host(),
                            target.port(),
                            ar.cause().getMessage(),
                            delay);
                    probeTimer = vertx.setTimer(delay, t -> probe());
                }
            }
        });
    }

    /** Connect, read the 220 greeting, EHLO, read its final reply, QUIT; all within the timeout. */
    Future<Void> probeOnce() {
        Promise<Void> done = Promise.promise();
        long timer =
                vertx.setTimer(timeout.toMillis(), t -> done.tryFail("no answer within " + timeout.toMillis() + " ms"));
        probes.connect(target.port(), target.host()).onComplete(ar -> {
            if (ar.failed()) {
                done.tryFail(ar.cause().getClass().getSimpleName());
                return;
            }
            NetSocket socket = ar.result();
            done.future().onComplete(x -> socket.close());
            StringBuilder received = new StringBuilder();
            int[] stage = {0};
            socket.handler(chunk -> {
                received.append(chunk.toString(StandardCharsets.US_ASCII));
                int end;
                while ((end = received.indexOf("\r\n")) >= 0 || (end = received.indexOf("\n")) >= 0) {
                    String line = received.substring(0, end);
                    received.delete(0, end + (received.charAt(end) == '\r' ? 2 : 1));
                    if (line.length() >= 4 && line.charAt(3) == '-') {
                        continue; // a continuation line of a multi-line reply
                    }
                    // A 220 greeting says it serves; after that any complete reply to EHLO says it talks (a
                    // HELO-only server answers 5xx and is still there).
                    if (stage[0] == 0 && !line.startsWith("220")) {
                        done.tryFail("greeting " + (line.length() >= 3 ? line.substring(0, 3) : "?"));
                        return;
                    }
                    if (stage[0]++ == 0) {
                        socket.write(Buffer.buffer("EHLO qrshare\r\n"));
                    } else {
                        socket.write(Buffer.buffer("QUIT\r\n"));
                        done.tryComplete();
                        return;
                    }
                }
            });
            socket.closeHandler(v -> done.tryFail("connection closed"));
            socket.exceptionHandler(e -> done.tryFail(e.getClass().getSimpleName()));
        });
        return done.future().onComplete(x -> vertx.cancelTimer(timer));
    }

    private synchronized void replace(MailClient stale) {
        if (client != stale || closed) {
            return;
        }
        client = Mailer.client(vertx, target, timeout);
        stale.close(); // not awaited: a connection stuck on a silent server must not hold anything up
    }

    /** Stops probing and closes the client, waiting at most the timeout for it. */
    public Future<Void> close() {
        synchronized (this) {
            closed = true;
            if (probeTimer >= 0) {
                vertx.cancelTimer(probeTimer);
            }
        }
        Promise<Void> closedPromise = Promise.promise();
        long timer = vertx.setTimer(Math.min(timeout.toMillis(), 500), t -> closedPromise.tryComplete());
        Future.join(client.close(), probes.close()).onComplete(ar -> {
            vertx.cancelTimer(timer);
            closedPromise.tryComplete();
        });
        return closedPromise.future();
    }
}

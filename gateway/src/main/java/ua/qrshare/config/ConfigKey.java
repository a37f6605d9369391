package ua.qrshare.config;

import java.util.Locale;

/**
 * Every configuration key the gateway reads. The README table, the docker-compose file and the config loader are all
 * checked against this list, so a key exists exactly when it is here.
 */
public enum ConfigKey {
    HTTP_HOST(
            "http.host",
            null,
            "Interface the HTTP server binds to. Unset: 0.0.0.0, or 127.0.0.1 while any development default is in use, so a dev instance and its /dev routes are not reachable from other machines."),
    HTTP_PORT("http.port", "8080", "HTTP port."),
    HTTP_BODY_LIMIT("http.body.limit", "65536", "Largest accepted request body in bytes; larger bodies get 413."),
    HTTP_ACCESS_LOG(
            "http.access.log",
            "true",
            "Write one access-log line per request (method, path, status, time; no personal data)."),
    HTTP_IDLE_TIMEOUT(
            "http.idle.timeout",
            "60",
            "Seconds a client connection may stay without reading or writing a byte before it is closed."),
    HTTP_REQUEST_TIMEOUT(
            "http.request.timeout",
            "30",
            "Seconds a client has to send a request's headers and whole body; slower requests get 408 and the connection is closed."),
    HTTP_MAX_CONNECTIONS(
            "http.max.connections",
            "4096",
            "Open client connections this gateway keeps; connections beyond are closed at once."),
    HTTP_ANONYMOUS_RATE_PER_IP(
            "http.anonymous.rate.per.ip",
            "120",
            "Calls one client address may make per minute to each anonymous crypto endpoint (login challenge, login, verify, TSA); 429 with Retry-After beyond."),
    HTTP_ANONYMOUS_CONCURRENCY(
            "http.anonymous.concurrency",
            "8",
            "Requests in progress at once per anonymous crypto endpoint on this gateway; 503 with Retry-After beyond."),
    HTTP_ANONYMOUS_INFLIGHT_MIB(
            "http.anonymous.inflight.mib",
            "64",
            "MiB of request bodies (by Content-Length) the anonymous crypto endpoints accept at once, all together; 503 with Retry-After beyond."),
    HTTP_SHUTDOWN_TIMEOUT("http.shutdown.timeout", "20", "Seconds a stopping gateway waits for in-flight requests."),
    DATA_DIR("data.dir", "data", "Directory for the embedded defaults: PostgreSQL data, received mail, dev PKI."),
    PUBLIC_BASE_URL(
            "public.base.url",
            "http://localhost:8080",
            "The URL citizens and partners reach the gateway at; QR codes point here."),
    DB_URL("db.url", null, "PostgreSQL URL (postgresql://host:port/db). Unset: embedded PostgreSQL in data/pg."),
    DB_USER("db.user", null, "Database user (overrides the one in db.url)."),
    DB_PASSWORD("db.password", null, "Database password (overrides the one in db.url)."),
    DB_POOL_SIZE("db.pool.size", "8", "Connections in the transaction pool and in the pipelined client, each."),
    SMTP_HOST("smtp.host", null, "SMTP server host. Unset: embedded SMTP sink saving each message under data/mail."),
    SMTP_PORT("smtp.port", "25", "SMTP server port."),
    SMTP_USER("smtp.user", null, "SMTP user name (unset: no authentication)."),
    SMTP_PASSWORD("smtp.password", null, "SMTP password."),
    SMTP_FROM("smtp.from", "qrshare <noreply@qrshare.localhost>", "Sender of the e-mails that carry the copies."),
    SMTP_TIMEOUT_MS(
            "smtp.timeout.ms",
            "30000",
            "Time limit in milliseconds for each SMTP step (connect, greeting, each command, the reply to DATA); a whole send gets twice this. A server that does not answer in time counts as unavailable: the connection is dropped, deliveries are held and the server is probed until it answers."),
    SMTP_TLS(
            "smtp.tls",
            "optional",
            "SMTP transport security: none, optional (STARTTLS when offered), required (STARTTLS), tls (implicit TLS)."),
    SEAL_KEYSTORE(
            "seal.keystore",
            null,
            "PKCS#12 file with the platform's seal key and certificate chain. Unset: dev PKI in data/pki."),
    SEAL_KEYSTORE_PASSWORD(
            "seal.keystore.password",
            null,
            "Password of seal.keystore, or the user PIN of the token when seal.pkcs11.library is set."),
    SEAL_PKCS11_LIBRARY(
            "seal.pkcs11.library",
            null,
            "PKCS#11 module of the token holding the seal key (e.g. /usr/lib/softhsm/libsofthsm2.so), used through SunPKCS11 instead of seal.keystore. The token holds exactly one private key, with its certificate and the CA certificates up to the root. Unset: seal.keystore or the dev PKI."),
    SEAL_PKCS11_SLOT(
            "seal.pkcs11.slot",
            "0",
            "Slot list index of the seal's token in the PKCS#11 module (0: the first slot the module lists)."),
    SEAL_PREVIOUS_CERTIFICATES(
            "seal.previous.certificates",
            null,
            "PEM files (comma-separated), each with an earlier seal certificate of the platform first, optionally followed by its CA certificates. POST /api/v1/verify accepts copies sealed by the current seal certificate and by these, and no other signer: keep every earlier seal here after a rotation."),
    SECRETS_KEYS(
            "secrets.keys",
            null,
            "Master keys as id:base64 pairs, comma-separated, first active (ids 0-255, 32+ bytes each); the QR-token, field-encryption and session keys are derived from them. Old ids keep verifying. Unset: dev keys in data/keys."),
    SECRETS_LOOKUP_KEY(
            "secrets.lookup.key",
            null,
            "Base64 key (32+ bytes) for keyed hashes of taxpayer numbers; never rotate it. Unset: dev key in data/keys."),
    TSA_URL(
            "tsa.url",
            null,
            "RFC 3161 time-stamping authority, an http(s) URL. Unset: the embedded dev TSA at /api/v1/pki/tsa, signing with the dev PKI's TSA key."),
    TSA_TIMEOUT_MS(
            "tsa.timeout.ms",
            "5000",
            "Time limit in milliseconds for one time-stamp request; a TSA that does not answer in time counts as unavailable and the copy is stamped later."),
    TSA_TRUSTED_CAS(
            "tsa.trusted.cas",
            null,
            "PEM files (comma-separated) with the CA certificates a time-stamping authority's certificate must chain to, when stamping (a token that fails is retried, never mailed) and in POST /api/v1/verify. Unset: the dev CA."),
    AUTH_TRUSTED_CAS(
            "auth.trusted.cas",
            null,
            "PEM files (comma-separated) with the CA certificates whose qualified e-signatures may log in. Unset: the dev CA."),
    AUTH_SESSION_MINUTES("auth.session.minutes", "480", "Lifetime of a partner's session after login."),
    APP_TOKEN_KEYS(
            "app.token.keys",
            null,
            "PEM files (comma-separated) with the public keys (EC P-256) of the citizen identity provider that signs app tokens (ES256 JWTs). Unset: the dev issuer and POST /dev/app-token."),
    DOCUMENT_ISSUER_KEYS(
            "documents.issuer.keys",
            null,
            "PEM files (comma-separated) with the public keys (EC P-256) of the document service that signs attestations (ES256 JWS). Unset: the dev issuer and POST /dev/documents."),
    SHARE_WORKERS(
            "share.workers",
            "0",
            "Signing workers on this instance: 0 means one per CPU core; -1 runs none (an API-only instance, or tests)."),
    SHARE_RETENTION_DAYS(
            "share.retention.days",
            "1826",
            "Days the delivery history (metadata only) is kept; older sent or failed shares are purged. 1826 days = 5 years, the longest the privacy notice allows."),
    SHARE_LEASE_SECONDS(
            "share.lease.seconds",
            "30",
            "Seconds a worker holds a claimed job without renewing it; workers renew every third of it, so the jobs of an instance that died return to the queue within this time."),
    SHARE_BACKLOG_ALERT_SECONDS(
            "share.backlog.alert.seconds",
            "900",
            "When the oldest share not yet delivered is older than this, /health/ready of an instance with signing workers answers 503 (check mail-backlog) and a WARN is logged every minute."),
    SHARE_MAX_AGE_HOURS(
            "share.max.age.hours",
            "24",
            "A share not delivered within this many hours (TSA or SMTP away all along) is given up as failed and its inputs erased."),
    APP_RATE_PER_SUBJECT(
            "app.rate.per.subject",
            "30",
            "Resolves and shares together one citizen may make per minute: one budget for both (429 with Retry-After beyond)."),
    APP_RATE_PER_IP(
            "app.rate.per.ip",
            "600",
            "Resolves and shares together one client address may make per minute: one budget for both (429 with Retry-After beyond).");

    private final String key;
    private final String defaultValue;
    private final String description;

    ConfigKey(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    /** The default, or {@code null} when unset means "use the embedded/dev component". */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** {@code http.port} → {@code QRSHARE_HTTP_PORT}. */
    public String envName() {
        return "QRSHARE_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** {@code http.port} → {@code qrshare.http.port}. */
    public String systemProperty() {
        return "qrshare." + key;
    }

    public static ConfigKey byKey(String key) {
        for (ConfigKey k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        return null;
    }
}

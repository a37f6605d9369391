package ua.qrshare.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gateway's validated configuration. Built from raw string values (defaults already applied) by
 * {@link #fromValues(Map)}; every problem is reported as a {@link ConfigException} naming the key.
 */
public record Config(
        String httpHost,
        int httpPort,
        int httpBodyLimit,
        boolean accessLog,
        Duration shutdownTimeout,
        Path dataDir,
        String publicBaseUrl,
        Database database,
        Smtp smtp,
        Seal seal,
        Tsa tsa,
        Secrets secrets,
        Auth auth,
        App app,
        Duration shareMaxAge,
        int shareWorkers,
        Duration shareRetention,
        Duration shareLease,
        Duration shareBacklogAlert,
        HttpLimits httpLimits) {

    /** What one client may hold: connection and request deadlines, connections, and the anonymous crypto budget. */
    public record HttpLimits(
            Duration idleTimeout,
            Duration requestTimeout,
            int maxConnections,
            int anonymousRatePerIp,
            int anonymousConcurrency,
            long anonymousInflightBytes) {}

    /**
     * The interface to bind: {@code http.host}, or when unset 0.0.0.0 for a configured gateway and loopback while
     * any development default is in use (the dev routes mint tokens and documents for anyone who reaches them).
     */
    @Override
    public String httpHost() {
        if (httpHost != null) {
            return httpHost;
        }
        return devDefaultsInUse().isEmpty() ? "0.0.0.0" : "127.0.0.1";
    }

    /** Whether {@code http.host} was set, rather than chosen by {@link #httpHost()}. */
    public boolean httpHostSet() {
        return httpHost != null;
    }

    /** {@code url == null} means the embedded PostgreSQL. */
    public record Database(String url, String user, String password, int poolSize) {
        public boolean embedded() {
            return url == null;
        }
    }

    /** {@code host == null} means the embedded SMTP sink. */
    public record Smtp(
            String host, int port, String user, String password, SmtpTls tls, String from, Duration timeout) {
        public boolean embedded() {
            return host == null;
        }
    }

    /**
     * The seal key: a PKCS#12 {@code keystore}, or a PKCS#11 token ({@code pkcs11Library} and the slot list index
     * {@code pkcs11Slot}, {@code password} its PIN); neither means the dev PKI under {@code data/pki}.
     * {@code previousCertificates}: PEM files with earlier seal certificates that copies may still be sealed with.
     */
    public record Seal(
            Path keystore, String password, Path pkcs11Library, int pkcs11Slot, List<Path> previousCertificates) {
        public boolean dev() {
            return keystore == null && pkcs11Library == null;
        }

        public boolean pkcs11() {
            return pkcs11Library != null;
        }
    }

    /** {@code url == null} means the embedded dev TSA; {@code trustedCas} empty means the dev CA. */
    public record Tsa(String url, Duration timeout, List<Path> trustedCas) {
        public boolean embedded() {
            return url == null;
        }

        public boolean devCa() {
            return trustedCas.isEmpty();
        }
    }

    /** {@code keys == null} means dev keys generated under {@code data/keys}. */
    public record Secrets(String keys, String lookupKey) {
        public boolean dev() {
            return keys == null;
        }
    }

    /** {@code trustedCas} empty means the dev CA. */
    public record Auth(List<Path> trustedCas, Duration sessionLifetime) {
        public boolean devCa() {
            return trustedCas.isEmpty();
        }
    }

    /** Empty key lists mean the dev issuers. */
    public record App(List<Path> tokenKeys, List<Path> documentIssuerKeys, int ratePerSubject, int ratePerIp) {
        public boolean devIssuers() {
            return tokenKeys.isEmpty();
        }
    }

    public enum SmtpTls {
        NONE,
        OPTIONAL,
        REQUIRED,
        TLS
    }

    public static Config fromValues(Map<ConfigKey, String> values) {
        Reader r = new Reader(values);
        Config config = new Config(
                r.optional(ConfigKey.HTTP_HOST),
                r.port(ConfigKey.HTTP_PORT),
                r.intBetween(ConfigKey.HTTP_BODY_LIMIT, 1024, 64 * 1024 * 1024),
                r.bool(ConfigKey.HTTP_ACCESS_LOG),
                Duration.ofSeconds(r.intBetween(ConfigKey.HTTP_SHUTDOWN_TIMEOUT, 0, 600)),
                Path.of(r.string(ConfigKey.DATA_DIR)),
                r.baseUrl(ConfigKey.PUBLIC_BASE_URL),
                new Database(
                        r.postgresUrl(ConfigKey.DB_URL),
                        r.optional(ConfigKey.DB_USER),
                        r.optional(ConfigKey.DB_PASSWORD),
                        r.intBetween(ConfigKey.DB_POOL_SIZE, 1, 512)),
                new Smtp(
                        r.optional(ConfigKey.SMTP_HOST),
                        r.port(ConfigKey.SMTP_PORT),
                        r.optional(ConfigKey.SMTP_USER),
                        r.optional(ConfigKey.SMTP_PASSWORD),
                        r.smtpTls(ConfigKey.SMTP_TLS),
                        r.sender(ConfigKey.SMTP_FROM),
                        Duration.ofMillis(r.intBetween(ConfigKey.SMTP_TIMEOUT_MS, 100, 600_000))),
                new Seal(
                        r.optionalPath(ConfigKey.SEAL_KEYSTORE),
                        r.optional(ConfigKey.SEAL_KEYSTORE_PASSWORD),
                        r.optionalPath(ConfigKey.SEAL_PKCS11_LIBRARY),
                        r.intBetween(ConfigKey.SEAL_PKCS11_SLOT, 0, 1023),
                        r.paths(ConfigKey.SEAL_PREVIOUS_CERTIFICATES)),
                new Tsa(
                        r.optionalHttpUrl(ConfigKey.TSA_URL),
                        Duration.ofMillis(r.intBetween(ConfigKey.TSA_TIMEOUT_MS, 100, 120_000)),
                        r.paths(ConfigKey.TSA_TRUSTED_CAS)),
                new Secrets(r.optional(ConfigKey.SECRETS_KEYS), r.optional(ConfigKey.SECRETS_LOOKUP_KEY)),
                new Auth(
                        r.paths(ConfigKey.AUTH_TRUSTED_CAS),
                        Duration.ofMinutes(r.intBetween(ConfigKey.AUTH_SESSION_MINUTES, 5, 7 * 24 * 60))),
                new App(
                        r.paths(ConfigKey.APP_TOKEN_KEYS),
                        r.paths(ConfigKey.DOCUMENT_ISSUER_KEYS),
                        r.intBetween(ConfigKey.APP_RATE_PER_SUBJECT, 1, 10_000_000),
                        r.intBetween(ConfigKey.APP_RATE_PER_IP, 1, 10_000_000)),
                Duration.ofHours(r.intBetween(ConfigKey.SHARE_MAX_AGE_HOURS, 1, 24 * 30)),
                r.intBetween(ConfigKey.SHARE_WORKERS, -1, 256),
                Duration.ofDays(r.intBetween(ConfigKey.SHARE_RETENTION_DAYS, 1, 36_500)),
                Duration.ofSeconds(r.intBetween(ConfigKey.SHARE_LEASE_SECONDS, 1, 3_600)),
                Duration.ofSeconds(r.intBetween(ConfigKey.SHARE_BACKLOG_ALERT_SECONDS, 1, 7 * 24 * 3_600)),
                new HttpLimits(
                        Duration.ofSeconds(r.intBetween(ConfigKey.HTTP_IDLE_TIMEOUT, 1, 3_600)),
                        Duration.ofSeconds(r.intBetween(ConfigKey.HTTP_REQUEST_TIMEOUT, 1, 3_600)),
                        r.intBetween(ConfigKey.HTTP_MAX_CONNECTIONS, 1, 1_000_000),
                        r.intBetween(ConfigKey.HTTP_ANONYMOUS_RATE_PER_IP, 1, 10_000_000),
                        r.intBetween(ConfigKey.HTTP_ANONYMOUS_CONCURRENCY, 1, 100_000),
                        r.intBetween(ConfigKey.HTTP_ANONYMOUS_INFLIGHT_MIB, 1, 65_536) * 1024L * 1024L));
        if (config.seal.keystore != null && config.seal.pkcs11Library != null) {
            throw new ConfigException(
                    ConfigKey.SEAL_PKCS11_LIBRARY, "set either seal.keystore or seal.pkcs11.library, not both");
        }
        if (config.seal.keystore != null && config.seal.password == null) {
            throw new ConfigException(ConfigKey.SEAL_KEYSTORE_PASSWORD, "must be set when seal.keystore is set");
        }
        if (config.seal.pkcs11Library != null && config.seal.password == null) {
            throw new ConfigException(
                    ConfigKey.SEAL_KEYSTORE_PASSWORD, "must be set to the token's PIN when seal.pkcs11.library is set");
        }
        if (config.app.tokenKeys().isEmpty() != config.app.documentIssuerKeys().isEmpty()) {
            throw new ConfigException(
                    ConfigKey.DOCUMENT_ISSUER_KEYS, "app.token.keys and documents.issuer.keys are set together");
        }
        if ((config.secrets.keys == null) != (config.secrets.lookupKey == null)) {
            throw new ConfigException(
                    ConfigKey.SECRETS_LOOKUP_KEY, "secrets.keys and secrets.lookup.key are set together");
        }
        return config;
    }

    /** The development stand-ins still in use; {@code --prod} refuses to start while this is not empty. */
    public List<String> devDefaultsInUse() {
        List<String> inUse = new ArrayList<>();
        if (database.embedded()) {
            inUse.add(ConfigKey.DB_URL.key() + " is unset: embedded PostgreSQL");
        }
        if (smtp.embedded()) {
            inUse.add(ConfigKey.SMTP_HOST.key() + " is unset: embedded SMTP sink");
        }
        if (seal.dev()) {
            inUse.add(ConfigKey.SEAL_KEYSTORE.key() + " is unset: dev PKI");
        }
        if (tsa.embedded()) {
            inUse.add(ConfigKey.TSA_URL.key() + " is unset: embedded dev TSA");
        }
        if (tsa.devCa()) {
            inUse.add(ConfigKey.TSA_TRUSTED_CAS.key() + " is unset: time-stamps trusted from the dev CA");
        }
        if (secrets.dev()) {
            inUse.add(ConfigKey.SECRETS_KEYS.key() + " is unset: dev keys");
        }
        if (auth.devCa()) {
            inUse.add(ConfigKey.AUTH_TRUSTED_CAS.key() + " is unset: logins trust the dev CA");
        }
        if (app.devIssuers()) {
            inUse.add(ConfigKey.APP_TOKEN_KEYS.key() + " is unset: dev identity and document issuers");
        }
        if (publicBaseUrl.equals(ConfigKey.PUBLIC_BASE_URL.defaultValue())) {
            inUse.add(ConfigKey.PUBLIC_BASE_URL.key() + " is the default " + publicBaseUrl);
        }
        return inUse;
    }

    /** Reads typed values, turning each bad one into a message that names its key. */
    private record Reader(Map<ConfigKey, String> values) {

        String optional(ConfigKey key) {
            String value = values.get(key);
            return value == null || value.isBlank() ? null : value.trim();
        }

        String string(ConfigKey key) {
            String value = optional(key);
            if (value == null) {
                throw new ConfigException(key, "must not be empty");
            }
            return value;
        }

        int intBetween(ConfigKey key, int min, int max) {
            String value = string(key);
            try {
                int n = Integer.parseInt(value);
                if (n < min || n > max) {
                    throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "must be a whole number, got \"" + value + "\"");
            }
        }

        int port(ConfigKey key) {
            String value = string(key);
            try {
                int n = Integer.parseInt(value);
                if (n < 1 || n > 65535) {
                    throw new ConfigException(key, "must be a port number 1-65535, got " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "must be a port number 1-65535, got \"" + value + "\"");
            }
        }

        boolean bool(ConfigKey key) {
            String value = string(key).toLowerCase(Locale.ROOT);
            return switch (value) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new ConfigException(key, "must be true or false, got \"" + value + "\"");
            };
        }

        String baseUrl(ConfigKey key) {
            String value = string(key);
            URI uri = uri(key, value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException(
                        key, "must be an absolute http(s) URL like https://qr.example.ua, got \"" + value + "\"");
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                throw new ConfigException(key, "must not have a query or fragment, got \"" + value + "\"");
            }
            return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        }

        /** An absolute http(s) URL, or {@code null} when unset. */
        String optionalHttpUrl(ConfigKey key) {
            String value = optional(key);
            if (value == null) {
                return null;
            }
            URI uri = uri(key, value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException(
                        key,
                        "must be an absolute http(s) URL like https://tsa.example.ua/tsp, got \"" + redact(value)
                                + "\"");
            }
            if (uri.getFragment() != null) {
                throw new ConfigException(key, "must not have a fragment, got \"" + redact(value) + "\"");
            }
            return value;
        }

        String postgresUrl(ConfigKey key) {
            String value = optional(key);
            if (value == null) {
                return null;
            }
            URI uri = uri(key, value);
            if (!("postgresql".equals(uri.getScheme()) || "postgres".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new ConfigException(
                        key, "must look like postgresql://host:5432/database, got \"" + redact(value) + "\"");
            }
            return value;
        }

        /** An address, optionally with a display name: {@code a@b.ua} or {@code Name <a@b.ua>}. */
        String sender(ConfigKey key) {
            String value = string(key);
            if (!value.matches("([^<>@]*<)?[^@\\s<>]+@[^@\\s<>]+(>)?")) {
                throw new ConfigException(
                        key, "must be an e-mail address, optionally as Name <address>; got \"" + value + "\"");
            }
            return value;
        }

        SmtpTls smtpTls(ConfigKey key) {
            String value = string(key);
            try {
                return SmtpTls.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, "must be one of none, optional, required, tls; got \"" + value + "\"");
            }
        }

        List<Path> paths(ConfigKey key) {
            String value = optional(key);
            if (value == null) {
                return List.of();
            }
            return java.util.Arrays.stream(value.split(","))
                    .map(String::trim)
                    .filter(v -> !v.isEmpty())
                    .map(Path::of)
                    .toList();
        }

        Path optionalPath(ConfigKey key) {
            String value = optional(key);
            return value == null ? null : Path.of(value);
        }

        private static URI uri(ConfigKey key, String value) {
            try {
                return new URI(value);
            } catch (URISyntaxException e) {
                throw new ConfigException(key, "is not a valid URL: \"" + redact(value) + "\"");
            }
        }

        private static String redact(String url) {
            return redactUrl(url);
        }
    }

    /** Never echo a password embedded in a URL into a log or a terminal. */
    public static String redactUrl(String url) {
        return url.replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
    }
}

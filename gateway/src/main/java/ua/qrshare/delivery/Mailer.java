package ua.qrshare.delivery;

import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import ua.qrshare.config.Config;

/**
 * The pooled SMTP client the gateway delivers copies with, pointed at the configured server or the embedded sink.
 * Connecting and every step after it (greeting, each command, DATA) are bounded by {@code timeout}: a socket that
 * sees no traffic for that long is closed, which fails the send in progress.
 */
public final class Mailer {

    private static final int MAX_CONNECTIONS = 8;

    private Mailer() {}

    /** Where mail goes. */
    public record Target(String host, int port, String user, String password, Config.SmtpTls tls) {

        public static Target of(Config.Smtp smtp) {
            return new Target(smtp.host(), smtp.port(), smtp.user(), smtp.password(), smtp.tls());
        }

        public static Target embedded(int port) {
            return new Target("127.0.0.1", port, null, null, Config.SmtpTls.NONE);
        }
    }

    public static MailClient client(Vertx vertx, Target target, java.time.Duration timeout) {
        MailConfig config = new MailConfig()
                .setConnectTimeout((int) timeout.toMillis())
                .setIdleTimeout((int) timeout.toMillis())
                .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .setSslHandshakeTimeout(timeout.toMillis())
                .setSslHandshakeTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .setHostname(target.host())
                .setPort(target.port())
                .setMaxPoolSize(MAX_CONNECTIONS)
                .setKeepAlive(true)
                .setSsl(target.tls() == Config.SmtpTls.TLS)
                .setStarttls(
                        switch (target.tls()) {
                            case NONE, TLS -> StartTLSOptions.DISABLED;
                            case OPTIONAL -> StartTLSOptions.OPTIONAL;
                            case REQUIRED -> StartTLSOptions.REQUIRED;
                        });
        if (target.user() != null) {
            config.setUsername(target.user()).setPassword(target.password()).setLogin(LoginOption.REQUIRED);
        } else {
            config.setLogin(LoginOption.DISABLED);
        }
        return MailClient.create(vertx, config);
    }
}

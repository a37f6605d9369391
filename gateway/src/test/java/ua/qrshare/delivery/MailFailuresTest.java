package ua.qrshare.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.ext.mail.SMTPException;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a failed send means, by reply code and enhanced status (RFC 3463), never by text: a relay or account that is
 * misconfigured is an outage to wait out; a refusal of this recipient or message fails the share. (The relay and
 * recipient cases run end to end against a real SMTP server in {@link DeliveryFaultsTest}.)
 */
class MailFailuresTest {

    @Test
    void misconfigured_relay_or_account_and_every_4xx_hold_the_share() {
        for (String reply : List.of(
                "535 5.7.8 authentication credentials invalid",
                "530 5.7.0 authentication required",
                "550 5.7.1 relaying denied",
                "553 5.7.1 sender not allowed",
                "421 4.3.2 shutting down",
                "451 4.7.1 greylisted")) {
            assertThat(MailDelivery.classify(smtp(reply), false))
                    .as(reply)
                    .isInstanceOf(SmtpUnavailableException.class);
        }
    }

    @Test
    void a_refusal_of_this_recipient_or_message_fails_the_share() {
        for (String reply : List.of("550 5.1.1 user unknown", "552 5.3.4 message too big", "550 mailbox unavailable")) {
            assertThat(MailDelivery.classify(smtp(reply), false)).as(reply).isInstanceOf(SmtpRejectedException.class);
        }
    }

    @Test
    void no_reply_at_all_is_an_outage_and_ambiguous_only_once_connected() {
        SmtpUnavailableException refused =
                (SmtpUnavailableException) MailDelivery.classify(new ConnectException("refused"), false);
        assertThat(refused.ambiguous()).isFalse();
        SmtpUnavailableException cut =
                (SmtpUnavailableException) MailDelivery.classify(new VertxException("Connection was closed."), false);
        assertThat(cut.ambiguous()).isTrue();
        assertThat(cut.timedOut()).isFalse();
        assertThat(((SmtpUnavailableException) MailDelivery.classify(new VertxException("x"), true)).timedOut())
                .isTrue();
    }

    private static SMTPException smtp(String reply) {
        return new SMTPException("refused", Integer.parseInt(reply.substring(0, 3)), List.of(reply), true);
    }
}

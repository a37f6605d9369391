package ua.qrshare.dev;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.junit5.VertxExtension;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class MailSinkTest {

    private static final String FROM = "noreply@qrshare.test";
    private static final String TO = "viddilennia@bank.example";

    @Test
    void storesTheReceivedMessageAsOneParsableEmlFile(Vertx vertx, @TempDir Path tempDir) throws Exception {
        String subject = "Копія документа: ID-картка громадянина України";
        String text = "Доброго дня! Надсилаємо копію документа, якою з вами поділився громадянин. "
                + "Підпис і позначка часу — у вкладенні.";
        byte[] pdf = new byte[6 * 1024];
        new Random(7).nextBytes(pdf);

        try (MailSink sink = MailSink.start(tempDir.resolve("mail"), "127.0.0.1", 0)) {
            send(
                    vertx,
                    sink,
                    new MailMessage()
                            .setFrom(FROM)
                            .setTo(TO)
                            .setSubject(subject)
                            .setText(text)
                            .setAttachment(MailAttachment.create()
                                    .setName("id-card-xyz.pdf")
                                    .setContentType("application/pdf")
                                    .setData(Buffer.buffer(pdf))));

            List<Path> stored = emlFiles(sink.directory());
            assertThat(stored).hasSize(1);
            MimeMessage message = parse(stored.get(0));
            assertThat(message.getSubject()).isEqualTo(subject);
            assertThat(message.getFrom()).containsExactly(new InternetAddress(FROM));
            assertThat(message.getRecipients(RecipientType.TO)).containsExactly(new InternetAddress(TO));
            Multipart parts = (Multipart) message.getContent();
            assertThat(parts.getCount()).isEqualTo(2);
            assertThat(textOf(parts.getBodyPart(0))).isEqualTo(text);
            BodyPart attachment = parts.getBodyPart(1);
            assertThat(attachment.getDisposition()).isEqualToIgnoringCase(Part.ATTACHMENT);
            assertThat(attachment.getFileName()).isEqualTo("id-card-xyz.pdf");
            try (InputStream content = attachment.getInputStream()) {
                assertThat(content.readAllBytes()).isEqualTo(pdf);
            }
        }
    }

    @Test
    void storesExactlyTheBytesTheClientSent(@TempDir Path dir) throws Exception {
        // SMTP dot-stuffs lines that start with a dot; the stored message is the unstuffed original.
        String sent = "From: " + FROM + "\r\nTo: " + TO + "\r\nSubject: raw\r\n\r\n"
                + "line one\r\n..line that starts with a dot\r\n";
        String original = sent.replace("\r\n..", "\r\n.");
        try (MailSink sink = MailSink.start(dir, "127.0.0.1", 0);
                Socket socket = new Socket("127.0.0.1", sink.port())) {
            BufferedReader replies = new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
            Writer commands = new OutputStreamWriter(socket.getOutputStream(), US_ASCII);
            assertThat(replies.readLine()).startsWith("220 ");
            for (String command : List.of("HELO test", "MAIL FROM:<" + FROM + ">", "RCPT TO:<" + TO + ">", "DATA")) {
                commands.write(command + "\r\n");
                commands.flush();
                assertThat(replies.readLine()).as(command).matches("(250|354) .*");
            }
            commands.write(sent + ".\r\n");
            commands.flush();
            assertThat(replies.readLine()).startsWith("250 ");

            List<Path> stored = emlFiles(dir);
            assertThat(stored).hasSize(1);
            assertThat(Files.readString(stored.get(0), US_ASCII)).isEqualTo(original);
        }
    }

    @Test
    void storedMailIsReadableByItsOwnerOnly(Vertx vertx, @TempDir Path tempDir) throws Exception {
        assumeTrue(java.nio.file.FileSystems.getDefault()
                .supportedFileAttributeViews()
                .contains("posix"));
        Path dir = tempDir.resolve("mail");
        try (MailSink sink = MailSink.start(dir, "127.0.0.1", 0)) {
            send(
                    vertx,
                    sink,
                    new MailMessage()
                            .setFrom(FROM)
                            .setTo(TO)
                            .setSubject("Копія")
                            .setText("персональні дані"));
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                    .isEqualTo("rwx------");
            List<Path> stored = emlFiles(dir);
            assertThat(stored).hasSize(1);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(stored.get(0))))
                    .isEqualTo("rw-------");
        }
        // A directory that already exists with looser permissions is tightened too.
        Path loose = Files.createDirectories(tempDir.resolve("loose"));
        Files.setPosixFilePermissions(loose, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        MailSink.start(loose, "127.0.0.1", 0).close();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(loose)))
                .isEqualTo("rwx------");
    }

    @Test
    void storesMessagesInArrivalOrder(Vertx vertx, @TempDir Path dir) throws Exception {
        try (MailSink sink = MailSink.start(dir, "127.0.0.1", 0)) {
            send(
                    vertx,
                    sink,
                    new MailMessage()
                            .setFrom(FROM)
                            .setTo(TO)
                            .setSubject("перше")
                            .setText("1"));
            send(
                    vertx,
                    sink,
                    new MailMessage()
                            .setFrom(FROM)
                            .setTo(TO)
                            .setSubject("друге")
                            .setText("2"));

            List<Path> stored = emlFiles(dir);
            assertThat(stored).hasSize(2);
            assertThat(parse(stored.get(0)).getSubject()).isEqualTo("перше");
            assertThat(parse(stored.get(1)).getSubject()).isEqualTo("друге");
            assertThat(stored)
                    .allSatisfy(file -> assertThat(file.getFileName().toString())
                            .matches("\\d{8}T\\d{6}\\.\\d{3}Z-[0-9a-f]{8}\\.eml"));
            try (Stream<Path> all = Files.list(dir)) {
                assertThat(all).as("no temporary files left").hasSize(2);
            }
        }
    }

    @Test
    void closeStopsListening(@TempDir Path dir) throws Exception {
        MailSink sink = MailSink.start(dir, "127.0.0.1", 0);
        int port = sink.port();
        assertThat(port).isPositive();
        new Socket("127.0.0.1", port).close();

        sink.close();

        // Refused, or (when another process took the freed ephemeral port meanwhile) not answered by the sink.
        try (Socket after = new Socket("127.0.0.1", port)) {
            after.setSoTimeout(500);
            byte[] greeting = new byte[64];
            int read;
            try {
                read = after.getInputStream().read(greeting);
            } catch (java.net.SocketTimeoutException silent) {
                read = -1;
            }
            assertThat(read > 0 ? new String(greeting, 0, read, US_ASCII) : "")
                    .as("the closed sink no longer greets")
                    .doesNotContain("qrshare dev mail sink");
        } catch (ConnectException refused) {
            // the usual case: nothing listens there any more
        }
    }

    @Test
    void listensOnTheGivenAddressOnly(@TempDir Path dir) throws Exception {
        // Linux routes all of 127/8 to the loopback interface, so 127.0.0.2 is another local address to try.
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        try (MailSink sink = MailSink.start(dir, "127.0.0.1", 0)) {
            new Socket("127.0.0.1", sink.port()).close();
            assertThatThrownBy(() -> new Socket("127.0.0.2", sink.port()).close())
                    .isInstanceOf(ConnectException.class);
        }
    }

    private static void send(Vertx vertx, MailSink sink, MailMessage message) throws Exception {
        MailClient client = MailClient.create(
                vertx,
                new MailConfig().setHostname("127.0.0.1").setPort(sink.port()).setStarttls(StartTLSOptions.DISABLED));
        try {
            client.sendMail(message).await(10, SECONDS);
        } finally {
            client.close().await(10, SECONDS);
        }
    }

    private static List<Path> emlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".eml"))
                    .sorted()
                    .toList();
        }
    }

    private static MimeMessage parse(Path eml) throws IOException, MessagingException {
        try (InputStream in = Files.newInputStream(eml)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    private static String textOf(BodyPart part) throws IOException, MessagingException {
        assertThat(part.isMimeType("text/plain")).as(part.getContentType()).isTrue();
        return (String) part.getContent();
    }
}

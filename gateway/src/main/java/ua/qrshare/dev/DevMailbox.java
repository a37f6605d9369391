package ua.qrshare.dev;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import ua.qrshare.http.Problem;
import ua.qrshare.http.Routes;

/**
 * Dev mode only: what the embedded SMTP sink ({@link MailSink}) received, for the web app's dev mailbox. Lists the
 * newest messages first (arrival time, recipients, subject, attachments) and serves each attachment as it was
 * mailed. Mounted only while the sink is in use; it reads the sink's {@code .eml} files on a worker thread.
 */
public final class DevMailbox implements Routes {

    public static final String LIST_PATH = "/dev/mail";
    static final int MAX_MESSAGES = 100;
    /** Exactly the names {@link MailSink} gives its files, without {@code .eml}: nothing else can be asked for. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[0-9]{8}T[0-9]{6}\\.[0-9]{3}Z-[0-9a-f]{8}");

    private static final DateTimeFormatter ARRIVAL_FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Session MAIL_SESSION = Session.getInstance(new Properties());

    private final Vertx vertx;
    private final Path directory;

    public DevMailbox(Vertx vertx, Path directory) {
        this.vertx = vertx;
        this.directory = directory;
    }

    @Override
    public void mount(Router router) {
        router.get(LIST_PATH).handler(this::list);
        router.get(LIST_PATH + "/:messageId/attachments/:index").handler(this::attachment);
    }

    private void list(RoutingContext ctx) {
        vertx.executeBlocking(this::listMessages, false)
                .onSuccess(items -> ctx.response()
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(new JsonObject().put("items", items).toBuffer()))
                .onFailure(ctx::fail);
    }

    private void attachment(RoutingContext ctx) {
        String id = ctx.pathParam("messageId");
        int index;
        try {
            index = Integer.parseInt(ctx.pathParam("index"));
        } catch (NumberFormatException e) {
            throw Problem.notFound();
        }
        if (!MESSAGE_ID.matcher(id).matches() || index < 0) {
            throw Problem.notFound();
        }
        vertx.executeBlocking(() -> readAttachment(id, index), false)
                .onSuccess(found -> {
                    if (found == null) {
                        ctx.fail(Problem.notFound());
                        return;
                    }
                    ctx.response()
                            .putHeader(HttpHeaders.CONTENT_TYPE, found.contentType())
                            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                            .putHeader(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(found.filename()))
                            .end(Buffer.buffer(found.bytes()));
                })
                .onFailure(ctx::fail);
    }

    private JsonArray listMessages() throws IOException, MessagingException {
        List<Path> files;
        if (!Files.isDirectory(directory)) {
            return new JsonArray();
        }
        try (Stream<Path> stream = Files.list(directory)) {
            files = stream.filter(p -> MESSAGE_ID.matcher(idOf(p)).matches())
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString())
                            .reversed())
                    .limit(MAX_MESSAGES)
                    .toList();
        }
        JsonArray items = new JsonArray();
        for (Path file : files) {
            MimeMessage message = parse(file);
            JsonArray to = new JsonArray();
            Address[] recipients = message.getAllRecipients();
            if (recipients != null) {
                for (Address a : recipients) {
                    to.add(a.toString());
                }
            }
            JsonArray attachments = new JsonArray();
            List<Part> parts = attachments(message);
            for (int i = 0; i < parts.size(); i++) {
                Part part = parts.get(i);
                attachments.add(new JsonObject()
                        .put("index", i)
                        .put("filename", filename(part))
                        .put("contentType", baseType(part.getContentType()))
                        .put("size", bytes(part).length));
            }
            String id = idOf(file);
            items.add(new JsonObject()
                    .put("id", id)
                    .put("receivedAt", arrival(id, file).toString())
                    .put("to", to)
                    .put("subject", message.getSubject())
                    .put("attachments", attachments));
        }
        return items;
    }

    private Attachment readAttachment(String id, int index) throws IOException, MessagingException {
        Path file = directory.resolve(id + ".eml");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        List<Part> parts = attachments(parse(file));
        if (index >= parts.size()) {
            return null;
        }
        Part part = parts.get(index);
        return new Attachment(filename(part), baseType(part.getContentType()), bytes(part));
    }

    private record Attachment(String filename, String contentType, byte[] bytes) {}

    private static MimeMessage parse(Path file) throws IOException, MessagingException {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(MAIL_SESSION, in);
        }
    }

    /** The parts with a file name, depth first, in the order they were mailed. */
    private static List<Part> attachments(Part part) throws IOException, MessagingException {
        List<Part> out = new ArrayList<>();
        collect(part, out);
        return out;
    }

    private static void collect(Part part, List<Part> out) throws IOException, MessagingException {
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, out);
            }
        } else if (part.getFileName() != null) {
            out.add(part);
        }
    }

    private static String filename(Part part) throws MessagingException {
        try {
            return MimeUtility.decodeText(part.getFileName());
        } catch (java.io.UnsupportedEncodingException e) {
            return part.getFileName();
        }
    }

    private static byte[] bytes(Part part) throws IOException, MessagingException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static String baseType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(java.util.Locale.ROOT);
    }

    private static String idOf(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".eml") ? name.substring(0, name.length() - 4) : "";
    }

    private static Instant arrival(String id, Path file) {
        try {
            return Instant.from(ARRIVAL_FORMAT.parse(id.substring(0, id.indexOf('-'))));
        } catch (DateTimeParseException e) {
            try {
                return Files.getLastModifiedTime(file).toInstant();
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        }
    }

    /** RFC 6266: an ASCII fallback and the exact name in UTF-8. */
    private static String contentDisposition(String filename) {
        String ascii = filename.replaceAll("[^A-Za-z0-9._-]", "_");
        String encoded =
                java.net.URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}

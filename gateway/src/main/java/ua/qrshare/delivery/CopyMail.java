package ua.qrshare.delivery;

import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailMessage;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The one e-mail a share becomes: to the branch's delivery address (or the profile's), in Ukrainian, naming the
 * service and the documents, with {@code {type}-{share}.pdf} and {@code {type}-{share}.pdf.p7s} attached. The
 * Message-ID is derived from the share id, so a resend after a crash is recognisably the same message.
 */
public final class CopyMail {

    /** One document's copy: the PDF and its detached-content CAdES signature (the PDF is inside the P7S too). */
    public record Copy(String type, String titleUk, byte[] pdf, byte[] p7s) {}

    /** Who gets the mail and what it is about. */
    public record Envelope(
            UUID shareId,
            String from,
            String to,
            String partnerName,
            String branchName,
            String branchAddress,
            String serviceName,
            String verifyUrl) {}

    private CopyMail() {}

    public static MailMessage compose(Envelope e, List<Copy> copies) {
        List<MailAttachment> attachments = new ArrayList<>();
        StringBuilder list = new StringBuilder();
        for (Copy c : copies) {
            String base = c.type() + "-" + e.shareId();
            attachments.add(attachment(base + ".pdf", "application/pdf", c.pdf()));
            attachments.add(attachment(base + ".pdf.p7s", "application/pkcs7-signature", c.p7s()));
            list.append("  • ")
                    .append(c.titleUk())
                    .append(" — ")
                    .append(base)
                    .append(".pdf (підпис: ")
                    .append(base)
                    .append(".pdf.p7s)\n");
        }
        String text = "Доброго дня!\n\n"
                + "Громадянин підтвердив надсилання копій документів для послуги «" + e.serviceName() + "»"
                + " у відділенні «" + e.branchName() + "» (" + e.branchAddress() + ").\n\n"
                + "Копії документів:\n" + list
                + "\nКожну копію підписано кваліфікованою електронною печаткою з позначкою часу. Перевірити підпис"
                + " можна на " + e.verifyUrl() + " або командою openssl cms -verify.\n\n"
                + "Ідентифікатор надсилання: " + e.shareId() + "\n"
                + "Одержувач: " + e.partnerName() + "\n\n"
                + "Лист сформовано автоматично; відповідати на нього не потрібно.\n";
        return new MailMessage()
                .setFrom(e.from())
                .setTo(e.to())
                .setSubject("Копії документів: " + e.serviceName())
                .setText(text)
                .setAttachment(attachments)
                .addHeader("Message-ID", messageId(e.shareId(), e.verifyUrl()));
    }

    /** Streamed in large chunks (see {@link AttachmentBytes}): a message is good for one send, as composed here. */
    private static MailAttachment attachment(String name, String type, byte[] bytes) {
        return MailAttachment.create()
                .setName(name)
                .setContentType(type)
                .setStream(new AttachmentBytes(bytes))
                .setSize(bytes.length);
    }

    /** {@code <share-{id}@{host of the public URL}>}. */
    static String messageId(UUID shareId, String publicUrl) {
        String host = URI.create(publicUrl).getHost();
        return "<share-" + shareId + "@" + (host == null ? "qrshare" : host) + ">";
    }
}

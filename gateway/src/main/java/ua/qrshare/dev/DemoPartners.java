package ua.qrshare.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.qrshare.pki.SigningIdentity;
import ua.qrshare.register.Register;
import ua.qrshare.register.RegisterEntry;
import ua.qrshare.secrets.LookupHash;

/**
 * What a dev instance needs so that a person can log in at once: fictitious organisations in the register (codes
 * with valid check digits, heads with well-formed taxpayer numbers) and a КЕП of the first one's head, issued by the
 * dev CA as a PKCS#12 file with a random password beside it.
 */
public final class DemoPartners {

    public static final String KEY_STORE = "demo-partner.p12";
    public static final String PASSWORD_FILE = "demo-partner.password";

    /** Invented for the demo; any resemblance to a real organisation or person is accidental. */
    public static final List<RegisterEntry> ORGANISATIONS = List.of(
            new RegisterEntry(
                    "43187521",
                    "ТОВ «Зелений квартал»",
                    "2892751280",
                    "Коваленко Олена Петрівна",
                    "01054, м. Київ, вул. Дмитрівська, буд. 18/24, офіс 7"),
            new RegisterEntry(
                    "44021674",
                    "ТОВ «Дніпровські ліки»",
                    "3062113730",
                    "Бондаренко Андрій Миколайович",
                    "49000, м. Дніпро, просп. Дмитра Яворницького, буд. 52"),
            new RegisterEntry(
                    "37905414",
                    "ПрАТ «Левова пекарня»",
                    "2756520467",
                    "Мельник Ірина Василівна",
                    "79000, м. Львів, вул. Городоцька, буд. 48"));

    public static final RegisterEntry HEADED_BY_DEMO_KEY = ORGANISATIONS.get(0);
    private static final Duration VALIDITY = Duration.ofDays(365);
    /** Reissued this long before it expires, so the demo login never fails on an old certificate. */
    private static final Duration RENEWAL_MARGIN = Duration.ofDays(30);

    private static final Logger log = LoggerFactory.getLogger(DemoPartners.class);

    private DemoPartners() {}

    /** Where the demo head's КЕП is, how to open it, and which organisation it logs in to. */
    public record KeyStore(Path file, String password, String organisation) {}

    /** Adds the demo organisations the register does not hold yet; rows already there are left alone. Blocking. */
    public static void seedRegister(Connection connection, LookupHash lookupHash) throws SQLException {
        int added = Register.write(connection, lookupHash, ORGANISATIONS, false);
        if (added > 0) {
            log.info("Added {} demo organisation(s) to the register", added);
        }
    }

    /**
     * The demo head's КЕП in the dev PKI's directory: issued on the first start, and again when it is missing, no
     * longer from this CA, or near its expiry. Blocking.
     */
    public static KeyStore keyStore(DevPki pki) {
        Path file = pki.directory().resolve(KEY_STORE);
        Path passwordFile = pki.directory().resolve(PASSWORD_FILE);
        if (!current(file, passwordFile, pki)) {
            PartnerCertificates.writePkcs12WithRandomPassword(issue(pki), file, passwordFile);
            log.info("Issued the demo partner's КЕП from the dev CA: {}", file);
        }
        return new KeyStore(
                file,
                readPassword(passwordFile),
                HEADED_BY_DEMO_KEY.name() + " (EDRPOU " + HEADED_BY_DEMO_KEY.edrpou() + ")");
    }

    private static SigningIdentity issue(DevPki pki) {
        RegisterEntry org = HEADED_BY_DEMO_KEY;
        Instant now = Instant.now();
        return PartnerCertificates.issue(
                pki,
                new PartnerCertificates.Request(
                        org.headRnokpp(),
                        org.edrpou(),
                        org.headName(),
                        "Директор",
                        org.name(),
                        now.minus(Duration.ofHours(1)),
                        now.plus(VALIDITY),
                        true));
    }

    private static boolean current(Path file, Path passwordFile, DevPki pki) {
        if (!Files.exists(file) || !Files.exists(passwordFile)) {
            return false;
        }
        try {
            SigningIdentity identity =
                    SigningIdentity.fromPkcs12(file, readPassword(passwordFile).toCharArray());
            return identity.chain().contains(pki.caCertificate())
                    && identity.isValidAt(Instant.now().plus(RENEWAL_MARGIN));
        } catch (IllegalArgumentException e) {
            return false; // unreadable or the password no longer fits: issue a fresh one
        }
    }

    private static String readPassword(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}

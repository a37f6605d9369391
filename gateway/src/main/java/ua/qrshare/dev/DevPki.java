package ua.qrshare.dev;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.qrshare.config.ConfigKey;
import ua.qrshare.pki.Pem;
import ua.qrshare.pki.PkiRoutes;
import ua.qrshare.pki.SigningIdentity;

/**
 * The development PKI: a root CA, the platform's electronic seal and a time-stamping authority, generated once under
 * a directory and reused on every later start, so that copies sealed yesterday still verify today. The CA's CRL is
 * renewed daily ({@link #renewCrl}), the same on every instance sharing the directory; a seal made by an earlier
 * release without the qualified-seal shape is re-issued, and the old certificate kept in {@link #PREVIOUS_SEALS}.
 */
public final class DevPki {

    static final String CA_P12 = "ca.p12";
    static final String SEAL_P12 = "seal.p12";
    static final String TSA_P12 = "tsa.p12";
    static final String CA_PEM = "ca.pem";
    static final String SEAL_PEM = "seal.pem";
    static final String TSA_PEM = "tsa.pem";
    static final String CA_CRL = "ca.crl";
    static final String PASSWORD_FILE = "keystore.password";
    /** Where the gateway publishes the CA's CRL, under its public base URL. */
    private static final List<String> FILES =
            List.of(CA_P12, SEAL_P12, TSA_P12, CA_PEM, SEAL_PEM, TSA_PEM, CA_CRL, PASSWORD_FILE);

    /** Earlier dev seal certificates (PEM, one per file), still accepted by the verifier after a re-issue. */
    static final String PREVIOUS_SEALS = "previous-seals";

    private static final String ORGANIZATION = ", O=qrshare (development), C=UA";
    private static final X500Principal CA_NAME = new X500Principal("CN=qrshare dev root CA" + ORGANIZATION);
    /**
     * A legal person's seal (ETSI EN 319 412-3): organizationIdentifier NTRUA-&lt;EDRPOU&gt; (EN 319 412-1 §5.1.4),
     * O, CN and C. EDRPOU 00000000 belongs to no organisation.
     */
    static final X500Principal SEAL_NAME = sealName();

    private static final X500Principal TSA_NAME = new X500Principal("CN=qrshare dev TSA" + ORGANIZATION);
    private static final Period CA_VALIDITY = Period.ofYears(10);
    private static final Period END_ENTITY_VALIDITY = Period.ofYears(3);
    /**
     * The TSA outlives the seals it stamps for: years after a seal certificate has expired, its copies' time-stamps
     * still validate, and prove that the seal was valid (and, by the CRL inside, unrevoked) when it sealed.
     */
    private static final Period TSA_VALIDITY = Period.ofYears(9);
    /**
     * The CRL schedule: one CRL per UTC day, valid for seven. Its thisUpdate is the day's start (see
     * {@link #crlThisUpdate}), its number that time in seconds, and its signature deterministic, so every instance
     * sharing the dev PKI issues the very same CRL on the same day, and a CRL is renewed six days before it expires.
     */
    static final Duration CRL_PERIOD = Duration.ofDays(1);

    static final Duration CRL_VALIDITY = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(DevPki.class);

    private final Path directory;
    private final String keystorePassword;
    private final SigningIdentity ca;
    private final SigningIdentity seal;
    private final SigningIdentity tsa;
    private final List<X509Certificate> previousSeals;
    private final String crlUrl;
    private volatile X509CRLHolder crl;

    private DevPki(
            Path directory,
            String keystorePassword,
            SigningIdentity ca,
            SigningIdentity seal,
            SigningIdentity tsa,
            List<X509Certificate> previousSeals,
            X509CRLHolder crl,
            String crlUrl) {
        this.crlUrl = crlUrl;
        this.previousSeals = List.copyOf(previousSeals);
        this.directory = directory;
        this.keystorePassword = keystorePassword;
        this.ca = ca;
        this.seal = seal;
        this.tsa = tsa;
        this.crl = crl;
    }

    /**
     * Loads the dev PKI from {@code dir}, generating it first when the directory holds none of its files. Blocking:
     * file I/O and key generation, so call it off the event loop.
     *
     * @param publicBaseUrl the gateway's public base URL; issued certificates point to the CRL published under it
     * @throws IllegalStateException when {@code dir} holds only part of a PKI
     */
    public static DevPki loadOrCreate(Path dir, String publicBaseUrl) {
        return loadOrCreate(dir, publicBaseUrl, Clock.systemUTC());
    }

    static DevPki loadOrCreate(Path dir, String publicBaseUrl, Clock clock) {
        String crlUrl = crlUrl(publicBaseUrl);
        try {
            List<String> missing = FILES.stream()
                    .filter(name -> !Files.exists(dir.resolve(name)))
                    .toList();
            if (missing.size() == FILES.size()) {
                generate(dir, crlUrl, clock.instant());
            } else if (!missing.isEmpty()) {
                throw new IllegalStateException("Incomplete dev PKI in " + dir + ": missing "
                        + String.join(", ", missing) + ". Restore the missing files, or delete the directory to"
                        + " generate a new PKI (a new root CA, which verifiers then have to trust anew).");
            }
            return load(dir, crlUrl, clock.instant());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the dev PKI in " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot generate or load the dev PKI in " + dir, e);
        }
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** The root CA's key, for issuing further test certificates (such as a demo partner's). */
    public PrivateKey caKey() {
        return ca.key();
    }

    /** The root CA as a signing identity, for issuing further certificates (partners' КЕП in dev and tests). */
    public SigningIdentity ca() {
        return ca;
    }

    /** The CRL location every certificate of this PKI names. */
    public String crlUrl() {
        return crlUrl;
    }

    public SigningIdentity seal() {
        return seal;
    }

    public SigningIdentity tsa() {
        return tsa;
    }

    /** Dev seal certificates this PKI used before re-issuing its seal: copies sealed with them still verify. */
    public List<X509Certificate> previousSeals() {
        return previousSeals;
    }

    /** The CA's current CRL, DER-encoded. */
    public byte[] crl() {
        return encoded(crl);
    }

    /** The CA's current CRL. */
    public X509CRL currentCrl() {
        try {
            return new JcaX509CRLConverter().getCRL(crl);
        } catch (java.security.cert.CRLException e) {
            throw new IllegalStateException("cannot read the dev CA's CRL", e);
        }
    }

    /**
     * Issues the CRL of {@code now}'s day when the current one is older (see {@link #CRL_PERIOD}); call it on a
     * schedule, off the event loop (it signs and writes a file). Instances sharing the directory issue the same CRL.
     *
     * @return whether a new CRL was issued
     */
    public synchronized boolean renewCrl(Instant now) {
        try {
            X509CRLHolder renewed = renewedCrl(directory.resolve(CA_CRL), ca, crl, crlThisUpdate(now, seal, tsa), now);
            if (renewed == crl) {
                return false;
            }
            crl = renewed;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the dev CA's CRL in " + directory, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot issue the dev CA's CRL", e);
        }
    }

    public Path directory() {
        return directory;
    }

    /** The password of the three PKCS#12 files (and of their keys). */
    public String keystorePassword() {
        return keystorePassword;
    }

    private static String crlUrl(String publicBaseUrl) {
        String url = publicBaseUrl.replaceAll("/+$", "") + PkiRoutes.CA_CRL;
        URI.create(url); // fails early, naming the URL, rather than deep inside certificate generation
        return url;
    }

    /** Generates everything in memory first, then writes each file atomically. */
    private static void generate(Path dir, String crlUrl, Instant now)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        long started = System.nanoTime();
        char[] password = randomPassword();
        SigningIdentity ca = DevCertificates.rootCa(CA_NAME, now, CA_VALIDITY);
        SigningIdentity seal = DevCertificates.issueSeal(ca, SEAL_NAME, now, END_ENTITY_VALIDITY, crlUrl);
        SigningIdentity tsa = DevCertificates.issueTsa(ca, TSA_NAME, now, TSA_VALIDITY, crlUrl);

        Map<String, byte[]> secrets = new LinkedHashMap<>();
        secrets.put(PASSWORD_FILE, new String(password).getBytes(US_ASCII));
        secrets.put(CA_P12, pkcs12(ca, "ca", password));
        secrets.put(SEAL_P12, pkcs12(seal, "seal", password));
        secrets.put(TSA_P12, pkcs12(tsa, "tsa", password));
        Map<String, byte[]> published = new LinkedHashMap<>();
        published.put(CA_PEM, Pem.encode(ca.certificate()));
        published.put(SEAL_PEM, Pem.encode(seal.certificate()));
        published.put(TSA_PEM, Pem.encode(tsa.certificate()));
        Instant thisUpdate = crlThisUpdate(now, seal, tsa);
        published.put(CA_CRL, DevCertificates.crl(ca, crlNumber(thisUpdate), thisUpdate, CRL_VALIDITY));

        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> file : secrets.entrySet()) {
            writeAtomically(dir.resolve(file.getKey()), file.getValue(), true);
        }
        for (Map.Entry<String, byte[]> file : published.entrySet()) {
            writeAtomically(dir.resolve(file.getKey()), file.getValue(), false);
        }
        log.info(
                "Generated the dev PKI in {} ({} ms): root CA, seal and TSA certificates",
                dir,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private static DevPki load(Path dir, String crlUrl, Instant now)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        String password = Files.readString(dir.resolve(PASSWORD_FILE), US_ASCII).strip();
        SigningIdentity ca = SigningIdentity.fromPkcs12(dir.resolve(CA_P12), password.toCharArray());
        SigningIdentity seal = SigningIdentity.fromPkcs12(dir.resolve(SEAL_P12), password.toCharArray());
        SigningIdentity tsa = SigningIdentity.fromPkcs12(dir.resolve(TSA_P12), password.toCharArray());
        warnIfCrlUrlChanged(dir, seal, crlUrl);
        if (!DevCertificates.hasQualifiedSealShape(seal.certificate())) {
            seal = reissueSeal(dir, ca, seal, password.toCharArray(), crlUrl, now);
        }
        if (!DevCertificates.hasAuthorityInformationAccess(tsa.certificate())) {
            tsa = DevCertificates.issueTsa(ca, tsa.certificate().getSubjectX500Principal(), now, TSA_VALIDITY, crlUrl);
            writeAtomically(dir.resolve(TSA_P12), pkcs12(tsa, "tsa", password.toCharArray()), true);
            writeAtomically(dir.resolve(TSA_PEM), Pem.encode(tsa.certificate()), false);
            log.info("Re-issued the dev TSA certificate in {} with authority information access", dir);
        }
        X509CRLHolder crl = renewedCrl(
                dir.resolve(CA_CRL),
                ca,
                new X509CRLHolder(Files.readAllBytes(dir.resolve(CA_CRL))),
                crlThisUpdate(now, seal, tsa),
                now);
        return new DevPki(dir, password, ca, seal, tsa, previousSeals(dir), crl, crlUrl);
    }

    /**
     * A dev PKI made before the seal had the shape of a qualified seal gets a new one; the old certificate moves to
     * {@link #PREVIOUS_SEALS}, so the copies it sealed keep verifying.
     */
    private static SigningIdentity reissueSeal(
            Path dir, SigningIdentity ca, SigningIdentity old, char[] password, String crlUrl, Instant now)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        SigningIdentity seal = DevCertificates.issueSeal(ca, SEAL_NAME, now, END_ENTITY_VALIDITY, crlUrl);
        Path previous = dir.resolve(PREVIOUS_SEALS);
        Files.createDirectories(previous);
        writeAtomically(
                previous.resolve("seal-" + old.certificate().getSerialNumber().toString(16) + ".pem"),
                Pem.encode(old.certificate()),
                false);
        writeAtomically(dir.resolve(SEAL_P12), pkcs12(seal, "seal", password), true);
        writeAtomically(dir.resolve(SEAL_PEM), Pem.encode(seal.certificate()), false);
        log.info(
                "Re-issued the dev seal in {} as a qualified electronic seal; the earlier seal certificate is kept in"
                        + " {} and still verifies",
                dir,
                previous);
        return seal;
    }

    private static List<X509Certificate> previousSeals(Path dir) throws IOException {
        Path previous = dir.resolve(PREVIOUS_SEALS);
        if (!Files.isDirectory(previous)) {
            return List.of();
        }
        try (var files = Files.list(previous)) {
            List<Path> pems = files.filter(f -> f.getFileName().toString().endsWith(".pem"))
                    .sorted()
                    .toList();
            return Pem.certificates(ConfigKey.DATA_DIR, pems);
        }
    }

    /** Certificates keep the CRL URL they were issued with; a changed public base URL does not reach them. */
    private static void warnIfCrlUrlChanged(Path dir, SigningIdentity seal, String crlUrl)
            throws GeneralSecurityException {
        Extension issued =
                new JcaX509CertificateHolder(seal.certificate()).getExtension(Extension.cRLDistributionPoints);
        if (issued == null
                || !issuedCrlUrls(CRLDistPoint.getInstance(issued.getParsedValue()))
                        .contains(crlUrl)) {
            log.warn(
                    "The dev PKI in {} names a CRL other than {}; delete the directory to regenerate it for the"
                            + " current public base URL",
                    dir,
                    crlUrl);
        }
    }

    private static List<String> issuedCrlUrls(CRLDistPoint points) {
        return java.util.Arrays.stream(points.getDistributionPoints())
                .map(p -> p.getDistributionPoint())
                .filter(name ->
                        name != null && name.getType() == org.bouncycastle.asn1.x509.DistributionPointName.FULL_NAME)
                .flatMap(name ->
                        java.util.Arrays.stream(org.bouncycastle.asn1.x509.GeneralNames.getInstance(name.getName())
                                .getNames()))
                .filter(n -> n.getTagNo() == org.bouncycastle.asn1.x509.GeneralName.uniformResourceIdentifier)
                .map(n -> org.bouncycastle.asn1.ASN1IA5String.getInstance(n.getName())
                        .getString())
                .toList();
    }

    /**
     * {@code current} while it is as recent as {@code thisUpdate} and unexpired; else the CRL issued at
     * {@code thisUpdate}, written to {@code file}.
     */
    private static X509CRLHolder renewedCrl(
            Path file, SigningIdentity ca, X509CRLHolder current, Instant thisUpdate, Instant now)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        Date nextUpdate = current.getNextUpdate();
        if (!current.getThisUpdate().toInstant().isBefore(thisUpdate)
                && nextUpdate != null
                && nextUpdate.toInstant().isAfter(now)) {
            return current;
        }
        BigInteger number = crlNumber(thisUpdate);
        byte[] renewed = DevCertificates.crl(ca, number, thisUpdate, CRL_VALIDITY);
        writeAtomically(file, renewed, false);
        log.info("Issued the dev CA's CRL number {} in {}", number, file);
        return new X509CRLHolder(renewed);
    }

    /**
     * When the CRL in force at {@code now} was issued: the start of {@code now}'s period, or if later the start of
     * validity of the newest certificate a copy names (validators such as EU DSS accept no revocation data issued
     * before the certificate). Both are the same on every instance sharing the directory.
     */
    static Instant crlThisUpdate(Instant now, SigningIdentity seal, SigningIdentity tsa) {
        long period = CRL_PERIOD.toSeconds();
        Instant start = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), period) * period);
        for (SigningIdentity identity : List.of(seal, tsa)) {
            Instant issued = identity.certificate().getNotBefore().toInstant();
            if (issued.isAfter(start) && !issued.isAfter(now)) {
                start = issued;
            }
        }
        return start;
    }

    /** The number of the CRL issued at {@code thisUpdate}: its time in seconds, so it only ever grows. */
    static BigInteger crlNumber(Instant thisUpdate) {
        return BigInteger.valueOf(thisUpdate.getEpochSecond());
    }

    private static X500Principal sealName() {
        try {
            return new X500Principal(new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.C, "UA")
                    .addRDN(BCStyle.O, "qrshare (development)")
                    .addRDN(BCStyle.ORGANIZATION_IDENTIFIER, "NTRUA-00000000")
                    .addRDN(BCStyle.CN, "qrshare dev seal")
                    .build()
                    .getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encoded(X509CRLHolder crl) {
        try {
            return crl.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static char[] randomPassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
    }

    static byte[] pkcs12(SigningIdentity identity, String alias, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, identity.key(), password, identity.chain().toArray(new Certificate[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        return out.toByteArray();
    }

    /** A certificate as PEM text (ASCII). */
    /**
     * Writes a sibling temporary file, syncs it, then renames it over the target: a crash leaves the old file or the
     * new one, never a torn one. Secrets are created owner-only before any byte is written to them.
     */
    static void writeAtomically(Path target, byte[] content, boolean secret) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (secret && target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temp);
        }
        Files.write(temp, content, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}

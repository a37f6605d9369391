package ua.qrshare.dev;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.qualified.QCStatement;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.qrshare.pki.SigningIdentity;

class DevPkiTest {

    private static final String BASE_URL = "https://qr.example.test/";
    private static final String CRL_URL = "https://qr.example.test/api/v1/pki/ca.crl";

    @TempDir
    static Path sharedDir;

    private static Path pkiDir;
    private static DevPki pki;

    @BeforeAll
    static void generate() {
        pkiDir = sharedDir.resolve("pki");
        pki = DevPki.loadOrCreate(pkiDir, BASE_URL);
    }

    @Test
    void opensslVerifiesSealAndTsaAgainstTheRootForTheirPurposes() throws Exception {
        assertThat(openssl("verify", "-CAfile", "ca.pem", "seal.pem")).contains("seal.pem: OK");
        assertThat(openssl("verify", "-CAfile", "ca.pem", "tsa.pem")).contains("tsa.pem: OK");
        // openssl cms -verify checks the signer for S/MIME signing, openssl ts -verify the TSA for time stamping
        assertThat(openssl("verify", "-purpose", "smimesign", "-CAfile", "ca.pem", "seal.pem"))
                .contains("OK");
        assertThat(openssl("verify", "-purpose", "timestampsign", "-CAfile", "ca.pem", "tsa.pem"))
                .contains("OK");
        assertThat(openssl("verify", "-crl_check", "-CRLfile", "ca.crl", "-CAfile", "ca.pem", "seal.pem"))
                .contains("seal.pem: OK");
    }

    @Test
    void tsaExtendedKeyUsageIsCriticalTimeStamping() throws Exception {
        String eku = openssl("x509", "-in", "tsa.pem", "-noout", "-ext", "extendedKeyUsage");
        assertThat(eku).contains("X509v3 Extended Key Usage: critical").contains("Time Stamping");
        assertThat(openssl("x509", "-in", "seal.pem", "-noout", "-ext", "extendedKeyUsage"))
                .doesNotContain("Extended Key Usage");
    }

    @Test
    void namesAreEncodedCountryFirst() throws Exception {
        assertThat(openssl("x509", "-in", "seal.pem", "-noout", "-subject", "-issuer"))
                .isEqualToNormalizingNewlines("""
                subject=C = UA, O = qrshare (development), organizationIdentifier = NTRUA-00000000, CN = qrshare dev seal
                issuer=C = UA, O = qrshare (development), CN = qrshare dev root CA
                """);
    }

    @Test
    void issuedCertificatesNameTheCrlUnderThePublicBaseUrl() throws Exception {
        for (String certificate : List.of("seal.pem", "tsa.pem")) {
            assertThat(openssl("x509", "-in", certificate, "-noout", "-ext", "crlDistributionPoints"))
                    .contains("URI:" + CRL_URL);
        }
    }

    @Test
    void opensslReadsEveryKeyStoreWithThePasswordFile() throws Exception {
        for (String name : List.of("ca", "seal", "tsa")) {
            String keyStore = name + ".p12";
            assertThat(openssl("pkcs12", "-in", keyStore, "-nokeys", "-passin", "file:keystore.password"))
                    .contains("-----BEGIN CERTIFICATE-----");
            assertThat(openssl("pkcs12", "-in", keyStore, "-nocerts", "-noenc", "-passin", "file:keystore.password"))
                    .contains("-----BEGIN PRIVATE KEY-----");
        }
        assertThat(Files.readString(pkiDir.resolve("keystore.password")).strip())
                .isEqualTo(pki.keystorePassword());
    }

    @Test
    void crlIsEmptySignedByTheCaAndValidForSevenDays() throws Exception {
        assertThat(openssl("crl", "-inform", "DER", "-in", "ca.crl", "-noout", "-CAfile", "ca.pem"))
                .contains("verify OK");
        X509CRL crl =
                (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(pki.crl()));
        crl.verify(pki.caCertificate().getPublicKey());
        assertThat(crl.getRevokedCertificates()).isNull();
        // Issued at the start of the day, or of the newest certificate's validity when that is later (DSS accepts no
        // revocation data from before a certificate's issuance).
        Instant issued = Instant.now().truncatedTo(ChronoUnit.DAYS);
        for (SigningIdentity identity : List.of(pki.seal(), pki.tsa())) {
            Instant notBefore = identity.certificate().getNotBefore().toInstant();
            issued = notBefore.isAfter(issued) ? notBefore : issued;
        }
        assertThat(crl.getThisUpdate().toInstant()).isEqualTo(issued);
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(issued.plus(Duration.ofDays(7)));
        assertThat(crlNumber(crl)).isEqualTo(BigInteger.valueOf(issued.getEpochSecond()));
        assertThat(pki.crl()).isEqualTo(Files.readAllBytes(pkiDir.resolve("ca.crl")));
    }

    @Test
    void rootCaProfile() throws Exception {
        X509Certificate ca = pki.caCertificate();
        assertThat(ca.getSubjectX500Principal().getName()).contains("CN=qrshare dev root CA");
        assertThat(ca.getBasicConstraints()).as("CA:true").isGreaterThanOrEqualTo(0);
        assertThat(ca.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false, false);
        assertThat(ca.getCriticalExtensionOIDs())
                .contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
        assertThat(curveBits(ca)).isEqualTo(384);
        assertThat(yearsValid(ca)).isEqualTo(10);
        assertThat(serialBits(ca)).isEqualTo(128);
        ca.verify(ca.getPublicKey());
    }

    @Test
    void sealAndTsaProfiles() throws Exception {
        for (SigningIdentity identity : List.of(pki.seal(), pki.tsa())) {
            X509Certificate certificate = identity.certificate();
            assertThat(certificate.getBasicConstraints()).as("CA:false").isEqualTo(-1);
            assertThat(certificate.getKeyUsage())
                    .containsExactly(true, true, false, false, false, false, false, false, false);
            assertThat(certificate.getCriticalExtensionOIDs())
                    .contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
            assertThat(curveBits(certificate)).isEqualTo(256);
            // The TSA outlives the seal, so time-stamps prove the seal's time after the seal has expired.
            assertThat(yearsValid(certificate)).isEqualTo(identity == pki.seal() ? 3 : 9);
            assertThat(serialBits(certificate)).isEqualTo(128);
            assertThat(authorityKeyId(certificate)).isEqualTo(subjectKeyId(pki.caCertificate()));
            assertThat(identity.chain()).containsExactly(certificate, pki.caCertificate());
        }
        assertThat(X500Name.getInstance(pki.seal()
                                .certificate()
                                .getSubjectX500Principal()
                                .getEncoded())
                        .toString())
                .isEqualTo("C=UA,O=qrshare (development),organizationIdentifier=NTRUA-00000000,CN=qrshare dev seal");
        assertThat(pki.tsa().certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
    }

    @Test
    void sealKeySignsAndItsCertificateVerifies() throws Exception {
        byte[] document = "Копія паспорта громадянина України".getBytes(UTF_8);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pki.seal().key());
        signer.update(document);
        byte[] signature = signer.sign();

        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(pki.seal().certificate());
        verifier.update(document);
        assertThat(verifier.verify(signature)).isTrue();

        verifier.initVerify(pki.tsa().certificate());
        verifier.update(document);
        assertThat(verifier.verify(signature)).as("another certificate's key").isFalse();
    }

    @Test
    void secondLoadReturnsTheSamePkiWithoutRewritingItsFiles() throws Exception {
        List<String> names = List.of("ca.p12", "seal.p12", "tsa.p12", "keystore.password", "ca.crl");
        List<byte[]> contents = new ArrayList<>();
        List<FileTime> modified = new ArrayList<>();
        for (String name : names) {
            contents.add(Files.readAllBytes(pkiDir.resolve(name)));
            modified.add(Files.getLastModifiedTime(pkiDir.resolve(name)));
        }

        DevPki again = DevPki.loadOrCreate(pkiDir, BASE_URL);

        assertThat(again.caCertificate()).isEqualTo(pki.caCertificate());
        for (String role : List.of("seal", "tsa")) {
            X509Certificate first =
                    role.equals("seal") ? pki.seal().certificate() : pki.tsa().certificate();
            X509Certificate second = role.equals("seal")
                    ? again.seal().certificate()
                    : again.tsa().certificate();
            assertThat(second.getSerialNumber()).as(role).isEqualTo(first.getSerialNumber());
            assertThat(second.getPublicKey()).as(role).isEqualTo(first.getPublicKey());
        }
        assertThat(again.seal().key()).isEqualTo(pki.seal().key());
        assertThat(again.keystorePassword()).isEqualTo(pki.keystorePassword());
        assertThat(again.crl()).isEqualTo(pki.crl());
        for (int i = 0; i < names.size(); i++) {
            Path file = pkiDir.resolve(names.get(i));
            assertThat(Files.readAllBytes(file)).as(names.get(i)).isEqualTo(contents.get(i));
            assertThat(Files.getLastModifiedTime(file)).as(names.get(i)).isEqualTo(modified.get(i));
        }
    }

    @Test
    void secretsAreOwnerOnly() throws Exception {
        assumeTrue(pkiDir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        for (String name : List.of("ca.p12", "seal.p12", "tsa.p12", "keystore.password")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pkiDir.resolve(name))))
                    .as(name)
                    .isEqualTo("rw-------");
        }
        try (var files = Files.list(pkiDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary files left")
                    .containsExactlyInAnyOrder(
                            "ca.p12",
                            "seal.p12",
                            "tsa.p12",
                            "ca.pem",
                            "seal.pem",
                            "tsa.pem",
                            "ca.crl",
                            "keystore.password");
        }
    }

    @Test
    void partialDirectoryIsRefusedNamingWhatIsMissing(@TempDir Path dir) throws Exception {
        DevPki.loadOrCreate(dir, BASE_URL);
        byte[] caKeyStore = Files.readAllBytes(dir.resolve("ca.p12"));
        Files.delete(dir.resolve("tsa.p12"));

        assertThatThrownBy(() -> DevPki.loadOrCreate(dir, BASE_URL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing tsa.p12.")
                .hasMessageContaining(dir.toString());
        assertThat(dir.resolve("tsa.p12")).doesNotExist();
        assertThat(Files.readAllBytes(dir.resolve("ca.p12")))
                .as("not regenerated")
                .isEqualTo(caKeyStore);
    }

    @Test
    void crlOfAnEarlierDayIsReissuedOnLoad(@TempDir Path dir) throws Exception {
        Instant sixDaysAgo = Instant.now().minus(Duration.ofDays(6));
        DevPki old = DevPki.loadOrCreate(dir, BASE_URL, Clock.fixed(sixDaysAgo, ZoneOffset.UTC));

        DevPki current = DevPki.loadOrCreate(dir, BASE_URL);

        X509CRL crl = crl(current.crl());
        crl.verify(current.caCertificate().getPublicKey());
        assertThat(crl.getNextUpdate().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(6)));
        assertThat(crlNumber(crl)).isGreaterThan(crlNumber(crl(old.crl())));
        assertThat(crl.getThisUpdate().toInstant()).isEqualTo(Instant.now().truncatedTo(ChronoUnit.DAYS));
        assertThat(current.crl()).isNotEqualTo(old.crl()).isEqualTo(Files.readAllBytes(dir.resolve("ca.crl")));
        assertThat(current.caCertificate()).isEqualTo(old.caCertificate());
    }

    @Test
    void aGatewayUpForTwoWeeksAlwaysServesACurrentCrlRenewedOnceADay(@TempDir Path dir) throws Exception {
        Instant start = Instant.parse("2026-03-10T15:20:00Z");
        DevPki running = DevPki.loadOrCreate(dir, BASE_URL, Clock.fixed(start, ZoneOffset.UTC));
        int renewals = 0;
        BigInteger lastNumber = crlNumber(crl(running.crl()));
        for (Instant now = start; now.isBefore(start.plus(Duration.ofDays(14))); now = now.plus(Duration.ofHours(1))) {
            if (running.renewCrl(now)) {
                renewals++;
            }
            X509CRL crl = crl(running.crl());
            crl.verify(running.caCertificate().getPublicKey());
            assertThat(crl.getThisUpdate().toInstant()).as("at %s", now).isBeforeOrEqualTo(now);
            // Renewed when a day of its seven has passed: never closer than six days to its nextUpdate.
            assertThat(crl.getNextUpdate().toInstant()).as("at %s", now).isAfter(now.plus(Duration.ofDays(6)));
            assertThat(crlNumber(crl)).isGreaterThanOrEqualTo(lastNumber);
            lastNumber = crlNumber(crl);
            assertThat(Files.readAllBytes(dir.resolve("ca.crl"))).isEqualTo(running.crl());
        }
        assertThat(renewals).isEqualTo(14);
    }

    @Test
    void instancesSharingTheDirectoryIssueTheSameCrl(@TempDir Path dir) throws Exception {
        Instant start = Instant.parse("2026-03-10T15:20:00Z");
        DevPki first = DevPki.loadOrCreate(dir, BASE_URL, Clock.fixed(start, ZoneOffset.UTC));
        DevPki second = DevPki.loadOrCreate(dir, BASE_URL, Clock.fixed(start, ZoneOffset.UTC));
        Instant nextDay = Instant.parse("2026-03-11T00:40:00Z");
        assertThat(first.renewCrl(nextDay)).isTrue();
        assertThat(second.renewCrl(nextDay.plus(Duration.ofMinutes(17)))).isTrue();
        assertThat(second.crl()).isEqualTo(first.crl());
        assertThat(DevPki.loadOrCreate(dir, BASE_URL, Clock.fixed(nextDay.plus(Duration.ofHours(5)), ZoneOffset.UTC))
                        .crl())
                .isEqualTo(first.crl());
    }

    @Test
    void theSealIsShapedAsAQualifiedElectronicSealOfALegalPerson() throws Exception {
        JcaX509CertificateHolder seal = new JcaX509CertificateHolder(pki.seal().certificate());
        assertThat(IETFUtils.valueToString(seal.getSubject()
                        .getRDNs(BCStyle.ORGANIZATION_IDENTIFIER)[0]
                        .getFirst()
                        .getValue()))
                .isEqualTo("NTRUA-00000000");
        assertThat(seal.getSubject().getRDNs(BCStyle.O)).hasSize(1);
        assertThat(seal.getSubject().getRDNs(BCStyle.CN)).hasSize(1);
        assertThat(IETFUtils.valueToString(
                        seal.getSubject().getRDNs(BCStyle.C)[0].getFirst().getValue()))
                .isEqualTo("UA");
        List<String> statements = new ArrayList<>();
        String qcType = null;
        for (var element : ASN1Sequence.getInstance(
                seal.getExtension(Extension.qCStatements).getParsedValue())) {
            QCStatement statement = QCStatement.getInstance(element);
            statements.add(statement.getStatementId().getId());
            if (statement.getStatementId().getId().equals("0.4.0.1862.1.6")) {
                qcType = ASN1Sequence.getInstance(statement.getStatementInfo())
                        .getObjectAt(0)
                        .toString();
            }
        }
        assertThat(statements).containsExactlyInAnyOrder("0.4.0.1862.1.1", "0.4.0.1862.1.6", "0.4.0.1862.1.4");
        assertThat(qcType).isEqualTo("0.4.0.1862.1.6.2");
        assertThat(CertificatePolicies.getInstance(
                                seal.getExtension(Extension.certificatePolicies).getParsedValue())
                        .getPolicyInformation())
                .extracting(p -> p.getPolicyIdentifier().getId())
                .containsExactly("0.4.0.194112.1.3");
        assertThat(pki.seal().certificate().getKeyUsage()[1])
                .as("nonRepudiation (contentCommitment)")
                .isTrue();
        assertThat(openssl("x509", "-in", "seal.pem", "-noout", "-text")).contains("qcStatements", "0.4.0.194112.1.3");
    }

    @Test
    void sealAndTsaNameTheirIssuersCertificate() throws Exception {
        for (String certificate : List.of("seal.pem", "tsa.pem")) {
            assertThat(openssl("x509", "-in", certificate, "-noout", "-ext", "authorityInfoAccess"))
                    .contains("CA Issuers - URI:https://qr.example.test/api/v1/pki/ca.cer")
                    .doesNotContain("OCSP");
        }
    }

    @Test
    void aSealWithoutTheQualifiedShapeIsReissuedAndKeptAsAPreviousSeal(@TempDir Path dir) throws Exception {
        DevPki made = DevPki.loadOrCreate(dir, BASE_URL);
        // What a dev PKI of an earlier release holds: a seal certificate without QcStatements, policies or AIA.
        java.security.KeyPair keys = DevCertificates.keyPair("secp256r1");
        X509Certificate plain = DevCertificates.issue(
                made.ca(),
                new X500Name("C=UA,O=qrshare (development),CN=qrshare dev seal"),
                keys.getPublic(),
                new java.util.Date(),
                new java.util.Date(System.currentTimeMillis() + 86_400_000L),
                CRL_URL,
                List.of());
        SigningIdentity old = new SigningIdentity(keys.getPrivate(), plain, List.of(plain, made.caCertificate()));
        Files.write(
                dir.resolve("seal.p12"),
                DevPki.pkcs12(old, "seal", made.keystorePassword().toCharArray()));

        DevPki reloaded = DevPki.loadOrCreate(dir, BASE_URL);

        assertThat(reloaded.seal().certificate()).isNotEqualTo(plain);
        assertThat(DevCertificates.hasQualifiedSealShape(reloaded.seal().certificate()))
                .isTrue();
        assertThat(reloaded.previousSeals()).containsExactly(plain);
        assertThat(DevPki.loadOrCreate(dir, BASE_URL).seal().certificate())
                .as("re-issued once")
                .isEqualTo(reloaded.seal().certificate());
        assertThat(DevPki.loadOrCreate(dir, BASE_URL).previousSeals()).containsExactly(plain);
    }

    @Test
    void isValidAtFollowsTheCertificatesValidity() {
        Instant now = Instant.now();
        assertThat(pki.seal().isValidAt(now)).isTrue();
        assertThat(pki.seal().isValidAt(now.plus(Duration.ofDays(2 * 365)))).isTrue();
        assertThat(pki.seal().isValidAt(now.plus(Duration.ofDays(4 * 365)))).isFalse();
        assertThat(pki.seal().isValidAt(now.minus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void fromPkcs12ExplainsWhatIsWrong() {
        Path sealKeyStore = pkiDir.resolve("seal.p12");
        assertThatThrownBy(() -> SigningIdentity.fromPkcs12(sealKeyStore, "wrong".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Wrong password for the PKCS#12 file " + sealKeyStore);
        Path missing = pkiDir.resolve("partner.p12");
        assertThatThrownBy(() -> SigningIdentity.fromPkcs12(missing, "x".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PKCS#12 file not found: " + missing);
        Path notPkcs12 = pkiDir.resolve("ca.pem");
        assertThatThrownBy(() -> SigningIdentity.fromPkcs12(notPkcs12, "x".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot read the PKCS#12 file " + notPkcs12);

        SigningIdentity seal =
                SigningIdentity.fromPkcs12(sealKeyStore, pki.keystorePassword().toCharArray());
        assertThat(seal.certificate()).isEqualTo(pki.seal().certificate());
        assertThat(seal.toString())
                .contains("CN=qrshare dev seal")
                .doesNotContain(seal.key().toString());
    }

    private static String openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(pkiDir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(30, SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s%n%s", command, output).isZero();
        return output;
    }

    private static long yearsValid(X509Certificate certificate) {
        // notBefore is backdated by an hour; the end lies whole years after "now"
        return certificate
                .getNotBefore()
                .toInstant()
                .plus(Duration.ofHours(1))
                .atOffset(ZoneOffset.UTC)
                .until(certificate.getNotAfter().toInstant().atOffset(ZoneOffset.UTC), ChronoUnit.YEARS);
    }

    private static int curveBits(X509Certificate certificate) {
        return ((ECPublicKey) certificate.getPublicKey())
                .getParams()
                .getCurve()
                .getField()
                .getFieldSize();
    }

    private static int serialBits(X509Certificate certificate) {
        assertThat(certificate.getSerialNumber().signum()).isPositive();
        return certificate.getSerialNumber().bitLength();
    }

    private static byte[] subjectKeyId(X509Certificate certificate) throws Exception {
        return SubjectKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(certificate).getExtensions())
                .getKeyIdentifier();
    }

    private static byte[] authorityKeyId(X509Certificate certificate) throws Exception {
        return AuthorityKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(certificate).getExtensions())
                .getKeyIdentifierOctets();
    }

    private static X509CRL crl(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }

    private static BigInteger crlNumber(X509CRL crl) throws IOException {
        return CRLNumber.getInstance(
                        JcaX509ExtensionUtils.parseExtensionValue(crl.getExtensionValue(Extension.cRLNumber.getId())))
                .getCRLNumber();
    }
}

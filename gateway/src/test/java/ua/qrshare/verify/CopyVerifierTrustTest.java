package ua.qrshare.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.qrshare.dev.DevPki;
import ua.qrshare.dev.TimeStampAuthority;
import ua.qrshare.pki.SigningIdentity;
import ua.qrshare.sealing.CertificatePaths;
import ua.qrshare.sealing.SealSigner;
import ua.qrshare.sealing.SignedCopy;
import ua.qrshare.sealing.TimeStampCheck;

/**
 * What {@link CopyVerifier} trusts, without a gateway: only the seal certificates it is given (so a seal rotation
 * keeps old copies valid only while the old certificate is listed), and only TSAs under the configured TSA CAs
 * ({@code tsa.trusted.cas}), whatever CA the seal has.
 */
class CopyVerifierTrustTest {

    @TempDir
    static Path dir;

    static DevPki platform;
    static DevPki rotatedOut;
    static DevPki otherTsa;
    static byte[] pdf = "%PDF-1.7\na copy\n%%EOF\n".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void pkis() {
        platform = DevPki.loadOrCreate(dir.resolve("platform"), "http://platform.example");
        rotatedOut = DevPki.loadOrCreate(dir.resolve("old"), "http://old.example");
        otherTsa = DevPki.loadOrCreate(dir.resolve("tsa"), "http://tsa.example");
    }

    @Test
    void a_tsa_under_a_ca_in_the_trusted_tsa_cas_is_accepted_and_under_another_refused() throws Exception {
        byte[] copy = sealed(platform.seal(), otherTsa.tsa());
        CopyVerifier trustingIt = verifier(List.of(platform.seal().certificate()), List.of(otherTsa.caCertificate()));
        assertThat(trustingIt.verify(copy).problems()).isEmpty();
        CopyVerifier notTrustingIt =
                verifier(List.of(platform.seal().certificate()), List.of(platform.caCertificate()));
        assertThat(notTrustingIt.verify(copy).problems()).containsExactly(VerificationProblem.TIMESTAMP_UNTRUSTED);
    }

    @Test
    void after_a_seal_rotation_old_copies_verify_only_while_the_old_seal_is_listed() throws Exception {
        byte[] old = sealed(rotatedOut.seal(), platform.tsa());
        List<X509Certificate> tsaCas = List.of(platform.caCertificate());
        CopyVerifier withPrevious = new CopyVerifier(
                List.of(platform.seal().certificate(), rotatedOut.seal().certificate()),
                new CertificatePaths(List.of(platform.caCertificate(), rotatedOut.caCertificate())),
                new TimeStampCheck(new CertificatePaths(tsaCas)));
        assertThat(withPrevious.verify(old).problems()).isEmpty();
        CopyVerifier currentOnly = new CopyVerifier(
                List.of(platform.seal().certificate()),
                new CertificatePaths(List.of(platform.caCertificate(), rotatedOut.caCertificate())),
                new TimeStampCheck(new CertificatePaths(tsaCas)));
        VerificationReport report = currentOnly.verify(old);
        assertThat(report.problems()).containsExactly(VerificationProblem.NOT_PLATFORM_SEAL);
        assertThat(report.signer().sha256())
                .isEqualTo(CopyVerifier.fingerprint(rotatedOut.seal().certificate()));
        assertThat(report.document()).isNull();
    }

    @Test
    void the_crls_inside_make_it_long_term_but_thousands_of_them_are_not_read() throws Exception {
        CopyVerifier verifier = verifier(List.of(platform.seal().certificate()), List.of(platform.caCertificate()));
        X509CRL crl = platform.currentCrl();
        assertThat(verifier.verify(sealed(platform.seal(), platform.tsa(), List.of(crl)))
                        .level())
                .isEqualTo(VerificationReport.LEVEL_LT);
        // Every CRL costs a signature check on an anonymous endpoint: a copy stuffed with them is not read for LT.
        VerificationReport stuffed =
                verifier.verify(sealed(platform.seal(), platform.tsa(), Collections.nCopies(17, crl)));
        assertThat(stuffed.level()).isEqualTo(VerificationReport.LEVEL_T);
        assertThat(stuffed.problems()).isEmpty();
    }

    private static CopyVerifier verifier(List<X509Certificate> seals, List<X509Certificate> tsaCas) {
        return new CopyVerifier(
                seals,
                new CertificatePaths(List.of(platform.caCertificate())),
                new TimeStampCheck(new CertificatePaths(tsaCas)));
    }

    private static byte[] sealed(SigningIdentity seal, SigningIdentity tsa) throws Exception {
        return sealed(seal, tsa, List.of());
    }

    /** Sealed by {@code seal}, stamped by {@code tsa} directly (no HTTP), with {@code crls} and the TSA's chain. */
    private static byte[] sealed(SigningIdentity seal, SigningIdentity tsa, List<X509CRL> crls) throws Exception {
        SignedCopy copy = new SealSigner(seal).signB(pdf);
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, copy.timestampImprint(), BigInteger.TEN);
        TimeStampResponse response =
                new TimeStampResponse(new TimeStampAuthority(tsa, Clock.systemUTC()).respond(request.getEncoded()));
        byte[] token = response.getTimeStampToken().getEncoded();
        return crls.isEmpty() ? copy.withTimestamp(token) : copy.withTimestamp(token, tsa.chain(), crls);
    }
}

package ua.qrshare.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.qrshare.dev.DevPki;
import ua.qrshare.dev.TimeStampAuthority;
import ua.qrshare.pki.SigningIdentity;
import ua.qrshare.testing.Payloads;
import ua.qrshare.testing.Tools;

/** The signing step alone: CAdES-B by EC and RSA seals, from many threads, and the time-stamp it accepts. */
class SealSignerTest {

    @TempDir
    static Path dir;

    static DevPki pki;
    static SealSigner signer;

    @BeforeAll
    static void loadPki() throws Exception {
        pki = DevPki.loadOrCreate(dir.resolve("pki"), "http://localhost:8080");
        signer = new SealSigner(pki.seal());
        Files.copy(pki.directory().resolve("ca.pem"), dir.resolve("ca.pem"));
    }

    @Test
    void a_baseline_b_copy_verifies_with_openssl_before_any_time_stamp() throws Exception {
        byte[] pdf = Payloads.pdfLike(4096);
        SignedCopy copy = signer.signB(pdf);
        Files.write(dir.resolve("b.p7s"), copy.der());
        Tools.ok(
                dir, "openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "b.p7s", "-CAfile", "ca.pem",
                "-out", "b.pdf");
        assertThat(Files.readAllBytes(dir.resolve("b.pdf"))).isEqualTo(pdf);
        SignerInformation info = new CMSSignedData(copy.der())
                .getSignerInfos()
                .getSigners()
                .iterator()
                .next();
        assertThat(info.getUnsignedAttributes()).isNull();
        assertThat(copy.timestampImprint()).isEqualTo(Payloads.sha256(info.getSignature()));
    }

    @Test
    void an_rsa_seal_signs_with_sha256_with_rsa() throws Exception {
        SigningIdentity rsaSeal = rsaSeal();
        byte[] pdf = Payloads.pdfLike(2048);
        Files.write(dir.resolve("rsa.p7s"), new SealSigner(rsaSeal).signB(pdf).der());
        Tools.ok(
                dir, "openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "rsa.p7s", "-CAfile", "ca.pem",
                "-out", "rsa.pdf");
        assertThat(Files.readAllBytes(dir.resolve("rsa.pdf"))).isEqualTo(pdf);
        SignerInformation info = new CMSSignedData(Files.readAllBytes(dir.resolve("rsa.p7s")))
                .getSignerInfos()
                .getSigners()
                .iterator()
                .next();
        assertThat(info.getEncryptionAlgOID())
                .isIn(
                        PKCSObjectIdentifiers.rsaEncryption.getId(),
                        PKCSObjectIdentifiers.sha256WithRSAEncryption.getId());
        assertThat(info.getDigestAlgOID()).isEqualTo("2.16.840.1.101.3.4.2.1");
    }

    @Test
    void one_signer_seals_from_many_threads_at_once() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                byte[] pdf = ("%PDF-1.7 copy " + i).getBytes();
                results.add(threads.submit(() -> signer.signB(pdf).der()));
            }
            for (int i = 0; i < results.size(); i++) {
                CMSSignedData signed = new CMSSignedData(results.get(i).get());
                SignerInformation info =
                        signed.getSignerInfos().getSigners().iterator().next();
                assertThat(info.verify(new JcaSimpleSignerInfoVerifierBuilder()
                                .build(pki.seal().certificate())))
                        .isTrue();
                assertThat((byte[]) signed.getSignedContent().getContent())
                        .isEqualTo(("%PDF-1.7 copy " + i).getBytes());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void a_time_stamp_over_another_signature_is_not_attached() throws Exception {
        SignedCopy first = signer.signB("%PDF first".getBytes());
        SignedCopy second = signer.signB("%PDF second".getBytes());
        byte[] tokenForFirst = token(first.timestampImprint());
        assertThat(first.withTimestamp(tokenForFirst)).isNotEmpty();
        assertThatThrownBy(() -> second.withTimestamp(tokenForFirst))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another signature");
        assertThatThrownBy(() -> first.withTimestamp("not a token".getBytes()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a time-stamp token");
    }

    private static byte[] token(byte[] imprint) throws Exception {
        byte[] request = new TimeStampRequestGenerator()
                .generate(TSPAlgorithms.SHA256, imprint)
                .getEncoded();
        byte[] reply = new TimeStampAuthority(pki.tsa(), Clock.systemUTC()).respond(request);
        return new TimeStampResponse(reply).getTimeStampToken().getEncoded();
    }

    /** An RSA-2048 seal certificate from the dev CA, shaped like the EC one. */
    private static SigningIdentity rsaSeal() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                pki.caCertificate(),
                                BigInteger.valueOf(now.toEpochMilli()),
                                Date.from(now.minusSeconds(3600)),
                                Date.from(now.plusSeconds(86_400)),
                                new X500Principal("CN=qrshare test RSA seal, C=UA"),
                                keys.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(
                                Extension.keyUsage,
                                true,
                                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                        .build(new JcaContentSignerBuilder("SHA384withECDSA").build(pki.caKey())));
        return new SigningIdentity(keys.getPrivate(), certificate, List.of(certificate, pki.caCertificate()));
    }
}

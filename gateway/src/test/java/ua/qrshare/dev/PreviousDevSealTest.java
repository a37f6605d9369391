package ua.qrshare.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.qrshare.pki.Pem;
import ua.qrshare.pki.PkiRoutes;
import ua.qrshare.pki.SigningIdentity;
import ua.qrshare.sealing.SealSigner;
import ua.qrshare.sealing.SignedCopy;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.TestGateway;
import ua.qrshare.verify.VerifyRoutes;

/**
 * A gateway started on a dev PKI of an earlier release, whose seal lacks the shape of a qualified seal: it seals with
 * a re-issued seal from then on, and its {@code /verify} still accepts the copies the old seal made, and publishes
 * both seals.
 */
class PreviousDevSealTest {

    @TempDir
    Path dataDir;

    @Test
    void copies_of_the_old_dev_seal_stay_valid_after_the_seal_is_reissued() throws Exception {
        DevPki before = DevPki.loadOrCreate(dataDir.resolve("pki"), "http://localhost:8080");
        KeyPair keys = DevCertificates.keyPair("secp256r1");
        X509Certificate plain = DevCertificates.issue(
                before.ca(),
                new X500Name("C=UA,O=qrshare (development),CN=qrshare dev seal"),
                keys.getPublic(),
                new Date(System.currentTimeMillis() - 3_600_000L),
                new Date(System.currentTimeMillis() + 86_400_000L),
                before.crlUrl(),
                List.of());
        SigningIdentity old = new SigningIdentity(keys.getPrivate(), plain, List.of(plain, before.caCertificate()));
        Files.write(
                dataDir.resolve("pki").resolve("seal.p12"),
                DevPki.pkcs12(old, "seal", before.keystorePassword().toCharArray()));
        byte[] oldCopy = stamped(
                new SealSigner(old).signB("%PDF-1.7\nsealed last year\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)),
                before.tsa());

        try (RunningGateway gateway = TestGateway.start(dataDir, Map.of())) {
            assertThat(gateway.seal().certificate()).isNotEqualTo(plain);
            assertThat(DevCertificates.hasQualifiedSealShape(gateway.seal().certificate()))
                    .isTrue();
            Http http = new Http(gateway.config().httpPort());
            HttpResponse<String> r = http.send(http.request(VerifyRoutes.PATH)
                    .header("Content-Type", "application/pkcs7-signature")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(oldCopy))
                    .build());
            JsonObject report = new JsonObject(r.body());
            assertThat(report.getBoolean("valid")).as(r.body()).isTrue();
            assertThat(report.getString("level")).isEqualTo("CAdES-BASELINE-T");
            assertThat(http.get(PkiRoutes.SEALS_PEM).body())
                    .isEqualTo(new String(Pem.encode(gateway.seal().certificate()), StandardCharsets.US_ASCII)
                            + new String(Pem.encode(plain), StandardCharsets.US_ASCII));
        }
    }

    private static byte[] stamped(SignedCopy copy, SigningIdentity tsa) throws Exception {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, copy.timestampImprint(), BigInteger.ONE);
        TimeStampResponse response =
                new TimeStampResponse(new TimeStampAuthority(tsa, Clock.systemUTC()).respond(request.getEncoded()));
        return copy.withTimestamp(response.getTimeStampToken().getEncoded());
    }
}

package ua.qrshare.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.Map;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import ua.qrshare.dev.TimeStampAuthority;
import ua.qrshare.dev.TsaRoutes;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.Problems;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.Tools;

/**
 * What a dev gateway publishes under {@code /api/v1/pki}: the trust anchors and the CRL, byte for byte the dev PKI's,
 * and the embedded TSA as openssl's {@code ts} client meets it, including what it says to requests it refuses.
 */
class PkiHttpTest {

    @TempDir
    static Path work;

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.with(Map.of());

    static Http http;
    static Path pki;

    @BeforeAll
    static void start() throws IOException {
        http = new Http(gateway.config().httpPort());
        pki = gateway.devPki().directory();
        Files.writeString(work.resolve("copy.pdf"), "%PDF-1.7\nsomething to stamp\n%%EOF\n");
    }

    @Test
    void ca_pem_and_tsa_pem_are_the_dev_pki_certificates() throws Exception {
        HttpResponse<String> ca = http.get(PkiRoutes.CA_PEM);
        assertThat(ca.statusCode()).isEqualTo(200);
        assertThat(ca.headers().firstValue("Content-Type")).contains("application/x-pem-file");
        assertThat(ca.body()).isEqualTo(Files.readString(pki.resolve("ca.pem")));
        HttpResponse<String> tsa = http.get(PkiRoutes.TSA_PEM);
        assertThat(tsa.statusCode()).isEqualTo(200);
        assertThat(tsa.headers().firstValue("Content-Type")).contains("application/x-pem-file");
        assertThat(tsa.body()).isEqualTo(Files.readString(pki.resolve("tsa.pem")));
    }

    @Test
    void ca_cer_is_the_root_in_der_where_the_certificates_authority_information_access_points() throws Exception {
        HttpResponse<byte[]> r = bytes(http.request(PkiRoutes.CA_CER).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/pkix-cert");
        assertThat(r.body()).isEqualTo(gateway.devPki().caCertificate().getEncoded());
        assertThat(Tools.ok(pki, "openssl", "x509", "-in", "seal.pem", "-noout", "-ext", "authorityInfoAccess"))
                .contains("CA Issuers - URI:" + gateway.config().publicBaseUrl() + PkiRoutes.CA_CER);
    }

    @Test
    void the_crl_is_the_dev_ca_s_and_verifies_against_it() throws Exception {
        HttpResponse<byte[]> r = bytes(http.request(PkiRoutes.CA_CRL).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/pkix-crl");
        assertThat(r.body()).isEqualTo(Files.readAllBytes(pki.resolve("ca.crl")));
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(r.body()));
        crl.verify(gateway.devPki().caCertificate().getPublicKey());
        assertThat(crl.getIssuerX500Principal())
                .isEqualTo(gateway.devPki().caCertificate().getSubjectX500Principal());

        Files.write(work.resolve("served.crl"), r.body());
        Files.copy(pki.resolve("ca.pem"), work.resolve("ca.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(Tools.ok(
                        work, "openssl", "crl", "-inform", "DER", "-in", "served.crl", "-CAfile", "ca.pem", "-noout"))
                .contains("verify OK");
    }

    @Test
    void openssl_ts_gets_a_time_stamp_it_verifies() throws Exception {
        Tools.ok(work, "openssl", "ts", "-query", "-data", "copy.pdf", "-sha256", "-cert", "-out", "copy.tsq");
        HttpResponse<byte[]> r = stamp("application/timestamp-query", Files.readAllBytes(work.resolve("copy.tsq")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/timestamp-reply");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        Files.write(work.resolve("copy.tsr"), r.body());
        Files.copy(pki.resolve("ca.pem"), work.resolve("ca.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(pki.resolve("tsa.pem"), work.resolve("tsa.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String verified = Tools.ok(
                work,
                "openssl",
                "ts",
                "-verify",
                "-queryfile",
                "copy.tsq",
                "-in",
                "copy.tsr",
                "-CAfile",
                "ca.pem",
                "-untrusted",
                "tsa.pem");
        assertThat(verified).contains("Verification: OK");
        String text = Tools.ok(work, "openssl", "ts", "-reply", "-in", "copy.tsr", "-text");
        assertThat(text)
                .contains(
                        "Status: Granted.",
                        "Policy OID: " + TimeStampAuthority.POLICY.getId(),
                        "Nonce: 0x",
                        "Accuracy: 0x01 seconds");
    }

    @Test
    void a_malformed_request_gets_a_rejection_not_a_server_error() throws Exception {
        HttpResponse<byte[]> r =
                stamp("application/timestamp-query", "not a TimeStampReq".getBytes(StandardCharsets.US_ASCII));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/timestamp-reply");
        TimeStampResponse response = new TimeStampResponse(r.body());
        assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badDataFormat);
        assertThat(response.getTimeStampToken()).isNull();
        Files.write(work.resolve("malformed.tsr"), r.body());
        assertThat(Tools.ok(work, "openssl", "ts", "-reply", "-in", "malformed.tsr", "-text"))
                .contains("Status: Rejected.", "the data submitted has the wrong format");
    }

    @Test
    void a_sha1_imprint_or_a_foreign_policy_is_refused_with_the_reason() throws Exception {
        byte[] sha1 = new TimeStampRequestGenerator()
                .generate(OIWObjectIdentifiers.idSHA1, new byte[20])
                .getEncoded();
        TimeStampResponse weak =
                new TimeStampResponse(stamp("application/timestamp-query", sha1).body());
        assertThat(weak.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(weak.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badAlg);

        TimeStampRequestGenerator foreign = new TimeStampRequestGenerator();
        foreign.setReqPolicy(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2.3.4"));
        byte[] request = foreign.generate(TSPAlgorithms.SHA256, new byte[32]).getEncoded();
        TimeStampResponse policy = new TimeStampResponse(
                stamp("application/timestamp-query", request).body());
        assertThat(policy.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(policy.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.unacceptedPolicy);
    }

    @Test
    void another_content_type_gets_415_problem_json() throws Exception {
        byte[] request = new TimeStampRequestGenerator()
                .generate(TSPAlgorithms.SHA256, new byte[32])
                .getEncoded();
        HttpResponse<String> json = http.send(http.request(TsaRoutes.PATH)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                .build());
        assertThat(Problems.assertProblem(json, 415, "UNSUPPORTED_MEDIA_TYPE").getString("detail"))
                .contains("application/timestamp-query");
        HttpResponse<String> none = http.send(http.request(TsaRoutes.PATH)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                .build());
        Problems.assertProblem(none, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void an_oversized_request_gets_413() {
        HttpResponse<String> r = http.send(http.request(TsaRoutes.PATH)
                .header("Content-Type", "application/timestamp-query")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[TsaRoutes.MAX_REQUEST_BYTES + 1]))
                .build());
        Problems.assertProblem(r, 413, "PAYLOAD_TOO_LARGE");
    }

    private static HttpResponse<byte[]> stamp(String contentType, byte[] body) throws Exception {
        return bytes(http.request(TsaRoutes.PATH)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    private static HttpResponse<byte[]> bytes(HttpRequest request) throws Exception {
        return Http.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}

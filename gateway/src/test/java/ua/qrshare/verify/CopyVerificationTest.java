package ua.qrshare.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.qrshare.copy.CopyContent;
import ua.qrshare.copy.CopyRenderer;
import ua.qrshare.copy.DocumentFields;
import ua.qrshare.dev.DevPki;
import ua.qrshare.dev.SyntheticDocuments;
import ua.qrshare.pki.SigningIdentity;
import ua.qrshare.sealing.SealSigner;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.KepSigner;
import ua.qrshare.testing.Problems;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.TestGateway;

/**
 * {@code POST /api/v1/verify} against copies sealed and stamped by a running dev gateway (real seal, real embedded
 * TSA), and against what can go wrong with them: altered content or time-stamp, no time-stamp, a stamp of another
 * copy, a foreign seal, and bytes that are no signature at all.
 */
class CopyVerificationTest {

    private static final String SHARE_ID = "5b0c7d1e-2f3a-4b5c-9d8e-7f6a5b4c3d2e";
    private static final String RECIPIENT = "ТОВ «Кредит Плюс»";

    @TempDir
    static Path dataDir;

    @TempDir
    static Path foreignDir;

    @TempDir
    static Path rotatedDir;
    /** A seal of another CA that the gateway lists in seal.previous.certificates, with that CA after it. */
    static DevPki rotated;

    static RunningGateway gateway;
    static Http http;
    static String type;
    static byte[] pdf;
    static byte[] p7s;

    @BeforeAll
    static void start() throws Exception {
        rotated = DevPki.loadOrCreate(rotatedDir.resolve("pki"), "http://old-seal.example");
        Path previous = rotatedDir.resolve("previous-seal.pem");
        Files.write(
                previous,
                concat(
                        Files.readAllBytes(rotated.directory().resolve("seal.pem")),
                        Files.readAllBytes(rotated.directory().resolve("ca.pem"))));
        gateway = TestGateway.start(dataDir, Map.of("seal.previous.certificates", previous.toString()));
        http = new Http(gateway.config().httpPort());
        type = DocumentFields.all().get(0).documentType();
        pdf = render(SHARE_ID);
        p7s = sealAndStamp(gateway.sealSigner(), pdf);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void a_copy_sealed_and_stamped_by_the_gateway_is_valid_at_level_lt() {
        JsonObject report = verify(p7s);
        assertThat(report.getBoolean("valid")).as(report.encode()).isTrue();
        assertThat(report.getString("level")).isEqualTo("CAdES-BASELINE-LT");
        assertThat(report.getJsonArray("problems")).isEmpty();
        JsonObject signer = report.getJsonObject("signer");
        assertThat(signer.getString("subject"))
                .isEqualTo(
                        gateway.seal().certificate().getSubjectX500Principal().getName(X500Principal.RFC2253));
        assertThat(signer.getString("serialNumber"))
                .isEqualToIgnoringCase(
                        gateway.seal().certificate().getSerialNumber().toString(16));
        assertThat(signer.getString("sha256"))
                .isEqualTo(CopyVerifier.fingerprint(gateway.seal().certificate()));
        Instant stamped = Instant.parse(report.getJsonObject("timestamp").getString("time"));
        assertThat(Duration.between(stamped, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
        assertThat(report.getJsonObject("timestamp").getString("tsa"))
                .isEqualTo(gateway.devPki()
                        .tsa()
                        .certificate()
                        .getSubjectX500Principal()
                        .getName(X500Principal.RFC2253));
        assertThat(report.getJsonObject("timestamp").getString("policy")).isNotBlank();
        assertThat(Instant.parse(report.getString("signedAt"))).isBeforeOrEqualTo(stamped.plusSeconds(1));
        assertThat(report.getJsonObject("document"))
                .isEqualTo(new JsonObject()
                        .put("type", type)
                        .put("shareId", SHARE_ID)
                        .put("recipient", RECIPIENT));
    }

    @Test
    void content_pdf_returns_the_signed_pdf_of_a_valid_copy() {
        HttpResponse<byte[]> r = post(VerifyRoutes.PATH + "?content=pdf", p7s, "application/pkcs7-signature");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(r.body()).isEqualTo(pdf);
    }

    @Test
    void content_pdf_of_an_invalid_copy_is_the_report_with_422() {
        HttpResponse<byte[]> r = post(
                VerifyRoutes.PATH + "?content=pdf",
                flipped(p7s, indexOf(p7s, pdf) + pdf.length / 2),
                "application/octet-stream");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(codes(new JsonObject(new String(r.body())))).contains("SIGNATURE_INVALID");
    }

    @Test
    void a_flipped_byte_in_the_signed_content_invalidates_the_signature() {
        JsonObject report = verify(flipped(p7s, indexOf(p7s, pdf) + pdf.length / 2));
        assertThat(report.getBoolean("valid")).isFalse();
        assertThat(codes(report)).contains("SIGNATURE_INVALID");
        assertThat(report.getString("level")).isNull();
        assertThat(report.getJsonObject("document")).isNull();
    }

    @Test
    void a_flipped_byte_in_the_time_stamp_invalidates_the_time_stamp_only() throws Exception {
        // The imprint sits in the TSA's signed TSTInfo: altering it breaks the TSA's signature, not the seal's.
        byte[] imprint = MessageDigest.getInstance("SHA-256").digest(signer(p7s).getSignature());
        JsonObject report = verify(flipped(p7s, indexOf(p7s, imprint) + 5));
        assertThat(report.getBoolean("valid")).isFalse();
        assertThat(codes(report)).contains("TIMESTAMP_INVALID").doesNotContain("SIGNATURE_INVALID", "MALFORMED");
        assertThat(report.getString("level")).isEqualTo("CAdES-BASELINE-B");
    }

    @Test
    void a_time_stamp_of_another_copy_does_not_match_the_imprint() throws Exception {
        byte[] other = sealAndStamp(gateway.sealSigner(), render("00000000-1111-4222-8333-444444444444"));
        AttributeTable otherStamp = signer(other).getUnsignedAttributes();
        CMSSignedData signed = new CMSSignedData(p7s);
        SignerInformation swapped = SignerInformation.replaceUnsignedAttributes(signer(p7s), otherStamp);
        byte[] spliced = CMSSignedData.replaceSigners(signed, new SignerInformationStore(swapped))
                .getEncoded(ASN1Encoding.DER);
        JsonObject report = verify(spliced);
        assertThat(report.getBoolean("valid")).isFalse();
        assertThat(codes(report)).containsExactly("TIMESTAMP_IMPRINT_MISMATCH");
        // The token itself is sound: a time it proves for some other signature.
        TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(otherStamp
                .get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)
                .getAttrValues()
                .getObjectAt(0)));
        assertThat(report.getJsonObject("timestamp").getString("time"))
                .isEqualTo(token.getTimeStampInfo().getGenTime().toInstant().toString());
    }

    @Test
    void a_copy_without_time_stamp_is_b_level_and_not_valid() throws Exception {
        byte[] b = gateway.pkiWorkers()
                .executeBlocking(() -> gateway.sealSigner().signB(pdf).der(), false)
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        JsonObject report = verify(b);
        assertThat(report.getBoolean("valid")).isFalse();
        assertThat(codes(report)).containsExactly("NO_TIMESTAMP");
        assertThat(report.getString("level")).isEqualTo("CAdES-BASELINE-B");
        assertThat(report.getValue("timestamp")).isNull();
        assertThat(report.getJsonObject("signer")).isNotNull();
    }

    @Test
    void a_pdf_resealed_with_a_partner_kep_of_the_same_ca_and_a_genuine_time_stamp_is_refused_naming_the_signer()
            throws Exception {
        SigningIdentity partner = KepSigner.head(
                gateway.devPki(), "3012345678", "43187521", "Шевченко Тарас Григорович", "ТОВ «Зелений квартал»");
        byte[] forged = sealAndStamp(new SealSigner(partner), pdf); // a genuine token from the gateway's own TSA
        JsonObject report = verify(forged);
        assertThat(report.getBoolean("valid")).isFalse();
        assertThat(codes(report)).containsExactly("NOT_PLATFORM_SEAL");
        JsonObject problem = report.getJsonArray("problems").getJsonObject(0).getJsonObject("messages");
        assertThat(problem.getString("uk")).isNotBlank();
        assertThat(problem.getString("en")).contains("not sealed with the platform's seal");
        assertThat(report.getJsonObject("signer").getString("subject"))
                .isEqualTo(partner.certificate().getSubjectX500Principal().getName(X500Principal.RFC2253))
                .contains("Шевченко");
        assertThat(report.getJsonObject("signer").getString("sha256"))
                .isEqualTo(CopyVerifier.fingerprint(partner.certificate()))
                .isNotEqualTo(CopyVerifier.fingerprint(gateway.seal().certificate()));
        assertThat(report.getJsonObject("document")).isNull();

        HttpResponse<byte[]> asPdf = post(VerifyRoutes.PATH + "?content=pdf", forged, "application/pkcs7-signature");
        assertThat(asPdf.statusCode()).isEqualTo(422);
        assertThat(asPdf.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(new String(asPdf.body(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("%PDF-");
    }

    @Test
    void a_copy_sealed_by_an_earlier_seal_listed_in_the_configuration_stays_valid() throws Exception {
        JsonObject report = verify(sealAndStamp(new SealSigner(rotated.seal()), pdf));
        assertThat(report.getBoolean("valid")).as(report.encode()).isTrue();
        assertThat(report.getJsonObject("signer").getString("sha256"))
                .isEqualTo(CopyVerifier.fingerprint(rotated.seal().certificate()));
        // Sealed without revocation values (a signer without a CRL source): time-stamped, not long-term.
        assertThat(report.getString("level")).isEqualTo("CAdES-BASELINE-T");
    }

    @Test
    void a_copy_sealed_by_a_foreign_pki_is_untrusted() throws Exception {
        DevPki foreign = DevPki.loadOrCreate(foreignDir, "http://foreign.example");
        JsonObject report = verify(sealAndStamp(new SealSigner(foreign.seal()), pdf));
        assertThat(report.getBoolean("valid")).isFalse();
        assertThat(codes(report)).containsExactlyInAnyOrder("NOT_PLATFORM_SEAL", "UNTRUSTED_CHAIN");
        assertThat(report.getJsonObject("signer").getString("issuer"))
                .isEqualTo(foreign.caCertificate().getSubjectX500Principal().getName(X500Principal.RFC2253));
        assertThat(report.getJsonObject("document")).isNull();
    }

    @Test
    void random_bytes_empty_bodies_and_truncated_copies_are_malformed_not_errors() {
        byte[] random = new byte[4096];
        new SecureRandom().nextBytes(random);
        List<byte[]> inputs = List.of(
                random,
                new byte[0],
                Arrays.copyOf(p7s, p7s.length / 2),
                Arrays.copyOf(p7s, p7s.length - 1),
                "%PDF-1.7 not a signature".getBytes());
        for (byte[] input : inputs) {
            JsonObject report = verify(input);
            assertThat(report.getBoolean("valid")).isFalse();
            assertThat(codes(report)).containsExactly("MALFORMED");
            assertThat(report.getValue("level")).isNull();
            JsonObject messages =
                    report.getJsonArray("problems").getJsonObject(0).getJsonObject("messages");
            assertThat(messages.getString("uk")).isNotBlank();
            assertThat(messages.getString("en")).isNotBlank();
        }
    }

    @Test
    void a_body_over_ten_mebibytes_is_refused_with_413() {
        byte[] huge = new byte[(int) VerifyRoutes.MAX_BODY_BYTES + 1];
        HttpResponse<String> r = http.send(http.request(VerifyRoutes.PATH)
                .header("Content-Type", "application/pkcs7-signature")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge))
                .build());
        Problems.assertProblem(r, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void a_copy_larger_than_the_global_body_limit_is_still_read() {
        byte[] padded = Arrays.copyOf(new byte[] {0x30}, 200 * 1024); // past the global 64 KiB, within the route's
        JsonObject report = verify(padded);
        assertThat(codes(report)).containsExactly("MALFORMED");
    }

    @Test
    void other_media_types_are_refused_with_415() {
        HttpResponse<String> r = http.send(http.request(VerifyRoutes.PATH)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(p7s))
                .build());
        Problems.assertProblem(r, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] render(String shareId) {
        Map<String, String> fields = SyntheticDocuments.generate(type, 7, LocalDate.of(2026, 7, 1), false)
                .fields();
        return new CopyRenderer()
                .render(new CopyContent(
                        type,
                        "Документ",
                        fields,
                        null,
                        RECIPIENT,
                        "Відділення № 5 на Подолі",
                        "м. Київ, вул. Нижній Вал, буд. 17/8",
                        "Відкриття рахунку",
                        shareId,
                        Instant.now(),
                        "https://qr.example.ua/verify"));
    }

    private static byte[] sealAndStamp(SealSigner signer, byte[] pdf) throws Exception {
        return signer.signT(pdf, gateway.pkiWorkers(), gateway.tsaClient())
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    private static JsonObject verify(byte[] p7s) {
        HttpResponse<byte[]> r = post(VerifyRoutes.PATH, p7s, "application/pkcs7-signature");
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        return new JsonObject(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static HttpResponse<byte[]> post(String path, byte[] body, String contentType) {
        try {
            return Http.client()
                    .send(
                            http.request(path)
                                    .header("Content-Type", contentType)
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> codes(JsonObject report) {
        JsonArray problems = report.getJsonArray("problems");
        return problems.stream().map(p -> ((JsonObject) p).getString("code")).toList();
    }

    private static SignerInformation signer(byte[] p7s) throws Exception {
        return new CMSSignedData(p7s).getSignerInfos().getSigners().iterator().next();
    }

    private static byte[] flipped(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 0x01;
        return copy;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}

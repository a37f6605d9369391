package ua.qrshare.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A partner's head in the cabinet, logging in with a real КЕП: the challenge's nonce is signed as CMS SignedData by the
 * head's key from seed-load's PKCS#12 file (BouncyCastle, as КЕП software does), then the session token is used as
 * {@code Authorization: Bearer}.
 */
final class Partner {

    private Partner() {}

    private record Key(PrivateKey key, X509Certificate certificate, List<Certificate> chain) {}

    private static final Map<String, Key> KEYS = new ConcurrentHashMap<>();

    static FeederBuilder<String> partners() {
        return csv(Params.feed("partners.csv")).circular();
    }

    private static Key key(String file, String password) {
        return KEYS.computeIfAbsent(file, f -> {
            try (InputStream in = Files.newInputStream(Path.of(f))) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, password.toCharArray());
                String alias = store.aliases().nextElement();
                Certificate[] chain = store.getCertificateChain(alias);
                return new Key(
                        (PrivateKey) store.getKey(alias, password.toCharArray()),
                        (X509Certificate) chain[0],
                        Arrays.asList(chain));
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the partner key " + f, e);
            }
        });
    }

    /** Base64 DER of attached CMS SignedData over {@code content}, with the certificate chain. */
    static String sign(String keyFile, String password, byte[] content) {
        Key k = key(keyFile, password);
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(
                    new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(k.key()), k.certificate()));
            generator.addCertificates(new JcaCertStore(k.chain()));
            return Base64.getEncoder()
                    .encodeToString(generator
                            .generate(new CMSProcessableByteArray(content), true)
                            .getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign the challenge", e);
        }
    }

    static final ChainBuilder LOGIN = exec(http("auth challenge")
                    .post("/api/v1/auth/challenge")
                    .check(
                            status().is(201),
                            jsonPath("$.challengeId").saveAs("challengeId"),
                            jsonPath("$.nonce").saveAs("nonce")))
            .exec(session -> session.set(
                    "signature",
                    sign(
                            session.getString("keyFile"),
                            session.getString("password"),
                            Base64.getDecoder().decode(session.getString("nonce")))))
            .exec(http("auth login")
                    .post("/api/v1/auth/login")
                    .body(StringBody("{\"challengeId\":\"#{challengeId}\",\"signature\":\"#{signature}\"}"))
                    .check(status().is(200), jsonPath("$.token").saveAs("session")));

    private static final String BEARER = "Bearer #{session}";

    /** Browse branches and services, rename a branch (same address: its QR codes stay valid), issue a QR code, log out. */
    static ChainBuilder work(java.time.Duration think) {
        return exec(http("branches")
                        .get("/api/v1/branches?limit=20")
                        .header("Authorization", BEARER)
                        .check(
                                status().is(200),
                                jsonPath("$.items[0].id").saveAs("branchId"),
                                jsonPath("$.items[0].customAddress").saveAs("branchAddress")))
                .pause(think)
                .exec(http("branch services")
                        .get("/api/v1/branches/#{branchId}/services")
                        .header("Authorization", BEARER)
                        .check(status().is(200), jsonPath("$.items[0].id").saveAs("serviceId")))
                .pause(think)
                .exec(http("service qr codes")
                        .get("/api/v1/services/#{serviceId}/qr-codes")
                        .header("Authorization", BEARER)
                        .check(status().is(200)))
                .pause(think)
                .exec(session ->
                        session.set("branchName", "Відділення №1 (" + System.currentTimeMillis() % 100000 + ")"))
                .exec(http("rename branch")
                        .put("/api/v1/branches/#{branchId}")
                        .header("Authorization", BEARER)
                        .body(StringBody("{\"name\":\"#{branchName}\",\"customAddress\":\"#{branchAddress}\"}"))
                        .check(status().is(200)))
                .pause(think)
                .exec(http("issue qr code")
                        .post("/api/v1/services/#{serviceId}/qr-codes")
                        .header("Authorization", BEARER)
                        .check(status().is(201)))
                .exec(http("auth logout")
                        .post("/api/v1/auth/logout")
                        .header("Authorization", BEARER)
                        .check(status().is(204)));
    }

    static ChainBuilder session(java.time.Duration think) {
        return exec(io.gatling.javaapi.core.CoreDsl.feed(partners()))
                .exec(LOGIN)
                .pause(think)
                .exec(work(think));
    }

    static ChainBuilder idle(java.time.Duration d) {
        return exec(pause(d));
    }
}

package ua.qrshare.dev;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A development stand-in for an outside signer of ES256 JWS: the citizen identity provider (app tokens) or the
 * document service (attestations). Its key is generated once under {@code data/keys}; production configures the real
 * issuers' public keys instead and has no such signer.
 */
public final class JwsIssuer {

    private final String issuer;
    private final JWTAuth signer;
    private final String publicKeyPem;

    private JwsIssuer(Vertx vertx, String issuer, String privateKeyPem, String publicKeyPem) {
        this.issuer = issuer;
        this.publicKeyPem = publicKeyPem;
        this.signer = JWTAuth.create(
                vertx,
                new JWTAuthOptions()
                        .addPubSecKey(
                                new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(privateKeyPem)));
    }

    /** Loads the issuer's key from {@code keyFile}, generating it on first use. Blocking. */
    public static JwsIssuer loadOrCreate(Vertx vertx, String issuer, Path keyFile) {
        try {
            Path publicFile = publicKeyFile(keyFile);
            if (!Files.exists(keyFile) || !Files.exists(publicFile)) {
                generate(keyFile, publicFile);
            }
            return new JwsIssuer(vertx, issuer, Files.readString(keyFile), Files.readString(publicFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the dev issuer key " + keyFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the dev issuer key " + keyFile, e);
        }
    }

    /** A compact JWS with {@code iss} and {@code exp} set. */
    public String sign(JsonObject claims, int expiresInSeconds) {
        return signer.generateToken(
                claims, new JWTOptions().setAlgorithm("ES256").setIssuer(issuer).setExpiresInSeconds(expiresInSeconds));
    }

    /** A compact JWS with {@code iss} set and the claims as given (an explicit {@code exp} among them). */
    public String sign(JsonObject claims) {
        return signer.generateToken(
                claims, new JWTOptions().setAlgorithm("ES256").setIssuer(issuer));
    }

    public String issuer() {
        return issuer;
    }

    /** The public key a verifier is configured with. */
    public String publicKeyPem() {
        return publicKeyPem;
    }

    /** The public half, published next to the private key as {@code NAME.pub.pem}. */
    public static Path publicKeyFile(Path keyFile) {
        return keyFile.resolveSibling(keyFile.getFileName().toString().replace(".pem", "") + ".pub.pem");
    }

    private static void generate(Path keyFile, Path publicFile) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        String pem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
        Files.createDirectories(keyFile.getParent());
        Path tmp = Files.createTempFile(keyFile.getParent(), "issuer", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not POSIX: the directory's protection is all there is
        }
        Files.writeString(tmp, pem);
        Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}

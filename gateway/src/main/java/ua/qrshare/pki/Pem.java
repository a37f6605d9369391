package ua.qrshare.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import ua.qrshare.config.ConfigException;
import ua.qrshare.config.ConfigKey;

/** Reads the trusted CA certificates an operator configures, and writes certificates as PEM. */
public final class Pem {

    private Pem() {}

    /** The certificate as PEM text (ASCII). */
    public static byte[] encode(X509Certificate certificate) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a certificate as PEM", e);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The PEM text of each configured public-key file (issuers of app tokens and attestations). */
    public static List<String> publicKeys(List<Path> files) {
        List<String> out = new ArrayList<>();
        for (Path file : files) {
            try {
                String pem = Files.readString(file);
                if (!pem.contains("-----BEGIN PUBLIC KEY-----")) {
                    throw new ConfigException(ConfigKey.APP_TOKEN_KEYS, file + " is not a PEM public key file");
                }
                out.add(pem);
            } catch (IOException e) {
                throw new ConfigException(ConfigKey.APP_TOKEN_KEYS, "cannot read " + file + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** Every certificate in the given PEM (or DER) files; a file without one is a configuration error. */
    public static List<X509Certificate> certificates(List<Path> files) {
        return certificates(ConfigKey.AUTH_TRUSTED_CAS, files);
    }

    /** Every certificate in the given files, which come from {@code key}; errors name that key. */
    public static List<X509Certificate> certificates(ConfigKey key, List<Path> files) {
        return certificatesPerFile(key, files).stream().flatMap(List::stream).toList();
    }

    /** The certificates of each file, in file order and in their order within the file. */
    public static List<List<X509Certificate>> certificatesPerFile(ConfigKey key, List<Path> files) {
        List<List<X509Certificate>> out = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                List<X509Certificate> inFile = new ArrayList<>();
                CertificateFactory.getInstance("X.509")
                        .generateCertificates(in)
                        .forEach(c -> inFile.add((X509Certificate) c));
                if (inFile.isEmpty()) {
                    throw new ConfigException(key, file + " holds no certificate");
                }
                out.add(List.copyOf(inFile));
            } catch (IOException e) {
                throw new ConfigException(key, "cannot read " + file + ": " + e.getMessage());
            } catch (CertificateException e) {
                throw new ConfigException(key, file + " is not a PEM certificate file");
            }
        }
        return out;
    }
}

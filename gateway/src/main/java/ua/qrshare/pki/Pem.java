package ua.qrshare.pki;

import ua.qrshare.config.ConfigException;
import ua.qrshare.config.ConfigKey;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads the trusted CA certificates an operator configures. */
public final class Pem {

    private Pem() {
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
        List<X509Certificate> out = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                int before = out.size();
                CertificateFactory.getInstance("X.509").generateCertificates(in)
                        .forEach(c -> out.add((X509Certificate) c));
                if (out.size() == before) {
                    throw new ConfigException(ConfigKey.AUTH_TRUSTED_CAS, file + " holds no certificate");
                }
            } catch (IOException e) {
                throw new ConfigException(ConfigKey.AUTH_TRUSTED_CAS, "cannot read " + file + ": " + e.getMessage());
            } catch (CertificateException e) {
                throw new ConfigException(ConfigKey.AUTH_TRUSTED_CAS, file + " is not a PEM certificate file");
            }
        }
        return out;
    }
}

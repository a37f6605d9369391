package ua.qrshare.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate and the chain that certifies it: what the seal and the TSA sign with.
 *
 * @param key         the signing key
 * @param certificate the key's certificate
 * @param chain       {@code certificate} first, then its issuers up to the root
 */
public record SigningIdentity(PrivateKey key, X509Certificate certificate, List<X509Certificate> chain) {

    public SigningIdentity {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(certificate, "certificate");
        chain = List.copyOf(chain);
        if (chain.isEmpty() || !chain.get(0).equals(certificate)) {
            throw new IllegalArgumentException("The chain must start with the certificate itself");
        }
    }

    /**
     * Reads the single private key entry of a PKCS#12 file. Key and store share the password, as OpenSSL expects.
     *
     * @throws IllegalArgumentException naming the file when it is missing or unreadable, the password is wrong, or
     *                                  it does not hold exactly one key entry
     */
    public static SigningIdentity fromPkcs12(Path file, char[] password) {
        KeyStore store = loadPkcs12(file, password);
        String alias = singleKeyAlias(store, file);
        try {
            PrivateKey key = (PrivateKey) store.getKey(alias, password);
            Certificate[] chain = store.getCertificateChain(alias);
            if (chain == null || chain.length == 0) {
                throw new IllegalArgumentException("The PKCS#12 file " + file + " holds a key without its certificate");
            }
            List<X509Certificate> certificates =
                    Arrays.stream(chain).map(X509Certificate.class::cast).toList();
            return new SigningIdentity(key, certificates.get(0), certificates);
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException("Wrong key password in the PKCS#12 file " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read the key in the PKCS#12 file " + file + ": " + e, e);
        }
    }

    /** True when {@code t} lies within the validity period of every certificate of the chain. */
    public boolean isValidAt(Instant t) {
        return chain.stream()
                .allMatch(c -> !t.isBefore(c.getNotBefore().toInstant())
                        && !t.isAfter(c.getNotAfter().toInstant()));
    }

    /** Names the certificate only, so that logging an identity can never print key material. */
    @Override
    public String toString() {
        return "SigningIdentity[" + certificate.getSubjectX500Principal().getName() + ", serial "
                + certificate.getSerialNumber().toString(16) + "]";
    }

    private static KeyStore loadPkcs12(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("PKCS#12 file not found: " + file, e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("No permission to read the PKCS#12 file " + file, e);
        } catch (IOException e) {
            // The JDK reports a failed integrity check (wrong password) as an IOException caused by this exception.
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException("Wrong password for the PKCS#12 file " + file, e);
            }
            throw new IllegalArgumentException("Cannot read the PKCS#12 file " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read the PKCS#12 file " + file + ": " + e, e);
        }
    }

    private static String singleKeyAlias(KeyStore store, Path file) {
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.size() != 1) {
                throw new IllegalArgumentException("The PKCS#12 file " + file + " holds " + keyAliases.size()
                        + " private key entries; expected exactly one");
            }
            return keyAliases.get(0);
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException("Cannot list the entries of the PKCS#12 file " + file, e);
        }
    }
}

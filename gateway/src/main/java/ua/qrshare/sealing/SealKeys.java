package ua.qrshare.sealing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.login.LoginException;
import ua.qrshare.config.Config;
import ua.qrshare.config.ConfigException;
import ua.qrshare.config.ConfigKey;
import ua.qrshare.pki.SigningIdentity;

/**
 * The configured seal key: from a PKCS#12 file ({@code seal.keystore}) or from a PKCS#11 token through SunPKCS11
 * ({@code seal.pkcs11.library}, {@code seal.pkcs11.slot}, the PIN in {@code seal.keystore.password}). On a token the
 * key never leaves it: the identity holds a handle, and signing runs on the token. The token holds exactly one private
 * key; its certificate chain is read from the token too, so the CA certificates up to the root belong on it as well.
 */
public final class SealKeys {

    /** Each token gets its own provider name: JCA refuses a second provider under a name already registered. */
    private static final AtomicInteger PROVIDERS = new AtomicInteger();

    private SealKeys() {}

    /**
     * Opens the configured seal; blocking (file or token I/O), for start-up.
     *
     * @throws ConfigException          naming the key when the token cannot be opened or holds no usable seal
     * @throws IllegalArgumentException when the PKCS#12 file cannot be read (see {@link SigningIdentity#fromPkcs12})
     */
    public static SigningIdentity load(Config.Seal seal) {
        if (seal.pkcs11()) {
            return fromPkcs11(
                    seal.pkcs11Library(), seal.pkcs11Slot(), seal.password().toCharArray());
        }
        if (seal.keystore() != null) {
            return SigningIdentity.fromPkcs12(seal.keystore(), seal.password().toCharArray());
        }
        throw new IllegalArgumentException("no seal key is configured: dev instances take the dev PKI's");
    }

    static SigningIdentity fromPkcs11(Path library, int slotListIndex, char[] pin) {
        if (!Files.isRegularFile(library)) {
            throw new ConfigException(ConfigKey.SEAL_PKCS11_LIBRARY, library + " does not exist or is not a file");
        }
        Provider provider = provider(library, slotListIndex);
        KeyStore store = open(provider, pin);
        SigningIdentity identity = readIdentity(store);
        // Registered so that JCA hands Signature objects for this key's handle to this token's provider.
        Security.addProvider(provider);
        return identity;
    }

    private static Provider provider(Path library, int slotListIndex) {
        Provider sunPkcs11 = Security.getProvider("SunPKCS11");
        if (sunPkcs11 == null) {
            throw new ConfigException(
                    ConfigKey.SEAL_PKCS11_LIBRARY,
                    "this Java runtime has no SunPKCS11 provider" + " (module jdk.crypto.cryptoki)");
        }
        String config = "--name = qrshare-seal-" + PROVIDERS.incrementAndGet() + "\n"
                + "library = " + library.toAbsolutePath() + "\n"
                + "slotListIndex = " + slotListIndex + "\n";
        try {
            return sunPkcs11.configure(config);
        } catch (ProviderException | IllegalArgumentException e) {
            throw new ConfigException(
                    ConfigKey.SEAL_PKCS11_SLOT,
                    "cannot open slot list index " + slotListIndex + " of " + library + ": " + rootMessage(e));
        }
    }

    private static KeyStore open(Provider provider, char[] pin) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
            return store;
        } catch (IOException e) {
            if (causedByLogin(e)) {
                throw new ConfigException(ConfigKey.SEAL_KEYSTORE_PASSWORD, "the PKCS#11 token refused the PIN");
            }
            throw new ConfigException(ConfigKey.SEAL_PKCS11_LIBRARY, "cannot open the token: " + rootMessage(e));
        } catch (GeneralSecurityException | ProviderException e) {
            throw new ConfigException(ConfigKey.SEAL_PKCS11_LIBRARY, "cannot open the token: " + rootMessage(e));
        }
    }

    private static SigningIdentity readIdentity(KeyStore store) {
        try {
            List<String> keys = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keys.add(alias);
                }
            }
            if (keys.size() != 1) {
                throw new ConfigException(
                        ConfigKey.SEAL_PKCS11_LIBRARY,
                        "the token holds " + keys.size()
                                + " private keys with a certificate; expected exactly one, the seal's");
            }
            PrivateKey key = (PrivateKey) store.getKey(keys.get(0), null);
            Certificate[] chain = store.getCertificateChain(keys.get(0));
            List<X509Certificate> certificates =
                    Arrays.stream(chain).map(X509Certificate.class::cast).toList();
            return new SigningIdentity(key, certificates.get(0), certificates);
        } catch (GeneralSecurityException e) {
            throw new ConfigException(ConfigKey.SEAL_PKCS11_LIBRARY, "cannot read the seal key: " + rootMessage(e));
        }
    }

    private static boolean causedByLogin(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LoginException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}

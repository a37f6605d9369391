package ua.qrshare.testing;

import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import ua.qrshare.dev.DevPki;
import ua.qrshare.dev.PartnerCertificates;
import ua.qrshare.pki.SigningIdentity;

/** Signs like a partner's КЕП software does: CMS SignedData with the certificate chain, attached or detached. */
public final class KepSigner {

    private KepSigner() {}

    /** Base64 DER, as the API takes it. */
    public static String sign(SigningIdentity identity, byte[] content, boolean attached) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(
                    new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                            .build(
                                    new JcaContentSignerBuilder(algorithm(identity)).build(identity.key()),
                                    identity.certificate()));
            generator.addCertificates(new JcaCertStore(identity.chain()));
            return Base64.getEncoder()
                    .encodeToString(generator
                            .generate(new CMSProcessableByteArray(content), attached)
                            .getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a КЕП key signs with: ECDSA with the hash its curve size calls for, or RSA PKCS#1 v1.5. */
    private static String algorithm(SigningIdentity identity) {
        PrivateKey key = identity.key();
        return switch (key.getAlgorithm()) {
            case "EC", "ECDSA" ->
                ((ECPrivateKey) key).getParams().getCurve().getField().getFieldSize() > 256
                        ? "SHA384withECDSA"
                        : "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("no signature algorithm for " + key.getAlgorithm() + " keys");
        };
    }

    /** A head's certificate valid for a year. */
    public static SigningIdentity head(DevPki pki, String rnokpp, String edrpou, String name, String organisation) {
        Instant now = Instant.now();
        return PartnerCertificates.issue(
                pki,
                new PartnerCertificates.Request(
                        rnokpp,
                        edrpou,
                        name,
                        "Директор",
                        organisation,
                        now.minus(Duration.ofHours(1)),
                        now.plus(Duration.ofDays(365)),
                        true));
    }
}

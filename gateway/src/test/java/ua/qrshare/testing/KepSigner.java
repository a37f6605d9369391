package ua.qrshare.testing;

import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import ua.qrshare.pki.DevPki;
import ua.qrshare.pki.PartnerCertificates;
import ua.qrshare.pki.SigningIdentity;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** Signs like a partner's КЕП software does: CMS SignedData with the certificate chain, attached or detached. */
public final class KepSigner {

    private KepSigner() {
    }

    /** Base64 DER, as the API takes it. */
    public static String sign(SigningIdentity identity, byte[] content, boolean attached) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(identity.key()), identity.certificate()));
            generator.addCertificates(new JcaCertStore(identity.chain()));
            return Base64.getEncoder().encodeToString(
                    generator.generate(new CMSProcessableByteArray(content), attached).getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A head's certificate valid for a year. */
    public static SigningIdentity head(DevPki pki, String rnokpp, String edrpou, String name, String organisation) {
        Instant now = Instant.now();
        return PartnerCertificates.issue(pki, new PartnerCertificates.Request(rnokpp, edrpou, name, "Директор",
                organisation, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)), true));
    }
}

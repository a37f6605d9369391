package ua.qrshare.sealing;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.tsp.MessageImprint;
import org.bouncycastle.asn1.tsp.TSTInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import ua.qrshare.dev.TimeStampAuthority;

/**
 * Hand-made RFC 3161 replies for client tests: a granted token over any imprint and nonce, signed by any key under
 * any certificate. With the TSA's key, its certificate and the requested values it is a valid reply, so each test
 * that changes one of them checks exactly that one check.
 */
final class FakeTsa {

    private FakeTsa() {}

    static byte[] grantedReply(PrivateKey key, X509Certificate certificate, byte[] imprint, BigInteger nonce)
            throws Exception {
        TSTInfo info = new TSTInfo(
                TimeStampAuthority.POLICY,
                new MessageImprint(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), imprint),
                new ASN1Integer(System.nanoTime()),
                new ASN1GeneralizedTime(new Date()),
                null,
                ASN1Boolean.FALSE,
                nonce == null ? null : new ASN1Integer(nonce),
                null,
                null);
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                        new JcaDigestCalculatorProviderBuilder().build())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signingCertificate(certificate)))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key), certificate));
        generator.addCertificates(new JcaCertStore(List.of(certificate)));
        CMSSignedData token = generator.generate(
                new CMSProcessableByteArray(PKCSObjectIdentifiers.id_ct_TSTInfo, info.getEncoded(ASN1Encoding.DER)),
                true);
        return new TimeStampResp(new PKIStatusInfo(PKIStatus.granted), token.toASN1Structure()).getEncoded();
    }

    private static AttributeTable signingCertificate(X509Certificate certificate) throws Exception {
        byte[] hash =
                MessageDigest.getInstance("SHA-256").digest(new JcaX509CertificateHolder(certificate).getEncoded());
        return new AttributeTable(new Attribute(
                PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(new ESSCertIDv2(hash)))));
    }
}

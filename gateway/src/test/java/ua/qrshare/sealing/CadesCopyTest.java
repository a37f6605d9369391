package ua.qrshare.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.qrshare.testing.Await.await;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.qrshare.dev.TimeStampAuthority;
import ua.qrshare.pki.Pem;
import ua.qrshare.pki.SigningIdentity;
import ua.qrshare.testing.KepSigner;
import ua.qrshare.testing.Payloads;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.TestGateway;
import ua.qrshare.testing.Tools;

/**
 * A copy sealed by a running gateway — CAdES-B by the dev seal, then a signature time-stamp from the embedded TSA over
 * real HTTP — checked by openssl as a partner would check it, and by BouncyCastle for the CAdES attributes.
 */
class CadesCopyTest {

    @TempDir
    static Path dataDir;

    @TempDir
    static Path work;

    static RunningGateway gateway;
    static byte[] pdf;
    static byte[] p7s;
    static Instant before;
    static Instant after;

    @BeforeAll
    static void sealOneCopy() throws Exception {
        gateway = TestGateway.start(dataDir, Map.of());
        pdf = Payloads.pdfLike(48 * 1024);
        before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        p7s = await(gateway.sealSigner().signT(pdf, gateway.pkiWorkers(), gateway.tsaClient()));
        after = Instant.now().plusSeconds(1);
        Files.write(work.resolve("copy.pdf.p7s"), p7s);
        Files.copy(gateway.devPki().directory().resolve("ca.pem"), work.resolve("ca.pem"));
        Files.copy(gateway.devPki().directory().resolve("tsa.pem"), work.resolve("tsa.pem"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void openssl_verifies_the_copy_against_the_ca_and_gives_back_the_exact_pdf() throws Exception {
        String out = Tools.ok(
                work,
                "openssl",
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-in",
                "copy.pdf.p7s",
                "-CAfile",
                "ca.pem",
                "-out",
                "copy.pdf");
        assertThat(out).contains("Verification successful");
        assertThat(Files.readAllBytes(work.resolve("copy.pdf"))).isEqualTo(pdf);
    }

    @Test
    void a_flipped_byte_in_the_signed_pdf_fails_verification() throws Exception {
        byte[] tampered = p7s.clone();
        int at = Payloads.indexOf(tampered, pdf) + pdf.length / 2;
        tampered[at] ^= 0x01;
        Files.write(work.resolve("tampered.p7s"), tampered);
        Tools.Result result = Tools.run(
                work,
                "openssl",
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-in",
                "tampered.p7s",
                "-CAfile",
                "ca.pem",
                "-out",
                "tampered.pdf");
        assertThat(result.exit()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("Verification failure");
    }

    @Test
    void openssl_shows_the_cades_attributes_and_the_time_stamp() {
        String dump = Tools.ok(work, "openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", "copy.pdf.p7s");
        assertThat(dump)
                .contains(
                        "object: contentType",
                        "object: messageDigest",
                        "object: signingTime",
                        "object: id-smime-aa-signingCertificateV2",
                        "object: id-smime-aa-timeStampToken");
        assertThat(dump.indexOf("unsignedAttrs")).isGreaterThan(dump.indexOf("id-smime-aa-signingCertificateV2"));
        assertThat(dump.indexOf("id-smime-aa-timeStampToken")).isGreaterThan(dump.indexOf("unsignedAttrs"));
    }

    @Test
    void the_signed_attributes_are_cades_baseline_b() throws Exception {
        SignerInformation signer = signer();
        AttributeTable signed = signer.getSignedAttributes();
        assertThat(value(signed, CMSAttributes.contentType)).isEqualTo(PKCSObjectIdentifiers.data);
        assertThat(ASN1OctetString.getInstance(value(signed, CMSAttributes.messageDigest))
                        .getOctets())
                .isEqualTo(Payloads.sha256(pdf));
        Instant signingTime = Time.getInstance(value(signed, CMSAttributes.signingTime))
                .getDate()
                .toInstant();
        assertThat(signingTime).isBetween(before, after);
        assertThat(signer.getDigestAlgOID()).isEqualTo(NISTObjectIdentifiers.id_sha256.getId());
        assertThat(signer.getEncryptionAlgOID()).isEqualTo(X9ObjectIdentifiers.ecdsa_with_SHA256.getId());
    }

    @Test
    void signing_certificate_v2_names_the_seal_by_sha256_and_issuer_serial() throws Exception {
        SigningIdentity seal = gateway.seal();
        ESSCertIDv2[] ids = SigningCertificateV2.getInstance(
                        value(signer().getSignedAttributes(), PKCSObjectIdentifiers.id_aa_signingCertificateV2))
                .getCerts();
        assertThat(ids).hasSize(1);
        assertThat(ids[0].getHashAlgorithm().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_sha256);
        assertThat(ids[0].getCertHash())
                .isEqualTo(Payloads.sha256(seal.certificate().getEncoded()));
        assertThat(ids[0].getIssuerSerial().getSerial().getValue())
                .isEqualTo(seal.certificate().getSerialNumber());
        assertThat(X500Name.getInstance(
                        ids[0].getIssuerSerial().getIssuer().getNames()[0].getName()))
                .isEqualTo(X500Name.getInstance(
                        seal.certificate().getIssuerX500Principal().getEncoded()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_seal_chain_and_the_tsa_path_are_included() throws Exception {
        List<X509CertificateHolder> included =
                List.copyOf(new CMSSignedData(p7s).getCertificates().getMatches(null));
        assertThat(included)
                .extracting(h -> h.getSerialNumber())
                .containsExactlyInAnyOrder(
                        gateway.seal().certificate().getSerialNumber(),
                        gateway.devPki().caCertificate().getSerialNumber(),
                        gateway.devPki().tsa().certificate().getSerialNumber());
    }

    /** CAdES-BASELINE-LT as BouncyCastle reads it: CRLs in SignedData.crls covering both paths at the stamp's time. */
    @Test
    @SuppressWarnings("unchecked")
    void the_crls_of_the_seal_and_tsa_paths_are_embedded_and_cover_both_at_the_time_stamp() throws Exception {
        CMSSignedData signed = new CMSSignedData(p7s);
        List<X509CRL> crls = new ArrayList<>();
        for (X509CRLHolder holder :
                (java.util.Collection<X509CRLHolder>) signed.getCRLs().getMatches(null)) {
            crls.add(new JcaX509CRLConverter().getCRL(holder));
        }
        assertThat(crls).hasSize(1);
        X509CRL crl = crls.get(0);
        crl.verify(gateway.devPki().caCertificate().getPublicKey());
        TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(
                value(signer().getUnsignedAttributes(), PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)));
        Instant stamped = token.getTimeStampInfo().getGenTime().toInstant();
        assertThat(crl.getThisUpdate().toInstant()).isBeforeOrEqualTo(stamped);
        assertThat(crl.getNextUpdate().toInstant()).isAfter(stamped);
        for (X509Certificate certificate :
                List.of(gateway.seal().certificate(), gateway.devPki().tsa().certificate())) {
            assertThat(crl.getIssuerX500Principal()).isEqualTo(certificate.getIssuerX500Principal());
            assertThat(crl.isRevoked(certificate)).isFalse();
        }
        assertThat(RevocationValues.status(gateway.seal().chain(), crls, stamped))
                .isEqualTo(RevocationValues.Status.GOOD);
        assertThat(RevocationValues.status(gateway.devPki().tsa().chain(), crls, stamped))
                .isEqualTo(RevocationValues.Status.GOOD);
    }

    /** openssl checks the CRLs too, and finds them only inside the copy: no -CRLfile is given. */
    @Test
    void openssl_verifies_the_copy_with_crl_checks_from_the_embedded_crls_alone() {
        String out = Tools.ok(
                work,
                "openssl",
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-in",
                "copy.pdf.p7s",
                "-CAfile",
                "ca.pem",
                "-crl_check_all",
                "-out",
                "copy-crl-checked.pdf");
        assertThat(out).contains("Verification successful");
    }

    /**
     * EU DSS, the validator of the EU's reference implementation, offline: no CRL, OCSP or AIA source, only the copy
     * and the trusted root. A copy with everything inside passes at CAdES-BASELINE-LT.
     */
    @Test
    void eu_dss_validates_the_copy_offline_as_total_passed_at_cades_baseline_lt() throws Exception {
        SignedDocumentValidator validator =
                SignedDocumentValidator.fromDocument(new InMemoryDocument(p7s, "copy.pdf.p7s"));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(gateway.devPki().caCertificate()));
        verifier.setTrustedCertSources(trusted);
        verifier.setCrlSource(null);
        verifier.setOcspSource(null);
        verifier.setAIASource(null);
        validator.setCertificateVerifier(verifier);
        Reports reports = validator.validateDocument();
        SimpleReport simple = reports.getSimpleReport();
        String id = simple.getFirstSignatureId();
        assertThat(simple.getIndication(id)).as(reports.getXmlSimpleReport()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(simple.getSignatureFormat(id))
                .as(reports.getXmlSimpleReport())
                .isEqualTo(SignatureLevel.CAdES_BASELINE_LT);
    }

    @Test
    void the_time_stamp_covers_the_signature_value_and_verifies_with_openssl_ts() throws Exception {
        SignerInformation signer = signer();
        TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(
                value(signer.getUnsignedAttributes(), PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)));
        byte[] imprint = Payloads.sha256(signer.getSignature());
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(imprint);
        assertThat(token.getTimeStampInfo().getGenTime().toInstant()).isBetween(before, after);
        Files.write(work.resolve("token.der"), token.getEncoded());

        String verified = Tools.ok(
                work,
                "openssl",
                "ts",
                "-verify",
                "-in",
                "token.der",
                "-token_in",
                "-digest",
                HexFormat.of().formatHex(imprint),
                "-CAfile",
                "ca.pem",
                "-untrusted",
                "tsa.pem");
        assertThat(verified).contains("Verification: OK");
        String text = Tools.ok(work, "openssl", "ts", "-reply", "-token_in", "-in", "token.der", "-text");
        assertThat(text)
                .contains("Policy OID: " + TimeStampAuthority.POLICY.getId())
                .contains("Hash Algorithm: sha256")
                .contains("TSA: DirName:/C=UA/O=qrshare (development)/CN=qrshare dev TSA");
    }

    @Test
    void openssl_ts_refuses_the_time_stamp_for_another_digest() throws Exception {
        SignerInformation signer = signer();
        TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(
                value(signer.getUnsignedAttributes(), PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)));
        Files.write(work.resolve("token-other.der"), token.getEncoded());
        Tools.Result result = Tools.run(
                work,
                "openssl",
                "ts",
                "-verify",
                "-in",
                "token-other.der",
                "-token_in",
                "-digest",
                HexFormat.of().formatHex(Payloads.sha256(pdf)),
                "-CAfile",
                "ca.pem",
                "-untrusted",
                "tsa.pem");
        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("message imprint mismatch");
    }

    @Test
    void the_readme_recipe_checks_chain_signer_crls_and_time_stamp_with_openssl_alone() throws Exception {
        Files.write(work.resolve("seals.pem"), Pem.encode(gateway.seal().certificate()));
        String out = Tools.ok(work, "bash", "-euo", "pipefail", "-c", readmeRecipe());
        assertThat(out)
                .contains(
                        "Verification successful",
                        "Signer: the platform's seal",
                        "Verification: OK",
                        "Policy OID: " + TimeStampAuthority.POLICY.getId());
    }

    /**
     * A PDF re-sealed with a partner's КЕП of the same CA, with a genuine time-stamp and CRLs: the chain holds, so only
     * the signer check of the recipe tells it from a copy.
     */
    @Test
    void the_readme_recipe_does_not_call_a_partner_sealed_forgery_the_platform_s_seal() throws Exception {
        SigningIdentity partner = KepSigner.head(
                gateway.devPki(), "3012345678", "43187521", "Шевченко Тарас Григорович", "ТОВ «Зелений квартал»");
        CrlSource crls = new CrlSource(
                Map.of(gateway.devPki().caCertificate(), gateway.devPki()::currentCrl),
                null,
                Duration.ofSeconds(5),
                Clock.systemUTC());
        byte[] forged = await(new SealSigner(partner, crls).signT(pdf, gateway.pkiWorkers(), gateway.tsaClient()));
        Path dir = Files.createDirectories(work.resolve("forged"));
        Files.write(dir.resolve("copy.pdf.p7s"), forged);
        for (String file : List.of("ca.pem", "tsa.pem")) {
            Files.copy(work.resolve(file), dir.resolve(file));
        }
        Files.write(dir.resolve("seals.pem"), Pem.encode(gateway.seal().certificate()));
        Tools.Result result = Tools.run(dir, "bash", "-euo", "pipefail", "-c", readmeRecipe());
        assertThat(result.output()).contains("Verification successful").doesNotContain("Signer: the platform's seal");
    }

    /**
     * Years later, when the seal certificate has expired and its CRL is long past its nextUpdate, still offline: the
     * time-stamp (its TSA outlives the seal) proves the signature existed while the seal was valid, and the CRL inside
     * that it was not revoked.
     */
    @Test
    void eu_dss_still_validates_the_copy_offline_after_the_seal_certificate_has_expired() throws Exception {
        SignedDocumentValidator validator =
                SignedDocumentValidator.fromDocument(new InMemoryDocument(p7s, "copy.pdf.p7s"));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(gateway.devPki().caCertificate()));
        verifier.setTrustedCertSources(trusted);
        verifier.setCrlSource(null);
        verifier.setOcspSource(null);
        verifier.setAIASource(null);
        validator.setCertificateVerifier(verifier);
        Instant later = gateway.seal().certificate().getNotAfter().toInstant().plus(Duration.ofDays(30));
        validator.setValidationTime(java.util.Date.from(later));
        Reports reports = validator.validateDocument();
        SimpleReport simple = reports.getSimpleReport();
        String id = simple.getFirstSignatureId();
        assertThat(simple.getIndication(id)).as(reports.getXmlSimpleReport()).isEqualTo(Indication.TOTAL_PASSED);
    }

    private static String readmeRecipe() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("### Signed copies");
        int start = readme.indexOf("```sh\n", section) + "```sh\n".length();
        return readme.substring(start, readme.indexOf("```", start))
                .lines()
                .filter(line -> !line.startsWith("curl ")) // ca.pem, tsa.pem and seals.pem are here already
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static SignerInformation signer() throws Exception {
        return new CMSSignedData(p7s).getSignerInfos().getSigners().iterator().next();
    }

    private static org.bouncycastle.asn1.ASN1Encodable value(AttributeTable table, ASN1ObjectIdentifier type) {
        assertThat(table).as("attributes").isNotNull();
        assertThat(table.getAll(type).size()).as(type.getId()).isEqualTo(1);
        return table.get(type).getAttrValues().getObjectAt(0);
    }
}

package ua.qrshare.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.qrshare.dev.DevPki;
import ua.qrshare.dev.PartnerCertificates;
import ua.qrshare.http.Problem;
import ua.qrshare.pki.SigningIdentity;

/** Reading who signed from the shapes Ukrainian qualified certificates come in. */
class KepIdentityTest {

    @TempDir
    static Path dir;

    static SigningIdentity ca;

    @BeforeAll
    static void ca() {
        ca = DevPki.loadOrCreate(dir.resolve("pki"), "http://localhost:8080").ca();
    }

    @Test
    void numbers_come_from_subject_directory_attributes_first() {
        KepIdentity identity = identity(
                "C=UA,CN=Шевченко Тарас Григорович,SERIALNUMBER=TINUA-1111111111,"
                        + "ORGANIZATIONIDENTIFIER=NTRUA-22222222",
                Map.of(PartnerCertificates.RNOKPP_OID, "3333333333", PartnerCertificates.EDRPOU_OID, "44444444"));
        assertThat(identity.rnokpp()).isEqualTo("3333333333");
        assertThat(identity.edrpou()).isEqualTo("44444444");
        assertThat(identity.fullName()).isEqualTo("Шевченко Тарас Григорович");
        assertThat(identity.soleProprietor()).isFalse();
    }

    @Test
    void numbers_come_from_the_subject_when_the_certificate_has_no_directory_attributes() {
        KepIdentity identity = identity(
                "C=UA,O=ТОВ «Приклад»,CN=Шевченко Тарас Григорович,"
                        + "SERIALNUMBER=TINUA-1111111111,ORGANIZATIONIDENTIFIER=NTRUA-22222222",
                Map.of());
        assertThat(identity.rnokpp()).isEqualTo("1111111111");
        assertThat(identity.edrpou()).isEqualTo("22222222");
    }

    @Test
    void a_subject_serial_number_without_the_tinua_prefix_is_not_a_taxpayer_number() {
        // Older certificates put the certificate's own serial there.
        assertThatThrownBy(() -> identity("C=UA,CN=Шевченко Тарас,SERIALNUMBER=1111111111", Map.of()))
                .isInstanceOf(Problem.class)
                .extracting("code")
                .isEqualTo("NO_TAXPAYER_NUMBER");
    }

    @Test
    void a_taxpayer_number_of_the_wrong_length_is_no_taxpayer_number() {
        assertThatThrownBy(() -> identity("C=UA,CN=Шевченко Тарас,SERIALNUMBER=TINUA-123456789", Map.of()))
                .isInstanceOf(Problem.class)
                .extracting("code")
                .isEqualTo("NO_TAXPAYER_NUMBER");
    }

    @Test
    void without_an_organisation_or_with_the_own_number_as_organisation_it_is_a_sole_proprietor() {
        assertThat(identity("C=UA,CN=Шевченко Тарас,SERIALNUMBER=TINUA-1111111111", Map.of())
                        .soleProprietor())
                .isTrue();
        Map<ASN1ObjectIdentifier, String> ownNumber = new LinkedHashMap<>();
        ownNumber.put(PartnerCertificates.RNOKPP_OID, "1111111111");
        ownNumber.put(PartnerCertificates.EDRPOU_OID, "1111111111");
        assertThat(identity("C=UA,CN=Шевченко Тарас", ownNumber).soleProprietor())
                .isTrue();
    }

    @Test
    void the_name_is_the_common_name_or_else_surname_and_given_names() {
        assertThat(identity("C=UA,SURNAME=Шевченко,GIVENNAME=Тарас Григорович,SERIALNUMBER=TINUA-1111111111", Map.of())
                        .fullName())
                .isEqualTo("Шевченко Тарас Григорович");
        assertThatThrownBy(() -> identity("C=UA,SERIALNUMBER=TINUA-1111111111", Map.of()))
                .isInstanceOf(Problem.class)
                .extracting("code")
                .isEqualTo("NO_SIGNER_NAME");
    }

    @Test
    void the_identity_never_prints_its_personal_data() {
        KepIdentity identity = identity("C=UA,CN=Шевченко Тарас,SERIALNUMBER=TINUA-1111111111", Map.of());
        assertThat(identity.toString()).doesNotContain("1111111111", "Шевченко");
    }

    private static KepIdentity identity(String subject, Map<ASN1ObjectIdentifier, String> attributes) {
        return KepIdentity.of(TestCertificates.issue(ca, TestCertificates.ec("secp256r1"), subject, attributes)
                .certificate());
    }
}

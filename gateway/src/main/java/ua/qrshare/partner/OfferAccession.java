package ua.qrshare.partner;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.qrshare.auth.KepIdentity;
import ua.qrshare.auth.PartnerAuthentication;
import ua.qrshare.auth.SignatureProblems;
import ua.qrshare.http.Problem;
import ua.qrshare.pki.CmsSignatures;
import ua.qrshare.secrets.LookupHash;

/**
 * A partner's accession to one offer version: a КЕП signature over the exact text, made by the partner's head (the
 * person who logged in), stored with the signer's certificate as evidence, both encrypted ({@link AccessionEvidence}).
 * One acceptance per version: signing the same version again answers with the acceptance already on record.
 */
final class OfferAccession {

    private static final Logger log = LoggerFactory.getLogger(OfferAccession.class);

    private static final String INSERT = """
            INSERT INTO offer_acceptance (partner_id, offer_version, text_sha256, signature_encrypted,
                                          signer_certificate_encrypted)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (partner_id, offer_version) DO NOTHING
            RETURNING offer_version, text_sha256, accepted_at""";
    private static final String EXISTING = "SELECT offer_version, text_sha256, accepted_at FROM offer_acceptance"
            + " WHERE partner_id = $1 AND offer_version = $2";

    /** An acceptance on record. */
    record Acceptance(int version, String sha256, OffsetDateTime acceptedAt) {

        JsonObject toJson() {
            return new JsonObject()
                    .put("version", version)
                    .put("sha256", sha256)
                    .put("acceptedAt", acceptedAt.toInstant().toString());
        }
    }

    private final Vertx vertx;
    private final SqlClient db;
    private final CmsSignatures signatures;
    private final LookupHash lookupHash;
    private final Partners partners;
    private final Offer offer;
    private final AccessionEvidence evidence;

    OfferAccession(
            Vertx vertx,
            SqlClient db,
            CmsSignatures signatures,
            LookupHash lookupHash,
            Partners partners,
            Offer offer,
            AccessionEvidence evidence) {
        this.vertx = vertx;
        this.evidence = evidence;
        this.db = db;
        this.signatures = signatures;
        this.lookupHash = lookupHash;
        this.partners = partners;
        this.offer = offer;
    }

    static Problem signerNotHead() {
        return new Problem(
                403,
                "SIGNER_NOT_PARTNER_HEAD",
                "Заяву має підписати керівник організації або ФОП тим КЕП, з яким він увійшов до кабінету."
                        + " Цей сертифікат належить іншій особі або іншій організації.",
                "The statement must be signed by the organisation's head or the sole proprietor, with the qualified"
                        + " e-signature used to log in. This certificate belongs to another person or organisation.");
    }

    /** Accepts the current offer for the partner, or fails with the problem that says why not. */
    Future<Acceptance> accept(UUID partnerId, byte[] signature) {
        return verify(signature)
                .compose(signer -> checkHead(partnerId, signer).map(signer))
                .compose(signer -> store(partnerId, signature, signer));
    }

    /** CMS verification parses ASN.1, checks a signature and builds a certificate path: worker-thread work. */
    private Future<X509Certificate> verify(byte[] signature) {
        return vertx.executeBlocking(
                        () -> signatures
                                .verify(signature, offer.text(), Instant.now())
                                .signer(),
                        false)
                .recover(e -> Future.failedFuture(
                        e instanceof CmsSignatures.Rejection rejection ? SignatureProblems.of(rejection) : e));
    }

    private Future<Void> checkHead(UUID partnerId, X509Certificate signer) {
        return partners.head(partnerId).compose(head -> {
            if (head.isEmpty()) {
                return Future.failedFuture(PartnerAuthentication.unauthenticated());
            }
            return isHead(head.get(), signer) ? Future.succeededFuture() : Future.failedFuture(signerNotHead());
        });
    }

    /**
     * The signer is the person whose RNOKPP the partner was registered with (compared as lookup hashes) and, for a
     * legal entity, the certificate is issued for that organisation. A sole proprietor's certificate has no
     * organisation code or repeats the RNOKPP; any other code means it was issued for someone else's organisation.
     */
    private boolean isHead(Partners.Head head, X509Certificate signer) {
        KepIdentity ids;
        try {
            ids = KepIdentity.of(signer);
        } catch (Problem noIdentity) {
            return false;
        }
        if (!MessageDigest.isEqual(lookupHash.of(ids.rnokpp()), head.rnokppHash())) {
            return false;
        }
        return head.legalEntity() ? head.edrpou().equals(ids.edrpou()) : ids.soleProprietor();
    }

    private Future<Acceptance> store(UUID partnerId, byte[] signature, X509Certificate signer) {
        Tuple values = Tuple.of(
                partnerId,
                offer.version(),
                Buffer.buffer(HexFormat.of().parseHex(offer.sha256())),
                Buffer.buffer(evidence.sealSignature(partnerId, offer.version(), signature)),
                Buffer.buffer(evidence.sealCertificate(partnerId, offer.version(), encoded(signer))));
        return db.preparedQuery(INSERT).execute(values).compose(inserted -> {
            if (inserted.size() == 1) {
                log.info("Partner {} acceded to offer version {}", partnerId, offer.version());
                return Future.succeededFuture(acceptance(inserted));
            }
            // Already accepted (perhaps by a concurrent request): answer with the acceptance on record.
            return db.preparedQuery(EXISTING)
                    .execute(Tuple.of(partnerId, offer.version()))
                    .map(OfferAccession::acceptance);
        });
    }

    private static Acceptance acceptance(RowSet<Row> rows) {
        Row row = rows.iterator().next();
        return new Acceptance(
                row.getInteger("offer_version"),
                HexFormat.of().formatHex(row.getBuffer("text_sha256").getBytes()),
                row.getOffsetDateTime("accepted_at"));
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a verified certificate", e);
        }
    }
}

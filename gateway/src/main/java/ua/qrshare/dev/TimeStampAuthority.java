package ua.qrshare.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.util.Store;
import ua.qrshare.pki.Asn1Depth;
import ua.qrshare.pki.SigningIdentity;

/**
 * The embedded RFC 3161 time-stamping authority of dev instances: SHA-256/384/512 imprints, an optional nonce, the
 * TSA certificate in the token when asked for, one policy. Every request gets a TimeStampResp, a malformed or
 * unacceptable one a rejection with the reason, never an exception. Thread-safe; {@link #respond} signs, so it is
 * CPU work for a worker thread.
 */
public final class TimeStampAuthority {

    /** RFC 3161 §3.4: the media types of a request and of a reply over HTTP. */
    public static final String QUERY_TYPE = "application/timestamp-query";

    public static final String REPLY_TYPE = "application/timestamp-reply";

    /**
     * The policy the tokens are issued under: UUID 12b7e439-a4ba-4381-af34-8811418c6469 under the arc 2.25
     * (ITU-T X.667), which needs no registration and names nothing but this dev TSA.
     */
    public static final ASN1ObjectIdentifier POLICY =
            new ASN1ObjectIdentifier("2.25.24880923205615975666171626053834663017");

    private static final Set<ASN1ObjectIdentifier> DIGESTS =
            Set.of(TSPAlgorithms.SHA256, TSPAlgorithms.SHA384, TSPAlgorithms.SHA512);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningIdentity tsa;
    private final Clock clock;
    private final Store<?> certificates;
    private final GeneralName name;
    private final String signatureAlgorithm;
    private final Queue<TimeStampTokenGenerator> idle = new ConcurrentLinkedQueue<>();

    public TimeStampAuthority(SigningIdentity tsa, Clock clock) {
        this.tsa = tsa;
        this.clock = clock;
        this.name = new GeneralName(
                X500Name.getInstance(tsa.certificate().getSubjectX500Principal().getEncoded()));
        this.signatureAlgorithm = "RSA".equals(tsa.key().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
        try {
            this.certificates = new JcaCertStore(List.of(tsa.certificate()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot use the TSA certificate of " + tsa, e);
        }
    }

    public SigningIdentity identity() {
        return tsa;
    }

    /**
     * Answers a DER TimeStampReq with a DER TimeStampResp.
     */
    public byte[] respond(byte[] requestDer) {
        TimeStampRequest request;
        try {
            Asn1Depth.requireAtMost(requestDer);
            request = new TimeStampRequest(requestDer);
        } catch (IOException | RuntimeException e) { // Asn1Depth.TooDeep among them
            return reject(PKIFailureInfo.badDataFormat, "The request is not a DER-encoded RFC 3161 TimeStampReq.");
        }
        TimeStampTokenGenerator tokens;
        try {
            tokens = borrow();
        } catch (TSPException e) {
            return reject(PKIFailureInfo.systemFailure, "The time-stamp could not be issued.");
        }
        try {
            // generate() turns a request we do not accept (digest, policy, extension) into a rejection. A response
            // generator per request: it keeps the last answer's status and failure bits.
            TimeStampResponse response = new TimeStampResponseGenerator(tokens, DIGESTS, Set.of(POLICY))
                    .generate(request, serialNumber(), Date.from(clock.instant()));
            if (response.getStatus() == PKIStatus.GRANTED) {
                idle.offer(tokens); // not after a failure, which may have left its Signature half-fed
            }
            return response.getEncoded();
        } catch (TSPException e) {
            return reject(PKIFailureInfo.systemFailure, "The time-stamp could not be issued.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A token generator for one request at a time: it holds a JCA Signature, which must not be shared between
     * threads, but is ready again after each signature. Building one (signer, ESS certificate hash, algorithm lookups)
     * cost about a tenth of the token, so they are kept; as many exist as tokens were ever signed at once.
     */
    private TimeStampTokenGenerator borrow() throws TSPException {
        TimeStampTokenGenerator tokens = idle.poll();
        return tokens != null ? tokens : tokenGenerator();
    }

    private TimeStampTokenGenerator tokenGenerator() throws TSPException {
        try {
            DigestCalculator sha256 =
                    new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(TSPAlgorithms.SHA256));
            TimeStampTokenGenerator generator = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder().build(signatureAlgorithm, tsa.key(), tsa.certificate()),
                    sha256,
                    POLICY);
            generator.setTSA(name);
            generator.setAccuracySeconds(1);
            generator.addCertificates(certificates);
            return generator;
        } catch (OperatorCreationException | CertificateEncodingException e) {
            throw new TSPException("cannot build the token generator", e);
        }
    }

    private static byte[] reject(int failure, String why) {
        try {
            return new TimeStampResponseGenerator(null, DIGESTS)
                    .generateFailResponse(PKIStatus.REJECTION, failure, why)
                    .getEncoded();
        } catch (TSPException | IOException e) {
            throw new IllegalStateException("cannot encode a rejection", e);
        }
    }

    /** RFC 3161 wants serials unique per TSA: 127 random bits need no state shared between instances. */
    private static BigInteger serialNumber() {
        return new BigInteger(127, RANDOM);
    }
}

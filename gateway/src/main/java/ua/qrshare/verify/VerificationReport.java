package ua.qrshare.verify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * What {@link CopyVerifier} found out about one {@code .p7s}. Valid only when nothing is wrong; the level says how far
 * the signature got (a B-level signature that verifies is still invalid as a copy: its time is not proven).
 *
 * @param level     {@code CAdES-BASELINE-LT} (time-stamped, with the revocation data of the seal's and the TSA's
 *                  chains inside), {@code CAdES-BASELINE-T}, {@code CAdES-BASELINE-B}, or {@code null} when not even
 *                  B holds
 * @param signer    the signer's certificate, or {@code null} when none could be read; named even when refused
 * @param signedAt  the signed signingTime attribute, or {@code null}
 * @param timestamp the signature time-stamp, or {@code null} when absent or unreadable
 * @param document  what the copy names itself, read only from a validly sealed PDF; else {@code null}
 * @param content   the encapsulated content; never serialised into the report
 */
public record VerificationReport(
        String level,
        Signer signer,
        Instant signedAt,
        Timestamp timestamp,
        Document document,
        List<VerificationProblem> problems,
        byte[] content) {

    public static final String LEVEL_LT = "CAdES-BASELINE-LT";
    public static final String LEVEL_T = "CAdES-BASELINE-T";
    public static final String LEVEL_B = "CAdES-BASELINE-B";

    /** @param sha256 the SHA-256 of the signer's certificate (hex), to compare with the published seal's */
    public record Signer(String subject, String serialNumber, String issuer, String sha256) {
        JsonObject toJson() {
            return new JsonObject()
                    .put("subject", subject)
                    .put("serialNumber", serialNumber)
                    .put("issuer", issuer)
                    .put("sha256", sha256);
        }
    }

    public record Timestamp(Instant time, String tsa, String policy) {
        JsonObject toJson() {
            return new JsonObject().put("time", time.toString()).put("tsa", tsa).put("policy", policy);
        }
    }

    public record Document(String type, String shareId, String recipient) {
        JsonObject toJson() {
            return new JsonObject().put("type", type).put("shareId", shareId).put("recipient", recipient);
        }
    }

    public VerificationReport {
        problems = List.copyOf(problems);
    }

    /** A report for input that is not a signed copy at all. */
    static VerificationReport malformed() {
        return new VerificationReport(null, null, null, null, null, List.of(VerificationProblem.MALFORMED), null);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    public JsonObject toJson() {
        JsonArray problemList = new JsonArray();
        problems.forEach(p -> problemList.add(p.toJson()));
        return new JsonObject()
                .put("valid", valid())
                .put("level", level)
                .put("signer", signer == null ? null : signer.toJson())
                .put("signedAt", signedAt == null ? null : signedAt.toString())
                .put("timestamp", timestamp == null ? null : timestamp.toJson())
                .put("document", document == null ? null : document.toJson())
                .put("problems", problemList);
    }

    /** Names the report without the copy's content. */
    @Override
    public String toString() {
        return "VerificationReport[" + level + ", " + problems + "]";
    }
}

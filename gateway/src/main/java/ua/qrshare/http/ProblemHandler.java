package ua.qrshare.http;

import io.netty.handler.codec.http.HttpHeaderValues;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.qrshare.db.DatabaseUnavailable;

/**
 * The one place errors become responses: every failure and every router error (404, 405, 413, 415…) is written as
 * {@code application/problem+json} with a stable {@code code}. Unexpected exceptions are logged with the request id
 * and answered with a bare 500: no stack trace, no exception message reaches the client. A database that is not
 * there (connection refused or lost, pool timeout) is an outage, not a bug: 503 {@code DATABASE_UNAVAILABLE} with
 * {@code Retry-After} and one WARN line.
 */
public final class ProblemHandler implements Handler<RoutingContext> {

    public static final String CONTENT_TYPE = "application/problem+json";

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        respond(ctx.request(), ctx.failure(), ctx.statusCode(), RequestId.of(ctx));
    }

    /**
     * @param failure what went wrong, or null for a router error
     * @param status  the router's status when there is no failure
     */
    void respond(HttpServerRequest request, Throwable failure, int status, String requestId) {
        if (failure instanceof HttpClosedException) {
            // The client went away mid-request: nobody to answer, nothing wrong with the server.
            log.debug(
                    "Client closed the connection during {} {} [request {}]",
                    request.method(),
                    request.path(),
                    requestId);
            return;
        }
        Problem problem = problemOf(request, failure, status, requestId);
        HttpServerResponse response = request.response();
        if (response.headWritten()) {
            // Too late for a problem document: cut the connection so the client sees a failure, not a short body.
            response.reset();
            return;
        }
        boolean english = prefersEnglish(request);
        JsonObject body = new JsonObject()
                .put(
                        "type",
                        "urn:qrshare:problem:"
                                + problem.code().toLowerCase(Locale.ROOT).replace('_', '-'))
                .put("title", problem.detailEn())
                .put("status", problem.status())
                .put("code", problem.code())
                .put("detail", english ? problem.detailEn() : problem.detailUk())
                .put("messages", new JsonObject().put("uk", problem.detailUk()).put("en", problem.detailEn()))
                .put("requestId", requestId);
        if (problem.extensions() != null) {
            problem.extensions().forEach(e -> body.put(e.getKey(), e.getValue()));
            if (problem.extensions().getValue("errors") instanceof JsonArray errors) {
                body.put("errors", localised(errors, english));
            }
        }
        if (problem.extensions() != null && problem.extensions().containsKey("retryAfter")) {
            response.putHeader(
                    HttpHeaders.RETRY_AFTER, String.valueOf(problem.extensions().getValue("retryAfter")));
        }
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .end(body.toBuffer());
    }

    /** Each field error of a {@link Validation} problem as {@code {field, code, detail, messages}}. */
    private static JsonArray localised(JsonArray errors, boolean english) {
        JsonArray out = new JsonArray();
        for (Object item : errors) {
            if (item instanceof JsonObject error && error.getValue("messages") instanceof JsonObject messages) {
                out.add(new JsonObject()
                        .put("field", error.getValue("field"))
                        .put("code", error.getValue("code"))
                        .put("detail", messages.getString(english ? "en" : "uk"))
                        .put("messages", messages));
            } else {
                out.add(item);
            }
        }
        return out;
    }

    private static Problem problemOf(HttpServerRequest request, Throwable failure, int routerStatus, String requestId) {
        if (failure instanceof Problem p) {
            return p;
        }
        if (failure instanceof DecodeException) {
            return Problem.malformedJson();
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : routerStatus;
        if (status >= 400 && status < 500) {
            return Problem.forStatus(status);
        }
        if (failure != null && isClientProtocolError(failure)) {
            // A broken chunked body and the like: the client's fault, worth a line, never a stack trace.
            log.warn(
                    "Malformed HTTP from a client on {} {} [request {}]: {}",
                    request.method(),
                    request.path(),
                    requestId,
                    failure.getClass().getSimpleName());
            return Problem.forStatus(400);
        }
        if (failure != null && DatabaseUnavailable.is(failure)) {
            // An outage, not a bug: one line per request, no stack trace, and the client is told when to come back.
            log.warn(
                    "Database unavailable on {} {} [request {}]: {}",
                    request.method(),
                    request.path(),
                    requestId,
                    failure.getClass().getSimpleName());
            return Problem.databaseUnavailable();
        }
        if (failure != null) {
            log.error("Unhandled failure on {} {} [request {}]", request.method(), request.path(), requestId, failure);
        }
        return status == 503 ? Problem.forStatus(503) : Problem.internal();
    }

    /** Thrown while Netty decoded the request (chunk sizes, chunk extensions, trailers), not by our code. */
    static boolean isClientProtocolError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.netty.handler.codec.DecoderException
                    || t instanceof io.netty.handler.codec.TooLongFrameException) {
                return true;
            }
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 8); i++) {
                if (frames[i].getClassName().startsWith("io.netty.handler.codec.http.")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean prefersEnglish(HttpServerRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        return accept != null && accept.trim().toLowerCase(Locale.ROOT).startsWith("en");
    }
}

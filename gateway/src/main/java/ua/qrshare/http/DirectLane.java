package ua.qrshare.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Serves the {@link DirectPost} endpoints without the router, with what the router's handlers give every request:
 * the request id, the security headers, the access-log line, the metrics' route label, the body deadline (408) and
 * problem documents from the same {@link ProblemHandler}. It takes only requests the router would pass straight to
 * the endpoint — {@code Content-Type: application/json} exactly, a declared length within the body limit, no
 * {@code Expect}, no chunked body — so the router's refusals (415, 413, 417) cannot differ: any other request goes to
 * the router.
 */
final class DirectLane {

    private static final String JSON_TYPE = "application/json";

    private final Vertx vertx;
    private final Map<String, DirectPost> posts;
    private final ToLongFunction<String> bodyLimit;
    private final long requestTimeoutMillis;
    private final RequestId requestIds;
    private final SecurityHeaders securityHeaders;
    private final AccessLog accessLog;
    private final ProblemHandler problems;

    /** @param accessLog null when the access log is off */
    DirectLane(
            Vertx vertx,
            List<DirectPost> posts,
            ToLongFunction<String> bodyLimit,
            long requestTimeoutMillis,
            RequestId requestIds,
            SecurityHeaders securityHeaders,
            AccessLog accessLog,
            ProblemHandler problems) {
        this.vertx = vertx;
        this.posts = posts.stream().collect(Collectors.toUnmodifiableMap(DirectPost::path, Function.identity()));
        this.bodyLimit = bodyLimit;
        this.requestTimeoutMillis = requestTimeoutMillis;
        this.requestIds = requestIds;
        this.securityHeaders = securityHeaders;
        this.accessLog = accessLog;
        this.problems = problems;
    }

    /** The endpoint that takes this request in the lane, or null for the router. */
    DirectPost takes(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST) {
            return null;
        }
        DirectPost post = posts.get(request.path());
        return post != null && plain(request.headers(), bodyLimit.applyAsLong(post.path())) ? post : null;
    }

    private static boolean plain(MultiMap headers, long limit) {
        if (!JSON_TYPE.equals(headers.get(HttpHeaders.CONTENT_TYPE))
                || headers.contains(HttpHeaders.EXPECT)
                || headers.contains(HttpHeaders.TRANSFER_ENCODING)) {
            return false;
        }
        long length = declaredLength(headers.get(HttpHeaders.CONTENT_LENGTH));
        return length > 0 && length <= limit;
    }

    /** Plain decimal digits only (at most 18, no sign, no spaces), else -1. */
    private static long declaredLength(String header) {
        if (header == null || header.isEmpty() || header.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    void handle(HttpServerRequest request, DirectPost post) {
        securityHeaders.applyToJsonAnswer(request); // first: the response starts from the prepared headers
        String requestId = requestIds.assign(request);
        request.routed(post.path());
        if (accessLog != null) {
            accessLog.watch(vertx, request, requestId);
        }
        watchDeadline(request, requestId, System.nanoTime());
        request.body().onComplete(body -> {
            if (body.failed()) {
                reply(request, body.mapEmpty(), requestId);
                return;
            }
            Future<Buffer> answer = answer(request, post, body.result());
            if (answer.isComplete()) {
                reply(request, answer, requestId); // the usual case: no listener to add
            } else {
                answer.onComplete(done -> reply(request, done, requestId));
            }
        });
    }

    private static Future<Buffer> answer(HttpServerRequest request, DirectPost post, Buffer body) {
        try {
            return post.answer(request, body);
        } catch (RuntimeException e) {
            return Future.failedFuture(e); // a Problem thrown as the endpoint's answer, or a fault: as a failed future
        }
    }

    private void reply(HttpServerRequest request, AsyncResult<Buffer> answer, String requestId) {
        HttpServerResponse response = request.response();
        if (response.ended()) {
            return;
        }
        if (answer.succeeded()) {
            response.end(answer.result()); // Content-Type: application/json came with the security headers
        } else {
            problems.respond(request, answer.cause(), 500, requestId);
        }
    }

    /**
     * As {@link FrontDoor}: a body not in full by {@code http.request.timeout} after the headers gets 408. Almost
     * every body arrives in the same read as its headers, so the timer is set only when the body is still missing
     * once that read is done: a timer set and cancelled per scan cost more than the access log.
     */
    private void watchDeadline(HttpServerRequest request, String requestId, long startNanos) {
        vertx.runOnContext(afterThisRead -> {
            if (!request.isEnded()) {
                long left = requestTimeoutMillis - (System.nanoTime() - startNanos) / 1_000_000;
                long timer = vertx.setTimer(Math.max(1, left), id -> tooSlow(request, requestId));
                request.response().headersEndHandler(answering -> vertx.cancelTimer(timer)); // no longer needed
            }
        });
    }

    /** A body trickled in too slowly gets 408, then the connection is closed. */
    private void tooSlow(HttpServerRequest request, String requestId) {
        if (!request.isEnded() && !request.response().headWritten()) {
            request.response().putHeader(HttpHeaders.CONNECTION, "close");
            problems.respond(request, FrontDoor.requestTimeout(), 500, requestId);
            request.connection().close(); // after the answer, which is flushed first
        }
    }
}

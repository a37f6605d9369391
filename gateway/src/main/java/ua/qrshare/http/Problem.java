package ua.qrshare.http;

import io.vertx.core.json.JsonObject;

/**
 * An error the client is meant to see: HTTP status, a stable machine-readable code, and the explanation in Ukrainian
 * and English. Thrown (or passed to {@code ctx.fail}) anywhere; {@link ProblemHandler} writes it as
 * {@code application/problem+json}. Never carries personal data.
 */
public final class Problem extends RuntimeException {

    private final int status;
    private final String code;
    private final String detailUk;
    private final String detailEn;
    private final JsonObject extensions;

    public Problem(int status, String code, String detailUk, String detailEn) {
        this(status, code, detailUk, detailEn, null);
    }

    public Problem(int status, String code, String detailUk, String detailEn, JsonObject extensions) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
        this.detailUk = detailUk;
        this.detailEn = detailEn;
        this.extensions = extensions;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String detailUk() {
        return detailUk;
    }

    public String detailEn() {
        return detailEn;
    }

    /** Extra members such as field errors; may be {@code null}. */
    public JsonObject extensions() {
        return extensions;
    }

    public static Problem badRequest(String code, String uk, String en) {
        return new Problem(400, code, uk, en);
    }

    public static Problem notFound() {
        return new Problem(404, "NOT_FOUND", "Такого ресурсу немає.", "There is no such resource.");
    }

    public static Problem malformedJson() {
        return new Problem(
                400,
                "MALFORMED_JSON",
                "Тіло запиту не є коректним JSON-об'єктом.",
                "The request body is not a well-formed JSON object.");
    }

    /** The generic problem for a status code that reached the router without a more specific explanation. */
    public static Problem forStatus(int status) {
        return switch (status) {
            case 400 -> new Problem(400, "BAD_REQUEST", "Запит має неправильний формат.", "The request is malformed.");
            case 401 -> new Problem(401, "UNAUTHORIZED", "Потрібно увійти.", "Authentication is required.");
            case 403 -> new Problem(403, "FORBIDDEN", "Доступ заборонено.", "Access is forbidden.");
            case 404 -> notFound();
            case 405 ->
                new Problem(
                        405,
                        "METHOD_NOT_ALLOWED",
                        "Цей метод HTTP не підтримується для цього ресурсу.",
                        "This HTTP method is not supported for this resource.");
            case 406 ->
                new Problem(
                        406,
                        "NOT_ACCEPTABLE",
                        "Сервер не може відповісти у запитаному форматі.",
                        "The server cannot answer in the requested format.");
            case 413 ->
                new Problem(413, "PAYLOAD_TOO_LARGE", "Тіло запиту завелике.", "The request body is too large.");
            case 415 ->
                new Problem(
                        415,
                        "UNSUPPORTED_MEDIA_TYPE",
                        "Непідтримуваний тип вмісту; надсилайте application/json.",
                        "Unsupported content type; send application/json.");
            case 429 ->
                new Problem(
                        429,
                        "TOO_MANY_REQUESTS",
                        "Забагато запитів; спробуйте пізніше.",
                        "Too many requests; try again later.");
            case 503 ->
                new Problem(
                        503,
                        "SERVICE_UNAVAILABLE",
                        "Сервіс тимчасово недоступний; спробуйте пізніше.",
                        "The service is temporarily unavailable; try again later.");
            default -> internal();
        };
    }

    /** The database cannot be reached right now; the request may be repeated as is (with its Idempotency-Key). */
    public static Problem databaseUnavailable() {
        return new Problem(
                503,
                "DATABASE_UNAVAILABLE",
                "База даних тимчасово недоступна; повторіть запит за кілька секунд.",
                "The database is temporarily unavailable; repeat the request in a few seconds.",
                new JsonObject().put("retryAfter", DATABASE_RETRY_AFTER_SECONDS));
    }

    /** Seconds a client is asked to wait when the database is away. */
    public static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    public static Problem internal() {
        return new Problem(
                500,
                "INTERNAL_ERROR",
                "Внутрішня помилка сервера. Ми вже знаємо про неї; спробуйте пізніше.",
                "Internal server error. It has been logged; please try again later.");
    }
}

package ua.qrshare.branch;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.qrshare.testing.Api.expect;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import ua.qrshare.db.Notifications;
import ua.qrshare.testing.Api;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.Problems;
import ua.qrshare.testing.RunningGateway;
import ua.qrshare.testing.TestPartners;

/** Branches and services through the API: rules, scoping to the caller, pagination, change notifications. */
class BranchesAndServicesTest {

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.with(Map.of());

    static Http http;
    static Api alpha;
    static Api beta;
    static final BlockingQueue<JsonObject> notified = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() {
        http = new Http(gateway.config().httpPort());
        alpha = new Api(
                http, TestPartners.login(gateway, TestPartners.activeLegalEntity(gateway, "30000001", "ТОВ «Альфа»")));
        beta = new Api(
                http, TestPartners.login(gateway, TestPartners.activeLegalEntity(gateway, "30000002", "ТОВ «Бета»")));
        gateway.onCacheChange(notified::add);
    }

    static JsonObject branch(String name) {
        return new JsonObject()
                .put("name", name)
                .put(
                        "address",
                        new JsonObject()
                                .put("region", "Київська обл.")
                                .put("district", "Бучанський р-н")
                                .put("locality", "м. Ірпінь")
                                .put("street", "вул. Університетська")
                                .put("house", "2/1")
                                .put("unit", "оф. 5"))
                .put("email", "irpin@example.ua");
    }

    static JsonObject service(String name, String... documents) {
        return new JsonObject()
                .put("name", name)
                .put("documents", new JsonArray(java.util.List.of(documents)))
                .put("legalBasis", "Закон України «Про запобігання та протидію легалізації…», ст. 11")
                .put("legalBasisConfirmed", true);
    }

    @Test
    void a_branch_is_created_read_updated_and_deleted() {
        JsonObject created = expect(alpha.post("/api/v1/branches", branch("Відділення №1")), 201);
        assertThat(created.getString("addressText"))
                .isEqualTo("Київська обл., Бучанський р-н, м. Ірпінь, вул. Університетська, 2/1, оф. 5");
        String id = created.getString("id");
        assertThat(expect(alpha.get("/api/v1/branches/" + id), 200).getString("name"))
                .isEqualTo("Відділення №1");

        JsonObject custom = new JsonObject()
                .put("name", "Відділення №1 (нове)")
                .put("customAddress", "м. Київ, просп. Перемоги, 1");
        JsonObject updated = expect(alpha.put("/api/v1/branches/" + id, custom), 200);
        assertThat(updated.getString("customAddress")).isEqualTo("м. Київ, просп. Перемоги, 1");
        assertThat(updated.getValue("address")).isNull();

        assertThat(alpha.delete("/api/v1/branches/" + id).statusCode()).isEqualTo(204);
        Problems.assertProblem(alpha.get("/api/v1/branches/" + id), 404, "BRANCH_NOT_FOUND");
    }

    @Test
    void branch_fields_are_validated_all_at_once() {
        JsonObject bad = new JsonObject()
                .put("name", " ")
                .put("address", new JsonObject().put("region", "Київ"))
                .put("email", "not-an-email");
        HttpResponse<String> r = alpha.post("/api/v1/branches", bad);
        JsonObject problem = Problems.assertProblem(r, 422, "VALIDATION_FAILED");
        Set<String> fields = new HashSet<>();
        problem.getJsonArray("errors").forEach(e -> fields.add(((JsonObject) e).getString("field")));
        assertThat(fields).contains("name", "district", "locality", "street", "house", "email");

        JsonObject both = branch("X").put("customAddress", "м. Київ");
        Problems.assertProblem(alpha.post("/api/v1/branches", both), 422, "VALIDATION_FAILED");
        Problems.assertProblem(
                alpha.post("/api/v1/branches", new JsonObject().put("name", "Без адреси")), 422, "VALIDATION_FAILED");
    }

    @Test
    void a_branch_refuses_what_the_one_e_mail_rule_refuses() {
        for (String bad : new String[] {"x@b..c", "a,b@x.ua", "a b@x.ua", "@x.ua"}) {
            assertFieldError(
                    alpha.post("/api/v1/branches", branch("Пошта").put("email", bad)), "email", "INVALID_EMAIL");
        }
        assertFieldError(alpha.post("/api/v1/branches", branch("Пошта").put("email", 42)), "email", "NOT_A_STRING");
        expect(alpha.post("/api/v1/branches", branch("Пошта").put("email", "kontakt@пошта.укр")), 201);
    }

    @Test
    void a_path_id_that_is_not_a_uuid_is_the_resource_s_404() {
        for (String bad : new String[] {"not-a-uuid", "1-1-1-1-1", "00000000-0000-0000-0000-00000000000g"}) {
            Problems.assertProblem(alpha.get("/api/v1/branches/" + bad), 404, "BRANCH_NOT_FOUND");
            Problems.assertProblem(alpha.get("/api/v1/branches/" + bad + "/services"), 404, "BRANCH_NOT_FOUND");
            Problems.assertProblem(alpha.get("/api/v1/services/" + bad), 404, "SERVICE_NOT_FOUND");
            Problems.assertProblem(alpha.get("/api/v1/services/" + bad + "/qr-codes"), 404, "SERVICE_NOT_FOUND");
            Problems.assertProblem(alpha.delete("/api/v1/qr-codes/" + bad), 404, "QR_NOT_FOUND");
            Problems.assertProblem(alpha.get("/api/v1/qr-codes/" + bad + ".svg"), 404, "QR_NOT_FOUND");
        }
    }

    @Test
    void forbidden_generic_service_names_are_refused_in_any_form() {
        String branchId =
                expect(alpha.post("/api/v1/branches", branch("Для назв")), 201).getString("id");
        String path = "/api/v1/branches/" + branchId + "/services";
        for (String name : new String[] {
            "Укладення договору",
            "укладення ДОГОВОРУ",
            "  Ідентифікація!  ",
            "«реєстрація клієнта»",
            "Відкриття рахунку, ідентифікація",
            "реєстрація   клієнта.",
            "Оформлення кредиту,Укладення договору,"
        }) {
            JsonObject problem =
                    Problems.assertProblem(alpha.post(path, service(name, "id-card")), 422, "VALIDATION_FAILED");
            assertThat(problem.getJsonArray("examples")).isNotEmpty();
            JsonObject error = problem.getJsonArray("errors").getJsonObject(0);
            assertThat(error.getString("field") + ":" + error.getString("code"))
                    .isEqualTo("name:SERVICE_NAME_NOT_ALLOWED");
            assertThat(error.getJsonObject("messages").getString("uk")).contains("Відкриття рахунку");
        }
        // Reported with the form's other errors, not instead of them.
        JsonObject all = Problems.assertProblem(
                alpha.post(path, service("Ідентифікація").put("legalBasisConfirmed", false)), 422, "VALIDATION_FAILED");
        assertThat(all.getJsonArray("errors").stream()
                        .map(JsonObject.class::cast)
                        .map(e -> e.getString("field") + ":" + e.getString("code")))
                .containsExactlyInAnyOrder(
                        "name:SERVICE_NAME_NOT_ALLOWED",
                        "documents:REQUIRED",
                        "legalBasisConfirmed:LEGAL_BASIS_NOT_CONFIRMED");
        JsonObject ok = expect(
                alpha.post(path, service("Відкриття рахунку, Оформлення кредиту", "id-card", "taxpayer-card")), 201);
        assertThat(ok.getJsonArray("names")).containsExactly("Відкриття рахунку", "Оформлення кредиту");
        // A real service whose name merely contains a generic word is fine.
        expect(alpha.post(path, service("Ідентифікація для відкриття депозиту", "id-card")), 201);
    }

    @Test
    void service_documents_and_legal_basis_are_checked() {
        String branchId = expect(alpha.post("/api/v1/branches", branch("Для документів")), 201)
                .getString("id");
        String path = "/api/v1/branches/" + branchId + "/services";
        assertFieldError(alpha.post(path, service("Оренда авто")), "documents", "REQUIRED");
        assertFieldError(
                alpha.post(path, service("Оренда авто", "id-card", "passport-of-mars")),
                "documents",
                "UNKNOWN_DOCUMENT_TYPE");
        assertFieldError(
                alpha.post(path, service("Оренда авто", "driver-license", "driver-license")),
                "documents",
                "DUPLICATE_DOCUMENT_TYPE");
        assertFieldError(
                alpha.post(path, service("Оренда авто", "id-card").put("legalBasis", "")), "legalBasis", "REQUIRED");
        assertFieldError(
                alpha.post(path, service("Оренда авто", "id-card").put("legalBasisConfirmed", false)),
                "legalBasisConfirmed",
                "LEGAL_BASIS_NOT_CONFIRMED");
    }

    @Test
    void another_partners_objects_do_not_exist_for_the_caller() {
        String branchId = expect(alpha.post("/api/v1/branches", branch("Лише Альфа")), 201)
                .getString("id");
        String serviceId = expect(
                        alpha.post(
                                "/api/v1/branches/" + branchId + "/services", service("Оренда авто", "driver-license")),
                        201)
                .getString("id");

        Problems.assertProblem(beta.get("/api/v1/branches/" + branchId), 404, "BRANCH_NOT_FOUND");
        Problems.assertProblem(beta.put("/api/v1/branches/" + branchId, branch("Захоплено")), 404, "BRANCH_NOT_FOUND");
        Problems.assertProblem(beta.delete("/api/v1/branches/" + branchId), 404, "BRANCH_NOT_FOUND");
        Problems.assertProblem(beta.get("/api/v1/branches/" + branchId + "/services"), 404, "BRANCH_NOT_FOUND");
        Problems.assertProblem(
                beta.post("/api/v1/branches/" + branchId + "/services", service("Кредит", "id-card")),
                404,
                "BRANCH_NOT_FOUND");
        Problems.assertProblem(beta.get("/api/v1/services/" + serviceId), 404, "SERVICE_NOT_FOUND");
        Problems.assertProblem(
                beta.put("/api/v1/services/" + serviceId, service("Кредит", "id-card")), 404, "SERVICE_NOT_FOUND");
        Problems.assertProblem(beta.delete("/api/v1/services/" + serviceId), 404, "SERVICE_NOT_FOUND");
        assertThat(expect(beta.get("/api/v1/branches"), 200).getJsonArray("items").stream()
                        .map(b -> ((JsonObject) b).getString("id")))
                .doesNotContain(branchId);
        // Still there for its owner.
        assertThat(expect(alpha.get("/api/v1/services/" + serviceId), 200).getString("name"))
                .isEqualTo("Оренда авто");
        Problems.assertProblem(beta.get("/api/v1/branches/not-a-uuid"), 404, "BRANCH_NOT_FOUND");
    }

    @Test
    void lists_paginate_with_a_cursor_without_gaps_or_repeats() {
        Api gamma = new Api(
                http, TestPartners.login(gateway, TestPartners.activeLegalEntity(gateway, "30000003", "ТОВ «Гамма»")));
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(expect(gamma.post("/api/v1/branches", branch("Відділення " + i)), 201)
                    .getString("id"));
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page =
                    expect(gamma.get("/api/v1/branches?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)), 200);
            page.getJsonArray("items")
                    .forEach(b -> assertThat(seen.add(((JsonObject) b).getString("id")))
                            .isTrue());
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(seen).isEqualTo(created);
        assertThat(pages).isEqualTo(3);
        Problems.assertProblem(gamma.get("/api/v1/branches?limit=0"), 400, "INVALID_PAGINATION");
        Problems.assertProblem(gamma.get("/api/v1/branches?cursor=not-a-cursor"), 400, "INVALID_PAGINATION");
    }

    @Test
    void changes_that_alter_a_qr_notify_every_instance() throws Exception {
        String branchId = expect(alpha.post("/api/v1/branches", branch("Сповіщення")), 201)
                .getString("id");
        String serviceId = expect(
                        alpha.post(
                                "/api/v1/branches/" + branchId + "/services", service("Оренда авто", "driver-license")),
                        201)
                .getString("id");
        notified.clear();
        expect(alpha.put("/api/v1/branches/" + branchId, branch("Сповіщення").put("name", "Нова назва")), 200);
        assertThat(next()).isEqualTo(new JsonObject().put("branch", branchId));
        expect(alpha.put("/api/v1/services/" + serviceId, service("Оренда електромобіля", "driver-license")), 200);
        assertThat(next()).isEqualTo(new JsonObject().put("service", serviceId));
        assertThat(alpha.delete("/api/v1/services/" + serviceId).statusCode()).isEqualTo(204);
        assertThat(next()).isEqualTo(new JsonObject().put("service", serviceId));
        assertThat(alpha.delete("/api/v1/branches/" + branchId).statusCode()).isEqualTo(204);
        assertThat(next()).isEqualTo(new JsonObject().put("branch", branchId));
    }

    @Test
    void the_document_catalog_is_public_with_both_languages() {
        JsonObject catalog = new JsonObject(http.get("/api/v1/document-types").body());
        assertThat(catalog.getJsonArray("items")).hasSize(8);
        JsonObject idp = catalog.getJsonArray("items").stream()
                .map(JsonObject.class::cast)
                .filter(t -> t.getString("code").equals("idp-certificate"))
                .findFirst()
                .orElseThrow();
        assertThat(idp.getJsonObject("title").getString("uk")).contains("внутрішньо переміщеної особи");
        assertThat(idp.getJsonObject("title").getString("en")).contains("internally displaced person");
        assertThat(idp.getString("legalAct")).contains("509");
    }

    private static JsonObject next() throws InterruptedException {
        JsonObject message;
        do {
            message = notified.poll(10, TimeUnit.SECONDS);
        } while (message != null && message.equals(Notifications.FLUSH_ALL));
        return message;
    }

    private static void assertFieldError(HttpResponse<String> r, String field, String code) {
        JsonObject problem = Problems.assertProblem(r, 422, "VALIDATION_FAILED");
        assertThat(problem.getJsonArray("errors").stream()
                        .map(JsonObject.class::cast)
                        .anyMatch(e -> e.getString("field").equals(field)
                                && e.getString("code").equals(code)))
                .as(r.body())
                .isTrue();
    }
}

package ua.qrshare.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;
import ua.qrshare.dev.DevServices;
import ua.qrshare.sealing.Sealing;
import ua.qrshare.start.Features;
import ua.qrshare.start.Infrastructure;
import ua.qrshare.start.Lifecycle;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.RunningGateway;

/** What the gateway serves as documents: the admin SPA (with history fallback) and the OpenAPI description. */
class ServedDocumentsTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.with(Map.of());

    static Http http;

    @BeforeAll
    static void start() {
        http = new Http(gateway.config().httpPort());
    }

    @Test
    void the_landing_page_is_served_at_the_root() {
        HttpResponse<String> r = http.get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(r.body()).contains("<html lang=\"uk\"").contains("<script type=\"module\"");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void client_side_routes_fall_back_to_index_html() {
        String index = http.get("/").body();
        for (String route : new String[] {"/cabinet", "/cabinet/branches/42", "/verify"}) {
            HttpResponse<String> r = http.get(route);
            assertThat(r.statusCode()).as(route).isEqualTo(200);
            assertThat(r.body()).as(route).isEqualTo(index);
            assertThat(r.headers().firstValue("Cache-Control")).contains("no-cache");
        }
    }

    @Test
    void hashed_assets_are_cached_for_a_year_and_missing_files_are_404() {
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"")
                .matcher(http.get("/").body());
        assertThat(script.find()).isTrue();
        HttpResponse<String> asset = http.get(script.group(1));
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type")).get().asString().contains("javascript");
        assertThat(asset.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");

        GatewayHttpTest.assertProblem(http.get("/assets/missing-0000.js"), 404, "NOT_FOUND");
        GatewayHttpTest.assertProblem(http.get("/favicon-missing.png"), 404, "NOT_FOUND");
    }

    @Test
    void server_paths_never_fall_back_to_the_spa() {
        GatewayHttpTest.assertProblem(http.get("/api/v1/cabinet"), 404, "NOT_FOUND");
        GatewayHttpTest.assertProblem(http.get("/health/other"), 404, "NOT_FOUND");
        GatewayHttpTest.assertProblem(http.get("/dev/unknown"), 404, "NOT_FOUND");
    }

    @Test
    void the_openapi_document_is_served_as_yaml_3_1() {
        HttpResponse<String> r = http.get(ApiDescription.PATH);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/yaml");
        Map<String, Object> doc = new Yaml().load(r.body());
        assertThat(doc.get("openapi")).isEqualTo("3.1.0");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_openapi_document_describes_exactly_the_routes_that_exist() {
        Map<String, Object> doc = new Yaml().load(http.get(ApiDescription.PATH).body());
        Set<String> documented = new TreeSet<>();
        ((Map<String, Map<String, Object>>) doc.get("paths"))
                .forEach((path, operations) -> operations.keySet().stream()
                        .filter(HTTP_METHODS::contains)
                        .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));

        Set<String> served = new TreeSet<>();
        // The same assembly the gateway makes at start-up, from the same configuration.
        try (Lifecycle life = new Lifecycle()) {
            DevServices dev = DevServices.start(gateway.config(), gateway.dataDir(), life);
            Infrastructure infra = Infrastructure.start(gateway.config(), gateway.dataDir(), dev, life);
            Features features = Features.start(infra, dev, Sealing.start(infra, dev.pki(), life), life, List.of());
            Router router = Router.router(infra.vertx());
            features.routes().forEach(routes -> routes.mount(router));
            served.addAll(exactRoutes(router));
        }
        assertThat(documented).isEqualTo(served);
    }

    private static Set<String> exactRoutes(Router router) {
        Set<String> served = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            String path = route.getPath();
            if (path == null || !route.isExactPath() || route.methods() == null) {
                continue; // the SPA's catch-all and cross-cutting handlers
            }
            for (HttpMethod method : route.methods()) {
                served.add(method.name() + " " + path.replaceAll(":(\\w+)", "{$1}"));
            }
        }
        return served;
    }
}

package ua.qrshare.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.qrshare.testing.Problems.assertProblem;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import ua.qrshare.pki.SigningIdentity;
import ua.qrshare.testing.Http;
import ua.qrshare.testing.KepSigner;
import ua.qrshare.testing.LoginClient;
import ua.qrshare.testing.RunningGateway;

/**
 * The session a login opens: the cookie's attributes, Bearer use, logout that ends the session for cookie and
 * Bearer alike, and the CSRF rule for cookie-authenticated requests that change state (logout is one).
 */
class SessionHttpTest {

    /** The default public base URL the test gateway runs with; the cabinet's own origin. */
    static final String OWN_ORIGIN = "http://localhost:8080";

    @RegisterExtension
    static final RunningGateway gateway = RunningGateway.with(Map.of());

    static Http http;
    static LoginClient client;
    static SigningIdentity fop;

    @BeforeAll
    static void start() {
        http = new Http(gateway.config().httpPort());
        client = new LoginClient(http);
        fop = KepSigner.head(gateway.devPki(), "3308933114", null, "Ткаченко Василь Іванович", null);
    }

    @Test
    void the_session_cookie_is_http_only_same_site_strict_and_not_secure_over_http() {
        HttpResponse<String> login = client.login(fop, true);
        String token = LoginClient.token(login);
        List<String> cookies = login.headers().allValues("Set-Cookie");
        assertThat(cookies).hasSize(1);
        String cookie = cookies.get(0);
        assertThat(cookie).startsWith(Sessions.COOKIE + "=" + token + ";");
        assertThat(attributes(cookie))
                .contains("httponly", "samesite=strict", "path=/")
                .doesNotContain("secure");
        assertThat(attributes(cookie)).anyMatch(a -> a.startsWith("max-age=") && Long.parseLong(a.substring(8)) > 3600);
    }

    @Test
    void the_token_works_as_bearer_and_logout_ends_it_for_bearer_and_cookie() {
        String token = LoginClient.token(client.login(fop, false));
        // Logout is the one authenticated route of this feature: each check below is a real authentication.
        assertThat(logoutWithBearer(token).statusCode()).isEqualTo(204);
        assertProblem(logoutWithBearer(token), 401, "UNAUTHENTICATED");
        assertProblem(logoutWithCookie(token, OWN_ORIGIN), 401, "UNAUTHENTICATED");
    }

    @Test
    void logout_by_cookie_clears_the_cookie_and_ends_the_session_for_bearer_too() {
        String token = LoginClient.token(client.login(fop, true));
        HttpResponse<String> logout = logoutWithCookie(token, OWN_ORIGIN);

        assertThat(logout.statusCode()).isEqualTo(204);
        String cleared = logout.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cleared).startsWith(Sessions.COOKIE + "=;");
        assertThat(attributes(cleared)).contains("max-age=0", "httponly", "samesite=strict");
        assertProblem(logoutWithCookie(token, OWN_ORIGIN), 401, "UNAUTHENTICATED");
        assertProblem(logoutWithBearer(token), 401, "UNAUTHENTICATED");
    }

    @Test
    void a_cookie_request_that_changes_state_must_come_from_the_cabinet() {
        String token = LoginClient.token(client.login(fop, true));
        assertProblem(logoutWithCookie(token, null), 403, "CSRF_REJECTED");
        assertProblem(logoutWithCookie(token, "https://evil.example"), 403, "CSRF_REJECTED");
        assertProblem(logoutWithCookie(token, "http://localhost:8080.evil.example"), 403, "CSRF_REJECTED");
        // Refused requests did not log out: the right origin still finds the session.
        assertThat(logoutWithCookie(token, OWN_ORIGIN).statusCode()).isEqualTo(204);
    }

    @Test
    void x_requested_with_vouches_for_a_cookie_request_without_origin() {
        String token = LoginClient.token(client.login(fop, true));
        HttpResponse<String> r = http.send(http.request(AuthRoutes.LOGOUT)
                .header("Cookie", Sessions.COOKIE + "=" + token)
                .header(PartnerAuthentication.CSRF_HEADER, "XMLHttpRequest")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(r.statusCode()).isEqualTo(204);
    }

    @Test
    void logout_without_a_session_is_unauthenticated() {
        assertProblem(
                http.send(http.request(AuthRoutes.LOGOUT)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build()),
                401,
                "UNAUTHENTICATED");
        assertProblem(logoutWithBearer("not.a.token"), 401, "UNAUTHENTICATED");
    }

    private static HttpResponse<String> logoutWithBearer(String token) {
        return http.send(http.request(AuthRoutes.LOGOUT)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private static HttpResponse<String> logoutWithCookie(String token, String origin) {
        HttpRequest.Builder request = http.request(AuthRoutes.LOGOUT).header("Cookie", Sessions.COOKIE + "=" + token);
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** The cookie's attributes after its name=value, lower-cased. */
    private static List<String> attributes(String setCookie) {
        String[] parts = setCookie.split(";");
        return java.util.Arrays.stream(parts)
                .skip(1)
                .map(p -> p.trim().toLowerCase(java.util.Locale.ROOT))
                .toList();
    }
}

package io.omnihub.hub.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's browser on the hub's console, or a program on its Jolokia: cookies kept (the session
 * and the {@code XSRF-TOKEN} Hawtio sends back), redirects not followed, so a test sees the login
 * redirect itself.
 */
public final class HubBrowser {

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public HubBrowser(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The login form, as a person fills it in (its CSRF field included). */
    public void logIn(String user, String password) throws Exception {
        HttpResponse<String> form = get("/login");
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher csrf = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"")
                .matcher(form.body());
        assertThat(csrf.find()).as(form.body()).isTrue();
        String body = "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> done = client.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    }

    /** A Jolokia POST in the logged-in session, with or without the XSRF token Hawtio sends. */
    public HttpResponse<String> jolokia(String request, boolean withXsrfToken) throws Exception {
        HttpRequest.Builder b = jolokiaPost(request);
        if (withXsrfToken) {
            b.header("X-XSRF-TOKEN", xsrfToken());
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A program's Jolokia POST with Basic: the XSRF token taken from a first GET, as Hawtio takes it. */
    public HttpResponse<String> program(String user, String password, String request) throws Exception {
        client.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/jolokia"))
                        .header("Authorization", basic(user, password))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        return client.send(
                jolokiaPost(request)
                        .header("Authorization", basic(user, password))
                        .header("X-XSRF-TOKEN", xsrfToken())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public String xsrfToken() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow();
    }

    private HttpRequest.Builder jolokiaPost(String request) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/jolokia"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request));
    }
}

package live.catwalk.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import live.catwalk.core.analysis.domain.AnalysisFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web dashboard in a real browser (Debian's Chromium through Playwright) against the real jar: a person signs in,
 * deploys a real npm server from the MCP registry (a stub of it) and from a GitHub link (a stub of GitHub), sees it
 * reach RUNNING, copies the Claude Code command, rotates the token, follows the logs and deletes it; bad input is shown
 * next to its field; sign-out ends the session; a change without the CSRF token is refused. axe checks every page
 * (WCAG 2.1 A and AA), nothing may be reported in the browser's console, and screenshots land in
 * {@code target/screenshots}.
 */
class DashboardIT {

    private static final String EVERYTHING = "@modelcontextprotocol/server-everything";
    private static final String EVERYTHING_VERSION = "2026.8.31";
    /** Starting a real npm server may mean downloading it first. */
    private static final double RUNNING_WITHIN_MS = 180_000;

    @TempDir
    static Path temp;

    private static AnalysisStubs stubs;
    private static AnalysisStubs.Serving serving;
    private static URI base;
    private static Browser browser;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.launch();
        stubs = new AnalysisStubs();
        serving = stubs.serve(temp, Map.of());
        base = serving.api().base();
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        stubs.published("npm", EVERYTHING, EVERYTHING_VERSION);
        String everything = """
                {"name":"io.github.modelcontextprotocol/everything","title":"Everything",
                 "description":"Exercises every feature of the MCP protocol","version":"%s",
                 "repository":{"url":"https://github.com/modelcontextprotocol/servers","source":"github"},
                 "packages":[{"registryType":"npm","identifier":"%s","version":"%s","transport":{"type":"stdio"}}]}"""
                .formatted(EVERYTHING_VERSION, EVERYTHING, EVERYTHING_VERSION);
        String meta = "\"_meta\":{\"io.modelcontextprotocol.registry/official\":{\"status\":\"active\",\"isLatest\":true}}";
        stubs.registry.stubFor(get(urlPathEqualTo("/v0.1/servers")).willReturn(okJson(
                "{\"servers\":[{\"server\":" + everything + "," + meta + "}],\"metadata\":{\"count\":1}}")));
        stubs.registry.stubFor(get(urlEqualTo("/v0.1/servers/io.github.modelcontextprotocol%2Feverything/versions/latest"))
                .willReturn(okJson("{\"server\":" + everything + "," + meta + "}")));
    }

    @AfterAll
    static void stop() {
        try {
            AnalysisStubs.stop(serving, stubs);
        } finally {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @Test
    void fromTheRegistryToClaudeConnectedThenRotateFollowAndDelete() throws Exception {
        try (Browser.Tab tab = browser.open("registry-journey", base, 1280, ColorScheme.LIGHT)) {
            Page page = tab.page();
            page.navigate("/");
            assertThat(page).hasURL(base.resolve("/sign-in?next=%2F").toString());
            tab.assertAccessible("sign-in page");
            tab.screenshot("sign-in");
            signIn(page);
            assertThat(heading(page, "Deployments")).isVisible();
            tab.assertAccessible("empty deployments page");

            page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("New deployment")).click();
            page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("From the MCP registry")).click();
            page.getByLabel("Search the MCP registry").fill("everything");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search").setExact(true)).click();
            Locator deploy = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deploy Everything"));
            assertThat(deploy).isVisible();
            tab.assertAccessible("registry search");
            tab.screenshot("new-from-registry");
            deploy.click();
            assertThat(page.getByLabel("Name")).hasValue("everything");
            tab.assertAccessible("registry server's form");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deploy").setExact(true)).click();

            assertThat(heading(page, "everything")).isVisible();
            String id = page.url().substring(page.url().lastIndexOf('/') + 1);
            String token = page.getByTestId("one-time-secret").textContent().strip();
            assertTrue(token.startsWith("cwd_"), token);
            assertThat(page.getByTestId("progress")).containsText("Running",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(RUNNING_WITHIN_MS));
            assertThat(page.locator(".head-status")).containsText("running");
            assertEquals(200, initialize(id, token), "the token the page showed opens the MCP endpoint");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copy the Claude Code command")).click();
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copy the Claude Code command")))
                    .hasText("Copied");
            String copied = (String) page.evaluate("navigator.clipboard.readText()");
            assertEquals("claude mcp add --transport http everything " + base.resolve("/mcp/" + id)
                    + " --header \"Authorization: Bearer " + token + "\"", copied);

            Locator logs = page.getByTestId("logs");
            assertThat(logs).containsText("Starting default (STDIO) server");
            tab.assertAccessible("running deployment");
            tab.screenshot("deployment");
            page.setViewportSize(375, 900);
            assertNoHorizontalScroll(page);
            tab.assertAccessible("running deployment at 375 px");
            tab.screenshot("deployment-narrow");
            page.setViewportSize(1280, 900);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rotate token")).click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            assertThat(dialog).isVisible();
            tab.assertAccessible("rotate confirmation");
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rotate")).click();
            Locator fresh = page.getByTestId("one-time-secret");
            assertThat(fresh).hasCount(1);
            assertThat(fresh).not().hasText(token);
            String rotated = fresh.textContent().strip();
            assertTrue(rotated.startsWith("cwd_"), rotated);
            assertEquals(401, initialize(id, token), "the old token stops working");
            assertEquals(200, initialize(id, rotated), "the new one works");
            assertThat(page.locator(".code pre")).containsText("Bearer " + rotated);

            // The log follows live: a restart starts the server again, and its first line appears a second time.
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Restart")).click();
            page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Restart")).click();
            page.waitForCondition(() -> count(logs.textContent(), "Starting default (STDIO) server") >= 2,
                    new Page.WaitForConditionOptions().setTimeout(RUNNING_WITHIN_MS));
            assertThat(page.getByTestId("progress")).containsText("Running",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(RUNNING_WITHIN_MS));
            assertThat(page.locator(".timeline")).containsText("restart");

            page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Deployments")).click();
            assertThat(page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("everything")))
                    .containsText("running");
            tab.assertAccessible("deployments list");
            tab.screenshot("deployments");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("everything")).click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete")).click();
            page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
            assertThat(heading(page, "Deployments")).isVisible();
            assertThat(page.getByText("No deployments yet")).isVisible();
            assertEquals(404, serving.api().get("/api/deployments/" + id, serving.admin()).status());
            tab.assertNothingReported("401");
        }
    }

    @Test
    void aGithubLinkIsAnalysedAndABadValueIsShownNextToItsField() throws Exception {
        Path linear = AnalysisFixtures.where(e -> true)
                .filter(f -> f.getFileName().toString().startsWith("jerhadf__linear")).findFirst().orElseThrow();
        stubs.fixture(linear);
        try (Browser.Tab tab = browser.open("github-journey", base, 1280, ColorScheme.DARK)) {
            Page page = signedIn(tab, "/new", "New deployment");
            page.getByLabel("GitHub repository link").fill("github.com/jerhadf/linear-mcp-server");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Analyse")).click();
            assertThat(page.getByText("Analysed https://github.com/jerhadf/linear-mcp-server")).isVisible();
            assertThat(page.locator(".facts")).containsText("npm:linear-mcp-server@0.1.0");
            tab.assertAccessible("analysis and its form, dark theme");
            tab.screenshot("new-from-github");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deploy").setExact(true)).click();
            Locator field = page.locator(".field").filter(new Locator.FilterOptions().setHasText("LINEAR_API_KEY"));
            assertThat(field.locator(".error")).containsText("required");
            Locator input = field.locator("input");
            assertThat(input).hasAttribute("aria-invalid", "true");
            assertThat(input).isFocused();
            String described = input.getAttribute("aria-describedby");
            assertTrue(described.contains(field.locator(".error").getAttribute("id")), "the error describes its field");
            tab.assertAccessible("a refused form");
            tab.screenshot("form-error");

            input.fill("lin_api_not_a_real_key");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deploy").setExact(true)).click();
            assertThat(heading(page, "linear-mcp-server")).isVisible();
            assertThat(page.getByTestId("progress")).containsText("Running",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(RUNNING_WITHIN_MS));
            String id = page.url().substring(page.url().lastIndexOf('/') + 1);
            tab.assertNothingReported("401", "422");
            assertEquals(204, serving.api().delete("/api/deployments/" + id, serving.admin()).status());
        }
    }

    @Test
    void aNarrowScreenSignsOutAndTheSessionEnds() throws Exception {
        try (Browser.Tab tab = browser.open("sign-out", base, 375, ColorScheme.LIGHT)) {
            Page page = signedIn(tab, "/settings", "Settings");
            assertThat(page.getByTestId("openrouter-status")).hasText("not set");
            assertNoHorizontalScroll(page);
            tab.assertAccessible("settings at 375 px");
            tab.screenshot("settings-narrow");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            assertThat(page.getByLabel("Personal access token")).isVisible();
            assertEquals(401, ((Number) page.evaluate("fetch('/api/me').then(r => r.status)")).intValue(),
                    "the cookie no longer opens the API");
            page.reload();
            assertThat(page.getByLabel("Personal access token")).isVisible();
            tab.assertNothingReported("401");
        }
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefused() throws Exception {
        try (Browser.Tab tab = browser.open("csrf", base, 1280, ColorScheme.LIGHT)) {
            Page page = signedIn(tab, "/", "Deployments");
            String create = "fetch('/api/tokens', {method: 'POST', headers: %s, body: JSON.stringify({name: 'csrf'})})"
                    + ".then(r => r.status)";
            assertEquals(403, ((Number) page.evaluate(create.formatted("{'Content-Type': 'application/json'}")))
                    .intValue(), "the session's cookie alone cannot change anything");
            Object withToken = page.evaluate("fetch('/api/session').then(r => r.json()).then(s => "
                    + create.formatted("{'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken}") + ")");
            assertEquals(201, ((Number) withToken).intValue());
            tab.assertNothingReported("401", "403");
        }
    }

    @Test
    void anApplicationAsksConsentGetsACodeAndIsThenDisconnectedFromTheDeploymentsPage() throws Exception {
        ApiClient.Answer created = serving.api().post("/api/deployments", serving.admin(), Map.of("name", "consented",
                "package", Map.of("registry", "npm", "name", EVERYTHING, "version", EVERYTHING_VERSION)));
        assertEquals(201, created.status(), created.body().toString());
        String id = created.body().path("id").asText();
        String redirect = "http://127.0.0.1:1/callback";
        HttpResponse<String> registered = HTTP.send(HttpRequest.newBuilder(base.resolve("/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"client_name\":\"Browser test app\",\"redirect_uris\":[\"" + redirect + "\"],"
                                + "\"token_endpoint_auth_method\":\"none\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, registered.statusCode(), registered.body());
        String clientId = AnalysisStubs.JSON.readTree(registered.body()).path("client_id").asText();
        String authorize = "/authorize?response_type=code&client_id=" + clientId + "&redirect_uri="
                + java.net.URLEncoder.encode(redirect, java.nio.charset.StandardCharsets.UTF_8)
                + "&state=st8&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
                + "&resource=" + java.net.URLEncoder.encode(base.resolve("/mcp/" + id).toString(),
                java.nio.charset.StandardCharsets.UTF_8);
        try (Browser.Tab tab = browser.open("consent", base, 1280, ColorScheme.LIGHT)) {
            Page page = tab.page();
            java.util.concurrent.atomic.AtomicReference<String> landed = new java.util.concurrent.atomic.AtomicReference<>();
            page.route("http://127.0.0.1:1/**", route -> {
                landed.set(route.request().url());
                route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(200)
                        .setContentType("text/html").setBody("<title>back at the app</title><p>done</p>"));
            });
            page.navigate(authorize);
            page.getByLabel("Personal access token").fill(serving.admin());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(heading(page, "Allow Browser test app?")).isVisible();
            assertThat(page.locator("main")).containsText("127.0.0.1");
            assertThat(page.locator("main")).containsText("consented");
            tab.assertAccessible("consent page");
            tab.screenshot("consent");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Allow")).click();
            page.waitForURL(redirect + "?**");
            assertThat(page.locator("body")).containsText("done");
            assertTrue(landed.get().startsWith(redirect + "?code=cwo_"), landed.get());
            assertTrue(landed.get().contains("state=st8"), landed.get());

            page.navigate("/deployments/" + id);
            Locator apps = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Connected apps"));
            assertThat(apps).containsText("Browser test app");
            tab.assertAccessible("a deployment with a connected app");
            apps.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disconnect Browser test app")).click();
            page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Disconnect")).click();
            assertThat(apps).containsText("No application is connected");
            tab.assertNothingReported("401");
        } finally {
            serving.api().delete("/api/deployments/" + id, serving.admin());
        }
    }

    @Test
    void thePageIsServedWithAStrictPolicy() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(base.resolve("/deployments/abc")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), "a deep link serves the app");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self' 'sha256-"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
        HttpResponse<String> missing = HTTP.send(HttpRequest.newBuilder(base.resolve("/nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        assertNotEquals("text/html", missing.headers().firstValue("Content-Type").orElse(""));
    }

    /** Opens {@code path}, signs in on the page it redirects to, and is back on {@code path}, showing its heading. */
    private static Page signedIn(Browser.Tab tab, String path, String title) {
        Page page = tab.page();
        page.navigate(path);
        signIn(page);
        assertThat(heading(page, title)).isVisible();
        return page;
    }

    private static void signIn(Page page) {
        page.getByLabel("Personal access token").fill(serving.admin());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))).isVisible();
    }

    private static Locator heading(Page page, String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true).setLevel(1));
    }

    private static void assertNoHorizontalScroll(Page page) {
        Object wider = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth");
        assertEquals(Boolean.FALSE, wider, "nothing is wider than a 375 px screen");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    /** The status of an MCP initialize with this deployment token. */
    private static int initialize(String id, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/mcp/" + id))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                         "capabilities":{},"clientInfo":{"name":"dashboard-it","version":"1"}}}"""))
                .timeout(Duration.ofSeconds(60)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

package live.catwalk.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the browser tests share: the real jar with its analysis pointed at stubs (an MCP registry listing
 * server-everything) and GitHub sign-in on against the GitHub stub, Debian's Chromium, and the steps and checks every
 * page needs.
 */
abstract class BrowserJourney {

    static final String EVERYTHING = "@modelcontextprotocol/server-everything";
    static final String EVERYTHING_VERSION = "2026.8.31";
    /** Starting a real npm server may mean downloading it first. */
    static final double RUNNING_WITHIN_MS = 180_000;

    @TempDir
    static Path temp;

    static AnalysisStubs stubs;
    static AnalysisStubs.Serving serving;
    static URI base;
    static Browser browser;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.launch();
        stubs = new AnalysisStubs();
        // GitHub sign-in is on, against the GitHub stub (its pages are routed in the browser by the tests that go there).
        serving = stubs.serve(temp, Map.of("CATWALK_GITHUB_URL", stubs.github.baseUrl() + "/",
                "CATWALK_GITHUB_CLIENT_ID", "Iv1.browsertest", "CATWALK_GITHUB_CLIENT_SECRET", "browser-test-secret",
                "CATWALK_SIGNUP", "invite"));
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

    /** Opens {@code path}, signs in on the page it redirects to, and is back on {@code path}, showing its heading. */
    static Page signedIn(Browser.Tab tab, String path, String title) {
        Page page = tab.page();
        page.navigate(path);
        signIn(page);
        assertThat(heading(page, title)).isVisible();
        return page;
    }

    static void signIn(Page page) {
        page.getByLabel("Personal access token").fill(serving.admin());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))).isVisible();
    }

    static Locator heading(Page page, String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true).setLevel(1));
    }

    static void assertNoHorizontalScroll(Page page) {
        Object wider = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth");
        assertEquals(Boolean.FALSE, wider, "nothing is wider than a 375 px screen");
    }

    static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    /** The status of an MCP initialize with this deployment token. */
    static int initialize(String id, String token) throws Exception {
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

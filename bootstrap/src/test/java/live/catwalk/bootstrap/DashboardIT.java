package live.catwalk.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import live.catwalk.core.analysis.domain.AnalysisFixtures;
import org.junit.jupiter.api.Test;
/**
 * The web dashboard in a real browser (Debian's Chromium through Playwright) against the real jar: a person signs in,
 * deploys a real npm server from the MCP registry (a stub of it) and from a GitHub link (a stub of GitHub), sees it
 * reach RUNNING, copies the Claude Code command, rotates the token, follows the logs and deletes it; bad input is shown
 * next to its field; sign-out ends the session; a change without the CSRF token is refused. axe checks every page
 * (WCAG 2.1 A and AA), nothing may be reported in the browser's console, and screenshots land in
 * {@code target/screenshots}.
 */
class DashboardIT extends BrowserJourney {

    @Test
    void fromTheRegistryToClaudeConnectedThenRotateFollowAndDelete() throws Exception {
        try (Browser.Tab tab = browser.open("registry-journey", base, 1280, ColorScheme.LIGHT)) {
            Page page = tab.page();
            page.navigate("/");
            assertThat(page).hasURL(base.resolve("/sign-in?next=%2F").toString());
            // GitHub sign-in is on (BrowserJourney): its button starts at /auth/github and comes back here.
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with GitHub")))
                    .hasAttribute("href", "/auth/github?next=%2F");
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
}

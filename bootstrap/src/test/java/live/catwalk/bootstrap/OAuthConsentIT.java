package live.catwalk.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
/**
 * Catwalk's OAuth consent in a real browser: an application's authorize URL, sign-in, the consent page (axe,
 * screenshot), Allow, back at the application with a code and the state; then the application is disconnected
 * from the deployment's page.
 */
class OAuthConsentIT extends BrowserJourney {

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
}

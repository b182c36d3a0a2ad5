package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import live.catwalk.bootstrap.testing.ConformanceResults;
import live.catwalk.bootstrap.testing.ConformanceResults.Scenario;
import live.catwalk.bootstrap.testing.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official conformance suite's authorization server check (0.2.0-alpha.12, {@code authorization
 * --scenario authorization-server-metadata-endpoint}: the metadata's fields, its issuer, client metadata document
 * support) against the real jar. The suite's authorization-code scenario needs a person at a browser, so
 * {@code OAuthFlowJourney} and {@code OAuthConsentIT} run that flow instead.
 */
class OAuthConformanceIT {

    @TempDir
    Path temp;

    @Test
    void theAuthorizationServerMetadataPassesTheOfficialCheck() throws Exception {
        TestTools tools = TestTools.get();
        try (CatwalkProcess catwalk = CatwalkProcess.start(Map.of("CATWALK_PORT", "0",
                "CATWALK_HOME", temp.resolve("home").toString(),
                "CATWALK_ADMIN_TOKEN_FILE", temp.resolve("admin-token").toString()), "serve")) {
            URI base = catwalk.awaitServing(Duration.ofSeconds(60));
            String issuer = base.toString().substring(0, base.toString().length() - 1);
            HttpResponse<String> registered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    base.resolve("/register")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"redirect_uris\":[\"http://127.0.0.1:3000/callback\"],"
                            + "\"token_endpoint_auth_method\":\"none\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, registered.statusCode(), registered.body());
            String clientId = new ObjectMapper().readTree(registered.body()).path("client_id").asText();

            Path out = Path.of("target", "conformance", "authorization");
            if (Files.exists(out)) {
                try (var old = Files.walk(out)) {
                    for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(out);
            Path log = out.resolve("suite.log");
            Process suite = new ProcessBuilder(tools.nodeCommand(tools.conformanceAlpha(), "authorization",
                    "--url", issuer, "--scenario", "authorization-server-metadata-endpoint", "--client-id", clientId,
                    "-o", out.resolve("results").toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertTrue(suite.waitFor(3, TimeUnit.MINUTES), "the suite did not finish; log: " + log);
            List<Scenario> scenarios = ConformanceResults.read(out.resolve("results"));
            assertEquals(1, scenarios.size(), () -> ConformanceResults.table(scenarios) + "\n" + read(log));
            assertTrue(scenarios.getFirst().passed(), () -> ConformanceResults.table(scenarios) + "\n" + read(log));
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}

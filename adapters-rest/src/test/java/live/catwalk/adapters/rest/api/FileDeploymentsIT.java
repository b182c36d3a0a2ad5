package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.FileDeployment;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.shared.domain.SessionMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The deployments file's deployments: listed and read by admins with {@code "source": "file"}, never changed. */
class FileDeploymentsIT extends ApiServer {

    @BeforeEach
    void defineTwoFileDeployments() {
        fake.fileDeployments.add(new FileDeployment(new DeploymentId("files"), new DeploymentSpec("files",
                new Launch.Package(new PackageRef(PackageRef.Registry.NPM, "@modelcontextprotocol/server-filesystem",
                        Optional.of("2026.1.14")), List.of("/data")), List.of(new EnvVarName("API_KEY")),
                SessionMode.SHARED), DeploymentStatus.RUNNING, Optional.empty()));
        fake.fileDeployments.add(new FileDeployment(new DeploymentId("time"), new DeploymentSpec("time",
                new Launch.Package(new PackageRef(PackageRef.Registry.PYPI, "mcp-server-time", Optional.empty())),
                List.of(), SessionMode.ISOLATED), DeploymentStatus.FAILED, Optional.of("not started: the registry is down")));
    }

    @Test
    void anAdminsListStartsWithTheFilesDeploymentsMarkedAsSuch() throws Exception {
        ok(call("POST", "/api/deployments", "{\"name\":\"mine\",\"command\":[\"node\",\"s.js\"]}"), 201);

        JsonNode items = ok(get("/api/deployments"), 200).path("items");

        assertEquals(3, items.size(), items.toString());
        JsonNode files = items.get(0);
        assertEquals("files", files.path("id").asText());
        assertEquals("file", files.path("source").asText());
        assertEquals("running", files.path("status").asText());
        assertEquals("{\"registry\":\"npm\",\"name\":\"@modelcontextprotocol/server-filesystem\",\"version\":\"2026.1.14\","
                + "\"args\":[\"/data\"]}", files.path("package").toString());
        assertEquals("[\"API_KEY\"]", files.path("envNames").toString());
        assertEquals(base.resolve("/mcp/files").toString(), files.path("mcpUrl").asText());
        assertFalse(files.has("token") || files.has("createdAt"), files.toString());
        assertEquals("failed", items.get(1).path("status").asText());
        assertEquals("not started: the registry is down", items.get(1).path("reason").asText());
        assertEquals("mine", items.get(2).path("name").asText());
        assertFalse(items.get(2).has("source"), items.get(2).toString());
    }

    @Test
    void pagesRunOverTheFilesDeploymentsIntoTheApisWithoutRepeatsOrGaps() throws Exception {
        ok(call("POST", "/api/deployments", "{\"name\":\"one\",\"command\":[\"a\"]}"), 201);
        ok(call("POST", "/api/deployments", "{\"name\":\"two\",\"command\":[\"b\"]}"), 201);

        assertEquals(List.of("files"), names("/api/deployments?offset=0&limit=1"));
        assertEquals(List.of("time", "two"), names("/api/deployments?offset=1&limit=2"));
        assertEquals(List.of("one"), names("/api/deployments?offset=3&limit=2"));
        assertEquals(List.of(), names("/api/deployments?offset=4&limit=2"));
    }

    @Test
    void aPlainUserSeesNoneAndReachesNone() throws Exception {
        JsonNode items = ok(call("GET", "/api/deployments", null, FakeControlPlane.BOB_TOKEN), 200).path("items");
        assertEquals(0, items.size(), items.toString());
        assertEquals(404, call("GET", "/api/deployments/files", null, FakeControlPlane.BOB_TOKEN).statusCode());
        assertEquals(404, call("DELETE", "/api/deployments/files", null, FakeControlPlane.BOB_TOKEN).statusCode());
    }

    @Test
    void anAdminReadsOneByItsId() throws Exception {
        JsonNode time = ok(get("/api/deployments/time"), 200);
        assertEquals("file", time.path("source").asText());
        assertEquals("isolated", time.path("sessionMode").asText());
    }

    @ParameterizedTest
    @CsvSource({"DELETE,/api/deployments/files,", "POST,/api/deployments/files/stop,", "POST,/api/deployments/files/start,",
            "POST,/api/deployments/time/restart,", "PUT,/api/deployments/files/env,{\"env\":{}}",
            "POST,/api/deployments/files/token,", "GET,/api/deployments/files/events,", "GET,/api/deployments/files/logs,"})
    void everyChangeAnswers409NamingTheFile(String method, String path, String body) throws Exception {
        var response = call(method, path, body);

        assertEquals(409, response.statusCode(), response.body());
        JsonNode problem = JSON.readTree(response.body());
        assertEquals("managed_by_file", problem.path("error").asText(), response.body());
        assertTrue(problem.path("message").asText().contains("deployments file"), response.body());
        assertTrue(problem.path("hint").asText().contains("restart Catwalk"), response.body());
        assertEquals(2, fake.fileDeployments.size());
    }

    private List<String> names(String path) throws Exception {
        List<String> names = new java.util.ArrayList<>();
        ok(get(path), 200).path("items").forEach(item -> names.add(item.path("name").asText()));
        return names;
    }
}

package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Fly runtime end to end on this host: Catwalk configured for Fly against a stateful stub of the Machines API,
 * where the "machine" is a real {@code catwalk runner} process started with exactly the environment the gateway
 * gave the machine. A deployment is created → its machine is created, given its secret, started → RUNNING → a tool
 * call goes client → gateway → runner → stdio server and back → delete destroys the machine. The runner's secret is
 * one the gateway derived, and the client's token never reaches the runner.
 */
class FlyEndToEndIT {

    private static final String EVERYTHING = "@modelcontextprotocol/server-everything";

    @TempDir
    Path temp;

    @Test
    void aDeploymentRunsOnItsMachinesRunnerAndTheGatewayForwardsToIt() throws Exception {
        int runnerPort;
        try (ServerSocket free = new ServerSocket(0)) {
            runnerPort = free.getLocalPort();
        }
        AnalysisStubs stubs = new AnalysisStubs();
        stubs.published("npm", EVERYTHING, "2026.8.31");
        try (FlyApiStub fly = new FlyApiStub()) {
            // Every machine's runner is reached at the one port this test's runner takes (the machine id rides in
            // the query, which the template must name and the runner ignores).
            AnalysisStubs.Serving serving = stubs.serve(temp, Map.of("FLY_API_TOKEN", "fly-test-token",
                    "CATWALK_FLY_APP", FlyApiStub.APP, "CATWALK_FLY_IMAGE", "registry.fly.io/catwalk-runners:test",
                    "CATWALK_RUNNER_KEY", "runner-key-".repeat(4), "CATWALK_FLY_API_URL", fly.api().toString(),
                    "CATWALK_FLY_RUNNER_URL", "http://127.0.0.1:" + runnerPort + "?machine={machine}"));
            try (serving) {
                ApiClient.Answer created = serving.api().post("/api/deployments", serving.admin(), Map.of(
                        "name", "on-fly", "package", Map.of("registry", "npm", "name", EVERYTHING,
                                "version", "2026.8.31")));
                assertEquals(201, created.status(), created.body().toString());
                String id = created.body().path("id").asText();
                String token = created.body().path("token").asText();
                // The machine boots: once Fly says it started, its runner starts with the env the gateway gave it.
                fly.awaitStarted("m1", Duration.ofSeconds(60));
                assertEquals(List.of("m1"), fly.machineIds());
                assertEquals("started", fly.state("m1"));
                assertTrue(fly.calls.containsAll(List.of("POST /v1/apps/" + FlyApiStub.APP + "/machines",
                        "POST /v1/apps/" + FlyApiStub.APP + "/machines/m1",
                        "POST /v1/apps/" + FlyApiStub.APP + "/machines/m1/start")), fly.calls.toString());

                Map<String, String> env = fly.runnerEnv("m1", runnerPort);
                assertTrue(env.containsKey("CATWALK_RUNNER_SPEC") && env.containsKey("CATWALK_RUNNER_SECRET"), env.keySet()
                        .toString());
                assertFalse(env.containsValue(token), "the deployment's token is not the machine's business");
                try (CatwalkProcess machine = CatwalkProcess.start(env, "runner")) {
                    machine.awaitServing(Duration.ofSeconds(60));
                    serving.api().awaitStatus(id, serving.admin(), "running", Duration.ofSeconds(60));
                    TestMcpClient client = new TestMcpClient(serving.api().base().resolve("/mcp/" + id), token)
                            .initialize();
                    JsonNode echoed = client.call("echo", "{\"message\":\"through a Fly machine\"}");
                    assertTrue(echoed.toString().contains("through a Fly machine"), echoed.toString());
                    assertFalse(machine.stderrText().contains(token), "the client's token never reaches the runner");
                    java.net.http.HttpResponse<String> status = java.net.http.HttpClient.newHttpClient().send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + runnerPort
                                    + "/status")).header("Authorization", "Bearer " + env.get("CATWALK_RUNNER_SECRET"))
                                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, status.statusCode(), status.body());
                    assertTrue(AnalysisStubs.JSON.readTree(status.body()).path("sessions").asInt() >= 1,
                            "the session lives on the machine's runner: " + status.body());
                }

                assertEquals(204, serving.api().delete("/api/deployments/" + id, serving.admin()).status());
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!fly.machineIds().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertEquals(List.of(), fly.machineIds(), "deleting the deployment destroys its machine: " + fly.calls);
                assertFalse(serving.process().stderrText().contains("fly-test-token"), "the Fly token is never logged");
            }
        } finally {
            stubs.close();
        }
    }
}

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
 * gave the machine. A deployment that asked to be suspended after a minute idle is created → its machine is
 * created, given its secret, started → RUNNING → a tool call goes client → gateway → runner → stdio server and back
 * → the runner dies → UNHEALTHY → the reconciler restarts the machine (in place) → RUNNING → a minute idle →
 * suspended (SUSPENDED) → the next call resumes it (the session kept, as Fly keeps a suspended machine's memory) →
 * stop destroys the machine; the Fly calls are checked in order. The runner's secret is one the gateway derived,
 * and the client's token never reaches the runner.
 */
class FlyEndToEndIT {

    private static final String EVERYTHING = "@modelcontextprotocol/server-everything";
    private static final String M1 = "/v1/apps/" + FlyApiStub.APP + "/machines/m1";

    @TempDir
    Path temp;

    @Test
    void aDeploymentRunsOnItsMachineIsRestartedWhenItsRunnerDiesAndIsSuspendedAndResumed() throws Exception {
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
                    "CATWALK_FLY_RUNNER_URL", "http://127.0.0.1:" + runnerPort + "?machine={machine}",
                    "CATWALK_HEALTH_INTERVAL", "1s"));
            try (serving) {
                ApiClient.Answer created = serving.api().post("/api/deployments", serving.admin(), Map.of(
                        "name", "on-fly", "package", Map.of("registry", "npm", "name", EVERYTHING,
                                "version", "2026.8.31"), "suspendAfterMinutes", 1));
                assertEquals(201, created.status(), created.body().toString());
                assertEquals(1, created.body().path("suspendAfterMinutes").asInt(), created.body().toString());
                String id = created.body().path("id").asText();
                String token = created.body().path("token").asText();
                // The machine boots: once Fly says it started, its runner starts with the env the gateway gave it.
                fly.awaitStarted("m1", Duration.ofSeconds(60));
                assertEquals(List.of("m1"), fly.machineIds());
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
                    assertTrue(runnerStatus(runnerPort, env).path("sessions").asInt() >= 1,
                            "the session lives on the machine's runner");
                }

                // The runner died (the machine still "started"): UNHEALTHY, then the reconciler restarts the machine.
                serving.api().awaitStatus(id, serving.admin(), "unhealthy", Duration.ofSeconds(30));
                fly.awaitCall("POST " + M1 + "/restart", Duration.ofSeconds(60));
                try (CatwalkProcess machine = CatwalkProcess.start(env, "runner")) {
                    machine.awaitServing(Duration.ofSeconds(60));
                    fly.started("m1"); // the machine is back up
                    serving.api().awaitStatus(id, serving.admin(), "running", Duration.ofSeconds(60));
                    TestMcpClient client = new TestMcpClient(serving.api().base().resolve("/mcp/" + id), token)
                            .initialize();
                    assertTrue(client.call("echo", "{\"message\":\"after a restart\"}").toString()
                            .contains("after a restart"));

                    // A minute without requests: suspended, and shown so.
                    serving.api().awaitStatus(id, serving.admin(), "suspended", Duration.ofSeconds(120));
                    assertEquals("suspended", fly.state("m1"));
                    // The next call resumes the machine first; the session survived, as a suspended machine's does.
                    JsonNode resumed = client.call("echo", "{\"message\":\"after a nap\"}");
                    assertTrue(resumed.toString().contains("after a nap"), resumed.toString());
                    assertEquals("started", fly.state("m1"));
                    serving.api().awaitStatus(id, serving.admin(), "running", Duration.ofSeconds(30));
                    String events = serving.api().get("/api/deployments/" + id + "/events", serving.admin()).body()
                            .toString();
                    assertTrue(events.contains("suspended after 1 idle minute(s)") && events.contains(
                            "resumed by a request") && events.contains("restarting it"), events);

                    assertEquals(200, serving.api().post("/api/deployments/" + id + "/stop", serving.admin(),
                            Map.of()).status());
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (!fly.machineIds().isEmpty() && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                }
                assertEquals(List.of(), fly.machineIds(), "stopping the deployment destroys its machine");
                String machines = "POST /v1/apps/" + FlyApiStub.APP + "/machines";
                assertEquals(List.of(machines, "POST " + M1, "POST " + M1 + "/start", "POST " + M1 + "/restart",
                        "POST " + M1 + "/suspend", "POST " + M1 + "/start", "POST " + M1 + "/stop", "DELETE " + M1),
                        fly.actions(), "the Fly calls, in order");
                assertEquals(204, serving.api().delete("/api/deployments/" + id, serving.admin()).status());
                assertFalse(serving.process().stderrText().contains("fly-test-token"), "the Fly token is never logged");
            }
        } finally {
            stubs.close();
        }
    }

    private static JsonNode runnerStatus(int port, Map<String, String> env) throws Exception {
        java.net.http.HttpResponse<String> status = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/status"))
                        .header("Authorization", "Bearer " + env.get("CATWALK_RUNNER_SECRET")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, status.statusCode(), status.body());
        return AnalysisStubs.JSON.readTree(status.body());
    }
}

package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import live.catwalk.bootstrap.testing.TestTools;

/**
 * Catwalk's Fly data plane on this host: the gateway ({@code catwalk serve}) configured for Fly against a
 * {@link FlyApiStub}, and each deployment's machine played by a real {@code catwalk runner} started with the env the
 * gateway gave the machine once the stub says Fly started it. Every machine's runner is reached at the one port
 * this plane took (the machine id rides in the URL template's query, which the runner ignores), so one deployment
 * at a time can have its runner. Closing it stops the runners, the gateway and the stubs.
 */
final class FlyDataPlane implements AutoCloseable {

    /** How long a step of setting up (a process serving, a machine started, a deployment running) may take. */
    static final Duration SET_UP_WITHIN = Duration.ofSeconds(60);

    final FlyApiStub fly;
    final AnalysisStubs.Serving serving;
    private final AnalysisStubs stubs;
    private final int runnerPort;
    private final List<CatwalkProcess> runners = new ArrayList<>();

    /** A deployment running on its machine's runner: its id, its token, its machine and that runner's process. */
    record Deployed(String id, String token, String machine, CatwalkProcess runner) {
    }

    private FlyDataPlane(AnalysisStubs stubs, FlyApiStub fly, AnalysisStubs.Serving serving, int runnerPort) {
        this.stubs = stubs;
        this.fly = fly;
        this.serving = serving;
        this.runnerPort = runnerPort;
    }

    /** Starts the stubs and the gateway (home and admin token under {@code dir}), with {@code extra} in its env. */
    static FlyDataPlane start(Path dir, Map<String, String> extra) throws Exception {
        int runnerPort;
        try (ServerSocket free = new ServerSocket(0)) {
            runnerPort = free.getLocalPort();
        }
        AnalysisStubs stubs = new AnalysisStubs();
        FlyApiStub fly = null;
        try {
            fly = new FlyApiStub();
            Map<String, String> env = new HashMap<>(Map.of("FLY_API_TOKEN", "fly-test-token",
                    "CATWALK_FLY_APP", FlyApiStub.APP, "CATWALK_FLY_IMAGE", "registry.fly.io/catwalk-runners:test",
                    "CATWALK_RUNNER_KEY", "runner-key-".repeat(4), "CATWALK_FLY_API_URL", fly.api().toString(),
                    "CATWALK_FLY_RUNNER_URL", "http://127.0.0.1:" + runnerPort + "?machine={machine}"));
            env.putAll(extra);
            return new FlyDataPlane(stubs, fly, stubs.serve(dir, env), runnerPort);
        } catch (Exception | Error e) {
            if (fly != null) {
                fly.close();
            }
            stubs.close();
            throw e;
        }
    }

    /** A request creating a deployment of server-everything (pinned in test-tools) run over stdio by its Node. */
    static Map<String, Object> everything(String name) {
        TestTools tools = TestTools.get();
        return Map.of("name", name, "command", List.of(tools.node().toString(), tools.serverEverything().toString(),
                "stdio"));
    }

    /**
     * Creates the deployment {@code request} describes as the admin, starts its machine's runner once Fly started
     * the machine, and waits for the deployment to be running.
     */
    Deployed deploy(Map<String, Object> request) throws Exception {
        ApiClient.Answer created = serving.api().post("/api/deployments", serving.admin(), request);
        assertEquals(201, created.status(), created.body().toString());
        String id = created.body().path("id").asText();
        String machine = fly.awaitStartedMachineOf(id, SET_UP_WITHIN);
        CatwalkProcess runner = CatwalkProcess.start(fly.runnerEnv(machine, runnerPort), "runner");
        runners.add(runner);
        runner.awaitServing(SET_UP_WITHIN);
        serving.api().awaitStatus(id, serving.admin(), "running", SET_UP_WITHIN);
        return new Deployed(id, created.body().path("token").asText(), machine, runner);
    }

    /** The gateway's MCP endpoint of {@code deployment}. */
    URI mcp(Deployed deployment) {
        return serving.api().base().resolve("/mcp/" + deployment.id());
    }

    @Override
    public void close() {
        runners.reversed().forEach(CatwalkProcess::close);
        serving.close();
        fly.close();
        stubs.close();
    }
}

package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stray machines destroyed end to end: a machine at Fly whose {@code catwalk_deployment} names a deployment this
 * Catwalk does not have (left by a crash, or by a deployment deleted while its machine could not be destroyed) is
 * destroyed by the gateway's periodic look ({@code CATWALK_FLY_STRAY_INTERVAL}, shortened here), while a wanted
 * deployment's machine stays and keeps serving. The strays are stopped machines, which the reconciler does not count
 * among running deployments: only the look for strays can find them.
 */
class FlyStraysIT {

    private static final String MACHINES = "/v1/apps/" + FlyApiStub.APP + "/machines/";

    @TempDir
    Path temp;

    @Test
    void aMachineNamingNoDeploymentIsDestroyedWhileAWantedDeploymentsMachineStays() throws Exception {
        try (FlyDataPlane plane = FlyDataPlane.start(temp, Map.of("CATWALK_FLY_STRAY_INTERVAL", "1s"))) {
            FlyDataPlane.Deployed wanted = plane.deploy(FlyDataPlane.everything("wanted"));

            plane.fly.put("stray1", "stopped", "deleted-deployment");
            awaitDestroyed(plane.fly, "stray1");
            // Looks never overlap: once a second stray is gone, the look that destroyed the first one was over.
            plane.fly.put("stray2", "stopped", "another-deleted-deployment");
            awaitDestroyed(plane.fly, "stray2");

            List<String> deleted = plane.fly.calls.stream().filter(call -> call.startsWith("DELETE ")).toList();
            assertEquals(List.of("DELETE " + MACHINES + "stray1", "DELETE " + MACHINES + "stray2"), deleted,
                    "only the strays are destroyed: " + plane.fly.calls);
            assertEquals("started", plane.fly.state(wanted.machine()));
            JsonNode echoed = new TestMcpClient(plane.mcp(wanted), wanted.token()).initialize()
                    .call("echo", "{\"message\":\"still here\"}");
            assertTrue(echoed.toString().contains("still here"), echoed.toString());
        }
    }

    private static void awaitDestroyed(FlyApiStub fly, String machine) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"destroyed".equals(fly.state(machine)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals("destroyed", fly.state(machine), "the stray " + machine + " is destroyed: " + fly.calls);
    }
}

package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users' own Fly tokens, end to end on this host: Catwalk configured for Fly against a stub of the Machines API that
 * serves the operator's app and a user's app, each accepting its own token only. A user with their own token and app
 * gets their machine in their app, every call for it made with their token; the admin's deployment stays in the
 * operator's app with the operator's token; a user with a token but no app, and one whose token Fly refuses, get a
 * FAILED deployment saying what to fix; no token ever shows in Catwalk's output or answers. No runner is started:
 * the machines' runners are not needed to show where they were made and with which token.
 */
class FlyOwnTokenIT {

    private static final String EVERYTHING = "@modelcontextprotocol/server-everything";
    private static final String OPERATOR_TOKEN = "fly-operator-SECRET-1";
    private static final String ADA_APP = "ada-mcp";
    private static final String ADA_TOKEN = "fly-ada-SECRET-2";
    private static final String WRONG_TOKEN = "fly-wrong-SECRET-3";

    @TempDir
    Path temp;

    @Test
    void aUsersOwnTokenAndAppRunTheirDeploymentsTheAdminsStayOnTheOperatorsApp() throws Exception {
        int noRunner;
        try (ServerSocket free = new ServerSocket(0)) {
            noRunner = free.getLocalPort();
        }
        AnalysisStubs stubs = new AnalysisStubs();
        stubs.published("npm", EVERYTHING, "2026.8.31");
        try (FlyApiStub fly = new FlyApiStub(FlyApiStub.APP, ADA_APP)
                .accepting(FlyApiStub.APP, "Bearer " + OPERATOR_TOKEN).accepting(ADA_APP, "Bearer " + ADA_TOKEN)) {
            AnalysisStubs.Serving serving = stubs.serve(temp, Map.of("FLY_API_TOKEN", OPERATOR_TOKEN,
                    "CATWALK_FLY_APP", FlyApiStub.APP, "CATWALK_FLY_IMAGE", "registry.fly.io/catwalk-runners:test",
                    "CATWALK_RUNNER_KEY", "runner-key-".repeat(4), "CATWALK_FLY_API_URL", fly.api().toString(),
                    "CATWALK_FLY_RUNNER_URL", "http://127.0.0.1:" + noRunner + "?machine={machine}"));
            try (serving) {
                ApiClient api = serving.api();
                String ada = user(api, serving.admin(), "ada");
                ApiClient.Answer settings = api.put("/api/settings", ada, Map.of("flyApiToken", ADA_TOKEN,
                        "flyApp", ADA_APP));
                assertEquals(200, settings.status(), settings.body().toString());
                assertFalse(settings.raw().body().contains("SECRET") || settings.raw().body().contains(ADA_APP));

                String adas = deploy(api, ada, "adas");
                String admins = deploy(api, serving.admin(), "admins");
                fly.awaitStarted(ADA_APP, "m1", Duration.ofSeconds(60));
                fly.awaitStarted(FlyApiStub.APP, "m1", Duration.ofSeconds(60));

                assertEquals(List.of("m1"), fly.machineIds(ADA_APP), fly.calls.toString());
                assertEquals(adas, fly.deployment(ADA_APP, "m1"), "ada's machine is in her app");
                assertEquals(List.of("m1"), fly.machineIds(FlyApiStub.APP), fly.calls.toString());
                assertEquals(admins, fly.deployment(FlyApiStub.APP, "m1"), "the admin's is in the operator's");
                assertEquals(Set.of("Bearer " + ADA_TOKEN), authorizations(fly, ADA_APP),
                        "every call in ada's app carries her token");
                assertEquals(Set.of("Bearer " + OPERATOR_TOKEN), authorizations(fly, FlyApiStub.APP),
                        "every call in the operator's app carries the operator's token");
                assertTrue(fly.calls.containsAll(List.of("POST /v1/apps/" + ADA_APP + "/machines",
                        "POST /v1/apps/" + ADA_APP + "/machines/m1/start")), fly.calls.toString());

                // A token without an app: FAILED, saying which setting to set; never the operator's app instead.
                String cy = user(api, serving.admin(), "cy");
                assertEquals(200, api.put("/api/settings", cy, Map.of("flyApiToken", WRONG_TOKEN)).status());
                String cys = deploy(api, cy, "cys");
                api.awaitStatus(cys, cy, "failed", Duration.ofSeconds(60));
                String cyReason = api.get("/api/deployments/" + cys, cy).body().path("reason").asText();
                assertTrue(cyReason.contains("set flyApp"), cyReason);

                // A token Fly refuses: FAILED with Fly's answer and the user's setting to check.
                String dee = user(api, serving.admin(), "dee");
                assertEquals(200, api.put("/api/settings", dee, Map.of("flyApiToken", WRONG_TOKEN,
                        "flyApp", ADA_APP)).status());
                String dees = deploy(api, dee, "dees");
                api.awaitStatus(dees, dee, "failed", Duration.ofSeconds(60));
                String deeReason = api.get("/api/deployments/" + dees, dee).body().path("reason").asText();
                assertTrue(deeReason.contains("HTTP 401") && deeReason.contains("check flyApiToken"), deeReason);
                assertEquals(List.of("m1"), fly.machineIds(FlyApiStub.APP), "no fallback to the operator's app");

                assertEquals(204, api.delete("/api/deployments/" + adas, ada).status());
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!fly.machineIds(ADA_APP).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertEquals(List.of(), fly.machineIds(ADA_APP), "deleting destroys her machine: " + fly.calls);
                assertTrue(fly.exchanges.contains(new FlyApiStub.Exchange(ADA_APP, "DELETE",
                        "/v1/apps/" + ADA_APP + "/machines/m1", "Bearer " + ADA_TOKEN)), fly.exchanges.toString());

                String output = serving.process().stdout() + "\n" + serving.process().stderrText() + "\n"
                        + api.get("/api/deployments/" + cys + "/events", cy).raw().body()
                        + api.get("/api/deployments/" + dees + "/events", dee).raw().body();
                assertFalse(output.contains("SECRET"), "no Fly token is ever printed or answered");
            }
        } finally {
            stubs.close();
        }
    }

    /** A new plain user's personal token. */
    private static String user(ApiClient api, String admin, String name) throws Exception {
        ApiClient.Answer created = api.post("/api/users", admin, Map.of("name", name));
        assertEquals(201, created.status(), created.body().toString());
        return created.body().path("token").asText();
    }

    private static String deploy(ApiClient api, String token, String name) throws Exception {
        ApiClient.Answer created = api.post("/api/deployments", token, Map.of("name", name, "package",
                Map.of("registry", "npm", "name", EVERYTHING, "version", "2026.8.31")));
        assertEquals(201, created.status(), created.body().toString());
        return created.body().path("id").asText();
    }

    private static Set<String> authorizations(FlyApiStub fly, String app) {
        return fly.exchanges.stream().filter(e -> e.app().equals(app)).map(FlyApiStub.Exchange::authorization)
                .collect(Collectors.toSet());
    }
}

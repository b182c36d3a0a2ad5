package live.catwalk.bootstrap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.shared.domain.SessionMode;
import org.junit.jupiter.api.Test;

class RunnerSettingsTest {

    private static final String SECRET = "S3cretS3cretS3cretS3cretS3cretS3cret";
    private static final String VALUE = "sk-live-value-4711";

    static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> env(String spec) {
        Map<String, String> env = new HashMap<>();
        env.put("CATWALK_RUNNER_SPEC", spec);
        env.put("CATWALK_RUNNER_SECRET", SECRET);
        return env;
    }

    private static String failure(Map<String, String> env) {
        String message = assertThrows(ConfigException.class, () -> RunnerSettings.fromEnvironment(env)).getMessage();
        assertFalse(message.contains(SECRET), message);
        assertFalse(message.contains(VALUE), message);
        return message;
    }

    @Test
    void readsAValidSpecWithTheDefaultBind() {
        RunnerSettings s = RunnerSettings.fromEnvironment(env(encode("{\"deployment\":\"dep-1\",\"argv\":[\"npx\","
                + "\"-y\",\"@scope/pkg@1.2.3\"],\"env\":{\"API_KEY\":\"" + VALUE + "\"},\"sessionMode\":\"isolated\"}")));
        assertEquals("dep-1", s.deployment().value());
        assertEquals(List.of("npx", "-y", "@scope/pkg@1.2.3"), s.argv());
        assertEquals(Map.of("API_KEY", VALUE), s.env());
        assertEquals(SessionMode.ISOLATED, s.sessionMode());
        assertEquals(SECRET, s.secret());
        assertEquals("0.0.0.0", s.host());
        assertEquals(8080, s.port());
        assertFalse(s.toString().contains(SECRET) || s.toString().contains(VALUE), s.toString());
    }

    @Test
    void sharedWithoutVariablesWhenLeftOutAndAnyBindGiven() {
        Map<String, String> env = env(encode("{\"deployment\":\"d\",\"argv\":[\"node\"]}"));
        env.put("CATWALK_RUNNER_BIND", "[::1]:0");
        RunnerSettings s = RunnerSettings.fromEnvironment(env);
        assertEquals(SessionMode.SHARED, s.sessionMode());
        assertEquals(Map.of(), s.env());
        assertEquals("::1", s.host());
        assertEquals(0, s.port());
    }

    @Test
    void appliesTheGatewaysMcpLimitsReadAsServeReadsThem() {
        Map<String, String> env = env(encode("{\"deployment\":\"d\",\"argv\":[\"node\"]}"));
        assertEquals(GatewayLimits.defaults(), RunnerSettings.fromEnvironment(env).limits());

        env.putAll(McpLimits.variables(new GatewayLimits(7, 1024, 5000, 8L << 20,
                GatewayLimits.defaults().unreadTailBytes(), 3, Duration.ofMinutes(2))));
        GatewayLimits limits = RunnerSettings.fromEnvironment(env).limits();
        assertEquals(List.of(7, 1024, 5000, 8L << 20, 3, Duration.ofMinutes(2)), List.of(limits.maxBatch(),
                limits.maxInFlightPerSession(), limits.maxInFlightPerDeployment(), limits.retainedBytes(),
                limits.maxSessionsPerUser(), limits.inputWait()));

        env.put("CATWALK_MAX_INFLIGHT_PER_SESSION", "0");
        assertTrue(failure(env).contains("CATWALK_MAX_INFLIGHT_PER_SESSION"), failure(env));
    }

    @Test
    void refusesBadBase64() {
        assertTrue(failure(env("not*base64!" + VALUE)).contains("CATWALK_RUNNER_SPEC: Not base64url-encoded UTF-8"));
    }

    @Test
    void refusesBadJsonWithoutQuotingIt() {
        String message = failure(env(encode("{\"deployment\":\"d\",\"env\":{\"K\":\"" + VALUE + "\"")));
        assertTrue(message.contains("CATWALK_RUNNER_SPEC: Not a JSON object"), message);
        assertTrue(failure(env(encode("[\"" + VALUE + "\"]"))).contains("Not a JSON object"));
    }

    @Test
    void listsEveryMissingOrMalformedField() {
        String message = failure(env(encode("{\"env\":{\"1BAD\":\"" + VALUE + "\"},\"sessionMode\":\"" + VALUE + "\"}")));
        assertTrue(message.contains("'deployment' is missing"), message);
        assertTrue(message.contains("'argv' is missing"), message);
        assertTrue(message.contains("'env' has a name"), message);
        assertTrue(message.contains("'sessionMode' is neither"), message);
        assertTrue(failure(env(encode("{\"deployment\":\"../x\",\"argv\":[\"node\",1]}"))).contains("'argv'"));
        assertTrue(failure(env(encode("{\"deployment\":\"d\",\"argv\":[\"node\"],\"env\":{\"K\":1}}")))
                .contains("'env'"));
    }

    @Test
    void refusesAMissingOrShortSecretWithoutEchoingIt() {
        Map<String, String> env = env(encode("{\"deployment\":\"d\",\"argv\":[\"node\"]}"));
        env.put("CATWALK_RUNNER_SECRET", VALUE);
        String message = failure(env);
        assertTrue(message.contains("CATWALK_RUNNER_SECRET: Not a runner secret"), message);
        env.remove("CATWALK_RUNNER_SECRET");
        assertTrue(failure(env).contains("CATWALK_RUNNER_SECRET: Missing"));
        env.put("CATWALK_RUNNER_SECRET", SECRET + "!");
        assertTrue(failure(env).contains("CATWALK_RUNNER_SECRET"));
    }

    @Test
    void refusesABadBindWithoutEchoingIt() {
        Map<String, String> env = env(encode("{\"deployment\":\"d\",\"argv\":[\"node\"]}"));
        for (String bind : List.of(VALUE, "host:" + VALUE, ":9999", "0.0.0.0:65536", "a b:80")) {
            env.put("CATWALK_RUNNER_BIND", bind);
            String message = failure(env);
            assertTrue(message.contains("CATWALK_RUNNER_BIND: Not a host:port"), message);
            assertFalse(message.contains(bind), message);
        }
    }
}

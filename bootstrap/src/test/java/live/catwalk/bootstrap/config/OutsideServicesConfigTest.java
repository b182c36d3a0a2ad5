package live.catwalk.bootstrap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import live.catwalk.core.account.domain.SignUpPolicy;
import org.junit.jupiter.api.Test;

/** The settings of what Catwalk reaches on the outside: GitHub sign-in's OAuth app and the Fly.io runtime. */
class OutsideServicesConfigTest {

    @Test
    void gitHubSignInIsOffUnlessBothTheClientIdAndSecretAreSetAndSignUpIsByInvitation() {
        SignInSettings none = CatwalkConfig.defaults().signIn();
        assertTrue(none.clientId().isEmpty() && none.clientSecret().isEmpty());
        assertEquals(SignUpPolicy.inviteOnly(), none.policy());
        assertTrue(none.github().toString().startsWith("https://github.com"), none.github().toString());

        SignInSettings on = CatwalkConfig.fromEnvironment(Map.of("CATWALK_GITHUB_CLIENT_ID", "Ov23liAbc.1",
                "CATWALK_GITHUB_CLIENT_SECRET", "s3cret-value", "CATWALK_SIGNUP", "GitHub",
                "CATWALK_SIGNUP_ALLOW", " ada , Acme-Corp ,")).signIn();
        assertEquals("Ov23liAbc.1", on.clientId().orElseThrow());
        assertEquals(new SignUpPolicy(SignUpPolicy.Mode.GITHUB, Set.of("ada", "acme-corp")), on.policy());
        assertFalse(on.toString().contains("s3cret-value"), on.toString());

        for (String alone : new String[] {"CATWALK_GITHUB_CLIENT_ID", "CATWALK_GITHUB_CLIENT_SECRET"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> CatwalkConfig.fromEnvironment(Map.of(alone,
                    "Iv1.only-one-0123")));
            String missing = alone.endsWith("_ID") ? "CATWALK_GITHUB_CLIENT_SECRET" : "CATWALK_GITHUB_CLIENT_ID";
            assertEquals(missing, e.problems().getFirst().field().orElseThrow(), e.getMessage());
            assertFalse(e.getMessage().contains("only-one"), "a secret is not repeated: " + e.getMessage());
        }
    }

    @Test
    void flyIsOnWithTokenAppAndImageTogetherAndARunnerKeyAndOffWithNone() {
        assertTrue(CatwalkConfig.defaults().fly().isEmpty(), "the local runtime by default");
        Map<String, String> fly = Map.of("FLY_API_TOKEN", "FlyV1 fm2_secret-token", "CATWALK_FLY_APP", "catwalk-runners",
                "CATWALK_FLY_IMAGE", "registry.fly.io/catwalk-runners:1", "CATWALK_RUNNER_KEY", "k".repeat(40),
                "CATWALK_FLY_REGION", "ams");
        FlySettings on = CatwalkConfig.fromEnvironment(fly).fly().orElseThrow();
        assertEquals("catwalk-runners", on.app());
        assertEquals("ams", on.region().orElseThrow());
        assertEquals("http://{machine}.vm.{app}.internal:8080", on.runnerUrl());
        assertFalse(on.toString().contains("fm2_secret-token") || on.toString().contains("kkkk"), on.toString());

        Map<String, String> noImage = new java.util.HashMap<>(fly);
        noImage.remove("CATWALK_FLY_IMAGE");
        ConfigException partial = assertThrows(ConfigException.class, () -> CatwalkConfig.fromEnvironment(noImage));
        assertEquals("CATWALK_FLY_IMAGE", partial.problems().getFirst().field().orElseThrow());
        assertFalse(partial.getMessage().contains("fm2_secret-token"), partial.getMessage());
        Map<String, String> noKey = new java.util.HashMap<>(fly);
        noKey.remove("CATWALK_RUNNER_KEY");
        ConfigException keyless = assertThrows(ConfigException.class, () -> CatwalkConfig.fromEnvironment(noKey));
        assertEquals("CATWALK_RUNNER_KEY", keyless.problems().getFirst().field().orElseThrow());
    }

    @Test
    void aRunnerHasTenMinutesToStartAnsweringUnlessTheAnswerTimeoutSaysOtherwiseWithinFiveSecondsToAnHour() {
        Map<String, String> fly = Map.of("FLY_API_TOKEN", "fm2_token", "CATWALK_FLY_APP", "catwalk-runners",
                "CATWALK_FLY_IMAGE", "registry.fly.io/catwalk-runners:1", "CATWALK_RUNNER_KEY", "k".repeat(40));
        assertEquals(Duration.ofMinutes(10), CatwalkConfig.fromEnvironment(fly).fly().orElseThrow().answerTimeout());
        for (var valid : Map.of("90s", Duration.ofSeconds(90), "5s", Duration.ofSeconds(5), "1h", Duration.ofHours(1),
                "45M", Duration.ofMinutes(45)).entrySet()) {
            assertEquals(valid.getValue(), CatwalkConfig.fromEnvironment(with(fly, "CATWALK_FLY_ANSWER_TIMEOUT",
                    valid.getKey())).fly().orElseThrow().answerTimeout(), valid.getKey());
        }
        for (String bad : new String[] {"soon", "4s", "61m", "2h", "-5s", "10"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> CatwalkConfig.fromEnvironment(with(fly,
                    "CATWALK_FLY_ANSWER_TIMEOUT", bad)), bad);
            assertEquals(1, e.problems().size(), e.getMessage());
            assertEquals("CATWALK_FLY_ANSWER_TIMEOUT", e.problems().getFirst().field().orElseThrow());
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("from 5s to 1h"),
                    e.getMessage());
        }
    }

    @Test
    void strayMachinesAreLookedForEveryFiveMinutesUnlessTheIntervalSaysOtherwiseWithinOneSecondToADay() {
        Map<String, String> fly = Map.of("FLY_API_TOKEN", "fm2_token", "CATWALK_FLY_APP", "catwalk-runners",
                "CATWALK_FLY_IMAGE", "registry.fly.io/catwalk-runners:1", "CATWALK_RUNNER_KEY", "k".repeat(40));
        assertEquals(Duration.ofMinutes(5), CatwalkConfig.fromEnvironment(fly).fly().orElseThrow().strayInterval());
        assertEquals(Duration.ofSeconds(1), CatwalkConfig.fromEnvironment(with(fly, "CATWALK_FLY_STRAY_INTERVAL", "1s"))
                .fly().orElseThrow().strayInterval());
        assertEquals(Duration.ofHours(24), CatwalkConfig.fromEnvironment(with(fly, "CATWALK_FLY_STRAY_INTERVAL", "1d"))
                .fly().orElseThrow().strayInterval());
        for (String bad : new String[] {"often", "500ms", "25h", "0s"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> CatwalkConfig.fromEnvironment(with(fly,
                    "CATWALK_FLY_STRAY_INTERVAL", bad)), bad);
            assertEquals("CATWALK_FLY_STRAY_INTERVAL", e.problems().getFirst().field().orElseThrow(), e.getMessage());
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("from 1s to 24h"),
                    e.getMessage());
        }
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> changed = new java.util.HashMap<>(env);
        changed.put(name, value);
        return changed;
    }
}
